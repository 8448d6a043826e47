"""`vaultkit hubs`: who brings your groups of people together, and who alone links one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.network.hubs import Hubs


@click.command(
    "hubs",
    help=N_(
        "Hubs and bridges: who brings your groups of contacts together, and who alone links one.\n\n"
        "Over the links path follows (knows, introduced_by, a shared org, meetings attended "
        "together), without you: hubs are on the most shortest ways between your contacts and "
        "reach two groups or more; a bridge is the only link of some of your contacts to the rest; "
        "groups are the people who know one another more than they know the others, named by the "
        "org, place or tag most of them share."
    ),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Hubs:
        from vaultkit.reports.network.graph import network
        from vaultkit.reports.network.hubs import hubs

        return hubs(session.index, session.config, network(session.index, session.activity(today)))

    emit(session, "hubs", produce, fmt, output)
