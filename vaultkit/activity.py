"""Activity, derived once per run from the whole index: who was in touch when, what is still to
do, which meetings are planned.

The mentions each note holds (see `vaultkit.parse.mentions`) are resolved here: link targets
become contact ids, and the notes' dates become interactions, follow-ups and planned meetings.
"""

from __future__ import annotations

import gc
import posixpath
import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, TypeVar, Union

from vaultkit.language import N_
from vaultkit.model import Contact, Diagnostic, Index, Mention, Note
from vaultkit.parse.mentions import person_in_tag
from vaultkit.values import fold, same_objects, slug
from vaultkit.vault import without_cycle_collection

T = TypeVar("T")
# What reports derived, kept from one change to the next (see `Activity.per_contact`,
# `Activity.among` and `Activity.of_vault`): what -> (the config it was derived with, and by
# contact id, or "" for several contacts or the whole vault: (contact or contacts, their
# activity, also, value)). One table for each `what`, not one keyed by (what, id): at 33,000
# notes a watcher keeps 67,000 of them, and a key of two took 4 MiB.
Derived = dict[str, tuple[object, dict[str, tuple[Any, Any, object, Any]]]]
# What resolving a mention depends on: every contact's id, path, name and aliases.
Resolving = tuple[tuple[str, str, str, tuple[str, ...]], ...]


# Named tuples, not dataclasses like the rest: a large vault has several for every note, made
# afresh each run, and a frozen dataclass takes four times as long to make. As tuples, each
# equals a plain tuple of its fields.


class Interaction(NamedTuple):
    date: date
    source: str  # the path of the note it comes from
    text: str
    line: int
    # The day you met, from the contact's `met`: its text is `met` or `met: how_met`.
    first_meeting: bool = False


class FollowUp(NamedTuple):
    date: date | None
    source: str
    text: str
    line: int


class Meeting(NamedTuple):
    date: date
    source: str
    title: str


@dataclass(slots=True)
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
    # What reports derived from it per contact or for a few together, kept by a watcher from one
    # change to the next (see `per_contact`, `among`); None: every run derives afresh.
    derived: Derived | None = field(default=None, repr=False, compare=False)

    def of(self, contact_id: str) -> ContactActivity:
        """The contact's activity; an empty one for a contact nothing is known of."""
        return self.contacts.get(contact_id) or ContactActivity()

    def per_contact(
        self,
        what: str,
        contact: Contact,
        config: object,
        derive: Callable[..., T],
        *args: Any,
        also: object = None,
    ) -> T:
        """`derive(*args)`: what a report derives for `contact` alone, from the contact, its
        activity and `config`. Kept while all three stay the very objects they are (a watcher
        keeps those of every contact that did not change) and `also` stays equal to what it
        was, so that after one change a report derives that contact's part again, not
        everyone's; `what` and `also` must name everything else the result depends on (today is
        the activity's own): `also` what other notes say of the contact."""
        if self.derived is None:
            return derive(*args)
        mine = self.contacts.get(contact.id)
        table = _kept_of(self.derived, what, config)
        kept = table.get(contact.id)
        if kept is not None and kept[0] is contact and kept[1] is mine and kept[2] == also:
            return kept[3]
        value = derive(*args)
        table[contact.id] = (contact, mine, also, value)
        return value

    def among(
        self,
        what: str,
        contacts: tuple[Contact, ...],
        config: object,
        derive: Callable[..., T],
        *args: Any,
        also: object = None,
    ) -> T:
        """`derive(*args)`: what a report derives from `contacts` together, as `per_contact`
        does for one: kept while each of them and its activity stay the very objects they are,
        in the same order, `config` too, and `also` stays equal to what it was. `what` and
        `also` must name everything else the result depends on; how names resolve and what day
        it is stay the same as long as anything is kept (see `Ledger`)."""
        found, value = self.kept(what, contacts, config, also)
        if found:
            return value
        value = derive(*args)
        if self.derived is not None:
            mine = tuple(self.contacts.get(contact.id) for contact in contacts)
            _kept_of(self.derived, what, config)[""] = (contacts, mine, also, value)
        return value

    def kept(
        self, what: str, contacts: tuple[Contact, ...], config: object, also: object = None
    ) -> tuple[bool, Any]:
        """(True, what `among` keeps for these), or (False, None) when it keeps nothing for them."""
        kept = _kept_of(self.derived, what, config).get("") if self.derived is not None else None
        if (
            kept is not None
            and same_objects(kept[0], contacts)
            and same_objects(kept[1], tuple(self.contacts.get(contact.id) for contact in contacts))
            and kept[2] == also
        ):
            return True, kept[3]
        return False, None

    def of_vault(self, what: str, index: Index, config: object, derive: Callable[..., T], *args: Any) -> T:
        """`derive(*args)`: what a report derives from the whole vault, kept while `index` and
        `config` stay the very objects they are. A watcher makes a new index with every change,
        so what a rebuild derived holds for the queries of the same state, and the other way
        round; `what` names everything else the result depends on."""
        if self.derived is None:
            return derive(*args)
        table = _kept_of(self.derived, what, config)
        kept = table.get("")
        if kept is not None and kept[0]() is index:
            return kept[3]
        value = derive(*args)
        # The index by a weak reference: the one of the state before is not kept alive for it.
        table[""] = (weakref.ref(index), None, None, value)
        return value


