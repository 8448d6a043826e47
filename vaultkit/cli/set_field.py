"""`vaultkit set`: set one single-value field of a contact."""

from __future__ import annotations

from datetime import date

import click

from vaultkit.cli.lookup import contact_to_edit
from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.cli.writing import change_line, dry_run_option, finish
from vaultkit.edit import field_value, read, set_field
from vaultkit.language import N_


@click.command(
    "set",
    help=N_(
        "Set KEY to VALUE in NAME's front matter; an empty VALUE clears it.\n\n"
        "Dates, birthdays, durations, circles, status and paused are checked first. Any other "
        "property takes the type Obsidian gives it (.obsidian/types.json): a number, a checkbox "
        "(true/false), a date, or text. Lists (tags, aliases, interests…) are not changed by set: "
        "edit them in the note."
    ),
)
@click.argument("name")
@click.argument("key")
@click.argument("value")
@click.option("--force", is_flag=True, help=N_("Write KEY as it is, even one letter away from a field."))
@dry_run_option
@today_option
@click.pass_obj
def command(
    session: Session, name: str, key: str, value: str, force: bool, dry_run: bool, today: date
) -> None:
    contact = contact_to_edit(session.index, name)
    checked = field_value(key, value, session.config, session.property_types.of(key), today, as_written=force)
    edit = set_field(contact.path, read(session.root, contact.path), key, checked, session.config)
    finish(session, edit, change_line(edit), dry_run)
