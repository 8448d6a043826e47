"""`reconnect`: a brief for writing to someone after a long silence. The gap said plainly, your
news they have not heard, what you know of their side, the promises still open between you,
what you could give them, and openers built from what the notes say of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from vaultkit.activity import Activity, Interaction
from vaultkit.cadence import add, age_turning, next_birthday, next_return
from vaultkit.config import Config
from vaultkit.model import Birthday, Contact, Duration, Index, LogEntry, Month, News, Occasion, Owner
from vaultkit.parse.note import KEPT_TAGS, NEWS_TAGS, PROMISED_TAGS, has_any_tag
from vaultkit.reports.common import Standing, last_topic, standing, topic_of, unheard_news
from vaultkit.reports.network.give import Idea, ideas

SCHEMA = "vaultkit.reconnect/1"
# A silence this short is no gap to bridge: the brief says so, and no opener apologises for it.
SHORT_GAP = 42
# Their birthday, anniversary or an occasion this many days ahead is a reason to write now.
SOON = 30


@dataclass(frozen=True)
class Gap:
    """The silence up to `today`: the last interaction, the latest one that says what it was
    about (`topic`, the same or older), and the days since the last one."""

    last: Interaction | None
    topic: Interaction | None
    days: int | None
    # What the topic was about, without the kind and tags of its log entry (`Christmas card
    # exchange`), and that kind (`mail`), when it is a log entry of theirs.
    topic_text: str = ""
    topic_kind: str | None = None

    @property
    def never(self) -> bool:
        return self.last is None

    @property
    def short(self) -> bool:
        return self.days is not None and self.days <= SHORT_GAP


@dataclass(frozen=True)
class Promise:
    """Something you promised them and have not done yet (or, with `kept_on`, have done): a log
    entry of theirs tagged `#promised` (`kind` "promised"), or an open task linking them
    (`kind` "task", `day` its due date or None)."""

    kind: Literal["promised", "task"]
    day: date | None
    text: str
    source: str
    line: int
    kept_on: date | None = None
    kept_line: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": _iso(self.day),
            "text": self.text,
            "source": self.source,
            "line": self.line,
            "kept_on": _iso(self.kept_on),
            "kept_line": self.kept_line,
        }


def promises(contact: Contact, today: date, kept_by: tuple[str, ...]) -> tuple[list[Promise], list[Promise]]:
    """The open and the kept promises of the contact's log, oldest first. An entry tagged one of
    PROMISED_TAGS is a promise. Each entry tagged one of `kept_by` (the gave tags) or KEPT_TAGS
    keeps one promise: the oldest still open from an earlier day (one gift keeps one promise,
    not all of them; one of the same day was not promised before it). An entry tagged both is
    a promise kept at once. Entries after `today` do not count yet."""
    kept_tags = (*kept_by, *KEPT_TAGS)
    open_ones: list[Promise] = []
    kept: list[Promise] = []
    for entry in sorted((e for e in contact.log if e.date <= today), key=lambda e: (e.date, e.line)):
        keeps = has_any_tag(entry.text, kept_tags)
        if has_any_tag(entry.text, PROMISED_TAGS):
            promise = Promise(
                "promised",
                entry.date,
                _without(entry.text, (*PROMISED_TAGS, *kept_tags)),
                contact.path,
                entry.line,
            )
            if keeps:
                kept.append(replace(promise, kept_on=entry.date, kept_line=entry.line))
            else:
                open_ones.append(promise)
        elif keeps:
            earlier = next((p for p in open_ones if p.day is not None and p.day < entry.date), None)
            if earlier is not None:
                open_ones.remove(earlier)
                kept.append(replace(earlier, kept_on=entry.date, kept_line=entry.line))
    return open_ones, sorted(kept, key=lambda p: (p.day or date.min, p.line))


@dataclass(frozen=True)
class Coming:
    """A day of theirs within SOON days: `birthday` (`years`: the age they turn), `anniversary`
    (`years` it counts) or a noted `occasion` (`what`; `month` when only its month is known)."""

    kind: Literal["birthday", "anniversary", "occasion"]
    day: date
    line: int
    what: str | None = None
    years: int | None = None
    month: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": self.day.isoformat(),
            "what": self.what,
            "years": self.years,
            "month": self.month,
            "line": self.line,
        }


def coming(contact: Contact, today: date) -> list[Coming]:
    """Their birthday, anniversary and occasions from today to SOON days on, soonest first."""
    horizon = today + timedelta(days=SOON)
    found: list[Coming] = []
    yearly: list[tuple[Literal["birthday", "anniversary", "occasion"], Birthday, str | None, int]] = []
    if contact.birthday:
        yearly.append(("birthday", contact.birthday, None, contact.lines.get("birthday", 1)))
    if contact.anniversary:
        yearly.append(("anniversary", contact.anniversary, None, contact.lines.get("anniversary", 1)))
    for noted in contact.occasions:
        if isinstance(noted.when, Birthday):
            yearly.append(("occasion", noted.when, noted.what or None, noted.line))
        elif _first_day(noted.when) <= horizon and add(_first_day(noted.when), Duration(1, "m")) > today:
            start = max(_first_day(noted.when), today)
            found.append(Coming("occasion", start, noted.line, noted.what or None, month=True))
    for kind, when, what, line in yearly:
        day = (next_return if kind == "occasion" else next_birthday)(when, today)
        if day is not None and day <= horizon:
            years = age_turning(when, day) if kind != "occasion" else None
            found.append(Coming(kind, day, line, what, years or None))
    return sorted(found, key=lambda item: (item.day, item.line))


def happened(contact: Contact, since: date | None, today: date) -> list[Occasion]:
    """The occasions of theirs with a year (`2026-03 baby due`, `2026-06-14 wedding`) that fell
    in the silence: after `since`, up to today (a month: begun by today). Newest first."""
    if since is None:
        return []
    found = []
    for noted in contact.occasions:
        when = noted.when
        if isinstance(when, Month):
            first, last = _first_day(when), add(_first_day(when), Duration(1, "m")) - timedelta(days=1)
            if last > since and first <= today:
                found.append(noted)
        elif when.year is not None and since < date(when.year, when.month, when.day) <= today:
            found.append(noted)
    return sorted(found, key=lambda noted: noted.when.iso(), reverse=True)


@dataclass(frozen=True)
class Heard:
    """Something you heard of their life: a log entry of theirs tagged `#news` (`text` without
    the tag)."""

    date: date
    text: str
    line: int


def their_news(contact: Contact, today: date) -> list[Heard]:
    """Their log entries tagged `#news`, newest first."""
    entries = [e for e in contact.log if e.date <= today and has_any_tag(e.text, NEWS_TAGS)]
    entries.sort(key=lambda e: (e.date, -e.line), reverse=True)
    return [Heard(e.date, _without(e.text, NEWS_TAGS), e.line) for e in entries]


OpenerKind = Literal[
    "gap",
    "last_topic",
    "how_met",
    "interest",
    "offer",
    "intro",
    "give_back",
    "promise",
    "occasion",
    "happened",
    "their_news",
    "news",
]


@dataclass(frozen=True)
class Opener:
    """A fact about them to open with: `fact` is what it is built from (a topic, an interest,
    a need, your news, …); `other` the contact an introduction is to; `idea` the give idea."""

    kind: OpenerKind
    fact: str | None = None
    day: date | None = None
    idea: Idea | None = None
    coming: Coming | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "fact": self.fact,
            "date": _iso(self.day),
            "other": self.idea.other.id if self.idea and self.idea.other else None,
        }


@dataclass(frozen=True)
class Reconnect:
    contact: Contact
    today: date
    standing: Standing
    gap: Gap
    owner: Owner | None
    news: tuple[News, ...]
    their_news: tuple[Heard, ...]
    happened: tuple[Occasion, ...]
    coming: tuple[Coming, ...]
    promises: tuple[Promise, ...]  # open: unchecked tasks linking them, then #promised entries
    kept: tuple[Promise, ...]
    ideas: tuple[Idea, ...]

    @property
    def openers(self) -> tuple[Opener, ...]:
        """One opener for each fact there is, the ones about them first, your news and the gap
        last: never the same for two people unless the notes say the same of both."""
        found = []
        if self.gap.topic and not self.gap.short:
            found.append(Opener("last_topic", self.gap.topic_text, self.gap.topic.date))
        elif self.gap.topic is None and self.contact.how_met:
            found.append(Opener("how_met", self.contact.how_met))
        if self.contact.interests:
            found.append(Opener("interest", self.contact.interests[0]))
        meets = next((idea for idea in self.ideas if idea.kind in ("offer", "intro")), None)
        if meets:
            found.append(Opener(meets.kind, meets.need, idea=meets))
        if self.coming:
            soon = self.coming[0]
            found.append(Opener("occasion", soon.what or soon.kind, soon.day, coming=soon))
        if self.happened:
            noted = self.happened[0]
            found.append(Opener("happened", noted.what or None, _day_of(noted)))
        if self.their_news:
            heard = self.their_news[0]
            topic = self.gap.topic
            if topic and (topic.source, topic.line) == (self.contact.path, heard.line):
                found = [opener for opener in found if opener.kind != "last_topic"]  # the same entry
            found.append(Opener("their_news", heard.text, heard.date))
        promised = next((p for p in self.promises if p.kind == "promised"), None) or next(
            iter(self.promises), None
        )
        if promised:
            found.append(Opener("promise", promised.text, promised.day))
        if back := next((idea for idea in self.ideas if idea.kind == "give_back"), None):
            found.append(Opener("give_back", None, back.last_got, idea=back))
        if self.news and not self.gap.never:  # to someone you never wrote to, news is no opening
            found.append(Opener("news", self.news[0].text, self.news[0].date))
        if not self.gap.never and not self.gap.short:
            found.append(Opener("gap", None, self.gap.last.date if self.gap.last else None))
        return tuple(found)

    def as_json(self) -> dict[str, Any]:
        c, gap = self.contact, self.gap
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "contact": c.id,
            "name": c.name,
            "path": c.path,
            "anrede": c.anrede,
            "state": self.standing.state,
            "gap": {
                "last_contact": _iso(gap.last.date if gap.last else None),
                "days": gap.days,
                "short": gap.short,
                "last": _interaction(gap.last),
                "topic": None
                if gap.topic is None
                else {
                    **_interaction_fields(gap.topic),
                    "kind": self.gap.topic_kind,
                    "topic": self.gap.topic_text,
                },
                "said": None,
            },
            "news": {
                "owner": self.owner.path if self.owner else None,
                "items": [{"date": n.date.isoformat(), "text": n.text, "line": n.line} for n in self.news],
            },
            "their_side": {
                "news": [
                    {"date": e.date.isoformat(), "text": e.text, "line": e.line} for e in self.their_news
                ],
                "happened": [{"date": o.when.iso(), "what": o.what, "line": o.line} for o in self.happened],
                "coming": [item.as_json() for item in self.coming],
            },
            "promises": {
                "open": [p.as_json() for p in self.promises],
                "kept": [p.as_json() for p in self.kept],
            },
            "interests": list(c.interests),
            "needs": list(c.needs),
            "offers": list(c.offers),
            "ideas": [{**idea.as_json(), "said": None} for idea in self.ideas],
            "openers": [{**opener.as_json(), "said": None} for opener in self.openers],
        }


def reconnect(index: Index, everyone: Activity, config: Config, contact_id: str) -> Reconnect:
    today = everyone.today
    contact = index.contacts[contact_id]
    activity = everyone.of(contact_id)
    last = activity.last()
    topic = last_topic(activity)
    entry = _log_entry(contact, topic) if topic else None
    marks = (*config.gave_tags, *config.got_tags, *NEWS_TAGS, *PROMISED_TAGS, *KEPT_TAGS)
    gap = Gap(
        last,
        topic,
        (today - last.date).days if last else None,
        _without(entry.text, marks) if entry else topic_of(topic) if topic else "",
        entry.kind if entry else None,
    )
    since = last.date if last else None
    open_promises, kept = promises(contact, today, config.gave_tags)
    tasks = [
        Promise("task", f.date, f.text, f.source, f.line)
        for f in activity.follow_ups
        if f.text != "next_contact"
    ]
    return Reconnect(
        contact,
        today,
        standing(contact, activity, config, today),
        gap,
        index.owner,
        unheard_news(index.owner, since, today),
        tuple(their_news(contact, today)),
        tuple(happened(contact, since, today)),
        tuple(coming(contact, today)),
        (*tasks, *open_promises),
        tuple(kept),
        ideas(index, everyone, focus=contact_id),
    )


def _log_entry(contact: Contact, interaction: Interaction) -> LogEntry | None:
    """The entry of the contact's own log an interaction comes from, if it does."""
    if interaction.source != contact.path:
        return None
    return next((e for e in contact.log if e.line == interaction.line and e.date == interaction.date), None)


def _without(text: str, tags: tuple[str, ...]) -> str:
    """`text` without the words that are one of `tags`."""
    return " ".join(word for word in text.split() if not has_any_tag(word, tags))


def _first_day(when: Month) -> date:
    return date(when.year, when.month, 1)


def _day_of(noted: Occasion) -> date | None:
    when = noted.when
    if isinstance(when, Month):
        return _first_day(when)
    return date(when.year, when.month, when.day) if when.year else None


def _interaction(interaction: Interaction | None) -> dict[str, Any] | None:
    return None if interaction is None else _interaction_fields(interaction)


def _interaction_fields(interaction: Interaction) -> dict[str, Any]:
    return {
        "date": interaction.date.isoformat(),
        "text": interaction.text,
        "source": interaction.source,
        "line": interaction.line,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
