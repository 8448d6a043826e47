"""Hostile notes (issue 17): one note never stops the rest, every pattern run on note text takes
linear time, lines are counted as editors count them, and what a note holds cannot forge or
flood the output.

The time bounds are generous for a shared CI machine; the inputs are large enough that a
quadratic pattern misses them by far (the patterns these tests replaced took from seconds to
hours on them).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import settle, write_vault
from vaultkit.cli import cli
from vaultkit.config import Config
from vaultkit.model import Diagnostic
from vaultkit.parse import frontmatter, mentions, simpleyaml
from vaultkit.parse import note as note_module
from vaultkit.parse.frontmatter import FrontMatterError, load, split
from vaultkit.parse.markdown import code_spans
from vaultkit.parse.mentions import _clean, extract_mentions
from vaultkit.parse.note import MAX_NAME, _first_heading, inline_fields, parse_note
from vaultkit.reports.common import without_day

CONFIG = Config()
SECONDS_PER_NOTE = 0.5  # a parse of a 50 KB note; a quadratic pattern takes minutes on it
SECONDS_PER_PATTERN = 0.1
LINE = 50_000


def parse(text: str | bytes, path: str = "People/X.md"):
    return parse_note(path, text.encode() if isinstance(text, str) else text, CONFIG)


def seconds(work: Callable[[], object], tries: int = 3) -> float:
    """The best of a few runs of `work` (a shared machine has hiccups); one run when it is far
    too slow, so that a broken pattern fails fast enough."""
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
        if best < SECONDS_PER_PATTERN or best > 10 * SECONDS_PER_PATTERN:
            break
    return best


def editor_lines(text: str) -> int:
    """How many lines an editor shows: LF, CRLF and a lone CR end a line."""
    return len(re.split(r"\r\n|\r|\n", text))


# --- One note never stops the rest ------------------------------------------------------------

BIG = "1" * 5000
# A front-matter line YAML cannot turn into a value, the file line of the problem, and its code.
UNREADABLE_VALUES = [
    (f"phone: {BIG}", 3, "yaml-value"),
    (f"phones:\n  - {BIG}", 4, "yaml-value"),
    (f"x: !!int {BIG}", 3, "yaml-value"),
    ("x: !!int 0x" + "f" * 5000, 3, "yaml-value"),
    ("x: !!int " + ":".join(["1"] * 30000), 3, "yaml-value"),
    ("met: !!timestamp notadate", 3, "yaml-value"),
    ("met: !!timestamp 2026-13-45", 3, "yaml-value"),
    ("met: !!timestamp 99999-01-01", 3, "yaml-value"),
    ("paused: !!bool maybe", 3, "yaml-value"),
    ("x: !!float junk", 3, "yaml-value"),
    ("x: !!int junk", 3, "yaml-value"),
    ("x: !!seq {a: 1}", 3, "yaml-value"),
    ("x: !!map [a]", 3, "yaml-value"),
    ("x: !!str [a]", 3, "yaml-value"),
    ("x: !!binary aGVsbG8=", 3, "yaml-tag"),
    ("x: !!binary '@@@'", 3, "yaml-tag"),
    ("x: !!python/object/apply:os.system ['true']", 3, "yaml-tag"),
    ("x: !!python/name:os.system x", 3, "yaml-tag"),
    ("x: !<tag:yaml.org,2002:python/name:os.system> x", 3, "yaml-tag"),
    ("x: !!set {a, b}", 3, "yaml-tag"),
    ("x: !!omap [{a: 1}]", 3, "yaml-tag"),
    ("x: !!pairs [{a: 1}]", 3, "yaml-tag"),
    ("x: !local thing", 3, "yaml-tag"),
    ("x:\n  !!merge <<: {a: 1}\n  b: 2", 4, "yaml-tag"),
]


@pytest.mark.parametrize("line, number, code", UNREADABLE_VALUES, ids=[v[0][:30] for v in UNREADABLE_VALUES])
def test_a_value_yaml_cannot_take_is_one_diagnostic_and_the_rest_is_read(line, number, code):
    note = parse(f"---\nname: Ada\n{line}\nrole: painter\n---\n## Log\n- 2026-01-05 call: hi\n")
    assert [(d.line, d.severity, d.code) for d in note.diagnostics] == [(number, "error", code)]
    assert len(note.diagnostics[0].format().splitlines()) == 1
    assert len(note.diagnostics[0].message) < 300
    assert note.contact is not None and note.contact.incomplete
    assert (note.contact.name, note.contact.role, len(note.contact.log)) == ("Ada", "painter", 1)


def test_an_alias_of_an_unreadable_value_is_said_once():
    note = parse("---\nname: Ada\na: &x !!bool maybe\nb: *x\nc: [*x, *x]\n---\n")
    assert [(d.line, d.code) for d in note.diagnostics] == [(3, "yaml-value")]
    assert (note.properties["a"], note.properties["b"], note.properties["c"]) == (None, None, [None, None])


def test_the_writer_gets_the_first_unreadable_value_as_an_error():
    with pytest.raises(FrontMatterError) as caught:
        load("name: Ada\npaused: !!bool maybe\nx: !!binary aGVsbG8=\n", 2)
    assert (caught.value.line, caught.value.code) == (3, "yaml-value")


def test_merge_keys_cannot_multiply_a_mapping():
    keys = ", ".join(f"k{i}: {i}" for i in range(1500))
    text = f"---\na: &a {{{keys}}}\nb: {{!!merge <<: [{', '.join(['*a'] * 8000)}]}}\n---\n"
    assert seconds(lambda: parse(text)) < SECONDS_PER_NOTE
    note = parse(text)
    assert [(d.line, d.code) for d in note.diagnostics] == [(3, "yaml-tag")]
    assert note.properties["b"] == {}


def test_a_plain_double_angle_key_is_a_key_not_a_merge():
    assert parse("---\nbase: &b {a: 1}\nx:\n  <<: *b\n---\n").properties["x"] == {"<<": {"a": 1}}


def test_alias_bombs_stay_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    text = "---\n" + "\n".join(lines) + "\n---\n"
    assert seconds(lambda: parse(text)) < SECONDS_PER_NOTE
    assert [d.code for d in parse(text).diagnostics] == ["fm-alias-bomb"]


def test_every_command_reads_the_rest_of_a_vault_of_unreadable_values(tmp_path):
    notes = {
        f"People/Bad {index}.md": f"---\n{line}\n---\n"
        for index, (line, _, _) in enumerate(UNREADABLE_VALUES)
    }
    notes["People/Good.md"] = "---\nname: Good Person\nlast_contact: 2020-01-01\ncadence: 1m\n---\n"
    root = write_vault(tmp_path / "vault", notes)
    settle(root)
    for command in (["agenda"], ["stale"], ["tags"], ["export", "--format", "json"], ["check"]):
        result = CliRunner().invoke(cli, ["--vault", str(root), *command, "--today", "2026-12-01"])
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output
        if command != ["check"]:
            assert "Good Person" in result.output, command
    check = CliRunner().invoke(cli, ["--vault", str(root), "check"]).output
    assert all(f"People/Bad {index}.md:" in check for index in range(len(UNREADABLE_VALUES)))


# --- Every pattern run on note text is linear ------------------------------------------------

ATOMS = [
    "`",
    " ",
    "\t",
    "[",
    "]",
    "[[",
    "]]",
    "|",
    "#",
    "::",
    ":",
    "-",
    "(",
    ")",
    "%%",
    ">",
    "*",
    "a",
    "1",
    "![[",
    "](",
    "- ",
    "# ",
    "a ",
    "[a:: ",
    "(a:: ",
    "`a",
    "📅 ",
    "\ue000",
]
# Where a line stands in a note: a body line, a heading, a log entry, a task, a callout, a
# Dataview field, a front-matter key, a front-matter value.
CONTEXTS: dict[str, Callable[[str], str]] = {
    "body": lambda line: f"---\ntags: [person]\n---\n[[A]] {line}\n",
    "heading": lambda line: f"# a{line}b\n#people/x {line}\n",
    "log": lambda line: f"---\nname: X\n---\n## Log\n- 2026-01-01 call: {line} #gave\n",
    "dated": lambda line: f"---\nname: X\n---\n## 2026-01-01\n{line}x\n- {line}\n",
    "task": lambda line: f"---\nname: X\n---\n- [ ] [[A]] {line} 📅 2026-01-01\n",
    "callout": lambda line: f"---\nname: X\n---\n> [!info] x\n> {line}[[A]]\n",
    "field": lambda line: f"---\nname: X\n---\na:: {line}\n[b:: {line}]x(c:: {line}\n",
    "comment": lambda line: f"---\nname: X\n---\n%% {line} [[A]]\n",
    "fm-key": lambda line: f"---\nx: [1, {{a: 2}}]\na{line}x: 1\n---\n",
    "fm-value": lambda line: f"---\nname: a{line}b\n---\n",
    "fm-quoted": lambda line: f'---\nname: "{line}"\nrole: \'{line}\n---\n',
}


def run_of(atoms: str | tuple[str, ...], size: int = LINE) -> str:
    unit = "".join(atoms)
    return unit * (size // len(unit))


@pytest.mark.parametrize("context", CONTEXTS)
def test_a_long_run_of_any_character_parses_in_time(context):
    for atom in ATOMS:
        text = CONTEXTS[context](run_of(atom))
        elapsed = seconds(lambda: parse(text), tries=2)  # noqa: B023
        assert elapsed < SECONDS_PER_NOTE, (context, atom, elapsed)


@pytest.mark.parametrize("context", ["body", "heading", "field", "fm-key"])
def test_a_long_run_of_any_two_characters_parses_in_time(context):
    for first in ATOMS[:17]:
        for second in ATOMS[:17]:
            if first != second:
                text = CONTEXTS[context](run_of((first, second), LINE // 5))
                elapsed = seconds(lambda: parse(text), tries=2)  # noqa: B023
                assert elapsed < SECONDS_PER_NOTE / 2, (context, first, second, elapsed)


@st.composite
def hostile_lines(draw):
    """About 50 KB of runs of hostile atoms, mixed."""
    runs = draw(
        st.lists(
            st.tuples(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=3), st.integers(1, 4000)),
            min_size=1,
            max_size=8,
        )
    )
    line = "".join("".join(atoms) * count for atoms, count in runs)
    return line * max(1, LINE // max(len(line), 1))


@settings(max_examples=60, deadline=None)
@given(hostile_lines(), st.sampled_from(sorted(CONTEXTS)))
@example("`" * 1200, "body")
@example("# a" + " " * 5000, "heading")
def test_hostile_lines_parse_in_time(line, context):
    text = CONTEXTS[context](line[: 2 * LINE])
    assert seconds(lambda: parse(text), tries=2) < SECONDS_PER_NOTE


# The patterns the fixes replaced, to hold the new code to the same answers.
OLD_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
OLD_TOP_LEVEL_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#\-\[{?&*!|>'"%@`][^:#]*?|-[^\s:][^:#]*?))\s*:(?=[ \t]|$)"""
)
OLD_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_ -]*?) *:(?: +(.*))?")
OLD_FIRST_HEADING = re.compile(r"^# +(.+?)\s*#*\s*$", re.M)
OLD_INLINE_FIELD = re.compile(
    r"[\[(]([^\s:\[\](){}][^:\[\](){}]*?)::[ \t]*([^\[\]()]*(?:\[\[[^\[\]]*\]\][^\[\]()]*)*)[\])]"
)
OLD_BRACKET_FIELD = re.compile(
    r"\[[ \t]*([^\s:\[\](){}][^:\[\](){}]*?)::[ \t]*([^\[\]]*)\]"
    r"|\([ \t]*([^\s:\[\](){}][^:\[\](){}]*?)::[ \t]*([^()]*)\)"
)
_SEPARATORS = r"[\s,;:_–—-]*"


