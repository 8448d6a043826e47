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
from vaultkit.parse.note import DATED_HEADING, NOTES_HEADINGS
from vaultkit.values import fold

_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")


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


def escaped_text(lines: list[str], log_heading: str) -> list[str]:
    """`lines` with what would reach beyond them escaped by a backslash: a heading that would
    end the Notes section or start a log (level 1 or 2, the log's or a dated one, `## Notes`
    again), a code fence left open, an HTML comment left open; an open Obsidian comment (`%%`)
    loses its second `%`. Closed fences and comments, `### Family` and the rest stay as written,
    so that an export gives the text back as it came."""
    headings = {fold(log_heading), *NOTES_HEADINGS}
    result = list(lines)
    in_code = [False] * len(result)
    opened: int | None = None  # the line of the fence that opened the code block we are in
    marker = ""  # its character, ` or ~: only the same one closes it
    for index, line in enumerate(result):
        fence = _FENCE.match(line)
        if opened is None and fence:
            opened, marker = index, fence[1][0]
        elif opened is not None:
            in_code[index] = True
            if fence and fence[1][0] == marker:
                in_code[opened] = True
                opened = None
    if opened is not None:  # left open: it would make the rest of the note code
        result[opened] = "\\" + result[opened].lstrip(" \t")
        in_code[opened + 1 :] = [False] * (len(result) - opened - 1)
    for index, line in enumerate(result):
        heading = None if in_code[index] else _HEADING.match(line)
        if heading and (
            len(heading[1]) <= 2
            or fold(heading[2] or "") in headings
            or DATED_HEADING.fullmatch(heading[2] or "")
        ):
            result[index] = "\\" + line.lstrip(" \t")
    text = "\n".join(result)
    if text.rfind("<!--") > text.rfind("-->"):
        text = text[: text.rfind("<!--")] + "\\<!--" + text[text.rfind("<!--") + 4 :]
    if text.count("%%") % 2:
        cut = text.rfind("%%")
        text = text[:cut] + "%\\%" + text[cut + 2 :]
    return text.split("\n")


def unescaped(line: str) -> str:
    """A line as it was before `escaped_text`, to compare it with what it came from."""
    return line[1:] if line.startswith("\\") else line.replace("%\\%", "%%").replace("\\<!--", "<!--")
