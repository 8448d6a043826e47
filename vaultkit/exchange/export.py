"""Export the vault's contacts as CSV or JSON (vCards: `vcard_out`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from vaultkit.activity import Activity
from vaultkit.exchange.vcardmap import contact_uid
from vaultkit.model import Contact, Index
from vaultkit.render.tabular import csv_text, excel_csv_text

JSON_SCHEMA = "vaultkit.export/1"
CSV_COLUMNS = (
    "id",
    "name",
    "aliases",
    "tags",
    "circle",
    "status",
    "last_contact",
    "next_contact",
    "birthday",
    "org",
    "role",
    "emails",
    "phones",
    "location",
    "met",
    "how_met",
    "introduced_by",
    "knows",
    "interests",
    "offers",
    "needs",
    "path",
    # Since the vCard export round-trips: after `path`, so that the columns before keep their places.
    "department",
    "anniversary",
    "connected",
    "urls",
    "addresses",
)


def rows(index: Index, activity: Activity) -> list[dict[str, str]]:
    """One flat row per contact, lists joined with '; '."""
    result = []
    for contact in index.contacts.values():
        last = activity.of(contact.id).last()
        values: dict[str, Any] = {
            "id": contact.id,
            "name": contact.name,
            "aliases": contact.aliases,
            "tags": contact.tags,
            "circle": contact.circle,
            "status": contact.status,
            "last_contact": last.date if last else None,
            "next_contact": contact.next_contact,
            "birthday": contact.birthday.iso() if contact.birthday else None,
            "org": contact.org,
            "role": contact.role,
            "emails": contact.emails,
            "phones": contact.phones,
            "location": contact.location,
            "met": contact.met,
            "how_met": contact.how_met,
            "introduced_by": contact.introduced_by,
            "knows": contact.knows,
            "interests": contact.interests,
            "offers": contact.offers,
            "needs": contact.needs,
            "path": contact.path,
            "department": contact.department,
            "anniversary": contact.anniversary.iso() if contact.anniversary else None,
            "connected": contact.connected,
            "urls": contact.urls,
            "addresses": contact.addresses,
        }
        result.append({key: _cell(value) for key, value in values.items()})
    return result


def to_csv(index: Index, activity: Activity) -> str:
    return csv_text(CSV_COLUMNS, _table(index, activity))


def to_excel_csv(index: Index, activity: Activity) -> str:
    """The CSV columns as German Excel opens them: `;`-separated, UTF-8 with BOM, CRLF."""
    return excel_csv_text(CSV_COLUMNS, _table(index, activity))


def _table(index: Index, activity: Activity) -> list[list[str]]:
    return [[row[column] for column in CSV_COLUMNS] for row in rows(index, activity)]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_json(index: Index, activity: Activity) -> dict[str, Any]:
    """The export's JSON document; its contacts an iterator, each made as it is written
    (`vaultkit.words.printed_json`): a large vault's are tens of megabytes as dictionaries."""
    return {
        "schema": JSON_SCHEMA,
        "today": activity.today.isoformat(),
        "contacts": (_contact_json(contact, activity) for contact in index.contacts.values()),
    }


def _contact_json(contact: Contact, activity: Activity) -> dict[str, Any]:
    last = activity.of(contact.id).last()
    return {
        "contact": contact.id,
        "uid": contact_uid(contact),
        "path": contact.path,
        "name": contact.name,
        "aliases": list(contact.aliases),
        "tags": list(contact.tags),
        "circle": contact.circle,
        "status": contact.status,
        "paused": contact.paused,
        "cadence": _text(contact.cadence),
        "cadence_max": _text(contact.cadence_max),
        "last_contact": _iso(last.date if last else None),
        "next_contact": _iso(contact.next_contact),
        "snooze_until": _iso(contact.snooze_until),
        "birthday": contact.birthday.iso() if contact.birthday else None,
        "org": contact.org,
        "role": contact.role,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "location": contact.location,
        "met": _iso(contact.met),
        "how_met": contact.how_met,
        "introduced_by": contact.introduced_by,
        "knows": list(contact.knows),
        "interests": list(contact.interests),
        "offers": list(contact.offers),
        "needs": list(contact.needs),
        "department": contact.department,
        "anniversary": contact.anniversary.iso() if contact.anniversary else None,
        "connected": _iso(contact.connected),
        "urls": list(contact.urls),
        "addresses": list(contact.addresses),
        "notes": contact.notes,
        "log": [
            {"date": e.date.isoformat(), "kind": e.kind, "text": e.text, "gave": e.gave, "got": e.got}
            for e in contact.log
        ],
        "interactions": [
            {"date": i.date.isoformat(), "source": i.source, "text": i.text}
            for i in activity.of(contact.id).interactions
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
