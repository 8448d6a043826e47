"""What a report prints or writes: its text, or the UTF-8 bytes of its text in pieces, held or
in a file (`Spool`).

Pieces are for output of megabytes (a large vault's JSON agenda, the calendar feed): a Python
text takes the width of its widest character for every character, so one `…` makes a 10 MB
JSON agenda 20 MB of text, and joining the pieces or encoding the text whole holds it once more.
Pieces are written, compared and digested one after the other instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

PIECE = 1 << 18  # characters: up to a megabyte of text, and as much again read from a file


class Spool:
    """Bytes written to an unnamed file as they are made, and read back a piece at a time, as
    often as asked: a report too large to hold in memory whole (the JSON of the introductions
    `intros` suggests at 33,000 notes is 28 MB) printed and kept in the cache from there. What
    the file cannot take (a full disk) is held in memory after it. The file has no name in
    its folder, and is gone once closed or the process ends."""

    def __init__(self, folder: Path) -> None:
        """Raises OSError when no file can be made in `folder`."""
        self._file = tempfile.TemporaryFile(dir=folder, buffering=0)
        self._written = 0
        self._held: list[bytes] = []

    def filled(self, pieces: Iterable[bytes]) -> Spool:
        """The spool with `pieces` after what it has."""
        try:
            for piece in pieces:
                if self._held:
                    self._held.append(piece)
                else:
                    self._write(piece)
        except BaseException:
            self._file.close()
            raise
        return self

    def _write(self, piece: bytes) -> None:
        left = memoryview(piece)
        try:
            while left:
                done = self._file.write(left)
                if not done:
                    raise OSError("the file took nothing")
                self._written += done
                left = left[done:]
        except OSError:
            self._held.append(bytes(left))

    def __iter__(self) -> Iterator[bytes]:
        at = 0
        while at < self._written:
            self._file.seek(at)  # each piece from where this reading is: `os.pread` is not on Windows
            piece = self._file.read(min(4 * PIECE, self._written - at))
            if not piece:
                raise OSError(f"the spooled output ends at {at} of {self._written} bytes")
            at += len(piece)
            yield piece
        yield from self._held

    def __len__(self) -> int:
        return self._written + sum(map(len, self._held))


Content = str | tuple[bytes, ...] | Spool


def encoded(content: Content | Iterator[bytes]) -> Iterator[bytes]:
    """`content` as UTF-8, a piece at a time; pieces still to be made are made one by one."""
    if not isinstance(content, str):
        yield from content
        return
    for at in range(0, len(content), PIECE):
        yield content[at : at + PIECE].encode("utf-8")


def encoded_pieces(texts: Iterable[str]) -> Iterator[bytes]:
    """Texts as UTF-8, `PIECE` characters at a time, however long each is."""
    for text in texts:
        yield from encoded(text)


def least_size(content: Content) -> int:
    """The fewest bytes `content` takes as UTF-8: each character one byte or more."""
    return sum(map(len, content)) if isinstance(content, tuple) else len(content)


def replayable(content: Content | Iterator[bytes]) -> Content:
    """`content` as something that can be written more than once: pieces still to be made are
    made now and held."""
    return content if isinstance(content, (str, tuple, Spool)) else tuple(content)
