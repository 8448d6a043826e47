"""While `vaultkit watch` runs, it answers report commands from memory: the answers must be the
ones a run of the command on its own gives, after every change saved before the query; and
when it cannot answer for sure, the command runs on its own."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.cli.served import Answerer
from vaultkit.live import client
from vaultkit.live.protocol import SOCKET, receive, send
from vaultkit.live.server import QueryServer, ServerProblem
from vaultkit.live.watch import Watcher

TODAY = date(2026, 11, 21)
QUERIES = [
    ["agenda"],
    ["agenda", "--format", "json"],
    ["agenda", "--format", "markdown", "--days", "30"],
    ["show", "Daniel Okafor"],
    ["show", "Nobody at all"],
    ["stale"],
    ["tags"],
    ["intros"],
    ["path", "Oliver Grant"],
    ["hubs"],
    ["balance"],
    ["give"],
    ["give", "hannah", "--format", "json"],
    ["goals"],
    ["meetup", "--format", "json"],
    ["layers", "--format", "json"],
]


@pytest.fixture(autouse=True)
def queries_may_be_answered(monkeypatch):
    """The suite sets VAULTKIT_NO_CACHE (see conftest), which asks for every note read afresh: no
    command would be answered by a watcher. These tests work on copies of the example vault."""
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)


class Serving:
    """A watcher on a copy of the example vault, answering queries as `vaultkit watch` does."""

    def __init__(self, root: Path, watcher: Watcher | None = None):
        self.root = root
        if watcher is None:
            watcher = Watcher(root, lambda: TODAY, quiet=0.2)
            watcher.build_all()
        self.watcher = watcher
        self.answers = 0
        self.rebuilds = 0
        answerer = self.answerer = Answerer(self.watcher)

        # A served answer is made with the process's standard output redirected, as in `vaultkit
        # watch`, which runs no other command meanwhile. Here a command runs on its own in the
        # same process (`alone`): it waits, or one would write into the other's output.
        self.busy = threading.Lock()

        def answer(query):
            with self.busy:
                self.answers += 1
                answerer(query)

        def rebuilt(rebuild):  # as `vaultkit watch` does after each rebuild
            with self.busy:
                answerer.refresh()
                self.rebuilds += 1

        self.server = QueryServer(root, self.watcher.events.put)
        self.server.start()
        self.stop = threading.Event()
        watching = threading.Event()
        self.interrupted = False

        def serve():
            try:
                self.watcher.serve(rebuilt, self.stop, watching.set, answer)
            except KeyboardInterrupt:  # as `vaultkit watch` stops on Ctrl-C
                self.interrupted = True

        self.thread = threading.Thread(target=serve)
        self.thread.start()
        assert watching.wait(timeout=10)

    def alone(self, *args: str):
        """`vaultkit ARGS` run on its own, as `on_its_own`, while the watcher answers nothing."""
        with self.busy:
            return on_its_own(self.root, *args)

    def ask(self, *args: str, version: str | None = None):
        """The watcher's answer to `vaultkit ARGS --today 2026-11-21` as (exit code, stdout,
        stderr), output going to a pipe; None when there is none."""
        argv = ["--vault", str(self.root), *args, "--today", TODAY.isoformat()]
        request = client.request(self.root.resolve(), argv, TODAY, False, False, None)
        if version is not None:
            request["version"] = version
        answer = client.ask(self.root.resolve(), request, timeout=10)
        if answer is None:
            return None
        exit_code, written = answer
        out = b"".join(data for stream, data in written if stream == 1).decode()
        err = b"".join(data for stream, data in written if stream == 2).decode()
        return exit_code, out, err

    def close(self):
        self.stop.set()
        self.thread.join(timeout=10)
        self.server.stop()


def on_its_own(root: Path, *args: str):
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "--no-cache", *args, "--today", TODAY.isoformat()]
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def serving(tmp_path):
    shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    started = Serving(tmp_path / "vault")
    yield started
    started.close()


def test_a_watch_collects_cycles_though_its_command_started_without(tmp_path):
    """`vaultkit` turns the cyclic collector off for a run of one command (`vaultkit.entry`); a
    watch runs for days, and what its answers leave in cycles must not pile up."""
    shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    gc.disable()
    try:
        started = Serving(tmp_path / "vault")
        try:
            assert gc.isenabled()
        finally:
            started.close()
    finally:
        gc.enable()


def assert_answers_as_on_its_own(serving: Serving, queries=QUERIES):
    for query in queries:
        assert serving.ask(*query) == serving.alone(*query), query


def test_every_report_is_answered_as_on_its_own(serving):
    assert_answers_as_on_its_own(serving)
    assert serving.answers == len(QUERIES)


def test_answers_follow_edits_renames_and_deletions(serving):
    root = serving.root
    daniel = root / "People" / "Daniel Okafor.md"
    daniel.write_text(
        daniel.read_text(encoding="utf-8") + "- 2026-11-20 call: the January start\n", encoding="utf-8"
    )
    assert_answers_as_on_its_own(serving)
    (root / "Meetings" / "Hamburg Tech Breakfast.md").rename(root / "Meetings" / "2026 Breakfast.md")
    assert_answers_as_on_its_own(serving)
    (root / "People" / "Oliver Grant.md").rename(root / "People" / "Olli Grant.md")
    assert_answers_as_on_its_own(serving, [*QUERIES, ["show", "Olli Grant"]])
    (root / "Meetings" / "Website Workshop.md").unlink()
    shutil.rmtree(root / "Daily")
    assert_answers_as_on_its_own(serving)


def test_answers_follow_the_dates_worth_remembering_as_they_change(serving):
    sophie = serving.root / "People" / "Sophie Kramer.md"
    sophie.write_text(
        sophie.read_text(encoding="utf-8").replace("im Dezember 2026", "am 24.11.2026"), encoding="utf-8"
    )
    tom = serving.root / "People" / "Tom Whitfield.md"
    tom.write_text(tom.read_text(encoding="utf-8").replace("anniversary: 2016-11-28\n", ""), encoding="utf-8")
    assert_answers_as_on_its_own(serving)
    answered = serving.ask("agenda")
    assert "Umzug nach Eimsbüttel (" not in str(answered) and "anniversary" not in str(answered)
    assert "Umzug nach Eimsbüttel: in 3 days" in str(answered)


def test_answers_follow_config_and_template_changes(serving):
    root = serving.root
    config = root / ".vaultkit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('default = "6m"', 'default = "2w"'), encoding="utf-8"
    )
    assert_answers_as_on_its_own(serving, [*QUERIES[:3], ["stale"]])
    templates = root / ".vaultkit" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "agenda.txt.j2").write_text(
        "{% for item in agenda.items %}{{ item.name }}\n{% endfor %}", encoding="utf-8"
    )
    assert_answers_as_on_its_own(serving, QUERIES[:3])
    assert not serving.ask("agenda")[1].startswith("Agenda for")  # the vault's own template


def test_a_broken_config_is_left_to_the_command_to_report(serving):
    (serving.root / ".vaultkit.toml").write_text("[cadence]\ndefault = 'often'\n", encoding="utf-8")
    assert serving.ask("agenda") is None
    assert serving.alone("agenda")[0] == 2


def test_a_query_right_after_a_write_sees_the_write(serving):
    """The cookie: no query is answered before the change saved before it is taken in."""
    note = serving.root / "People" / "Daniel Okafor.md"
    text = note.read_text(encoding="utf-8")
    for round_ in range(15):
        text += f"- 2026-11-{round_ + 1:02d} call: round {round_}\n"  # the newest, shown first
        note.write_text(text, encoding="utf-8")
        exit_code, out, _ = serving.ask("show", "Daniel Okafor")
        assert exit_code == 0 and f"round {round_}" in out, round_


def test_a_burst_of_500_changes_is_all_in_the_next_answer(serving):
    meetings = serving.root / "Meetings" / "Burst"
    meetings.mkdir()
    for n in range(500):
        day = f"2026-{1 + n % 11:02d}-{1 + n % 28:02d}"
        people = ["Daniel Okafor", "Oliver Grant", "Emily Carter"][n % 3]
        (meetings / f"Meeting {n}.md").write_text(
            f"---\ndate: {day}\n---\nWith [[{people}]].\n", encoding="utf-8"
        )
    assert_answers_as_on_its_own(
        serving, [["agenda", "--format", "json"], ["stale"], ["show", "Emily Carter"]]
    )


def test_two_clients_at_once_both_get_their_answer(serving):
    results = {}

    def ask(query):
        results[tuple(query)] = serving.ask(*query)

    threads = [threading.Thread(target=ask, args=(query,)) for query in (["agenda"], ["stale"], ["tags"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    for query in (["agenda"], ["stale"], ["tags"]):
        assert results[tuple(query)] == serving.alone(*query)


def test_another_version_is_refused(serving):
    assert serving.ask("agenda", version="0.0.0-other") is None


def test_no_answer_from_a_socket_nobody_listens_on(tmp_path):
    shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    root = tmp_path / "vault"
    (root / ".vaultkit" / "cookies").mkdir(parents=True)
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(root / SOCKET))  # as a watcher killed with -9 leaves it
    left.close()
    request = client.request(root.resolve(), ["agenda"], TODAY, False, False, None)
    started = time.monotonic()
    assert client.ask(root.resolve(), request, timeout=5) is None
    assert time.monotonic() - started < 1
    # A new watcher takes the socket over.
    serving = Serving(root)
    try:
        assert serving.ask("agenda") == serving.alone("agenda")
    finally:
        serving.close()


class FakeWatcher:
    """A socket that answers as a broken watcher would: half an answer, or nothing."""

    def __init__(self, root: Path, behaviour: str):
        (root / ".vaultkit" / "cookies").mkdir(parents=True, exist_ok=True)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(root / SOCKET))
        self.listener.listen(4)
        self.behaviour = behaviour
        self.connections = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            receive(connection)
            if self.behaviour == "half":
                connection.sendall(
                    b"\x00\x00\x00\x30\x00\x00\x10\x00" + b'{"exit": 0, "written": [[1, 4096]]}'
                )
                connection.sendall(b"Agenda for ")
                connection.close()
            # "silent": keeps the connection open and says nothing

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.mark.parametrize("behaviour", ["half", "silent"])
def test_a_watcher_that_dies_mid_answer_or_says_nothing_gives_no_answer(tmp_path, behaviour):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    fake = FakeWatcher(root, behaviour)
    try:
        request = client.request(root.resolve(), ["agenda"], TODAY, False, False, None)
        assert client.ask(root.resolve(), request, timeout=0.5) is None
    finally:
        fake.close()
    assert list((root / ".vaultkit" / "cookies").iterdir()) == []  # the client's cookie is gone


def vaultkit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vaultkit", *args],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_the_command_line_is_answered_by_the_watcher_and_prints_the_same(serving):
    for query in (["agenda"], ["show", "Daniel Okafor"], ["stale", "--format", "json"]):
        asked = vaultkit(*query, "--today", TODAY.isoformat(), cwd=serving.root)
        alone = vaultkit(
            *query, "--today", TODAY.isoformat(), cwd=serving.root, env={"VAULTKIT_NO_CACHE": "1"}
        )
        assert (asked.returncode, asked.stdout, asked.stderr) == (
            alone.returncode,
            alone.stdout,
            alone.stderr,
        )
    assert serving.answers == 3


def test_the_command_line_runs_on_its_own_when_the_watcher_says_nothing(tmp_path, monkeypatch):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    fake = FakeWatcher(root, "silent")
    try:
        asked = vaultkit("agenda", "--today", TODAY.isoformat(), cwd=root)
    finally:
        fake.close()
    alone = vaultkit("agenda", "--today", TODAY.isoformat(), cwd=root, env={"VAULTKIT_NO_CACHE": "1"})
    assert (asked.returncode, asked.stdout, asked.stderr) == (alone.returncode, alone.stdout, alone.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["agenda", "--output", "agenda.txt"],
        ["agenda", "-o", "agenda.txt"],
        ["--debug", "agenda"],
        ["agenda", "--no-cache"],
        ["agenda", "--help"],
        ["log", "Daniel Okafor", "call"],
        ["check"],
        ["event", "Events/kulturabend-attendees.txt"],
    ],
)
def test_what_writes_files_reads_files_or_debugs_runs_on_its_own(argv, tmp_path, monkeypatch):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    monkeypatch.chdir(root)
    assert client.servable(["agenda"]) == root.resolve()
    assert client.servable(argv) is None


def test_a_report_in_a_vault_is_servable_and_a_folder_that_is_none_is_not(tmp_path, monkeypatch):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    monkeypatch.chdir(root / "People")
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)
    assert client.servable(["agenda"]) == root.resolve()
    assert client.servable(["--vault", str(root), "show", "Anna"]) == root.resolve()
    monkeypatch.setenv("VAULTKIT_NO_CACHE", "1")
    assert client.servable(["agenda"]) is None
    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    (tmp_path / "plain").mkdir()
    monkeypatch.chdir(tmp_path / "plain")
    assert client.servable(["agenda"]) is None  # no vault for sure: the command says so itself


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_socket_goes_with_the_watcher(tmp_path, stop):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    watch = subprocess.Popen(
        [sys.executable, "-m", "vaultkit", "--vault", str(root), "watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = watch.stdout.readline()
        assert "answering report commands" in first, first
        assert (root / SOCKET).exists()
        request = client.request(root.resolve(), ["agenda"], TODAY, False, False, None)
        exit_code, written = client.ask(root.resolve(), request, timeout=10)
        assert exit_code == 0 and dict(written)[1].startswith(b"Agenda for Sat 2026-11-21")
        watch.send_signal(stop)
        watch.wait(timeout=20)
    finally:
        watch.kill()
    assert not (root / SOCKET).exists()
    assert watch.returncode == 0


def test_a_second_watcher_keeps_the_reports_but_leaves_the_queries_to_the_first(serving):
    second = subprocess.Popen(
        [sys.executable, "-m", "vaultkit", "--vault", str(serving.root), "watch"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = second.stdout.readline()
        assert "not answering report commands: another vaultkit watch is answering queries" in first
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    finally:
        second.kill()
    assert serving.ask("agenda") == serving.alone("agenda")
    assert send and receive  # the protocol's two halves, used by the fake watchers above


def test_a_vault_whose_socket_path_is_too_long_for_an_address_is_answered_all_the_same(tmp_path):
    deep = tmp_path / ("a-folder-with-a-long-name-" * 3) / ("and-another-one-below-it-" * 3)
    root = shutil.copytree(EXAMPLE_VAULT, deep / "vault")
    assert len(str(root / SOCKET)) > 108
    here = os.getcwd()
    serving = Serving(root)
    try:
        assert serving.ask("agenda") == serving.alone("agenda")
        assert os.getcwd() == here
    finally:
        serving.close()
    assert not (root / SOCKET).exists()


def test_no_socket_through_a_link_out_of_the_vault(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".vaultkit").symlink_to(elsewhere, target_is_directory=True)
    server = QueryServer(root, lambda query: None)
    with pytest.raises(ServerProblem, match="links out of the vault"):
        server.start()
    assert list(elsewhere.iterdir()) == []


def test_what_another_thread_prints_meanwhile_is_no_part_of_the_answer(capfd):
    from vaultkit.cli.served import _Recorded

    written: list[tuple[int, bytes]] = []
    stream = _Recorded(2, written, tty=False)
    stream.write("the answer's own warning\n")
    other = threading.Thread(target=stream.write, args=("a library's message on another thread\n",))
    other.start()
    other.join()
    assert written == [(2, b"the answer's own warning\n")]
    assert "a library's message on another thread" in capfd.readouterr().err


def test_a_note_saved_while_the_watch_starts_is_in_the_answers(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    watcher = Watcher(root, lambda: TODAY, quiet=0.2)
    watcher.observe()  # as `vaultkit watch` does, before it reads the vault
    watcher.build_all()
    daniel = root / "People" / "Daniel Okafor.md"
    daniel.write_text(
        daniel.read_text(encoding="utf-8") + "- 2026-11-20 call: saved during the start\n", encoding="utf-8"
    )
    serving = Serving(root, watcher)
    try:
        assert "saved during the start" in serving.ask("show", "Daniel Okafor")[1]
    finally:
        serving.close()


def test_a_contacts_folder_made_after_the_start_counts_at_once(serving):
    config = serving.root / ".vaultkit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('folders = ["People"]', 'folders = ["People", "Friends"]'),
        encoding="utf-8",
    )
    assert_answers_as_on_its_own(serving, [["agenda"]])
    assert "Friends" in serving.ask("agenda")[2]  # the config says the folder is missing
    (serving.root / "Friends").mkdir()
    (serving.root / "Friends" / "Nina Frei.md").write_text("---\nbirthday: --11-25\n---\n", encoding="utf-8")
    assert_answers_as_on_its_own(serving, [["agenda"], ["show", "Nina Frei"]])


def test_only_the_report_commands_are_answered_whatever_a_client_sends(serving):
    for argv in (["new", "Injected Person"], ["agenda", "-o", "out.txt"], ["watch"], ["--debug", "agenda"]):
        request = client.request(serving.root.resolve(), argv, TODAY, False, False, None)
        assert client.ask(serving.root.resolve(), request, timeout=10) is None, argv
    assert not (serving.root / "People" / "Injected Person.md").exists()
    assert not (serving.root / "out.txt").exists() and not Path("out.txt").exists()


@pytest.mark.parametrize(
    "change",
    [{"environment": [1]}, {"columns": "wide"}, {"argv": "agenda"}, {"today": "soon"}, {"root": None}],
)
def test_a_malformed_request_is_refused_and_the_watcher_carries_on(serving, change):
    request = client.request(serving.root.resolve(), ["agenda"], TODAY, False, False, None)
    assert client.ask(serving.root.resolve(), {**request, **change}, timeout=10) is None
    assert serving.ask("agenda") == serving.alone("agenda")


def test_a_stop_during_an_answer_stops_the_watch_and_answers_nothing(serving, monkeypatch):
    import vaultkit.reports.agenda

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as the signal handler raises it while the agenda is made

    monkeypatch.setattr(vaultkit.reports.agenda, "agenda", interrupted)
    assert serving.ask("agenda") is None
    serving.thread.join(timeout=10)
    assert serving.interrupted and not serving.thread.is_alive()


def test_no_socket_where_the_cookies_folder_links_out_of_the_vault(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".vaultkit").mkdir()
    (root / ".vaultkit" / "cookies").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ServerProblem, match="cookies links out of the vault"):
        QueryServer(root, lambda query: None).start()


def test_cookies_left_by_killed_clients_are_swept_when_a_watch_starts(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    (root / ".vaultkit" / "cookies").mkdir(parents=True)
    (root / ".vaultkit" / "cookies" / "4242-1").write_text("")
    serving = Serving(root)
    try:
        assert list((root / ".vaultkit" / "cookies").iterdir()) == []
    finally:
        serving.close()


def test_an_answer_that_cannot_be_written_is_said_as_the_command_says_it(serving):
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    with open("/dev/full", "wb") as full:
        asked = subprocess.run(
            [sys.executable, "-m", "vaultkit", "agenda", "--today", TODAY.isoformat()],
            cwd=serving.root,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert asked.returncode == 70 and b"No space left on device" in asked.stderr
    assert b"Traceback" not in asked.stderr and serving.answers == 1


def test_after_a_rebuild_the_latest_queries_are_answered_at_once(serving, monkeypatch):
    import vaultkit.reports.agenda

    made = []
    real = vaultkit.reports.agenda.agenda
    monkeypatch.setattr(
        vaultkit.reports.agenda, "agenda", lambda *args, **kwargs: made.append(1) or real(*args, **kwargs)
    )
    first = serving.ask("agenda")
    assert len(made) == 1
    (serving.root / "People" / "Nina Frei.md").write_text("---\nbirthday: --11-25\n---\n", encoding="utf-8")
    deadline = time.monotonic() + 10
    while serving.rebuilds == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert serving.rebuilds == 1 and len(made) == 2  # made again after the rebuild, unasked
    again = serving.ask("agenda")
    assert len(made) == 2 and "Nina Frei" in again[1] and "Nina Frei" not in first[1]
    monkeypatch.setattr(vaultkit.reports.agenda, "agenda", real)
    assert again == serving.alone("agenda")


def test_a_stop_while_the_arguments_are_read_answers_nothing_either(serving, monkeypatch):
    from vaultkit.cli import VaultkitGroup

    def interrupted(self, ctx, args):
        serving.answerer.stopping.set()  # as the watch's signal handler does
        raise KeyboardInterrupt  # click makes it "Aborted!", exit 1

    monkeypatch.setattr(VaultkitGroup, "parse_args", interrupted)
    assert serving.ask("agenda") is None
    serving.thread.join(timeout=10)
    assert serving.interrupted and not serving.thread.is_alive()


def test_a_vault_with_linked_folders_is_answered_by_the_command_itself(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    elsewhere = tmp_path / "elsewhere" / "Friends"
    elsewhere.mkdir(parents=True)
    (elsewhere / "Nina Frei.md").write_text("---\nbirthday: --11-25\n---\n", encoding="utf-8")
    (root / "Friends").symlink_to(elsewhere, target_is_directory=True)
    config = root / ".vaultkit.toml"
    text = config.read_text(encoding="utf-8").replace(
        'folders = ["People"]', 'folders = ["People", "Friends"]'
    )
    config.write_text(
        text.replace("[contacts]\n", '[contacts]\nlinked_folders = ["Friends"]\n', 1), encoding="utf-8"
    )
    assert "Nina Frei" in on_its_own(root, "agenda")[1]
    serving = Serving(root)
    try:
        assert serving.ask("agenda") is None  # a change behind the link would go unseen
    finally:
        serving.close()


def test_each_client_is_answered_in_its_own_language_and_the_reports_stay_in_the_watchs(serving, monkeypatch):
    english = serving.ask("agenda")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    german = serving.ask("agenda")
    assert german == serving.alone("agenda")
    assert "Überfällig" in german[1] and "Overdue" not in german[1]
    assert serving.ask("agenda", "--lang", "en") == english
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert serving.ask("agenda") == english
    # The living reports the watch rewrites stay in the language it was started in.
    (serving.root / "People" / "Daniel Okafor.md").write_text(
        (serving.root / "People" / "Daniel Okafor.md").read_text() + "- 2026-11-20 call: über den Herbst\n"
    )
    assert wait_for_rebuild(serving)
    agenda = (serving.root / "_vaultkit" / "Agenda.md").read_text()
    assert "Overdue" in agenda and "Überfällig" not in agenda


def wait_for_rebuild(serving: Serving) -> bool:
    """Whether the watcher rebuilt after what was just written: asked once, so that it sees it."""
    rebuilds = serving.rebuilds
    assert serving.ask("agenda") is not None
    deadline = time.monotonic() + 10
    while serving.rebuilds == rebuilds and time.monotonic() < deadline:
        time.sleep(0.05)
    return serving.rebuilds > rebuilds


def test_a_watch_writes_its_reports_in_the_language_the_config_comes_to_say(serving):
    config = serving.root / ".vaultkit.toml"
    config.write_text(config.read_text().replace('# language = "de"', 'language = "de"'))
    assert wait_for_rebuild(serving)
    assert "Überfällig" in (serving.root / "_vaultkit" / "Agenda.md").read_text()
    assert "Überfällig" in serving.ask("agenda")[1]
