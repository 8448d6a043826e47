"""A persistent cache of parsed notes in `<vault>/.vaultkit/cache/notes.sqlite`.

(The same database keeps recent report output, and the calendar feed's events: see
`vaultkit.cache.outputs` and `vaultkit.cache.events`.)

A note's entry is trusted only while the note's stamp (size, mtime, inode and ctime) is the one
recorded, and only under the vaultkit version and config that wrote it. The cache is an
optimisation and nothing more: every failure to read or write it ends in re-parsing the notes,
never in a wrong index or a crash. A cache that cannot be read is deleted and rebuilt, with a
notice for the user; one that cannot be written (no permission, a read-only file system) is left
as it is, and the user is told that the notes are read without it. A cache reached through a
link out of the vault is never opened: SQLite would write into whatever the link names. Another
vaultkit writing the cache is never waited for long: this run reads what it can and leaves the
saving to that one.

Entries are pickles, but the cache lives inside a vault that sync tools may share, so they are
loaded by an unpickler that constructs vaultkit's model types and dates and nothing else. Each
row carries a digest of its stamp and pickle, and the note it holds must be the note of its
path: a row changed by anything but vaultkit (a sync tool's merge, a damaged disk, a hand with
`sqlite3`) is found out when it is read. That is no defence against someone who can write the
vault: they could as well change the notes.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import io
import marshal
import pickle
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any, get_args

from vaultkit import __version__, model
from vaultkit.boundary import link_out_of_vault
from vaultkit.config import Config
from vaultkit.fields import KNOWN_FIELDS
from vaultkit.language import N_
from vaultkit.model import Message, Note
from vaultkit.vault import Files, Stamp

CACHE_FOLDER = Path(".vaultkit") / "cache"
CACHE_FILE = "notes.sqlite"
# The database and the files SQLite keeps beside it, all of which it writes.
CACHE_FILES = tuple(CACHE_FILE + suffix for suffix in ("", "-wal", "-shm", "-journal"))
FORMAT = 20  # raised whenever what a cached note holds changes, or its pickled form, or the table
# File systems stamp mtimes with a coarse clock: a note written in the same tick as it was
# cached could change again without changing its mtime. Notes this young are not cached.
RACY_NS = 2_000_000_000
# How long to wait for another vaultkit that is writing the cache. Its notes are the same as
# ours, so waiting is never worth more than a moment: past it this run reads without the
# cache, or does not save.
BUSY_TIMEOUT_S = 0.2
NOTES_COLUMNS = "(path TEXT PRIMARY KEY, stamp BLOB, digest BLOB, note BLOB)"

# A cached note: its stamp as `stamp_bytes` gives it, the digest of stamp and pickle, the pickle.
Entry = tuple[bytes, bytes, bytes]

_MODEL_TYPES = (
    model.Note,
    model.Contact,
    model.Mention,
    model.Diagnostic,
    model.Message,
    model.Shown,
    model.Listed,
    model.LogEntry,
    model.Birthday,
    model.Month,
    model.Occasion,
    model.Duration,
    model.Owner,
    model.News,
    model.Goal,
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
_MENTION_LOADER = (__name__, "_mention")


def _by_init(obj: Any) -> tuple[type, tuple[object, ...]]:
    # Rebuilt by calling the class: several times faster to load than the default for frozen
    # slotted dataclasses, which sets each field through `dataclasses.fields()`.
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


# Words in nearly every note: vaultkit's field names (the keys of most properties, interned by
# the parser) and the kinds of mentions and problems. Seeded (below), so that the notes loaded
# share one copy of each.
_WORDS = tuple(map(sys.intern, (*KNOWN_FIELDS, *get_args(model.MentionKind), *get_args(model.Severity))))


def _mention(
    target: str,
    line: int,
    text: str,
    kind: str,
    date: datetime.date | None,
    by_path: bool,
    by_tag: bool,
) -> model.Mention:
    # Loaded with its target interned, as the parser made it: the meetings and daily notes of a
    # large vault name a few thousand people in tens of thousands of mentions (at 33,000 notes,
    # 4.5 MiB of copies of the same names). Each field named: a quarter faster to call than
    # with `*fields`, and a large vault loads hundreds of thousands.
    return _NEW_TUPLE(model.Mention, (sys.intern(target), line, text, kind, date, by_path, by_tag))


_NEW_TUPLE = tuple.__new__


def _by_mention(mention: model.Mention) -> tuple[Any, tuple[object, ...]]:
    return _mention, tuple(mention)


_REDUCERS: dict[type, Any] = {
    **{cls: _by_init for cls in _MODEL_TYPES if cls is not model.Mention},
    model.Mention: _by_mention,
}

# Every note is pickled onto the memo of a pickle of these, so that it refers to each by its
# number in that memo: loading a note then looks up no class by name (a call of `find_class` for
# every class in every note took a quarter of the loading), and makes no copy of a word.
_SEEDS = (*_MODEL_TYPES, _mention, *_DATETIME_TYPES.values(), *_WORDS)
# The newest protocol that writes out the memo number of each object it keeps. From protocol 4
# on, the unpickler numbers them as it goes, counting from the end of a memo it already holds.
_PROTOCOL = 3
# Notes loaded by one unpickler, from one buffer.
LOAD_CHUNK = 1000


class CacheError(Exception):
    """The cache file is unusable (corrupt, not a database, unreadable)."""


class CacheUnwritable(CacheError):
    """The cache cannot be made or written where it is: no permission, a read-only file system,
    a file in place of its folder. Rebuilding it would fail the same way."""


class CacheOutsideVault(CacheUnwritable):
    """The cache file, a file beside it or one of its folders is a link out of the vault."""

    def __init__(self, link: str):
        if link.startswith((CACHE_FOLDER / CACHE_FILE).as_posix()):
            super().__init__(Message.of(N_("the note cache {link} is a link out of the vault"), link=link))
        else:
            super().__init__(
                Message.of(N_("the note cache folder {link} is a link out of the vault"), link=link)
            )
        self.link = link


class CacheBusy(CacheError):
    """Another process holds the cache, longer than it is worth waiting for."""


# SQLite's primary result codes for "another connection holds the database", "this database
# cannot be written" and "cannot be opened".
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14


def _failure(exc: sqlite3.Error | OSError) -> CacheError:
    """What went wrong with the cache, in words for the user; CacheUnwritable when the cache
    cannot be written where it is."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM):
            return CacheUnwritable(Message(N_("permission denied")))
        if exc.errno == errno.EROFS:
            return CacheUnwritable(Message(N_("read-only file system")))
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            return CacheUnwritable(Message(N_("a file is in the way of its folder")))
        return CacheError(exc.strerror or str(exc))
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return CacheBusy(str(exc))
    if code == _SQLITE_READONLY:
        return CacheUnwritable(Message(N_("it is read-only")))
    if code == _SQLITE_CANTOPEN:
        return CacheUnwritable(str(exc))
    return CacheError(str(exc))


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _MENTION_LOADER:
            return _mention
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return _DATETIME_TYPES[name] if module == "datetime" else getattr(model, name)