def old_without_day(text: str, day: date) -> str:
    for written in (day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%d.%m.%Y")):
        day_pattern = re.escape(written)
        if start := re.fullmatch(rf"{day_pattern}(?!\d){_SEPARATORS}(.*)", text, re.S):
            return start[1]
        if end := re.fullmatch(rf"(.*?){_SEPARATORS}(?<!\d){day_pattern}", text, re.S):
            return end[1]
    return text


def key_lines(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=14)


@settings(max_examples=3000, deadline=None)
@given(key_lines("ab -_:#\t'\"\\[{?&*!|>%@`1Ü\x85\u3000"))
@example("a b  : x")
@example("-#: x")
@example("a:b: c")
def test_top_level_keys_are_found_exactly_as_before(line):
    new, old = frontmatter.TOP_LEVEL_KEY.match(line), OLD_TOP_LEVEL_KEY.match(line)
    assert (new and (new.groups(), new.end())) == (old and (old.groups(), old.end()))


@settings(max_examples=2000, deadline=None)
@given(key_lines("ab -_:1 \t"))
def test_simple_key_lines_are_read_exactly_as_before(line):
    new, old = simpleyaml._KEY_LINE.fullmatch(line), OLD_KEY_LINE.fullmatch(line)
    assert (new and new.groups()) == (old and old.groups())


def test_front_matter_key_patterns_are_linear():
    spaces = "a" + " " * LINE + "x"
    assert seconds(lambda: frontmatter.TOP_LEVEL_KEY.match(spaces)) < SECONDS_PER_PATTERN
    assert seconds(lambda: frontmatter.TOP_LEVEL_KEY.match("(" + spaces)) < SECONDS_PER_PATTERN
    assert seconds(lambda: simpleyaml._KEY_LINE.fullmatch(spaces)) < SECONDS_PER_PATTERN


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="`a ", max_size=16))
def test_code_spans_are_those_of_commonmark(line):
    spans = code_spans(line)
    runs = [m.span() for m in re.finditer("`+", line)]
    for start, end in spans:  # each span opens and closes with runs of one length
        opener = next(run for run in runs if run[0] == start)
        closer = next(run for run in runs if run[1] == end)
        assert opener[1] - opener[0] == closer[1] - closer[0]
        assert opener != closer
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    # Where the old pattern agrees with CommonMark (no run of another length inside), so do we.
    if len({end - start for start, end in runs}) == 1 and len(runs) % 2 == 0:
        assert spans == [m.span() for m in OLD_INLINE_CODE.finditer(line)]


