"""The vault's contacts as vCard 4.0: RFC 6350's properties where one exists (RFC 6715's
INTEREST for interests), and vaultkit's own fields as `vaultkit.exchange.vcardmap` names them,
so that a card vaultkit writes reads back as the same contact.

A card is a pure function of its note: no REV, no timestamp, nothing that changes between two
exports of the same vault. An address book that gets the cards again updates them instead of
adding them twice, and a vdir (see `vaultkit.exchange.vdir`) rewrites only the cards that did
change. Text goes out without control characters (no escape sequence reaches an address book,
no line break ends a property early); only the NOTE keeps its line breaks, which vCard escapes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from vaultkit.exchange.text import clean
from vaultkit.exchange.vcardmap import OWN, OWN_LISTS, PRODID, contact_uid, own_property
from vaultkit.model import Birthday, Contact, Index
from vaultkit.values import resolve


def to_vcard(index: Index) -> str:
    """One vCard per contact, in the index's order."""
    return "".join(card_text(contact, index) for contact in index.contacts.values())


def card_text(contact: Contact, index: Index) -> str:
    """The vCard of one contact, lines ending in CRLF as RFC 6350 has them."""
    import vobject  # only exports need it

    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add("uid").value = card_uid(contact)
    name = clean(contact.name)
    card.add("fn").value = name
    given, _, family = name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    _add_all(card, "nickname", contact.aliases)
    _add_all(card, "email", contact.emails)
    _add_all(card, "tel", contact.phones)
    if contact.org or contact.department:
        card.add("org").value = [clean(contact.org or ""), *_present(contact.department)]
    if contact.role:
        card.add("title").value = clean(contact.role)
    if contact.birthday:
        card.add("bday").value = _vcard_date(contact.birthday)
    if contact.anniversary:
        card.add("anniversary").value = _vcard_date(contact.anniversary)
    tags = [clean(tag) for tag in contact.tags if clean(tag)]
    if tags:
        card.add("categories").value = tags
    _add_all(card, "url", contact.urls)
    _add_addresses(card, contact)
    for value, kind in dict.fromkeys(_related(known, index) for known in contact.knows):
        if value:
            related = card.add("related")
            related.value = value
            related.params["VALUE"] = [kind]
    _add_all(card, "interest", contact.interests)
    notes = _note_text(contact.notes)
    if notes:
        card.add("note").value = notes
    for field, value in own_fields(contact, index):
        card.add(own_property(field).lower()).value = value
    return str(card.serialize())


def card_uid(contact: Contact) -> str:
    """The UID as the contact's card carries it: without control characters, and the derived
    one when nothing else is left of the note's own."""
    return clean(contact_uid(contact)) or contact_uid(replace(contact, uid=None))


def own_fields(contact: Contact, index: Index) -> list[tuple[str, str]]:
    """vaultkit's own fields the note sets, as (field, text): one pair per item of a list."""
    found: list[tuple[str, str]] = []
    for field in OWN:
        value = getattr(contact, field)
        if field in OWN_LISTS:
            found += [(field, text) for text in map(clean, value) if text]
            continue
        text = _own_text(field, value, index)
        if text:
            found.append((field, text))
    return found


def _own_text(field: str, value: Any, index: Index) -> str | None:
    if value is None:
        return None
    if field == "status":
        return None if value == "active" else clean(value)
    if field == "paused":
        return "true" if value else None
    if field == "introduced_by":
        return clean(_name_of(value, index))
    if isinstance(value, date):
        return value.isoformat()
    return clean(str(value)) or None


def _name_of(text: str, index: Index) -> str:
    """The contact's name when `text` means exactly one contact, else `text` as it is."""
    ids = resolve(index, text)
    return index.contacts[ids[0]].name if len(ids) == 1 else text


def _add_addresses(card: Any, contact: Contact) -> None:
    """One ADR per address: the line as its LABEL and its street. The first also carries the
    city (`location`); with no address, the city has an ADR of its own."""
    import vobject

    city = clean(contact.location or "")
    lines = [line for line in map(clean, contact.addresses) if line]
    if not lines:
        if city:
            card.add("adr").value = vobject.vcard.Address(city=city)
        return
    for number, line in enumerate(lines):
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(street=line, city=city if number == 0 else "")
        adr.params["LABEL"] = [_parameter(line)]


def _related(known: str, index: Index) -> tuple[str, str]:
    """A RELATED's value and type: the UID of the contact `known` names, else the name as text.
    Two names of one contact (a name and an alias) give one RELATED."""
    ids = resolve(index, known)
    if len(ids) == 1:
        return card_uid(index.contacts[ids[0]]), "uri"
    return clean(known), "text"


def _vcard_date(day: Birthday) -> str:
    """`19860709`, or `--0709` without a year (RFC 6350 4.3.1)."""
    if day.year is None:
        return f"--{day.month:02d}{day.day:02d}"
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _note_text(notes: str | None) -> str:
    """The Notes section's text, each line without control characters, the line breaks and
    each line's indentation kept (a nested list, a code block); a tab of the indentation is
    spaces to the next multiple of 4, as Markdown reads it, since the card has no tab."""
    if not notes:
        return ""
    lines = notes.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(map(_note_line, lines)).strip("\n")


def _note_line(line: str) -> str:
    text = line.lstrip(" \t")
    cleaned = clean(text)
    return line[: len(line) - len(text)].expandtabs(4) + cleaned if cleaned else ""


def _parameter(text: str) -> str:
    """`text` as a parameter value: RFC 6868 writes `^` as `^^` and `"` as `^'`, since a
    parameter value cannot hold a double quote."""
    return text.replace("^", "^^").replace('"', "^'")


def _present(text: str | None) -> list[str]:
    cleaned = clean(text or "")
    return [cleaned] if cleaned else []


def _add_all(card: Any, name: str, values: tuple[str, ...]) -> None:
    for value in values:
        text = clean(value)
        if text:
            card.add(name).value = text
