"""The `vaultkit` command's first step: a report that a running `vaultkit watch` can answer is
asked of it, and its answer printed exactly as the command would have printed it; anything
else, or when it cannot answer, runs here. This is part of the command line, as `vaultkit.cli`
is, but imports neither click nor the parser: an answered query costs little more than
starting Python."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any


def main() -> None:
    exit_code = answered(sys.argv[1:])
    if exit_code is not None:
        sys.exit(exit_code)
    from vaultkit.cli import main as run_here

    run_here()


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
        return 0
    return exit_code


def _terminal_columns() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


def _utf8(stream: Any) -> bool:
    return str(getattr(stream, "encoding", "")).lower().replace("_", "-") in ("utf-8", "utf8")
