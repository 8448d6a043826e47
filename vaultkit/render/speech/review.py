"""What `review` says: why someone is up for review, the choices, what was decided."""

from __future__ import annotations

from typing import Any

from vaultkit.language import _, date_text
from vaultkit.render.speech import drift
from vaultkit.reports.review import Candidate, Reason, Review


def reason(said: Reason) -> str:
    """`quieter than usual: usually every 3 weeks, now silent for 11 weeks`."""
    if said.kind == "drifted" and said.drift is not None:
        return _("quieter than usual: {figures}").format(figures=drift.figures(said.drift))
    if said.kind == "long_silent" and said.last_contact is not None:
        silence = _("{silent}, last contact {date}").format(
            silent=drift.silent_for(said.days_silent or 0), date=date_text(said.last_contact)
        )
        if said.suggestion == "archived":
            return _("{silence}; on reserve and silent for over a year: let go?").format(silence=silence)
        if said.suggestion == "reserve":
            return _("{silence}; far past the maximum: on reserve?").format(silence=silence)
        return silence
    if said.kind == "unsorted":
        if said.connected is not None:
            return _("imported and unsorted: no circle yet, connected on LinkedIn {date}").format(
                date=date_text(said.connected)
            )
        return _("imported and unsorted: no circle yet, nobody in touch")
    return _("never in touch yet")


def reasons(candidate: Candidate) -> str:
    return "; ".join(reason(said) for said in candidate.reasons)


def json_prose(result: Review, data: dict[str, Any]) -> None:
    """`why`: the reasons in words."""
    for candidate, shown in zip(result.candidates, data["candidates"]):
        shown["why"] = reasons(candidate)
