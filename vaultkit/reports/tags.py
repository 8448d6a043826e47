"""Tags: how the network is grouped, which groups are neglected, and which tags are typos.

A nested tag (`kunst/malerei`) counts for its parents (`kunst`) too, as in Obsidian. Tags that
differ only by case or accents are kept apart, so the counts show which spelling is the stray
one, and listed as variants. The tags that make a note a contact (`person`) say nothing about
the person and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vaultkit.activity import Activity, Interaction
from vaultkit.config import Config
from vaultkit.model import Contact, Index
from vaultkit.reports.common import standing
from vaultkit.values import fold

SCHEMA = "vaultkit.tags/1"


@dataclass(frozen=True)
class Member:
    contact: str
    name: str


@dataclass(frozen=True)
class TagSummary:
    tag: str
    members: tuple[Member, ...]
    overdue: int
    last_interaction: Interaction | None
    last_with: Member | None  # whom that interaction was with

    @property
    def count(self) -> int:
        return len(self.members)

    def as_json(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "count": self.count,
            "members": [m.contact for m in self.members],
            "overdue": self.overdue,
            "last_interaction": self.last_interaction.date.isoformat() if self.last_interaction else None,
            "last_interaction_with": self.last_with.contact if self.last_with else None,
        }


@dataclass(frozen=True)
class Tags:
    today: date
    tags: tuple[TagSummary, ...]
    untagged: tuple[Member, ...]
    variants: tuple[tuple[str, ...], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "tags": [tag.as_json() for tag in self.tags],
            "untagged": [m.contact for m in self.untagged],
            "variants": [list(group) for group in self.variants],
        }

    def csv_rows(self) -> tuple[list[str], list[list[Any]]]:
        header = ["tag", "count", "overdue", "last_interaction", "last_interaction_with", "members"]
        rows = [
            [
                t.tag,
                t.count,
                t.overdue,
                t.last_interaction.date.isoformat() if t.last_interaction else "",
                t.last_with.contact if t.last_with else "",
                "; ".join(m.contact for m in t.members),
            ]
            for t in self.tags
        ]
        return header, rows


def tags(index: Index, activity: Activity, config: Config) -> Tags:
    today = activity.today
    markers = {fold(tag.lstrip("#")) for tag in config.contact_tags}
    members: dict[str, list[Contact]] = {}
    untagged: list[Member] = []
    overdue: set[str] = set()
    for contact in sorted(index.contacts.values(), key=lambda c: fold(c.name)):
        mine = activity.of(contact.id)
        where = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
        if where.state == "overdue":
            overdue.add(contact.id)
        own = activity.per_contact("tags", contact, config, contact_tags, contact, markers)
        if not own:
            untagged.append(Member(contact.id, contact.name))
        for tag in own:
            members.setdefault(tag, []).append(contact)
    summaries = tuple(
        _summary(tag, members[tag], activity, overdue) for tag in sorted(members, key=lambda t: (fold(t), t))
    )
    return Tags(today, summaries, tuple(untagged), variants(members))


def contact_tags(contact: Contact, markers: set[str]) -> list[str]:
    """The contact's tags and their parents (`a/b/c` also counts for `a/b` and `a`), each once."""
    found: list[str] = []
    for written in contact.tags:
        tag = written.strip().lstrip("#").strip("/")
        if not tag or fold(tag).split("/")[0] in markers:
            continue
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix not in found:
                found.append(prefix)
    return found


def variants(tag_names: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """Groups of tags that differ only by case or accents: `kunst`, `Kunst`, `künst`."""
    by_key: dict[str, list[str]] = {}
    for tag in tag_names:
        by_key.setdefault(fold(tag), []).append(tag)
    return tuple(tuple(sorted(group)) for _, group in sorted(by_key.items()) if len(group) > 1)


def _summary(tag: str, contacts: list[Contact], activity: Activity, overdue: set[str]) -> TagSummary:
    latest: tuple[Interaction, Member] | None = None
    for contact in contacts:
        last = activity.of(contact.id).last()
        if last and (latest is None or last.date > latest[0].date):
            latest = (last, Member(contact.id, contact.name))
    return TagSummary(
        tag,
        tuple(Member(c.id, c.name) for c in contacts),
        sum(c.id in overdue for c in contacts),
        latest[0] if latest else None,
        latest[1] if latest else None,
    )
