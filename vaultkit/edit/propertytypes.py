"""The property types Obsidian keeps for a vault in `.obsidian/types.json`.

Obsidian gives every property one type for the whole vault (text, number, checkbox, date,
date and time, or a list) and flags a value of another type. Writes follow those types, so that
`set NAME rating 4` gives a number where Obsidian wants one, not the text "4".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.language import N_, _

TYPES_FILE = Path(".obsidian") / "types.json"
LIST_TYPES = ("multitext", "tags", "aliases")
_NOT_USED = N_("property types are not used")


@dataclass(frozen=True)
class PropertyTypes:
    by_name: dict[str, str] = field(default_factory=dict)  # lower-cased property name -> type
    problem: str | None = None  # why the file could not be used, naming path:line

    def of(self, key: str) -> str | None:
        """The type Obsidian gives `key`; property names differ there only by case."""
        return self.by_name.get(key.lower())


def property_types(root: Path) -> PropertyTypes:
    """The vault's property types: none when it has no such file, none and a problem when the
    file cannot be read (the note is still written, as text)."""
    path = root / TYPES_FILE
    where = TYPES_FILE.as_posix()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return PropertyTypes()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else _("not UTF-8")
        return PropertyTypes(
            problem=_("{place}: cannot read Obsidian's property types ({reason})").format(
                place=f"{where}:1", reason=reason
            )
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return PropertyTypes(
            problem=_("{place}: not valid JSON ({problem}); {not_used}").format(
                place=f"{where}:{exc.lineno}", problem=exc.msg, not_used=_(_NOT_USED)
            )
        )
    except RecursionError:  # Python's JSON reader recurses once per level of nesting
        return PropertyTypes(
            problem=_("{place}: nested too deeply to read; {not_used}").format(
                place=f"{where}:1", not_used=_(_NOT_USED)
            )
        )
    types = data.get("types", {}) if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return PropertyTypes(
            problem=_("{place}: expected {shape}; {not_used}").format(
                place=f"{where}:1", shape='{"types": {name: type}}', not_used=_(_NOT_USED)
            )
        )
    return PropertyTypes({name.lower(): kind for name, kind in types.items() if isinstance(kind, str)})
