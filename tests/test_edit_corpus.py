"""Every edit on every note shape of the reader's corpus: either only the intended lines change,
or the edit is refused and the note is left byte-identical."""

import difflib
import re
from datetime import date

import pytest

from tests.corpus import SHAPES
from vaultkit.config import Config
from vaultkit.edit import editor as edit
from vaultkit.edit.editor import EditRefused
from vaultkit.edit.fieldinput import NewLogEntry
from vaultkit.parse.note import parse_note

CONFIG = Config()
UNREADABLE = {
    "unclosed",
    "list-front-matter",
    "scalar-front-matter",
    "tab-indent",
    "invalid-yaml",
    "bad-indentation",
    "control-character",
    "latin1",
    "binary",
    "nul-in-front-matter",
    "toml-front-matter",
    "python-tag",
    "deeply-nested",
    "alias-bomb",
    "huge-front-matter",
}

EDITS = {
    # name: (what it does, the key it may touch, shapes it must refuse beyond the unreadable ones)
    "set-new-key": (
        lambda path, data: edit.set_field(path, data, "role", "Kuratorin: Öl", CONFIG),
        "role",
        {"multi-line-value"},
    ),
    "set-existing-key": (
        lambda path, data: edit.set_field(path, data, "circle", "inner", CONFIG),
        "circle",
        {"duplicate-keys", "list-where-a-value-belongs", "one-item-list-is-its-value"},
    ),
    "set-aliased-field": (
        lambda path, data: edit.set_field(path, data, "birthday", "--05-17", CONFIG),
        "birth(day|date)",
        {"alias-and-field-both"},
    ),
    "log": (
        lambda path, data: edit.add_log_entry(
            path, data, NewLogEntry(date(2026, 11, 21), "talked", "call", "gave"), CONFIG
        ),
        "last[_ ]contact",
        {"invalid-date"},
    ),
}
LOG_LINES = re.compile(r"[-*+] 2026-11-21 call: talked #gave|## Log|")


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").removeprefix("\ufeff").split("\n")


def endings(data: bytes) -> set[str]:
    return {"\r\n" if line.endswith(b"\r") else "\n" for line in data.split(b"\n")[:-1]}


@pytest.mark.parametrize("edit_name", EDITS)
@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_only_the_intended_lines_change_or_the_edit_is_refused(shape, edit_name):
    plan, key, refused = EDITS[edit_name]
    path = f"People/{shape.name}.md"
    try:
        result = plan(path, shape.content)
    except EditRefused as exc:
        assert shape.name in UNREADABLE | refused, f"refused: {exc}"
        assert str(exc).startswith(f"{path}:")
        return
    assert shape.name not in UNREADABLE | refused, "an unsafe edit was not refused"
    assert result.before == shape.content
    before, after = result.before, result.after

    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert after.endswith(b"\n") == before.endswith(b"\n") or not before
    assert endings(after) <= (endings(before) or {"\n"})
    old, new = [line.rstrip("\r") for line in lines(before)], [line.rstrip("\r") for line in lines(after)]
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    touches_key = re.compile(rf"[\"']?({key})[\"']?\s*:")
    assert all(touches_key.match(line) for line in removed), removed
    had_front_matter = old[0].rstrip() == "---"
    for line in added:
        assert (
            touches_key.match(line)
            or (line == "---" and not had_front_matter)
            or (edit_name == "log" and LOG_LINES.fullmatch(line))
        ), line
    assert len(removed) <= 1 and len(added) <= 1 + 2 * (not had_front_matter) + 3 * (edit_name == "log")

    before_note, after_note = (parse_note(path, data, CONFIG) for data in (before, after))
    new_codes = {d.code for d in after_note.diagnostics} - {d.code for d in before_note.diagnostics}
    assert not new_codes, "an edit introduced a problem"
    changed = {
        "set-new-key": "role",
        "set-existing-key": "circle",
        "set-aliased-field": "birthday",
        "log": "last_contact",
    }[edit_name]
    for attribute, value in shape.expect.items():
        if attribute != changed:
            assert getattr(after_note.contact, attribute) == value, attribute


def test_the_corpus_covers_at_least_30_shapes_and_most_are_editable():
    assert len(SHAPES) >= 30
    assert len([s for s in SHAPES if s.name not in UNREADABLE]) >= 30
