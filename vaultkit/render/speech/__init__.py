"""How a report says what it found, in the language spoken now (`vaultkit.language`).

Reports return data: what happened, the dates and days, the rule and where it came from. One
module here per report that needs words beyond its template (`agenda.py`, …) phrases them:
its functions are what templates call as `say` (`{{ say.reason(item) }}`, a vault's own
template too), and its `json_prose(result, data)`, when it has one, adds to a report's JSON the
fields that are prose in the output language (docs/json.md names them); its `csv_rows(result)`,
when it has one, gives the report's CSV with those columns said.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


def of(report: str) -> ModuleType | None:
    """The module that phrases `report`, if it has one."""
    try:
        return importlib.import_module(f"{__name__}.{report}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{report}":
            raise
        return None


def json_prose(report: str, result: Any, data: dict[str, Any]) -> dict[str, Any]:
    """`data`, the JSON of `report`'s `result`, with its prose fields said in words."""
    speech = of(report)
    if speech is not None and hasattr(speech, "json_prose"):
        speech.json_prose(result, data)
    return data


def csv_rows(report: str, result: Any) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of `report`'s CSV, its prose columns said in words."""
    speech = of(report)
    if speech is not None and hasattr(speech, "csv_rows"):
        header, rows = speech.csv_rows(result)
    else:
        header, rows = result.csv_rows()
    return header, rows
