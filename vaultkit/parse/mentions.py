"""The links in one note that may name people: mentions, property links, tasks, person tags.

`extract_mentions` is a pure function of one note's text, so it runs while the note is parsed
and is cached with it; which contact a link names is decided later, with the whole index (see
`vaultkit.activity`).

Every way Obsidian links a note counts: `[[Name]]`, `[[Folder/Name|shown]]`, `[[Name.md]]`,
Markdown links relative to the note or to the vault (`[x](../People/Name%20Here.md)`,
`[x](<People/Name Here.md>)`), and tags like `#people/john-appleseed`. Obsidian comments
(`%% … %%`, also over several lines) are no more the note's text than code is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from vaultkit.model import Mention, MentionKind
from vaultkit.parse.markdown import blank_code_spans, code_spans, in_code_blocks
from vaultkit.parse.tags import inline_tags, tags_of
from vaultkit.values import WIKILINK, search_date

_QUOTE = re.compile(r"\s*>")
_MD_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*(<[^<>]+>|[^()\[\]<>\s]+)(?:\s+\"[^\"]*\")?\s*\)")
# `mailto:`, `https:`, `obsidian:`: a link out of the vault, not to a note.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_TASK = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[(.)\]\s+(.*)")
_LIST_MARKER = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+")
_DUE = re.compile(r"(?:📅\s*|\[?due::\s*)(\d{4}-\d{2}-\d{2})")
_DONE_ON = re.compile(r"(?:✅\s*|\[?completion::\s*)(\d{4}-\d{2}-\d{2})")
# The Tasks plugin's dates: due, scheduled, start, done, created, cancelled.
_TASK_EMOJI = re.compile("[📅⏳🛫✅➕❌]")
_EMOJI_DATE = re.compile(rf"{_TASK_EMOJI.pattern}\s*\d{{4}}-\d{{2}}-\d{{2}}")
# The same dates as Dataview fields, which the Tasks plugin also writes without brackets.
_DATE_FIELDS = frozenset({"due", "scheduled", "start", "completion", "created", "cancelled"})
_LOOSE_DATE_FIELD = re.compile(
    r"(?<!\S)(?:due|scheduled|start|completion|created|cancelled)::[ \t]*\d{4}-\d{2}-\d{2}", re.I
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A Dataview field in brackets, `[key:: value]`, or parentheses, `(key:: value)`, read once
# links are plain text. No bracket inside a part, and no `[ \t]*` before the value (which is
# stripped after), so that it takes linear time.
_BRACKET_FIELD = re.compile(
    r"\[[ \t]*([^\s:\[\](){}][^:\[\](){}]*?)::([^\[\]]*)\]"
    r"|\([ \t]*([^\s:\[\](){}][^:\[\](){}]*?)::([^()]*)\)"
)
# A field that starts the line, `topic:: value`: a key of up to three words, no link in it.
_LEADING_FIELD = re.compile(r"[^\s:\[\](){}#>`*%][^\s:\[\](){}`]*(?: [^\s:\[\](){}`]+){0,2}::(?:[ \t]+|$)")
# Where an inline code span stands while a line is cleaned (a private-use character).
_CODE_MARK = "\ue000"
_CODE_SPOT = re.compile(_CODE_MARK + r"(\d+)" + _CODE_MARK)
_OPEN, _DONE = " /", "xX"
MAX_TEXT = 160
SKIPPED_PROPERTIES = ("categories", "tags", "aliases")
# `#people/john-appleseed` names a person; so do `person/`, `contact/` and `contacts/` tags.
PERSON_TAG_PREFIXES = ("people", "person", "contact", "contacts")
_PERSON_TAG_HINT = re.compile(r"#(?:people|person|contacts?)/", re.I)


def extract_mentions(
    body: str, body_line: int, properties: dict[str, Any], key_lines: dict[str, int] | None = None
) -> tuple[Mention, ...]:
    """Every link in the note that may name a person, with what kind of mention it is.

    `key_lines` (front-matter key -> file line) gives a person tag in `tags:` its line.
    """
    found = []
    for key, value in properties.items():
        if key in SKIPPED_PROPERTIES:
            continue
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, str) and (mention := _property_mention(key, item.strip())):
                found.append(mention)
    if "tags" in properties:
        tags_line = (key_lines or {}).get("tags", 0)
        found += [
            Mention(sys.intern(tag), tags_line, "", "property", by_tag=True)
            for tag in tags_of(properties["tags"])
            if person_in_tag(tag)
        ]
    lines = body.split("\n")
    code = in_code_blocks(lines)
    if "%%" in body:
        lines = _without_comments(lines, code)
    if "[!" in body:
        lines = _callouts_unwrapped(lines, code)
    for offset, (line, in_code) in enumerate(zip(lines, code)):
        if in_code or ("[[" not in line and "](" not in line) or _QUOTE.match(line):
            continue
        found.extend(_line_mentions(line, body_line + offset))
    if "#" in body and _PERSON_TAG_HINT.search(body):
        found.extend(_tag_mentions(lines, body_line))
    return tuple(found)


_CALLOUT = re.compile(r"\s*>\s*\[!\w[\w-]*\][+-]?\s*")
_QUOTE_MARKERS = re.compile(r"\s*(?:>\s?)+")


def _callouts_unwrapped(lines: list[str], code: list[bool]) -> list[str]:
    """An Obsidian callout (`> [!info] Attendees`, then `> [[Joe]], [[Raj]]`) is part of the
    note, not a quotation of someone else's words: its lines are read without the `>`."""
    result = []
    inside = False
    for line, in_code in zip(lines, code):
        if not in_code and (start := _CALLOUT.match(line)):
            inside = True
            result.append(line[start.end() :])
        elif inside and not in_code and _QUOTE.match(line):
            result.append(line[markers.end() :] if (markers := _QUOTE_MARKERS.match(line)) else line)
        else:
            inside = False
            result.append(line)
    return result


