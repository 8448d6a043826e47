"""`vaultkit event FILE`: who is coming, what you know of them, who could introduce you."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.cli.source import file_argument, read_source
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.language import N_, _
from vaultkit.parse.attendees import read_attendees
from vaultkit.reports.event import event
from vaultkit.words import printable


@click.command(
    "event",
    help=N_(
        "Triage an event's attendee list FILE before you go.\n\n"
        "FILE is text with one name per line, or a CSV with a name column (or first and last name "
        "columns; from standard input, -, a CSV is told by that header). Each attendee is a contact "
        "(with last contact and talking points), someone a contact could introduce you to, or "
        "unknown. Unreadable rows are reported on stderr."
    ),
)
@file_argument
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, file: str, today: date, fmt: str, output: Path | None) -> None:
    source = read_source(file)
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise VaultkitError(
            _("{file}: not UTF-8 text ({reason} at byte {at})").format(
                file=source.name, reason=exc.reason, at=exc.start
            ),
            EXIT_FAILED,
        ) from None
    attendees, problems = read_attendees(source.name, text, by_header=source.path is None)
    for problem in problems:
        click.echo(printable(problem.format()), err=True)  # it may quote the file's header
    if any(problem.severity == "error" for problem in problems):
        raise VaultkitError(_("{file}: no attendees read").format(file=source.name), EXIT_FAILED)
    # Not reusable: the report depends on FILE as well as on the vault.
    result = event(session.index, session.activity(today), session.config, source.name, attendees)
    emit(session, "event", lambda: result, fmt, output, reusable=False)
