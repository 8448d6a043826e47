"""Match imported records against the vault's contacts: by email, then by name, never by guess.

Names match when they are the same words in any order, ignoring case and accents
("Lefevre, Marie" is "Marie Lefèvre"); a name one edit away from a contact's is a near match,
reported for review instead of merged or created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from vaultkit.exchange.sources import Record
from vaultkit.model import Contact, Index
from vaultkit.values import fold

FIRST_MEETING = ("met", "how_met")
Outcome = Literal["create", "update", "unchanged", "near", "duplicate"]


@dataclass
class Plan:
    record: Record
    outcome: Outcome
    contact: str | None = None  # the matched contact id (or the near one)
    fill: dict[str, Any] = field(default_factory=dict)  # fields the note lacks
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, note, record


def name_key(name: str) -> str:
    """The words of a name, folded and sorted: word order and a comma do not matter."""
    return " ".join(sorted(fold(name.replace(",", " ")).split()))


def plan(records: list[Record], index: Index) -> list[Plan]:
    by_email = {fold(email): c.id for c in index.contacts.values() for email in c.emails}
    by_name: dict[str, str] = {}
    for contact in index.contacts.values():
        for name in (contact.id, contact.name, *contact.aliases):
            by_name.setdefault(name_key(name), contact.id)
    planned_names: set[str] = set()
    plans = []
    for record in records:
        key = name_key(record.name)
        contact_id = next((by_email[fold(e)] for e in record.emails if fold(e) in by_email), None)
        contact_id = contact_id or by_name.get(key)
        if contact_id:
            plans.append(_compare(record, index.contacts[contact_id]))
        elif key in planned_names:
            plans.append(Plan(record, "duplicate"))
        elif near := _near(key, by_name):
            plans.append(Plan(record, "near", near))
        else:
            planned_names.add(key)
            plans.append(Plan(record, "create"))
    return plans


def record_fields(record: Record) -> dict[str, Any]:
    """The note fields a record gives, in the note's own terms."""
    values: dict[str, Any] = {
        "email": list(record.emails)
        if len(record.emails) > 1
        else (record.emails[0] if record.emails else None),
        "phone": list(record.phones)
        if len(record.phones) > 1
        else (record.phones[0] if record.phones else None),
        "org": record.org,
        "role": record.role,
        "location": record.location,
        "birthday": record.birthday,
        "met": record.met,
        "how_met": record.how_met,
    }
    return {key: value for key, value in values.items() if value not in (None, [], "")}


def _compare(record: Record, contact: Contact) -> Plan:
    fill, conflicts = {}, []
    for key, value in record_fields(record).items():
        current = getattr(contact, key)
        if current in (None, "", ()):
            fill[key] = value
        elif key in ("email", "phone"):
            known = {fold(v) for v in getattr(contact, key + "s")}
            new = [v for v in (value if isinstance(value, list) else [value]) if fold(v) not in known]
            if new:
                conflicts.append((key + "s", list(getattr(contact, key + "s")), new))
        elif key in FIRST_MEETING:
            continue  # a LinkedIn connection day is no reason to doubt when you really met
        elif _differs(current, value):
            conflicts.append((key, current, value))
    return Plan(record, "update" if fill else "unchanged", contact.id, fill, conflicts)


def _differs(current: Any, new: Any) -> bool:
    if isinstance(current, str) and isinstance(new, str):
        return fold(current) != fold(new)
    return current != new


def _near(key: str, names: dict[str, str]) -> str | None:
    for other, contact_id in names.items():
        if abs(len(other) - len(key)) <= 1 and _one_edit_apart(key, other):
            return contact_id
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution turns `a` into `b` (not when equal)."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]
