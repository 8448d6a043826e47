"""What a report prints or writes: its text, or the UTF-8 bytes of its text in pieces.

Pieces are for output of megabytes (a large vault's JSON agenda, the calendar feed): a Python
text takes the width of its widest character for every character, so one `…` makes a 10 MB
JSON agenda 20 MB of text, and joining the pieces or encoding the text whole holds it once more.
Pieces are written, compared and digested one after the other instead.
"""

from __future__ import annotations

from collections.abc import Iterator

Content = str | tuple[bytes, ...]

PIECE = 1 << 18  # characters: up to a megabyte of text, and as much again read from a file


def encoded(content: Content | Iterator[bytes]) -> Iterator[bytes]:
    """`content` as UTF-8, a piece at a time; pieces still to be made are made one by one."""
    if not isinstance(content, str):
        yield from content
        return
    for at in range(0, len(content), PIECE):
        yield content[at : at + PIECE].encode("utf-8")


def least_size(content: Content) -> int:
    """The fewest bytes `content` takes as UTF-8: each character one byte or more."""
    return sum(map(len, content)) if isinstance(content, tuple) else len(content)
