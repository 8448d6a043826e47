"""The reports made from the whole network (the network note, the pictures, the dashboard),
drawn apart from the others while a watcher runs.

In a large vault they cost seconds (the hubs report alone searches the whole network), and the
agenda a saved note changes should not wait for them. So a watcher forks: the child holds the
notes, index and activity exactly as the watcher had them at that moment, without copying
them, draws on the other core and writes through the same safe writer, while the watcher goes
on taking changes in and answering queries. One child draws at a time; the changes made while
it draws are drawn next, once, from the newest state.

The child says what it wrote through a pipe, as JSON. Stopping the watcher ends a child at
once, except while it writes: a file it started is finished, and atomic like every write; what
it had not written yet the next `report` or `watch` writes.
Where a process cannot be forked safely (anywhere but Linux), the watcher draws these reports
with the others.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vaultkit.content import Content
from vaultkit.errors import VaultkitError
from vaultkit.language import _

Render = Callable[[], dict[str, Content]]  # each report's content, by its path
Write = Callable[[dict[str, Content]], tuple[list[str], dict[str, str]]]  # what was written, what refused
_STOPPING = (signal.SIGTERM, signal.SIGINT)
CHILD_NICENESS = 10


def possible() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


@dataclass
class Drawn:
    """What one child drew: the files written and refused, or the problem that kept it from
    writing any."""

    written: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    seconds: float = 0.0


@dataclass
class _Job:
    render: Render
    write: Write


@dataclass
class _Child:
    pid: int
    pipe: int
    started: float
    said: bytearray = field(default_factory=bytearray)


class Apart:
    """The child drawing, if one does, and the job drawn after it."""

    def __init__(self) -> None:
        self._child: _Child | None = None
        self._next: _Job | None = None

    @property
    def busy(self) -> bool:
        return self._child is not None or self._next is not None

    def draw(self, render: Render, write: Write) -> None:
        """Draw what `render` makes and `write` writes, now or when the child drawing finishes;
        a job still waiting is replaced, being older."""
        self._next = _Job(render, write)
        if self._child is None:
            self._start()

    def finished(self) -> Drawn | None:
        """What the child drew, once it has finished (the next one then starts); None before."""
        child = self._child
        if child is None:
            return None
        while select.select([child.pipe], [], [], 0)[0]:
            chunk = os.read(child.pipe, 1 << 16)
            if not chunk:
                return self._ended(child)
            child.said += chunk
        return None

    def wait(self) -> list[Drawn]:
        """Everything drawn until no child draws and no job waits."""
        drawn = []
        while self._child is not None:
            select.select([self._child.pipe], [], [])
            if (done := self.finished()) is not None:
                drawn.append(done)
        return drawn

    def stop(self) -> None:
        """End the child drawing, if one does, and forget what waits."""
        self._next = None
        child = self._child
        if child is not None:
            self._child = None
            os.kill(child.pid, signal.SIGTERM)
            os.close(child.pipe)  # what it would still say goes nowhere, and cannot hold it up
            os.waitpid(child.pid, 0)

    def _ended(self, child: _Child) -> Drawn:
        os.waitpid(child.pid, 0)
        os.close(child.pipe)
        self._child = None
        try:
            said: dict[str, Any] = json.loads(child.said)
            drawn = Drawn(said["written"], said["refused"], said["problem"])
        except (ValueError, KeyError, TypeError):
            drawn = Drawn(problem=_("the process drawing it ended before it was done"))
        drawn.seconds = time.perf_counter() - child.started
        if self._next is not None:
            self._start()
        return drawn

    def _start(self) -> None:
        job, self._next = self._next, None
        assert job is not None
        reading, writing = os.pipe()
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child's coverage ends with os._exit)
            os.close(reading)
            _draw_in_child(job, writing)
        os.close(writing)
        self._child = _Child(pid, reading, started)


def _draw_in_child(job: _Job, pipe: int) -> None:
    """Never returns: whatever happens, the child ends here, running none of the watcher's own
    clean-up (the socket, the observer) and no exit handler."""
    try:
        # The watcher's handlers would stop a watcher that is not there: the watcher ends the
        # child itself (SIGTERM), and Ctrl-C reaches the watcher as well.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # What the watcher does meanwhile (a rebuild, an answer) goes first where the cores are
        # busy: the drawing is the part that may wait.
        os.nice(CHILD_NICENESS)
        said: dict[str, Any] = {"written": [], "refused": {}, "problem": None}
        try:
            rendered = job.render()
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)  # a file begun is finished
            said["written"], said["refused"] = job.write(rendered)
        except VaultkitError as exc:
            said["problem"] = str(exc)
        except Exception as exc:  # a bug: the watcher says so, and the next change draws again
            said["problem"] = _("drawing it failed: {error}").format(error=f"{type(exc).__name__}: {exc}")
        data = json.dumps(said).encode()
        while data:
            data = data[os.write(pipe, data) :]
    finally:
        os._exit(0)
