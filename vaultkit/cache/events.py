"""The calendar feed's events as last written, kept beside the reports' output for the next
start of `vaultkit watch`: writing every event of a large vault's feed afresh takes seconds.

Only an optimisation, as all the cache is: whatever cannot be read as a table of texts is left
unused, and the events are written again."""

from __future__ import annotations

import json
from pathlib import Path

from vaultkit.cache.notes import FORMAT
from vaultkit.cache.outputs import find, keep

_KEY = f"calendar events, cache format {FORMAT}"


def kept_events(root: Path) -> dict[str, str]:
    kept = find(root, _KEY)
    try:
        events = json.loads(kept[0]) if kept else {}
    except ValueError:
        return {}
    if not isinstance(events, dict) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in events.items()
    ):
        return {}
    return events


def keep_events(root: Path, events: dict[str, str]) -> None:
    keep(root, _KEY, json.dumps(events))
