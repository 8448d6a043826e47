"""`vaultkit review`: the periodic review of your network, one person at a time."""

from __future__ import annotations

from datetime import date

import click

from vaultkit.cli.output import emit, today_option
from vaultkit.cli.session import Session
from vaultkit.language import N_
from vaultkit.reports.review import Review, review


@click.command(
    "review",
    help=N_(
        "The periodic review, one person at a time: who stays, who goes on reserve, who you let go."
        "\n\n"
        "For each person: keep, snooze, on reserve, archive, log a contact, or skip. Up for review "
        "are the long silent, those quieter than usual, the imported and unsorted "
        "and those never contacted; not the archived, snoozed or paused, nor those kept in a "
        "review within half a year. Each decision is written at once, through the same editor "
        "as set, snooze and log; quitting (q, Ctrl-C, end of input) keeps what was decided. "
        "--format json lists who is up for review and why, without asking."
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help=N_("text: the review, asking what to do; json: who is up for review, nothing asked."),
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help=N_("Review at most N people."))
@click.option("--dry-run", is_flag=True, help=N_("Ask as the review does, but write nothing."))
@today_option
@click.pass_obj
def command(session: Session, fmt: str, limit: int | None, dry_run: bool, today: date) -> None:
    def produce() -> Review:
        return review(session.index, session.activity(today), session.config, limit)

    if fmt == "json":
        emit(session, "review", produce, fmt, None, reusable=False)
        return
    from vaultkit.cli.reviewing import run_review

    run_review(session, produce(), today, dry_run)
