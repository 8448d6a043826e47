"""A one-shot run of vaultkit just after one contact note gained a log entry, as one process.

    python bench/one_edit.py VAULT [ARGS ...]    (ARGS default: agenda --today 2026-11-21)

The first contact note (by name) gains a log line, stamped ten seconds ago, as a note saved a
moment before the report is asked for; then `python -m vaultkit --vault VAULT ARGS` runs as a
user runs it (its output thrown away), and the note gets its bytes and its stamp back. The
note's ctime changes either way, so every run parses that note afresh and takes the others from
the note cache, and no run can reuse the output an earlier one kept.

vaultkit runs with `python -P`: `python -m` alone puts the folder it runs in first on the path,
so that run from a checkout it would take that checkout's code over the one PYTHONPATH names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_ARGS = ["agenda", "--today", "2026-11-21"]
SAVED_AGO_NS = 10 * 10**9  # older than vaultkit's two seconds: the edited note is cached


def main() -> None:
    root = Path(sys.argv[1])
    args = sys.argv[2:] or DEFAULT_ARGS
    people = root / "People"
    note = people / min(name for name in os.listdir(people) if name.endswith(".md"))  # no Path per note
    before = note.read_bytes()
    stat = note.stat()
    saved = time.time_ns() - SAVED_AGO_NS
    try:
        note.write_bytes(before + b"- 2026-11-20 call: a changed note for the benchmark\n")
        os.utime(note, ns=(saved, saved))
        subprocess.run(
            [sys.executable, "-P", "-m", "vaultkit", "--vault", str(root), *args], stdout=subprocess.DEVNULL
        )
    finally:
        note.write_bytes(before)
        os.utime(note, ns=(stat.st_atime_ns, stat.st_mtime_ns))


if __name__ == "__main__":
    main()