def _kept_of(derived: Derived, what: str, config: object) -> dict[str, tuple[Any, Any, object, Any]]:
    """What `derived` keeps of `what` as derived with `config`: nothing of another config."""
    kept = derived.get(what)
    if kept is None or kept[0] is not config:
        kept = derived[what] = (config, {})
    return kept[1]


def gather(index: Index, today: date) -> Activity:
    """Interactions up to `today`, open follow-ups and planned meetings, per contact id."""
    return Ledger(index, today).activity()


Item = Union["Interaction", "FollowUp", "Meeting"]


@dataclass(frozen=True, slots=True)
class _NoteShare:
    """What one note says of the contacts: of its own contact (a contact's note: the log,
    `met`, `last_contact`, `next_contact`), and of the others it mentions, in the note's order:
    `items[i]` is said of the contact `named[i]`. Two tuples, not one of pairs: at 33,000 notes
    a watcher kept 76,000 pairs, 1.4 MiB more in all."""

    owner: str | None  # the id of the contact whose note it is
    own: tuple[Item, ...]
    named: tuple[str, ...]
    items: tuple[Item, ...]


class Ledger:
    """The activity of every contact, kept per note so that a changed note re-derives only the
    contacts it names (before and after the change), not the whole vault. The result is the
    same as deriving everything afresh: a change that could resolve any mention differently (a
    contact added, removed, renamed or given another alias) or another day does that."""

    _index: Index
    _links: Links
    _resolving: Resolving
    _shares: dict[str, _NoteShare]  # path -> what the note says
    _activity: dict[str, ContactActivity]
    _derived: Derived | None
    # Made on the first update: one-shot runs need neither.
    _position: dict[str, int]  # path -> place in the index
    _naming: dict[str, tuple[str, ...]] | None  # contact id -> paths of the notes naming it

    def __init__(self, index: Index, today: date, keep_derived: bool = False):
        """`keep_derived`: keep what reports derive per contact (see `Activity.per_contact`)."""
        self.today = today
        self._keep_derived = keep_derived
        self._rebuild(index)

    def activity(self) -> Activity:
        return Activity(self.today, dict(self._activity), self._links, self._derived)

    def update(self, index: Index, changed: Iterable[str], today: date) -> Activity:
        """The activity after the notes at `changed` (vault paths) were read again, added or
        removed, and `index` built from them."""
        # What the owner's note says (news, offers, goals) goes into what is derived for everyone.
        if today != self.today or _resolving(index) != self._resolving or index.owner != self._index.owner:
            self.today = today
            self._rebuild(index)
            return self.activity()
        notes = {note.path: note for note in index.notes} if changed else {}
        self._index = index
        self._position = {}
        touched: set[str] = set()
        for path in changed:
            touched |= self._forget(path)
            note = notes.get(path)
            if note is not None:
                touched |= self._learn(note)
        for contact_id in touched:
            if contact_id in index.contacts:
                self._activity[contact_id] = self._assembled(contact_id)
        return self.activity()

    def _rebuild(self, index: Index) -> None:
        """Everything derived afresh, in one pass over the notes."""
        with without_cycle_collection():  # hundreds of thousands of objects, and no cycles
            self._derive(index)
            # Frozen before the collector is back on, which would scan them all at once.
            gc.freeze()

    def _derive(self, index: Index) -> None:
        self._index = index
        self._links = links_of(index)
        self._resolving = self._links.resolving
        self._position = {}
        self._naming = None
        self._derived = {} if self._keep_derived else None
        shares = {note.path: _share_of(note, index, self._links, self.today) for note in index.notes}
        activity = {contact_id: ContactActivity() for contact_id in index.contacts}
        lists = {contact_id: _lists(item) for contact_id, item in activity.items()}
        # In the order `_assembled` keeps: each contact's own note first, then the others'.
        for share in shares.values():
            if share.owner is not None:
                for item in share.own:
                    lists[share.owner][_LIST[type(item)]].append(item)
        for share in shares.values():
            for contact_id, item in zip(share.named, share.items):
                lists[contact_id][_LIST[type(item)]].append(item)
        for each in activity.values():
            _finish(each)
        self._shares = shares
        self._activity = activity

    def _by_contact(self) -> dict[str, tuple[str, ...]]:
        """Contact id -> the paths of the notes naming it. Tuples, not sets: most contacts are
        named by a few notes, and 9,900 sets kept 5.4 MiB more at 33,000 notes for good."""
        if self._naming is None:
            naming: dict[str, list[str]] = defaultdict(list)
            for path, share in self._shares.items():
                for contact_id in dict.fromkeys(share.named):
                    naming[contact_id].append(path)
            self._naming = {contact_id: tuple(paths) for contact_id, paths in naming.items()}
        return self._naming

    def _learn(self, note: Note) -> set[str]:
        """Take `note`'s share; the ids of the contacts it concerns."""
        naming = self._by_contact()  # first: made from the shares, it would name the note already
        share = _share_of(note, self._index, self._links, self.today)
        self._shares[note.path] = share
        touched = set(share.named)
        for contact_id in touched:
            naming[contact_id] = (*naming.get(contact_id, ()), note.path)
        if share.owner is not None:
            touched.add(share.owner)
        return touched

    def _forget(self, path: str) -> set[str]:
        share = self._shares.pop(path, None)
        if share is None:
            return set()
        touched = set(share.named)
        naming = self._by_contact()
        for contact_id in touched:
            naming[contact_id] = tuple(named for named in naming.get(contact_id, ()) if named != path)
        if share.owner is not None:
            touched.add(share.owner)
        return touched

    def _assembled(self, contact_id: str) -> ContactActivity:
        """A contact's activity from the shares: its own note's first, then the other notes' in
        the index's order (which interaction of a day counts as the last depends on it)."""
        contact = self._index.contacts[contact_id]
        own = self._shares.get(contact.path)
        result = ContactActivity()
        lists = _lists(result)
        for item in own.own if own is not None else ():
            lists[_LIST[type(item)]].append(item)
        if not self._position:
            self._position = {note.path: at for at, note in enumerate(self._index.notes)}
        for path in sorted(self._by_contact().get(contact_id, ()), key=self._position.__getitem__):
            share = self._shares[path]
            for named, item in zip(share.named, share.items):
                if named == contact_id:
                    lists[_LIST[type(item)]].append(item)
        _finish(result)
        return result


