"""Where each vaultkit field goes in a vCard, and where it comes back from: one table for the
export and the import, so that a card vaultkit writes reads back as the same contact.

vCard 4.0 (RFC 6350) properties where one exists, `INTEREST` from RFC 6715 for interests, and
`X-VAULTKIT-…` for the fields no standard has. `PRODID` marks the cards vaultkit wrote.
"""

from __future__ import annotations

PRODID = "-//vaultkit//vaultkit//EN"
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
