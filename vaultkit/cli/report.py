"""`vaultkit report` and `vaultkit watch`: the living reports inside the vault."""

from __future__ import annotations

import signal
import threading
import time
from datetime import date
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.config import CONFIG_NAME
from vaultkit.errors import EXIT_FAILED
from vaultkit.language import N_
from vaultkit.words import counted, listed

if TYPE_CHECKING:
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
    from vaultkit.live.publish import render_reports, write_reports

    rendered = render_reports(session.index, session.activity(today), session.config, session.root)
    session.tell_reading_problems()
    outcome = write_reports(session.root, session.config, rendered)
    for path in rendered:
        if path in outcome.refused:
            click.echo(f"vaultkit: {outcome.refused[path]}", err=True)
        else:
            click.echo(f"{'wrote' if path in outcome.written else 'unchanged'} {path}")
    if outcome.refused:
        raise click.exceptions.Exit(EXIT_FAILED)


@click.command(
    "watch",
    help=N_(
        "Render the reports and keep them current; answer report commands meanwhile. Ctrl-C stops.\n\n"
        "While it runs, every report command on this vault (agenda, show, stale, tags, intros, path, "
        "balance, layers) is answered by it from memory, after every change saved before it."
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

    watcher = Watcher(session.root, date.today, quiet_period)
    watcher.observe()  # before the first reading: what is saved meanwhile is taken in after it
    first = watcher.build_all()
    server = QueryServer(session.root, watcher.events.put)

    def watching() -> None:
        """Said once every change is seen: queries asked from then on get their answer."""
        try:
            server.start()
            answering = "; answering report commands"
        except ServerProblem as exc:
            answering = f"; not answering report commands: {exc}"
        click.echo(
            f"{_clock()} indexed {counted(len(first.changed), 'note')} in {first.seconds:.2f} s"
            f"{_written(first)}; watching {session.root}{answering} (Ctrl-C stops)"
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
        click.echo(f"{_clock()} stopped")
    finally:
        server.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _print_rebuild(rebuild: Rebuild) -> None:
    configs = rebuild.config_changed
    if rebuild.config_problem:
        click.echo(
            f"{_clock()} {_what_changed([], configs)} changed: still using the config as it was: "
            f"{rebuild.config_problem}",
            err=True,
        )
        if not rebuild.changed:
            return
        configs = []  # the notes that changed with it were read with the config as it was
    what = _what_changed(rebuild.changed, configs)
    if rebuild.problem:
        click.echo(f"{_clock()} {what} changed: {rebuild.problem}", err=True)
        return
    click.echo(f"{_clock()} rebuilt in {rebuild.seconds:.2f} s: {what} changed{_written(rebuild)}")
    for refusal in rebuild.refused.values():
        click.echo(f"  {refusal}", err=True)
    for diagnostic in rebuild.diagnostics:
        click.echo(f"  {diagnostic.format()}")


def _what_changed(changed: list[str], configs: list[str]) -> str:
    """`People/A.md`, `3 files`, `the config and 2 files`: what changed, not every note read again."""
    files = [changed[0] if len(changed) == 1 else counted(len(changed), "file")] if changed else []
    settings = ["the config"] if CONFIG_NAME in configs else []
    if any(path != CONFIG_NAME for path in configs):
        settings.append("Obsidian's settings")
    return listed([*settings, *files], limit=3) or "nothing"


def _written(rebuild: Rebuild) -> str:
    if rebuild.problem:
        return "; reports not written"
    said = f"; wrote {', '.join(rebuild.written)}" if rebuild.written else ""
    if rebuild.refused:
        return f"{said}; not written: {', '.join(rebuild.refused)}"
    return said or "; reports unchanged"


def _clock() -> str:
    return time.strftime("%H:%M:%S")
