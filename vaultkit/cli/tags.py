"""`vaultkit tags`: the tags of your contacts, their neglect, and their typos."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_

if TYPE_CHECKING:
    from vaultkit.reports.tags import Tags


@click.command(
    "tags",
    help=N_(
        "Per tag: contacts, how many are overdue, the latest interaction; untagged contacts; typos.\n\n"
        "Nested tags (kunst/malerei) count for their parents (kunst) too. Tags that differ only by "
        "case or accents (Kiel, kiel) are listed as likely typos."
    ),
)
@report_options(("text", "markdown", "json", "csv"))
@click.pass_obj
def command(session: Session, today: date, fmt: str, output: Path | None) -> None:
    def produce() -> Tags:
        from vaultkit.reports.tags import tags

        return tags(session.index, session.activity(today), session.config)

    emit(session, "tags", produce, fmt, output)
