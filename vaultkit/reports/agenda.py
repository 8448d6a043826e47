"""The agenda: whom to get in touch with now, why, and what to talk about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, get_args

from vaultkit.activity import Activity, ContactActivity, FollowUp, Interaction
from vaultkit.cadence import (
    Cadence,
    add,
    age_turning,
    born_after,
    days_after,
    days_in,
    next_birthday,
    next_return,
)
from vaultkit.config import Config
from vaultkit.model import Birthday, Contact, Duration, Goal, Index, Month, News
from vaultkit.reports.common import (
    Standing,
    TalkingPoint,
    never_in_touch,
    planned_contact_happened,
    points_as_json,
    points_to_talk_about,
    standing,
    topic_of,
    unheard_news,
    without_day,
)
from vaultkit.reports.drift import Drift, drift
from vaultkit.reports.network.give import Idea, ideas, strongest
from vaultkit.reports.network.introductions import introductions, to_ask_about
from vaultkit.reports.network.meetup import Proposal, Wanting, meetups, wanting_now

SCHEMA = "vaultkit.agenda/1"
Kind = Literal[
    "overdue",
    "missed_follow_up",
    "due",
    "drifting",
    "introduced",
    "follow_up",
    "birthday",
    "anniversary",
    "met",
    "occasion",
    "meeting",
]
KINDS: tuple[Kind, ...] = get_args(Kind)  # in the order the agenda lists them
# The dates worth remembering: each on its day every year, or a note's occasion in its month.
OCCASIONS: tuple[Kind, ...] = ("anniversary", "met", "occasion")


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing to do, as facts: what it is, the day it concerns and what put it on the agenda.
    The words that say it come from `vaultkit.render.speech.agenda`, in the language spoken
    when it is shown: the agenda keeps its items from one run to the next (see `per_contact`)."""

    kind: Kind
    contact: str
    name: str
    today: date  # the day the agenda is for (before `date`, which names the type otherwise)
    date: date
    talking_points: tuple[TalkingPoint, ...]
    source: str  # the note the item comes from
    line: int
    # What identifies a follow-up from one run to the next, whatever its date.
    key: str = ""
    # The contact's last contact; for `overdue` and `due`, the one the cadence counts from.
    last: Interaction | None = None
    # Overdue and due: the cadence, with the rule it comes from.
    cadence: Cadence | None = None
    # A follow-up from a task: its text; None for `next_contact`.
    task: str | None = None
    # A birthday: the age the contact turns, if the year of birth is known.
    turns: int | None = None
    # A meeting: its note's title without the day; None when the day is all the title says.
    title: str | None = None
    # Drifting: the contact's rhythm and how far beyond it the silence is (vaultkit.reports.drift).
    drift: Drift | None = None
    # An anniversary, the day you met, an occasion: the years since, if its year is known and
    # this is not its first day.
    years: int | None = None
    # An occasion: its words in the note; the day you met: how (`how_met`).
    what: str | None = None
    # An occasion known to its month only: the item stands for that month (from `date` on).
    month: bool = False
    # Introduced: the name of the one the contact was introduced to (on `date`).
    other: str | None = None
    # What was said of the item, by language and by what says it: the words are said when shown
    # (vaultkit.render.speech.agenda), and a watcher shows the items it keeps again and again.
    # None: not kept, as by a run of one command, which shows each item once.
    words: dict[tuple[str, str], Any] | None = field(default=None, compare=False, repr=False)

    @property
    def days(self) -> int:
        """How many days `date` is from today: negative for a day that has passed."""
        return (self.date - self.today).days

    def as_json(self) -> dict[str, Any]:
        """The item's facts; `reason` and `talking_points` are prose, which the renderer says
        (`vaultkit.render.speech.agenda.json_prose`)."""
        last, cadence = self.last, self.cadence
        said = [point for point in self.talking_points if point.kind == "last_time"]
        return {
            "kind": self.kind,
            "contact": self.contact,
            "name": self.name,
            "date": self.date.isoformat(),
            "reason": None,
            "talking_points": None,
            "source": self.source,
            "line": self.line,
            "days": self.days,
            "last_contact": last.date.isoformat() if last else None,
            "last_contact_topic": (topic_of(last) or None) if last else None,
            "rule": None
            if cadence is None
            else {
                "cadence": str(cadence.ideal),
                "at_most": str(cadence.maximum) if cadence.maximum else None,
                "from": cadence.source,
                "circle": cadence.name if cadence.source == "circle" else None,
                "tag": cadence.name if cadence.source == "tag" else None,
            },
            "task": self.task,
            "turns": self.turns,
            "title": self.title,
            "rhythm": self.drift.as_json() if self.drift else None,
            "years": self.years,
            "what": self.what,
            "month": self.date.strftime("%Y-%m") if self.month else None,
            "other": self.other,
            "interests": [
                value for point in self.talking_points if point.kind == "interests" for value in point.values
            ],
            "needs": [
                value for point in self.talking_points if point.kind == "needs" for value in point.values
            ],
            "goals": [
                value for point in self.talking_points if point.kind == "goals" for value in point.values
            ],
            "last_topic": {"date": said[0].day.isoformat(), "topic": said[0].topic}
            if said and said[0].day
            else None,
            **points_as_json(self.talking_points),
        }


