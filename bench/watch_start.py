"""The start of `vaultkit watch` as one process that ends: read every note, render every report.

    python bench/watch_start.py VAULT

`watch` itself runs until stopped, so `bench/paired.py` times this instead; the day is fixed, so the
reports are the same on every run.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from vaultkit.live.watch import Watcher

if __name__ == "__main__":
    Watcher(Path(sys.argv[1]), lambda: date(2026, 11, 21)).build_all()
