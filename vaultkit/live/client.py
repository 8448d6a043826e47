"""The command line's side of a query to a running `vaultkit watch` (`vaultkit.entry` asks).

Whenever an answer cannot be had for sure (no watcher, another version of vaultkit, a watcher
that goes away mid-answer or takes too long, a command it does not answer), there is none,
and the command runs on its own.
"""

from __future__ import annotations

import os
import socket
import stat
import time
from datetime import date
from pathlib import Path
from typing import Any

from vaultkit import __version__
from vaultkit.live.protocol import (
    COOKIES,
    PASSED_ENVIRONMENT,
    PROTOCOL,
    SOCKET,
    ProtocolError,
    answerable,
    at_socket,
    receive,
    send,
)
from vaultkit.place import VaultError, find_vault, is_marked

ANSWER_WAIT = 3.0  # seconds to wait for an answer before running the command on its own
_FALSE = ("", "0", "false", "no", "off", "n", "f")


def ask(root: Path, request: dict[str, Any], timeout: float) -> tuple[int, list[tuple[int, bytes]]] | None:
    """The watcher's answer to `request`: the exit code and the output, stream by stream in the
    order written; None when there is no answer to trust."""
    if not _ours(root / SOCKET):
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cookie = None
    try:
        connection.settimeout(timeout)
        at_socket(str(root / SOCKET), connection.connect)
        cookie = _cookie(root)
        send(connection, {**request, "cookie": os.path.basename(cookie)})
        header, body = receive(connection)
    except (OSError, ProtocolError):
        return None
    finally:
        connection.close()
        if cookie is not None:
            _remove(cookie)
    return _answer(header, body)


def _answer(header: dict[str, Any], body: bytes) -> tuple[int, list[tuple[int, bytes]]] | None:
    exit_code, written = header.get("exit"), header.get("written")
    if not isinstance(exit_code, int) or not isinstance(written, list):
        return None  # refused, or not understood
    segments, start = [], 0
    for item in written:
        if not (isinstance(item, list) and len(item) == 2 and item[0] in (1, 2) and isinstance(item[1], int)):
            return None
        segments.append((item[0], body[start : start + item[1]]))
        start += item[1]
    return (exit_code, segments) if start == len(body) else None


def servable(argv: list[str]) -> Path | None:
    """The vault a watcher may answer `vaultkit ARGV` on, or None when it must run on its own
    (as it must whenever VAULTKIT_NO_CACHE asks for every note read afresh)."""
    may, vault = answerable(argv)
    if not may or os.environ.get("VAULTKIT_NO_CACHE", "").strip().lower() not in _FALSE:
        return None
    return _root(vault)


def _root(vault: str | None) -> Path | None:
    """The vault the command runs on, if it is one for sure (not just the folder it runs in)."""
    env = os.environ.get("VAULTKIT_VAULT")
    try:
        root = find_vault(Path.cwd(), vault, env)
    except (VaultError, OSError):
        return None
    return root if vault or env or is_marked(root) else None


def request(
    root: Path, argv: list[str], today: date, stdout_tty: bool, stderr_tty: bool, columns: int | None
) -> dict[str, Any]:
    """What the watcher must know to run `vaultkit ARGV` as it would run here: the vault, the
    day, and where the output goes (`columns`: the terminal's width, when output goes to one)."""
    return {
        "protocol": PROTOCOL,
        "version": __version__,
        "root": str(root),
        "argv": argv,
        "today": today.isoformat(),
        "stdout_tty": stdout_tty,
        "stderr_tty": stderr_tty,
        "columns": columns,
        "environment": {name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ},
    }


def _ours(path: Path) -> bool:
    """Whether `path` is a socket of this user's: whoever else could put one there could make
    this command print anything."""
    try:
        status = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(status.st_mode) and status.st_uid == os.getuid()


def _cookie(root: Path) -> str:
    """Make a new cookie file; its path."""
    path = os.path.join(root, COOKIES, f"{os.getpid()}-{time.monotonic_ns()}")
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
