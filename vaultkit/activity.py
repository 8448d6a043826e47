"""Activity, derived once per run from the whole index: who was in touch when, what is still to
do, which meetings are planned.

The mentions each note holds (see `vaultkit.parse.mentions`) are resolved here: link targets
become contact ids, and the notes' dates become interactions, follow-ups and planned meetings.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from vaultkit.model import Contact, Diagnostic, Index, Mention, Note
from vaultkit.parse.mentions import person_in_tag
from vaultkit.values import fold, slug


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
    # How mentions by path and tag were resolved: the network reuses it.
    links: Links = field(repr=False, compare=False)

    def of(self, contact_id: str) -> ContactActivity:
        """The contact's activity; an empty one for a contact nothing is known of."""
        return self.contacts.get(contact_id) or ContactActivity()


def gather(index: Index, today: date) -> Activity:
    """Interactions up to `today`, open follow-ups and planned meetings, per contact id."""
    activity: dict[str, ContactActivity] = defaultdict(ContactActivity)
    for contact in index.contacts.values():
        _own_interactions(contact, activity[contact.id], today)
    links = links_of(index)
    for note in index.notes:
        if note.contact is not None and index.contacts.get(note.id) is note.contact:
            # A contact's own note counts through its log; its open tasks are still follow-ups.
            _contact_note_tasks(note, index, links, activity)
            continue
        _note_activity(note, index, links, activity, today)
    for item in activity.values():
        _drop_bare_dates_covered_by_others(item)
        item.interactions.sort(key=lambda i: i.date, reverse=True)
        item.follow_ups.sort(key=lambda f: (f.date or date.max, f.source, f.line))
        item.meetings.sort(key=lambda m: (m.date, m.source))
    return Activity(today, dict(activity), links)


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
    note: Note, index: Index, links: Links, activity: dict[str, ContactActivity], today: date
) -> None:
    seen: set[tuple[str, date]] = set()
    tasks: set[tuple[str, int]] = set()
    for mention in note.mentions:
        for contact_id in _targets(mention, note.path, index, links):
            if mention.kind == "task":
                # `[[Bo]]`, `[Bo](People/Bo.md)` and `#people/bo` in one task: one follow-up.
                if (contact_id, mention.line) not in tasks:
                    tasks.add((contact_id, mention.line))
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


def _contact_note_tasks(note: Note, index: Index, links: Links, activity: dict[str, ContactActivity]) -> None:
    tasks: set[tuple[str, int]] = set()
    for mention in note.mentions:
        if mention.kind == "task":
            for contact_id in _targets(mention, note.path, index, links):
                if (contact_id, mention.line) not in tasks:
                    tasks.add((contact_id, mention.line))
                    activity[contact_id].follow_ups.append(
                        FollowUp(mention.date, note.path, mention.text, mention.line)
                    )


@dataclass(frozen=True, slots=True)
class Links:
    """What mentions by path and by tag are resolved against, built once per index."""

    # The folded vault path of each contact note without `.md` (`people/sub/bo`), and each end
    # of it that still has a folder (`sub/bo`): Obsidian finds a note by the end of its path. An
    # end names one contact, for it ends in the file name, which is the contact's id.
    paths: dict[str, str]
    # Slug of an id, name or alias (`john-appleseed`), and the same without dashes
    # (`johnappleseed`, for `#people/JohnAppleseed`) -> the contacts it may mean.
    slugs: dict[str, tuple[str, ...]]
    squashed: dict[str, tuple[str, ...]]


