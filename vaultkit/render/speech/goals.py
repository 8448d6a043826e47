"""What `goals` says: why a contact can help with a goal, who could introduce you, and where
to look when nobody can."""

from __future__ import annotations

from typing import Any

from vaultkit.language import _, date_text, n_, number
from vaultkit.render.speech.path import link
from vaultkit.reports.network.goals import GoalAnswer, Goals, Helper, Near
from vaultkit.reports.network.serves import Match


def match(found: Match) -> str:
    """`offers fundraising advice`, `role Founder & CEO`, `at Northwind Labs`, `tag segeln`,
    `into Segeln`."""
    said = {
        "offers": _("offers {value}"),
        "role": _("role {value}"),
        "org": _("at {value}"),
        "tags": _("tag {value}"),
        "interests": _("into {value}"),
    }[found.field]
    return said.format(value=found.value)


def because(helper: Helper) -> str:
    """`offers Segelkurs, Bootsreparatur; role Segellehrer; tag segeln`."""
    return matches(helper.because)


def matches(found_all: tuple[Match, ...]) -> str:
    """What meets a goal, each field once: `offers Segelkurs, Bootsreparatur; tag segeln`."""
    by_field: dict[str, list[Match]] = {}
    for found in found_all:
        by_field.setdefault(found.field, []).append(found)
    return "; ".join(
        match(Match(found[0].field, ", ".join(m.value for m in found), found[0].keyword))
        for found in by_field.values()
    )


def introduction(helper: Helper) -> str:
    """Who could introduce you to a helper you have not been in touch with for long, or ever;
    empty when you are in touch or nobody is linked to them."""
    if helper.introducer is None or helper.link is None:
        return ""
    if helper.last is None:
        said = _("never in touch: {introducer} could introduce you ({link})")
    else:
        said = _("last contact {date}: {introducer} could introduce you ({link})")
    return said.format(
        date=date_text(helper.last) if helper.last else "",
        introducer=helper.introducer.name,
        link=link(helper.link),
    )


def near(found: Near) -> str:
    """`tag segeln (2 contacts)`, `event Kunstnacht Kiel (4 people)`."""
    if found.kind == "event":
        return n_("event {name} ({count} person)", "event {name} ({count} people)", found.people).format(
            name=found.name, count=number(found.people)
        )
    said = (
        n_("tag {name} ({count} contact)", "tag {name} ({count} contacts)", found.people)
        if found.kind == "tag"
        else n_("org {name} ({count} contact)", "org {name} ({count} contacts)", found.people)
    )
    return said.format(name=found.name, count=number(found.people))


def nearest(answer: GoalAnswer) -> str:
    """The tags, orgs and events nearest a goal nobody serves, in a line."""
    return ", ".join(near(found) for found in answer.nearest)


def json_prose(result: Goals, data: dict[str, Any]) -> None:
    """`because` and `introduction` of each helper, `nearest[].said`: in words."""
    for answer, shown in zip(result.answers, data["goals"]):
        for helper, helper_shown in zip(answer.helpers, shown["helpers"]):
            helper_shown["said"] = because(helper)
            helper_shown["introduction"] = introduction(helper) or None
        for found, near_shown in zip(answer.nearest, shown["nearest"]):
            near_shown["said"] = near(found)
