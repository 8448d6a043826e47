"""Text as it crosses between the vault and another program's file, either way: on one line and
without the control characters a terminal, an editor or an address book would act on."""

from __future__ import annotations

from vaultkit.words import printable


def clean(text: str) -> str:
    """`text` on one line (line breaks and tabs are spaces), without control characters, and
    without the spaces around it."""
    return printable(text, instead="").strip()
