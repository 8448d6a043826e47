"""Real-world note shapes, each with the diagnostics and values vaultkit must read from it.

Shared by the reader tests and the editor tests: a note here is either read correctly or
reported with the right code and file line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vaultkit.model import Birthday, Duration


@dataclass(frozen=True)
class Shape:
    name: str
    content: bytes
    # (line, code) of every diagnostic the note must produce, nothing more.
    diagnostics: frozenset[tuple[int, str]] = frozenset()
    # Contact attributes the note must produce.
    expect: dict[str, Any] = field(default_factory=dict)


def _shape(label: str, content: str | bytes, diagnostics=(), **expect: Any) -> Shape:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return Shape(label, data, frozenset(diagnostics), expect)


MARIE = """---
name: Marie Lefèvre              # a trailing comment
aliases: [Marie]
tags: [kunst, kiel]
circle: close
cadence: 1m
last_contact: 2026-03-03
birthday: 1984-05-17
org: "[[Galerie Nord]]"
knows: ["[[Paul Weber]]"]
interests: [Malerei, Hunde, Côte d'Azur]
---
# Marie Lefèvre

## Log
- 2026-03-03 call: talked about the exhibition idea #gave
- 2026-01-10 coffee: she introduced me to Paul #got
"""

SHAPES = [
    _shape(
        "spec-example",
        MARIE,
        name="Marie Lefèvre",
        aliases=("Marie",),
        tags=("kunst", "kiel"),
        circle="close",
        cadence=Duration(1, "m"),
        last_contact=date(2026, 3, 3),
        birthday=Birthday(5, 17, 1984),
        org="Galerie Nord",
        knows=("Paul Weber",),
        interests=("Malerei", "Hunde", "Côte d'Azur"),
    ),
    _shape("bom", "\ufeff" + MARIE, name="Marie Lefèvre"),
    _shape("crlf", MARIE.replace("\n", "\r\n"), name="Marie Lefèvre", last_contact=date(2026, 3, 3)),
    _shape("bom-crlf", "\ufeff" + MARIE.replace("\n", "\r\n"), circle="close"),
    _shape("no-final-newline", MARIE.rstrip("\n"), circle="close"),
    _shape(
        "block-lists",
        "---\ntags:\n  - kunst\n  - kiel\naliases:\n- Marie\n---\n",
        tags=("kunst", "kiel"),
        aliases=("Marie",),
    ),
    _shape("comma-string-tags", "---\ntags: kunst, kiel\n---\n", tags=("kunst", "kiel")),
    _shape("hash-tags", "---\ntags: ['#kunst', '#kunst/malerei']\n---\n", tags=("kunst", "kunst/malerei")),
    _shape(
        "quoted-wikilinks",
        "---\norg: '[[Galerie Nord|die Galerie]]'\nintroduced_by: \"[[Anke Brandt]]\"\n---\n",
        org="Galerie Nord",
        introduced_by="Anke Brandt",
    ),
    _shape(
        "unquoted-wikilink-is-nested-list", "---\norg: [[Galerie Nord]]\n---\n", {(2, "bad-type")}, org=None
    ),
    _shape("comments-everywhere", "---\n# people I met\nname: A # inline\n# end\n---\n", name="A"),
    _shape("empty-front-matter", "---\n---\nbody\n", name="empty-front-matter"),
    _shape("only-comment-front-matter", "---\n# nothing yet\n---\n", name="only-comment-front-matter"),
    _shape("no-front-matter", "# Just a heading\n\nText.\n", name="no-front-matter"),
    _shape("dashes-in-body", "---\nname: A\n---\n# A\n\n---\n\nname: B\n", name="A"),
    _shape("unclosed", "---\nname: A\ntags: [x]\n\n# A\n", {(1, "fm-unclosed")}, name="unclosed"),
    _shape("list-front-matter", "---\n- a\n- b\n---\n", {(2, "fm-not-mapping")}),
    _shape("scalar-front-matter", "---\njust text\n---\n", {(2, "fm-not-mapping")}),
    _shape("tab-indent", "---\nknows:\n\t- x\n---\n", {(3, "fm-tab")}),
    _shape("invalid-yaml", '---\nname: A\nrole: "unclosed\n---\n', {(3, "yaml-syntax")}),
    _shape("bad-indentation", "---\nname: A\n  role: x\n---\n", {(3, "yaml-syntax")}),
    _shape(
        "duplicate-keys",
        "---\ncircle: close\nname: A\ncircle: inner\n---\n",
        {(4, "duplicate-key")},
        circle="inner",
    ),
    _shape(
        "alias-and-field-both",
        "---\nbirthday: 1990-01-01\nbirthdate: 1991-01-01\n---\n",
        {(3, "duplicate-key")},
        birthday=Birthday(1, 1, 1991),
    ),
    _shape("yaml11-no", "---\nlocation: NO\n---\n", {(2, "yaml11-value")}, location="NO"),
    _shape("yaml11-octal", "---\nphone: 01067123\n---\n", {(2, "yaml11-value")}, phone="01067123"),
    _shape("yaml11-sexagesimal", "---\nrole: 12:30\n---\n", {(2, "yaml11-value")}, role="12:30"),
    _shape(
        "yaml11-quoted-is-fine", "---\nlocation: 'NO'\nphone: \"01067\"\n---\n", location="NO", phone="01067"
    ),
    _shape(
        "yaml11-in-list",
        "---\ninterests: [Segeln, off]\n---\n",
        {(2, "yaml11-value")},
        interests=("Segeln", "off"),
    ),
    _shape("invalid-date", "---\nlast_contact: 2026-02-30\n---\n", {(2, "bad-date")}, last_contact=None),
    _shape(
        "german-date",
        "---\nmet: 01.06.2024\nlast_contact: '[[2026-03-03]]'\n---\n",
        met=date(2024, 6, 1),
        last_contact=date(2026, 3, 3),
    ),
    _shape("datetime", "---\nlast_contact: 2026-03-03T18:30:00\n---\n", last_contact=date(2026, 3, 3)),
    _shape("birthday-forms", "---\nbirthday: --05-17\n---\n", birthday=Birthday(5, 17)),
    _shape("birthday-german-no-year", "---\nbirthday: 17.05.\n---\n", birthday=Birthday(5, 17)),
    _shape("birthday-leap", "---\nbirthday: 1988-02-29\n---\n", birthday=Birthday(2, 29, 1988)),
    _shape("bad-birthday", "---\nbirthday: 31.02.\n---\n", {(2, "bad-birthday")}, birthday=None),
    _shape("bad-duration", "---\ncadence: sometimes\n---\n", {(2, "bad-duration")}, cadence=None),
    _shape("cadence-none", "---\ncadence: none\n---\n", cadence="none"),
    _shape("unknown-circle", "---\ncircle: besties\n---\n", {(2, "unknown-circle")}, circle="besties"),
    _shape("unknown-status", "---\nstatus: gone\n---\n", {(2, "unknown-status")}, status="active"),
    _shape("paused-yes", "---\npaused: yes\n---\n", paused=True),
    _shape(
        "several-emails",
        "---\nemail: [a@example.org, b@example.org]\nphone: '+49 431 1, ext. 2'\n---\n",
        email="a@example.org",
        emails=("a@example.org", "b@example.org"),
        phone="+49 431 1, ext. 2",
    ),
    _shape("unknown-keys-kept", "---\nshoe_size: 42\nname: A\n---\n", name="A"),
    _shape(
        "field-alias",
        "---\nbirthdate: 1970-01-02\nlast contact: 2026-01-01\n---\n",
        birthday=Birthday(1, 2, 1970),
        last_contact=date(2026, 1, 1),
    ),
    _shape("latin1", "---\nname: Jürgen\n---\n".encode("latin-1"), {(2, "not-utf8")}),
    _shape("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {(1, "not-utf8"), (3, "binary")}),
    _shape("nul-in-front-matter", "---\nname: A\nrole: a\x00b\n---\n", {(3, "binary")}),
    _shape("control-character", '---\nname: A\nrole: "a\x01b"\n---\n', {(3, "yaml-syntax")}),
    _shape("toml-front-matter", "+++\ntitle = 'A'\n+++\n", {(1, "fm-toml")}),
    _shape("python-tag", "---\nname: !!python/object/apply:os.system ['echo hi']\n---\n", {(2, "yaml-tag")}),
    _shape("deeply-nested", "---\nx: " + "[" * 25000 + "]" * 25000 + "\n---\n", {(2, "fm-too-deep")}),
    _shape(
        "alias-bomb",
        "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n",
        {(2, "fm-alias-bomb")},
    ),
    _shape("huge-front-matter", "---\nnotes: '" + "x" * 70_000 + "'\n---\n", {(2, "fm-too-large")}),
    # Link syntax left open thousands of times: each must be read in linear time.
    _shape(
        "bracket-flood",
        "# x\n" + "[" * 25000 + "]" * 25000 + "\n" + "[x](<" * 20000 + "\n" + "[x](" * 20000 + "\n",
    ),
    _shape(
        "log-shapes",
        "---\nname: A\n---\n## Log\n- 2026-03-03 call: talked #gave\n"
        "- 03.02.2026 met at the fair\n- no date here\n- 2026-13-01 call: typo\n  - 2026-01-01 nested is fine\n"
        "## Other\n- 2026-05-05 not a log entry\n",
        {(7, "log-undated"), (8, "bad-date")},
    ),
    _shape("empty-file", "", name="empty-file"),
    _shape("no-front-matter-crlf", "# A\r\n\r\nText\r\n", name="no-front-matter-crlf"),
    _shape(
        "oldest-first-log-no-final-newline",
        "---\nname: A\n---\n## Log\n- 2026-01-01 a\n- 2026-02-01 b",
        name="A",
    ),
    _shape(
        "star-log-with-continuations",
        "---\nlast_contact: 2026-02-01\n---\n## Log\n* 2026-01-01 a\n  more\n"
        "* 2026-02-01 b\nlazy line\n\n## Next\n",
        last_contact=date(2026, 2, 1),
    ),
    _shape(
        "aligned-comments",
        "---\nname: A            # the name\ncircle: close        # see config\n"
        "birthday: 1990-01-01 # no comment gap\n---\n",
        name="A",
        circle="close",
    ),
    _shape("dots-close-front-matter", "---\nname: A\n...\nbody\n", name="A"),
    _shape("quoted-keys", "---\n\"circle\": close\n'name': A\n---\n", name="A", circle="close"),
    _shape(
        "block-scalar-before-closing",
        "---\ncircle: close\nnotes: |\n  line one\n  line two\n---\n",
        circle="close",
    ),
    _shape(
        "multi-line-value",
        "---\ncircle: close\nrole: painter and\n  illustrator\n---\n",
        role="painter and illustrator",
    ),
    _shape("one-item-list-is-its-value", "---\ncircle: [close]\n---\n", set(), circle="close"),
    _shape(
        "list-where-a-value-belongs", "---\ncircle: [close, inner]\n---\n", {(2, "bad-type")}, circle=None
    ),
]
