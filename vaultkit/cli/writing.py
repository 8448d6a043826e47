"""What the commands that write notes share: --dry-run, the write, the line that says what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from vaultkit.cli.session import Session
from vaultkit.edit import Edit, check_target, write
from vaultkit.language import N_, _

Command = TypeVar("Command", bound=Callable[..., None])


def dry_run_option(command: Command) -> Command:
    return click.option(
        "--dry-run", is_flag=True, help=N_("Print the change as a unified diff and write nothing.")
    )(command)


def finish(session: Session, edit: Edit, summary: str, dry_run: bool) -> None:
    """Write the edit (or print its diff) and say what changed."""
    if not edit.changed:
        click.echo(nothing_to_change(edit))
        return
    linked_folders = session.config.linked_folders
    if dry_run:
        check_target(session.root, edit, linked_folders)
        click.echo(edit.diff(), nl=False)
        click.echo(_("dry run: nothing was written"), err=True)
        return
    write(session.root, edit, linked_folders)
    click.echo(summary)


def nothing_to_change(edit: Edit) -> str:
    """`status is already reserve in People/Mark Ellis.md; nothing to change`"""
    change = edit.changes[0]
    return _("{key} is already {value} in {path}; nothing to change").format(
        key=change.key, value=change.old or _("(unset)"), path=edit.path
    )


def change_line(edit: Edit) -> str:
    """`snooze_until 2026-12-15 → 2026-12-05 in People/Felix Wagner.md`"""
    change = edit.changes[0]
    return _("{key} {old} → {new} in {path}").format(
        key=change.key, old=change.old or _("(unset)"), new=change.new or _("(unset)"), path=edit.path
    )
