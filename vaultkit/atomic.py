"""Atomic file writes: a reader sees the old file or the new one, never half of either, and a save
another program makes while vaultkit writes is never lost silently.

The new bytes go to a temp file beside the target, named `.NAME.vaultkit-XXXXXXXX.tmp`, which
then takes the target's place. A write killed half-way leaves such a file behind; the next write
into the same folder removes those older than `STALE_AFTER`, and `stale_temp_files` lists them
for `check`. Nothing else is ever removed.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from functools import cache
from itertools import chain
from pathlib import Path
from typing import BinaryIO

# A temp file older than this belongs to no write still running: writes take milliseconds.
STALE_AFTER = 60.0
_PATTERN = re.compile(r"\..+\.vaultkit-[0-9a-f]{8}\.(tmp|saved)")
_NO_SUCH_FEATURE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}


class FileChanged(Exception):
    """The file no longer holds what the caller read from it. `kept`: where a save that could
    not go back in place was kept (rare: two saves within the same instant)."""

    def __init__(self, path: Path, kept: Path | None = None):
        super().__init__(str(path))
        self.path = path
        self.kept = kept


class ReadOnly(PermissionError):
    """The file's permissions say it is not to be written; vaultkit does not replace it."""


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`; raises FileExistsError if it exists, even if created meanwhile."""
    remove_stale_temp_files(path.parent)
    temp = _write_temp(path, data)
    try:
        os.link(temp, path)  # unlike rename, link never replaces an existing file
    finally:
        os.unlink(temp)


def replace(path: Path, data: bytes | Iterable[bytes], expected: bytes | None = None) -> None:
    """Replace `path` (or create it) with `data`, keeping an existing file's permissions. `data`
    may come in pieces, written one after the other, unless `expected` is given.
    Through a symlink, the file it points to is replaced (or created) and the link kept.
    A read-only file is refused (ReadOnly), even where the file system would let it be replaced.

    With `expected`, refuse (FileChanged) unless the file holds exactly those bytes until the
    new ones take its place: the file is checked before, and what was replaced is compared
    after; a save that landed in between is put back (see `_swap_in`).
    """
    # realpath, not Path.resolve: on Python < 3.13 that raises on a symlink loop.
    path = Path(os.path.realpath(path))
    if is_read_only(path):
        raise ReadOnly(errno.EACCES, "the file is read-only", str(path))
    remove_stale_temp_files(path.parent)
    temp = _write_temp(path, data)
    try:
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        if expected is None:
            os.replace(temp, path)
            return
        if not isinstance(data, bytes):
            raise TypeError("a replace that expects bytes compares the new ones whole")
        if _current(path) != expected:
            raise FileChanged(path)
    except BaseException:
        _remove(temp)
        raise
    _swap_in(temp, path, data, expected)


def replace_if_changed(
    path: Path, pieces: Iterable[bytes], allowed: Callable[[], None] | None = None
) -> bool:
    """`replace` `path` (or create it) with `pieces`, made as they are written, unless it holds
    those bytes already; True when it was replaced. They are compared with the file as they
    come, and never held whole (a large vault's dashboard is 16 MB): nothing is written while
    they match it, and a file that holds them already is left as it is. `allowed` is asked
    before a file that holds anything else is replaced, and refuses by raising."""
    path = Path(os.path.realpath(path))
    pieces = iter(pieces)
    try:
        current = open(path, "rb")
    except OSError:  # none yet, or a folder: nothing to be the same as
        current = None
    with current if current is not None else nullcontext():
        matched, differing = 0, b""
        if current is not None:
            for piece in pieces:
                if current.read(len(piece)) != piece:
                    differing = piece
                    break
                matched += len(piece)
            else:
                if not current.read(1):
                    return False
        if allowed is not None:
            allowed()
        if is_read_only(path):
            raise ReadOnly(errno.EACCES, "the file is read-only", str(path))
        remove_stale_temp_files(path.parent)
        start = _start_of(current, matched) if current is not None else ()
        temp = _write_temp(path, chain(start, (differing,), pieces))
    try:
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    return True


def _start_of(file: BinaryIO, size: int) -> Iterator[bytes]:
    """The first `size` bytes of `file`, a piece at a time."""
    file.seek(0)
    while size > 0:
        piece = file.read(min(size, 1 << 20))
        if not piece:
            raise OSError(f"{file.name} ended while it was read")
        size -= len(piece)
        yield piece


def is_read_only(path: Path) -> bool:
    """True if `path` exists and may not be written: no write permission at all (which does not
    stop root), or none for this user."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _swap_in(temp: str, path: Path, data: bytes, expected: bytes) -> None:
    """Put `temp` in place of `path`, then make sure what it replaced is what was expected.

    An editor's save between the check and the swap would otherwise be lost. The swap keeps
    what it replaces under the temp's name, so that file is compared afterwards and, if an
    editor saved into it, put back in place, and FileChanged raised.
    """
    try:
        swapped = _exchange(temp, path)
    except BaseException:
        _remove(temp)  # the swap did not happen: the temp file holds only the new bytes
        raise
    if not swapped:
        return  # no way to keep what it replaced: the check just before is all there is
    if _current(Path(temp)) == expected:
        os.unlink(temp)
        return
    _exchange(temp, path)
    if _current(Path(temp)) == data:
        os.unlink(temp)
        raise FileChanged(path)
    # Yet another save landed on vaultkit's bytes during the undo: keep it, never guess.
    kept = _link_aside(Path(temp), path, "saved")
    os.unlink(temp)
    raise FileChanged(path, Path(kept))


def _exchange(temp: str, path: Path) -> bool:
    """Swap the files `temp` and `path` names: `path` gets the new bytes, `temp` what `path` held.

    On Linux that is one step (renameat2's RENAME_EXCHANGE), leaving no moment in which another
    program's save could be lost. Elsewhere, or on a file system without it, `path`'s file gets a
    second name first and then is replaced: a save by rename (not into the file) in the instant
    between those two steps is the one that could still be lost. False: neither can be done (no
    hard links either), so `path` was simply replaced.
    """
    if _rename_exchange(temp, path):
        return True
    try:
        held = _link_aside(path, path, "tmp")
    except OSError as exc:
        if exc.errno not in _NO_SUCH_FEATURE:
            raise
        os.replace(temp, path)
        return False
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(held)  # `path` is as it was
        raise
    os.replace(held, temp)
    return True


def _rename_exchange(first: str, second: Path) -> bool:
    """Swap two names in one step; False where the system or the file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    import ctypes

    at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    if function(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_SUCH_FEATURE:
        return False
    raise OSError(code, os.strerror(code), str(second))


@cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not above: only writes pay for it

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _link_aside(source: Path, beside: Path, kind: str) -> str:
    """A second name for the file `source` names, one of vaultkit's beside `beside`."""
    while True:
        name = _unused_name(beside, kind)
        try:
            os.link(source, name)
            return name
        except FileExistsError:
            continue


def stale_temp_files(root: Path) -> list[Path]:
    """The temp files vaultkit left in the vault (a write killed half-way) and the saves it kept
    aside, outside hidden folders, sorted; temp files of a write that may still run are not."""
    found = []
    for folder, folders, _ in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [Path(leftover) for leftover in _leftovers(folder, ("tmp", "saved"))]
    return sorted(found)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the temp files a killed write left in `folder`; never anything else."""
    for leftover in _leftovers(str(folder), ("tmp",)):
        _remove(leftover)


def _leftovers(folder: str, kinds: tuple[str, ...]) -> list[str]:
    """vaultkit's own files (by name) in `folder`, of the `kinds`: temp files older than
    STALE_AFTER, kept saves at any age."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    oldest = time.time() - STALE_AFTER
    found = []
    for entry in entries:
        match = _PATTERN.fullmatch(entry.name)
        if not match or match.group(1) not in kinds:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        # ctime too: a file just swapped out keeps its old mtime, but linking or renaming it sets ctime.
        running = match.group(1) == "tmp" and max(status.st_mtime, status.st_ctime) >= oldest
        if entry.is_file(follow_symlinks=False) and not running:
            found.append(entry.path)
    return sorted(found)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_temp(path: Path, data: bytes | Iterable[bytes]) -> str:
    """A new temp file beside `path` holding `data` (bytes, or pieces of them), on disk; created
    with the mode a new file gets (0666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = _unused_name(path, "tmp")
        try:
            fd = os.open(temp, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove(temp)
        raise
    return temp


def _unused_name(path: Path, kind: str) -> str:
    return os.path.join(path.parent, f".{path.name}.vaultkit-{secrets.token_hex(4)}.{kind}")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
