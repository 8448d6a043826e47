"""CSV that a spreadsheet opens as data: RFC 4180, and no cell it would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from vaultkit.words import printable

# What makes a cell that starts with + - or @ a formula that does something (OWASP: CSV
# injection): a function call (`SUM(`, `HYPERLINK(`), a cell reference (`A1`, `$B$2`,
# `Sheet!A1`) or DDE (`cmd|' /C calc'!A0`). Without one, such a cell is a number, a date or a
# dash to people and programs alike (`+49 431 5551818`, `-5`, `--05-17`) and stays as it is.
_ACTIVE = re.compile(
    r"[A-Za-z_][A-Za-z0-9_.]*\("  # a function call
    r"|(?<![A-Za-z0-9_.])\$?[A-Za-z]{1,3}\$?[0-9]+"  # a cell reference
    r"|\|"  # dynamic data exchange
)
# Excel in Germany (and wherever the decimal separator is a comma) opens CSV as columns only
# with `;` between them; the BOM tells it the file is UTF-8, which it otherwise reads as ANSI.
EXCEL_BOM = "\ufeff"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[defuse(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def excel_csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV in German Excel's own dialect: `;` between cells, CRLF, UTF-8 with a BOM."""
    return EXCEL_BOM + csv_text(header, rows, delimiter=";")


def defuse(cell: Any) -> Any:
    """A cell that shows as text: printable, and never a formula that calls a function, refers
    to a cell or talks to another program, even after leading spaces. Such a cell gets a `'`
    in front; any other stays as it is."""
    if not isinstance(cell, str):
        return cell
    cell = printable(cell)
    return "'" + cell if is_formula(cell) else cell


def is_formula(cell: str) -> bool:
    """True when a spreadsheet would run `cell` as a formula that does something: it starts
    with `=`, or with `+`, `-` or `@` and holds a function call, a cell reference or DDE."""
    start = cell.lstrip(" \t")
    if start.startswith("="):
        return True
    return start.startswith(("+", "-", "@")) and _ACTIVE.search(start) is not None