def test_code_spans_examples():
    assert code_spans("a `b` c") == [(2, 5)]
    assert code_spans("`` a ` b ``") == [(0, 11)]
    assert code_spans("`a``b`") == [(0, 6)]  # the run of two is inside the span
    assert code_spans("``a`") == []
    assert code_spans("````") == []


def test_backticks_beside_a_link_are_linear():
    line = "[[A]] " + "`" * LINE
    assert seconds(lambda: code_spans(line)) < SECONDS_PER_PATTERN
    assert seconds(lambda: extract_mentions(line, 1, {})) < SECONDS_PER_PATTERN
    assert seconds(lambda: _clean(line)) < SECONDS_PER_PATTERN
    ragged = "[[A]] " + "".join("`" * k + "a" for k in range(1, 300))
    assert seconds(lambda: extract_mentions(ragged, 1, {})) < SECONDS_PER_PATTERN


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.text(alphabet="# a\t#b\r", max_size=8), max_size=4))
def test_the_first_heading_is_found_as_before(lines):
    body = "\n".join(lines)
    old = OLD_FIRST_HEADING.search(body)
    assert _first_heading(body) == (old.group(1).strip() if old else None)


def test_the_first_heading_is_linear():
    for gap in (" ", "\t", " #"):
        body = "# a" + gap * LINE + "b"
        assert seconds(lambda: _first_heading(body)) < SECONDS_PER_PATTERN  # noqa: B023


