"""Note text never breaks out of the output (issue 17).

A hostile vault writes, in names, interests, topics and the rest, what would start a Dataview JS
block or HTML in a report note, end a table cell or a wikilink, or talk to the terminal (its
title, its clipboard). Every report is rendered from it and from a twin vault that says the same
in plain words: the Markdown has the same structure, and no text holds a control character but
vaultkit's own colours.
"""

from __future__ import annotations

import csv
import io
import json
import re

import markdown_it
import pytest
import vobject
from click.testing import CliRunner

from vaultkit.cli import cli
from vaultkit.render.tabular import defuse
from vaultkit.render.templates import inline_code, markdown_text, wikilink

TODAY = "2026-11-21"
# What a terminal acts on: escape sequences (window title, clipboard, hidden text), a bell, a
# bidi override. Each placeholder below has a hostile and a plain value.
TITLE, CLIPBOARD, HIDDEN, OVERRIDE = "\x1b]0;owned\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b[8m", "\u202e"
FENCE = "\n```dataviewjs\ndv.paragraph('ran')\n```\n"
HOSTILE = {
    "EVE": f"Eve{FENCE}<script>alert(1)</script> | ]] [[x{TITLE}",
    "MAL": "Mal\n- item\n| a | b |\n# Heading\n> quote",
    "CLIMB": f"climbing{FENCE}",
    "HTML": "<img src=x onerror=alert(1)> %%hidden%% $$x$$ ![[Secret]] key:: value",
    "CODE": "`$=dv.span('ran')`",
    "DESIGN": f"design{OVERRIDE}",
    "HOW": f"# at a {HIDDEN}conference\n> quote\t<% tp.file.title %>",
    "TOPIC": f"call: plans {CLIPBOARD} with ```dataviewjs | pipe {TITLE}",
    "JSTAG": "$=dv.span(2)",
    "GUEST": f"Zed {TITLE} <b>x</b> | `$=dv.span(1)` {OVERRIDE}",
}
PLAIN = {
    "EVE": "Eve",
    "MAL": "Mal",
    "CLIMB": "climbing",
    "HTML": "pottery",
    "CODE": "sailing",
    "DESIGN": "design",
    "HOW": "at a conference",
    "TOPIC": "call: plans",
    "JSTAG": "sailors",
    "GUEST": "Zed",
}
NOTES = {
    "People/Eve.md": """---
name: EVE
circle: close
interests: [CLIMB, HTML, CODE]
offers: [DESIGN]
how_met: HOW
tags: [person, JSTAG]
knows: ["[[Mal]]"]
birthday: 1990-11-25
role: HOW
org: MAL
location: HTML
---
## Log
- 2026-01-01 TOPIC #gave
- [ ] ask about TOPIC 📅 2026-11-30
""",
    "People/Bob.md": """---
name: Bob
circle: inner
interests: [CLIMB, HTML]
needs: [DESIGN]
knows: ["[[Eve]]"]
---
## Log
- 2025-01-01 call: hi #got
""",
    "People/Mal.md": """---
name: MAL
circle: close
needs: [DESIGN]
how_met: HOW
---
""",
    "People/Never.md": "---\nname: Never\nhow_met: HOW\n---\n",
}
ATTENDEES = "Eve\nBob\nGUEST\nMal\n"
REPORTS = [
    ["agenda"],
    ["show", "Eve"],
    ["stale"],
    ["tags"],
    ["intros"],
    ["path", "Mal"],
    ["balance"],
    ["layers"],
    ["meetup"],
    ["event", "attendees.txt"],
]
# vaultkit's own colours: Select Graphic Rendition codes of the styles it knows.
OWN_COLOUR = re.compile(r"\x1b\[(?:[0-9]|[1-3][0-9])(?:;[0-9]{1,2})*m")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _vault(root, values):
    def filled(text, quoted=True):
        for placeholder, value in values.items():
            text = text.replace(placeholder, _yaml(value) if quoted else value)
        return text

    for relative, text in NOTES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
        path.write_text(f"---\n{filled(front)}---\n{filled(body, quoted=False)}", encoding="utf-8")
    (root / "attendees.txt").write_text(filled(ATTENDEES, quoted=False))
    return root


