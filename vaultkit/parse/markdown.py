"""What Markdown makes of a note's lines, where vaultkit needs to know: which lines are code.

One rule for every reader (log, mentions) and for the log writer: a fenced code block as
CommonMark defines it. It opens with three or more backticks or tildes indented at most three
spaces, and closes with a line of the same character, at least as long, and nothing else; an
unclosed fence runs to the end of the note. A fence indented four spaces is code inside an
indented block, not a fence.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def in_code_blocks(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included): a
    `## Log`, a list item or a link there is an example, not the note's own."""
    if not any("```" in line or "~~~" in line for line in lines):
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
