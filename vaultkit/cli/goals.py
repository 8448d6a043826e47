"""`vaultkit goals`: your goals, worked backwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.network.goals import Goals


@click.command(
    "goals",
    help=N_(
        "Your goals, worked backwards: who can help with each, who could introduce you.\n\n"
        "Goals are listed in your own note ([me] note) under goals:, a short text each with "
        "keywords in brackets. A goal nobody serves names the tags, orgs and events nearest it."
    ),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Goals:
        from vaultkit.reports.network.goals import goals
        from vaultkit.reports.network.graph import network

        activity = session.activity(today)
        return goals(session.index, activity, session.config, network(session.index, activity))

    emit(session, "goals", produce, fmt, output)
