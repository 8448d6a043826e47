"""`vaultkit agenda`: whom to get in touch with now, and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.agenda import Agenda


@click.command(
    "agenda",
    help=N_(
        "Whom to contact now and why: overdue and due contacts, follow-ups, birthdays, meetings.\n\n"
        "Every item says which rule put it there and gives talking points."
    ),
)
@click.option(
    "--days",
    type=click.IntRange(0, 3660),
    default=14,
    show_default=True,
    help=N_("How far ahead to look for birthdays, follow-ups and meetings."),
)
@report_options(("text", "markdown", "json", "csv", "ics"))
@click.pass_obj
def command(session: Session, days: int, today: date, fmt: str, output: Path | None) -> None:
    def produce() -> Agenda:
        from vaultkit.reports.agenda import agenda

        return agenda(session.index, session.activity(today), session.config, days)

    emit(session, "agenda", produce, fmt, output)
