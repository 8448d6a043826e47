"""What `stale` says: how long a contact has been silent, under which rule, what to do about it."""

from __future__ import annotations

from typing import Any

from vaultkit.activity import Interaction
from vaultkit.language import _, date_text, n_, number
from vaultkit.model import Duration
from vaultkit.render.speech import cadence, drift, points
from vaultkit.render.speech.points import said_topic  # noqa: F401 (templates call it as say.said_topic)
from vaultkit.reports.stale import Drifted, Stale


def heading(circle: str | None) -> str:
    """`inner circle`, `No circle`."""
    return _("{circle} circle").format(circle=circle) if circle else _("No circle")


def which(stale: Stale) -> str:
    """Who the report lists: `past their maximum`, `silent for 6m or more`."""
    if stale.after is None:
        return _("past their maximum")
    return _("silent for {period} or more").format(period=silent_for(stale.after))


def which_sentence(stale: Stale) -> str:
    """`Past their maximum.`, `Silent for 6m or more.`: `which` as a sentence of its own."""
    if stale.after is None:
        return _("Past their maximum.")
    return _("Silent for {period} or more.").format(period=silent_for(stale.after))


def silent_for(period: Duration) -> str:
    """`6m`; `6 Monaten`, as `silent for … or more` says it."""
    said = {
        "d": n_("{count}d", "{count}d", period.amount),
        "w": n_("{count}w", "{count}w", period.amount),
        "m": n_("{count}m", "{count}m", period.amount),
        "y": n_("{count}y", "{count}y", period.amount),
    }[period.unit]
    return said.format(count=number(period.amount))


def silence(drifted: Drifted) -> str:
    """`27 days silent, last 2026-10-25`."""
    return n_(
        "{count} day silent, last {date}", "{count} days silent, last {date}", drifted.days_silent
    ).format(count=number(drifted.days_silent), date=date_text(drifted.last_contact))


def quieter(drifted: Drifted) -> str:
    """`usually every 3 weeks, now silent for 11 weeks, last 2026-09-05`: a contact silent far
    beyond its own rhythm."""
    if drifted.drift is None:
        return silence(drifted)
    return _("{figures}, last {date}").format(
        figures=drift.figures(drifted.drift), date=date_text(drifted.last_contact)
    )


def rule(drifted: Drifted) -> str:
    """The cadence as said under the contact's circle heading (in full for a contact quieter
    than usual, which is listed under no circle); empty for reserve contacts."""
    if drifted.cadence is None:
        return ""
    return cadence.under_heading(drifted.cadence, None if drifted.drift else drifted.circle)


def last_time(topic: Interaction, quoted: str) -> str:
    """`last time (2026-10-25): call: …`, with the topic `quoted` as the format shows it."""
    return points.last_time(topic.date, quoted)


def advice(drifted: Drifted, setting: str) -> str:
    """What to do about a contact silent for so long; `setting` is `status: reserve` as the
    format shows it."""
    if drifted.suggestion == "reserve":
        return _("far past the maximum: consider setting {setting}").format(setting=setting)
    return _("on reserve and silent for over a year: consider setting {setting}").format(setting=setting)


def json_prose(result: Stale, data: dict[str, Any]) -> None:
    """`rule`: the cadence rule in words."""
    for group, shown in zip(result.groups, data["groups"]):
        for drifted, contact in zip(group.contacts, shown["contacts"]):
            contact["rule"] = cadence.described(drifted.cadence) if drifted.cadence else None
    for drifted, contact in zip(result.drifting, data["drifting"]):
        contact["rule"] = cadence.described(drifted.cadence) if drifted.cadence else None
