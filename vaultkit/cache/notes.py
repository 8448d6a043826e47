"""A persistent cache of parsed notes in `<vault>/.vaultkit/cache/notes.sqlite`.

(The same database keeps recent report output: see `vaultkit.cache.outputs`.)

A note's entry is trusted only while its size and mtime_ns are those recorded, and only under
the vaultkit version and config that wrote it. The cache is an optimisation and nothing more:
every failure to read or write it ends in re-parsing the notes, never in a wrong index or a
crash. A cache that cannot be read is deleted and rebuilt, with a notice for the user; one that
cannot be written (no permission, a read-only file system) is left as it is, and the user is
told that the notes are read without it.

Entries are pickles, but the cache lives inside a vault that sync tools may share, so they are
loaded by an unpickler that constructs vaultkit's model types and dates and nothing else.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import io
import pickle
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vaultkit import __version__, model
from vaultkit.config import Config
from vaultkit.model import Note
from vaultkit.vault import Stamp

CACHE_FOLDER = Path(".vaultkit") / "cache"
CACHE_FILE = "notes.sqlite"
FORMAT = 8  # raised whenever parsing changes what a cached note holds
# File systems stamp mtimes with a coarse clock: a note written in the same tick as it was
# cached could change again without changing its mtime. Notes this young are not cached.
RACY_NS = 2_000_000_000
BUSY_TIMEOUT_S = 5.0

_MODEL_TYPES = (
    model.Note,
    model.Contact,
    model.Mention,
    model.Diagnostic,
    model.LogEntry,
    model.Birthday,
    model.Duration,
)
# Explicit YAML tags (`!!timestamp`) can put datetimes with time zones into a note's properties.
_DATETIME_TYPES = {
    "date": datetime.date,
    "datetime": datetime.datetime,
    "timezone": datetime.timezone,
    "timedelta": datetime.timedelta,
}
_ALLOWED = {("datetime", name) for name in _DATETIME_TYPES} | {
    ("vaultkit.model", cls.__name__) for cls in _MODEL_TYPES
}


def _by_init(obj: Any) -> tuple[type, tuple[object, ...]]:
    # Rebuilt by calling the class: several times faster to load than the default for frozen
    # slotted dataclasses, which sets each field through `dataclasses.fields()`.
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


_REDUCERS: dict[type, Any] = {cls: _by_init for cls in _MODEL_TYPES}


class CacheError(Exception):
    """The cache file is unusable (corrupt, not a database, unreadable)."""


class CacheUnwritable(CacheError):
    """The cache cannot be made or written where it is: no permission, a read-only file system,
    a file in place of its folder. Rebuilding it would fail the same way."""


# SQLite's primary result codes for "this database cannot be written" and "cannot be opened".
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14


def _failure(exc: sqlite3.Error | OSError) -> CacheError:
    """What went wrong with the cache, in words for the user; CacheUnwritable when the cache
    cannot be written where it is."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM):
            return CacheUnwritable("permission denied")
        if exc.errno == errno.EROFS:
            return CacheUnwritable("read-only file system")
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            return CacheUnwritable("a file is in the way of its folder")
        return CacheError(exc.strerror or str(exc))
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_READONLY:
        return CacheUnwritable("it is read-only")
    if code == _SQLITE_CANTOPEN:
        return CacheUnwritable(str(exc))
    return CacheError(str(exc))


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return _DATETIME_TYPES[name] if module == "datetime" else getattr(model, name)


def fingerprint(config: Config) -> str:
    """Entries written under another vaultkit version, format or config are not used."""
    return hashlib.sha256(f"{__version__}|{FORMAT}|{config!r}".encode()).hexdigest()


def dump(note: Note) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(note)
    return buffer.getvalue()


def load(blob: bytes) -> Note:
    note = _ModelUnpickler(io.BytesIO(blob)).load()
    if not isinstance(note, Note):
        raise pickle.UnpicklingError(f"expected a Note, found {type(note).__name__}")
    return note


class NoteCache:
    """One run's view of the cache: read every entry once, write the changes in one go."""

    def __init__(self, root: Path, config: Config):
        self.path = root / CACHE_FOLDER / CACHE_FILE
        self.version = fingerprint(config)
        self._db: sqlite3.Connection | None = None

    def entries(self) -> dict[str, tuple[Stamp, bytes]]:
        """Every entry of this version, by note path. Raises CacheError when unreadable."""
        try:
            db = self._connect()
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != self.version:
                return {}
            rows = db.execute("SELECT path, size, mtime_ns, note FROM notes").fetchall()
        except (sqlite3.Error, OSError) as exc:
            raise _failure(exc) from None
        return {path: ((size, mtime_ns), blob) for path, size, mtime_ns, blob in rows}

    def save(self, changed: Iterable[tuple[str, Stamp, bytes]], gone: list[str]) -> None:
        """Record new and changed entries (path, stamp, pickled note), forget vanished notes.
        Raises CacheError (CacheUnwritable when it cannot be written)."""
        try:
            db = self._connect()
            with db:
                db.execute("BEGIN IMMEDIATE")
                row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None or row[0] != self.version:
                    db.execute("DELETE FROM notes")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))
                db.executemany("DELETE FROM notes WHERE path = ?", ((path,) for path in gone))
                db.executemany(
                    "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)",
                    ((path, size, mtime_ns, blob) for path, (size, mtime_ns), blob in changed),
                )
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return  # another vaultkit is writing the same notes; its entries will do
            raise _failure(exc) from None
        except (sqlite3.Error, OSError) as exc:
            raise _failure(exc) from None

    def discard(self) -> None:
        """Delete the cache files so that the next save starts a fresh database."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            except OSError:
                pass  # a cache that cannot be deleted is not trusted either: it is rewritten

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = connect(self.path)
        return self._db


def connect(path: Path, busy_timeout: float | None = None) -> sqlite3.Connection:
    """The cache database at `path`, created with its tables when missing; it waits
    `busy_timeout` seconds (default BUSY_TIMEOUT_S) for another vaultkit's write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _ignore_in_git(path.parent)
    if not path.exists():
        path.touch()  # an empty file is an empty database; SQLite would not say why it cannot make one
    timeout = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS notes (path TEXT PRIMARY KEY, size INTEGER,"
            " mtime_ns INTEGER, note BLOB)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, text TEXT)")
    except sqlite3.Error:
        db.close()
        raise
    return db


def _ignore_in_git(folder: Path) -> None:
    """Keep the cache out of `git status` in a vault under git, as pytest keeps its own cache:
    a `.gitignore` of `*` in the cache folder. A cache that git would show is no reason to fail."""
    try:
        with (folder / ".gitignore").open("x", encoding="utf-8") as ignore:
            ignore.write("# Created by vaultkit: its cache is not part of the vault.\n*\n")
    except OSError:
        pass  # there already, or the folder is read-only


def settled(stamp: Stamp) -> bool:
    """Whether a note is old enough that an unchanged stamp means unchanged content.

    This compares file times with the wall clock; report dates never come from here.
    """
    _, mtime_ns = stamp
    return mtime_ns < time.time_ns() - RACY_NS
