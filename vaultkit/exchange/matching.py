"""Match imported records against the vault's contacts: by email, then by name, never by guess.

Names match when they are the same words in any order, ignoring case and accents
("Lefevre, Marie" is "Marie Lefèvre"); a name one edit away from a contact's is a near match,
reported for review instead of merged or created.

What a record brings is planned in the note's own terms: single values fill empty fields and
are conflicts where the note says otherwise; list items (a second email, a nickname, a tag)
are added where the note lacks them; free text goes under the note's `## Notes` heading, line
by line, where it is not there yet. Cards that name each other (vCard RELATED, by UID or
name) become `knows` links to the notes they are, or will be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from vaultkit.edit import InvalidValue, file_stem, unescaped
from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.vcardmap import contact_uid
from vaultkit.language import _
from vaultkit.model import Birthday, Contact, Index
from vaultkit.values import (
    email_key,
    fold,
    lookup,
    name_key,
    one_edit_apart,
    phone_key,
    resolve,
    spelled_alike_possible,
)

FIRST_MEETING = ("met", "how_met", "connected")
# Note field -> the Contact attribute that holds all its values.
LIST_FIELDS = {
    "email": "emails",
    "phone": "phones",
    "aliases": "aliases",
    "url": "urls",
    "address": "addresses",
    "knows": "knows",
    "interests": "interests",
    "offers": "offers",
    "needs": "needs",
    "tags": "tags",
}
# Fields written as one value when there is one, as people write them, and as a list when more.
ONE_OR_MORE = ("email", "phone", "url", "address")
# Relations that say no more than `knows`; any other (spouse, child) is kept in words too.
PLAIN_RELATIONS = frozenset({"contact", "acquaintance", "friend", "colleague", "co-worker", "met", "knows"})
_TAG_JUNK = re.compile(r"[^\w/-]+")
Outcome = Literal["create", "update", "unchanged", "near", "duplicate"]


@dataclass
class Plan:
    record: Record
    outcome: Outcome
    contact: str | None = None  # the matched contact id (or the near one)
    same_as: str | None = None  # for a duplicate: `file:line` of the record it repeats
    why_near: str | None = None  # for a near match: why, when not a name one letter away
    fill: dict[str, Any] = field(default_factory=dict)  # single values the note lacks
    add: dict[str, list[str]] = field(default_factory=dict)  # list items the note lacks
    notes: list[str] = field(default_factory=list)  # lines for `## Notes` the note lacks
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, note, record
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (field, why), as in Record

    @property
    def brings_something(self) -> bool:
        return bool(self.fill or self.add or self.notes)


def plan(records: list[Record], index: Index) -> list[Plan]:
    """What each record brings, in the order given: a record that repeats a contact an earlier
    one has brought something to is compared with the contact as it will be then, and one that
    repeats a new person is joined to the first record of them."""
    vault = _Vault(index)
    plans: list[Plan] = []
    planned: dict[str, Plan] = {}  # name key or UID of a record to create -> its plan
    for record in records:
        key = name_key(record.name)
        by_email = vault.by_email_of(record)
        contact_id = vault.by_uid.get(record.uid or "") or vault.by_name.get(key)
        if contact_id or (by_email and vault.same_person(by_email, record.name)):
            plans.append(Plan(record, "update", contact_id or by_email))
        elif by_email:
            why = _("shares an email with {contact}, under another name; check by hand").format(
                contact=by_email
            )
            plans.append(Plan(record, "near", by_email, why_near=why))
        elif first := planned.get(key) or planned.get(record.uid or ""):
            first.record = _joined(first.record, record)
            plans.append(Plan(record, "duplicate", same_as=first.record.where))
        elif near := _near(key, vault.by_name) or _one_by_its_words(index, record.name):
            plans.append(Plan(record, "near", near))
        else:
            plans.append(Plan(record, "create"))
            planned[key] = plans[-1]
            if record.uid:
                planned[record.uid] = plans[-1]
    links = _Links(vault, plans)
    contacts = dict(index.contacts)  # as they will be after the plans so far
    for step in plans:
        if step.outcome == "create":
            _plan_new(step, links)
        elif step.outcome == "update" and step.contact:
            _compare(step, contacts[step.contact], links)
            contacts[step.contact] = _as_after(contacts[step.contact], step)
    return plans


def _stem_or_none(name: str) -> str | None:
    try:
        return file_stem(name)
    except InvalidValue:
        return None


def _joined(first: Record, again: Record) -> Record:
    """One record of a person a file holds twice: the lists of both, the first's single values,
    and the second's that differ as details, so that nothing of either is lost."""
    lists: dict[str, Any] = {}
    for name in (
        "emails",
        "phones",
        "aliases",
        "tags",
        "urls",
        "addresses",
        "related",
        "interests",
        "offers",
        "needs",
    ):
        lists[name] = tuple(dict.fromkeys((*getattr(first, name), *getattr(again, name))))
    singles: dict[str, Any] = {}
    details = list(first.details)
    for name in (
        "uid",
        "org",
        "department",
        "role",
        "birthday",
        "anniversary",
        "location",
        "connected",
        "met",
        "how_met",
        "introduced_by",
    ):
        mine, theirs = getattr(first, name), getattr(again, name)
        if mine is None:
            singles[name] = theirs
        elif theirs is not None and plain(theirs) != plain(mine):
            details.append((f"{name.replace('_', ' ').capitalize()} ({again.where})", str(plain(theirs))))
    notes = "\n\n".join(text for text in dict.fromkeys((first.notes, again.notes)) if text)
    return replace(
        first,
        **lists,
        **singles,
        notes=notes or None,
        details=tuple(dict.fromkeys((*details, *again.details))),
        more=tuple(dict.fromkeys((*first.more, *again.more))),
        left_out=tuple(dict.fromkeys((*first.left_out, *again.left_out))),
        unreadable=(*first.unreadable, *again.unreadable),
    )


