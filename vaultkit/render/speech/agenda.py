"""What the agenda says of each item, in the language spoken now: templates call these as
`say` (`{{ say.reason(item) }}`), the calendar and the JSON and CSV renderers too.

An item holds facts (`vaultkit.reports.agenda.AgendaItem`); a reason says them three ways:
`reason` for the day the agenda is made (`in 4 days (Wed 2026-11-25)`), `undated_reason` for a
line that shows the day in a column of its own (`in 4 days`), and `dated_reason` for a
calendar, which shows it on other days than today (`on 2026-11-25`, never `in 4 days`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache, wraps
from typing import Any, TypeVar

from vaultkit import language
from vaultkit.cadence import Cadence
from vaultkit.language import N_, _, n_, number
from vaultkit.render.speech import drift
from vaultkit.render.speech import meetup as meetups
from vaultkit.render.speech.cadence import described
from vaultkit.render.speech.points import said_topic, talking_point
from vaultkit.reports.agenda import OCCASIONS, Agenda, AgendaItem, YearlyOccasion
from vaultkit.reports.common import topic_of
from vaultkit.reports.network.meetup import Proposal

# --- Days, kept as said -----------------------------------------------------------------------
# The agenda says the same few hundred days and distances for thousands of items, on every
# rebuild of a watch; Babel takes tens of microseconds for each. By language, as said in it.


@lru_cache(maxsize=4096)
def _said_day(spoken: str, when: date) -> str:
    return language.day(when)


@lru_cache(maxsize=4096)
def _said_date(spoken: str, when: date) -> str:
    return language.date_text(when)


@lru_cache(maxsize=4096)
def _said_distance(spoken: str, days: int) -> str:
    return language.relative_days(days)


def day(when: date) -> str:
    """`Wed 2026-11-25`, `Mi., 25.11.2026`."""
    return _said_day(language.speaking(), when)


def date_text(when: date) -> str:
    """`2026-11-25`, `25.11.2026`."""
    return _said_date(language.speaking(), when)


def relative_days(days: int) -> str:
    """`in 4 days`, `in 4 Tagen`."""
    return _said_distance(language.speaking(), days)


T = TypeVar("T")


def _kept(say: Callable[[AgendaItem], T]) -> Callable[[AgendaItem], T]:
    """`say`, its words for an item kept with the item, by language: a watcher renders the items
    it keeps again after every change, most of them as they were."""

    keys: dict[str, tuple[str, str]] = {}  # one key for all items: a watcher keeps 27,000 at 33,000 notes

    @wraps(say)
    def kept(item: AgendaItem) -> T:
        if item.words is None:
            return say(item)
        spoken = language.speaking()
        key = keys.get(spoken) or keys.setdefault(spoken, (spoken, say.__name__))
        if key not in item.words:
            item.words[key] = say(item)
        said: T = item.words[key]
        return said

    return kept


# --- Reasons ---------------------------------------------------------------------------------


@_kept
def reason(item: AgendaItem) -> str:
    """Why the item is on the agenda, with its day: `birthday: in 4 days (Wed 2026-11-25)`."""
    return _reason(item, with_day=True)


@_kept
def undated_reason(item: AgendaItem) -> str:
    """The reason without the day it concerns: `birthday: in 4 days`. A contact that is due or
    overdue is so today, and so is one quieter than usual: its reason is `reason`."""
    return _reason(item, with_day=False)


def _reason(item: AgendaItem, with_day: bool) -> str:
    if item.kind in ("overdue", "due"):
        return _standing(item)
    if item.kind == "drifting":
        return _drifting(item)
    if item.kind == "introduced":
        return _("introduced to {other} {when} ({day})").format(
            other=item.other, when=relative_days(item.days), day=day(item.date)
        )
    if item.kind in OCCASIONS:
        return _occasion(item, with_day=with_day)
    return _dated_item(item, with_day=with_day)


@_kept
def dated_reason(item: AgendaItem) -> str:
    """The reason in words that stay true on any day: `task due 2026-11-28: …`."""
    when = date_text(item.date)
    if item.kind in ("overdue", "due"):
        said = (
            N_("overdue since {since}: {last_contact}; {rule}")
            if item.kind == "overdue"
            else N_("due since {since}: {last_contact}; {rule}")
        )
        return _(said).format(since=when, last_contact=_last_contact_on(item), rule=rule(item.cadence))
    if item.kind == "drifting" and item.drift:
        return _("quieter than usual since {since}: {last_contact}; {usually}").format(
            since=when, last_contact=_last_contact_on(item), usually=drift.usually(item.drift)
        )
    if item.kind == "introduced":
        return _("introduced to {other} on {date}: did they meet?").format(other=item.other, date=when)
    if item.kind in ("follow_up", "missed_follow_up"):
        if item.task is None:
            return _("follow-up planned for {date} (next_contact)").format(date=when)
        return _("task due {date}: {task} ({source})").format(date=when, task=item.task, source=item.source)
    if item.kind in OCCASIONS:
        if item.month:
            return _("{occasion}: in {month}").format(occasion=occasion(item), month=month(item.date))
        return _("{occasion}: on {date}").format(occasion=occasion(item), date=when)
    if item.kind == "birthday":
        if item.turns is None:
            return _("birthday: on {date}").format(date=when)
        return _("birthday: turns {age} on {date}").format(age=item.turns, date=when)
    if item.title:
        return _("planned: {title} on {date} ({source})").format(
            title=item.title, date=when, source=item.source
        )
    return _("planned on {date} ({source})").format(date=when, source=item.source)


# The reasons of dated items, (with the day, without it), by kind and whether a detail applies:
# a follow-up's task, a birthday's age, a meeting's title.
_DATED = {
    ("follow_up", False): (
        N_("follow-up due {when} ({day}, next_contact)"),
        N_("follow-up due {when} (next_contact)"),
    ),
    ("missed_follow_up", False): (
        N_("follow-up was due {when} ({day}, next_contact)"),
        N_("follow-up was due {when} (next_contact)"),
    ),
    ("follow_up", True): (
        N_("task due {when} ({day}): {task} ({source})"),
        N_("task due {when}: {task} ({source})"),
    ),
    ("missed_follow_up", True): (
        N_("task was due {when} ({day}): {task} ({source})"),
        N_("task was due {when}: {task} ({source})"),
    ),
    ("birthday", False): (N_("birthday: {when} ({day})"), N_("birthday: {when}")),
    ("birthday", True): (N_("birthday: turns {age} {when} ({day})"), N_("birthday: turns {age} {when}")),
    ("meeting", False): (N_("planned {when} ({day})"), N_("planned {when}")),
    ("meeting", True): (N_("planned: {title} {when} ({day})"), N_("planned: {title} {when}")),
}


def _dated_item(item: AgendaItem, with_day: bool) -> str:
    detail = {"birthday": item.turns is not None, "meeting": bool(item.title)}.get(
        item.kind, item.task is not None
    )
    said = _DATED[(item.kind, detail)][0 if with_day else 1]
    return _(said).format(
        when=relative_days(item.days),
        day=day(item.date),
        task=item.task,
        source=item.source,
        age=item.turns,
        title=item.title,
    )


def occasion(item: AgendaItem | YearlyOccasion, years: int | None = None) -> str:
    """What a date worth remembering is: `anniversary (10 years)`, `17 years since you met
    (Kammerchor Kiel)`, an occasion in the note's words, `baby due`, `wedding (7 years)`."""
    years = item.years if isinstance(item, AgendaItem) else years
    counted = (
        None if years is None else n_("{count} year", "{count} years", years).format(count=number(years))
    )
    if item.kind == "met":
        how = f" ({shorten(item.what, 40)})" if item.what else ""
        if counted is None:
            return _("the day you met{how}").format(how=how)
        return _("{years} since you met{how}").format(years=counted, how=how)
    what = item.what if item.kind == "occasion" and item.what else None
    if what is None:
        what = _("anniversary") if item.kind == "anniversary" else _("occasion")
    return _("{occasion} ({years})").format(occasion=what, years=counted) if counted else what


