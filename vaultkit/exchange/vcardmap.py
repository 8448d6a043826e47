"""Where each vaultkit field goes in a vCard, and where it comes back from: one table for the
export and the import, so that a card vaultkit writes reads back as the same contact.

vCard 4.0 (RFC 6350) properties where one exists, `INTEREST` from RFC 6715 for interests, and
`X-VAULTKIT-…` for the fields no standard has. `PRODID` marks the cards vaultkit wrote.
"""

from __future__ import annotations

import uuid

from vaultkit.model import Contact

PRODID = "-//vaultkit//vaultkit//EN"
# UIDs derive from the contact id in this namespace unless the note has a `uid` property, so an
# export made twice gives the same UIDs and address books update instead of duplicating.
UID_NAMESPACE = uuid.UUID("5b0c1c55-3f0e-4b5e-9d0a-7a61f1d6c0de")
X_PREFIX = "X-VAULTKIT-"

# Field -> the standard property it travels in.
STANDARD = {
    "name": "FN",
    "uid": "UID",
    "aliases": "NICKNAME",
    "emails": "EMAIL",
    "phones": "TEL",
    "org": "ORG",  # with `department` as the ORG's second part
    "role": "TITLE",
    "birthday": "BDAY",
    "anniversary": "ANNIVERSARY",
    "tags": "CATEGORIES",
    "urls": "URL",
    "addresses": "ADR",  # the address line as LABEL and street; the first ADR's city is `location`
    "knows": "RELATED",  # the UID of a contact, else its name as text
    "interests": "INTEREST",
    "notes": "NOTE",
}
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
    "met",
    "how_met",
    "introduced_by",
    "connected",
    "offers",
    "needs",
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
