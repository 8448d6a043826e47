"""Read an event's attendee list: plain text, one name per line, or a CSV with a name column."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from vaultkit.language import N_
from vaultkit.model import Diagnostic, Listed, Message
from vaultkit.parse.csvtext import cells, delimiter
from vaultkit.values import fold, unlink

NAME_COLUMNS = ("name", "full name", "fullname", "attendee", "teilnehmer", "teilnehmerin")
FIRST_NAME_COLUMNS = ("first name", "firstname", "given name", "vorname")
LAST_NAME_COLUMNS = ("last name", "lastname", "family name", "surname", "nachname")


@dataclass(frozen=True)
class Attendee:
    name: str
    line: int


def read_attendees(
    path: str, text: str, *, by_header: bool = False
) -> tuple[list[Attendee], list[Diagnostic]]:
    """`.csv` files by their header; anything else one name per line, `#` starting a comment.

    A line may also be a list item or a `[[link]]`, as copied from a note. With `by_header`
    (for text without a file name, such as standard input), text whose first line is a CSV
    header with a name column is read as a CSV.
    """
    if path.lower().endswith(".csv") or (by_header and _has_name_header(text)):
        return _from_csv(path, text)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = unlink(line.strip().removeprefix("- ").removeprefix("* "))
        if name and not name.startswith("#"):
            found.append(Attendee(name, number))
    return found, []


def _from_csv(path: str, text: str) -> tuple[list[Attendee], list[Diagnostic]]:
    lines = text.splitlines()
    rows = csv.reader(lines, delimiter=delimiter(lines[0] if lines else ""))
    try:
        return _from_rows(path, rows)
    except csv.Error as exc:
        return [], [_unreadable(path, rows.line_num, exc)]


def _unreadable(path: str, line: int, exc: csv.Error) -> Diagnostic:
    if "field limit" in str(exc):  # csv's own bound on a cell, 128 KiB unless raised
        return Diagnostic.error(
            path,
            line,
            "unreadable-csv",
            N_("a cell of more than {limit:,} characters, which no name needs; no attendee was read"),
            limit=csv.field_size_limit(),
        )
    return Diagnostic.error(
        path, line, "unreadable-csv", N_("not valid CSV ({problem}); no attendee was read"), problem=str(exc)
    )


def _from_rows(path: str, rows: Iterator[list[str]]) -> tuple[list[Attendee], list[Diagnostic]]:
    header = [fold(cell) for cell in next(rows, [])]
    name_at = _column(header, NAME_COLUMNS)
    first_at, last_at = _column(header, FIRST_NAME_COLUMNS), _column(header, LAST_NAME_COLUMNS)
    if name_at is None and first_at is None and last_at is None:
        return [], [
            Diagnostic.error(
                path,
                1,
                "no-name-column",
                N_("no name column: expected 'name', or 'first name' and 'last name' (found: {found})"),
                found=Listed(tuple(header)) if header not in ([], [""]) else Message(N_("nothing")),
            )
        ]
    found, problems = [], []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        columns = [name_at] if name_at is not None else [first_at, last_at]
        name = " ".join(row[i].strip() for i in columns if i is not None and i < len(row) and row[i].strip())
        if name:
            found.append(Attendee(unlink(name), number))
        else:
            problems.append(Diagnostic.warning(path, number, "no-name", N_("this row has no name; skipped")))
    return found, problems


def _has_name_header(text: str) -> bool:
    first = next(iter(text.splitlines()), "")
    # Not a CSV header (a cell that is no valid CSV is none): the text is read a name a line.
    header = [fold(cell) for cell in cells(first, delimiter(first))]
    return any(
        _column(header, names) is not None for names in (NAME_COLUMNS, FIRST_NAME_COLUMNS, LAST_NAME_COLUMNS)
    )


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((header.index(name) for name in names if name in header), None)
