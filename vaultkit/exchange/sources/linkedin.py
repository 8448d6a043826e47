"""LinkedIn's Connections.csv: a "Notes:" preamble, then one row per connection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from vaultkit.exchange.record import Record
from vaultkit.exchange.sources.common import Draft, SourceError
from vaultkit.exchange.sources.tables import Row, rows
from vaultkit.language import _

_HEADER = re.compile(r'^\ufeff?"?First Name"?\s*[,;\t]\s*"?Last Name"?')
# LinkedIn's columns say nothing that is not about the person: nothing is read past.
IGNORED_COLUMNS: frozenset[str] = frozenset()


def read_linkedin(text: str, name: str) -> Iterator[Record]:
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if _HEADER.match(line)), None)
    if header is None:
        raise SourceError(
            _("{file}:1: no 'First Name,Last Name,…' header line in this LinkedIn export").format(file=name)
        )
    for row in rows(text, name, skip_lines=header):
        yield _record(row, name)


def _record(row: Row, name: str) -> Record:
    draft = Draft(f"{name}:{row.line}")
    draft.set("name", " ".join(filter(None, (row.take("First Name"), row.take("Last Name")))), "Name")
    draft.add("urls", [row.take("URL")])
    draft.add("emails", [row.take("Email Address")])
    draft.set("org", row.take("Company"), "Company")
    draft.set("role", row.take("Position"), "Position")
    # The day of the connection, not of a meeting: it is `connected`, never `met`.
    draft.set("connected", draft.read(_date, row.take("Connected On"), "connected"), "Connected On")
    row.keep_rest(draft, lambda header, _: header in IGNORED_COLUMNS)
    return draft.record()


def _date(text: str) -> date:
    for pattern in ("%d %b %Y", "%d-%b-%y", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("'Connected On' {text!r} is not a date like 03 Mar 2024").format(text=text))
