"""The reports made from the whole network, drawn apart from the others by a watcher in a large
vault (`vaultkit.live.apart`): the same files as drawn with the others, from the newest state,
never half-written, and nothing left running after a stop."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import vaultkit.live.watch
from vaultkit.cli import cli
from vaultkit.errors import VaultkitError
from vaultkit.live import apart
from vaultkit.live.apart import Apart
from vaultkit.live.watch import Watcher
from vaultkit.render import ics

TODAY = date(2026, 11, 21)
DRAWN = ("Network.md", "Network.svg", "Layers.svg", "Year.svg")
QUICK = ("Agenda.md", "Stale.md", "Tags.md", "vaultkit.ics")

pytestmark = pytest.mark.skipif(not apart.possible(), reason="drawn apart only where processes fork")


def _reports(root: Path) -> dict[str, bytes]:
    folder = root / "_vaultkit"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _apart(root: Path) -> Watcher:
    return Watcher(root, lambda: TODAY, draw_apart_from=1)


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The children the test forks, to check that none is left running or unreaped."""
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _children_left(pids: list[int]) -> list[int]:
    left = []
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        left.append(pid)
    return left


def test_the_network_is_drawn_apart_and_comes_out_as_drawn_with_the_others(example, tmp_path, forked):
    beside = tmp_path / "beside"
    shutil.copytree(example, beside)
    Watcher(beside, lambda: TODAY, draw_apart_from=10**9).build_all()

    watcher = _apart(example)
    first = watcher.build_all()
    assert first.written == [f"_vaultkit/{name}" for name in QUICK]  # the rest is being drawn
    drawn = watcher.drawn_apart()
    assert [(d.drawn, d.problem, d.written) for d in drawn] == [
        (True, None, [f"_vaultkit/{n}" for n in DRAWN])
    ]
    assert _reports(example) == _reports(beside)
    assert len(forked) == 1 and _children_left(forked) == []


def test_a_watcher_that_draws_the_network_apart_never_imports_what_only_that_needs(example):
    """networkx (22 MiB, and a tenth of a second to import) is the tests' yardstick alone: a
    watcher, which rebuilds every report and has the network drawn apart, never imports it."""
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from vaultkit.live.watch import Watcher\n"
        "watcher = Watcher(Path(sys.argv[1]), lambda: date(2026, 11, 21), draw_apart_from=1)\n"
        "watcher.build_all()\n"
        "print([file for drawn in watcher.drawn_apart() for file in drawn.written])\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(example)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    drawn, imported = done.stdout.splitlines()
    assert "_vaultkit/Network.md" in drawn and imported == "False"


def test_the_child_draws_without_what_the_watcher_keeps_for_its_next_rebuilds(example, tmp_path, monkeypatch):
    """What the watcher keeps for later (the reports as last rendered, what they derived, the
    feed's events) the child lets go of before it draws, so that the drawing reuses that
    memory; the watcher itself keeps all of it."""
    real = vaultkit.live.watch.render_reports
    seen = tmp_path / "seen-by-the-child"

    def render_reports(index, activity, config, root, drawn=None):
        held = (len(watcher._rendered), activity.derived, len(ics.written_events()))
        seen.write_text(repr(held))
        return real(index, activity, config, root, drawn=drawn)

    monkeypatch.setattr(vaultkit.live.watch, "render_reports", render_reports)
    watcher = _apart(example)
    watcher.build_all()
    rendered, feed = dict(watcher._rendered), ics.written_events()
    derived = {what: dict(table) for what, (_, table) in watcher.activity().derived.items()}
    assert rendered and feed and derived["standing"]
    assert [d.problem for d in watcher.drawn_apart()] == [None]
    assert seen.read_text() == "(0, None, 0)"
    assert watcher._rendered == rendered and ics.written_events() == feed
    assert {what: dict(table) for what, (_, table) in watcher.activity().derived.items()} == derived


def test_changes_made_while_a_child_draws_are_drawn_next_from_the_newest_state(example, tmp_path):
    beside = tmp_path / "beside"
    watcher = _apart(example)
    watcher.build_all()
    for name in ("Zora Neu", "Yuri Alt"):
        (example / "People" / f"{name}.md").write_text(f"---\nname: {name}\nknows: [[Anna Becker]]\n---\n")
        watcher.apply({f"People/{name}.md"})
    watcher.drawn_apart()
    shutil.copytree(example, beside, ignore=shutil.ignore_patterns("_vaultkit", ".vaultkit"))
    Watcher(beside, lambda: TODAY, draw_apart_from=10**9).build_all()
    network = (example / "_vaultkit" / "Network.svg").read_text()
    assert 'data-contact="People/Zora Neu.md"' in network and 'data-contact="People/Yuri Alt.md"' in network
    assert _reports(example) == _reports(beside)