def _resolving(index: Index) -> Resolving:
    """What resolving mentions depends on (see `Resolving`)."""
    return tuple((c.id, c.path, c.name, c.aliases) for c in index.contacts.values())


def _finish(activity: ContactActivity) -> None:
    _drop_bare_dates_covered_by_others(activity)
    activity.interactions.sort(key=lambda i: i.date, reverse=True)
    activity.follow_ups.sort(key=lambda f: (f.date or date.max, f.source, f.line))
    activity.meetings.sort(key=lambda m: (m.date, m.source))


def _lists(activity: ContactActivity) -> tuple[list[Any], list[Any], list[Any]]:
    """The activity's lists, each taking the items that `_LIST` places in it."""
    return activity.interactions, activity.follow_ups, activity.meetings


_LIST = {Interaction: 0, FollowUp: 1, Meeting: 2}


def _share_of(note: Note, index: Index, links: Links, today: date) -> _NoteShare:
    if note.contact is not None and index.contacts.get(note.id) is note.contact:
        # A contact's own note counts through its log; its open tasks are still follow-ups.
        contact = note.contact
        return _NoteShare(contact.id, _own_items(contact, today), *_tasks(note, index, links))
    return _NoteShare(None, (), *_note_items(note, index, links, today))


_FUTURE_FIELD = N_("{field} {day} is after today ({today}); reports count it only from that day")
_FUTURE_LOG_ENTRY = N_("the log entry {day} is after today ({today}); reports count it only from that day")


