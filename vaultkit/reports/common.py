"""What the reports share: where a contact stands today (its cadence, last contact, whether it is
due), what to talk about, and which Dunbar layer a cadence belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from vaultkit.activity import ContactActivity, FollowUp, Interaction
from vaultkit.cadence import Cadence, cadence_for, days_in
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Goal, News, Owner
from vaultkit.reports.network.serves import served

if TYPE_CHECKING:
    from vaultkit.reports.network.give import Idea

State = Literal["ok", "due", "overdue", "never", "no-cadence", "snoozed", "paused", "reserve", "archived"]


@dataclass(frozen=True, slots=True)
class Standing:
    state: State
    cadence: Cadence | None
    last: Interaction | None
    due_on: date | None = None
    overdue_on: date | None = None


def standing(contact: Contact, activity: ContactActivity, config: Config, today: date) -> Standing:
    last = activity.last()
    cadence = cadence_for(contact, config)
    if contact.status == "archived":
        return Standing("archived", cadence, last)
    if contact.status == "reserve" or contact.circle == "reserve":
        return Standing("reserve", cadence, last)
    if contact.paused:
        return Standing("paused", cadence, last)
    if contact.snooze_until and contact.snooze_until > today:
        return Standing("snoozed", cadence, last)
    if cadence is None:
        return Standing("no-cadence", None, last)
    if last is None:
        return Standing("never", cadence, None)
    due_on, overdue_on = cadence.due_on(last.date), cadence.overdue_on(last.date)
    state: State = "overdue" if today >= overdue_on else "due" if today >= due_on else "ok"
    return Standing(state, cadence, last, due_on, overdue_on)


# Someone already decided about contacts in these states: no report asks to get in touch.
DECIDED: tuple[State, ...] = ("archived", "paused", "snoozed")


def never_in_touch(where: Standing) -> bool:
    """Nobody has been in touch with the contact yet (no log, `last_contact`, `met` or dated
    note naming them), and nobody decided to leave them be: `stale` lists them for a first
    message, the agenda counts them. No cadence reminds of them: no day to count from."""
    return where.last is None and where.state not in DECIDED


def last_topic(activity: ContactActivity) -> Interaction | None:
    """The latest interaction that says what was talked about, not just when (a date field, a
    note named by its day)."""
    for interaction in activity.interactions:
        if topic_of(interaction):
            return interaction
    return None


_SEPARATORS = ",;:_–—-"  # and white space


def without_day(text: str, day: date) -> str:
    """`text` without `day` written at its start or end: on 2026-11-05, a note named
    `2026-11-05 Stammtisch Kiel` is `Stammtisch Kiel`, and a daily note `2026-11-05` says nothing.
    (String methods, not a pattern: `(.*?)[\\s,;:_–—-]*` before the day tries every split of a
    long run of spaces.)"""
    if not text or not (text[0].isdecimal() or text[-1].isdecimal()):
        return text  # each way of writing the day starts and ends with a digit
    for written in (day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%d.%m.%Y")):
        if text.startswith(written) and not text[len(written) : len(written) + 1].isdecimal():
            return _strip_separators(text[len(written) :], from_start=True)
        if text.endswith(written):
            before = text[: len(text) - len(written)]
            if not before[-1:].isdecimal():
                return _strip_separators(before, from_start=False)
    return text


def _strip_separators(text: str, from_start: bool) -> str:
    """`text` without the white space and separators at its start (or its end)."""
    ends = range(len(text)) if from_start else range(len(text) - 1, -1, -1)
    for position in ends:
        if not (text[position].isspace() or text[position] in _SEPARATORS):
            return text[position:] if from_start else text[: position + 1]
    return ""


def planned_contact_happened(follow_up: FollowUp, last: Interaction | None) -> bool:
    """Whether a `next_contact` follow-up was kept: a contact on or after its day."""
    return (
        follow_up.text == "next_contact"
        and follow_up.date is not None
        and last is not None
        and last.date >= follow_up.date
    )


class FirstMeeting(str):
    """The topic of the day you met: `met: how_met`, as the note's `how_met` says it. The render
    layer says `met` in the language spoken."""


def topic_of(interaction: Interaction) -> str:
    """What an interaction says beyond its day; empty for a bare date (`last_contact`, `met`, a
    daily note named by its date)."""
    if interaction.text in ("last_contact", "met"):
        return ""
    topic = without_day(interaction.text, interaction.date)
    return FirstMeeting(topic) if interaction.first_meeting else topic


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    """Something to talk about: the contact's `interests` or `needs` (`values`), the goals of
    yours they serve (`goals`: the goals' words), what you could do for them (`give`: the
    strongest `idea` of `vaultkit.reports.network.give`), what was talked about last time
    (`last_time`: `day` and `topic`), or your news they have not heard yet (`news`, newest
    first: `unheard_news`)."""

    kind: Literal["interests", "needs", "goals", "give", "last_time", "news"]
    values: tuple[str, ...] = ()
    day: date | None = None
    topic: str = ""
    idea: Idea | None = None
    news: tuple[News, ...] = ()


def points_to_talk_about(
    contact: Contact,
    activity: ContactActivity,
    already_said: Interaction | None = None,
    goals: tuple[Goal, ...] = (),
    news: tuple[News, ...] = (),
    idea: Idea | None = None,
) -> tuple[TalkingPoint, ...]:
    """Interests, needs, the owner's `goals` the contact serves, what you could give, the last
    topic unless the reason already quotes it, and your news they have not heard yet."""
    points = []
    if contact.interests:
        points.append(TalkingPoint("interests", tuple(contact.interests)))
    if contact.needs:
        points.append(TalkingPoint("needs", tuple(contact.needs)))
    if serving := tuple(goal.text for goal in goals if served(goal, contact)):
        points.append(TalkingPoint("goals", serving))
    if idea is not None:
        points.append(TalkingPoint("give", idea=idea))
    topic = last_topic(activity)
    if topic and topic != already_said:
        points.append(TalkingPoint("last_time", day=topic.date, topic=topic_of(topic)))
    if news:
        points.append(TalkingPoint("news", news=news))
    return tuple(points)


def points_as_json(points: tuple[TalkingPoint, ...]) -> dict[str, Any]:
    """The `give` and `news` talking points as facts: `give`, the idea (as `vaultkit.give/1`
    lists it) or None; `news`, `[{date, text}]` newest first."""
    idea = next((point.idea for point in points if point.kind == "give"), None)
    return {
        "give": idea.as_json() if idea else None,
        "news": [
            {"date": item.date.isoformat(), "text": item.text}
            for point in points
            if point.kind == "news"
            for item in point.news
        ],
    }


# With nobody in touch yet, your news of this many days back are new to them.
NEWS_FOR_NEWCOMERS = 365


def unheard_news(owner: Owner | None, last: date | None, today: date) -> tuple[News, ...]:
    """Your news this person has not heard from you yet, newest first: dated after your last
    contact with them (with none yet, within NEWS_FOR_NEWCOMERS days) and not after today."""
    if owner is None:
        return ()
    since = last or today - timedelta(days=NEWS_FOR_NEWCOMERS)
    return tuple(item for item in owner.news if since < item.date <= today)


ACTIVE_NETWORK = 150  # Dunbar's number: the people one can keep in touch with at all
RESERVE = "reserve"


def dunbar_layer(cadence: Duration) -> int:
    days = days_in(cadence)
    return 5 if days <= 14 else 15 if days <= 31 else 50 if days <= 183 else ACTIVE_NETWORK


def active(contact: Contact) -> bool:
    """Not archived and not on reserve (by status or by circle)."""
    return contact.status == "active" and contact.circle != RESERVE
