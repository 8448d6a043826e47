"""A stand-in for the pictures (Network.svg, Layers.svg, Year.svg) with their interface: each
contact a `<g class="person" data-contact=…>` on one ring around `<g class="me">`."""

from __future__ import annotations

import math
from html import escape

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Index


def pictures(index: Index, activity: Activity, config: Config) -> dict[str, str]:
    people = [c for c in index.contacts.values() if c.status != "archived"]
    size = 400
    drawn = []
    for n, contact in enumerate(sorted(people, key=lambda c: c.id)):
        angle = 2 * math.pi * n / max(len(people), 1)
        x, y = size / 2 + 150 * math.cos(angle), size / 2 + 150 * math.sin(angle)
        name = escape(contact.name)
        drawn.append(
            f'<g class="person" data-contact="{escape(contact.path)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
            f'<title>{name}</title><text x="{x:.1f}" y="{y - 9:.1f}">{name}</text></g>'
        )
    network = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}">'
        f'<g class="me"><circle cx="{size / 2}" cy="{size / 2}" r="8"/></g>{"".join(drawn)}</svg>'
    )
    box = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><rect width="200" height="100" fill="none" stroke="currentColor"/></svg>'
    return {"Network.svg": network, "Layers.svg": box, "Year.svg": box}
