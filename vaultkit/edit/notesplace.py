"""Where imported free text goes in a note: under its `## Notes` heading, read as
`parse.note.notes_section` reads it.

The lines go at the end of an existing Notes section; without one, a `## Notes` section is
added before the log (so that the log stays the note's last section, where `vaultkit log`
writes), or at the end of the note. Lines that Markdown would read as a heading or a code
fence are escaped: imported text can neither start a section of its own (a fake `## Log`) nor
turn the rest of the note into code.
"""

from __future__ import annotations

import re

from vaultkit.edit.logplace import body_code_lines, find_section
from vaultkit.edit.notetext import NoteText
from vaultkit.parse.note import NOTES_HEADINGS

# A line Markdown reads as a heading or a fence, or Obsidian as a comment.
_BLOCK_SYNTAX = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|`{3}|~{3}|%%)")


def notes_insertion(text: NoteText, log_heading: str) -> tuple[int, list[str], list[str]]:
    """(line index to insert before, lines to put before the text, lines to put after it)."""
    in_code = body_code_lines(text)
    section = find_section(text, NOTES_HEADINGS, in_code)
    if section is not None:
        start, stop = section
        content = [index for index in range(start + 1, stop) if text.content(index).strip()]
        return (content[-1] + 1 if content else start + 1), [""], []
    log = find_section(text, (log_heading,), in_code)
    if log is not None:
        before = log[0]
        blank_above = before > text.body_start and not text.content(before - 1).strip()
        return before, ([] if blank_above else [""]) + ["## Notes", ""], [""]
    last = text.content(len(text.lines) - 1) if len(text.lines) > text.body_start else ""
    return len(text.lines), ([""] if last.strip() else []) + ["## Notes", ""], []


def escaped_text(lines: list[str]) -> list[str]:
    """`lines` with every line that would be Markdown block syntax escaped by a backslash."""
    return ["\\" + line.lstrip(" \t") if _BLOCK_SYNTAX.match(line) else line for line in lines]
