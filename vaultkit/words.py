"""How vaultkit says a count and a day: one home for what templates, reports and the CLI share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# A list of names on one line in a text or Markdown report stops after this many, then says how
# many more; JSON always has them all.
FIRST_FEW = 8

T = TypeVar("T")


def counted(number: int, noun: str) -> str:
    """`1 attendee`, `3 attendees`: English plurals with an s, all vaultkit needs."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def day_label(day: date) -> str:
    """`Wed 2026-11-25`."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def listed(items: list[str] | tuple[str, ...], conjunction: str = "and", *, limit: int | None = None) -> str:
    """`a`, `a and b`, `a, b and c`; beyond `limit` items, `a, b, c and 9 more`."""
    if limit is not None and len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def first_few(items: Iterable[T], say: Callable[[T], object] = str) -> str:
    """The first FIRST_FEW items, each as `say` puts it, and how many more: `a, b, …, h and 101 more`."""
    return listed([str(say(item)) for item in items], limit=FIRST_FEW)


def shown(value: object) -> str:
    """A value someone wrote (in a note, the config or an import), as a message quotes it:
    text in quotes, `true`, `2026-11-21`, `a list ('x', 'y')`; never as Python writes it."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return f"a list ({', '.join(shown(item) for item in value)})" if value else "an empty list"
    if isinstance(value, dict):
        pairs = ", ".join(f"{key}: {shown(item)}" for key, item in value.items())
        return f"key: value pairs ({pairs})" if value else "{}"
    return str(value)