def test_a_small_vault_or_a_system_that_cannot_fork_draws_with_the_others(example, monkeypatch):
    assert Watcher(example, lambda: TODAY).build_all().written[-len(DRAWN) :] == [
        f"_vaultkit/{name}" for name in DRAWN
    ]
    shutil.rmtree(example / "_vaultkit")
    monkeypatch.setattr(apart, "possible", lambda: False)
    watcher = _apart(example)
    assert len(watcher.build_all().written) == len(QUICK + DRAWN) and watcher.drawn_apart() == []


def test_watch_says_what_it_drew_apart_on_a_line_of_its_own(example, monkeypatch):
    monkeypatch.setattr(vaultkit.live.watch, "DRAW_APART_FROM", 1)

    def one_burst(self, on_rebuild, stop, watching, **serving):
        watching()
        for drawn in self.drawn_apart():
            on_rebuild(drawn)
        (example / "People" / "Zora Neu.md").write_text("---\nname: Zora Neu\n---\n")
        on_rebuild(self.apply({"People/Zora Neu.md"}))
        for drawn in self.drawn_apart():
            on_rebuild(drawn)
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", one_burst)
    said = CliRunner().invoke(cli, ["--vault", str(example), "watch"]).stdout.splitlines()
    lines = [line for line in said if not line.startswith("  ")]  # not what the notes hold
    assert (
        "; wrote _vaultkit/Agenda.md, _vaultkit/Stale.md, _vaultkit/Tags.md, _vaultkit/vaultkit.ics;"
        in lines[0]
    )
    assert lines[1].endswith(
        " s; wrote _vaultkit/Network.md, _vaultkit/Network.svg, _vaultkit/Layers.svg, _vaultkit/Year.svg"
    )
    assert " drew the network in " in lines[1]
    assert lines[2].endswith(
        ": People/Zora Neu.md changed; wrote _vaultkit/Agenda.md, _vaultkit/Stale.md, _vaultkit/Tags.md"
    )
    assert " drew the network in " in lines[3] and lines[3].endswith(
        "; wrote _vaultkit/Network.svg, _vaultkit/Layers.svg"
    )


def _wrote(target: Path, pause: float = 0.0):
    def write(rendered: dict[str, str]) -> tuple[list[str], dict[str, str]]:
        (target.parent / "writing").touch()
        time.sleep(pause)
        target.write_text(rendered["it"])
        return [target.name], {}

    return write


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 10
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never came"
        time.sleep(0.01)


def test_stopping_ends_a_child_that_draws_and_nothing_is_written(tmp_path, forked):
    drawing = Apart()
    drawing.draw(lambda: time.sleep(30) or {"it": "drawn"}, _wrote(tmp_path / "picture"))
    started = time.monotonic()
    drawing.stop()
    assert time.monotonic() - started < 5 and not drawing.busy
    assert list(tmp_path.iterdir()) == [] and _children_left(forked) == []


def test_a_file_being_written_when_the_watch_stops_is_written_whole(tmp_path, forked):
    drawing = Apart()
    drawing.draw(lambda: {"it": "drawn"}, _wrote(tmp_path / "picture", pause=0.5))
    _wait_for(tmp_path / "writing")
    drawing.stop()
    assert (tmp_path / "picture").read_text() == "drawn" and _children_left(forked) == []


def test_what_kept_a_child_from_drawing_is_said(tmp_path, forked):
    def refused() -> dict[str, str]:
        raise VaultkitError("the report folder is a file")

    def broken() -> dict[str, str]:
        raise KeyError("hubs")

    drawing = Apart()
    for render in (refused, broken, lambda: os.kill(os.getpid(), signal.SIGKILL) or {}):
        drawing.draw(render, _wrote(tmp_path / "picture"))
        assert [d.problem for d in drawing.wait()] == [
            "the report folder is a file"
            if render is refused
            else "drawing it failed: KeyError: 'hubs'"
            if render is broken
            else "the process drawing it ended before it was done"
        ]
    assert not (tmp_path / "picture").exists() and _children_left(forked) == []


def test_a_job_asked_for_while_another_draws_replaces_the_one_waiting(tmp_path):
    drawing = Apart()
    drawing.draw(lambda: time.sleep(0.3) or {"it": "first"}, _wrote(tmp_path / "picture"))
    drawing.draw(lambda: {"it": "second"}, _wrote(tmp_path / "picture"))
    drawing.draw(lambda: {"it": "third"}, _wrote(tmp_path / "picture"))
    assert [d.written for d in drawing.wait()] == [["picture"], ["picture"]]
    assert (tmp_path / "picture").read_text() == "third" and not drawing.busy


def test_the_child_draws_at_a_lower_priority_than_the_watcher(tmp_path, forked):
    drawing = Apart()
    drawing.draw(lambda: {"it": str(os.nice(0))}, _wrote(tmp_path / "picture"))
    drawing.wait()
    expected = min(os.nice(0) + apart.CHILD_NICENESS, 19)  # 19: the lowest there is
    assert int((tmp_path / "picture").read_text()) == expected and _children_left(forked) == []
