"""`vaultkit give [NAME]`: what you could do for people now, best first."""

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
    from vaultkit.reports.network.give import Give


@click.command(
    "give",
    help=N_(
        "What you could do for people now, best first: needs you or a contact of yours can meet.\n\n"
        "A need of theirs that your own note offers ([me] note), an introduction to a contact who "
        "offers it (first when it helps both sides), and the people you have only ever taken "
        "from (#got without #gave). With NAME, only what you could do for that contact."
    ),
)
@click.argument("name", required=False)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help=N_("Show the best N ideas only (default: all)."),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(
    session: Session, name: str | None, limit: int | None, today: date, fmt: str, output: Path | None
) -> None:

    def produce() -> Give:
        from vaultkit.reports.network.give import give

        focus = contact_to_read(session, name).id if name else None
        return give(session.index, session.activity(today), focus, limit)

    emit(session, "give", produce, fmt, output)
