"""What parts the cells of a CSV file, told by its header line: one rule for the import readers
and the attendee lists of `vaultkit event`."""

from __future__ import annotations

import csv
import re

DELIMITERS = (",", ";", "\t")  # the first is the one when the header says nothing
_QUOTED = re.compile(r'"[^"]*"')


def delimiter(header_line: str) -> str:
    """`,`, `;` or a tab: whichever the header line has most of outside quoted cells, a comma on
    a tie or when it has none. German Excel and Outlook write `;` (the comma is their decimal
    mark), "Unicode text" exports a tab; `"Name";"E-Mail, privat"` is parted by `;`."""
    bare = _QUOTED.sub("", header_line)
    return max(DELIMITERS, key=bare.count)


def cells(line: str, mark: str) -> list[str]:
    """The cells of one CSV line; none when it is no valid CSV (a cell longer than csv allows)."""
    try:
        return next(csv.reader([line], delimiter=mark), [])
    except csv.Error:
        return []