def future_dates(index: Index, today: date) -> list[Diagnostic]:
    """Contacts' interactions and birth dates after `today`: every report leaves them out until
    then, which is rarely what the note meant (a mistyped year, a plan written as a contact)."""
    found = []
    for contact in index.contacts.values():
        dated = [
            (_FUTURE_FIELD, key, day, contact.lines.get(key, 1))
            for key, day in (("last_contact", contact.last_contact), ("met", contact.met))
        ]
        dated += [(_FUTURE_LOG_ENTRY, "", entry.date, entry.line) for entry in contact.log]
        if (born := contact.birthday) and born.year:
            dated.append(
                (
                    _FUTURE_FIELD,
                    "birthday",
                    date(born.year, born.month, born.day),
                    contact.lines.get("birthday", 1),
                )
            )
        found += [
            Diagnostic.warning(contact.path, line, "future-date", template, field=key, day=day, today=today)
            for template, key, day, line in dated
            if day is not None and day > today
        ]
    return found


def _drop_bare_dates_covered_by_others(activity: ContactActivity) -> None:
    """`last_contact: 2026-03-03` says nothing a log entry of that day does not say better."""
    told = {i.date for i in activity.interactions if i.text != "last_contact"}
    activity.interactions[:] = [
        i for i in activity.interactions if i.text != "last_contact" or i.date not in told
    ]


def _own_items(contact: Contact, today: date) -> tuple[Item, ...]:
    items: list[Item] = []
    if contact.last_contact and contact.last_contact <= today:
        line = contact.lines.get("last_contact", 1)
        items.append(Interaction(contact.last_contact, contact.path, "last_contact", line))
    if contact.met and contact.met <= today:
        text = f"met: {contact.how_met}" if contact.how_met else "met"
        items.append(
            Interaction(contact.met, contact.path, text, contact.lines.get("met", 1), first_meeting=True)
        )
    for entry in contact.log:
        if entry.date <= today:
            text = f"{entry.kind}: {entry.text}" if entry.kind else entry.text
            items.append(Interaction(entry.date, contact.path, text, entry.line))
    if contact.next_contact:
        line = contact.lines.get("next_contact", 1)
        items.append(FollowUp(contact.next_contact, contact.path, "next_contact", line))
    return tuple(items)


def _note_items(
    note: Note, index: Index, links: Links, today: date
) -> tuple[tuple[str, ...], tuple[Item, ...]]:
    """What `note` says of the contacts it mentions: their ids, and what it says of each."""
    named: list[str] = []
    items: list[Item] = []
    seen: set[tuple[str, date]] = set()
    tasks: set[tuple[str, int]] = set()
    for mention in note.mentions:
        for contact_id in _targets(mention, note.path, index, links):
            if mention.kind == "task":
                # `[[Bo]]`, `[Bo](People/Bo.md)` and `#people/bo` in one task: one follow-up.
                if (contact_id, mention.line) not in tasks:
                    tasks.add((contact_id, mention.line))
                    named.append(contact_id)
                    items.append(FollowUp(mention.date, note.path, mention.text, mention.line))
                continue
            when = mention.date if mention.kind == "done" and mention.date else note.date
            if when is None or (contact_id, when) in seen:
                continue
            seen.add((contact_id, when))
            named.append(contact_id)
            if when > today:
                items.append(Meeting(when, note.path, note.id))
            else:
                text = mention.text or note.id
                items.append(Interaction(when, note.path, text, mention.line or 1))
    return tuple(named), tuple(items)


def _tasks(note: Note, index: Index, links: Links) -> tuple[tuple[str, ...], tuple[Item, ...]]:
    named: list[str] = []
    items: list[Item] = []
    tasks: set[tuple[str, int]] = set()
    for mention in note.mentions:
        if mention.kind == "task":
            for contact_id in _targets(mention, note.path, index, links):
                if (contact_id, mention.line) not in tasks:
                    tasks.add((contact_id, mention.line))
                    named.append(contact_id)
                    items.append(FollowUp(mention.date, note.path, mention.text, mention.line))
    return tuple(named), tuple(items)