def fields_of(pattern: re.Pattern[str], line: str) -> list[tuple[str, ...]]:
    return [
        tuple(part.strip() for part in found.groups() if part is not None) for found in pattern.finditer(line)
    ]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="[(a:: \t])[", max_size=16))
@example("[a:: \t x ]")
def test_inline_fields_are_read_as_before(line):
    assert fields_of(note_module._INLINE_FIELD, line) == fields_of(OLD_INLINE_FIELD, line)
    assert fields_of(mentions._BRACKET_FIELD, line) == fields_of(OLD_BRACKET_FIELD, line)


def test_inline_and_bracket_fields_are_linear():
    for line in ("[a:: " + "\t" * LINE + "`", "(a:: " + " " * LINE, "[a:: " + " \t" * (LINE // 2) + "x"):
        assert seconds(lambda: inline_fields(line, 1, CONFIG, {})) < SECONDS_PER_PATTERN  # noqa: B023
        assert seconds(lambda: _clean(line)) < SECONDS_PER_PATTERN  # noqa: B023


def test_list_markers_below_a_dated_heading_are_linear():
    text = "---\nname: X\n---\n## 2026-01-01\n" + " " * LINE + "x\n"
    assert seconds(lambda: parse(text)) < SECONDS_PER_PATTERN
    entry = parse("---\nname: X\n---\n## 2026-01-01\n- met at 3 - then 1. lunch\n").contact.log[0]
    assert entry.text == "met at 3 - then 1. lunch"


DAY = date(2026, 11, 5)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(["2026-11-05", "20261105", "05.11.2026", " ", "-", ",", "1", "a", "–", "\n"]))
)
@example(["a", " ", "2026-11-05"])
@example(["12026-11-05"])
def test_a_day_is_taken_off_a_title_as_before(parts):
    text = "".join(parts)
    assert without_day(text, DAY) == old_without_day(text, DAY)


