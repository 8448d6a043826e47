"""Activity, derived once per run from the whole index: who was in touch when, what is still to
do, which meetings are planned.

The mentions each note holds (see `vaultkit.parse.mentions`) are resolved here: link targets
become contact ids, and the notes' dates become interactions, follow-ups and planned meetings.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from vaultkit.model import Contact, Diagnostic, Index, Mention, Note
from vaultkit.values import fold


@dataclass(frozen=True, slots=True)
class Interaction:
    date: date
    source: str  # the path of the note it comes from
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: date | None
    source: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Meeting:
    date: date
    source: str
    title: str


@dataclass
class ContactActivity:
    """Everything dated about one contact, newest first after `gather`."""

    interactions: list[Interaction] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def last(self) -> Interaction | None:
        return self.interactions[0] if self.interactions else None


@dataclass(frozen=True)
class Activity:
    """What happened with every contact up to `today`, what is still to do and what is planned:
    derived once per run by `gather` and handed to every report."""

    today: date
    contacts: dict[str, ContactActivity]

    def of(self, contact_id: str) -> ContactActivity:
        """The contact's activity; an empty one for a contact nothing is known of."""
        return self.contacts.get(contact_id) or ContactActivity()


def gather(index: Index, today: date) -> Activity:
    """Interactions up to `today`, open follow-ups and planned meetings, per contact id."""
    activity: dict[str, ContactActivity] = defaultdict(ContactActivity)
    for contact in index.contacts.values():
        _own_interactions(contact, activity[contact.id], today)
    paths = {_strip_md(c.path): c.id for c in index.contacts.values()}
    for note in index.notes:
        if note.contact is not None and index.contacts.get(note.id) is note.contact:
            # A contact's own note counts through its log; its open tasks are still follow-ups.
            _contact_note_tasks(note, index, paths, activity)
            continue
        _note_activity(note, index, paths, activity, today)
    for item in activity.values():
        _drop_bare_dates_covered_by_others(item)
        item.interactions.sort(key=lambda i: i.date, reverse=True)
        item.follow_ups.sort(key=lambda f: (f.date or date.max, f.source, f.line))
        item.meetings.sort(key=lambda m: (m.date, m.source))
    return Activity(today, dict(activity))


def future_dates(index: Index, today: date) -> list[Diagnostic]:
    """Contacts' interactions and birth dates after `today`: every report leaves them out until
    then, which is rarely what the note meant (a mistyped year, a plan written as a contact)."""
    found = []
    for contact in index.contacts.values():
        dated = [
            (key, day, contact.lines.get(key, 1))
            for key, day in (("last_contact", contact.last_contact), ("met", contact.met))
        ]
        dated += [("the log entry", entry.date, entry.line) for entry in contact.log]
        if (born := contact.birthday) and born.year:
            dated.append(
                ("birthday", date(born.year, born.month, born.day), contact.lines.get("birthday", 1))
            )
        found += [
            Diagnostic(
                contact.path,
                line,
                "warning",
                "future-date",
                f"{what} {day.isoformat()} is after today ({today.isoformat()}); "
                "reports count it only from that day",
            )
            for what, day, line in dated
            if day is not None and day > today
        ]
    return found


def _drop_bare_dates_covered_by_others(activity: ContactActivity) -> None:
    """`last_contact: 2026-03-03` says nothing a log entry of that day does not say better."""
    told = {i.date for i in activity.interactions if i.text != "last_contact"}
    activity.interactions[:] = [
        i for i in activity.interactions if i.text != "last_contact" or i.date not in told
    ]


def _own_interactions(contact: Contact, activity: ContactActivity, today: date) -> None:
    if contact.last_contact and contact.last_contact <= today:
        line = contact.lines.get("last_contact", 1)
        activity.interactions.append(Interaction(contact.last_contact, contact.path, "last_contact", line))
    if contact.met and contact.met <= today:
        text = f"met: {contact.how_met}" if contact.how_met else "met"
        activity.interactions.append(
            Interaction(contact.met, contact.path, text, contact.lines.get("met", 1))
        )
    for entry in contact.log:
        if entry.date <= today:
            text = f"{entry.kind}: {entry.text}" if entry.kind else entry.text
            activity.interactions.append(Interaction(entry.date, contact.path, text, entry.line))
    if contact.next_contact:
        line = contact.lines.get("next_contact", 1)
        activity.follow_ups.append(FollowUp(contact.next_contact, contact.path, "next_contact", line))


def _note_activity(
    note: Note, index: Index, paths: dict[str, str], activity: dict[str, ContactActivity], today: date
) -> None:
    seen: set[tuple[str, date]] = set()
    for mention in note.mentions:
        for contact_id in _targets(mention, note.path, index, paths):
            if mention.kind == "task":
                activity[contact_id].follow_ups.append(
                    FollowUp(mention.date, note.path, mention.text, mention.line)
                )
                continue
            when = mention.date if mention.kind == "done" and mention.date else note.date
            if when is None or (contact_id, when) in seen:
                continue
            seen.add((contact_id, when))
            if when > today:
                activity[contact_id].meetings.append(Meeting(when, note.path, note.id))
            else:
                activity[contact_id].interactions.append(
                    Interaction(when, note.path, mention.text or note.id, mention.line or 1)
                )


def _contact_note_tasks(
    note: Note, index: Index, paths: dict[str, str], activity: dict[str, ContactActivity]
) -> None:
    for mention in note.mentions:
        if mention.kind == "task":
            for contact_id in _targets(mention, note.path, index, paths):
                activity[contact_id].follow_ups.append(
                    FollowUp(mention.date, note.path, mention.text, mention.line)
                )


def _targets(mention: Mention, source: str, index: Index, paths: dict[str, str]) -> tuple[str, ...]:
    if not mention.by_path:
        ids = index.names.get(fold(mention.target), ())
        return ids if len(ids) == 1 else ()
    # Obsidian writes Markdown links relative to the note or to the vault root (a setting).
    target = _strip_md(mention.target)
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    contact_id = paths.get(relative) or paths.get(posixpath.normpath(target).lstrip("/"))
    return (contact_id,) if contact_id else ()


def _strip_md(path: str) -> str:
    return path[:-3] if path.lower().endswith(".md") else path


def mentioned_contacts(note: Note, mention: Mention, index: Index) -> tuple[str, ...]:
    """The one contact a mention in `note` names, or () when it names nobody or several."""
    paths = {_strip_md(c.path): c.id for c in index.contacts.values()} if mention.by_path else {}
    return _targets(mention, note.path, index, paths)
