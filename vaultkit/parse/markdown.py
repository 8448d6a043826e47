"""What Markdown makes of a note's lines, where vaultkit needs to know: which lines are code, and
which parts of a line are inline code.

One rule for every reader (log, mentions) and for the log writer: a fenced code block as
CommonMark defines it. It opens with three or more backticks or tildes indented at most three
spaces, and closes with a line of the same character, at least as long, and nothing else; an
unclosed fence runs to the end of the note. A fence indented four spaces is code inside an
indented block, not a fence.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile("`+")


def in_code_blocks(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included): a
    `## Log`, a list item or a link there is an example, not the note's own."""
    joined = "\n".join(lines)  # a fence mark cannot span the line break joined in
    if "```" not in joined and "~~~" not in joined:
        return [False] * len(lines)  # the common case, and the cheap one
    flags = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None:
            fence = match[1] if match else None
        elif (
            match
            and match[1][0] == fence[0]
            and len(match[1]) >= len(fence)
            and not line[match.end() :].strip()
        ):
            flags.append(True)
            fence = None
            continue
        flags.append(fence is not None)
    return flags


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span in `line`, its backticks included, as CommonMark
    reads them: a run of n backticks opens a span that the next run of exactly n closes, and a
    run that no later run closes is text. In one pass: a pattern with a backreference tries
    every run length from every backtick, which takes minutes on a line of 3,000 of them."""
    if "`" not in line:
        return []
    runs = [found.span() for found in _BACKTICKS.finditer(line)]
    closer: list[int | None] = [None] * len(runs)  # the next run of the same length
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closer[index] = next_of_length.get(length)
        next_of_length[length] = index
    spans = []
    index = 0
    while index < len(runs):
        match = closer[index]
        if match is None:
            index += 1
        else:
            spans.append((runs[index][0], runs[match][1]))
            index = match + 1
    return spans


def blank_code_spans(line: str) -> str:
    """`line` with each inline code span (backticks included) turned into as many spaces."""
    if "`" not in line:
        return line  # most lines: no need to look for spans
    spans = code_spans(line)
    if not spans:
        return line
    parts = []
    done = 0
    for start, end in spans:
        parts += [line[done:start], " " * (end - start)]
        done = end
    parts.append(line[done:])
    return "".join(parts)
