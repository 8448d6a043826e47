"""`vaultkit reconnect NAME`: a brief for writing to someone after a long silence."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.lookup import contact_to_read
from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.reconnect import Reconnect


@click.command(
    "reconnect",
    help=N_(
        "Before writing to NAME after a long silence: the gap, your news, their side, promises, "
        "what to give, openers.\n\n"
        "NAME is found as `show` finds it. Openers are points to write from, never a finished message."
    ),
)
@click.argument("name")
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, name: str, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Reconnect:
        from vaultkit.reports.reconnect import reconnect

        contact_id = contact_to_read(session, name).id
        return reconnect(session.index, session.activity(today), session.config, contact_id)

    emit(session, "reconnect", produce, fmt, output)
