"""CSV exports as rows of cells: the delimiter sniffed from the header line (by the rule of
`vaultkit.parse.csvtext`), each row with the line it starts on, and each cell taken by a reader
or else kept as a detail under its header."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from vaultkit.exchange.sources.common import Draft, SourceError
from vaultkit.language import _
from vaultkit.parse import csvtext


def header_cells(text: str) -> list[str]:
    line = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    return [cell.strip() for cell in csvtext.cells(line, csvtext.delimiter(line))]


class Row:
    """One row: its cells under their headers, in file order. A reader `take`s what it uses;
    `rest` is what it did not, so that an unknown column still reaches the note."""

    def __init__(self, line: int, cells: list[tuple[str, str]]) -> None:
        self.line = line
        self.cells = cells
        self._taken: set[int] = set()

    def headers(self) -> list[str]:
        return [header for header, _ in self.cells]

    def get(self, *headers: str) -> str:
        """The first non-empty cell under any of `headers`, without taking it."""
        return next((value for header, value in self.cells if header in headers and value), "")

    def take(self, *headers: str) -> str:
        """The first non-empty cell under any of `headers`; it (and its empty or equal
        namesakes) counts as used. A second, different value stays for `rest`."""
        value = self.get(*headers)
        for number, (header, cell) in enumerate(self.cells):
            if header in headers and (not cell or cell.casefold() == value.casefold()):
                self._taken.add(number)
        return value

    def rest(self, ignored: Callable[[str, str], bool]) -> list[tuple[str, str]]:
        """The non-empty cells nobody took, as (header, value), but for the `ignored` ones."""
        return [
            (header or f"Column {number + 1}", value)
            for number, (header, value) in enumerate(self.cells)
            if value and number not in self._taken and not ignored(header, value)
        ]

    def keep_rest(self, draft: Draft, ignored: Callable[[str, str], bool]) -> None:
        for header, value in self.rest(ignored):
            draft.detail(header, value)


def rows(text: str, name: str, skip_lines: int = 0) -> Iterator[Row]:
    """The rows after the header line (which is line `skip_lines + 1`); a row whose cells are all
    empty holds nobody and is passed over."""
    lines = io.StringIO(text)
    for _skipped in range(skip_lines):
        lines.readline()
    head = text.split("\n", skip_lines + 1)
    header_line = head[skip_lines] if len(head) > skip_lines else ""
    reader = csv.reader(lines, delimiter=csvtext.delimiter(header_line))
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader, [])]
        while True:
            first_line = reader.line_num + 1  # a quoted cell may go on over several lines
            cells = next(reader, None)
            if cells is None:
                return
            if not any(cell.strip() for cell in cells):
                continue
            named = [(header[i] if i < len(header) else "", cell.strip()) for i, cell in enumerate(cells)]
            yield Row(first_line + skip_lines, named)
    except csv.Error as exc:
        raise SourceError(
            _("{place}: not valid CSV: {problem}").format(
                place=f"{name}:{reader.line_num + skip_lines}", problem=exc
            )
        ) from None


def split(cell: str, separator: str = ":::") -> list[str]:
    """The values of a cell that holds several (Google joins them with ` ::: `)."""
    return [part.strip() for part in cell.split(separator) if part.strip()]
