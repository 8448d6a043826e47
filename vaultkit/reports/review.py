"""Review: who is up for the periodic review of your network, and why.

One rule says who comes up; each reason is data (`Reason`), said in words by the render layer:

- `long_silent`: no contact for over a year, or one `stale` suggests moving on from (far past
  the maximum: on reserve?; on reserve and silent for over a year: archive?).
- `drifted`: silent far beyond the contact's own rhythm (`vaultkit.reports.drift`, as `stale`
  lists it under "quieter than usual").
- `unsorted`: imported and left as it came: no circle, no cadence of its own or by a tag,
  nothing written of how you know them (`how_met`), and nobody in touch. Import marks nothing
  as imported: it fills in the contact template with what the source knew (a LinkedIn
  connection's day as `connected`, which is no contact) and leaves circle, cadence and how you
  met to you, so this is what a note it creates is until you sort it. (A template that sets a circle sorts imported notes into it; they come up
  as never contacted instead.)
- `never_contacted`: nobody has been in touch yet (`common.never_in_touch`), though the contact
  has a place.

Not up for review: archived, paused and snoozed contacts (someone decided about them already),
notes not read completely (nothing can be decided, or written, until `vaultkit check`'s problem
is fixed), and contacts reviewed within `REVIEW_HOLDS` (their `reviewed` date): keeping someone holds for
half a year. The most in need of a decision come first: the long silent (longest first), then
the drifted (furthest beyond their rhythm first), the unsorted, the never contacted (by name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from vaultkit.activity import Activity
from vaultkit.cadence import add
from vaultkit.config import Config
from vaultkit.model import Contact, Duration, Index
from vaultkit.reports.common import DECIDED, Standing, never_in_touch, standing
from vaultkit.reports.drift import Drift
from vaultkit.reports.stale import Suggestion, stale
from vaultkit.values import fold

SCHEMA = "vaultkit.review/1"
# How long a review holds: a contact you decided to keep comes up again after this.
REVIEW_HOLDS = Duration(6, "m")
# No contact for longer than this is a long silence, whatever the cadence says.
LONG_SILENCE = Duration(1, "y")

Kind = Literal["long_silent", "drifted", "unsorted", "never_contacted"]
# The order of need: who comes first in a review.
KINDS: tuple[Kind, ...] = ("long_silent", "drifted", "unsorted", "never_contacted")


@dataclass(frozen=True)
class Reason:
    """Why a contact is up for review. `last_contact` and `days_silent` for the silent ones;
    `suggestion` what `stale` suggests for a long silence; `drift` the rhythm a drifted contact
    left; `connected` the day of a LinkedIn connection (no contact) of an unsorted one."""

    kind: Kind
    last_contact: date | None = None
    days_silent: int | None = None
    suggestion: Suggestion | None = None
    drift: Drift | None = None
    connected: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "last_contact": _iso(self.last_contact),
            "days_silent": self.days_silent,
            "suggestion": self.suggestion,
            "rhythm": self.drift.as_json() if self.drift else None,
            "connected": _iso(self.connected),
        }


@dataclass(frozen=True)
class Candidate:
    """A contact up for review, with its reasons, the most pressing first."""

    contact: str
    name: str
    path: str
    circle: str | None
    status: str
    reviewed: date | None  # an earlier review, long enough ago to hold no more
    reasons: tuple[Reason, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact,
            "name": self.name,
            "path": self.path,
            "circle": self.circle,
            "status": self.status,
            "reviewed": _iso(self.reviewed),
            "reasons": [reason.as_json() for reason in self.reasons],
        }


@dataclass(frozen=True)
class Resting:
    """A contact that would be up for review, but was reviewed recently: up again on `again`."""

    contact: str
    name: str
    reviewed: date
    again: date


@dataclass(frozen=True)
class Review:
    today: date
    candidates: tuple[Candidate, ...]  # the first `limit`, if one was given
    total: int  # how many are up for review, with or without a limit
    resting: tuple[Resting, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "holds": str(REVIEW_HOLDS),
            "total": self.total,
            "candidates": [candidate.as_json() for candidate in self.candidates],
            "reviewed_recently": [
                {
                    "contact": r.contact,
                    "name": r.name,
                    "reviewed": r.reviewed.isoformat(),
                    "again": r.again.isoformat(),
                }
                for r in self.resting
            ],
        }


def review(index: Index, activity: Activity, config: Config, limit: int | None = None) -> Review:
    """Who is up for review on `activity.today`, most in need of a decision first."""
    today = activity.today
    listed = stale(index, activity, config)
    suggested = {d.contact: d.suggestion for group in listed.groups for d in group.contacts}
    drifting = {d.contact: d.drift for d in listed.drifting}
    candidates: list[Candidate] = []
    resting: list[Resting] = []
    for contact in index.contacts.values():
        where = activity.per_contact(
            "standing", contact, config, standing, contact, activity.of(contact.id), config, today
        )
        if where.state in DECIDED or contact.incomplete:
            continue
        reasons = _reasons(contact, where, today, suggested.get(contact.id), drifting.get(contact.id))
        if not reasons:
            continue
        if contact.reviewed is not None and today < (again := add(contact.reviewed, REVIEW_HOLDS)):
            resting.append(Resting(contact.id, contact.name, contact.reviewed, again))
            continue
        candidates.append(
            Candidate(
                contact.id,
                contact.name,
                contact.path,
                contact.circle,
                contact.status,
                contact.reviewed,
                reasons,
            )
        )
    candidates.sort(key=_need)
    resting.sort(key=lambda r: (r.again, fold(r.name)))
    chosen = candidates if limit is None else candidates[:limit]
    return Review(today, tuple(chosen), len(candidates), tuple(resting))


def _reasons(
    contact: Contact,
    where: Standing,
    today: date,
    suggestion: Suggestion | None,
    drift: Drift | None,
) -> tuple[Reason, ...]:
    last = where.last
    if last is None:
        if not never_in_touch(where):
            return ()
        kind: Kind = "unsorted" if unsorted(contact, where) else "never_contacted"
        return (Reason(kind, connected=contact.connected),)
    silent = (today - last.date).days
    reasons = []
    if suggestion is not None or today > add(last.date, LONG_SILENCE):
        reasons.append(Reason("long_silent", last.date, silent, suggestion))
    if drift is not None:
        reasons.append(Reason("drifted", last.date, silent, drift=drift))
    return tuple(reasons)


def unsorted(contact: Contact, where: Standing) -> bool:
    """Nobody placed the contact, as an import leaves it: no circle, no cadence of its own or by
    a tag, and nothing said of how you know them."""
    by_default = where.cadence is None or where.cadence.source == "default"
    return not contact.circle and contact.cadence is None and by_default and not contact.how_met


def _need(candidate: Candidate) -> tuple[int, float, str]:
    """Most in need of a decision first: by the kind of the first reason, then the longest
    silence (or the furthest beyond the rhythm), then by name."""
    first = candidate.reasons[0]
    if first.drift is not None:
        urgency = first.drift.silent_days / first.drift.usual_gap_days
    else:
        urgency = float(first.days_silent or 0)
    return KINDS.index(first.kind), -urgency, fold(candidate.name)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
