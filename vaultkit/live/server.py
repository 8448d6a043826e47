"""The socket a running `vaultkit watch` answers queries on (see `vaultkit.live.protocol`).

Requests are read on threads of their own and handed to the watcher as `Query` objects; the
watcher answers them one at a time in its own loop, each once its cookie is seen, so that an
answer and a rebuild never run at once. The socket is removed when the watcher stops.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vaultkit import __version__
from vaultkit.boundary import link_out_of_vault
from vaultkit.language import _
from vaultkit.live.protocol import COOKIES, PROTOCOL, SOCKET, ProtocolError, at_socket, receive, send

REQUEST_WAIT = 2.0  # seconds a connection may take to send its request
REPLY_WAIT = 30.0  # seconds a client may take to read its answer


class ServerProblem(Exception):
    """No queries can be answered here (the watch still keeps the reports)."""


class Query:
    """One request from the command line, answered once."""

    def __init__(self, connection: socket.socket, request: dict[str, Any]):
        self._connection = connection
        self.request = request
        self.cookie = str(request.get("cookie", ""))

    def reply(self, exit_code: int, written: list[tuple[int, bytes]]) -> None:
        """The command's exit code, and what it wrote to standard output (1) and error (2), in
        the order written."""
        header = {"exit": exit_code, "written": [[stream, len(data)] for stream, data in written]}
        self._send(header, b"".join(data for _, data in written))

    def refuse(self, why: str) -> None:
        """Say no: the client runs the command on its own instead."""
        self._send({"refused": why})

    def _send(self, header: dict[str, Any], body: bytes = b"") -> None:
        """Sent on a thread of its own: a client that does not read holds up nobody else."""
        threading.Thread(target=self._sent, args=(header, body), daemon=True).start()

    def _sent(self, header: dict[str, Any], body: bytes) -> None:
        try:
            self._connection.settimeout(REPLY_WAIT)
            send(self._connection, header, body)
        except OSError:
            pass  # the client gave up waiting, and runs the command on its own
        finally:
            self._connection.close()


class QueryServer:
    """Listens on the vault's socket and hands every well-formed request to `deliver`."""

    def __init__(self, root: Path, deliver: Callable[[Query], None]):
        self.root = root
        self.path = str(root / SOCKET)
        self._deliver = deliver
        self._listener: socket.socket | None = None
        self._identity: tuple[int, int] | None = None  # the socket file's device and inode

    def start(self) -> None:
        """Bind the socket and listen; ServerProblem when that cannot be done here."""
        for place in (os.path.dirname(SOCKET), COOKIES):
            if link_out_of_vault(self.root, self.root / place, ()) is not None:
                raise ServerProblem(_("{place} links out of the vault").format(place=place))
        try:
            os.makedirs(self.root / COOKIES, exist_ok=True)
            self._clear_stale_socket()
            _sweep(self.root / COOKIES)
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            at_socket(self.path, listener.bind)
            os.chmod(self.path, 0o600)
            listener.listen(16)
        except OSError as exc:
            raise ServerProblem(
                _("cannot listen on {socket}: {reason}").format(socket=SOCKET, reason=exc.strerror or exc)
            ) from None
        status = os.stat(self.path)
        self._identity = (status.st_dev, status.st_ino)
        self._listener = listener
        threading.Thread(target=self._accept, name="vaultkit-queries", daemon=True).start()

    def stop(self) -> None:
        """Stop listening and remove the socket, unless another watcher has put its own there."""
        if self._listener is None:
            return
        self._listener.close()
        self._listener = None
        try:
            status = os.stat(self.path)
            if (status.st_dev, status.st_ino) == self._identity:
                os.unlink(self.path)
        except OSError:
            pass

    def _clear_stale_socket(self) -> None:
        """A socket left by a watcher that was killed is removed; one that answers is another
        watcher's, running on this vault."""
        try:
            status = os.lstat(self.path)
        except FileNotFoundError:
            return
        if not stat.S_ISSOCK(status.st_mode):
            raise ServerProblem(_("{socket} is in the way, and it is no socket").format(socket=SOCKET))
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            at_socket(self.path, probe.connect)
        except OSError:
            os.unlink(self.path)
            return
        finally:
            probe.close()
        raise ServerProblem(_("another vaultkit watch is answering queries on this vault"))

    def _accept(self) -> None:
        listener = self._listener
        while listener is not None:
            try:
                connection, _address = listener.accept()
            except OSError:
                return  # closed by stop()
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection: socket.socket) -> None:
        try:
            connection.settimeout(REQUEST_WAIT)
            request, _payload = receive(connection)
            connection.settimeout(None)
        except (OSError, ProtocolError):
            connection.close()
            return
        query = Query(connection, request)
        if request.get("protocol") != PROTOCOL or request.get("version") != __version__:
            query.refuse(f"this watcher is vaultkit {__version__}")
        elif not query.cookie or "/" in query.cookie or query.cookie.startswith("."):
            query.refuse("a query needs a cookie")
        else:
            self._deliver(query)


def _sweep(cookies: Path) -> None:
    """Cookies left by clients that were killed before they could remove theirs: no query waits
    for them before a watcher listens."""
    for cookie in cookies.iterdir():
        try:
            cookie.unlink()
        except OSError:
            pass