def _occasion(item: AgendaItem, with_day: bool) -> str:
    """`anniversary (10 years): in 7 days (Sat 2026-11-28)`; an occasion of a month, without a
    day: `baby due: in January`, `move: this month`."""
    if item.month:
        if (item.date.year, item.date.month) == (item.today.year, item.today.month):
            return _("{occasion}: this month").format(occasion=occasion(item))
        named = month(item.date, with_year=item.date.year != item.today.year)
        return _("{occasion}: in {month}").format(occasion=occasion(item), month=named)
    said = N_("{occasion}: {when} ({day})") if with_day else N_("{occasion}: {when}")
    return _(said).format(occasion=occasion(item), when=relative_days(item.days), day=day(item.date))


def when(item: AgendaItem) -> str:
    """The day an item concerns, for a column of its own: `Wed 2026-11-25`; a month's
    occasion, whose day nobody wrote, its month, as wide as a day: `December 2026 `."""
    if not item.month:
        return day(item.date)
    return month(item.date).ljust(len(day(item.date)))


def month(when: date, with_year: bool = True) -> str:
    """`December 2026`, `Dezember 2026`; without its year `December`."""
    return _said_month(language.speaking(), when.replace(day=1), with_year)


@lru_cache(maxsize=256)
def _said_month(spoken: str, when: date, with_year: bool) -> str:
    return language.month(when, with_year)


def _standing(item: AgendaItem) -> str:
    """`overdue: last contact 193 days ago (2026-05-12, coffee: …); network circle, every 3m`."""
    said = (
        N_("overdue: {last_contact}; {rule}") if item.kind == "overdue" else N_("due: {last_contact}; {rule}")
    )
    return _(said).format(last_contact=_last_contact(item), rule=rule(item.cadence))


