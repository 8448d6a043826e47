"""Outlook's contacts CSV, with English or German headers, as Outlook and German Excel write it
(`,` or `;` between cells, UTF-8 with a BOM or Windows-1252)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.sources.common import Draft, SourceError, add_addresses
from vaultkit.exchange.sources.tables import Row, header_cells, rows
from vaultkit.language import _
from vaultkit.model import Birthday
from vaultkit.values import parse_birthday

_GIVEN, _MIDDLE, _FAMILY = (
    ("First Name", "Vorname"),
    ("Middle Name", "Weitere Vornamen"),
    ("Last Name", "Nachname"),
)
_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_EMAILS_DE = ("E-Mail-Adresse", "E-Mail 2: Adresse", "E-Mail 3: Adresse")
# The numbers to call, mobile first; faxes, pagers and the assistant's line stay details.
_PHONES = (
    ("Mobile Phone", "Mobiltelefon"),
    ("Mobile Phone 2", "Mobiltelefon 2"),
    ("Home Phone", "Telefon privat"),
    ("Home Phone 2", "Telefon privat 2"),
    ("Business Phone", "Telefon geschäftlich"),
    ("Business Phone 2", "Telefon geschäftlich 2"),
    ("Other Phone", "Weiteres Telefon"),
    ("Primary Phone", "Haupttelefon"),
    ("Car Phone", "Autotelefon"),
)
# Home first: where someone lives is their `location`.
_ADDRESSES = tuple(
    {
        "street": (f"{en} Street", street),
        "street 2": (f"{en} Street 2", f"{street} 2"),
        "street 3": (f"{en} Street 3", f"{street} 3"),
        "box": (f"{en} Address PO Box", box),
        "code": (f"{en} Postal Code", code),
        "city": (f"{en} City", city),
        "region": (f"{en} State", *regions),
        "country": (f"{en} Country/Region", country),
    }
    for en, street, box, code, city, regions, country in (
        (
            "Home",
            "Straße privat",
            "Postfach privat",
            "Postleitzahl privat",
            "Ort privat",
            ("Region privat", "Bundesland/Kanton privat"),
            "Land/Region privat",
        ),
        (
            "Business",
            "Straße geschäftlich",
            "Postfach geschäftlich",
            "Postleitzahl geschäftlich",
            "Ort geschäftlich",
            ("Region geschäftlich", "Bundesland/Kanton geschäftlich"),
            "Land/Region geschäftlich",
        ),
        (
            "Other",
            "Weitere Straße",
            "Weiteres Postfach",
            "Weitere Postleitzahl",
            "Weiterer Ort",
            ("Weitere Region", "Weiteres/r Bundesland/Kanton"),
            "Weiteres/e Land/Region",
        ),
    )
)
# Outlook writes these for a date nobody entered.
NO_DATE = frozenset({"0.0.00", "00.00.0000", "1/0/00", "0/0/00"})
# Read past on purpose: Outlook's bookkeeping of the item (priority, sensitivity, private), the
# kind of an address (SMTP) and the display name Outlook makes of name and address.
IGNORED_COLUMNS = frozenset(
    {
        "Priority",
        "Sensitivity",
        "Private",
        "Priorität",
        "Vertraulichkeit",
        "Privat",
        *(f"E-mail{n} {part}" for n in ("", " 2", " 3") for part in ("Type", "Display Name")),
        "E-Mail-Typ",
        "E-Mail: Angezeigter Name",
        *(f"E-Mail {n}: {part}" for n in (2, 3) for part in ("Typ", "Angezeigter Name")),
    }
)
# The values Outlook fills in when nobody said: they say nothing about the person.
NO_VALUE = {"Gender": "Unspecified", "Geschlecht": "Nicht angegeben"}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ITEMS = re.compile(r"\s*[;,]\s*")  # Outlook's categories: "Familie;Segeln", "Family, Sailing"


# Columns only Outlook's header has: its e-mail, phone and address columns, its job title, web
# page and referrer. A header with none of them is no Outlook export, whatever its name columns.
OWN_COLUMNS = frozenset(
    {
        *_EMAILS,
        *_EMAILS_DE,
        *(header for headers in _PHONES for header in headers),
        *(header for columns in _ADDRESSES for headers in columns.values() for header in headers),
        *(column for column in IGNORED_COLUMNS if column.startswith("E-")),  # E-mail Type…
        "Job Title",
        "Web Page",
        "Webseite",
        "Referred By",
        "Empfohlen von",
    }
)


def is_outlook(header: list[str]) -> bool:
    return ("E-mail Address" in header and "First Name" in header) or (
        "E-Mail-Adresse" in header and "Vorname" in header
    )


def read_outlook(text: str, name: str) -> Iterator[Record]:
    header = set(header_cells(text))
    if not ({*_GIVEN, *_FAMILY} & header and OWN_COLUMNS & header):
        raise SourceError(
            _(
                "{file}:1: no Outlook header line (with First Name or Vorname, and columns of "
                "Outlook's own such as E-mail Address or Mobiltelefon)"
            ).format(file=name)
        )
    for row in rows(text, name):
        yield _record(row, name)


def ignored(header: str, value: str) -> bool:
    return header in IGNORED_COLUMNS or NO_VALUE.get(header) == value or value in NO_DATE


def _record(row: Row, name: str) -> Record:
    draft = Draft(f"{name}:{row.line}")
    draft.set("name", " ".join(filter(None, (row.take(*h) for h in (_GIVEN, _MIDDLE, _FAMILY)))), "Name")
    draft.add("aliases", [row.take("Nickname", "Spitzname")])
    draft.set("org", row.take("Company", "Firma"), "Company")
    draft.set("department", row.take("Department", "Abteilung"), "Department")
    draft.set("role", row.take("Job Title", "Position"), "Job Title")
    draft.add("emails", [row.take(header) for header in (*_EMAILS, *_EMAILS_DE)])
    draft.add("phones", [row.take(*headers) for headers in _PHONES])
    draft.set("birthday", draft.read(_date, row.take("Birthday", "Geburtstag"), "birthday"), "Birthday")
    anniversary = row.take("Anniversary", "Jahrestag")
    draft.set("anniversary", draft.read(_date, anniversary, "anniversary"), "Anniversary")
    draft.set("notes", row.take("Notes", "Notizen"), "Notes")
    draft.add("urls", [row.take(*urls) for urls in (("Web Page", "Webseite"), ("Personal Web Page",))])
    draft.add("tags", _items(row.take("Categories", "Kategorien")))
    draft.add("interests", _items(row.take("Hobby")))
    spouse = row.take("Spouse")
    partner = row.take("Partner")
    draft.add("related", [Related(spouse, "spouse")] if spouse else [])
    draft.add("related", [Related(partner, "partner")] if partner else [])
    draft.set("introduced_by", row.take("Referred By", "Empfohlen von"), "Referred By")
    addresses = []
    for columns in _ADDRESSES:
        parts = {key: row.take(*headers) for key, headers in columns.items()}
        street = ", ".join(filter(None, (parts.pop("street"), parts.pop("street 2"), parts.pop("street 3"))))
        if street or any(parts.values()):
            addresses.append(({"street": street, **parts}, ""))
    add_addresses(draft, addresses)
    row.keep_rest(draft, ignored)
    return draft.record()


def _date(text: str) -> Birthday | None:
    """`17.05.1984`, `17.5.1984`, `5/17/1984`, `1984-05-17`; Outlook's `0.0.00` is no date."""
    if text in NO_DATE:
        return None
    try:
        if match := _US_DATE.fullmatch(text):
            first, second, year = map(int, match.groups())
            month, day = (second, first) if first > 12 else (first, second)
            return parse_birthday(f"{year:04d}-{month:02d}-{day:02d}")
        return parse_birthday(text)
    except ValueError:
        raise ValueError(
            _("expected a date like 17.05.1984 or 5/17/1984, got {text!r}").format(text=text)
        ) from None


def _items(cell: str) -> list[str]:
    return [item for item in _ITEMS.split(cell) if item]
