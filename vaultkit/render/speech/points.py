"""What to talk about, in words, wherever a report lists it (the agenda, an event's guests,
stale): `interests: Jazz, Radfahren`, `looking for: a venue`, `last time (2026-03-10): …`,
`you could help: …` and `news to tell: …`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from vaultkit.language import _, date_text, n_, speaking
from vaultkit.model import News
from vaultkit.render.speech import give
from vaultkit.reports.common import FirstMeeting, TalkingPoint

# Your news a talking point names, newest first; it counts the others.
NEWS_SHOWN = 3


def talking_point(point: TalkingPoint) -> str:
    if point.kind == "last_time" and point.day is not None:
        return last_time(point.day, point.topic)
    if point.kind == "give" and point.idea is not None:
        return give.point(point.idea)
    if point.kind == "news":
        return news(point.news)
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


def news(told: tuple[News, ...]) -> str:
    """`news to tell: talk accepted at PyCon DE 2027 (2026-11-20); …; and 2 more`: the newest
    few of your news they have not heard yet."""
    return _said_news(speaking(), told)


# Most contacts have not heard the same few news: an agenda of thousands says each list once.
@lru_cache(maxsize=256)
def _said_news(spoken: str, told: tuple[News, ...]) -> str:
    items = [
        _("{news} ({date})").format(news=item.text, date=date_text(item.date)) for item in told[:NEWS_SHOWN]
    ]
    if len(told) > NEWS_SHOWN:
        left = len(told) - NEWS_SHOWN
        items.append(n_("and {count} more", "and {count} more", left).format(count=left))
    return _("news to tell: {news}").format(news="; ".join(items))
