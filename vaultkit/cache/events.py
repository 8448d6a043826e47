"""The calendar feed's events as last written, kept in the note cache's database for the next
start of `vaultkit watch`: writing every event of a large vault's feed afresh takes seconds.

A table of their own, an event a row, rather than one text among the kept outputs: the feed of
a large vault is megabytes, and kept as one JSON text it took several times its size for a
moment when it was written or read; among the outputs, eight one-shot runs pushed it out.
Only an optimisation, as all the cache is: whatever cannot be read is left unused, and the
events are written again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vaultkit.cache.notes import CACHE_FILE, CACHE_FOLDER, FORMAT, CacheError, connect

# Events written by a vaultkit of another cache format may have been written otherwise.
_FORMAT_KEY = "events format"


def kept_events(root: Path) -> dict[str, bytes]:
    """{digest: event as written, UTF-8} of the last feed kept; empty when none can be read."""
    if not (root / CACHE_FOLDER / CACHE_FILE).exists():
        return {}
    try:
        db = connect(root)
        try:
            if not _of_this_format(db):
                return {}
            events = {
                digest: event
                for digest, event in db.execute("SELECT digest, event FROM events")
                if isinstance(digest, str) and isinstance(event, bytes)
            }
            for event in events.values():
                event.decode("utf-8")  # the feed is written as it is kept: UTF-8, or not at all
            return events
        finally:
            db.close()
    except (sqlite3.Error, OSError, CacheError, UnicodeDecodeError):
        return {}


def keep_events(root: Path, events: dict[str, bytes]) -> None:
    """Keep `events` ({digest: event as written, UTF-8}) in place of those kept: write only the
    events the table does not hold as they are (a damaged row is written again), and delete
    those no longer in `events`."""
    try:
        db = connect(root)
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                if not _of_this_format(db):
                    db.execute("DELETE FROM events")
                kept, gone = set(), []
                for digest, event in db.execute("SELECT digest, event FROM events"):
                    if digest not in events:
                        gone.append(digest)
                    elif event == events[digest]:
                        kept.add(digest)
                db.executemany("DELETE FROM events WHERE digest = ?", ((digest,) for digest in gone))
                db.executemany(
                    "INSERT OR REPLACE INTO events VALUES (?, ?)",
                    ((digest, event) for digest, event in events.items() if digest not in kept),
                )
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_FORMAT_KEY, str(FORMAT)))
        finally:
            db.close()
    except (sqlite3.Error, OSError, CacheError):
        pass  # busy with another vaultkit, or damaged: the next start writes the events afresh


def _of_this_format(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT value FROM meta WHERE key = ?", (_FORMAT_KEY,)).fetchone() == (str(FORMAT),)