class Links:
    """What mentions by path and by tag are resolved against: tables of the contacts' paths
    and slugs, each made when a mention first needs it. Most vaults link by name alone, and
    at 33,000 notes the tables took a twentieth of a run and 5 MiB."""

    __slots__ = ("resolving", "_paths", "_slugs", "_squashed")

    def __init__(self, resolving: Resolving):
        self.resolving = resolving  # all that the tables are made of
        self._paths: dict[str, str] | None = None
        self._slugs: dict[str, tuple[str, ...]] | None = None
        self._squashed: dict[str, tuple[str, ...]] | None = None

    @property
    def paths(self) -> dict[str, str]:
        """The folded vault path of each contact note without `.md` (`people/sub/bo`), and each
        end of it that still has a folder (`sub/bo`): Obsidian finds a note by the end of its
        path. An end names one contact, for it ends in the file name, which is the contact's id."""
        if self._paths is None:
            paths: dict[str, str] = {}
            for contact_id, path, _, _ in self.resolving:
                parts = fold(_strip_md(path)).split("/")
                for start in range(max(len(parts) - 1, 1)):
                    paths["/".join(parts[start:])] = contact_id
            self._paths = paths
        return self._paths

    @property
    def slugs(self) -> dict[str, tuple[str, ...]]:
        """Slug of an id, name or alias (`john-appleseed`) -> the contacts it may mean."""
        if self._slugs is None:
            self._slugs, self._squashed = self._slug_tables()
        return self._slugs

    @property
    def squashed(self) -> dict[str, tuple[str, ...]]:
        """The same without dashes (`johnappleseed`, for `#people/JohnAppleseed`)."""
        if self._squashed is None:
            self._slugs, self._squashed = self._slug_tables()
        return self._squashed

    def _slug_tables(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        slugs: dict[str, list[str]] = {}
        squashed: dict[str, list[str]] = {}
        by_id: dict[str, str] = {}
        for contact_id, _, name, aliases in self.resolving:
            by_id[slug(contact_id)] = contact_id
            for each in (contact_id, name, *aliases):
                key = slug(each)
                for table, text in ((slugs, key), (squashed, key.replace("-", ""))):
                    if text and contact_id not in (ids := table.setdefault(text, [])):
                        ids.append(contact_id)
        # As with [[links]], an id means its own contact even where another's name reads alike.
        found_slugs = {key: tuple(ids) for key, ids in slugs.items()}
        found_slugs.update({key: (contact_id,) for key, contact_id in by_id.items() if key})
        return found_slugs, {key: tuple(ids) for key, ids in squashed.items()}


# The last tables made, for what they were made from: the activity, the introductions and the
# network each resolve mentions, and a watcher's next index most often resolves them alike.
_last_links: Links | None = None


def links_of(index: Index) -> Links:
    """The tables that resolve path and tag mentions against `index`."""
    global _last_links
    resolving = _resolving(index)
    if _last_links is None or _last_links.resolving != resolving:
        _last_links = Links(resolving)
    return _last_links


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
    return [_no_note_for(path, line, tag, other_notes) for path, line, tag in sorted(first.values())]


def _no_note_for(path: str, line: int, tag: str, other_notes: dict[str, str]) -> Diagnostic:
    note = other_notes.get(slug(person_in_tag(tag) or ""))
    if note:
        return Diagnostic.warning(
            path,
            line,
            "person-without-note",
            N_("{tag} names {note}, which is not a contact note; tag it person (or move it to People/)"),
            tag=tag,
            note=note,
        )
    return Diagnostic.warning(
        path,
        line,
        "person-without-note",
        N_(
            '{tag} names no contact note; create one (vaultkit new "{name}") or link an existing note with an alias'
        ),
        tag=tag,
        name=name_from_tag(tag),
    )


def name_from_tag(tag: str) -> str:
    """`people/john-appleseed` -> `John Appleseed`: the name a note for the tag would have."""
    words = re.split(r"[-_\s]+", person_in_tag(tag) or tag)
    return " ".join(word.capitalize() if word.islower() else word for word in words if word)
