"""`vaultkit stale`: whom you have let drift."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.language import N_, _
from vaultkit.model import Duration
from vaultkit.values import parse_duration

if TYPE_CHECKING:
    from vaultkit.reports.stale import Stale


class DurationParam(click.ParamType):
    name = "DURATION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Duration:
        if isinstance(value, Duration):
            return value
        try:
            duration = parse_duration(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if not isinstance(duration, Duration):
            self.fail(
                _("expected a duration like 10d, 2w, 1m or 1y, got {value!r}").format(value=value), param, ctx
            )
        return duration


@click.command(
    "stale",
    help=N_(
        "Who has drifted: past their maximum, grouped by circle, longest silence first.\n\n"
        "Never-contacted people are listed apart; far-overdue contacts are suggested for the reserve, "
        "reserve contacts silent for over a year for the archive."
    ),
)
@click.option(
    "--after",
    type=DurationParam(),
    metavar="DURATION",
    help=N_("Everyone silent this long (10d, 2w, 6m, 1y) instead of each contact's own maximum."),
)
@report_options(("text", "markdown", "json", "csv"))
@click.pass_obj
def command(session: Session, after: Duration | None, today: date, fmt: str, output: Path | None) -> None:
    def produce() -> Stale:
        from vaultkit.reports.stale import stale

        return stale(session.index, session.activity(today), session.config, after)

    emit(session, "stale", produce, fmt, output)
