"""Introductions you made, as the notes record them: a log entry tagged `#intro` (`#vorgestellt`)
in one person's note that links the other (`- 2026-10-30 mail: introduced her to [[Marie]]
#intro`), or a line of a dated note that links both (`- introduced [[Carla]] to [[Marie]]
#intro`). `intros` does not suggest a pair again, `balance` counts it as given to both, and the
agenda asks a few weeks later whether they met."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vaultkit.activity import Links, links_of, mentioned_contacts
from vaultkit.model import Contact, Index, Note
from vaultkit.parse.note import has_any_tag

INTRO_TAGS = ("#intro", "#vorgestellt")
# The agenda asks whether the two met this many days after the introduction, and for as many
# days again, unless a later log entry of either links the other: then they are in touch.
ASK_AFTER = 21
ASK_FOR = 21


@dataclass(frozen=True)
class Introduction:
    """`by` (whose note says it; in a dated note, the first linked) introduced to `to` on `day`."""

    day: date
    by: str
    to: str
    source: str
    line: int
    # The last day after `day` a log entry of either links the other; None: not heard of since.
    heard_since: date | None = None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.by, self.to))


# The last answer, for the index and day it was worked out for: the agenda, `intros` and
# `balance` each ask for it, and what you could give asks the latter two again.
_kept: tuple[Index, date, tuple[Introduction, ...]] | None = None


def introductions(index: Index, today: date) -> tuple[Introduction, ...]:
    """Every introduction up to `today`, the latest per pair, by day."""
    global _kept
    if _kept is not None and _kept[0] is index and _kept[1] == today:
        return _kept[2]
    found = _introductions(index, today)
    _kept = (index, today, found)
    return found


def _introductions(index: Index, today: date) -> tuple[Introduction, ...]:
    links = links_of(index)
    latest: dict[frozenset[str], Introduction] = {}
    for note in index.notes:
        if not note.mentions or not _may_say_intro(note):
            continue
        for found in _recorded(note, index, links, today):
            if found.pair not in latest or latest[found.pair].day < found.day:
                latest[found.pair] = found
    heard = _heard_since(index, links, latest, today)
    return tuple(
        sorted(
            (Introduction(i.day, i.by, i.to, i.source, i.line, heard.get(i.pair)) for i in latest.values()),
            key=lambda i: (i.day, i.source, i.line, i.to),
        )
    )


def to_ask_about(introduction: Introduction, today: date) -> bool:
    """Whether the agenda asks today if the two met."""
    days = (today - introduction.day).days
    return ASK_AFTER <= days < ASK_AFTER + ASK_FOR and introduction.heard_since is None


def _may_say_intro(note: Note) -> bool:
    return any(tag in mention.text for mention in note.mentions for tag in INTRO_TAGS)


def _own(note: Note, index: Index) -> Contact | None:
    contact = note.contact
    return contact if contact is not None and index.contacts.get(note.id) is contact else None


def _recorded(note: Note, index: Index, links: Links, today: date) -> list[Introduction]:
    contact = _own(note, index)
    if contact is not None:
        entries = {e.line: e for e in contact.log if e.date <= today and has_any_tag(e.text, INTRO_TAGS)}
        return [
            Introduction(entries[mention.line].date, contact.id, other, note.path, mention.line)
            for mention in note.mentions
            if mention.line in entries
            for other in mentioned_contacts(note, mention, index, links)
            if other != contact.id
        ]
    if note.date is None or note.date > today:
        return []
    by_line: dict[int, list[str]] = {}
    for mention in note.mentions:
        if mention.line and has_any_tag(mention.text, INTRO_TAGS):
            named = by_line.setdefault(mention.line, [])
            named.extend(i for i in mentioned_contacts(note, mention, index, links) if i not in named)
    return [
        Introduction(note.date, named[0], other, note.path, line)
        for line, named in by_line.items()
        for other in named[1:]
    ]


def _heard_since(
    index: Index, links: Links, latest: dict[frozenset[str], Introduction], today: date
) -> dict[frozenset[str], date]:
    """Per introduced pair, the last day after the introduction that a log entry of one of
    them links the other (not the introduction itself)."""
    involved = {person for pair in latest for person in pair}
    heard: dict[frozenset[str], date] = {}
    for note in index.notes:
        contact = _own(note, index)
        if contact is None or contact.id not in involved or not note.mentions:
            continue
        entries = {e.line: e for e in contact.log if e.date <= today}
        for mention in note.mentions:
            entry = entries.get(mention.line)
            if entry is None:
                continue
            for other in mentioned_contacts(note, mention, index, links):
                pair = frozenset((contact.id, other))
                introduced = latest.get(pair)
                if introduced and entry.date > introduced.day and heard.get(pair, date.min) < entry.date:
                    heard[pair] = entry.date
    return heard
