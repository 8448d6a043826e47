"""What `tags` says: how many tags and contacts."""

from __future__ import annotations

from vaultkit.words import counted


def tags(count: int) -> str:
    """`12 tags`."""
    return counted(count, "tag", "tags")


def contacts(count: int) -> str:
    """`3 contacts`."""
    return counted(count, "contact", "contacts")
