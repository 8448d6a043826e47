"""What to talk about, in words, wherever a report lists it (the agenda, an event's guests,
stale): `interests: Jazz, Radfahren`, `looking for: a venue`, `last time (2026-03-10): …`."""

from __future__ import annotations

from datetime import date

from vaultkit.language import _, date_text
from vaultkit.reports.common import FirstMeeting, TalkingPoint


def talking_point(point: TalkingPoint) -> str:
    if point.kind == "last_time" and point.day is not None:
        return last_time(point.day, point.topic)
    values = ", ".join(point.values)
    if point.kind == "interests":
        return _("interests: {values}").format(values=values)
    if point.kind == "goals":
        return _("can help with your goal: {values}").format(values=values)
    return _("looking for: {values}").format(values=values)


def last_time(day: date, topic: str) -> str:
    """`last time (2026-10-25): call: …`; `topic` as the format shows it."""
    return _("last time ({date}): {topic}").format(date=date_text(day), topic=said_topic(topic))


def said_topic(topic: str) -> str:
    """A topic as the notes give it, but the day you met said in the language spoken:
    `met: Lesung im Hansa`, `kennengelernt: Lesung im Hansa`."""
    if isinstance(topic, FirstMeeting):
        return _("met: {how}").format(how=topic.removeprefix("met: "))
    return topic
