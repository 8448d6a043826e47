"""`vaultkit show NAME`: a brief before meeting someone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..index import resolve
from ..model import Index
from ..values import fold
from ..reports.brief import brief
from .output import emit, report_options, resolve_today
from .session import Session, UserError


@click.command("show")
@click.argument("name")
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, name: str, today: date | None, fmt: str, output: Path | None) -> None:
    """A one-page brief on NAME: who they are, standing, last interactions, follow-ups.

    NAME is a file name, name or alias, in any case and with or without accents.
    """
    contact_id = find_contact(session.index, name)
    emit(session, "brief", brief(session.index, session.config, contact_id, resolve_today(today)), fmt, output)


def find_contact(index: Index, name: str) -> str:
    """The one contact NAME means; an unknown or ambiguous name is a UserError (exit 1).

    An exact id, name or alias wins; otherwise NAME's words may start the words of a name
    (`kram` finds Ilse Kramer and Sophie Kramer).
    """
    ids = resolve(index, name) or matching_words(index, name)
    if not ids:
        raise UserError(f"no contact named {name!r}", exit_code=1)
    if len(ids) > 1:
        listed = "\n".join(f"  {index.contacts[i].name} ({index.contacts[i].path})" for i in ids)
        raise UserError(f"{name!r} is ambiguous; it may mean:\n{listed}", exit_code=1)
    return ids[0]


def matching_words(index: Index, name: str) -> tuple[str, ...]:
    wanted = fold(name).split()
    if not wanted:
        return ()
    found = []
    for key, ids in index.names.items():
        words = key.split()
        if all(any(word.startswith(part) for word in words) for part in wanted):
            found.extend(i for i in ids if i not in found)
    return tuple(found)
