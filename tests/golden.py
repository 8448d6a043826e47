"""Golden files: expected output kept in tests/golden/, reviewed like code.

Run `VAULTKIT_UPDATE_GOLDEN=1 python -m pytest` to rewrite them after an intended change, then
read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("VAULTKIT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with VAULTKIT_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")