class _Vault:
    """The vault's contacts by what a record may match them by."""

    def __init__(self, index: Index):
        self.index = index
        self.by_uid = {contact_uid(contact): contact.id for contact in index.contacts.values()}
        self.by_email = {
            key: c.id for c in index.contacts.values() for email in c.emails if (key := email_key(email))
        }
        self.by_name: dict[str, str] = {}
        for contact in index.contacts.values():
            for name in (contact.id, contact.name, *contact.aliases):
                self.by_name.setdefault(name_key(name), contact.id)

    def same_person(self, contact_id: str, name: str) -> bool:
        """Whether `name` is the contact's id, name or an alias, in any word order: a shared
        email alone (info@, a couple's) does not make two names one person."""
        contact = self.index.contacts[contact_id]
        return name_key(name) in {name_key(n) for n in (contact.id, contact.name, *contact.aliases)}

    def by_email_of(self, record: Record) -> str | None:
        return next((self.by_email[k] for e in record.emails if (k := email_key(e)) in self.by_email), None)


class _Links:
    """The note each card or name of this import is, or will be, as a `[[link]]` target."""

    def __init__(self, vault: _Vault, plans: list[Plan]):
        self.index = vault.index
        self.by_uid = dict(vault.by_uid)
        self.by_name = dict(vault.by_name)
        self.target_of: dict[str, str] = {}  # record's `where` -> the note it is or will be
        for step in plans:
            if step.outcome not in ("update", "create"):
                continue
            target = step.contact if step.outcome == "update" else _stem_or_none(step.record.name)
            if not target:
                continue  # a name no file may have: the importer says so
            self.target_of[step.record.where] = target
            if step.record.uid:
                self.by_uid.setdefault(step.record.uid, target)
            self.by_name.setdefault(name_key(step.record.name), target)
        self.notes = set(self.by_name.values())  # the notes there are, or will be

    def of_name(self, name: str) -> str:
        target = self.by_name.get(name_key(name))
        return f"[[{target}]]" if target else name

    def knows(self, record: Record) -> tuple[list[str], list[tuple[str, str]]]:
        """The `knows` items a record's relations give, and those that name nobody known; a
        card that names itself gives nothing."""
        own = self.target_of.get(record.where)
        items: list[str] = []
        unknown: list[tuple[str, str]] = []
        for related in record.related:
            target = self._target(related)
            if target is None:
                why = _("{name} is no card of this import and no contact of the vault").format(
                    name=related.value
                )
                unknown.append(("related", why))
            elif target != own:
                items.append(f"[[{target}]]" if target in self.notes else target)
        return list(dict.fromkeys(items)), unknown

    def said_in_words(self, record: Record) -> list[tuple[str, str]]:
        """(Kind, who) of the relations that say more than that two people know each other."""
        found = []
        for related in record.related:
            if related.kind and fold(related.kind) not in PLAIN_RELATIONS:
                target = self._target(related)
                if target is not None:
                    found.append((related.kind.capitalize(), target))
        return found

    def _target(self, related: Related) -> str | None:
        """The note a relation names (its file name), or the name as given; None for a UID that
        names no card or contact."""
        if related.is_uid:
            return self.by_uid.get(related.value)
        return self.by_name.get(name_key(related.value), related.value)


