import pytest

from tests.corpus import SHAPES
from vaultkit.config import Config
from vaultkit.parse.note import parse_note


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_each_note_shape_reads_with_exactly_its_diagnostics(shape):
    note = parse_note(f"People/{shape.name}.md", shape.content, Config())
    assert {(d.line, d.code) for d in note.diagnostics} == set(shape.diagnostics)
    # A binary file saved as .md (a picture) is no contact, even in People/; every note is one.
    assert (note.contact is None) == (shape.name == "binary")
    for attribute, value in shape.expect.items():
        assert getattr(note.contact, attribute) == value, attribute


def test_corpus_is_large_enough():
    assert len(SHAPES) >= 30
