"""The dashboard's data: the agenda, the give and take, a brief on every contact and what the
pictures show, for one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Index
from vaultkit.reports.agenda import Agenda, agenda
from vaultkit.reports.balance import Balance, balance
from vaultkit.reports.brief import Brief, brief
from vaultkit.reports.network.give import ideas, strongest
from vaultkit.reports.pictures.picture import Pictures, pictured


@dataclass(frozen=True)
class Dashboard:
    today: date
    agenda: Agenda
    balance: Balance
    # A contact's note (as the network picture's `data-contact` names it) -> what `show` says of
    # them, sorted: the page shows it when you point at them.
    briefs: dict[str, Brief]
    pictures: Pictures


def dashboard(index: Index, activity: Activity, config: Config) -> Dashboard:
    giving = strongest(ideas(index, activity))
    people = sorted(index.contacts.values(), key=lambda contact: contact.path)
    briefs = {contact.path: brief(index, activity, config, contact.id, giving) for contact in people}
    return Dashboard(
        activity.today,
        agenda(index, activity, config, giving=giving),
        balance(index, activity.today),
        briefs,
        pictured(index, activity, config),
    )
