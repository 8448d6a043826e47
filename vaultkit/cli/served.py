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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultkit.cli.session import Kept, Session, Terminal

if TYPE_CHECKING:
    from vaultkit.live.server import Query
    from vaultkit.live.watch import Watcher


class Answerer:
    """Answers the queries a watcher hands over, reusing what it printed while nothing changed."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher
        self._kept: Kept = {}
        self._generation = -1

    def __call__(self, query: Query) -> None:
        watcher = self.watcher
        request = query.request
        problem = _problem(request, watcher)
        if problem:
            query.refuse(problem)
            return
        if self._generation != watcher.generation:
            self._kept, self._generation = {}, watcher.generation
        terminal = Terminal(
            bool(request.get("stdout_tty")),
            {str(k): str(v) for k, v in dict(request.get("environment") or {}).items()},
            lambda: int(request.get("columns") or 80),
        )
        session = Session.served(
            watcher.root,
            watcher.config,
            watcher.index,
            watcher.activity(),
            terminal,
            date.fromisoformat(request["today"]),
            self._kept,
        )
        try:
            exit_code, written = run(list(request["argv"]), session, bool(request.get("stderr_tty")))
        except Exception as exc:  # a bug past the command's own exit point: the client runs it itself
            query.refuse(f"the command failed here: {type(exc).__name__}")
            return
        query.reply(exit_code, written)


def _problem(request: dict[str, Any], watcher: Watcher) -> str | None:
    """Why the watcher cannot answer `request` as a run of its own would, if it cannot."""
    if watcher.config_problem:
        return "the config on disk is not the one in use"
    try:
        if Path(str(request["root"])) != watcher.root.resolve():
            return "this watcher watches another vault"
        date.fromisoformat(str(request["today"]))
        argv = request["argv"]
    except (KeyError, ValueError, OSError):
        return "a request without a vault, a day or arguments"
    if not isinstance(argv, list) or not all(isinstance(argument, str) for argument in argv):
        return "a request without a vault, a day or arguments"
    return None


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
    return (exit_code if isinstance(exit_code, int) else 1), _joined(written)


def _joined(written: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Consecutive writes to one stream as one."""
    joined: list[tuple[int, bytes]] = []
    for stream, data in written:
        if joined and joined[-1][0] == stream:
            joined[-1] = (stream, joined[-1][1] + data)
        else:
            joined.append((stream, data))
    return joined


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
