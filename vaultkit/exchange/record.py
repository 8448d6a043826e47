"""One person as an export holds them, in vaultkit's terms: what every reader makes of a row or card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vaultkit.model import Birthday


@dataclass(frozen=True)
class Related:
    """Another person a card or row names: a vCard `RELATED` (a UID or a name), Google's
    `Relation 1 - Value`. `kind` is the relation as the source says it (`spouse`), if it does."""

    value: str
    kind: str | None = None
    is_uid: bool = False


@dataclass(frozen=True)
class Record:
    where: str  # `file:line` of the record, for messages
    name: str
    uid: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # nicknames
    org: str | None = None
    department: str | None = None  # the unit within the org
    role: str | None = None
    birthday: Birthday | None = None
    anniversary: Birthday | None = None
    tags: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    location: str | None = None  # the city
    addresses: tuple[str, ...] = ()  # postal addresses, one line each
    connected: date | None = None  # a LinkedIn connection: not a meeting, no interaction
    met: date | None = None
    how_met: str | None = None
    introduced_by: str | None = None
    related: tuple[Related, ...] = ()
    interests: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    # vaultkit's own fields as its vCard export writes them (X-VAULTKIT-CIRCLE…): field, text.
    more: tuple[tuple[str, str], ...] = ()
    notes: str | None = None  # free text: lands under the note's `## Notes` heading
    # What has no field of its own, as (label, value): lands under `## Notes` as `label: value`.
    details: tuple[tuple[str, str], ...] = ()
    # What is deliberately not imported, as (field, why): photos, sounds, keys.
    left_out: tuple[tuple[str, str], ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, why) of each value that could not be read
