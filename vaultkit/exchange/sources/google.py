"""Google Contacts CSV, with the current header (First Name, E-mail 1 - Label…) or the older
one (Name, Given Name, E-mail 1 - Type…)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.sources.common import Draft, SourceError, add_addresses, date_field, full_date
from vaultkit.exchange.sources.tables import Row, header_cells, rows, split
from vaultkit.language import _
from vaultkit.values import parse_birthday

_NAMES = ("Name", "First Name", "Given Name", "Last Name", "Family Name", "File As")
_NUMBERED = re.compile(r"(.+?) (\d+) - (.+)")
# Columns only Google's header has (besides the numbered ones, `E-mail 1 - Value`): a header
# with none of them is no Google Contacts export, whatever its name columns.
OWN_COLUMNS = frozenset(
    {
        "Given Name",
        "Additional Name",
        "Family Name",
        "File As",
        "Labels",
        "Group Membership",
        "Organization Name",
        "Organization Title",
        "Organization Department",
        "Name Prefix",
        "Name Suffix",
        "Phonetic First Name",
        "Phonetic Last Name",
        "Yomi Name",
    }
)
_ADDRESS_PARTS = {
    "street": "Street",
    "extended": "Extended Address",
    "box": "PO Box",
    "code": "Postal Code",
    "city": "City",
    "region": "Region",
    "country": "Country",
}
# Google's own groups, not the user's labels ("* My Contacts" in older exports): not tags.
IGNORED_LABELS = ("mycontacts", "starred")
# Read past on purpose: the kind of a value beside it (`E-mail 1 - Label` is Home or Work);
# relations, events, custom fields and messengers use theirs. ("File As" is read past too when
# it only repeats the name.)
IGNORED_COLUMNS = re.compile(r".+ \d+ - (Label|Type)")


def read_google(text: str, name: str) -> Iterator[Record]:
    if not is_google(header_cells(text)):
        raise SourceError(
            _(
                "{file}:1: no Google Contacts header line (with Name, First Name or Given Name, and "
                "columns of Google's own such as E-mail 1 - Value or Labels)"
            ).format(file=name)
        )
    for row in rows(text, name):
        yield _record(row, name)


def is_google(header: list[str]) -> bool:
    """A header with a name column and one only Google writes."""
    own = any(cell in OWN_COLUMNS or _NUMBERED.fullmatch(cell) for cell in header)
    return own and bool(set(_NAMES) & set(header))


def _record(row: Row, name: str) -> Record:
    draft = Draft(f"{name}:{row.line}")
    full = row.take("Name")
    parts = [("First Name", "Given Name"), ("Middle Name", "Additional Name"), ("Last Name", "Family Name")]
    if full:  # the parts only when the name has them; else they stay, as details
        for headers in parts:
            if row.get(*headers).casefold() in full.casefold():
                row.take(*headers)
    else:
        full = " ".join(filter(None, (row.take(*headers) for headers in parts)))
    file_as = row.get("File As")
    full = full or file_as
    if _words(file_as) == _words(full):
        row.take("File As")
    draft.set("name", full, "Name")
    draft.add("aliases", split(row.take("Nickname")))
    draft.set("org", row.take("Organization Name"), "Organization Name")
    draft.set("role", row.take("Organization Title"), "Organization Title")
    draft.set("department", row.take("Organization Department"), "Organization Department")
    draft.set("birthday", draft.read(parse_birthday, row.take("Birthday"), "birthday"), "Birthday")
    draft.set("notes", row.take("Notes"), "Notes")
    if row.take("Photo"):
        draft.leave_out("photo", _("photos are not imported"))
    draft.add("tags", _labels(row.take("Labels", "Group Membership")))
    draft.add("interests", split(row.take("Hobby"), ","))
    _numbered(row, draft)
    row.keep_rest(draft, lambda header, _: bool(IGNORED_COLUMNS.fullmatch(header)))
    return draft.record()


def _numbered(row: Row, draft: Draft) -> None:
    """`E-mail 1 - Value`, `Address 2 - City`…: each numbered group of columns, in file order."""
    groups = dict.fromkeys(m.group(1, 2) for m in map(_NUMBERED.fullmatch, row.headers()) if m)
    addresses: list[tuple[dict[str, str], str]] = []
    for kind, number in groups:
        prefix = f"{kind} {number} - "

        def take(*parts: str, prefix: str = prefix) -> str:
            return row.take(*(prefix + part for part in parts))

        if kind == "E-mail":
            draft.add("emails", split(take("Value")))
        elif kind == "Phone":
            draft.add("phones", split(take("Value")))
        elif kind == "Website":
            draft.add("urls", split(take("Value")))
        elif kind == "Address":
            parts = {key: take(header) for key, header in _ADDRESS_PARTS.items()}
            formatted = take("Formatted")
            if formatted or any(parts.values()):
                addresses.append((parts, formatted))
        elif kind == "Relation" and row.get(prefix + "Value"):
            kind_of = take("Label", "Type") or None
            draft.add("related", [Related(value, kind_of) for value in split(take("Value"))])
        elif kind == "Event" and row.get(prefix + "Value"):
            label, value = take("Label", "Type"), take("Value")
            dated = date_field(label)
            if dated == "anniversary":
                draft.set("anniversary", draft.read(parse_birthday, value, "anniversary"), label)
            elif dated == "met" and (day := full_date(value)):
                draft.set("met", day, label)
            else:
                draft.detail(label or "Event", value)
        elif kind == "Custom Field" and row.get(prefix + "Value"):
            draft.detail(take("Label", "Type") or "Custom field", take("Value"))
        elif kind == "IM" and row.get(prefix + "Value"):
            kinds = ", ".join(filter(None, (take("Service"), take("Label", "Type"))))
            draft.detail(f"Messenger ({kinds})" if kinds else "Messenger", take("Value"))
        elif kind == "Organization" and number == "1":  # the older header's organization
            draft.set("org", take("Name"), prefix + "Name")
            draft.set("role", take("Title"), prefix + "Title")
            draft.set("department", take("Department"), prefix + "Department")
    add_addresses(draft, addresses)


def _labels(cell: str) -> list[str]:
    labels = [label.lstrip("*").strip() for label in split(cell)]
    return [label for label in labels if label and label.replace(" ", "").casefold() not in IGNORED_LABELS]


def _words(name: str) -> list[str]:
    return sorted(name.replace(",", " ").casefold().split())