def record_fields(record: Record, links: _Links) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The single values and the lists a record gives, in the note's own terms."""
    single: dict[str, Any] = {
        "uid": record.uid,
        "org": record.org,
        "department": record.department,
        "role": record.role,
        "location": record.location,
        "birthday": record.birthday,
        "anniversary": record.anniversary,
        "met": record.met,
        "connected": record.connected,
        "how_met": record.how_met,
        "introduced_by": links.of_name(record.introduced_by) if record.introduced_by else None,
        **dict(record.more),
    }
    knows, _unknown = links.knows(record)
    lists: dict[str, list[str]] = {
        "email": list(record.emails),
        "phone": list(record.phones),
        "aliases": list(record.aliases),
        "url": list(record.urls),
        "address": list(record.addresses),
        "knows": knows,
        "interests": list(record.interests),
        "offers": list(record.offers),
        "needs": list(record.needs),
        "tags": [tag for tag in map(as_tag, record.tags) if tag],
    }
    return (
        {key: value for key, value in single.items() if value not in (None, "")},
        {key: items for key, items in lists.items() if items},
    )


def as_tag(label: str) -> str:
    """A contact-book label as an Obsidian tag: one word, no `#`."""
    return _TAG_JUNK.sub("-", label.strip().lstrip("#")).strip("-")


def notes_lines(record: Record, links: _Links) -> list[str]:
    """The record's free text, then what has no field of its own as `- label: value` items (a
    spouse or child by the kind of their relation, too)."""
    text = record.notes.strip().split("\n") if record.notes and record.notes.strip() else []
    details = [*record.details, *links.said_in_words(record)]
    items = [f"- {label}: {value}" for label, value in details]
    return [*text, *([""] if text and items else []), *items]


def _plan_new(step: Plan, links: _Links) -> None:
    step.fill, step.add = record_fields(step.record, links)
    step.notes = notes_lines(step.record, links)
    step.left_out = [*step.record.left_out, *links.knows(step.record)[1]]


def _compare(step: Plan, contact: Contact, links: _Links) -> None:
    single, lists = record_fields(step.record, links)
    for key, value in single.items():
        current = _current(contact, key)
        if key == "uid" and value == contact_uid(contact):
            continue  # the card carries the UID the note already gives
        if current in (None, ""):
            step.fill[key] = value
        elif key in FIRST_MEETING:
            continue  # a LinkedIn connection day is no reason to doubt when you really met
        elif _differs(current, value):
            step.conflicts.append((key, current, plain(value)))
    for key, items in lists.items():
        same = _SAME.get(key, _folded)
        known = {same(item, links.index) for item in getattr(contact, LIST_FIELDS[key])}
        new = list(
            {same(item, links.index): item for item in items if same(item, links.index) not in known}.values()
        )
        if len(new) == 1 and not known and key in ONE_OR_MORE:
            step.fill[key] = new[0]  # a note's first email is one value, as people write it
        elif new:
            step.add[key] = new
    known_names = {name_key(name) for name in (contact.id, contact.name, *contact.aliases)}
    if name_key(step.record.name) not in known_names:  # matched by UID: renamed on the phone
        step.add.setdefault("aliases", []).append(step.record.name)
    step.notes = _missing_lines(notes_lines(step.record, links), contact.notes)
    step.left_out = [*step.record.left_out, *links.knows(step.record)[1]]
    step.outcome = "update" if step.brings_something else "unchanged"