def test_taking_the_day_off_a_title_is_linear():
    text = "a" + " " * LINE + "b" + " " * LINE + "2026-11-05"
    assert seconds(lambda: without_day(text, DAY)) < SECONDS_PER_PATTERN
    assert without_day("Stammtisch Kiel" + " " * LINE + "- 2026-11-05", DAY) == "Stammtisch Kiel"


# --- Line ends: lone CR ------------------------------------------------------------------------

CR_ONLY = "---\rname: Ada\rrole: painter\r---\r# Ada\r## Log\r- 2026-01-05 call: hi\r- 2026-02-01 met\r"


def test_a_note_with_cr_line_ends_is_read_with_a_warning():
    note = parse(CR_ONLY)
    assert [(d.line, d.severity, d.code) for d in note.diagnostics] == [(1, "warning", "cr-line-ends")]
    assert note.contact is not None and not note.contact.incomplete
    assert (note.contact.name, note.contact.role) == ("Ada", "painter")
    assert note.contact.lines == {"name": 2, "role": 3}
    assert [(entry.line, entry.text) for entry in note.contact.log] == [(7, "hi"), (8, "met")]


def test_a_lone_cr_among_lf_lines_is_a_line_end_too():
    note = parse('---\nname: Ada\rrole: "a\rb"\ncity: [\n---\n')
    assert [(d.line, d.code) for d in note.diagnostics] == [(2, "cr-line-ends"), (6, "yaml-syntax")]


def test_the_splitter_refuses_a_lone_cr_so_that_the_writer_never_adds_a_second_block():
    for text in (CR_ONLY, "---\nname: A\r---\n", "# A\rbody\n"):
        with pytest.raises(FrontMatterError) as caught:
            split(text)
        assert caught.value.code == "cr-line-ends"
    assert split("---\r\nname: A\r\n---\r\n").yaml_text == "name: A\r\n"


def test_log_and_set_refuse_a_note_with_cr_line_ends(tmp_path):
    root = write_vault(tmp_path / "vault", {"People/Ada.md": CR_ONLY.encode()})
    for command in (
        ["log", "Ada", "call", "--date", "2026-03-01"],
        ["set", "Ada", "role", "x"],
        ["snooze", "Ada", "2w"],
    ):
        result = CliRunner().invoke(cli, ["--vault", str(root), *command])
        assert result.exit_code != 0, result.output
        assert "lone CR" in result.output
        assert (root / "People/Ada.md").read_bytes() == CR_ONLY.encode()


# --- Lines as editors count them ---------------------------------------------------------------

BREAKS = ["\r", "\x85", "\u2028", "\u2029"]
# Front matter with YAML line breaks inside a quoted value, then a problem.
QUOTED_BREAKS = ['"{b}{b}{b}{b}{b}"', "'a{b}b{b}c{b}d{b}e'", '"a{b}b', "'a{b}b{b}c{b}d"]
PROBLEMS_AFTER = [
    "x: [",
    "x: *nowhere",
    "x: a: b",
    "x: @",
    "  y: 1",
    'x: "\x01"',
    "x: !!int junk",
    "x: !!binary aGVsbG8=",
    "last_contact: 2026-02-30",
    "x: " + "[" * 200 + "]" * 200,
]
BREAK_NOTES = [f"---\nname: {value}\n{after}\n---\n" for value in QUOTED_BREAKS for after in PROBLEMS_AFTER]
BREAK_NOTES.append('---\nname: "{b}{b}{b}{b}"\n---\n## Log\n- 2026-02-30 bad\n')


@pytest.mark.parametrize("line_break", BREAKS, ids=["CR", "NEL", "LS", "PS"])
@pytest.mark.parametrize("template", BREAK_NOTES)
def test_no_diagnostic_points_past_the_end_of_the_file(template, line_break):
    text = template.replace("{b}", line_break)
    note = parse(text)
    assert note.diagnostics
    for diagnostic in note.diagnostics:
        assert 1 <= diagnostic.line <= editor_lines(text), (diagnostic, text)