def _seeded() -> tuple[bytes, Any, Any]:
    """The pickle of the seeds, the memo its pickler ends with, and the memo of an unpickler
    that has loaded it."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=_PROTOCOL)
    pickler.dump(_SEEDS)
    unpickler = _ModelUnpickler(io.BytesIO(buffer.getvalue()))
    unpickler.load()
    return buffer.getvalue(), pickler.memo, unpickler.memo


_SEEDS_PICKLE, _SEEDS_MEMO, _SEEDS_LOADED = _seeded()


def fingerprint(config: Config) -> str:
    """Entries written under another vaultkit version, format, config or seeds are not used:
    an entry refers to the seeds by their numbers."""
    return hashlib.sha256(f"{__version__}|{FORMAT}|{config!r}".encode() + _SEEDS_PICKLE).hexdigest()


def dump(note: Note) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.memo = _SEEDS_MEMO  # a copy
    pickler.dump(note)
    return buffer.getvalue()


def load(blob: bytes) -> Note:
    (note,) = load_all([blob])
    return note


def load_all(blobs: list[bytes]) -> list[Note]:
    """The notes pickled by `dump`, in order. Raises UnpicklingError (or whatever a damaged
    pickle makes the unpickler raise) unless each blob is one whole note."""
    # Buffered: an unpickler reads a stream that cannot `peek` an opcode at a time.
    stream = io.BufferedReader(io.BytesIO(b"".join(blobs)))
    unpickler = _ModelUnpickler(stream)
    unpickler.memo = _SEEDS_LOADED  # a copy
    notes = []
    end = 0
    for blob in blobs:
        note = unpickler.load()
        end += len(blob)
        if stream.tell() != end:
            raise pickle.UnpicklingError("an entry is not one whole pickle")
        if not isinstance(note, Note):
            raise pickle.UnpicklingError(f"expected a Note, found {type(note).__name__}")
        notes.append(note)
    return notes


def stamp_bytes(stamp: Stamp) -> bytes:
    """A stamp as the cache keeps it: SQLite's integers end at 2**63, inode numbers do not."""
    return marshal.dumps(stamp, 2)  # format 2 writes no back-references: equal stamps, equal bytes


def _digest(stamp: bytes, blob: bytes) -> bytes:
    # SHA-256 rather than BLAKE2: on a processor with SHA instructions, as most now have, it is cheaper.
    return hashlib.sha256(stamp + blob).digest()


