"""How vaultkit says a count and a day: one home for what templates, reports and the CLI share."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def counted(number: int, noun: str) -> str:
    """`1 attendee`, `3 attendees`: English plurals with an s, all vaultkit needs."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def day_label(day: date) -> str:
    """`Wed 2026-11-25`."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"
