"""What the pictures show, as data: where each person sits in the network picture
(`vaultkit.reports.pictures.layout`), the circles against Dunbar's layers (`vaultkit.reports.layers`),
and how many contacts each day of the last year had. `vaultkit.render.pictures` draws them as
SVG; the network note (`Network.md`) shows them with the hubs report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Index
from vaultkit.reports.layers import Layers, layers
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.hubs import Hubs, hubs
from vaultkit.reports.pictures.layout import DrawnLinks, NetworkLayout, drawn_links, network_layout

PICTURES = ("Network.svg", "Layers.svg", "Year.svg")
CELL = 11.0  # a day in the year picture, with its gap
WEEKS = 53


@dataclass(frozen=True)
class Year:
    """Contacts per day over the last WEEKS weeks up to `today`: `first` is a Monday, `days[n]`
    the number of contacts in touch on `first + n` days."""

    today: date
    first: date
    days: tuple[int, ...]

    def day(self, n: int) -> date:
        return self.first + timedelta(days=n)

    @property
    def weeks_without(self) -> int:
        """Whole weeks (Monday to Sunday, up to today) without a contact."""
        full = len(self.days) // 7
        return sum(1 for week in range(full) if not any(self.days[week * 7 : week * 7 + 7]))


@dataclass(frozen=True)
class NetworkNote:
    """The network note: the hubs report, and the pictures it shows (vault-relative paths)."""

    hubs: Hubs
    pictures: tuple[str, ...]


@dataclass(frozen=True)
class Pictures:
    network: NetworkLayout
    layers: Layers
    year: Year
    owner: str | None  # your name, from your own note


@dataclass(frozen=True)
class NetworkViews:
    """What the network note and the pictures show, from one network and one hubs report: each
    None unless `[report] reports` names it."""

    note: NetworkNote | None
    pictures: Pictures | None


def pictured(index: Index, activity: Activity, config: Config) -> Pictures:
    """Everything the three pictures show."""
    groups, links = _measured(index, activity, config, drawing=True)
    return pictures_of(index, activity, config, groups, links)


def pictures_of(
    index: Index, activity: Activity, config: Config, groups: Hubs, links: DrawnLinks
) -> Pictures:
    """The pictures of a network measured by `groups`, its hubs report, that draws `links`."""
    circles = layers(index, activity, config)
    return Pictures(
        network_layout(index, activity, config, circles, links, groups),
        circles,
        year(index, activity),
        index.owner.name if index.owner else None,
    )


def _measured(index: Index, activity: Activity, config: Config, drawing: bool) -> tuple[Hubs, DrawnLinks]:
    """The hubs report of the network, and the links its picture draws if `drawing`. The network
    is let go before the picture is laid out: at 33,000 notes it holds 9 MiB."""
    found = network(index, activity)
    return hubs(index, config, found), drawn_links(found) if drawing else []


def embedded_pictures(config: Config) -> tuple[str, ...]:
    """The pictures the report notes embed, by their vault-relative paths: those `report`
    writes (`[report] reports` names `pictures`), else none."""
    if "pictures" not in config.reports:
        return ()
    return tuple(f"{config.report_folder}/{name}" for name in PICTURES)


def network_views(index: Index, activity: Activity, config: Config) -> NetworkViews:
    """The network note and the pictures, as far as `[report] reports` asks for them."""
    drawing = "pictures" in config.reports
    groups, links = _measured(index, activity, config, drawing)
    return NetworkViews(
        NetworkNote(groups, embedded_pictures(config)) if "network" in config.reports else None,
        pictures_of(index, activity, config, groups, links) if drawing else None,
    )


def year(index: Index, activity: Activity) -> Year:
    """How many contacts you were in touch with on each day of the last WEEKS weeks."""
    today = activity.today
    first = today - timedelta(days=7 * (WEEKS - 1) + today.weekday())
    days: list[set[str]] = [set() for _ in range((today - first).days + 1)]
    for contact in index.contacts.values():
        if contact.status == "archived":
            continue
        for interaction in activity.of(contact.id).interactions:
            if interaction.date < first:
                break  # newest first: the rest is older still
            if interaction.date <= today:
                days[(interaction.date - first).days].add(contact.id)
    return Year(today, first, tuple(len(people) for people in days))
