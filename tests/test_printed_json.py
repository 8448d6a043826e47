"""JSON as vaultkit prints it: the text json.dumps gives, made in pieces, lists made as written."""

import gc
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.content import PIECE
from vaultkit.words import printable_json, printed_json

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def dumped(document):
    return printable_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def as_iterators(value):
    """`value` with every list in it an iterator."""
    if isinstance(value, list):
        return iter([as_iterators(each) for each in value])
    if isinstance(value, dict):
        return {key: as_iterators(each) for key, each in value.items()}
    return value


@settings(max_examples=300)
@given(documents)
def test_the_text_is_what_json_dumps_writes_with_unprintable_characters_escaped(document):
    assert b"".join(printed_json(document)).decode("utf-8") == dumped(document)


@settings(max_examples=200)
@given(documents)
def test_a_list_given_as_an_iterator_is_written_as_the_list(document):
    assert b"".join(printed_json(as_iterators(document))).decode("utf-8") == dumped(document)


def test_keys_and_numbers_are_written_as_json_writes_them():
    document = {1: True, 2.5: None, False: [math.nan, -math.inf, 1e16, -0.0, 10**30], "": {}, "x": [[]]}
    assert b"".join(printed_json(document)).decode() == dumped(document)


def test_a_terminal_control_character_is_escaped_even_where_a_piece_ends():
    document = ["\u202e" * 10, *["a" * 1000 + "\u2028" for _ in range(1000)]]
    text = b"".join(printed_json(document)).decode()
    assert "\u202e" not in text and "\u2028" not in text and json.loads(text) == document


def test_a_large_document_comes_in_pieces_each_made_when_asked_for():
    made = []

    def items():
        for number in range(20_000):
            made.append(number)
            yield {"number": number, "text": "x" * 40}

    pieces = printed_json({"items": items()})
    first = next(pieces)
    assert PIECE <= len(first) < 2 * PIECE and 0 < len(made) < 20_000
    rest = list(pieces)
    assert len(rest) > 3 and all(len(piece) < 2 * PIECE for piece in rest)
    assert json.loads(b"".join([first, *rest]))["items"][-1]["number"] == 19_999


def test_writing_leaves_no_reference_cycle_behind():
    """One-shot runs keep the cycle collector off: json.dumps of each item would leave one
    behind for every item."""
    document = {
        "items": iter([{"n": number, "tags": ["a", "b"], "rule": {"every": "2w"}} for number in range(500)])
    }
    gc.collect()
    gc.disable()
    try:
        for _ in printed_json(document):
            pass
        assert gc.collect() < 50
    finally:
        gc.enable()
