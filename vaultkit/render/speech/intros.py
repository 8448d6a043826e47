"""What `intros` says: why two people could help each other, and how they know each other."""

from __future__ import annotations

from typing import Any

from vaultkit.language import _, n_, number
from vaultkit.render.speech import path
from vaultkit.reports.network.intros import BEST_PER_TERM, Intro, Intros, Reason


def reason(why: Reason) -> str:
    """`Marie needs Ausstellungsort — Jürgen offers Ausstellungsort`, `both are into Jazz`."""
    if why.kind == "interest":
        return _("both are into {interest}").format(interest=why.what)
    return _("{who} needs {need} — {other} offers {offer}").format(
        who=why.who, need=why.what, other=why.other, offer=why.offer
    )


def reasons(intro: Intro) -> list[str]:
    return [reason(why) for why in intro.because]


def connected(intro: Intro) -> str:
    """How the two already know each other: `Jürgen introduced Marie`; empty when they do not."""
    return path.link(intro.connected) if intro.connected else ""


def crowded(result: Intros) -> str:
    """What was left off, and how to see it; empty when nothing was."""
    if not result.crowded:
        return ""
    return n_(
        "Only the {best} best partners of each need and interest are shown; one of them has more"
        " people who fit. `vaultkit intros --for NAME` lists all of one person's.",
        "Only the {best} best partners of each need and interest are shown; {count} of them have more"
        " people who fit. `vaultkit intros --for NAME` lists all of one person's.",
        len(result.crowded),
    ).format(best=BEST_PER_TERM, count=number(len(result.crowded)))


def json_prose(result: Intros, data: dict[str, Any]) -> None:
    """`because` and `connected`, in words."""
    data["items"] = map(_intro_json, result.items, data["items"])


def _intro_json(intro: Intro, shown: dict[str, Any]) -> dict[str, Any]:
    shown["because"] = reasons(intro)
    shown["connected"] = connected(intro) or None
    return shown
