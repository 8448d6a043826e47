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
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"no golden file {path}; run with VAULTKIT_UPDATE_GOLDEN=1 to create it"
    # Bytes, not text: CSV and ICS lines end in CRLF, and that is part of what is tested.
    assert actual == path.read_bytes().decode("utf-8")
