"""`vaultkit snooze`: no cadence reminders for a contact until a date."""

from __future__ import annotations

from datetime import date

import click

from vaultkit.cli.lookup import contact_to_edit
from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.cli.writing import change_line, dry_run_option, finish
from vaultkit.edit import read, snooze, snooze_date
from vaultkit.language import N_


@click.command(
    "snooze",
    help=N_("Set NAME's snooze_until to a date, or to today plus a duration (10d, 2w, 1m, 1y)."),
)
@click.argument("name")
@click.argument("until", metavar="DURATION|DATE")
@dry_run_option
@today_option
@click.pass_obj
def command(session: Session, name: str, until: str, dry_run: bool, today: date) -> None:
    contact = contact_to_edit(session.index, name)
    day = snooze_date(until, today)
    edit = snooze(contact.path, read(session.root, contact.path), day, session.config)
    finish(session, edit, change_line(edit), dry_run)
