"""`vaultkit path TARGET`: who can introduce me to someone."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.lookup import contact_to_read
from vaultkit.cli.output import emit, report_options
from vaultkit.cli.session import Session
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.language import N_, _
from vaultkit.values import fold, lookup, resolve

if TYPE_CHECKING:
    from vaultkit.reports.network.graph import Network
    from vaultkit.reports.network.paths import Paths


@click.command(
    "path",
    help=N_(
        "Who can introduce you to TARGET: the shortest chains, warmest first link first.\n\n"
        "TARGET is a contact, a name linked as [[TARGET]] in your notes without a note of its own, "
        "or an org. Links are knows, introduced_by, a shared org, and meetings (dated notes with "
        "people in their front matter) attended together."
    ),
)
@click.argument("target")
@report_options(("text", "markdown", "json"))
@click.pass_obj
def command(session: Session, target: str, today: date, fmt: str, output: Path | None) -> None:

    def produce() -> Paths:
        from vaultkit.reports.network.graph import network
        from vaultkit.reports.network.paths import paths

        graph = network(session.index, session.activity(today))
        node = find_target(session, graph, target)
        return paths(session.index, session.activity(today), session.config, graph, node)

    emit(session, "path", produce, fmt, output)


def find_target(session: Session, graph: Network, text: str) -> str:
    """A contact id, or the folded name of someone or some org the notes link without a note."""
    index = session.index
    if not resolve(index, text) and fold(text) in graph.leaves:
        return fold(text)
    if not lookup(index, text, by_word_start=True):
        raise VaultkitError(
            _("{name!r} is not a contact, an org or a [[link]] in meeting notes or knows").format(name=text),
            EXIT_FAILED,
        )
    return contact_to_read(session, text).id