@dataclass(frozen=True)
class Agenda:
    today: date
    days: int
    items: tuple[AgendaItem, ...]
    # Every birthday, not just those within `days`: a calendar repeats them each year.
    birthdays: tuple[tuple[Contact, Birthday], ...] = ()
    # When a calendar reminds of each event, from the start of its day ([ics] alarm); None: never.
    alarm: timedelta | None = None
    # How many contacts the agenda looked at: none at all is not "everyone is in touch".
    contacts: int = 0
    # How many contacts nobody has been in touch with yet (see `never_in_touch`): no cadence
    # reminds of them, `stale` lists them; the agenda only counts them, so that an import of
    # hundreds of connections does not bury what is due.
    never_in_touch: int = 0
    # Every anniversary, day you met and occasion with a day, for the calendar as the birthdays.
    yearly: tuple[tuple[Contact, YearlyOccasion], ...] = ()
    # The best meet-up of the people the agenda asks you to get in touch with (see `meetup`).
    meetup: Proposal | None = None

    def as_json(self) -> dict[str, Any]:
        """The agenda's facts; its items an iterator, each made as it is written
        (`vaultkit.words.printed_json`): a large vault's are 19 MiB as dictionaries at once."""
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "days": self.days,
            "items": map(AgendaItem.as_json, self.items),
            "never_in_touch": self.never_in_touch,
            "meetup": None
            if self.meetup is None
            else {
                "contacts": [member.contact.id for member in self.meetup.members],
                "shared": [ground.as_json() for ground in self.meetup.shared],
                "score": self.meetup.score,
                "reason": None,
            },
        }

    def of_kind(self, kind: Kind | tuple[Kind, ...]) -> list[AgendaItem]:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        return [item for item in self.items if item.kind in kinds]


def agenda(
    index: Index, activity: Activity, config: Config, days: int = 14, giving: dict[str, Idea] | None = None
) -> Agenda:
    """`giving`: `strongest(ideas(index, activity))`, when the caller has worked it out already."""
    if giving is None:  # a watcher's rebuild and the queries after it share one agenda
        return activity.of_vault(f"agenda {days}", index, config, _agenda, index, activity, config, days)
    return _agenda(index, activity, config, days, giving)


def _agenda(
    index: Index, activity: Activity, config: Config, days: int, giving: dict[str, Idea] | None = None
) -> Agenda:
    today = activity.today
    horizon = days_after(today, days)
    goals = index.owner.goals if index.owner else ()
    cadence_items: list[tuple[float, AgendaItem]] = []
    dated: list[AgendaItem] = []
    never = 0
    wanting: list[Wanting] = []
    # What you could give depends on the other contacts too: worked out once, for everyone.
    if giving is None:
        giving = strongest(ideas(index, activity))
    for contact in index.contacts.values():
        if contact.status == "archived":
            continue
        mine = activity.of(contact.id)
        where_now = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
        drifting = activity.per_contact("drift", contact, config, drift, where_now, mine, today)
        if (wants := wanting_now(contact, where_now, drifting)) is not None:
            wanting.append(wants)
        last = where_now.last
        news = unheard_news(index.owner, last.date if last else None, today)
        idea = giving.get(contact.id)
        where, on_days, never_yet = activity.per_contact(
            f"agenda {days}",
            contact,
            config,
            _contact_items,
            contact,
            activity,
            where_now,
            drifting,
            horizon,
            goals,
            news,
            idea,
            also=(news, idea),
        )
        never += never_yet
        if where:
            cadence_items.append(where)
        dated.extend(on_days)
    cadence_items.sort(key=lambda pair: (KINDS.index(pair[1].kind), -pair[0], pair[1].name))
    dated.sort(key=lambda item: (item.date, KINDS.index(item.kind), item.name, item.source))
    birthdays = tuple(
        (c, c.birthday)
        for c in sorted(index.contacts.values(), key=lambda c: c.id)
        if c.birthday and c.status != "archived" and not born_after(c.birthday, today)
    )
    yearly = tuple(
        (c, occasion)
        for c in sorted(index.contacts.values(), key=lambda c: c.id)
        if c.status != "archived"
        for occasion in yearly_occasions(c)
        if not born_after(occasion.day, today)
    )
    asked = _introductions_to_ask_about(index, activity, giving)
    items = _in_report_order([*(item for _, item in cadence_items), *asked], dated)
    best = meetups(index, activity, config, limit=1, who=wanting).proposals
    return Agenda(
        today,
        days,
        items,
        birthdays,
        config.ics_alarm,
        len(index.contacts),
        never,
        yearly,
        best[0] if best else None,
    )