def _drifting(item: AgendaItem) -> str:
    """`usually every 3 weeks, now silent for 11 weeks; last contact 2026-09-05 (…)`."""
    if item.drift is None:
        return ""
    return f"{drift.figures(item.drift)}; {_last_contact_on(item)}"


def _last_contact(item: AgendaItem) -> str:
    """`last contact 193 days ago (2026-05-12, coffee: …)`: when, and what happened unless the
    day is all there is."""
    last = item.last
    if last is None:
        return ""
    topic = said_topic(topic_of(last))
    detail = f"{date_text(last.date)}, {shorten(topic)}" if topic else date_text(last.date)
    days = (item.today - last.date).days
    if days == 0:
        return _("last contact today ({detail})").format(detail=detail)
    if days == 1:
        return _("last contact yesterday ({detail})").format(detail=detail)
    return n_(
        "last contact {count} day ago ({detail})", "last contact {count} days ago ({detail})", days
    ).format(count=number(days), detail=detail)


def _last_contact_on(item: AgendaItem) -> str:
    """`last contact 2026-05-12 (coffee: …)`."""
    last = item.last
    if last is None:
        return ""
    topic = said_topic(topic_of(last))
    if topic:
        return _("last contact {day} ({topic})").format(day=date_text(last.date), topic=shorten(topic))
    return _("last contact {day}").format(day=date_text(last.date))


def shorten(text: str, limit: int = 60) -> str:
    """`text`, or as much of it as fits in `limit` characters with `…`, cut between words
    unless that would leave less than half of it."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if not text[limit - 1].isspace() and (space := kept.rfind(" ")) >= limit // 2:
        kept = kept[:space]
    return kept.rstrip(" ,;:-–—") + "…"


# --- The cadence -----------------------------------------------------------------------------


def rule(cadence: Cadence | None) -> str:
    """The cadence and where it comes from: `network circle, every 3m, at most 6m`."""
    return "" if cadence is None else described(cadence)


# --- Talking points --------------------------------------------------------------------------


def talking_points(item: AgendaItem) -> list[str]:
    return list(_talking_points(item))


@_kept
def _talking_points(item: AgendaItem) -> tuple[str, ...]:
    return tuple(talking_point(point) for point in item.talking_points)


# --- The calendar ----------------------------------------------------------------------------


def birthday_summary(name: str) -> str:
    return _("Birthday: {name}").format(name=name)


def born(year: int) -> str:
    # A year, not a number: never `1.965`.
    return _("born {year}").format(year=year)


def occasion_summary(kind: str, name: str) -> str:
    """The title of a yearly calendar event: `Anniversary: Tom Whitfield`."""
    if kind == "anniversary":
        return _("Anniversary: {name}").format(name=name)
    return _("Day you met: {name}").format(name=name)


def occasion_of(what: str, name: str) -> str:
    """`wedding: Anna Schmidt`: an occasion's event title, in the note's words."""
    return _("{occasion}: {name}").format(occasion=what, name=name)


def since(year: int) -> str:
    # A year, not a number: never `2.016`.
    return _("since {year}").format(year=year)


def get_in_touch(name: str) -> str:
    return _("Get in touch: {name}").format(name=name)


def follow_up(name: str) -> str:
    return _("Follow up: {name}").format(name=name)


def meeting_note(source: str) -> str:
    return _("Meeting note: {source}").format(source=source)


# --- The meet-up ----------------------------------------------------------------------------


def meetup(proposal: Proposal) -> str:
    """`Carla Jensen, … and Stefan Krüger are all in Kiel: see them together instead of one by
    one (vaultkit meetup)`."""
    return meetups.agenda_line(proposal)


# --- JSON and CSV ----------------------------------------------------------------------------


def json_prose(result: Agenda, data: dict[str, Any]) -> None:
    """Each item's `reason` and `talking_points`, and the meet-up's `reason`, in the language
    spoken now."""
    data["items"] = map(_item_json, result.items, data["items"])
    if result.meetup is not None:
        data["meetup"]["reason"] = meetup(result.meetup)


def _item_json(item: AgendaItem, shown: dict[str, Any]) -> dict[str, Any]:
    shown["reason"] = reason(item)
    shown["talking_points"] = talking_points(item)
    return shown


def csv_rows(result: Agenda) -> tuple[list[str], list[list[Any]]]:
    header = ["kind", "date", "contact", "name", "reason", "talking_points", "source", "line"]
    rows = [
        [
            item.kind,
            item.date.isoformat(),
            item.contact,
            item.name,
            reason(item),
            "; ".join(talking_points(item)),
            item.source,
            item.line,
        ]
        for item in result.items
    ]
    return header, rows
