"""What `hubs` says: which groups a hub brings together, whom a bridge alone links to the rest,
and what a group's people share.

Names go through `person` (a contact: its name in text, a wikilink in Markdown) and `text`
(anything else: as it is in text, escaped in Markdown, where `#kunst` would become a tag).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vaultkit.language import _, n_, number
from vaultkit.model import Contact
from vaultkit.reports.network.hubs import Bridge, Group, Hub, Hubs
from vaultkit.words import first_few, listed

Person = Callable[[Contact], object]
Text = Callable[[str], object]


def _name(contact: Contact) -> str:
    return contact.name


def _plain(value: str) -> str:
    return value


def group(found: Group, result: Hubs, person: Person = _name, text: Text = _plain) -> str:
    """`the people at Galerie Nord`, `the people in Kiel`, `your #kunst contacts`, `the people
    around Anke Brandt`; a group that shares nothing: its people."""
    label = found.label
    if label is None:
        return people(found, person, text)
    if label.kind == "org":
        return _("the people at {org}").format(org=text(label.value))
    if label.kind == "place":
        return _("your contacts in {place}").format(place=text(label.value))
    if label.kind == "tag":
        return _("your {tag} contacts").format(tag=text("#" + label.value))
    return _("the people around {name}").format(name=_member(label.value, found, person, text))


def _with_group(found: Group, person: Person, text: Text) -> str:
    """The same, after `with`: German puts it in the dative."""
    label = found.label
    assert label is not None  # groups are always named; only a cut-off part may share nothing
    if label.kind == "org":
        return _("with the people at {org}").format(org=text(label.value))
    if label.kind == "place":
        return _("with your contacts in {place}").format(place=text(label.value))
    if label.kind == "tag":
        return _("with your {tag} contacts").format(tag=text("#" + label.value))
    return _("with the people around {name}").format(name=_member(label.value, found, person, text))


def _member(contact_id: str, found: Group, person: Person, text: Text) -> str:
    contact = next((c for c in found.contacts if c.id == contact_id), None)
    return str(person(contact)) if contact else str(text(contact_id))


def heading(found: Group, result: Hubs, person: Person = _name, text: Text = _plain) -> str:
    """A group as a list item begins: `The people at Galerie Nord (3)`."""
    said = group(found, result, person, text)
    return _("{group} ({count})").format(group=said[:1].upper() + said[1:], count=number(found.size))


def people(found: Group, person: Person = _name, text: Text = _plain) -> str:
    """A group's people: its contacts by name, then the people without a note of their own."""
    return first_few([*map(person, found.contacts), *map(text, found.others)])


def hub(found: Hub, result: Hubs, person: Person = _name, text: Text = _plain) -> str:
    """`Jürgen Hoffmann brings together the people around Anke Brandt and the people at Kieler
    Yacht-Club.`; a hub whose own group is named after them links `their group` with the
    others."""
    groups = [result.groups[g] for g in found.groups]
    own = [
        g
        for g in groups
        if g.label is not None and g.label.kind == "member" and g.label.value == found.contact.id
    ]
    others = [g for g in groups if g not in own]
    name = person(found.contact)
    if own:
        return _("{name} links their group {groups}.").format(
            name=name, groups=listed([_with_group(g, person, text) for g in others])
        )
    return _("{name} brings together {groups}.").format(
        name=name, groups=listed([group(g, result, person, text) for g in others])
    )


def only_through(found: Hub, person: Person = _name) -> str:
    """`6 of your contacts are linked to the rest only through Jürgen Hoffmann.`; empty when
    they could do without them."""
    if not found.only_through:
        return ""
    return n_(
        "{count} of your contacts is linked to the rest only through {name}.",
        "{count} of your contacts are linked to the rest only through {name}.",
        found.only_through,
    ).format(count=number(found.only_through), name=person(found.contact))


def bridge(found: Bridge, result: Hubs, person: Person = _name, text: Text = _plain) -> str:
    """`Only Katrin Vogel links your #segeln contacts with the rest of your contacts: Felix Wagner
    and Lukas Meyer.`"""
    name = person(found.contact)
    if found.cut_off.label is None:
        return _("Only {name} links {people} with the rest of your contacts.").format(
            name=name, people=people(found.cut_off, person, text)
        )
    return _("Only {name} links {group} with the rest of your contacts: {people}.").format(
        name=name,
        group=group(found.cut_off, result, person, text),
        people=people(found.cut_off, person, text),
    )


def sampled(result: Hubs) -> str:
    """How exact the hubs are: empty when betweenness was counted over everyone."""
    if result.sampled is None:
        return ""
    return _(
        "A large network: how much runs through each person is estimated from the shortest ways "
        "of {count} people, the same ones every time."
    ).format(count=number(result.sampled))


def json_prose(result: Hubs, data: dict[str, Any]) -> None:
    """`because` of each hub and bridge and `named` of each group and cut-off part, in words."""
    for each_hub, shown in zip(result.hubs, data["hubs"]):
        shown["because"] = " ".join(filter(None, (hub(each_hub, result), only_through(each_hub))))
    for each_bridge, shown in zip(result.bridges, data["bridges"]):
        shown["because"] = bridge(each_bridge, result)
        shown["cut_off"]["named"] = group(each_bridge.cut_off, result)
    for each_group, shown in zip(result.groups, data["groups"]):
        shown["named"] = group(each_group, result)