def links_of(index: Index) -> Links:
    """The tables that resolve path and tag mentions against `index`; gather builds them once."""
    paths: dict[str, str] = {}
    slugs: dict[str, list[str]] = {}
    squashed: dict[str, list[str]] = {}
    by_id: dict[str, str] = {}
    for contact in index.contacts.values():
        parts = fold(_strip_md(contact.path)).split("/")
        for start in range(max(len(parts) - 1, 1)):
            paths["/".join(parts[start:])] = contact.id
        by_id[slug(contact.id)] = contact.id
        for name in (contact.id, contact.name, *contact.aliases):
            key = slug(name)
            for table, text in ((slugs, key), (squashed, key.replace("-", ""))):
                if text and contact.id not in (ids := table.setdefault(text, [])):
                    ids.append(contact.id)
    # As with [[links]], an id means its own contact even where another's name reads alike.
    found_slugs = {key: tuple(ids) for key, ids in slugs.items()}
    found_slugs.update({key: (contact_id,) for key, contact_id in by_id.items() if key})
    return Links(paths, found_slugs, {key: tuple(ids) for key, ids in squashed.items()})


def _targets(mention: Mention, source: str, index: Index, links: Links) -> tuple[str, ...]:
    if mention.by_tag:
        return _tagged(mention.target, links)
    if not mention.by_path:
        return _named(mention.target, index)
    target = _strip_md(mention.target)
    if "/" not in target:
        return _named(target, index)  # Obsidian's shortest form: the file name alone
    # Obsidian writes paths relative to the note or to the vault root (a setting), and finds a
    # note by the end of its path too.
    relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    absolute = posixpath.normpath(target).lstrip("/")
    contact_id = links.paths.get(fold(relative)) or links.paths.get(fold(absolute))
    if contact_id:
        return (contact_id,)
    return _named(target, index)  # a name or alias with a slash in it: [[AC/DC]]


def _named(name: str, index: Index) -> tuple[str, ...]:
    ids = index.names.get(fold(name), ())
    return ids if len(ids) == 1 else ()


def _tagged(tag: str, links: Links) -> tuple[str, ...]:
    ids = _tag_candidates(tag, links)
    return ids if len(ids) == 1 else ()


def _tag_candidates(tag: str, links: Links) -> tuple[str, ...]:
    """The contacts `people/john-appleseed` may mean: by slug, else by slug without dashes."""
    key = slug(person_in_tag(tag) or "")
    if not key:
        return ()
    return links.slugs.get(key) or links.squashed.get(key.replace("-", ""), ())


def _strip_md(path: str) -> str:
    return path[:-3] if path.lower().endswith(".md") else path


def mentioned_contacts(note: Note, mention: Mention, index: Index, links: Links) -> tuple[str, ...]:
    """The one contact a mention in `note` names, or () when it names nobody or several;
    `links` is `links_of(index)` (an Activity has it)."""
    return _targets(mention, note.path, index, links)


def people_without_notes(index: Index) -> list[Diagnostic]:
    """Person tags (`#people/john-appleseed`) that name no contact: one warning per person, at
    the first place the tag appears. A contact's own tags are its groups, not people."""
    links = links_of(index)
    # A note of that name that is no contact (its tags could not be read, or never said person).
    other_notes = {slug(note.id): note.path for note in index.notes if note.contact is None}
    first: dict[str, tuple[str, int, str]] = {}
    for note in index.notes:
        if note.contact is not None:
            continue
        for mention in note.mentions:
            if not mention.by_tag or _tag_candidates(mention.target, links):
                continue
            key = slug(person_in_tag(mention.target) or "")
            where = (note.path, mention.line or 1, mention.target)
            if key and (key not in first or where[:2] < first[key][:2]):
                first[key] = where
    return [
        Diagnostic(path, line, "warning", "person-without-note", _no_note_for(tag, other_notes))
        for path, line, tag in sorted(first.values())
    ]


def _no_note_for(tag: str, other_notes: dict[str, str]) -> str:
    note = other_notes.get(slug(person_in_tag(tag) or ""))
    if note:
        return f"{tag} names {note}, which is not a contact note; tag it person (or move it to People/)"
    return (
        f'{tag} names no contact note; create one (vaultkit new "{name_from_tag(tag)}") '
        "or link an existing note with an alias"
    )


def name_from_tag(tag: str) -> str:
    """`people/john-appleseed` -> `John Appleseed`: the name a note for the tag would have."""
    words = re.split(r"[-_\s]+", person_in_tag(tag) or tag)
    return " ".join(word.capitalize() if word.islower() else word for word in words if word)