def person_in_tag(tag: str) -> str | None:
    """The part of a person tag that names the person (`john-appleseed` in
    `people/john-appleseed`, also in `people/work/john-appleseed`), or None for other tags."""
    head, _, rest = tag.partition("/")
    name = rest.rstrip("/").rsplit("/", 1)[-1]
    return name if name and head.casefold() in PERSON_TAG_PREFIXES else None


# The same people are named in the properties of thousands of notes, and a mention there is
# the same whatever the note: each is made once and shared (a Mention cannot change).
@lru_cache(maxsize=1 << 14)
def _property_mention(key: str, text: str) -> Mention | None:
    """The mention a text property value (or one item of a list) makes, if any."""
    if (match := WIKILINK.fullmatch(text)) is not None:
        return None if match.group(1) else _wikilink(match.group(2), 0, "", "property", None)
    if "](" in text and (link := _MD_LINK.fullmatch(text)) and not link.group(1):
        return _markdown_link(link.group(3), 0, "", "property", None)
    if key == "people":
        return _wikilink(text, 0, "", "property", None)  # a name, as a link would say it
    return None


def _without_comments(lines: list[str], code: list[bool]) -> list[str]:
    """The lines with Obsidian comments blanked outside code: `%% … %%` in a line, or from one
    line to another (unclosed: to the end of the note). As many lines as before."""
    result = []
    hidden = False
    for line, in_code in zip(lines, code):
        if in_code and not hidden:
            result.append(line)
            continue
        if "%%" not in line:
            result.append("" if hidden else line)
            continue
        # A `%%` inside inline code is code, not a comment mark.
        marks = blank_code_spans(line)
        kept = []
        start = 0
        while (found := marks.find("%%", start)) != -1:
            if not hidden:
                kept.append(line[start:found])
            hidden = not hidden
            start = found + 2
        if not hidden:
            kept.append(line[start:])
        result.append(" ".join(kept))
    return result


def _line_kind(visible: str) -> tuple[MentionKind, date | None] | None:
    """What a mention on the line is: a mention, an open task (with its due date) or a done
    one (with its completion date); None on a cancelled or other task."""
    task = _TASK.match(visible)
    if task is None:
        return "mention", None
    if task.group(1) in _OPEN:
        return "task", search_date(_DUE, task.group(2))
    if task.group(1) in _DONE:
        return "done", search_date(_DONE_ON, task.group(2))
    return None  # cancelled or other task states: neither a contact nor a follow-up


def _line_mentions(line: str, number: int) -> list[Mention]:
    # The `in` tests skip regular expressions that cannot match: this runs for every linking line.
    visible = blank_code_spans(line)
    kind_and_date = _line_kind(visible)
    if kind_and_date is None:
        return []
    kind, when = kind_and_date
    text = _clean(line)
    found = []
    for match in WIKILINK.finditer(visible) if "[[" in visible else ():
        if not match.group(1) and (mention := _wikilink(match.group(2), number, text, kind, when)):
            found.append(mention)
    for match in _MD_LINK.finditer(visible) if "](" in visible else ():
        if not match.group(1) and (mention := _markdown_link(match.group(3), number, text, kind, when)):
            found.append(mention)
    return found