def _contact_items(
    contact: Contact,
    activity: Activity,
    where_now: Standing,
    drifting: Drift | None,
    horizon: date,
    goals: tuple[Goal, ...],
    news: tuple[News, ...],
    idea: Idea | None,
) -> tuple[tuple[float, AgendaItem] | None, list[AgendaItem], bool]:
    """What the agenda says of one contact: its standing (with its urgency), if due or overdue,
    else how much quieter than usual it is; its dated items up to `horizon`; and whether nobody
    has been in touch with it yet. Each item's talking points hold the `news` they have not
    heard yet and the `idea` of what you could give them."""
    today = activity.today
    mine = activity.of(contact.id)
    points = points_to_talk_about(contact, mine, where_now.last, goals, news=news, idea=idea)
    about = _About(contact, today, points, mine.last(), keeps_words=activity.derived is not None)
    dated = [
        *_follow_ups(about, mine, horizon),
        *_birthday(about, horizon),
        *_occasions(about, horizon),
        *_meetings(about, mine, horizon),
    ]
    return (
        _standing_item(about, where_now) or _drifting_item(about, drifting),
        dated,
        never_in_touch(where_now),
    )


@dataclass(frozen=True, slots=True)
class _About:
    """What every item of one contact shares."""

    contact: Contact
    today: date
    points: tuple[TalkingPoint, ...]
    last: Interaction | None
    keeps_words: bool  # whether the items keep what is said of them (see `AgendaItem.words`)

    def item(self, kind: Kind, day: date, source: str, line: int, **facts: Any) -> AgendaItem:
        return AgendaItem(
            kind,
            self.contact.id,
            self.contact.name,
            self.today,
            day,
            self.points,
            source,
            line,
            last=self.last,
            words={} if self.keeps_words else None,
            **facts,
        )


# The sections before "coming up", most behind first; sorting by them keeps each one's own order.
_SECTIONS_FIRST = {"overdue": 0, "missed_follow_up": 1, "due": 2, "drifting": 3, "introduced": 4}


def _in_report_order(by_lateness: list[AgendaItem], by_date: list[AgendaItem]) -> tuple[AgendaItem, ...]:
    """Overdue contacts, missed follow-ups (oldest first), due contacts, contacts quieter than
    usual, introductions to ask after, then what lies ahead."""
    return tuple(sorted([*by_lateness, *by_date], key=lambda item: _SECTIONS_FIRST.get(item.kind, 5)))


def _introductions_to_ask_about(
    index: Index, activity: Activity, giving: dict[str, Idea]
) -> list[AgendaItem]:
    """The introductions you made a few weeks ago and have not heard of since (see
    `vaultkit.reports.network.introductions`): ask whether the two met, under the one whose note says it."""
    today = activity.today
    asked = []
    for made in introductions(index, today):
        contact, other = index.contacts.get(made.by), index.contacts.get(made.to)
        if contact is None or other is None or contact.status == "archived" or not to_ask_about(made, today):
            continue
        mine, last = activity.of(contact.id), activity.of(contact.id).last()
        news = unheard_news(index.owner, last.date if last else None, today)
        points = points_to_talk_about(contact, mine, news=news, idea=giving.get(contact.id))
        about = _About(contact, today, points, last, keeps_words=activity.derived is not None)
        asked.append(
            about.item(
                "introduced", made.day, made.source, made.line, key=f"intro/{other.id}", other=other.name
            )
        )
    return sorted(asked, key=lambda item: (item.date, item.name))


def _standing_item(about: _About, where: Standing) -> tuple[float, AgendaItem] | None:
    if where.state not in ("due", "overdue") or not where.last or not where.cadence:
        return None
    since = (where.overdue_on if where.state == "overdue" else where.due_on) or about.today
    urgency = (about.today - since).days / days_in(where.cadence.ideal)
    return urgency, about.item(where.state, since, where.last.source, where.last.line, cadence=where.cadence)


