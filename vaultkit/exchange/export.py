"""Export the vault's contacts as vCard 4.0, CSV or JSON."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from vaultkit.activity import Activity
from vaultkit.model import Contact, Index
from vaultkit.render.tabular import csv_text
from vaultkit.words import printable

JSON_SCHEMA = "vaultkit.export/1"
# UIDs derive from the contact id in this namespace unless the note has a `uid` property, so an
# export made twice gives the same UIDs and address books update instead of duplicating.
UID_NAMESPACE = uuid.UUID("5b0c1c55-3f0e-4b5e-9d0a-7a61f1d6c0de")
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
)


def contact_uid(contact: Contact) -> str:
    own = contact.properties.get("uid")
    if isinstance(own, str) and own.strip():
        return own.strip()
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact.id)}"


def to_vcard(index: Index) -> str:
    """One vCard per contact. Note text goes out without control characters: an address book
    gets no escape sequences, and no line break ends a property early."""
    import vobject  # only the export needs it

    cards = []
    for contact in index.contacts.values():
        card = vobject.vCard()
        card.add("version").value = "4.0"
        card.add("uid").value = _clean(contact_uid(contact))
        name = _clean(contact.name)
        card.add("fn").value = name
        given, _, family = name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        _add_all(card, "nickname", contact.aliases)
        _add_all(card, "email", contact.emails)
        _add_all(card, "tel", contact.phones)
        if contact.org:
            card.add("org").value = [_clean(contact.org)]
        if contact.role:
            card.add("title").value = _clean(contact.role)
        if contact.location:
            card.add("adr").value = vobject.vcard.Address(city=_clean(contact.location))
        if contact.birthday:
            birthday = contact.birthday
            card.add("bday").value = (
                f"--{birthday.month:02d}{birthday.day:02d}"
                if birthday.year is None
                else f"{birthday.year:04d}{birthday.month:02d}{birthday.day:02d}"
            )
        if contact.tags:
            card.add("categories").value = [_clean(tag) for tag in contact.tags]
        for known in contact.knows:
            related = card.add("related")
            if known in index.contacts:
                related.value = _clean(contact_uid(index.contacts[known]))
            else:
                related.value = _clean(known)
                related.params["VALUE"] = ["text"]
        note = _note(contact)
        if note:
            card.add("note").value = note
        cards.append(card.serialize())
    return "".join(cards)


def _clean(text: str) -> str:
    return printable(text, instead="")


def _add_all(card: Any, name: str, values: tuple[str, ...]) -> None:
    for value in values:
        card.add(name).value = _clean(value)


def _note(contact: Contact) -> str:
    """Interests, offers, needs and how you met, a line each."""
    lines = [
        f"{label}: {', '.join(values)}"
        for label, values in (
            ("Interests", contact.interests),
            ("Offers", contact.offers),
            ("Needs", contact.needs),
        )
        if values
    ]
    if contact.how_met:
        lines.append(f"How met: {contact.how_met}")
    return "\n".join(_clean(line) for line in lines)


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
        }
        result.append({key: _cell(value) for key, value in values.items()})
    return result


def to_csv(index: Index, activity: Activity) -> str:
    return csv_text(CSV_COLUMNS, [[row[column] for column in CSV_COLUMNS] for row in rows(index, activity)])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_json(index: Index, activity: Activity) -> dict[str, Any]:
    contacts = []
    for contact in index.contacts.values():
        last = activity.of(contact.id).last()
        contacts.append(
            {
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
                "log": [
                    {"date": e.date.isoformat(), "kind": e.kind, "text": e.text, "gave": e.gave, "got": e.got}
                    for e in contact.log
                ],
                "interactions": [
                    {"date": i.date.isoformat(), "source": i.source, "text": i.text}
                    for i in activity.of(contact.id).interactions
                ],
            }
        )
    return {"schema": JSON_SCHEMA, "today": activity.today.isoformat(), "contacts": contacts}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
