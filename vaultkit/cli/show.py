"""`vaultkit show NAME`: a brief before meeting someone."""

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
    from vaultkit.reports.brief import Brief


@click.command(
    "show",
    help=N_(
        "A one-page brief on NAME: who they are, standing, last interactions, follow-ups.\n\n"
        "NAME is a file name, name or alias, in any case and with or without accents."
    ),
)
@click.argument("name")
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, name: str, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Brief:
        from vaultkit.reports.brief import brief

        contact_id = contact_to_read(session, name).id
        return brief(session.index, session.activity(today), session.config, contact_id)

    emit(session, "brief", produce, fmt, output)