def _wikilink(target: str, line: int, text: str, kind: MentionKind, when: date | None) -> Mention | None:
    """`[[Name]]` names a note; `[[Folder/Name]]` and `[[../Folder/Name]]` are paths, and
    `[[Name.md]]` is `[[Name]]`."""
    target = target.strip()
    if "/" in target:
        return Mention(sys.intern(target), line, text, kind, when, by_path=True)
    if target[-3:].lower() == ".md":
        target = target[:-3].strip()
    return Mention(sys.intern(target), line, text, kind, when) if target else None


def _markdown_link(target: str, line: int, text: str, kind: MentionKind, when: date | None) -> Mention | None:
    """`[x](People/Name%20Here.md#Log)`, `[x](<People/Name Here.md>)`: the path of a note; None
    for a link out of the vault or to a heading of the note itself."""
    target = target.strip("<>").strip()
    if not target or target.startswith("#") or _SCHEME.match(target):
        return None
    path = unquote(target.split("#", 1)[0]).strip()
    return Mention(sys.intern(path), line, text, kind, when, by_path=True) if path else None


def _tag_mentions(lines: list[str], body_line: int) -> Iterable[Mention]:
    """`#people/john-appleseed` and the like in the body, outside code, links and comments."""
    on_line: dict[int, tuple[str, MentionKind, date | None] | None] = {}
    for tag, number in inline_tags("\n".join(lines), body_line):
        if not person_in_tag(tag):
            continue
        if number not in on_line:
            line = lines[number - body_line]
            visible = blank_code_spans(line)
            kind_and_date = None if _QUOTE.match(line) else _line_kind(visible)
            on_line[number] = (_clean(line), *kind_and_date) if kind_and_date else None
        if (found := on_line[number]) is not None:
            text, kind, when = found
            yield Mention(sys.intern(tag), number, text, kind, when, by_tag=True)


def _clean(line: str) -> str:
    """A line as a person reads it: no list marker, checkbox, heading marks, task dates, link
    syntax or Dataview field names, and every word kept (code spans as written)."""
    if task := _TASK.match(line):
        text = task.group(2)
    elif marker := _LIST_MARKER.match(line):
        text = line[marker.end() :]
    else:
        text = line[heading.end() :] if (heading := _HEADING.match(line)) else line
    codes: list[str] = []
    if "`" in text:
        text = _hide_code(text.replace(_CODE_MARK, ""), codes)
    if _TASK_EMOJI.search(text):
        text = _EMOJI_DATE.sub("", text)
    if "::" in text:
        text = _LOOSE_DATE_FIELD.sub("", text).lstrip()
        if leading := _LEADING_FIELD.match(text):
            text = text[leading.end() :]
    text = WIKILINK.sub(_shown, text) if "[[" in text else text
    text = _MD_LINK.sub(lambda m: m.group(2), text) if "](" in text else text
    if "::" in text:
        text = _BRACKET_FIELD.sub(_field_value, text)
    if codes:
        text = _CODE_SPOT.sub(lambda m: codes[int(m.group(1))], text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _hide_code(text: str, codes: list[str]) -> str:
    """Keep inline code spans out of the cleaning, to put them back as written (no backticks):
    each becomes a mark with its number in `codes`."""
    parts = []
    done = 0
    for start, end in code_spans(text):
        ticks = len(text[start:end]) - len(text[start:end].lstrip("`"))
        codes.append(text[start + ticks : end - ticks].strip())
        parts += [text[done:start], f"{_CODE_MARK}{len(codes) - 1}{_CODE_MARK}"]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _shown(match: re.Match[str]) -> str:
    """What Obsidian shows for a wikilink: its alias, else the note's name (`[[People/John
    Doe.md]]` -> `John Doe`), else the heading it points to."""
    alias = (match.group(3) or "").strip()
    if alias:
        return alias
    name = match.group(2).strip().rsplit("/", 1)[-1]
    if name[-3:].lower() == ".md":
        name = name[:-3].strip()
    if name:
        return name
    inner = match.group(0)[3:-2] if match.group(1) else match.group(0)[2:-2]
    return inner.lstrip("#^").strip()


def _field_value(match: re.Match[str]) -> str:
    """`[attendees:: John Doe]` -> `John Doe`; a task's date (`[due:: 2026-11-30]`) goes."""
    key, value = match.group(1, 2) if match.group(1) is not None else match.group(3, 4)
    value = value.strip()
    if key.strip().casefold() in _DATE_FIELDS and (not value or _ISO_DAY.fullmatch(value)):
        return ""
    return value
