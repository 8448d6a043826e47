"""The options and the output functions every report shares."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vaultkit import language
from vaultkit.atomic import replace
from vaultkit.cli.session import Session, Terminal
from vaultkit.content import Content, encoded
from vaultkit.errors import VaultkitError
from vaultkit.language import N_, _
from vaultkit.render import render
from vaultkit.values import parse_date, said

if TYPE_CHECKING:
    from vaultkit.live.feed import KeptFeed


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(said(exc), param, ctx)


DATE = DateParam()


def today_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--today, resolved once when the options are read: a run that spans midnight still works
    with one date throughout."""
    return click.option(
        "--today",
        type=DATE,
        metavar="YYYY-MM-DD",
        callback=_today_or_now,
        help=N_("Pretend today is this date (default: the real date)."),
    )(function)


def _today_or_now(ctx: click.Context, param: click.Parameter, value: date | None) -> date:
    session = ctx.find_object(Session)
    return value or (session.clock() if session is not None else date.today())


def output_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--output, the same on every command that can write its output to a file."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, allow_dash=True),
        callback=_dash_is_standard_output,
        help=N_("Write to FILE (atomically) instead of standard output; - is standard output."),
    )(function)


def _dash_is_standard_output(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    # Compared as text: Path("./-") == Path("-"), but ./- names a file.
    return None if value in (None, "-") else Path(value)


def report_options(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format, --output and --today, the same on every report."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function = output_option(function)
        function = click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
            help=N_("Output format."),
        )(function)
        return today_option(function)

    return decorate


def emit(
    session: Session,
    name: str,
    produce: Callable[[], Any],
    fmt: str,
    output: Path | None,
    *,
    reusable: bool = True,
) -> None:
    """Render what `produce()` returns with the `name` templates (as the variable `name`), or as
    JSON, CSV or ICS, and `write_output` it.

    A `reusable` report depends on nothing but the vault and its options: when an earlier run
    asked the same of a vault in the same state, its output is printed again instead, and
    `produce` is not called. So `produce` imports the report it makes: printing kept output
    imports none (the agenda and what it imports took half of such a run).
    """
    terminal = session.terminal
    colour = fmt == "text" and output is None and _colour_wanted(terminal)
    width = _wrap_width(terminal) if fmt == "text" and output is None else None
    request = _request(name, fmt, colour, width) if reusable else None
    kept = session.earlier_output(request) if request else None
    content: Content | Iterator[bytes]
    if kept is not None:
        content = kept
    else:
        today = click.get_current_context().params.get("today")
        from vaultkit.index import incomplete_contacts  # here: output kept earlier needs no index

        result = produce()
        incomplete = incomplete_contacts(session.index)
        feed = kept_feed(session) if fmt == "ics" else None
        content = render(result, name, fmt, session.root, colour, today, width, incomplete)
        if feed is not None:
            feed.keep()
        session.tell_reading_problems()
        if request:
            content = session.keep_output(request, content)
    write_output(content, output)


def kept_feed(session: Session, taken: bool = True) -> KeptFeed | None:
    """The calendar feed's events kept in the cache, taken for the feed about to be made unless
    not `taken` (the feed takes them then: see `KeptFeed.take`; keep the new feed's with `keep`);
    None without a cache, as in a watch's answer, whose events are in memory already."""
    if not session.use_cache:
        return None
    from vaultkit.live.feed import KeptFeed  # here: only the calendar feed needs icalendar

    feed = KeptFeed(session.root)
    if taken:
        feed.take()
    return feed


def write_output(content: Content | Iterator[bytes], output: Path | None) -> None:
    """Print `content` as UTF-8, or write it to `output`: a regular file (or a new one) is
    replaced atomically, anything else (a named pipe, a device, /dev/stdout) is written into,
    never replaced. Pieces still to be made are written as they come. A file that cannot be
    written is a VaultkitError."""
    stream = _STANDARD_STREAMS.get(os.path.abspath(output)) if output is not None else None
    if output is None or stream is not None:
        # As bytes whatever the locale: output kept from an earlier run is printed as it was.
        for piece in encoded(content):
            click.echo(piece, nl=False, err=stream == "stderr")
        return
    try:
        if _is_special(output):
            with open(output, "wb") as target:
                for piece in encoded(content):
                    target.write(piece)
        else:
            replace(output, encoded(content))
    except OSError as exc:
        raise VaultkitError(
            _("cannot write {file}: {reason}").format(file=output, reason=exc.strerror or exc)
        ) from None


# Written to as the streams they name, so that a redirection's append mode or pipe is kept.
_STANDARD_STREAMS = {"/dev/stdout": "stdout", "/dev/stderr": "stderr"}


def _is_special(path: Path) -> bool:
    """True for a target that exists and is not a regular file (a pipe, a device), or that lies
    in /dev or /proc, where a file could not be replaced by another."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    places = (os.path.abspath(path), os.path.realpath(path))
    return not stat.S_ISREG(status.st_mode) or any(place.startswith(("/dev/", "/proc/")) for place in places)


def _request(name: str, fmt: str, colour: bool, width: int | None) -> str:
    """What this run asks for: the command and every option but where the output goes, and the
    language it is said in."""
    ctx = click.get_current_context()
    options = sorted((key, repr(value)) for key, value in ctx.params.items() if key != "output")
    return repr((ctx.command_path, name, fmt, colour, width, options, language.speaking()))


def text_style(terminal: Terminal) -> tuple[bool, int | None]:
    """Whether text on standard output is coloured, and where it wraps, as a report's text is."""
    return _colour_wanted(terminal), _wrap_width(terminal)


def _colour_wanted(terminal: Terminal) -> bool:
    return terminal.stdout_tty and "NO_COLOR" not in terminal.environment


def _wrap_width(terminal: Terminal) -> int | None:
    """Where text output wraps: at $COLUMNS when it is set (exported, as a shell does not do by
    itself), else at the terminal's width. Output to a pipe is not wrapped unless $COLUMNS asks
    for it: it is often searched line by line (grep)."""
    columns = terminal.environment.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not terminal.stdout_tty:
        return None
    return terminal.columns()
