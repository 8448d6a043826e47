"""`vaultkit log`: add an entry to a contact's log and move `last_contact` forward."""

from __future__ import annotations

from datetime import date
from typing import Literal

import click

from vaultkit.cli.lookup import contact_to_edit
from vaultkit.cli.output import DATE, today_option
from vaultkit.cli.session import Session
from vaultkit.cli.writing import dry_run_option, finish
from vaultkit.edit import add_log_entry, new_log_entry, newest_first, read
from vaultkit.errors import VaultkitError
from vaultkit.language import N_, _


@click.command(
    "log",
    help=N_(
        "Add `- DATE kind: TEXT` to NAME's log.\n\n"
        "The entry goes under the log heading in date order (a log written newest first gets it on "
        "top; a one-entry log follows the vault's other logs); the heading is added at the end of "
        "the note if missing. last_contact moves to DATE only if DATE is later than it and than the "
        "log's entries: it never goes backwards."
    ),
)
@click.argument("name")
@click.argument("text", nargs=-1, required=True)
@click.option("--date", "when", type=DATE, help=N_("The day (default: today); 2026-11-21 or 21.11.2026."))
@click.option("--kind", help=N_("What it was: call, coffee, mail…"))
@click.option("--gave", is_flag=True, help=N_("I helped them (adds the gave tag)."))
@click.option("--got", is_flag=True, help=N_("They helped me (adds the got tag)."))
@dry_run_option
@today_option
@click.pass_obj
def command(
    session: Session,
    name: str,
    text: tuple[str, ...],
    when: date | None,
    kind: str | None,
    gave: bool,
    got: bool,
    dry_run: bool,
    today: date,
) -> None:
    if gave and got:
        raise VaultkitError(_("--gave and --got exclude each other"))
    contact = contact_to_edit(session.index, name)
    balance: Literal["gave", "got"] | None = "gave" if gave else "got" if got else None
    entry = new_log_entry(when, today, " ".join(text), kind, balance)
    vault_order = newest_first(c.log for c in session.index.contacts.values())
    edit = add_log_entry(contact.path, read(session.root, contact.path), entry, session.config, vault_order)
    if not edit.changed:
        click.echo(
            _("already logged {entry} in {path}; nothing to change").format(
                entry=edit.log_entry, path=edit.path
            )
        )
        return
    change = edit.changes[0]
    if change.old != change.new:
        moved = "{key} {old} → {new}".format(key=change.key, old=change.old or _("(unset)"), new=change.new)
    elif change.old:
        moved = _("{key} stays {value}").format(key=change.key, value=change.old)
    else:
        moved = _("{key} stays unset: the log has later entries").format(key=change.key)
    summary = _("logged {entry} in {path}; {moved}").format(entry=edit.log_entry, path=edit.path, moved=moved)
    finish(session, edit, summary, dry_run)
