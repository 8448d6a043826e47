"""The watcher's side of a query: the command run over what `watch` holds in memory, its output
recorded as the client's terminal would have shown it.

A command run here is the same command as on its own, through the same click group; only its
session differs: the index, config and activity come from the watcher, the clock and the
terminal from the client, and output is kept in memory for as long as the vault stays as it is.
"""

from __future__ import annotations

import contextlib
import io
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultkit.cli.session import Kept, Session, Terminal
from vaultkit.config import CONFIG_NAME, ConfigError, load_config
from vaultkit.errors import EXIT_INTERRUPTED
from vaultkit.live.protocol import answerable

if TYPE_CHECKING:
    from vaultkit.live.server import Query
    from vaultkit.live.watch import Watcher


# The queries answered again after each rebuild, so that asking one again is answered at once:
# the latest few, for as long as they were asked lately.
REFRESHED = 3
REFRESHED_FOR = 15 * 60.0  # seconds


class Answerer:
    """Answers the queries a watcher hands over, reusing what it printed while nothing changed."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher
        self._kept: Kept = {}
        self._generation = -1
        self._recent: dict[tuple[Any, ...], tuple[_Asked, float]] = {}
        # Set when the watch is told to stop: a command that took the interrupt for its own
        # (click says "Aborted!") must not pass for an answer.
        self.stopping = threading.Event()

    def __call__(self, query: Query) -> None:
        try:
            asked = _asked(query.request)
        except (KeyError, TypeError, ValueError):
            query.refuse("a request that is not one")
            return
        problem = self._problem(asked)
        if problem:
            query.refuse(problem)
            return
        self._recent.pop(asked.key, None)
        self._recent[asked.key] = (asked, time.monotonic())
        while len(self._recent) > REFRESHED:
            del self._recent[next(iter(self._recent))]
        try:
            exit_code, written = self._run(asked)
        except KeyboardInterrupt:
            query.refuse("the watch is stopping")  # Ctrl-C or `kill` came during the answer
            raise
        except Exception as exc:  # a bug past the command's own exit point: the client runs it itself
            query.refuse(f"the command failed here: {type(exc).__name__}")
            return
        if self.stopping.is_set():
            query.refuse("the watch is stopping")
            raise KeyboardInterrupt
        query.reply(exit_code, written)

    def refresh(self) -> None:
        """After a rebuild: the latest queries answered again, their output kept for when they
        are asked again (what they printed before holds no more)."""
        now = time.monotonic()
        for key, (asked, when) in list(self._recent.items()):
            if now - when > REFRESHED_FOR or asked.today != self.watcher.clock():  # asked before midnight
                del self._recent[key]
            elif not self._problem(asked):
                with contextlib.suppress(Exception):  # a query that fails is answered when asked
                    self._run(asked)
                if self.stopping.is_set():
                    raise KeyboardInterrupt

    def _run(self, asked: _Asked) -> tuple[int, list[tuple[int, bytes]]]:
        watcher = self.watcher
        if self._generation != watcher.generation:
            self._kept, self._generation = {}, watcher.generation
        session = Session.served(
            watcher.root,
            watcher.config,
            watcher.index,
            watcher.activity(),
            asked.terminal,
            asked.today,
            self._kept,
        )
        return run(asked.argv, session, asked.stderr_tty)

    def _problem(self, asked: _Asked) -> str | None:
        """Why the watcher cannot answer as the command would on its own, if it cannot."""
        watcher = self.watcher
        if asked.root != watcher.root.resolve():
            return "this watcher watches another vault"
        if not answerable(asked.argv)[0]:
            return "this command runs on its own"
        if watcher.config.linked_folders:
            # The watcher sees no change made through a link to a folder elsewhere.
            return "notes in linked folders are read by the command itself"
        # What the config says may depend on more than its files (a contacts folder that now
        # exists, a note put into the report folder): read as a run of its own reads it.
        try:
            on_disk = load_config(watcher.root)
        except ConfigError:
            return "the config on disk has problems: the command says which"
        if on_disk != watcher.config:
            watcher.take_in({CONFIG_NAME})
        elif on_disk.warnings != watcher.config.warnings:
            watcher.take_config(on_disk)  # only what it says of the vault: no note to read again
        if watcher.config_problem:
            return "the config on disk is not the one in use"
        return None


@dataclass(frozen=True)
class _Asked:
    """A request, checked: whatever does not have the form the client gives it is refused."""

    root: Path
    argv: list[str]
    today: date
    terminal: Terminal
    stderr_tty: bool
    key: tuple[Any, ...]  # the request, as it is asked again


def _asked(request: dict[str, Any]) -> _Asked:
    """The request's parts, or TypeError, ValueError or KeyError for one without them."""
    argv = request["argv"]
    environment = request.get("environment") or {}
    columns = request.get("columns")
    if not isinstance(argv, list) or not all(isinstance(argument, str) for argument in argv):
        raise TypeError("argv")
    if not isinstance(environment, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in environment.items()
    ):
        raise TypeError("environment")
    if columns is not None and (not isinstance(columns, int) or isinstance(columns, bool) or columns < 1):
        raise TypeError("columns")
    if not isinstance(request["root"], str) or not isinstance(request["today"], str):
        raise TypeError("root or today")
    width = columns or 80  # what the terminal's size comes to where none can be asked
    terminal = Terminal(request.get("stdout_tty") is True, environment, lambda: width)
    stderr_tty = request.get("stderr_tty") is True
    key = (
        tuple(argv),
        request["today"],
        terminal.stdout_tty,
        stderr_tty,
        columns,
        tuple(sorted(environment.items())),
    )
    today = date.fromisoformat(request["today"])
    return _Asked(Path(request["root"]), argv, today, terminal, stderr_tty, key)


