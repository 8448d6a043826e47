"""`vaultkit watch` after one note changed, as one process that ends: start, change a contact
note (a log entry added, then taken back), rebuild, and say how long the rebuild took.

    python bench/watch_rebuild.py VAULT

`bench/paired.py` times the whole (start and rebuild); the rebuild alone is printed, measured inside,
and when the reports drawn apart from it (`vaultkit.live.apart`) were written too.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from vaultkit.live.watch import Watcher

if __name__ == "__main__":
    root = Path(sys.argv[1])
    watcher = Watcher(root, lambda: date(2026, 11, 21))
    watcher.build_all()
    watcher.drawn_apart()
    note = sorted((root / "People").glob("*.md"))[0]
    before = note.read_bytes()
    try:
        note.write_bytes(before + b"- 2026-11-20 call: a changed note for the benchmark\n")
        started = time.perf_counter()
        watcher.apply({note.relative_to(root).as_posix()})
        print(f"rebuild {time.perf_counter() - started:.2f} s")
        watcher.drawn_apart()
        print(f"drawn {time.perf_counter() - started:.2f} s")
    finally:
        note.write_bytes(before)
