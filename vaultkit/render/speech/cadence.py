"""A cadence in words, as the brief and stale say it: `network circle, every 3m, at most 6m`,
`Kreis network, alle 3 Monate, spätestens nach 6 Monaten`."""

from __future__ import annotations

from functools import lru_cache

from vaultkit.cadence import Cadence
from vaultkit.language import ENGLISH, _, n_, number, speaking
from vaultkit.model import Duration


def rule(cadence: Cadence) -> str:
    """Which rule gave the cadence: `own cadence`, `tag rule family`, `close circle`."""
    if cadence.source == "tag":
        return _("tag rule {tag}").format(tag=cadence.name)
    if cadence.source == "circle":
        return _("{circle} circle").format(circle=cadence.name)
    return _("own cadence") if cadence.source == "own" else _("vault default")


def every(period: Duration) -> str:
    """`every 3m`; `alle 3 Monate`, `jede Woche`."""
    # English says the period as the note writes it; the msgids are that form.
    if speaking() == ENGLISH:
        return f"every {period}"
    said = {
        "d": n_("every {count}d", "every {count}d", period.amount),
        "w": n_("every {count}w", "every {count}w", period.amount),
        "m": n_("every {count}m", "every {count}m", period.amount),
        "y": n_("every {count}y", "every {count}y", period.amount),
    }[period.unit]
    return said.format(count=number(period.amount))


def at_most(period: Duration) -> str:
    """`at most 6m`; `spätestens nach 6 Monaten`."""
    if speaking() == ENGLISH:
        return f"at most {period}"
    said = {
        "d": n_("at most {count}d", "at most {count}d", period.amount),
        "w": n_("at most {count}w", "at most {count}w", period.amount),
        "m": n_("at most {count}m", "at most {count}m", period.amount),
        "y": n_("at most {count}y", "at most {count}y", period.amount),
    }[period.unit]
    return said.format(count=number(period.amount))


def period(cadence: Cadence) -> str:
    """How often, without the rule: `every 2w`, `every 3m, at most 6m`."""
    said = every(cadence.ideal)
    return f"{said}, {at_most(cadence.maximum)}" if cadence.maximum else said


def described(cadence: Cadence) -> str:
    """The rule and how often: `network circle, every 3m, at most 6m`."""
    return _described(speaking(), cadence)


# The agenda says the same few cadences for thousands of items.
@lru_cache(maxsize=1024)
def _described(spoken: str, cadence: Cadence) -> str:
    return f"{rule(cadence)}, {period(cadence)}"


def under_heading(cadence: Cadence, circle: str | None) -> str:
    """The cadence under its circle's heading: `every 2w` where `inner circle, every 2w` would
    name the circle twice."""
    if cadence.source == "circle" and cadence.name == circle:
        return period(cadence)
    return described(cadence)