@pytest.fixture
def hostile(tmp_path):
    return _vault(tmp_path / "hostile", HOSTILE)


@pytest.fixture
def plain(tmp_path):
    return _vault(tmp_path / "plain", PLAIN)


def run(root, command, *args, colour=False):
    if command == "event":
        args = (str(root / args[0]), *args[1:])
    result = CliRunner().invoke(cli, ["--vault", str(root), command, *args, "--today", TODAY], color=colour)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """The block structure of `markdown`: each token's type and tag, inline content left out."""
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    return [(token.type, token.tag) for token in tokens]


def _inline(markdown: str) -> list[str]:
    """The types of the inline tokens: text, links, code, HTML…"""
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    return [child.type for token in tokens for child in token.children or ()]


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: report[0])
def test_markdown_keeps_the_structure_it_has_with_plain_notes(report, hostile, plain):
    shown = run(hostile, *report, "--format", "markdown").stdout
    expected = run(plain, *report, "--format", "markdown").stdout
    assert _blocks(shown) == _blocks(expected)
    # Code, HTML, images and Markdown links only where the plain notes give them too.
    for kind in ("code_inline", "html_inline", "image", "link_open"):
        assert _inline(shown).count(kind) <= _inline(expected).count(kind), kind


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: report[0])
def test_markdown_holds_no_code_html_embed_or_stray_link(report, hostile):
    shown = run(hostile, *report, "--format", "markdown").stdout
    lines = shown.split("\n")
    assert not [line for line in lines if line.lstrip().startswith(("```", "~~~"))]
    assert not re.search(r"<[a-z/!%]", shown)
    assert "![[" not in shown and "%%" not in shown and "$$" not in shown and "::" not in shown
    links = re.findall(r"\[\[[^\[\]|]*(?:\|[^\[\]|]*)?\]\]", shown)
    outside_links = re.sub(r"\[\[[^\[\]|]*(?:\|[^\[\]|]*)?\]\]", "", shown)
    assert "[[" not in outside_links.replace("\\[", "")
    assert all("\n" not in link for link in links)
    assert not CONTROL.search(shown)


def test_table_rows_keep_their_cells(hostile):
    for report in (["balance"], ["layers"]):
        rows = [
            line
            for line in run(hostile, *report, "--format", "markdown").stdout.split("\n")
            if line.startswith("|")
        ]
        cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(rows) > 2 and len(cells) == 1, rows


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: report[0])
def test_text_shows_no_control_character_but_vaultkits_colours(report, hostile, monkeypatch):
    monkeypatch.setattr("vaultkit.cli.output._colour_wanted", lambda terminal: True)
    result = run(hostile, *report, colour=True)
    for shown in (result.stdout, result.stderr):
        assert OWN_COLOUR.sub("", shown) == OWN_COLOUR.sub("", shown).replace("\x1b", "")
        assert not CONTROL.search(OWN_COLOUR.sub("", shown)), OWN_COLOUR.sub("", shown)
        assert HIDDEN not in shown  # a valid colour code, but the note's, not vaultkit's
    assert "\x1b[1m" in result.stdout  # vaultkit's own colours stay


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: report[0])
def test_a_note_value_stays_on_its_line_in_text(report, hostile, plain):
    assert len(run(hostile, *report).stdout.split("\n")) == len(run(plain, *report).stdout.split("\n"))


def test_a_vaults_own_template_prints_no_control_character_either(hostile):
    folder = hostile / ".vaultkit" / "templates"
    folder.mkdir(parents=True)
    (folder / "agenda.txt.j2").write_text(
        "{% for item in agenda.items %}{{ item.name }} {{ item.talking_points | join(', ') }}\n{% endfor %}"
        "{% for c, b in agenda.birthdays %}{{ c.properties.items() | list }} {{ c }}\n{% endfor %}"
    )
    shown = run(hostile, "agenda").stdout
    assert "Eve" in shown and not CONTROL.search(shown)