def _as_after(contact: Contact, step: Plan) -> Contact:
    """`contact` as the note will read once `step` is written: for the next record of it."""
    changes: dict[str, Any] = {}
    properties = dict(contact.properties)
    for key, value in step.fill.items():
        properties[key] = plain(value)
        if key in ONE_OR_MORE:
            changes[LIST_FIELDS[key]] = (value,)
        elif hasattr(contact, key):
            changes[key] = value
    for key, items in step.add.items():
        changes[LIST_FIELDS[key]] = (*getattr(contact, LIST_FIELDS[key]), *map(_unlinked, items))
    if step.notes:
        changes["notes"] = "\n".join([*(contact.notes or "").split("\n"), *step.notes]).strip()
    return replace(contact, **changes, properties=properties)


def _folded(item: str, index: Index) -> str:
    return fold(_unlinked(item))


def _same_email(item: str, index: Index) -> str:
    return email_key(item) or fold(item)


def _same_phone(item: str, index: Index) -> str:
    return phone_key(item) or fold(item)


def _same_person(item: str, index: Index) -> str:
    """Who a `knows` item names: the contact's id when it names one, by link, alias or name."""
    ids = resolve(index, _unlinked(item))
    return ids[0] if len(ids) == 1 else fold(_unlinked(item))


# How two list items are told to be the same; others: ignoring case and accents.
_SAME = {"email": _same_email, "phone": _same_phone, "knows": _same_person}


def _current(contact: Contact, key: str) -> Any:
    """What the note says of `key`, as text; None when it says nothing."""
    if contact.properties.get(key) in (None, "", []):
        return None
    value = getattr(contact, key, None)
    return plain(contact.properties[key] if value in (None, "", ()) else value)


def _missing_lines(lines: list[str], notes: str | None) -> list[str]:
    """The `lines` a Notes section does not hold yet (compared as written before escaping,
    without case, accents and runs of spaces), in their order; nothing when it holds each."""
    held = {_squashed(line) for line in (notes or "").split("\n")}
    return [line for line in lines if line.strip() and _squashed(line) not in held]


def _squashed(line: str) -> str:
    return " ".join(fold(unescaped(line)).split())


def _unlinked(item: str) -> str:
    return item[2:-2] if item.startswith("[[") and item.endswith("]]") else item


def plain(value: Any) -> Any:
    """A value as text, as a note or a summary says it: `--05-17`, `2024-03-03`."""
    if isinstance(value, Birthday):
        return value.iso()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, (str, list)) else str(value)


def _differs(current: Any, new: Any) -> bool:
    return fold(_unlinked(str(current))) != fold(_unlinked(str(plain(new))))


def _near(key: str, names: dict[str, str]) -> str | None:
    """The contact whose name is one letter from `key` (as `check` tells likely duplicates)."""
    if not spelled_alike_possible(key):
        return None
    for other, contact_id in names.items():
        if abs(len(other) - len(key)) <= 1 and one_edit_apart(key, other) and spelled_alike_possible(other):
            return contact_id
    return None


def _one_by_its_words(index: Index, name: str) -> str | None:
    """The one contact a name means as a command would take it (`Paul` for Paul Weber, when
    he is the only Paul): for an import a guess to check, never a match."""
    ids = lookup(index, name)
    return ids[0] if len(ids) == 1 else None
