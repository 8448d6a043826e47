"""What `event` says of each guest: what to talk about, and who could introduce you."""

from __future__ import annotations

from typing import Any

from vaultkit.language import _, number
from vaultkit.render.speech import path
from vaultkit.render.speech.points import talking_point
from vaultkit.reports.event import Event, Guest
from vaultkit.reports.network.paths import Chain
from vaultkit.words import counted


def talking_points(guest: Guest) -> list[str]:
    """Interests, needs, what you could give, the last topic and your news: `interests: Jazz,
    Radfahren`."""
    return [talking_point(point) for point in guest.talking_points]


def links(chain: Chain) -> str:
    """Why each link of the chain holds: `Ann knows Tom; Tom and Lena were at …`."""
    return "; ".join(path.links(chain))


def summary(event: Event) -> str:
    """`7 attendees, 3 you know, 2 you could be introduced to`."""
    return _("{attendees}, {known} you know, {reachable} you could be introduced to").format(
        attendees=counted(len(event.guests), "attendee", "attendees"),
        known=number(len(event.of_status("contact"))),
        reachable=number(len(event.of_status("via"))),
    )


def json_prose(result: Event, data: dict[str, Any]) -> None:
    """`talking_points`, and `because` of each chain, in words."""
    for guest, shown in zip(result.guests, data["attendees"]):
        shown["talking_points"] = talking_points(guest)
        for chain, said in zip(guest.via, shown["chains"]):
            said["because"] = path.links(chain)