def run(argv: list[str], session: Session, stderr_tty: bool) -> tuple[int, list[tuple[int, bytes]]]:
    """`vaultkit ARGV` over `session`: its exit code and what it wrote to standard output (1)
    and standard error (2), in the order written."""
    from vaultkit.cli import cli

    written: list[tuple[int, bytes]] = []
    out = _Recorded(1, written, session.terminal.stdout_tty)
    err = _Recorded(2, written, stderr_tty)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(args=argv, prog_name="vaultkit", obj=session)
            exit_code: Any = 0
        except SystemExit as exc:
            exit_code = exc.code or 0
    if exit_code == EXIT_INTERRUPTED:
        # The command's exit point took the watcher's Ctrl-C (or `kill`) for the command's own.
        raise KeyboardInterrupt
    return (exit_code if isinstance(exit_code, int) else 1), _joined(written)


def _joined(written: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Consecutive writes to one stream as one; each joined once, not piece by piece (a large
    vault's JSON agenda comes in dozens of pieces)."""
    runs: list[tuple[int, list[bytes]]] = []
    for stream, data in written:
        if runs and runs[-1][0] == stream:
            runs[-1][1].append(data)
        else:
            runs.append((stream, [data]))
    return [(stream, b"".join(pieces)) for stream, pieces in runs]


class _Sink(io.RawIOBase):
    """Records what the answering thread writes; what another thread writes meanwhile (a
    library's warning on the watcher's own threads) goes where it would have gone."""

    def __init__(self, stream: int, written: list[tuple[int, bytes]], elsewhere: Any):
        self.stream = stream
        self.written = written
        self.elsewhere = elsewhere
        self.thread = threading.get_ident()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if threading.get_ident() != self.thread:
            if self.elsewhere is not None:  # None: the watch runs without a terminal
                self.elsewhere.buffer.write(bytes(data))
                self.elsewhere.buffer.flush()
        else:
            self.written.append((self.stream, bytes(data)))
        return len(data)


class _Recorded(io.TextIOWrapper):
    """A standard stream as the client has it: UTF-8, and a terminal or not (click strips
    colours from what does not go to one)."""

    def __init__(self, stream: int, written: list[tuple[int, bytes]], tty: bool):
        elsewhere = sys.__stdout__ if stream == 1 else sys.__stderr__
        sink = _Sink(stream, written, elsewhere)
        super().__init__(sink, encoding="utf-8", newline="\n", write_through=True)  # type: ignore[arg-type]
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty
