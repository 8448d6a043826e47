"""`vaultkit report` and `vaultkit watch`: the living reports inside the vault."""

from __future__ import annotations

import signal
import threading
import time
from datetime import date
from typing import TYPE_CHECKING

import click

from vaultkit import language
from vaultkit.cli.output import kept_feed, today_option
from vaultkit.cli.session import Session
from vaultkit.config import CONFIG_NAME
from vaultkit.errors import EXIT_FAILED
from vaultkit.language import N_, _
from vaultkit.words import counted, listed

if TYPE_CHECKING:
    from vaultkit.live.feed import KeptFeed
    from vaultkit.live.watch import Rebuild


@click.command(
    "report",
    help=N_(
        "Render every configured report into the report folder (default _vaultkit/).\n\n"
        "Reports are Obsidian notes with [[wikilinks]]; a file is rewritten only when it changed. "
        "A file vaultkit did not write is never written over: that report is refused (exit 1), the "
        "others are written."
    ),
)
@today_option
@click.pass_obj
def report_command(session: Session, today: date) -> None:
    from vaultkit.live.publish import FEED_FILE, each_report, write_reports

    index, activity = session.index, session.activity(today)
    feed = kept_feed(session, taken=False) if "ics" in session.config.reports else None
    session.tell_reading_problems()
    feed_file = f"{session.config.report_folder}/{FEED_FILE}"
    refused = False
    # Each report written once it is made: together, a large vault's would be held at once,
    # 25 MiB at 33,000 notes while the network is drawn.
    for rendered in each_report(index, activity, session.config, session.root, kept_feed=feed):
        outcome = write_reports(session.root, session.config, rendered)
        for path in rendered:
            if path in outcome.refused:
                click.echo(f"vaultkit: {outcome.refused[path]}", err=True)
            else:
                said = _("wrote {path}") if path in outcome.written else _("unchanged {path}")
                click.echo(said.format(path=path))
        refused = refused or bool(outcome.refused)
        if feed_file in rendered:
            _let_go_of_events(feed)
            feed = None
        del rendered, outcome  # before the next report is made
    if refused:
        raise click.exceptions.Exit(EXIT_FAILED)


def _let_go_of_events(feed: KeptFeed | None) -> None:
    """Once the feed is written, its events go: kept in the cache first, if there is one. Held,
    they took 8 MiB at 33,000 notes while the network was drawn."""
    if feed is not None:
        feed.let_go()
        return
    from vaultkit.render.ics import forget_written_events  # here: only the feed needs icalendar

    forget_written_events()


