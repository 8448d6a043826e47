"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
from pathlib import Path


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`; raises FileExistsError if it exists, even if created meanwhile."""
    temp = _write_temp(path, data)
    try:
        os.link(temp, path)  # unlike rename, link never replaces an existing file
    finally:
        os.unlink(temp)


class FileChanged(Exception):
    """The file no longer holds what the caller read from it."""


def replace(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace `path` (or create it) with `data`, keeping an existing file's permissions.
    Through a symlink, the file it points to is replaced (or created) and the link kept.

    With `expected`, refuse (FileChanged) unless the file still holds exactly those bytes. The
    check runs after the new data is on disk, just before the rename, so the window in which
    another program's save could be lost is as short as it can be without locks (which editors
    do not take).
    """
    # realpath, not Path.resolve: on Python < 3.13 that raises on a symlink loop.
    path = Path(os.path.realpath(path))
    temp = _write_temp(path, data)
    try:
        if expected is not None and _current(path) != expected:
            raise FileChanged(path)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_temp(path: Path, data: bytes) -> str:
    import tempfile  # here, not above: commands that only read never pay for it

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a new note gets the usual mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(temp)
        raise
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
