"""Finished report output, kept for the next run that would print the same.

A report's output depends on its options, the language it is said in, the config, the user's
templates and the notes, and on nothing else. When a run finds every note and template with the
stamp (size, mtime, inode, ctime) it had in an earlier run, and the same config, options and
language, it prints that run's output without reading a note: a warm `vaultkit agenda` costs a
directory walk. Output lives beside the note cache in `notes.sqlite` and follows its rules: only
an optimisation, so any doubt (a file too young for its mtime to vouch for it, an unreadable
file, a damaged database, a cache behind a link out of the vault, another vaultkit holding it)
means the report is made afresh, and a cache that cannot be read or written is left to the note
cache to rebuild or to name.

What a run warned about on standard error is kept with its output and said again by every run
that prints the output again. Both are kept in the `text` column as bytes: the warnings as a
JSON list, then the output as printed. A cache file may come from elsewhere, and neither can be
anything but data.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sqlite3
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from vaultkit.cache.notes import (
    CACHE_FILE,
    CACHE_FOLDER,
    CacheError,
    connect,
    fingerprint,
    link_out,
    settled,
)
from vaultkit.config import Config
from vaultkit.content import Content, Spool, encoded
from vaultkit.shipped import USER_TEMPLATES, shipped_templates
from vaultkit.vault import Files, stamp_of

# Enough for a day's mix of reports and formats; each entry is one report's text.
KEEP = 8


def vault_state(root: Path, config: Config, files: Files) -> str | None:
    """A digest of the config, the templates and every note's stamp; None when some stamp
    cannot vouch for its file's content (unreadable, or written within the racy window)."""
    stamped = [*files, *_template_stamps(root)]
    stamps = [stamp for _, stamp in stamped if stamp is not None]
    if len(stamps) < len(stamped):
        return None
    if stamps and not settled(max(stamps, key=itemgetter(1))):
        return None
    digest = hashlib.blake2b(
        f"{fingerprint(config)}\0{root}\0".encode(errors="surrogateescape"), digest_size=24
    )
    # Format 2 writes no back-references, so equal stamps always give equal bytes.
    digest.update(marshal.dumps(stamped, 2))
    return digest.hexdigest()


def _template_stamps(root: Path) -> Files:
    """The vault's templates, and the shipped ones: those change with vaultkit, even between
    releases in a development install."""
    found: Files = []
    for label, folder in (("vault:", root / USER_TEMPLATES), ("shipped:", shipped_templates())):
        for parent, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(parent, name)
                key = label + os.path.relpath(path, folder)
                try:
                    found.append((key, stamp_of(os.stat(path))))
                except OSError:
                    found.append((key, None))
    return sorted(found)


def output_key(state: str, request: str) -> str:
    """The key of one report's output: the vault's state and what was asked of it."""
    return hashlib.blake2b(f"{state}\0{request}".encode(), digest_size=24).hexdigest()


def find(root: Path, key: str) -> tuple[Content, tuple[str, ...]] | None:
    """The output kept under `key` and the warnings that came with it."""
    path = root / CACHE_FOLDER / CACHE_FILE
    if not path.exists():
        return None
    try:
        db = connect(root)
        try:
            row = db.execute("SELECT text FROM outputs WHERE key = ?", (key,)).fetchone()
        finally:
            db.close()
    except (sqlite3.Error, OSError, CacheError):
        return None  # the note cache finds the same fault, and heals it or says why it cannot
    return _unpacked(row[0]) if row else None


def _unpacked(kept: object) -> tuple[Content, tuple[str, ...]] | None:
    """(the output's bytes, the warnings) as `keep` wrote them; None for anything else."""
    if not isinstance(kept, bytes) or _AFTER_WARNINGS not in kept:
        return None
    said, _, output = kept.partition(_AFTER_WARNINGS)
    try:
        warnings = json.loads(said)
    except ValueError:
        return None
    if isinstance(warnings, list) and all(isinstance(warning, str) for warning in warnings):
        return (output,), tuple(warnings)
    return None


# Never in JSON text, which writes every control character as an escape.
_AFTER_WARNINGS = b"\0"


def spooled(root: Path, pieces: Iterator[bytes]) -> Content:
    """`pieces`, made one after the other into a file in the cache folder, to be printed and
    kept from there (see `Spool`); held in memory where the folder cannot take them."""
    try:
        if link_out(root) is not None:
            return tuple(pieces)
        folder = root / CACHE_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        spool = Spool(folder)
    except OSError:
        return tuple(pieces)
    return spool.filled(pieces)


def keep(root: Path, key: str, content: Content, warnings: tuple[str, ...] = ()) -> None:
    """Store one report's output and what it warned about, forgetting all but the newest KEEP."""
    try:
        db = connect(root)
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("DELETE FROM outputs WHERE key = ?", (key,))
                # The warnings as a JSON list, then the output as printed; written into the row
                # a piece at a time: joined, a large report took 30 MB more for a moment.
                said = json.dumps(warnings).encode() + _AFTER_WARNINGS
                size = len(said) + sum(len(piece) for piece in encoded(content))
                db.execute("INSERT INTO outputs (key, text) VALUES (?, zeroblob(?))", (key, size))
                (row,) = db.execute("SELECT last_insert_rowid()").fetchone()
                with db.blobopen("outputs", "text", row) as blob:
                    blob.write(said)
                    for piece in encoded(content):
                        blob.write(piece)
                db.execute(
                    "DELETE FROM outputs WHERE rowid NOT IN "
                    "(SELECT rowid FROM outputs ORDER BY rowid DESC LIMIT ?)",
                    (KEEP,),
                )
        finally:
            db.close()
    except (sqlite3.Error, OSError, CacheError):
        pass  # busy with another vaultkit, or damaged: the next run makes the report afresh
