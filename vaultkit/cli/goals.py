"""`vaultkit goals`: your goals, worked backwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_
from vaultkit.reports.network.goals import Goals, goals
from vaultkit.reports.network.graph import network


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
        activity = session.activity(today)
        return goals(session.index, activity, session.config, network(session.index, activity))

    emit(session, "goals", produce, fmt, output)
