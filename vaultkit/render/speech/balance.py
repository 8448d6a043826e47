"""What `balance` says: where you stand with someone, and the width of its columns."""

from __future__ import annotations

from vaultkit.language import _
from vaultkit.reports.balance import Account


def stands(account: Account) -> str:
    """Where you stand with them, said from your side: `you've given more`; empty when nothing
    went either way."""
    if account.stands is None:
        return ""
    return {
        "only_received": _("you've only received"),
        "only_given": _("you've only given"),
        "even": _("even"),
        "given_more": _("you've given more"),
        "received_more": _("you've received more"),
    }[account.stands]
