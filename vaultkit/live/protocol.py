"""How the command line asks a running `vaultkit watch`: one request and one answer per
connection, over a Unix socket in the vault's `.vaultkit/` folder.

A message is two lengths (of a JSON header and of a body that follows it) and then both. The
client's side must stay light: this module imports nothing but the standard library's basics.

Freshness comes from a cookie, as git's fsmonitor daemon and watchman do it: the client makes
a file in the cookie folder before it asks, and the watcher answers only once it has seen that
file's event, when every change made before it has been seen too.
"""

from __future__ import annotations

import json
import os
import socket
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

PROTOCOL = 1
SOCKET = ".vaultkit/watch.sock"
COOKIES = ".vaultkit/cookies"
# The report commands a watcher answers (see `answerable`).
SERVED_COMMANDS = frozenset(
    (
        "agenda",
        "show",
        "stale",
        "tags",
        "intros",
        "path",
        "hubs",
        "balance",
        "give",
        "goals",
        "meetup",
        "layers",
    )
)
# Options after which the command must run on its own: help, a traceback, a fresh reading, or
# output that goes to a file.
_ON_ITS_OWN = ("--help", "-h", "--version", "--debug", "--no-cache", "--output", "-o")
# What of the client's environment its output depends on: colour, width, and the language
# (vaultkit.language.chosen reads these).
PASSED_ENVIRONMENT = ("NO_COLOR", "COLUMNS", "VAULTKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
MAX_HEADER = 1 << 20

_LENGTHS = struct.Struct("!II")
# Longer socket paths do not fit a socket address on Linux (108 bytes) or macOS (104).
_LONGEST_ADDRESS = 100

T = TypeVar("T")


def answerable(argv: list[str]) -> tuple[bool, str | None]:
    """Whether a watcher may answer `vaultkit ARGV` (a report command, to standard output,
    without --debug or --no-cache), and the `--vault` it names (None if none). The client asks
    this before it asks the watcher, and the watcher again before it answers."""
    vault: str | None = None
    command = None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            break
        if argument.startswith(_ON_ITS_OWN):
            return False, None
        if argument == "--vault":
            vault = next(arguments, None)
            if vault is None:
                return False, None
        elif argument.startswith("--vault="):
            vault = argument.split("=", 1)[1]
        elif command is None and not argument.startswith("-"):
            command = argument
    return command in SERVED_COMMANDS, vault


class ProtocolError(Exception):
    """The other side went away mid-message, or sent what is no message."""


def send(connection: socket.socket, header: dict[str, Any], body: bytes = b"") -> None:
    head = json.dumps(header).encode("utf-8")
    connection.sendall(_LENGTHS.pack(len(head), len(body)) + head + body)


def receive(connection: socket.socket) -> tuple[dict[str, Any], bytes]:
    """One whole message; ProtocolError for anything less."""
    head_length, body_length = _LENGTHS.unpack(_exactly(connection, _LENGTHS.size))
    if head_length > MAX_HEADER:
        raise ProtocolError(f"a header of {head_length} bytes")
    try:
        header = json.loads(_exactly(connection, head_length))
    except ValueError as exc:
        raise ProtocolError(f"a header that is no JSON: {exc}") from None
    if not isinstance(header, dict):
        raise ProtocolError("a header that is no JSON object")
    return header, _exactly(connection, body_length)


def _exactly(connection: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = connection.recv(min(size, 1 << 20))
        if not chunk:
            raise ProtocolError("the connection ended mid-message")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def at_socket(path: str, act: Callable[[str], T]) -> T:
    """`act(address)` on the socket at `path`. A path too long for a socket address is reached
    from its folder, made the working folder for that moment and then given back: no other
    thread of the caller may depend on the working folder meanwhile (the watcher's threads use
    absolute paths only)."""
    if len(os.fsencode(path)) <= _LONGEST_ADDRESS:
        return act(path)
    with _in_folder(os.path.dirname(path)):
        return act(os.path.basename(path))


@contextmanager
def _in_folder(folder: str) -> Iterator[None]:
    back = os.open(".", os.O_RDONLY)
    try:
        os.chdir(folder)
        yield
    finally:
        os.fchdir(back)
        os.close(back)