@pytest.mark.parametrize(
    "fmt, check",
    [("json", json.loads), ("csv", lambda text: list(csv.reader(io.StringIO(text)))), ("ics", None)],
)
def test_json_csv_and_ics_hold_no_control_character(fmt, check, hostile):
    shown = run(hostile, "agenda", "--format", fmt).stdout
    assert not CONTROL.search(shown.replace("\r\n", "\n"))
    if check:
        check(shown)


def test_json_keeps_the_text_as_written(hostile):
    document = json.loads(run(hostile, "agenda", "--format", "json").stdout)
    assert any(HOSTILE["EVE"] == item.get("name") for item in document["items"])


def test_csv_cells_are_printable_and_never_start_a_formula_even_after_spaces():
    assert [defuse(cell) for cell in (" =HYPERLINK(1)", "\t+A1+1", "\t+1+1", f"a{TITLE}b", "-", 3)] == [
        "' =HYPERLINK(1)",
        "' +A1+1",
        " +1+1",
        "a\ufffd]0;owned\ufffdb",
        "-",
        3,
    ]


def test_export_gives_an_address_book_no_control_character(hostile):
    for fmt in ("vcard", "csv", "json"):
        shown = run(hostile, "export", "--format", fmt).stdout
        assert not CONTROL.search(shown.replace("\r\n", "\n")), fmt
    cards = list(vobject.readComponents(run(hostile, "export", "--format", "vcard").stdout))
    assert sorted(card.fn.value.split()[0] for card in cards) == ["Bob", "Eve", "Mal", "Never"]


def test_check_names_a_hostile_file_name_without_its_escape_sequence(hostile):
    (hostile / f"People/Esc{TITLE}.md").write_text('---\nbirthday: "\\e[2Jnot a day"\n---\n')
    result = CliRunner().invoke(cli, ["--vault", str(hostile), "check"])
    assert "Esc" in result.stdout and not CONTROL.search(result.stdout)


def test_the_markdown_filter_keeps_plain_text_as_it_is():
    for text in ("+49 431 5550404", "2026-11-12", "50% of 3 - 1", "Dr. Hans Becker", "j.h@example.org"):
        assert markdown_text(text) == text
    assert markdown_text("a < b") == "a &lt; b"  # shown as typed, and no `<%` for Templater to run
    assert markdown_text("gave #gave") == "gave \\#gave"


@pytest.mark.parametrize(
    "text, shown",
    [
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("> quote", "\\> quote"),
        ("[ ] task", "\\[ ] task"),
        ("---", "\\---"),
        ("~~~js", "\\~~~js"),
        ("a\n```dataviewjs\nrun()", "a \\`\\`\\`dataviewjs run()"),
        ("`$=dv.span(1)`", "\\`\\$=dv.span(1)\\`"),
        ("<script>", "&lt;script>"),
        ("a | b", "a \\| b"),
        ("%%hidden%%", "%\\%hidden%\\%"),
        ("key:: value", "key:\\: value"),
        ("![[Secret]] [[Link]]", "!\\[\\[Secret]] [\\[Link]]"),
        ("back\\`slash", "back\\\\\\`slash"),
    ],
)
def test_the_markdown_filter_escapes_what_would_start_a_block_or_run_code(text, shown):
    assert markdown_text(text) == shown


def test_a_wikilink_stays_one_link_whatever_the_id_and_name():
    assert wikilink("Dr. Hans Becker", "Hans Becker") == "[[Dr. Hans Becker|Hans Becker]]"
    assert wikilink("Mal]]lo|ry", "Mal\n]] | [[x <b>`") == "[[Mallory|Mal )) / ((x ‹b›']]"
    assert wikilink("a%%b::c$$d") == "[[a%b:c$d]]"


def test_code_is_code_only_for_one_word():
    assert inline_code("kunst/malerei") == "`kunst/malerei`"
    assert inline_code("$=dv.span(2)") == "\\$=dv.span(2)"
    assert inline_code("x`y") == "x\\`y"