@click.command(
    "watch",
    help=N_(
        "Render the reports and keep them current; answer report commands meanwhile. Ctrl-C stops.\n\n"
        "While it runs, every report command on this vault (agenda, show, stale, tags, intros, path, "
        "hubs, balance, give, goals, meetup, layers) is answered by it from memory, after every change "
        "saved before it."
    ),
)
@click.option(
    "--quiet-period",
    type=click.FloatRange(0.05, 10),
    default=0.3,
    show_default=True,
    help=N_("Seconds without changes before a burst of changes is rebuilt."),
)
@click.pass_obj
def watch_command(session: Session, quiet_period: float) -> None:
    from vaultkit.cli.served import Answerer
    from vaultkit.live.server import QueryServer, ServerProblem
    from vaultkit.live.watch import Watcher

    asked = click.get_current_context().find_root().params.get("lang")
    watcher = Watcher(session.root, date.today, quiet_period, asked, use_cache=session.use_cache)
    watcher.observe()  # before the first reading: what is saved meanwhile is taken in after it
    first = watcher.build_all()
    server = QueryServer(session.root, watcher.events.put)

    def watching() -> None:
        """Said once every change is seen: queries asked from then on get their answer."""
        try:
            server.start()
            answering = _("; answering report commands")
        except ServerProblem as exc:
            answering = _("; not answering report commands: {problem}").format(problem=exc)
        click.echo(
            _(
                "{time} indexed {notes} in {seconds} s{written}; watching {vault}{answering} (Ctrl-C stops)"
            ).format(
                time=_clock(),
                notes=counted(len(first.changed), "note", "notes"),
                seconds=_seconds(first.seconds),
                written=_written(first),
                vault=session.root,
                answering=answering,
            )
        )
        if watcher.cache_notice:
            click.echo(f"  {watcher.cache_notice}", err=True)
        if first.problem:
            click.echo(f"  {first.problem}", err=True)
        for refusal in first.refused.values():
            click.echo(f"  {refusal}", err=True)
        for diagnostic in first.diagnostics:
            click.echo(f"  {diagnostic.format()}")

    answer = Answerer(watcher)

    def rebuilt(rebuild: Rebuild) -> None:
        _print_rebuild(rebuild)
        if not rebuild.drawn:  # no answer depends on what is drawn apart
            answer.refresh()

    def interrupt(signum: int, frame: object) -> None:
        # Said to the answerer too: a command being answered may take the interrupt for its own.
        answer.stopping.set()
        raise KeyboardInterrupt

    stop = threading.Event()
    # A stop by `kill` is as clean as one by Ctrl-C: the socket goes with the watcher.
    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher.serve(rebuilt, stop, watching, answer=answer)
    except KeyboardInterrupt:
        stop.set()
        click.echo(_("{time} stopped").format(time=_clock()))
    finally:
        server.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _print_rebuild(rebuild: Rebuild) -> None:
    if rebuild.drawn:
        _print_drawn(rebuild)
        return
    configs = rebuild.config_changed
    if rebuild.config_problem:
        click.echo(
            _("{time} {what} changed: still using the config as it was: {problem}").format(
                time=_clock(), what=_what_changed([], configs), problem=rebuild.config_problem
            ),
            err=True,
        )
        if not rebuild.changed:
            return
        configs = []  # the notes that changed with it were read with the config as it was
    what = _what_changed(rebuild.changed, configs)
    if rebuild.problem:
        click.echo(
            _("{time} {what} changed: {problem}").format(time=_clock(), what=what, problem=rebuild.problem),
            err=True,
        )
        return
    click.echo(
        _("{time} rebuilt in {seconds} s: {what} changed{written}").format(
            time=_clock(), seconds=_seconds(rebuild.seconds), what=what, written=_written(rebuild)
        )
    )
    for refusal in rebuild.refused.values():
        click.echo(f"  {refusal}", err=True)
    for diagnostic in rebuild.diagnostics:
        click.echo(f"  {diagnostic.format()}")


def _print_drawn(rebuild: Rebuild) -> None:
    """What the reports drawn apart from the others came to: the line before says what changed."""
    if rebuild.problem:
        click.echo(
            _("{time} the network was not drawn: {problem}").format(time=_clock(), problem=rebuild.problem),
            err=True,
        )
        return
    click.echo(
        _("{time} drew the network in {seconds} s{written}").format(
            time=_clock(), seconds=_seconds(rebuild.seconds), written=_written(rebuild)
        )
    )
    for refusal in rebuild.refused.values():
        click.echo(f"  {refusal}", err=True)


def _what_changed(changed: list[str], configs: list[str]) -> str:
    """`People/A.md`, `3 files`, `the config and 2 files`: what changed, not every note read again."""
    files = [changed[0] if len(changed) == 1 else counted(len(changed), "file", "files")] if changed else []
    settings = [_("the config")] if CONFIG_NAME in configs else []
    if any(path != CONFIG_NAME for path in configs):
        settings.append(_("Obsidian's settings"))
    return listed([*settings, *files], limit=3) or _("nothing")


def _written(rebuild: Rebuild) -> str:
    if rebuild.problem:
        return _("; reports not written")
    said = _("; wrote {reports}").format(reports=", ".join(rebuild.written)) if rebuild.written else ""
    if rebuild.refused:
        return said + _("; not written: {reports}").format(reports=", ".join(rebuild.refused))
    return said or _("; reports unchanged")


def _seconds(seconds: float) -> str:
    """`0.42`, `0,42`: a time in seconds, to the hundredth."""
    return language.decimal(seconds, 2)


def _clock() -> str:
    return time.strftime("%H:%M:%S")
