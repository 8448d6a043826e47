"""`vaultkit meetup`: whom to see together instead of one by one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_
from vaultkit.reports.network.meetup import LARGEST, LIMIT, SMALLEST, meetups


@click.command(
    "meetup",
    help=N_(
        "Meet-ups: small groups of due contacts to see together instead of one by one.\n\n"
        "Everyone in a group is due, overdue or quieter than usual, and all share a place, an org, "
        "a tag or a circle; those who know each other or could help each other go together first. "
        "Each person is in one group only."
    ),
)
@click.option(
    "--size",
    type=click.IntRange(SMALLEST, 20),
    default=LARGEST,
    show_default=True,
    help=N_("How many people one group has at most."),
)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=LIMIT,
    show_default=True,
    help=N_("How many groups to propose at most."),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, size: int, limit: int, today: date, fmt: str, output: Path | None) -> None:
    emit(
        session,
        "meetup",
        lambda: meetups(session.index, session.activity(today), session.config, size, limit),
        fmt,
        output,
    )
