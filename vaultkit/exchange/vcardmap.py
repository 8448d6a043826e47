"""What the vCard export and import agree on beyond the standard, so that a card vaultkit
writes reads back as the same contact: the `X-VAULTKIT-…` property of each field no vCard
standard has, the `PRODID` that marks the cards vaultkit wrote, and the UID of each contact.

The fields a standard property holds (FN, EMAIL, BDAY, RELATED, RFC 6715's INTEREST…) are
written by `vaultkit.exchange.vcard_out` and read by `vaultkit.exchange.sources.vcards`, each
in its own terms (the reader takes what other address books write too);
tests/test_round_trip.py keeps the two in step.
"""

from __future__ import annotations

import uuid

from vaultkit.model import Contact

PRODID = "-//vaultkit//vaultkit//EN"
# UIDs derive from the contact id in this namespace unless the note has a `uid` property, so an
# export made twice gives the same UIDs and address books update instead of duplicating.
UID_NAMESPACE = uuid.UUID("5b0c1c55-3f0e-4b5e-9d0a-7a61f1d6c0de")
X_PREFIX = "X-VAULTKIT-"

# Fields without a standard property, each in `X-VAULTKIT-<FIELD>` (`cadence_max` ->
# `X-VAULTKIT-CADENCE-MAX`); list fields give one property per item.
OWN = (
    "circle",
    "cadence",
    "cadence_max",
    "status",
    "paused",
    "last_contact",
    "next_contact",
    "snooze_until",
    "reviewed",
    "met",
    "how_met",
    "introduced_by",
    "connected",
    "offers",
    "needs",
    "anrede",
)
OWN_LISTS = ("offers", "needs")


def own_property(field: str) -> str:
    return X_PREFIX + field.upper().replace("_", "-")


def own_field(prop: str) -> str | None:
    """The field an `X-VAULTKIT-…` property holds, or None when it is none of vaultkit's."""
    if not prop.upper().startswith(X_PREFIX):
        return None
    field = prop[len(X_PREFIX) :].lower().replace("-", "_")
    return field if field in OWN else None


def contact_uid(contact: Contact) -> str:
    """The note's own `uid` (or `UID`), else one derived from the contact id."""
    if contact.uid and contact.uid.strip():
        return contact.uid.strip()
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact.id)}"