def _drifting_item(about: _About, drifting: Drift | None) -> tuple[float, AgendaItem] | None:
    """A contact silent far beyond its own rhythm, its cadence not due yet; the further beyond
    it, the more urgent."""
    if drifting is None or about.last is None:
        return None
    urgency = drifting.silent_days / drifting.usual_gap_days
    return urgency, about.item("drifting", drifting.since, about.last.source, about.last.line, drift=drifting)


def _follow_ups(about: _About, activity: ContactActivity, horizon: date) -> list[AgendaItem]:
    return [
        _follow_up_item(about, follow_up, follow_up.date)
        for follow_up in activity.follow_ups
        if follow_up.date is not None
        and follow_up.date <= horizon
        and not planned_contact_happened(follow_up, about.last)
    ]


def _follow_up_item(about: _About, follow_up: FollowUp, day: date) -> AgendaItem:
    """A follow-up still to do, or missed: its day has passed and it is still open. A missed
    promise does not expire, so it stays on the agenda however long ago it was."""
    return about.item(
        "missed_follow_up" if day < about.today else "follow_up",
        day,
        follow_up.source,
        follow_up.line,
        key=f"{follow_up.source}/{follow_up.text}",
        task=None if follow_up.text == "next_contact" else follow_up.text,
    )


def _birthday(about: _About, horizon: date) -> list[AgendaItem]:
    contact = about.contact
    if contact.birthday is None:
        return []
    day = next_birthday(contact.birthday, about.today)
    if day is None or day > horizon:
        return []
    line = contact.lines.get("birthday", 1)
    return [about.item("birthday", day, contact.path, line, turns=age_turning(contact.birthday, day))]


@dataclass(frozen=True)
class YearlyOccasion:
    """A date of a contact's that returns every year: the anniversary, the day you met, or an
    occasion of the note's with a day."""

    kind: Kind
    day: Birthday
    what: str | None
    line: int

    @property
    def key(self) -> str:
        """What names it from one run to the next: an anniversary and the day you met whatever
        their day, as the contact has one of each; an occasion by its words and its day."""
        return f"{self.kind}/{self.what}/{self.day.iso()}" if self.kind == "occasion" else self.kind


def yearly_occasions(contact: Contact) -> list[YearlyOccasion]:
    found = []
    if contact.anniversary:
        found.append(
            YearlyOccasion("anniversary", contact.anniversary, None, contact.lines.get("anniversary", 1))
        )
    if contact.met:
        met = contact.met
        found.append(
            YearlyOccasion(
                "met", Birthday(met.month, met.day, met.year), contact.how_met, contact.lines.get("met", 1)
            )
        )
    found.extend(
        YearlyOccasion("occasion", occasion.when, occasion.what, occasion.line)
        for occasion in contact.occasions
        if isinstance(occasion.when, Birthday)
    )
    return found


def _occasions(about: _About, horizon: date) -> list[AgendaItem]:
    """Anniversaries, the day you met and the note's occasions up to `horizon`: each on its day,
    with the years since (the day you met from its first return on), or in its month."""
    contact, today = about.contact, about.today
    items = []
    for occasion in yearly_occasions(contact):
        # An anniversary or the day you met is remembered from the day it was; an occasion
        # still to come is shown on its day too.
        day = (next_return if occasion.kind == "occasion" else next_birthday)(occasion.day, today)
        years = age_turning(occasion.day, day) if day else None
        if day is None or day > horizon or (occasion.kind == "met" and not years):
            continue
        items.append(
            about.item(
                occasion.kind, day, contact.path, occasion.line, years=years or None, what=occasion.what
            )
        )
    for noted in contact.occasions:
        if isinstance(noted.when, Month):
            first = date(noted.when.year, noted.when.month, 1)
            if first <= horizon and add(first, Duration(1, "m")) > today:
                start = max(first, today)
                items.append(
                    about.item("occasion", start, contact.path, noted.line, what=noted.what, month=True)
                )
    return items


def _meetings(about: _About, activity: ContactActivity, horizon: date) -> list[AgendaItem]:
    # The title is the note's name, which says where the meeting is written down; a daily note
    # named by its date has nothing to add to the day.
    return [
        about.item(
            "meeting", meeting.date, meeting.source, 1, title=without_day(meeting.title, meeting.date) or None
        )
        for meeting in activity.meetings
        if about.today < meeting.date <= horizon
    ]
