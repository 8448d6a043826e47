"""Where a new entry goes in a note's log, found the way `parse.note.parse_log` reads the log.

Entries keep the log's order: a log written newest first gets the entry above the first entry
that is not newer; any other log gets it after the last entry that is not later (usually at the
end). A log too short to show an order (one entry, or one day) follows the order most logs in
the vault are written in. The entry takes the list marker (`-`, `*`, `+`) of its neighbours,
so it stays in the same Markdown list. Without a log heading, `## Log` is added at the end of
the note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from vaultkit.edit.notetext import NoteText
from vaultkit.model import LogEntry
from vaultkit.parse.markdown import in_code_blocks
from vaultkit.parse.note import LOG_ITEM, dated_words
from vaultkit.values import fold, parse_date

# Lines that start a new Markdown block instead of continuing a list item's paragraph.
_BLOCK_START = re.compile(r"[#>|<`~]|[-*+](?:\s|$)|\d+[.)](?:\s|$)")


def newest_first(logs: Iterable[Sequence[LogEntry]]) -> bool:
    """Whether more of these logs (in file order) are written newest first than oldest first."""
    votes = Counter(log[0].date > log[-1].date for log in logs if log and log[0].date != log[-1].date)
    return votes[True] > votes[False]


def log_insertion(
    text: NoteText, heading: str, when: date, vault_newest_first: bool = False
) -> tuple[int, str, list[str]]:
    """(line index to insert before, list marker, heading lines to add before the entry)."""
    in_code = body_code_lines(text)
    section = find_section(text, (heading,), in_code)
    if section is None:
        last = text.content(len(text.lines) - 1) if len(text.lines) > text.body_start else ""
        return len(text.lines), "-", (["", f"## {heading}"] if last.strip() else [f"## {heading}"])
    start, stop = section
    entries = []
    for index in range(start + 1, stop):
        if not in_code[index] and (match := LOG_ITEM.match(text.content(index))):
            entries.append((index, match[1], _date(dated_words(match[2], match[3])[0])))
    if not entries:
        content = [i for i in range(start + 1, stop) if text.content(i).strip()]
        return (content[-1] if content else start) + 1, "-", []
    dates = [day for _, _, day in entries if day is not None]
    descending = dates[0] > dates[-1] if dates and dates[0] != dates[-1] else vault_newest_first
    for index, marker, day in entries:
        if day is not None and (day <= when if descending else day > when):
            return index, marker, []
    index, marker, _ = entries[-1]
    return _item_end(text, index, stop), marker, []


def body_code_lines(text: NoteText) -> dict[int, bool]:
    """For each body line index, whether it is inside a code block."""
    body = range(text.body_start, len(text.lines))
    return dict(zip(body, in_code_blocks([text.content(index) for index in body])))


def find_section(text: NoteText, headings: Sequence[str], in_code: dict[int, bool]) -> tuple[int, int] | None:
    """(heading line, line after the section) of the first section outside code blocks whose
    heading is one of `headings` (ignoring case and accents)."""
    wanted = {fold(heading) for heading in headings}
    start: int | None = None
    level = 0
    for index in range(text.body_start, len(text.lines)):
        line = text.content(index)
        if in_code[index] or not line.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip("#"))
        if line[depth : depth + 1] != " ":
            continue  # a #tag, not a heading
        if start is not None and depth <= level:
            return start, index
        if start is None and fold(line[depth:].strip()) in wanted:
            start, level = index, depth
    return None if start is None else (start, len(text.lines))


def _item_end(text: NoteText, index: int, stop: int) -> int:
    """The line after list item `index`: its indented lines and lazy continuation included."""
    end = index + 1
    for following in range(index + 1, stop):
        line = text.content(following)
        if not line.strip():
            continue
        if line[0] in " \t" or (following == end and not _BLOCK_START.match(line)):
            end = following + 1
            continue
        break
    return end


def _date(word: str) -> date | None:
    try:
        return parse_date(word.rstrip(":"))
    except ValueError:
        return None
