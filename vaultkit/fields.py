"""Which vaultkit field a property of a note is, whatever the vault calls it.

Property names are compared without regard to case, spaces, `-` and `_` (`Last Contact`,
`last-contact` and `lastContact` are `last_contact`), through built-in synonyms that existing
vaults use (`Birthday`, `bday`, `Geburtstag`; `company`, `Firma`; `job_title`), the keys of the
most used Obsidian personal-CRM plugin (`prm-last-contacted`), and vCard-style keys as a vCard
plugin writes them (`FN`, `ORG`, `TITLE`, `BDAY`, `CATEGORIES`, `EMAIL[HOME]`, `TEL[CELL]`). A
vault's `[fields]` table adds its own. A key that is no field is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from vaultkit.values import fold, one_edit_apart

KNOWN_FIELDS = (  # in the order a person would write them in a note
    "name",
    "aliases",
    "tags",
    "circle",
    "cadence",
    "cadence_max",
    "last_contact",
    "next_contact",
    "snooze_until",
    "reviewed",
    "paused",
    "status",
    "birthday",
    "anniversary",
    "org",
    "department",
    "role",
    "email",
    "phone",
    "url",
    "location",
    "address",
    "connected",
    "met",
    "how_met",
    "introduced_by",
    "knows",
    "interests",
    "offers",
    "needs",
    "goals",
    "anrede",
    "uid",
    "categories",
    "date",
    "datetime",
    "people",
    "kind",
)

# Spellings seen in real vaults, squashed (see `squash`); a vault's [fields] table adds to these.
SYNONYMS = {
    **{field.replace("_", ""): field for field in KNOWN_FIELDS},
    # birthday
    "birth": "birthday",
    "birthdate": "birthday",
    "bday": "birthday",
    "dateofbirth": "birthday",
    "born": "birthday",
    "geburtstag": "birthday",
    "geburtsdatum": "birthday",
    # org
    "company": "org",
    "companies": "org",
    "organisation": "org",
    "organisations": "org",
    "organization": "org",
    "organizations": "org",
    "employer": "org",
    "firma": "org",
    "unternehmen": "org",
    # role
    "title": "role",
    "jobtitle": "role",
    "position": "role",
    "job": "role",
    "beruf": "role",
    # met
    "datemet": "met",
    "firstmet": "met",
    "kennengelernt": "met",
    "howmet": "how_met",
    "metat": "how_met",
    "metthrough": "how_met",
    # location
    "city": "location",
    "ort": "location",
    "wohnort": "location",
    "stadt": "location",
    # name
    "fn": "name",
    "fullname": "name",
    # others
    "salutation": "anrede",
    "ziele": "goals",
    "goal": "goals",
    "ziel": "goals",
    "formofaddress": "anrede",
    "alias": "aliases",
    "nickname": "aliases",
    "tag": "tags",
    "emails": "email",
    "mail": "email",
    "phones": "phone",
    "tel": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "telefon": "phone",
    "lastcontacted": "last_contact",
    "lastcontactdate": "last_contact",
    "lastcontacteddate": "last_contact",
    "lastseen": "last_contact",
    "lastspoke": "last_contact",
    "nextcontactdate": "next_contact",
    "followup": "next_contact",
    "snooze": "snooze_until",
    "snoozed": "snooze_until",
    "lastreviewed": "reviewed",
    "tier": "circle",
    "frequency": "cadence",
    "contactfrequency": "cadence",
    "introducedby": "introduced_by",
    "attendees": "people",
    "participants": "people",
    "teilnehmer": "people",
    "dabei": "people",
    "howwemet": "how_met",
    "howimet": "how_met",
    "kennengelerntuber": "how_met",
    "kennengelerntbei": "how_met",
    "woher": "how_met",
    "letzterkontakt": "last_contact",
    "zuletztgesprochen": "last_contact",
    "nachsterkontakt": "next_contact",
    "wiedervorlage": "next_contact",
    "kontaktintervall": "cadence",
    "intervall": "cadence",
    "rhythmus": "cadence",
    "handy": "phone",
    "mobil": "phone",
    "mobiltelefon": "phone",
    "telefonnummer": "phone",
    "spitzname": "aliases",
    "nicknames": "aliases",
    "geboren": "birthday",
    "datum": "date",
    "interessen": "interests",
    "hobbys": "interests",
    "hobbies": "interests",
    "kreis": "circle",
    # what an address book holds besides
    "website": "url",
    "websites": "url",
    "homepage": "url",
    "webseite": "url",
    "urls": "url",
    "linkedin": "url",
    "addresses": "address",
    "adresse": "address",
    "anschrift": "address",
    "postaladdress": "address",
    "abteilung": "department",
    "orgunit": "department",
    "division": "department",
    "jahrestag": "anniversary",
    "hochzeitstag": "anniversary",
    "connectedon": "connected",
    "vernetzt": "connected",
}
# Keys as a vCard plugin writes them: upper case, some indexed (`EMAIL[HOME]`).
_VCARD = {
    "FN": "name",
    "NICKNAME": "aliases",
    "ORG": "org",
    "TITLE": "role",
    "ROLE": "role",
    "BDAY": "birthday",
    "EMAIL": "email",
    "TEL": "phone",
    "CATEGORIES": "tags",
    "KIND": "kind",
    "UID": "uid",
    "URL": "url",
    "ADR": "address",
    "ANNIVERSARY": "anniversary",
}
_SQUASHED = re.compile(r"[\s_-]+")
# Fields that hold several values; keys for the same one (EMAIL[HOME], EMAIL[WORK]) add up.
MULTI_VALUED = ("email", "phone", "org", "location", "aliases", "tags", "people", "url", "address")


@lru_cache(maxsize=4096)
def squash(key: str) -> str:
    """`Last Contact`, `last-contact`, `last_contact` -> `lastcontact`; `Nächster Kontakt` ->
    `nachsterkontakt` (accents folded, as names are)."""
    return _SQUASHED.sub("", fold(key))


@lru_cache(maxsize=4096)
def _built_in(key: str) -> str | None:
    if key.isupper():
        base, _, component = key.partition(".")  # `ADR[HOME].LOCALITY`: one part of an address
        vcard = _VCARD.get(base.split("[", 1)[0].strip())
        if vcard and not component:
            return vcard
        if vcard == "address":
            return "location" if component.strip() == "LOCALITY" else None
    squashed = squash(key)
    if squashed.startswith("prm") and len(squashed) > 3:  # the personal-CRM plugin's keys
        squashed = squashed[3:]
    return SYNONYMS.get(squashed)


def field_for(key: str, aliases: Mapping[str, str]) -> str | None:
    """The vaultkit field `key` names, or None when it names none. `aliases` is the vault's own
    table (its key -> vaultkit field), compared the same way."""
    if aliases:
        mine = aliases.get(key) or _squashed_aliases(tuple(aliases.items())).get(squash(key))
        if mine:
            return mine
    return _built_in(key)


@lru_cache(maxsize=16)
def _squashed_aliases(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {squash(yours): ours for yours, ours in items}


@lru_cache(maxsize=1024)
def near_miss(key: str) -> str | None:
    """The field `key` is one letter away from (`birtday` -> `birthday`), for a warning."""
    squashed = squash(key)
    if len(squashed) < 5:
        return None
    for known, field in SYNONYMS.items():
        if len(known) >= 5 and one_edit_apart(squashed, known):
            return field
    return None
