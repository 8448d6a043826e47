"""`vaultkit layers`: circle sizes against Dunbar's layers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.layers import Layers


@click.command(
    "layers",
    help=N_(
        "Circle sizes against Dunbar's layers (about 5, 15, 50, 150).\n\n"
        "Names the least-contacted people who keep a circle over its size, and the inner contacts "
        "who are overdue."
    ),
)
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, today: date, fmt: str, output: Path | None) -> None:
    def produce() -> Layers:
        from vaultkit.reports.layers import layers

        return layers(session.index, session.activity(today), session.config)

    emit(session, "layers", produce, fmt, output)
