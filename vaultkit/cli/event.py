"""`vaultkit event FILE`: who is coming, what you know of them, who could introduce you."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.parse.attendees import read_attendees
from vaultkit.reports.event import event


@click.command("event")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, file: Path, today: date, fmt: str, output: Path | None) -> None:
    """Triage an event's attendee list FILE before you go.

    FILE is text with one name per line, or a CSV with a name column (or first and last name
    columns). Each attendee is a contact (with last contact and talking points), someone a
    contact could introduce you to, or unknown. Unreadable rows are reported on stderr.
    """
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise VaultkitError(
            f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})", EXIT_FAILED
        ) from None
    attendees, problems = read_attendees(str(file), text)
    for problem in problems:
        click.echo(problem.format(), err=True)
    if any(problem.severity == "error" for problem in problems):
        raise VaultkitError(f"{file}: no attendees read", EXIT_FAILED)
    # Not reusable: the report depends on FILE as well as on the vault.
    result = event(session.index, session.activity(today), session.config, str(file), attendees)
    emit(session, "event", lambda: result, fmt, output, reusable=False)
