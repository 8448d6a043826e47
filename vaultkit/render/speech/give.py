"""What `give` says: each idea as a sentence a person would say (`Mehmet Yılmaz is looking for
Fotografie — you offer it yourself`), and the same as a talking point under a contact's name
(`you could help: you offer Fotografie yourself`), as the agenda, `show` and `event` say it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vaultkit.language import _, date_text, day, n_
from vaultkit.model import Contact
from vaultkit.render.templates import markdown_text, wikilink
from vaultkit.reports.network.give import Give, Idea
from vaultkit.values import fold


def heading(give: Give) -> str:
    """`What you could do for people on Sat 2026-11-21, best first`."""
    if give.focus is not None:
        return _("What you could do for {name} on {day}, best first").format(
            name=give.focus.name, day=day(give.today)
        )
    return _("What you could do for people on {day}, best first").format(day=day(give.today))


def nothing(give: Give) -> str:
    """Said when there is no idea at all."""
    if give.focus is not None:
        return _(
            "Nothing to give {name} right now: neither you nor your contacts offer what they are "
            "looking for, and you have not only taken from them."
        ).format(name=give.focus.name)
    return _(
        "Nothing to give right now: nobody is looking for what you or a contact of yours offers, "
        "and nobody has only given to you."
    )


def own_offers(give: Give) -> str:
    """How to make your own offers count, when they do not yet; empty when they do."""
    if give.owner is None:
        return _(
            "Your own offers count once you have a note of your own: name it in .vaultkit.toml as "
            '[me] note = "People/Me.md", and list your offers: in its front matter.'
        )
    if not give.owner.offers:
        return _(
            "Your note {path} offers nothing yet: list your offers: in its front matter, and they count too."
        ).format(path=give.owner.path)
    return ""


def more(give: Give) -> str:
    """`and 12 more ideas; without --limit you see them all`; empty when none was left off."""
    if not give.more:
        return ""
    return n_(
        "and {count} more idea; without --limit you see them all",
        "and {count} more ideas; without --limit you see them all",
        give.more,
    ).format(count=give.more)


def said(idea: Idea) -> str:
    """The idea as a sentence, names and words as the notes give them."""
    return _sentence(idea, lambda contact: contact.name, str)


def said_markdown(idea: Idea) -> str:
    """The same with the people as `[[wikilinks]]` and the notes' words as inline Markdown."""
    return _sentence(idea, lambda contact: wikilink(contact.id, contact.name), markdown_text)


def _sentence(idea: Idea, person: Callable[[Contact], str], words: Callable[[str], str]) -> str:
    name = person(idea.contact)
    need, offer = words(idea.need or ""), words(idea.offer or "")
    if idea.kind == "offer":
        if fold(idea.need or "") == fold(idea.offer or ""):
            return _("{name} is looking for {need} — you offer it yourself").format(name=name, need=need)
        return _("{name} is looking for {need} — you offer {offer} yourself").format(
            name=name, need=need, offer=offer
        )
    if idea.kind == "intro" and idea.other is not None:
        other = person(idea.other)
        if idea.mutual:
            return _(
                "{name} and {other} can help each other: {name} is looking for {need}, {other} for "
                "{their_need}; introduce them"
            ).format(name=name, other=other, need=need, their_need=words(idea.their_need or ""))
        if fold(idea.need or "") == fold(idea.offer or ""):
            return _("{name} is looking for {need}: {other} offers it; introduce the two").format(
                name=name, need=need, other=other
            )
        return _("{name} is looking for {need}: {other} offers {offer}; introduce the two").format(
            name=name, need=need, other=other, offer=offer
        )
    last = date_text(idea.last_got) if idea.last_got else ""
    return n_(
        "{name} has helped you once, on {date}, and you haven't given anything back yet",
        "{name} has helped you {count} times, last on {date}, and you haven't given anything back yet",
        idea.taken,
    ).format(name=name, count=idea.taken, date=last)


def point(idea: Idea) -> str:
    """The idea as a talking point under the contact's name: `you could help: Nadine Schulz
    offers Fotografie; introduce the two`."""
    if idea.kind == "offer":
        return _("you could help: you offer {offer} yourself").format(offer=idea.offer)
    if idea.kind == "intro" and idea.other is not None:
        if idea.mutual:
            return _(
                "you could help: {other} offers {offer} and is looking for {their_need}; introduce the two"
            ).format(other=idea.other.name, offer=idea.offer, their_need=idea.their_need)
        return _("you could help: {other} offers {offer}; introduce the two").format(
            other=idea.other.name, offer=idea.offer
        )
    last = date_text(idea.last_got) if idea.last_got else ""
    return n_(
        "your turn to give: they helped you on {date}",
        "your turn to give: they helped you {count} times, last on {date}",
        idea.taken,
    ).format(count=idea.taken, date=last)


def json_prose(result: Give, data: dict[str, Any]) -> None:
    """Each idea's `said`: the sentence the text report shows."""
    for idea, shown in zip(result.ideas, data["ideas"]):
        shown["said"] = said(idea)
