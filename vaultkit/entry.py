"""The `vaultkit` command's first step: a report that a running `vaultkit watch` can answer is
asked of it, and its answer printed exactly as the command would have printed it; anything
else, or when it cannot answer, runs here. This is part of the command line, as `vaultkit.cli`
is, but imports neither click nor the parser: an answered query costs little more than
starting Python."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from datetime import date
from typing import Any

from vaultkit.errors import EXIT_INTERNAL, EXIT_OK


def main() -> None:
    # A run of one command builds what it reports on, prints it and ends: what it builds holds no
    # reference cycles, reference counting frees what it drops, and the cyclic collector, each
    # time scanning all that has been built since the last freeze, cost a large agenda a third
    # of its time. A watch, which runs for days, turns it on again (`vaultkit.live.watch`).
    gc.disable()
    exit_code = answered(sys.argv[1:])
    if exit_code is None:
        from vaultkit.cli import main as run_here

        try:
            run_here()
            exit_code = 0
        except SystemExit as exc:
            exit_code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    _leave(exit_code)


def _leave(exit_code: int) -> None:
    """End the process without taking apart what the run built, once its output is out: a large
    vault's index freed object by object costs more than the run's last report (50 to 80 ms at
    33,000 notes), and the end of the process frees it at once. Everything vaultkit writes is
    closed by then; nothing of it waits for the interpreter's own exit."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # the reader went away (`vaultkit agenda | head`): the command said all it could
    except ValueError:
        pass  # a stream closed already, as the command closes standard error after a broken pipe
    os._exit(exit_code)


def answered(argv: list[str]) -> int | None:
    """The exit code of `vaultkit ARGV` as the vault's watcher ran it, its output printed; None
    (before anything is printed) when the command must run here."""
    from vaultkit.live import client

    root = client.servable(argv)
    if root is None or not _utf8(sys.stdout) or not _utf8(sys.stderr):
        return None
    request = client.request(
        root, argv, date.today(), sys.stdout.isatty(), sys.stderr.isatty(), _terminal_columns()
    )
    answer = client.ask(root, request, client.ANSWER_WAIT)
    if answer is None:
        return None
    exit_code, written = answer
    try:
        for stream, data in written:
            target = sys.stdout if stream == 1 else sys.stderr
            target.buffer.write(data)
            target.buffer.flush()
    except BrokenPipeError:
        # The reader went away (`vaultkit agenda | head`), as the command itself takes it.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        # A full disk, say: said as the command says it of its own output.
        with contextlib.suppress(OSError):
            print(f"vaultkit: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("Run again with --debug to see the traceback.", file=sys.stderr)
        return EXIT_INTERNAL
    return exit_code


def _terminal_columns() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


def _utf8(stream: Any) -> bool:
    return str(getattr(stream, "encoding", "")).lower().replace("_", "-") in ("utf-8", "utf8")