@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_yaml_line_break_inside_a_value_does_not_move_the_lines_after_it(line_break):
    note = parse(f'---\nname: "a{line_break}b{line_break}c"\nrole: x: y\ncity: Kiel\n---\n')
    assert [(d.line, d.code) for d in note.diagnostics] == [(3, "yaml-syntax")]
    note = parse(f'---\nname: "a{line_break}b"\npaused: !!bool maybe\n---\n')
    assert [(d.line, d.code) for d in note.diagnostics] == [(3, "yaml-value")]


def test_the_simple_reader_leaves_yaml_line_breaks_to_yaml():
    for line_break in ("\x85", "\u2028", "\u2029"):
        assert simpleyaml.load(f"name: a{line_break}b\n", lambda text: text) is None


def test_binary_and_encoding_problems_count_lone_cr_lines():
    note = parse(b"---\rname: A\r---\rab\xff\r\x00\r")
    assert {(d.line, d.code) for d in note.diagnostics} == {(4, "not-utf8"), (5, "binary")}


# --- Output that cannot be forged or flooded ---------------------------------------------------


def test_a_diagnostic_is_one_line_whatever_its_path_holds():
    diagnostic = Diagnostic(
        "People/a\nPeople/B.md:1: error x\x1b]0;t\x07\u202e\udcff.md", 1, "error", "c", "m"
    )
    shown = diagnostic.format()
    assert shown.splitlines() == [shown]
    assert shown == "People/a\\nPeople/B.md:1: error x\\x1b]0;t\\x07\\u202e\\udcff.md:1: error c m"
    fine = Diagnostic("People/Ünïcode ok.md", 2, "warning", "c", "fine")
    assert fine.format() == "People/Ünïcode ok.md:2: warning c fine"


def test_paths_and_ids_in_messages_are_escaped_too(tmp_path):
    from vaultkit.index import load_index

    root = write_vault(tmp_path / "vault", {"People/A\nB.md": "x\n", "People/Old/a\nb.md": "x\n"})
    (duplicate,) = [d for d in load_index(root).diagnostics if d.code == "duplicate-id"]
    assert duplicate.path == "People/Old/a\nb.md"
    assert duplicate.format().splitlines() == [duplicate.format()]
    assert "already used by People/A\\nB.md;" in duplicate.message


def test_a_file_name_with_line_breaks_cannot_forge_check_lines(tmp_path):
    name = "People/Evil\nPeople/Forged.md:1: error yaml-syntax fake.md"
    root = write_vault(tmp_path / "vault", {name: "---\nlast_contact: 2026-02-30\n---\n"})
    output = CliRunner().invoke(cli, ["--vault", str(root), "check"]).output
    assert not any(line.startswith("People/Forged.md") for line in output.splitlines())


def test_a_very_long_name_is_cut_with_a_warning(tmp_path):
    text = "---\nname: " + "Ada " * 15_000 + "\nlast_contact: 2020-01-01\ncadence: 1m\n---\n"
    note = parse(text)
    assert note.contact is not None and len(note.contact.name) == MAX_NAME
    assert note.contact.name.endswith("…")
    assert [(d.line, d.code) for d in note.diagnostics] == [(2, "long-name")]
    root = write_vault(tmp_path / "vault", {"People/Ada.md": text})
    result = CliRunner().invoke(cli, ["--vault", str(root), "agenda", "--today", "2026-12-01"])
    assert result.exit_code == 0 and "Ada Ada" in result.output
    assert len(result.output) < 2_000


def test_a_note_vaultkit_fails_on_costs_that_note_alone(tmp_path, monkeypatch):
    import vaultkit.index
    from vaultkit.index import load_index

    def failing(path, data, config):
        if path == "People/Bad.md":
            raise RuntimeError("a bug")
        return parse_note(path, data, config)

    monkeypatch.setattr(vaultkit.index, "parse_note", failing)
    root = write_vault(tmp_path / "vault", {"People/Bad.md": "---\nname: B\n---\n", "People/Good.md": "x\n"})
    index = load_index(root)
    assert sorted(index.contacts) == ["Bad", "Good"]
    assert index.contacts["Bad"].incomplete and not index.contacts["Good"].incomplete
    assert [d.format() for d in index.diagnostics] == [
        "People/Bad.md:1: error parse-failed vaultkit failed to read this note (RuntimeError: a bug); "
        "please report this bug"
    ]
