"""`vaultkit intros`: whom to introduce to whom."""

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
    from vaultkit.reports.network.intros import Intros


@click.command(
    "intros",
    help=N_(
        "Suggested introductions: one contact's needs match another's offers.\n\n"
        "Shared interests count too, but less. Matching ignores case and accents and accepts "
        "plurals and simple variants (developer / development). Pairs who already know each "
        "other (knows, introduced_by, the same org, a meeting together) are marked and come last; "
        "pairs you introduced (a #intro log entry) are left out. Without --for, each need and "
        "interest brings its three best partners."
    ),
)
@click.option("--for", "for_name", metavar="NAME", help=N_("Only introductions for this contact."))
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, for_name: str | None, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Intros:
        from vaultkit.reports.network.graph import network
        from vaultkit.reports.network.intros import intros

        focus = contact_to_read(session, for_name).id if for_name else None
        return intros(session.index, network(session.index, session.activity(today)), focus, today)

    emit(session, "intros", produce, fmt, output)
