"""Generated notes and edits: the diff touches only the intended lines, and the note reads back
with exactly the intended values."""

import difflib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.config import Config
from vaultkit.edit import editor as edit
from vaultkit.edit import yamltext
from vaultkit.edit.editor import EditRefused
from vaultkit.edit.fieldinput import InvalidValue, NewLogEntry, log_line
from vaultkit.parse import frontmatter
from vaultkit.parse.note import parse_note

CONFIG = Config()
PATH = "People/A.md"
KEYS = ["name", "circle", "role", "location", "phone", "last_contact", "shoe size"]

text = st.text(
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    ),
    max_size=20,
)
words = st.text(
    st.characters(whitelist_categories=("L", "N"), whitelist_characters=" #:-'\"[]"), min_size=1, max_size=20
)
days = st.dates(date(2000, 1, 1), date(2030, 12, 31))


@st.composite
def key_lines(draw, key):
    """One top-level key and its value, written in one of the ways people write them."""
    form = draw(st.sampled_from(["scalar", "empty", "flow-list", "block-list"]))
    comment = draw(st.sampled_from(["", " # note", "     # aligned"]))
    if form == "scalar":
        value = draw(st.one_of(text, days.map(str)))
        return [
            f"{key}: {yamltext.scalar(value, draw(st.sampled_from(['plain', 'single', 'double'])))}{comment}"
        ]
    if form == "empty":
        return [f"{key}:{comment}"]
    items = draw(st.lists(words, min_size=1, max_size=3))
    if form == "flow-list":
        return [f"{key}: {yamltext.flow_list(items)}{comment}"]
    return [f"{key}:{comment}"] + [f"  - {yamltext.scalar(item)}" for item in items]


@st.composite
def notes(draw):
    lines = []
    has_front_matter = draw(st.booleans())
    if has_front_matter:
        lines.append("---")
        for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=5)):
            lines += draw(st.lists(st.sampled_from(["# a comment", ""]), max_size=1))
            lines += draw(key_lines(key))
        lines.append(draw(st.sampled_from(["---", "..."])))
    body = draw(st.lists(words.filter(lambda w: w.strip() not in ("---", "+++")), max_size=3))
    if draw(st.booleans()):
        body += ["", draw(st.sampled_from(["## Log", "# log", "### LOG"]))]
        marker = draw(st.sampled_from("-*+"))
        body += [
            f"{marker} {day} {entry}" for day, entry in draw(st.lists(st.tuples(days, words), max_size=4))
        ]
        body += draw(st.lists(words.map(lambda w: "  " + w), max_size=1))
        body += draw(st.sampled_from([[], ["", "## Next", "text"]]))
    lines += body
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    content = newline.join(lines) + (newline if lines and draw(st.booleans()) else "")
    return ("\ufeff" if draw(st.booleans()) else "") + content


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    old, new = (
        [line.rstrip("\r") for line in data.decode().removeprefix("\ufeff").split("\n")]
        for data in (before, after)
    )
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def front_matter(data: bytes) -> dict:
    parts = frontmatter.split(data.decode().removeprefix("\ufeff"))
    return {} if parts.yaml_text is None else frontmatter.load(parts.yaml_text, 2).data


def assert_kept(before: bytes, after: bytes) -> None:
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    if before.strip(b"\xef\xbb\xbf"):
        assert after.endswith(b"\n") == before.endswith(b"\n")
        assert (b"\r\n" in after) == (b"\r\n" in before)


@settings(max_examples=150, deadline=None)
@given(notes(), st.sampled_from(KEYS), text)
def test_set_changes_only_the_key_s_line_and_reads_back(note, key, value):
    data = note.encode()
    old = front_matter(data)
    value = value.strip() or None
    try:
        result = edit.set_field(PATH, data, key, value, CONFIG)
    except EditRefused as exc:
        assert isinstance(old.get(key), list), exc
        return
    assert not isinstance(old.get(key), list)
    removed, added = changed_lines(data, result.after)
    assert all(line.startswith(f"{key}:") for line in removed)
    assert all(line.startswith(f"{key}:") or line == "---" for line in added)
    assert len(removed) <= 1 and len(added) <= 3
    assert_kept(data, result.after)
    expected = dict(old)
    if key in old or value is not None:
        expected[key] = value
    assert front_matter(result.after) == expected
    assert list(front_matter(result.after)) == list(expected)


@settings(max_examples=150, deadline=None)
@given(
    notes(), days, words, st.sampled_from([None, "call", "coffee"]), st.sampled_from([None, "gave", "got"])
)
def test_log_inserts_only_the_entry_and_moves_last_contact_forward(note, day, entry_text, kind, balance):
    data = note.encode()
    entry = NewLogEntry(day, entry_text, kind, balance)  # type: ignore[arg-type]
    before = parse_note(PATH, data, CONFIG).contact
    try:
        line = log_line(entry, CONFIG)
        result = edit.add_log_entry(PATH, data, entry, CONFIG)
    except InvalidValue:
        return  # text the log would misread, or empty: refused before the note is read
    except EditRefused as exc:
        assert before.last_contact is None and front_matter(data).get("last_contact") not in (None, ""), exc
        return
    if result.after == data:  # the log holds this entry already: nothing to change
        # The entry as the log holds it: its text without the spaces around it.
        assert any(e.date == day and entry_text.strip() in e.text for e in before.log)
        return
    removed, added = changed_lines(data, result.after)
    assert all(text.startswith("last_contact:") for text in removed)
    assert all(
        text.startswith("last_contact:") or text.endswith(line) or text in ("---", "", "## Log")
        for text in added
    )
    assert sum(text.endswith(line) for text in added) == 1
    assert_kept(data, result.after)
    after = parse_note(PATH, result.after, CONFIG).contact
    known = [d for d in (before.last_contact, *(e.date for e in before.log)) if d]
    assert after.last_contact == (day if not known or day > max(known) else before.last_contact)
    old_log = [(e.date, e.kind, e.text) for e in before.log]
    assert sorted([(e.date, e.kind or "", e.text) for e in after.log]) == sorted(
        [(d, k or "", t) for d, k, t in old_log]
        + [(day, kind or "", line.split(" ", 1)[1].removeprefix(f"{kind}: "))]
    )
    unchanged = {k: v for k, v in front_matter(data).items() if k != "last_contact"}
    assert {k: v for k, v in front_matter(result.after).items() if k != "last_contact"} == unchanged
