"""The start of `vaultkit watch` as one process that ends: read every note, render every report.

    python bench/watch_start.py VAULT

Prints when the watch was ready (the reports written but those drawn apart, see
`vaultkit.live.apart`) and when those were written too; the process ends after both.

`watch` itself runs until stopped, so `bench/paired.py` times this instead; the day is fixed, so the
reports are the same on every run.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from vaultkit.live.watch import Watcher

if __name__ == "__main__":
    started = time.perf_counter()
    watcher = Watcher(Path(sys.argv[1]), lambda: date(2026, 11, 21))
    watcher.build_all()
    print(f"ready {time.perf_counter() - started:.2f} s")
    watcher.drawn_apart()
    print(f"drawn {time.perf_counter() - started:.2f} s")
