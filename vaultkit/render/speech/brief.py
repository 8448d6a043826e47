"""What the brief (`show`) says of where a contact stands, of a birthday, a follow-up and an
interaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from vaultkit.activity import FollowUp, Interaction
from vaultkit.language import ENGLISH, _, date_text, day, month, month_day, speaking
from vaultkit.model import Birthday, Goal, Month, Occasion
from vaultkit.render.speech import cadence
from vaultkit.render.speech.goals import matches
from vaultkit.render.speech.points import said_topic, talking_point
from vaultkit.render.templates import columns
from vaultkit.reports.brief import Brief
from vaultkit.reports.common import FirstMeeting, without_day
from vaultkit.reports.network.serves import Match

# The labels of the brief's text lines, which line up after the widest of them.
_LABELS = (
    "Location:",
    "Address:",
    "Met:",
    "Connected:",
    "Introduced by:",
    "Knows:",
    "Reach:",
    "Tags:",
    "Circle:",
    "Cadence:",
    "Standing:",
    "Last contact:",
    "Birthday:",
    "Anniversary:",
    "Occasions:",
    "Give and take:",
    "Interests:",
    "Offers:",
    "Needs:",
    "Your goals:",
)


def label_width() -> int:
    """The columns the widest label takes, in the language spoken now."""
    return max(columns(_(label)) for label in _LABELS)


def standing(brief: Brief) -> str:
    """Where the contact stands: `in touch; due Sat 2026-12-12, overdue from Sun 2026-12-27`."""
    where = brief.standing
    if where.state == "archived":
        return _("archived: no reminders, not even birthdays")
    if where.state == "reserve":
        return _("on reserve: no reminders except birthdays")
    if where.state == "paused":
        return _("paused: no reminders except birthdays")
    if where.state == "no-cadence":
        return _("no cadence, so no reminders except birthdays")
    if where.state == "snoozed" and brief.contact.snooze_until:
        return _("snoozed until {day}").format(day=day(brief.contact.snooze_until))
    if where.state == "never" or where.due_on is None or where.overdue_on is None:
        return _("never in touch; reminders start after the first contact")
    due, overdue = day(where.due_on), day(where.overdue_on)
    if where.state == "overdue":
        return _("overdue since {overdue}").format(overdue=overdue)
    if where.state == "due":
        return _("due since {due}, overdue from {overdue}").format(due=due, overdue=overdue)
    return _("in touch; due {due}, overdue from {overdue}").format(due=due, overdue=overdue)


def rule(brief: Brief) -> str:
    """The contact's cadence and the rule it comes from: `close circle, every 1m`."""
    return cadence.described(brief.standing.cadence) if brief.standing.cadence else ""


def birthday(born: Birthday) -> str:
    """A birthday or an anniversary: `1971-12-02`, `02.12.1971`; without a year `--05-17`,
    `17. Mai`."""
    if speaking() == ENGLISH:
        return born.iso()
    if born.year is None:
        return month_day(born.month, born.day)
    return date_text(date(born.year, born.month, born.day))


def occasion(noted: Occasion) -> str:
    """A date worth remembering as the note lists it: `2027-01 baby due`, `Januar 2027: baby due`."""
    when = noted.when
    if isinstance(when, Month):
        written = when.iso() if speaking() == ENGLISH else month(date(when.year, when.month, 1))
    else:
        written = birthday(when)
    if not noted.what:
        return written
    return _("{date} {occasion}").format(date=written, occasion=noted.what)


def said(interaction: Interaction) -> str:
    """An interaction's text without the day its line already gives."""
    if interaction.text == "last_contact":
        return _("in touch (last_contact)")
    text = without_day(interaction.text, interaction.date)
    if interaction.first_meeting:
        return _("met") if text == "met" else said_topic(FirstMeeting(text))
    return text or _("in touch")


def to_do(brief: Brief, follow_up: FollowUp) -> str:
    """An open follow-up in words, saying so when its day has passed."""
    text = _("get in touch (next_contact)") if follow_up.text == "next_contact" else follow_up.text
    return _("missed: {follow_up}").format(follow_up=text) if brief.missed(follow_up) else text


def goal(served: tuple[Goal, tuple[Match, ...]]) -> str:
    """A goal of yours the contact serves, and why: `Segeln lernen (offers Segelkurs)`."""
    wanted, because = served
    return _("{goal} ({because})").format(goal=wanted.text, because=matches(because))


def talking_points(brief: Brief) -> list[str]:
    """`you could help: …`, `news to tell: …`."""
    return [talking_point(point) for point in brief.talking_points]


def json_prose(result: Brief, data: dict[str, Any]) -> None:
    """`cadence.rule`: the cadence rule in words."""
    data["cadence"]["rule"] = rule(result) or None
