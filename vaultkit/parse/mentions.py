"""The links in one note that may name people: mentions, property links, tasks.

`extract_mentions` is a pure function of one note's text, so it runs while the note is parsed
and is cached with it; which contact a link names is decided later, with the whole index (see
`vaultkit.activity`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from vaultkit.model import Mention, MentionKind
from vaultkit.parse.markdown import in_code_blocks
from vaultkit.values import WIKILINK, search_date

_QUOTE = re.compile(r"\s*>")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MD_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*(<[^<>]+>|[^()\[\]<>\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_TASK = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[(.)\]\s+(.*)")
_LIST_MARKER = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+")
_DUE = re.compile(r"(?:📅\s*|\[?due::\s*)(\d{4}-\d{2}-\d{2})")
_DONE_ON = re.compile(r"(?:✅\s*|\[?completion::\s*)(\d{4}-\d{2}-\d{2})")
# The Tasks plugin's dates: due, scheduled, start, done, created, cancelled.
_TASK_EMOJI = re.compile("[📅⏳🛫✅➕❌]")
_TASK_DATES = re.compile(rf"\s*(?:{_TASK_EMOJI.pattern}\s*\d{{4}}-\d{{2}}-\d{{2}}|\[?\w+::\s*[^\]\s]*\]?)")
_OPEN, _DONE = " /", "xX"
MAX_TEXT = 160
SKIPPED_PROPERTIES = ("categories", "tags", "aliases")


def extract_mentions(body: str, body_line: int, properties: dict[str, Any]) -> tuple[Mention, ...]:
    """Every link in the note that may name a person, with what kind of mention it is."""
    found = [
        m
        for key, value in properties.items()
        if key not in SKIPPED_PROPERTIES
        for m in _property_mentions(key, value)
    ]
    lines = body.split("\n")
    for offset, (line, code) in enumerate(zip(lines, in_code_blocks(lines))):
        if code or ("[[" not in line and "](" not in line) or _QUOTE.match(line):
            continue
        found.extend(_line_mentions(line, body_line + offset))
    return tuple(found)


def _property_mentions(key: str, value: Any) -> Iterable[Mention]:
    values = value if isinstance(value, list) else [value]
    for item in values:
        if not isinstance(item, str):
            continue
        match = WIKILINK.fullmatch(item.strip())
        if match and not match.group(1):
            yield Mention(sys.intern(match.group(2).strip()), 0, "", "property")
        elif key == "people" and item.strip():
            yield Mention(item.strip(), 0, "", "property")


def _line_mentions(line: str, number: int) -> Iterable[Mention]:
    # The `in` tests skip regular expressions that cannot match: this runs for every linking line.
    visible = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line
    task = _TASK.match(visible)
    kind: MentionKind
    if task is None:
        kind, when = "mention", None
    elif task.group(1) in _OPEN:
        kind, when = "task", search_date(_DUE, task.group(2))
    elif task.group(1) in _DONE:
        kind, when = "done", search_date(_DONE_ON, task.group(2))
    else:
        return  # cancelled or other task states: neither a contact nor a follow-up
    text = _clean(visible)
    for match in WIKILINK.finditer(visible):
        if not match.group(1):
            yield Mention(sys.intern(match.group(2).strip()), number, text, kind, when)
    for match in _MD_LINK.finditer(visible) if "](" in visible else ():
        target = match.group(3).strip("<>")
        if not match.group(1) and "://" not in target and not target.startswith("#"):
            yield Mention(unquote(target.split("#")[0]), number, text, kind, when, by_path=True)


def _clean(line: str) -> str:
    """A line as a person reads it: no list marker, checkbox, task dates or link syntax."""
    text = _TASK.sub(r"\2", line) if _TASK.match(line) else _LIST_MARKER.sub("", line, count=1)
    if "::" in text or _TASK_EMOJI.search(text):
        text = _TASK_DATES.sub("", text)
    text = WIKILINK.sub(lambda m: (m.group(3) or m.group(2)).strip(), text) if "[[" in text else text
    text = _MD_LINK.sub(lambda m: m.group(2), text) if "](" in text else text
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"