def cached_notes(found: list[tuple[str, Entry]]) -> list[Note]:
    """The notes the entries hold, once each is shown to be the one vaultkit wrote for its
    path. Raises CacheError for any other."""
    for _, (stamp, digest, blob) in found:
        if _digest(stamp, blob) != digest:
            raise CacheError(Message(N_("an entry was altered")))
    try:
        notes = load_all([blob for _, (_, _, blob) in found])
    except Exception as exc:  # a damaged pickle can fail in many ways; none is trusted
        raise CacheError(Message.of(N_("a damaged entry: {error}"), error=type(exc).__name__)) from None
    if any(note.path != path for note, (path, _) in zip(notes, found)):
        raise CacheError(Message(N_("an entry holds another note")))
    return notes


def with_entries(
    files: Files, entries: Iterable[tuple[str, Entry]], left_over: list[str]
) -> Iterator[tuple[str, Stamp | None, Entry | None]]:
    """Each of `files` with its stamp and its entry (None: it has none), both `files` and
    `entries` in the order of their paths. Once all are given, the paths of the entries no file
    has are in `left_over`."""
    rows = iter(entries)
    row = next(rows, None)
    for path, stamp in files:
        while row is not None and row[0] < path:
            left_over.append(row[0])
            row = next(rows, None)
        if row is not None and row[0] == path:
            yield path, stamp, row[1]
            row = next(rows, None)
        else:
            yield path, stamp, None
    if row is not None:
        left_over.append(row[0])
        left_over.extend(path for path, _ in rows)


def _row(path: str, stamp: Stamp, blob: bytes) -> tuple[str, bytes, bytes, bytes]:
    key = stamp_bytes(stamp)
    return path, key, _digest(key, blob), blob


def _storable(path: str) -> bool:
    """SQLite keeps text as UTF-8: a file name that is not valid UTF-8 (Python holds its bad
    bytes as surrogate escapes) cannot be a key, so that note is read afresh every run."""
    try:
        path.encode()
    except UnicodeEncodeError:
        return False
    return True


def link_out(root: Path) -> str | None:
    """The first link on the way to any of the cache's files that leads out of the vault."""
    folder = root / CACHE_FOLDER
    return next(filter(None, (link_out_of_vault(root, folder / name) for name in CACHE_FILES)), None)


class NoteCache:
    """One run's view of the cache: read every entry once, write the changes in one go."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.path = root / CACHE_FOLDER / CACHE_FILE
        self.version = fingerprint(config)
        self._db: sqlite3.Connection | None = None

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """Every entry of this version with its note's path, in the order of the paths, read as
        they are asked for. Raises CacheError when unreadable, CacheBusy when another process
        keeps it from being read."""
        try:
            db = self._connect()
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != self.version:
                return
            # SQLite orders text by its UTF-8 bytes, which is the order of Python's strings.
            for path, stamp, digest, blob in db.execute(
                "SELECT path, stamp, digest, note FROM notes ORDER BY path"
            ):
                yield path, (stamp, digest, blob)
        except (sqlite3.Error, OSError) as exc:
            raise _failure(exc) from None

    def save(self, changed: Iterable[tuple[str, Stamp, bytes]], gone: list[str]) -> None:
        """Record new and changed entries (path, stamp, pickled note), forget vanished notes.
        Raises CacheError (CacheUnwritable when it cannot be written); says nothing when another
        vaultkit is writing it: that one's entries will do."""
        rows = (_row(path, stamp, blob) for path, stamp, blob in changed if _storable(path))
        try:
            first = next(rows, None)
            if first is None and not gone:
                return  # nothing to write: no need to wait for the lock
            db = self._connect()
            with db:
                db.execute("BEGIN IMMEDIATE")
                row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None or row[0] != self.version:
                    # Written by another version, perhaps with other columns: start afresh.
                    db.execute("DROP TABLE IF EXISTS notes")
                    db.execute(f"CREATE TABLE notes {NOTES_COLUMNS}")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))
                db.executemany("DELETE FROM notes WHERE path = ?", ((path,) for path in gone))
                if first is not None:
                    db.executemany("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)", chain((first,), rows))
        except (sqlite3.Error, OSError) as exc:
            failure = _failure(exc)
            if not isinstance(failure, CacheBusy):
                raise failure from None

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
            self._db = connect(self.root)
        return self._db


def connect(root: Path) -> sqlite3.Connection:
    """The cache database of the vault at `root`, created with its tables when missing; it waits
    BUSY_TIMEOUT_S for another vaultkit's write. Raises CacheOutsideVault, before anything is
    made or opened, when the way to it leads out of the vault."""
    link = link_out(root)
    if link is not None:
        raise CacheOutsideVault(link)
    path = root / CACHE_FOLDER / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    _ignore_in_git(path.parent)
    if not path.exists():
        path.touch()  # an empty file is an empty database; SQLite would not say why it cannot make one
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(f"CREATE TABLE IF NOT EXISTS notes {NOTES_COLUMNS}")
        db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, text TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS events (digest TEXT PRIMARY KEY, event BLOB)")
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
    return stamp[1] < time.time_ns() - RACY_NS
