"""What the commands that write notes share: finding the contact, --dry-run, the write."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Callable, Iterable, Iterator, TypeVar

import click

from ..contact_template import TemplateError
from ..edit import Edit, EditRefused, write
from ..fieldinput import InvalidValue
from ..index import resolve
from ..model import Contact
from ..values import fold, parse_date
from .session import Session, UserError

EXIT_REFUSED = 1
EXIT_BAD_VALUE = 2

Command = TypeVar("Command", bound=Callable[..., None])


def today() -> date:
    return date.today()


def dry_run_option(command: Command) -> Command:
    return click.option("--dry-run", is_flag=True,
                        help="Print the change as a unified diff and write nothing.")(command)  # fmt: skip


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def find_contact(session: Session, name: str) -> Contact:
    """The one contact `name` means (id, name or alias, ignoring case and accents)."""
    ids = resolve(session.index, name)
    if not ids:
        close = _similar(session.index.contacts.values(), name)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UserError(f"no contact named {name!r}{hint}", EXIT_REFUSED)
    if len(ids) > 1:
        paths = ", ".join(session.index.contacts[contact_id].path for contact_id in ids)
        raise UserError(f"{name!r} names more than one contact: {paths}; use the file name", EXIT_REFUSED)
    return session.index.contacts[ids[0]]


def _similar(contacts: Iterable[Contact], name: str) -> list[str]:
    """Ids of contacts one of whose names starts with `name` or holds it as a word."""
    wanted = fold(name)
    found = []
    for contact in contacts:
        names = [fold(text) for text in (contact.id, contact.name, *contact.aliases)]
        if wanted and any(text.startswith(wanted) or wanted in text.split() for text in names):
            found.append(contact.id)
    return sorted(found)[:5]


@contextmanager
def refusals() -> Iterator[None]:
    """Turn the library's refusals into one-line messages; nothing has been written then."""
    try:
        yield
    except InvalidValue as exc:
        raise UserError(str(exc), EXIT_BAD_VALUE) from None
    except (EditRefused, TemplateError) as exc:
        raise UserError(f"{exc}; nothing was written", EXIT_REFUSED) from None


def finish(session: Session, edit: Edit, summary: str, dry_run: bool) -> None:
    """Write the edit (or print its diff) and say what changed."""
    if not edit.changed:
        change = edit.changes[0]
        click.echo(f"{change.key} is already {change.old or '(unset)'} in {edit.path}; nothing to change")
        return
    if dry_run:
        click.echo(edit.diff(), nl=False)
        click.echo("dry run: nothing was written", err=True)
        return
    with refusals():
        write(session.root, edit)
    click.echo(summary)


def change_line(edit: Edit) -> str:
    """`snooze_until 2026-12-15 → 2026-12-05 in People/Felix Wagner.md`"""
    change = edit.changes[0]
    return f"{change.key} {change.old or '(unset)'} → {change.new or '(unset)'} in {edit.path}"
