"""`vaultkit balance`: the relationship account from `#gave` and `#got` log entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.balance import Balance


@click.command(
    "balance",
    help=N_(
        "Give and take per contact: given, received, last given.\n\n"
        "Flags the contacts you only take from and those you have never given anything."
    ),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, today: date, fmt: str, output: Path | None) -> None:
    def produce() -> Balance:
        from vaultkit.reports.balance import balance

        return balance(session.index, today)

    emit(session, "balance", produce, fmt, output)
