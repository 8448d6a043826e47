"""What vaultkit understood of a vault it was given as it is: how it found the contacts, which
notes it left out though they looked like contacts, and which of the vault's keys it read as
which field. `check` shows it, so a user can see at once whether vaultkit reads their vault
the way they meant."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from vaultkit.config import Config
from vaultkit.model import Index, Owner
from vaultkit.parse.note import NOT_A_PERSON, contact_reason
from vaultkit.parse.tags import tags_of
from vaultkit.values import fold


@dataclass(frozen=True)
class Understood:
    # How many contacts each rule found: ("folder People", 21), ("tag person", 3), …
    found_by: tuple[tuple[str, int], ...]
    # Notes that say they are no person (KIND: org), by what they say.
    left_out: tuple[tuple[str, int], ...]
    # vaultkit field -> the keys the vault writes it as, where those differ from the field.
    fields: tuple[tuple[str, tuple[str, ...]], ...]
    # The owner's own note (`[me] note`), when it was read.
    owner: Owner | None = None

    def as_json(self) -> dict[str, Any]:
        owner = self.owner
        return {
            "found_by": dict(self.found_by),
            "left_out": dict(self.left_out),
            "fields": {field: list(keys) for field, keys in self.fields},
            "owner": owner
            and {
                "path": owner.path,
                "news": len(owner.news),
                "offers": len(owner.offers),
                "needs": len(owner.needs),
            },
        }


def understood(index: Index, config: Config) -> Understood:
    found_by = Counter(contact.found_by for contact in index.contacts.values())
    left_out: Counter[str] = Counter()
    for note in index.notes:
        kind = note.properties.get("kind")
        if note.contact is None and isinstance(kind, str) and fold(kind) in NOT_A_PERSON:
            rest = {key: value for key, value in note.properties.items() if key != "kind"}
            if contact_reason(note.path, rest, tags_of(rest.get("tags")), config):
                left_out[f"KIND: {kind}"] += 1
    fields: dict[str, set[str]] = {}
    for contact in index.contacts.values():
        for field, key in contact.written_as.items():
            fields.setdefault(field, set()).add(key)
    return Understood(
        tuple(sorted(found_by.items(), key=lambda item: (-item[1], item[0]))),
        tuple(sorted(left_out.items(), key=lambda item: (-item[1], item[0]))),
        tuple((field, tuple(sorted(keys))) for field, keys in sorted(fields.items())),
        index.owner,
    )
