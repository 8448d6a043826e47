"""A rhythm and a silence beyond it in words, as the agenda and `stale` say them:
`usually every 3 weeks, now silent for 11 weeks`, `sonst alle 3 Wochen, jetzt seit 11 Wochen still`."""

from __future__ import annotations

from vaultkit.language import _, n_, number
from vaultkit.reports.drift import Drift

# A span of days is said in days below two weeks (but a week), in weeks below thirteen, in months
# below two years, then in years: `every 10 days`, `every week`, `every 3 weeks`, `silent for 4 months`.
_WEEKS_FROM, _MONTHS_FROM, _YEARS_FROM = 14, 91, 730
_DAYS_IN_MONTH = 365.25 / 12


def _span(days: int) -> tuple[str, int]:
    if days < _WEEKS_FROM and days != 7:
        return "d", days
    if days < _MONTHS_FROM:
        return "w", round(days / 7)
    if days < _YEARS_FROM:
        return "m", round(days / _DAYS_IN_MONTH)
    return "y", round(days / 365.25)


def every(days: int) -> str:
    """`every 3 weeks`, `alle 3 Wochen`; `every week`, `jede Woche`."""
    unit, count = _span(days)
    said = {
        "d": n_("every day", "every {count} days", count),
        "w": n_("every week", "every {count} weeks", count),
        "m": n_("every month", "every {count} months", count),
        "y": n_("every year", "every {count} years", count),
    }[unit]
    return said.format(count=number(count))


def silent_for(days: int) -> str:
    """`silent for 11 weeks`, `seit 11 Wochen still`."""
    unit, count = _span(days)
    said = {
        "d": n_("silent for {count} day", "silent for {count} days", count),
        "w": n_("silent for {count} week", "silent for {count} weeks", count),
        "m": n_("silent for {count} month", "silent for {count} months", count),
        "y": n_("silent for {count} year", "silent for {count} years", count),
    }[unit]
    return said.format(count=number(count))


def usually(drift: Drift) -> str:
    """`usually every 3 weeks`, `sonst alle 3 Wochen`."""
    return _("usually {every}").format(every=every(drift.usual_gap_days))


def figures(drift: Drift) -> str:
    """`usually every 3 weeks, now silent for 11 weeks`."""
    return _("usually {every}, now {silent}").format(
        every=every(drift.usual_gap_days), silent=silent_for(drift.silent_days)
    )
