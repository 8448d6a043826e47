"""Parsing alone: every note of a vault read and parsed in one process, as a cold run reads them,
without the worker processes, the index and the report.

    python bench/parse.py VAULT

It prints how many notes it read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vaultkit.config import load_config
from vaultkit.index import read_note, without_cycle_collection
from vaultkit.vault import scan


def main(root: str) -> None:
    vault = Path(root)
    config = load_config(vault)
    with without_cycle_collection():
        notes = [read_note(vault, path, config) for path, _ in scan(vault, config)]
    print(len(notes))


if __name__ == "__main__":
    main(sys.argv[1])
