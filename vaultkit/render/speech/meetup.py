"""What `meetup` says: what a group shares, why each person is in it, what they would get from
the others; and the agenda's line about the best group."""

from __future__ import annotations

from typing import Any

from vaultkit.language import N_, _, date_text
from vaultkit.render.speech import intros, path
from vaultkit.reports.network.meetup import Ground, Meetups, Member, Proposal, Tie
from vaultkit.values import fold
from vaultkit.words import counted, listed

_GROUNDS = {
    "place": N_("in {name}"),
    "org": N_("at {name}"),
    "tag": N_("tagged #{name}"),
    "circle": N_("in the {name} circle"),
}
_WANTS = {
    "overdue": N_("overdue, last contact {date}"),
    "due": N_("due, last contact {date}"),
    "drifting": N_("quieter than usual, last contact {date}"),
}


def ground(where: Ground) -> str:
    """`in Kiel`, `at Galerie Nord`, `tagged #kunst`, `in the close circle`."""
    return _(_GROUNDS[where.kind]).format(name=where.name)


def where(proposal: Proposal) -> str:
    """What names the group: its place, else its org, tag or circle as its first ground says."""
    first = proposal.shared[0]
    if first.kind == "tag":
        return f"#{first.name}"
    if first.kind == "circle":
        return _("the {name} circle").format(name=first.name)
    return first.name


def title(proposal: Proposal) -> str:
    """`Kiel: 6 people`."""
    return _("{where}: {people}").format(
        where=where(proposal), people=counted(len(proposal.members), "person", "people")
    )


def shared(proposal: Proposal) -> str:
    """`all in Kiel and tagged #kiel`."""
    return _("all {shared}").format(shared=listed([ground(g) for g in proposal.shared]))


def links(proposal: Proposal) -> list[str]:
    """How they know each other: `Jonas Petersen knows Lukas Meyer`, one line a pair."""
    return [path.link(tie.link) for tie in proposal.ties if tie.link is not None]


def because(proposal: Proposal) -> list[str]:
    """What brings them together: what they all share, then how they know each other."""
    return [shared(proposal), *links(proposal)]


def why(member: Member) -> str:
    """Why they are in it: `overdue, last contact 2026-06-24`."""
    return _(_WANTS[member.wants]).format(date=date_text(member.last) if member.last else "?")


def gets(member: Member) -> list[str]:
    """What they would get from the others: `looking for Illustration: Marie Lefèvre offers
    Illustration`, `into Hunde, like Katrin Vogel`."""
    name = member.contact.name
    found = [
        _("looking for {need}: {other} offers {offer}").format(need=r.what, other=r.other, offer=r.offer)
        for r in member.gets
        if r.kind == "need"
    ]
    sharing: dict[str, tuple[str, list[str]]] = {}  # folded interest -> as first written, with whom
    for reason in member.gets:
        if reason.kind == "interest":
            other = reason.other if reason.who == name else reason.who
            sharing.setdefault(fold(reason.what), (reason.what, []))[1].append(other or "")
    found += [
        _("into {interest}, like {others}").format(interest=interest, others=listed(sorted(others)))
        for interest, others in sharing.values()
    ]
    return found


def gives(member: Member) -> list[str]:
    """What they could give the others: `could help Carla Jensen with Illustration`."""
    return [
        _("could help {who} with {offer}").format(who=r.who, offer=r.offer)
        for r in member.gives
        if r.kind == "need"
    ]


def tie(between: Tie) -> list[str]:
    """Everything between two of them, in words: the link, then each reason."""
    said = [path.link(between.link)] if between.link else []
    return [*said, *(intros.reason(reason) for reason in between.reasons)]


def names(proposal: Proposal) -> str:
    return listed([member.contact.name for member in proposal.members])


def agenda_line(proposal: Proposal) -> str:
    """The agenda's line: `Carla Jensen, … and Stefan Krüger are all in Kiel: see them together
    instead of one by one (vaultkit meetup)`."""
    return _("{names} are {shared}: see them together instead of one by one (vaultkit meetup)").format(
        names=names(proposal), shared=shared(proposal)
    )


def json_prose(result: Meetups, data: dict[str, Any]) -> None:
    """Each proposal's `title` and `because`, each member's `why`, `gets` and `gives`, each tie's
    `because`, in words."""
    for proposal, shown in zip(result.proposals, data["proposals"]):
        proposal_prose(proposal, shown)


def proposal_prose(proposal: Proposal, shown: dict[str, Any]) -> None:
    shown["title"] = title(proposal)
    shown["because"] = because(proposal)
    for member, said in zip(proposal.members, shown["members"]):
        said["why"] = why(member)
        said["gets"] = gets(member)
        said["gives"] = gives(member)
    for between, said in zip(proposal.ties, shown["ties"]):
        said["because"] = tie(between)
