"""CSV that a spreadsheet opens as data: RFC 4180, and no cell it would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from vaultkit.words import printable

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[defuse(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def defuse(cell: Any) -> Any:
    """A cell that shows as text: printable, and no formula even after leading spaces."""
    if not isinstance(cell, str):
        return cell
    cell = printable(cell)
    return "'" + cell if cell.lstrip().startswith(_FORMULA_START) else cell
