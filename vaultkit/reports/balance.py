"""The relationship account: what you gave and what you got, per contact, from `#gave`/`#got`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from vaultkit.activity import Activity
from vaultkit.model import Contact, Index
from vaultkit.reports.network.introductions import introductions

SCHEMA = "vaultkit.balance/1"
Stands = Literal["only_received", "only_given", "even", "given_more", "received_more"]


@dataclass(frozen=True)
class Account:
    contact: str
    name: str
    gave: int
    got: int
    last_gave: date | None
    last_got: date | None

    @property
    def only_taking(self) -> bool:
        """You only take: they have given to you and you have never given back."""
        return self.got > 0 and self.gave == 0

    @property
    def never_given(self) -> bool:
        return self.gave == 0

    @property
    def stands(self) -> Stands | None:
        """Where you stand with them, from your side; None when nothing went either way."""
        if not self.gave and not self.got:
            return None
        if not self.gave:
            return "only_received"
        if not self.got:
            return "only_given"
        if self.gave == self.got:
            return "even"
        return "given_more" if self.gave > self.got else "received_more"

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact,
            "name": self.name,
            "gave": self.gave,
            "got": self.got,
            "last_gave": self.last_gave.isoformat() if self.last_gave else None,
            "last_got": self.last_got.isoformat() if self.last_got else None,
            "only_taking": self.only_taking,
            "never_given": self.never_given,
        }


@dataclass(frozen=True)
class Balance:
    today: date
    # Contacts with a #gave or #got entry first, those who got least from you at the top.
    accounts: tuple[Account, ...]

    @property
    def traded(self) -> list[Account]:
        return [a for a in self.accounts if a.gave or a.got]

    @property
    def only_taking(self) -> list[Account]:
        return [a for a in self.accounts if a.only_taking]

    @property
    def untouched(self) -> list[Account]:
        """Never given anything, and nothing received either."""
        return [a for a in self.accounts if not a.gave and not a.got]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "contacts": [account.as_json() for account in self.accounts],
        }


def balance(index: Index, today: date, activity: Activity | None = None) -> Balance:
    """Every contact but the archived ones; log entries after `today` do not count yet. An
    introduction you made (`#intro`) is given to both: once, even when tagged `#gave` too.
    `activity`: where a watcher keeps each contact's account while it stays the same."""
    introduced: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for made in introductions(index, today):
        in_own_note = made.source == index.contacts[made.by].path
        introduced[made.by].append((made.day, made.line if in_own_note else -1))
        introduced[made.to].append((made.day, -1))
    accounts = [
        _account_of(contact, today, introduced.get(contact.id, []), activity)
        for contact in index.contacts.values()
        if contact.status != "archived"
    ]
    accounts.sort(key=lambda a: (not (a.gave or a.got), a.gave - a.got, a.last_gave or date.min, a.name))
    return Balance(today, tuple(accounts))


def _account_of(
    contact: Contact, today: date, introduced: list[tuple[date, int]], activity: Activity | None
) -> Account:
    if activity is None:
        return _account(contact, today, introduced)
    also = (today, introduced)
    return activity.per_contact("balance", contact, None, _account, contact, today, introduced, also=also)


def _account(contact: Contact, today: date, introduced: list[tuple[date, int]]) -> Account:
    past = [entry for entry in contact.log if entry.date <= today]
    lines = {line for _, line in introduced}
    given = [entry.date for entry in past if entry.gave and entry.line not in lines]
    given += [day for day, _ in introduced]
    received = [entry.date for entry in past if entry.got]
    return Account(
        contact.id,
        contact.name,
        len(given),
        len(received),
        max(given, default=None),
        max(received, default=None),
    )
