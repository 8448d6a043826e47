"""Drift: a contact's own rhythm, and a silence far beyond it.

A contact's rhythm is the median gap between the latest interaction days with them. A silence
far beyond it is named (by the agenda and by `stale`) even when the cadence is not due yet: the
cadence says how often you mean to be in touch, the rhythm says how often you were.

The cadence comes first: a contact it puts on the agenda (due or overdue) or in `stale` (past its
maximum) is named there, by its cadence, and drift names only the others. Contacts someone has
decided about (archived, paused, snoozed, on reserve) or with no cadence at all (`none`) drift
unnamed, as they get no reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from vaultkit.activity import ContactActivity
from vaultkit.reports.common import Standing

# The rhythm is read from the latest interaction days, one gap between each two: how you keep in
# touch with someone now, not how you did ten years ago.
MEASURED_DAYS = 9
# Fewer gaps than this say nothing: two or three meetings may be chance, not a rhythm.
MIN_GAPS = 4
# A history is a rhythm when at least two thirds of its gaps lie within a factor of two of the
# usual gap (one holiday or one busy spell may break it); otherwise it is too irregular for any
# silence to be unusual.
REGULAR_SHARE = 2 / 3
REGULAR_SPREAD = 2
# Far beyond the rhythm: silent for three times the usual gap, longer than a regular gap ever
# stretches (within twice the usual one)...
FAR_BEYOND = 3
# ...and for four weeks at least: a fortnight without someone you see every few days is a
# holiday, not drift.
AT_LEAST_DAYS = 28


@dataclass(frozen=True, slots=True)
class Rhythm:
    """How often you were in touch: the usual gap in days, measured over `gaps` gaps."""

    usual_gap_days: int
    gaps: int


@dataclass(frozen=True, slots=True)
class Drift:
    """A silence far beyond the contact's rhythm: silent for `silent_days`, where the usual gap
    is `rhythm.usual_gap_days`; far beyond it since `since`."""

    rhythm: Rhythm
    silent_days: int
    since: date

    @property
    def usual_gap_days(self) -> int:
        return self.rhythm.usual_gap_days

    def as_json(self) -> dict[str, int]:
        return {
            "usual_gap_days": self.rhythm.usual_gap_days,
            "silent_days": self.silent_days,
            "gaps": self.rhythm.gaps,
        }


def rhythm(activity: ContactActivity) -> Rhythm | None:
    """The contact's rhythm, or None when the latest interactions are too few or too irregular
    to show one."""
    days = sorted({interaction.date for interaction in activity.interactions}, reverse=True)[:MEASURED_DAYS]
    gaps = [(later - earlier).days for later, earlier in zip(days, days[1:])]
    if len(gaps) < MIN_GAPS:
        return None
    usual = round(median(gaps))
    regular = [gap for gap in gaps if usual / REGULAR_SPREAD <= gap <= usual * REGULAR_SPREAD]
    if len(regular) < REGULAR_SHARE * len(gaps):
        return None
    return Rhythm(usual, len(gaps))


def drift(where: Standing, activity: ContactActivity, today: date) -> Drift | None:
    """The contact's silence, if it is far beyond its rhythm and its cadence does not name it
    yet (`where.state` is `ok`)."""
    if where.state != "ok" or where.last is None:
        return None
    measured = rhythm(activity)
    if measured is None:
        return None
    silent = (today - where.last.date).days
    threshold = max(FAR_BEYOND * measured.usual_gap_days, AT_LEAST_DAYS)
    if silent < threshold:
        return None
    return Drift(measured, silent, where.last.date + timedelta(days=threshold))
