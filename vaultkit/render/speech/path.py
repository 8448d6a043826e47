"""What `path` says: why each link of a chain holds."""

from __future__ import annotations

from typing import Any

from vaultkit.language import _, date_text
from vaultkit.reports.network.graph import Link
from vaultkit.reports.network.paths import Chain, Paths


def link(why: Link) -> str:
    """`Ann knows Tom`, `Tom introduced Ann`, `Ann is at Hansa`, `Ann and Tom are both at
    Hansa`, `Ann and Tom were at 2026-11-05 Stammtisch Kiel`."""
    if why.kind == "knows":
        return _("{a} knows {b}").format(a=why.a, b=why.b)
    if why.kind == "introduced":
        return _("{a} introduced {b}").format(a=why.a, b=why.b)
    if why.kind == "works_at":
        return _("{a} is at {org}").format(a=why.a, org=why.place)
    if why.kind == "colleagues":
        return _("{a} and {b} are both at {org}").format(a=why.a, b=why.b, org=why.place)
    if why.on is not None:
        return _("{a} and {b} were at {meeting} ({date})").format(
            a=why.a, b=why.b, meeting=why.place, date=date_text(why.on)
        )
    return _("{a} and {b} were at {meeting}").format(a=why.a, b=why.b, meeting=why.place)


def links(chain: Chain) -> list[str]:
    """Why each link of `chain` holds, one per step."""
    return [link(why) for why in chain.because]


def json_prose(result: Paths, data: dict[str, Any]) -> None:
    """`because`: why each link of a chain holds, in words."""
    for chain, shown in zip(result.chains, data["chains"]):
        shown["because"] = links(chain)
