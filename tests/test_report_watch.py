import os
import re
import shutil
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import vaultkit.activity
import vaultkit.index
import vaultkit.live.publish
import vaultkit.reports.network.graph
import vaultkit.reports.pictures.picture
from tests.conftest import EXAMPLE_VAULT
from tests.golden import assert_golden
from tests.test_golden_reports import RENDERED
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.cli.session import Session
from vaultkit.index import load_index
from vaultkit.live.watch import Watcher
from vaultkit.render import ics

TODAY = date(2026, 11, 21)


def test_report_writes_the_agenda_note_into_the_report_folder(example):
    result = CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    assert result.exit_code == 0, result.output
    assert "wrote _vaultkit/Agenda.md" in result.output.splitlines()
    assert_golden("report-Agenda.md", (example / "_vaultkit" / "Agenda.md").read_text(encoding="utf-8"))


def test_every_living_report_is_built_from_one_derived_activity(example, monkeypatch):
    derived = []

    def counting(index, today):
        derived.append(today)
        return gather(index, today)

    monkeypatch.setattr(vaultkit.activity, "gather", counting)
    result = CliRunner().invoke(
        cli, ["--vault", str(example), "--no-cache", "report", "--today", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 8 and derived == [TODAY]


def test_the_agenda_note_and_the_feed_are_one_agenda_built_once(example, monkeypatch):
    built = []
    real = vaultkit.live.publish.PUBLISHED

    def counting(index, activity, config):
        built.append(activity.today)
        return real["agenda"].build(index, activity, config)

    monkeypatch.setattr(
        vaultkit.live.publish,
        "PUBLISHED",
        {
            name: replace(report, build=counting) if report.build is real["agenda"].build else report
            for name, report in real.items()
        },
    )
    result = CliRunner().invoke(
        cli, ["--vault", str(example), "--no-cache", "report", "--today", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    assert "Agenda.md" in result.stdout and "vaultkit.ics" in result.stdout and built == [TODAY]


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "no cache"])
def test_the_feeds_events_are_let_go_before_the_network_is_drawn(example, monkeypatch, cached):
    if cached:
        monkeypatch.delenv("VAULTKIT_NO_CACHE")  # a copy: its cache is its own
    held = []

    def network(index, activity):
        held.append(len(ics.written_events()))
        return vaultkit.reports.network.graph.network(index, activity)

    monkeypatch.setattr(vaultkit.reports.pictures.picture, "network", network)
    result = CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    assert result.exit_code == 0, result.output
    assert (example / ".vaultkit" / "cache").exists() == cached
    assert result.stdout.index("vaultkit.ics") < result.stdout.index("Network.md")
    assert held == [0]


def test_a_run_derives_activity_once_per_day_it_asks_for(example):
    session = Session(explicit_vault=str(example), env_vault=None, use_cache=False)
    first = session.activity(TODAY)
    assert session.activity(TODAY) is first
    assert session.activity(date(2026, 11, 22)).today == date(2026, 11, 22)


def test_second_report_run_changes_nothing(example):
    CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    agenda = example / "_vaultkit" / "Agenda.md"
    before = agenda.stat().st_mtime_ns
    again = CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    assert "unchanged _vaultkit/Agenda.md" in again.output.splitlines()
    assert agenda.stat().st_mtime_ns == before


def test_a_report_of_the_same_size_but_other_bytes_is_written_again(example):
    CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    agenda = example / "_vaultkit" / "Agenda.md"
    written = agenda.read_bytes()
    agenda.write_bytes(written[:-2] + bytes([written[-2] ^ 1]) + written[-1:])  # one byte near the end
    again = CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    assert "wrote _vaultkit/Agenda.md" in again.output.splitlines()
    assert agenda.read_bytes() == written


def test_a_large_report_is_compared_with_its_file_piece_by_piece(tmp_path):
    from vaultkit.live.publish import _holds_text

    text = "Grüße, 日本, 🙂 and plain words\n" * 120_000  # four megabytes of text, its pieces cut mid-line
    path = tmp_path / "feed.ics"
    path.write_bytes(text.encode("utf-8"))
    assert _holds_text(path, text)
    middle = len(text) // 2
    assert not _holds_text(path, text[:middle] + "x" + text[middle + 1 :])  # in a piece of the middle
    assert not _holds_text(path, text + "x") and not _holds_text(path, text[:-1])
    assert not _holds_text(tmp_path / "missing.ics", text)
    data = text.encode("utf-8")
    pieces = (data[:1000], data[1000:-7], data[-7:])  # as the feed's pieces
    assert _holds_text(path, pieces) and not _holds_text(path, (*pieces[:2], pieces[2][:-1]))
    assert not _holds_text(path, (data[:1000], b"x" + data[1001:]))
    (tmp_path / "empty.md").write_bytes(b"")
    assert _holds_text(tmp_path / "empty.md", "") and not _holds_text(tmp_path / "empty.md", "x")


def test_a_file_is_known_as_vaultkits_by_whole_lines_and_a_dashboard_by_its_whole_head(vault):
    from vaultkit.config import load_config
    from vaultkit.live.publish import write_reports
    from vaultkit.render.dashboard import GENERATOR

    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n"})
    (root / "_vaultkit").mkdir()
    # A user's note whose line `generated_by: vaultkitty` is cut after `vaultkit` at 64 KiB.
    start = "---\nfiller: "
    filler = "y" * (65536 - len(start) - len("generated_by: vaultkit") - 1)
    theirs = f"{start}{filler}\ngenerated_by: vaultkitty\n---\nMine.\n"
    (root / "_vaultkit" / "Agenda.md").write_text(theirs, encoding="utf-8")
    # A dashboard of vaultkit's whose template puts 70 kB of style before its mark.
    ours = f"<html><head><style>{'x' * 70_000}</style>{GENERATOR}</head><body></body></html>\n"
    (root / "_vaultkit" / "Dashboard.html").write_text(ours, encoding="utf-8")
    outcome = write_reports(
        root,
        load_config(root),
        {
            "_vaultkit/Agenda.md": "---\ngenerated_by: vaultkit\n---\n",
            "_vaultkit/Dashboard.html": "<html></html>\n",
        },
    )
    assert list(outcome.refused) == ["_vaultkit/Agenda.md"] and outcome.written == [
        "_vaultkit/Dashboard.html"
    ]
    assert (root / "_vaultkit" / "Agenda.md").read_text(encoding="utf-8") == theirs


@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "pieces of bytes"])
def test_a_large_report_is_written_over_its_old_file_without_holding_either_whole(vault, as_bytes):
    import tracemalloc

    from vaultkit.config import load_config
    from vaultkit.live.publish import write_reports
    from vaultkit.render.ics import PRODUCT

    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n"})
    feed = root / "_vaultkit" / "vaultkit.ics"
    feed.parent.mkdir()
    event = "BEGIN:VEVENT\r\nSUMMARY:Anna Weiß hat Geburtstag\r\nEND:VEVENT\r\n"
    head = f"BEGIN:VCALENDAR\r\nPRODID:{PRODUCT}\r\nVERSION:2.0\r\n"
    feed.write_text(head + event * 400_000 + "END:VCALENDAR\r\n", encoding="utf-8", newline="")
    text = head + event * 400_000 + event.replace("Anna", "Bo") + "END:VCALENDAR\r\n"  # 24 MB
    # The feed is made as bytes, in pieces.
    content = tuple(text.encode("utf-8").splitlines(keepends=True)) if as_bytes else text
    tracemalloc.start()
    try:
        outcome = write_reports(root, load_config(root), {"_vaultkit/vaultkit.ics": content})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.written == ["_vaultkit/vaultkit.ics"] and feed.read_bytes() == text.encode("utf-8")
    # The old file read whole, or the new text encoded whole, took 24 MB more; each piece compared
    # and written takes a quarter of a million characters, as bytes, and as many read: 1 MB.
    assert peak < 2 << 20


def test_report_notes_are_never_read_as_contacts_or_interactions(example):
    before = load_index(example)
    CliRunner().invoke(cli, ["--vault", str(example), "report", "--today", "2026-11-21"])
    moved = example / "Notes" / "2026-11-21 Agenda copy.md"
    shutil.copy(example / "_vaultkit" / "Agenda.md", moved)  # even outside the report folder
    after = load_index(example)
    assert after.contacts == before.contacts
    copy = next(note for note in after.notes if note.path == "Notes/2026-11-21 Agenda copy.md")
    assert copy.mentions == () and copy.contact is None


def test_configured_report_list_and_folder(vault):
    root = vault(
        {
            ".vaultkit.toml": "[report]\nfolder = 'Reports/vaultkit'\nreports = ['agenda']\n",
            "People/A.md": "---\nbirthday: --11-25\n---\n",
        }
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-21"])
    assert result.output == "wrote Reports/vaultkit/Agenda.md\n"


@pytest.mark.parametrize(
    "folder, message",
    [
        ("Reports", "[report] folder 'Reports' is a file, not a folder"),
        ("Reports/vaultkit", "[report] folder 'Reports/vaultkit' lies below a file, not a folder"),
    ],
)
def test_a_file_in_the_way_of_the_report_folder_is_a_clear_error(vault, folder, message):
    root = vault(
        {".vaultkit.toml": f"[report]\nfolder = '{folder}'\n", "Reports": "a file", "People/A.md": ""}
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "report"])
    assert (result.exit_code, result.output) == (2, f"vaultkit: {message}\n")
    assert (root / "Reports").read_text(encoding="utf-8") == "a file"


def test_a_report_that_cannot_be_written_is_named(vault):
    root = vault({"People/A.md": "", "_vaultkit/Agenda.md/x": ""})
    result = CliRunner().invoke(cli, ["--vault", str(root), "report"])
    assert (result.exit_code, result.output) == (
        2,
        "vaultkit: cannot write _vaultkit/Agenda.md: Is a directory\n",
    )


def test_unknown_report_name_is_a_config_error(vault):
    root = vault({".vaultkit.toml": "[report]\nreports = ['agenda', 'horoscope']\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "report"])
    assert result.exit_code == 2
    assert "unknown report 'horoscope'" in result.output


class Running:
    """A Watcher serving in a thread, with its rebuilds collected."""

    def __init__(self, root: Path):
        self.watcher = Watcher(root, lambda: TODAY, quiet=0.2)
        self.first = self.watcher.build_all()
        self.rebuilds = []
        self.stop = threading.Event()
        watching = threading.Event()
        self.thread = threading.Thread(
            target=self.watcher.serve, args=(self.rebuilds.append, self.stop, watching.set)
        )
        self.thread.start()
        assert watching.wait(timeout=10)

    def wait_for(self, condition, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return False

    def close(self):
        self.stop.set()
        self.thread.join(timeout=10)


@pytest.fixture
def running(vault):
    started = []

    def start(files):
        started.append(Running(vault(files)))
        return started[-1]

    yield start
    for item in started:
        item.close()


def agenda_text(root: Path) -> str:
    path = root / "_vaultkit" / "Agenda.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_note_saved_by_temp_file_and_rename_updates_the_report(running):
    watch = running({"People/A.md": "---\nname: A\n---\n"})
    root = watch.watcher.root
    assert "B Person" not in agenda_text(root)
    temp = root / "People" / ".B.md.tmp"
    temp.write_text("---\nname: B Person\nbirthday: --11-25\n---\n", encoding="utf-8")
    temp.rename(root / "People" / "B.md")
    # The report is written before the rebuild is handed on: wait for both.
    assert watch.wait_for(lambda: watch.rebuilds and "B Person" in agenda_text(root))
    assert watch.rebuilds[-1].changed == ["People/B.md"]


def test_a_burst_of_changes_is_a_few_rebuilds_not_one_per_file(running):
    watch = running({"People/A.md": "---\nname: A\ncircle: inner\n---\n"})
    root = watch.watcher.root
    (root / "Daily").mkdir()
    for number in range(200):
        (root / "Daily" / f"2026-11-{number % 20 + 1:02d} note {number}.md").write_text("[[A]]\n")
    assert watch.wait_for(lambda: sum(len(r.changed) for r in watch.rebuilds) >= 200)
    assert len(watch.rebuilds) <= 5
    assert len(watch.watcher.notes) == 201


def test_deleted_note_leaves_the_index(running):
    watch = running({"People/A.md": "---\nname: A\nbirthday: --11-25\n---\n"})
    root = watch.watcher.root
    assert watch.wait_for(lambda: "[[A]]" in agenda_text(root))
    (root / "People" / "A.md").unlink()
    assert watch.wait_for(lambda: "[[A]]" not in agenda_text(root))


@pytest.mark.parametrize(
    "note, code",
    [
        ("---\nname: [broken\n---\n", "yaml-syntax"),
        ("---\nname: Edge\nbirthday: 9999-12-31\n---\n", None),  # the calendar's last day
    ],
)
def test_a_bad_note_leaves_the_watcher_running(running, note, code):
    watch = running({"People/A.md": "---\nname: A\n---\n"})
    root = watch.watcher.root
    (root / "People" / "A.md").write_text(note)
    if code:
        assert watch.wait_for(lambda: any(r.diagnostics for r in watch.rebuilds))
        assert watch.rebuilds[-1].diagnostics[0].code == code
    (root / "People" / "C.md").write_text("---\nbirthday: --11-26\n---\n")
    assert watch.wait_for(lambda: "[[C]]" in agenda_text(root))
    assert watch.thread.is_alive()


def test_report_folder_and_hidden_folders_never_trigger_a_rebuild(running):
    watch = running({"People/A.md": "---\nname: A\n---\n"})
    root = watch.watcher.root
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "workspace.md").write_text("x")
    (root / "_vaultkit" / "Other.md").write_text("[[A]]")
    # Events arrive in order: once a later note's rebuild is in, the earlier files' events would
    # have come before it, in the same burst or an earlier one.
    (root / "People" / "B.md").write_text("---\nname: B\n---\n")
    assert watch.wait_for(lambda: watch.rebuilds)
    assert [path for rebuild in watch.rebuilds for path in rebuild.changed] == ["People/B.md"]


def test_config_change_is_picked_up(running):
    watch = running({"People/A.md": "---\nname: A\ncircle: close\nlast_contact: 2026-11-10\n---\n"})
    root = watch.watcher.root
    assert "## Due" not in agenda_text(root)
    (root / ".vaultkit.toml").write_text("[cadence.circles]\nclose = '1w'\n")
    assert watch.wait_for(lambda: "## Due" in agenda_text(root) or "## Overdue" in agenda_text(root))


def test_broken_config_keeps_the_old_one_and_says_why(running):
    watch = running({"People/A.md": "---\nname: A\n---\n"})
    (watch.watcher.root / ".vaultkit.toml").write_text("[cadence]\ndefault = 'often'\n")
    assert watch.wait_for(lambda: any(r.config_problem for r in watch.rebuilds))
    assert watch.rebuilds[-1].config_problem.startswith(".vaultkit.toml:2: error")
    assert watch.thread.is_alive()


def test_notes_that_change_with_a_broken_config_are_read_with_the_config_as_it_was(vault):
    root = vault({"People/A.md": "---\nname: A\n---\n"})
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    (root / ".vaultkit.toml").write_text("[cadence]\ndefault = 'often'\n")
    (root / "People" / "A.md").write_text("---\nname: A\nbirthday: --11-25\n---\n")
    rebuild = watcher.apply({".vaultkit.toml", "People/A.md"})
    assert "_vaultkit/Agenda.md" in rebuild.written and "[[A]]" in agenda_text(root)
    assert (rebuild.changed, rebuild.config_changed) == (["People/A.md"], [".vaultkit.toml"])
    assert rebuild.config_problem.startswith(".vaultkit.toml:2: error")


def test_a_file_in_the_way_of_the_report_folder_is_a_problem_and_the_watcher_lives_on(running):
    watch = running(
        {".vaultkit.toml": "[report]\nfolder = 'Reports'\n", "Reports": "a file", "People/A.md": ""}
    )
    assert watch.first.problem == "[report] folder 'Reports' is a file, not a folder"
    root = watch.watcher.root
    (root / "Reports").unlink()
    (root / "People" / "B.md").write_text("---\nbirthday: --11-26\n---\n")
    assert watch.wait_for(lambda: (root / "Reports" / "Agenda.md").is_file())
    assert watch.thread.is_alive()


def test_watch_says_when_the_first_reports_cannot_be_written(vault, monkeypatch):
    root = vault({".vaultkit.toml": "[report]\nfolder = 'Reports'\n", "Reports": "a file", "People/A.md": ""})

    def interrupted(self, on_rebuild, stop, watching, **serving):
        watching()
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", interrupted)
    result = CliRunner().invoke(cli, ["--vault", str(root), "watch"])
    lines = result.output.splitlines()
    assert "; reports not written; watching" in lines[0]
    assert lines[1] == "  [report] folder 'Reports' is a file, not a folder"


def test_a_config_change_is_said_as_such_not_as_every_note_read_again(vault):
    root = vault({f"People/P{n}.md": "---\ncircle: close\n---\n" for n in range(25)})
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    (root / ".vaultkit.toml").write_text("[cadence.circles]\nclose = '1w'\n")
    alone = watcher.apply({".vaultkit.toml"})
    assert (alone.changed, alone.config_changed) == ([], [".vaultkit.toml"])
    with_a_note = watcher.apply({".vaultkit.toml", "People/P3.md"})
    assert (with_a_note.changed, with_a_note.config_changed) == (["People/P3.md"], [".vaultkit.toml"])
    assert len(watcher.notes) == 25


def test_obsidians_settings_are_part_of_the_config_watch_follows(vault):
    root = vault({"People/A.md": "---\nname: A\n---\n", "Journal/21.11.2026.md": "[[A]]\n"})
    watcher = Watcher(root, lambda: TODAY)
    assert (
        watcher.relevant(str(root / ".obsidian" / "daily-notes.json"), False) == ".obsidian/daily-notes.json"
    )
    assert watcher.relevant(str(root / ".obsidian" / "workspace.json"), False) is None
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "daily-notes.json").write_text('{"folder": "Journal", "format": "DD.MM.YYYY"}')
    rebuild = watcher.apply({".obsidian/daily-notes.json"})
    assert rebuild.config_changed == [".obsidian/daily-notes.json"] and rebuild.problem is None
    assert watcher.config.daily_notes[0].format == "DD.MM.YYYY"


@pytest.mark.parametrize(
    "paths, said",
    [
        ({".vaultkit.toml"}, "the config changed"),
        ({".vaultkit.toml", "People/P3.md"}, "the config and People/P3.md changed"),
        (
            {".vaultkit.toml", ".obsidian/templates.json", "People/P3.md", "People/P4.md"},
            "the config, Obsidian's settings and 2 files changed",
        ),
        ({".obsidian/templates.json"}, "Obsidian's settings changed"),
        ({"People/P3.md", "People/P4.md"}, "2 files changed"),
    ],
)
def test_watch_says_what_changed(vault, monkeypatch, paths, said):
    root = vault({f"People/P{n}.md": "---\ncircle: close\n---\n" for n in range(25)})

    def one_burst(self, on_rebuild, stop, watching, **serving):
        watching()
        on_rebuild(self.apply(set(paths)))
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", one_burst)
    result = CliRunner().invoke(cli, ["--vault", str(root), "watch"])
    line = result.output.splitlines()[1]
    assert re.fullmatch(rf"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s: {said}; reports unchanged", line), line


def test_a_broken_config_says_the_config_changed_and_which_one_is_used(vault, monkeypatch):
    root = vault({"People/A.md": "---\nname: A\n---\n"})

    def one_burst(self, on_rebuild, stop, watching, **serving):
        watching()
        (root / ".vaultkit.toml").write_text("[cadence]\ndefault = 'often'\n")
        on_rebuild(self.apply({".vaultkit.toml"}))
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", one_burst)
    result = CliRunner().invoke(cli, ["--vault", str(root), "watch"])
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d the config changed: still using the config as it was: \.vaultkit\.toml:2: error .*",
        result.stderr.splitlines()[0],
    )


def test_a_broken_config_with_a_changed_note_says_the_note_was_read_with_the_config_as_it_was(
    vault, monkeypatch
):
    root = vault({"People/A.md": "---\nname: A\n---\n"})

    def one_burst(self, on_rebuild, stop, watching, **serving):
        watching()
        (root / ".vaultkit.toml").write_text("[cadence]\ndefault = 'often'\n")
        (root / "People" / "A.md").write_text("---\nname: A\nrole: [broken\n---\n")
        on_rebuild(self.apply({".vaultkit.toml", "People/A.md"}))
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", one_burst)
    result = CliRunner().invoke(cli, ["--vault", str(root), "watch"])
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d the config changed: still using the config as it was: \.vaultkit\.toml:2: error .*",
        result.stderr.splitlines()[0],
    )
    rebuilt, diagnostic = result.stdout.splitlines()[1:3]
    assert re.fullmatch(r"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s: People/A\.md changed; .*", rebuilt), rebuilt
    assert diagnostic.startswith("  People/A.md:3: error yaml-syntax")


NOT_OURS = (
    "vaultkit: not writing _vaultkit/Agenda.md: vaultkit did not write it (its front matter has no "
    "generated_by: vaultkit); move it away, or set [report] folder to a folder of its own\n"
)


OTHERS_THAN_THE_AGENDA = tuple(name for name in RENDERED if name != "Agenda.md")


def report(root: Path):
    return CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-21"])


def test_report_never_writes_over_a_note_it_did_not_write_and_writes_the_others(vault):
    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n", "_vaultkit/Agenda.md": "# My agenda\n"})
    result = report(root)
    assert (result.exit_code, result.stderr) == (1, NOT_OURS)
    assert result.stdout.splitlines() == [f"wrote _vaultkit/{name}" for name in OTHERS_THAN_THE_AGENDA]
    assert (root / "_vaultkit" / "Agenda.md").read_text() == "# My agenda\n"


def test_report_never_writes_over_a_calendar_that_is_not_its_own(vault):
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//Else//EN\r\nEND:VCALENDAR\r\n"
    root = vault({"People/A.md": "", "_vaultkit/vaultkit.ics": calendar})
    result = report(root)
    assert result.exit_code == 1
    assert result.stderr == (
        "vaultkit: not writing _vaultkit/vaultkit.ics: it is not vaultkit's calendar (it has no "
        "PRODID:-//vaultkit//vaultkit agenda//EN); move it away, or set [report] folder to a folder of its own\n"
    )
    assert "wrote _vaultkit/Agenda.md" in result.stdout.splitlines()
    assert (root / "_vaultkit" / "vaultkit.ics").read_bytes() == calendar.encode()


def test_report_writes_over_its_own_reports_as_they_change(vault):
    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n"})
    assert report(root).exit_code == 0
    (root / "People" / "A.md").write_text("---\nbirthday: --11-26\n---\n")
    again = CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-22"])
    assert (again.exit_code, again.stderr) == (0, "")
    assert "wrote _vaultkit/Agenda.md" in again.stdout and "wrote _vaultkit/vaultkit.ics" in again.stdout


def test_report_never_writes_through_a_report_file_that_links_out_of_the_vault(vault, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ngenerated_by: vaultkit\n---\nnot the vault's\n")  # vaultkit's or not
    root = vault({"People/A.md": ""})
    (root / "_vaultkit").mkdir()
    os.symlink(outside, root / "_vaultkit" / "Agenda.md")
    result = report(root)
    assert (result.exit_code, result.stderr) == (
        1,
        f"vaultkit: not writing _vaultkit/Agenda.md: _vaultkit/Agenda.md links to {outside}, outside the "
        "vault, and vaultkit never writes through such a link\n",
    )
    assert "wrote _vaultkit/Stale.md" in result.stdout.splitlines()
    assert outside.read_text() == "---\ngenerated_by: vaultkit\n---\nnot the vault's\n"
    assert (root / "_vaultkit" / "Agenda.md").is_symlink()


@pytest.mark.parametrize("folder", ["_vaultkit", "Reports/vaultkit"])
def test_report_writes_nothing_into_a_report_folder_that_links_out_of_the_vault(vault, tmp_path, folder):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = vault({".vaultkit.toml": f"[report]\nfolder = '{folder}'\n", "People/A.md": ""})
    link = folder.split("/")[0]
    os.symlink(elsewhere, root / link)
    result = report(root)
    assert (result.exit_code, result.output) == (
        1,
        f"vaultkit: not writing the reports: {link} links to {elsewhere}, outside the vault, and vaultkit "
        "never writes through such a link\n",
    )
    assert list(elsewhere.iterdir()) == []


def test_a_report_folder_the_owner_linked_on_purpose_is_written(vault, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = vault({".vaultkit.toml": "[contacts]\nlinked_folders = ['_vaultkit']\n", "People/A.md": ""})
    os.symlink(elsewhere, root / "_vaultkit")
    assert report(root).exit_code == 0
    assert (elsewhere / "Agenda.md").is_file()


def test_watch_never_writes_over_a_note_it_did_not_write_and_keeps_the_others_current(vault):
    root = vault({"People/A.md": "---\nname: A\n---\n", "_vaultkit/Agenda.md": "# My agenda\n"})
    watcher = Watcher(root, lambda: TODAY)
    first = watcher.build_all()
    assert first.problem is None and list(first.refused) == ["_vaultkit/Agenda.md"]
    assert first.written == [f"_vaultkit/{name}" for name in OTHERS_THAN_THE_AGENDA]
    (root / "People" / "B.md").write_text("---\nname: B\n---\n")
    rebuild = watcher.apply({"People/B.md"})
    assert list(rebuild.refused) == ["_vaultkit/Agenda.md"] and "_vaultkit/Stale.md" in rebuild.written
    assert "_vaultkit/Network.svg" in rebuild.written  # B is drawn now
    assert 'data-contact="People/B.md"' in (root / "_vaultkit" / "Network.svg").read_text()
    assert (root / "_vaultkit" / "Agenda.md").read_text() == "# My agenda\n"


def test_watch_says_which_report_it_did_not_write_and_why(vault, monkeypatch):
    root = vault({"People/A.md": "---\nname: A\n---\n", "_vaultkit/Agenda.md": "# My agenda\n"})

    def one_burst(self, on_rebuild, stop, watching, **serving):
        watching()
        (root / "People" / "A.md").write_text("---\nname: A\ncircle: close\n---\n")
        on_rebuild(self.apply({"People/A.md"}))
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "serve", one_burst)
    result = CliRunner().invoke(cli, ["--vault", str(root), "watch"])
    first, rebuilt = result.stdout.splitlines()[:2]
    wrote = ", ".join(f"_vaultkit/{name}" for name in OTHERS_THAN_THE_AGENDA)
    assert f"; wrote {wrote}; not written: " in first
    # A in the close circle moves to the close ring of the network and counts in its layer.
    assert rebuilt.endswith(
        ": People/A.md changed; wrote _vaultkit/Network.svg, _vaultkit/Layers.svg; not written: _vaultkit/Agenda.md"
    ), rebuilt
    assert result.stderr.splitlines() == [f"  {NOT_OURS.removeprefix('vaultkit: ').strip()}"] * 2


def test_watch_starts_from_the_note_cache_as_a_one_shot_run_does(example, monkeypatch):
    load_index(example, use_cache=True)  # a run before the watcher fills the cache
    parsed = []
    real = vaultkit.index._parse_many
    monkeypatch.setattr(
        vaultkit.index,
        "_parse_many",
        lambda root, config, paths: parsed.extend(paths) or real(root, config, paths),
    )
    watcher = Watcher(example, lambda: date(2026, 11, 21))
    first = watcher.build_all()
    assert parsed == [] and len(first.changed) == len(watcher.notes) > 20
    (example / "People" / "Paul Weber.md").write_text(
        (example / "People" / "Paul Weber.md").read_text() + "\n"
    )
    Watcher(example, lambda: date(2026, 11, 21)).build_all()
    assert parsed == ["People/Paul Weber.md"]  # only the note that changed is read again


def test_a_watch_starts_with_the_feeds_events_as_the_last_watch_wrote_them(tmp_path, monkeypatch):
    import vaultkit.render.ics as ics

    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    Watcher(root, lambda: TODAY).build_all()
    first = (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    ics._written.clear()  # as in a new process
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    (root / "_vaultkit" / "vaultkit.ics").unlink()
    Watcher(root, lambda: TODAY).build_all()
    assert written == []
    assert (root / "_vaultkit" / "vaultkit.ics").read_bytes() == first


def test_a_watch_keeps_the_feeds_events_for_its_next_start_only_when_they_changed(tmp_path, monkeypatch):
    import vaultkit.live.feed as feed

    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    kept = []
    real = feed.keep_events
    monkeypatch.setattr(
        feed, "keep_events", lambda root, events: kept.append(len(events)) or real(root, events)
    )
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    assert len(kept) == 1 and kept[0] > 0  # the first start keeps them
    Watcher(root, lambda: TODAY).build_all()
    watcher.keep_events()
    assert len(kept) == 1  # the same events: kept already
    note = root / "People" / "Hannah Richter.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace("birthday: 1979-06-30", "birthday: 1979-11-30"), encoding="utf-8"
    )  # a new event
    watcher.apply({"People/Hannah Richter.md"})
    watcher.keep_events()
    assert len(kept) == 2


def test_a_run_of_one_command_makes_the_feed_from_the_events_kept_and_keeps_them(tmp_path, monkeypatch):
    """Writing a large vault's events afresh took most of `vaultkit report` (3.5 of 9.8 s at
    33,000 notes): a run that makes the feed takes the events kept in the cache, as a watch does."""
    import vaultkit.render.ics as ics
    from vaultkit.cache.events import kept_events

    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")

    def run(*args: str) -> bytes:
        ics._written.clear()  # as in a new process, every time
        ics._last_feed.clear()
        result = CliRunner().invoke(cli, ["--vault", str(root), *args])
        assert result.exit_code == 0, result.output
        return result.stdout_bytes

    run("report", "--today", "2026-11-21")
    feed = (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    assert len(kept_events(root)) == feed.count(b"BEGIN:VEVENT") > 5
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    (root / "_vaultkit" / "vaultkit.ics").unlink()
    run("report", "--today", "2026-11-21")
    assert written == [] and (root / "_vaultkit" / "vaultkit.ics").read_bytes() == feed
    assert run("agenda", "--format", "ics", "--today", "2026-11-21") == feed and written == []
    # A feed of another day: its events are kept in place of the others, for the next run.
    later = run("agenda", "--format", "ics", "--today", "2026-11-22")
    kept = kept_events(root)
    assert len(written) == len(kept) == later.count(b"BEGIN:VEVENT")
    assert all(event in later for event in kept.values())


def test_report_keeps_the_feeds_events_and_lets_go_of_them_before_the_network_is_drawn(tmp_path, monkeypatch):
    import vaultkit.render.ics as ics
    import vaultkit.reports.pictures.picture as picture
    from vaultkit.cache.events import kept_events

    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    held_while_drawn = []
    real = picture.network

    def drawn(*args):
        held_while_drawn.append(dict(ics._written))
        return real(*args)

    monkeypatch.setattr(picture, "network", drawn)
    ics._written.clear()  # as in a new process
    ics._last_feed.clear()
    result = CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-21"])
    assert result.exit_code == 0, result.output
    feed = (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    assert held_while_drawn == [{}]
    assert len(kept_events(root)) == feed.count(b"BEGIN:VEVENT") > 5
    assert all(event in feed for event in kept_events(root).values())


def test_report_takes_the_events_kept_only_when_it_makes_the_feed(tmp_path, monkeypatch):
    """The reports before the feed (the agenda note, stale and tags) are made without the kept
    events in memory: 8 MiB at 33,000 notes, held through the agenda note when taken first."""
    import vaultkit.live.publish as publish
    import vaultkit.render.ics as ics

    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")

    def run() -> None:
        ics._written.clear()  # as in a new process
        ics._last_feed.clear()
        result = CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-21"])
        assert result.exit_code == 0, result.output

    run()  # the events kept in the cache
    feed = (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    (root / "_vaultkit" / "vaultkit.ics").unlink()
    held_while_tags_made = []
    real = publish.PUBLISHED["tags"]

    def tags(*args):
        held_while_tags_made.append(len(ics._written))
        return real.build(*args)

    monkeypatch.setitem(publish.PUBLISHED, "tags", replace(real, build=tags))
    written = []
    real_event = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real_event(*args))
    run()
    assert held_while_tags_made == [0]
    assert written == [] and (root / "_vaultkit" / "vaultkit.ics").read_bytes() == feed  # taken all the same


def test_a_watch_whose_config_asks_for_the_feed_later_takes_the_events_kept(tmp_path, monkeypatch):
    import vaultkit.render.ics as ics

    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    Watcher(root, lambda: TODAY).build_all()  # the feed's events kept in the cache
    feed = (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    (root / "_vaultkit" / "vaultkit.ics").unlink()
    ics._written.clear(), ics._last_feed.clear()  # as in a new process
    config = root / ".vaultkit.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[report]\n", "[report]\nreports = ['agenda']\n"), encoding="utf-8")
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    config.write_text(text, encoding="utf-8")  # every report again, the feed with them
    rebuild = watcher.apply({".vaultkit.toml"})
    assert "_vaultkit/vaultkit.ics" in rebuild.written and written == []
    assert (root / "_vaultkit" / "vaultkit.ics").read_bytes() == feed


def test_events_kept_by_another_writer_are_written_again(tmp_path, monkeypatch):
    """A kept event is used as it is, by every later run: one that another vaultkit, another
    icalendar, or code changed since wrote is written afresh."""
    import vaultkit.render.ics as ics

    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    report = ["--vault", str(root), "report", "--today", "2026-11-21"]
    ics._written.clear(), ics._last_feed.clear()
    assert CliRunner().invoke(cli, report).exit_code == 0
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    monkeypatch.setattr(ics, "_writer", lambda: "another writer")
    ics._written.clear(), ics._last_feed.clear()
    (root / "_vaultkit" / "vaultkit.ics").unlink()
    assert CliRunner().invoke(cli, report).exit_code == 0
    assert len(written) == (root / "_vaultkit" / "vaultkit.ics").read_bytes().count(b"BEGIN:VEVENT") > 5


def test_what_writes_an_event_changes_with_the_code_that_writes_it(tmp_path, monkeypatch):
    import vaultkit.render.ics as ics

    ics._writer.cache_clear()
    as_shipped = ics._writer()
    changed = tmp_path / "ics.py"
    changed.write_bytes(Path(ics.__file__).read_bytes() + b"# another way to write an event\n")
    monkeypatch.setattr(ics, "__file__", str(changed))
    ics._writer.cache_clear()
    try:
        assert ics._writer() != as_shipped and ics.__version__ in as_shipped
    finally:
        monkeypatch.undo()
        ics._writer.cache_clear()
    assert ics._writer() == as_shipped


def test_a_watch_without_the_cache_keeps_nothing_in_it(tmp_path):
    """`vaultkit --no-cache watch`: the notes are read afresh, and neither they nor the feed's
    events are kept."""
    from vaultkit.cache.notes import CACHE_FILE, CACHE_FOLDER

    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault", ignore=shutil.ignore_patterns("cache"))
    watcher = Watcher(root, lambda: TODAY, use_cache=False)
    watcher.build_all()
    note = root / "People" / "Daniel Okafor.md"
    note.write_text(note.read_text(encoding="utf-8") + "- 2026-11-19 call: about January\n", encoding="utf-8")
    watcher.apply({"People/Daniel Okafor.md"})
    watcher.keep_events()
    assert b"BEGIN:VEVENT" in (root / "_vaultkit" / "vaultkit.ics").read_bytes()
    assert not (root / CACHE_FOLDER / CACHE_FILE).exists()


@pytest.mark.parametrize("off", ["--no-cache", "VAULTKIT_NO_CACHE=1"])
def test_a_run_without_the_cache_keeps_no_events(tmp_path, monkeypatch, off):
    import vaultkit.render.ics as ics
    from vaultkit.cache.notes import CACHE_FOLDER

    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    flags, env = ([off], {}) if off.startswith("--") else ([], dict([off.split("=")]))
    for args in (["report"], ["agenda", "--format", "ics"]):
        ics._written.clear()
        result = CliRunner(env=env).invoke(
            cli, ["--vault", str(root), *flags, *args, "--today", "2026-11-21"]
        )
        assert result.exit_code == 0, result.output
    assert not (root / CACHE_FOLDER).exists()


def test_a_note_changed_behind_a_linked_folder_reaches_the_reports(tmp_path):
    root = tmp_path / "vault"
    friends = tmp_path / "elsewhere" / "Friends"
    friends.mkdir(parents=True)
    (friends / "Nina Frei.md").write_text("---\ncircle: close\n---\n", encoding="utf-8")
    root.mkdir()
    (root / ".vaultkit.toml").write_text(
        '[contacts]\nfolders = ["Friends"]\nlinked_folders = ["Friends"]\n', encoding="utf-8"
    )
    (root / "Friends").symlink_to(friends, target_is_directory=True)
    watch = Running(root)
    try:
        assert "1 contact nobody has been in touch with" in agenda_text(root)  # Nina, read through the link
        assert "Nina Frei" not in agenda_text(root)
        (friends / "Nina Frei.md").write_text(
            "---\ncircle: close\nbirthday: --11-25\n---\n", encoding="utf-8"
        )
        assert watch.wait_for(lambda: "Nina Frei" in agenda_text(root))
        assert watch.rebuilds[-1].changed == ["Friends/Nina Frei.md"]
    finally:
        watch.close()


def test_a_watcher_writes_each_report_before_a_later_one_s_template_fails(vault):
    """Each report is written as soon as it is rendered: the agenda (first in the config's
    order) is not held back by a broken tags template, which is said."""
    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n"})
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    (root / ".vaultkit/templates").mkdir(parents=True)
    (root / ".vaultkit/templates/tags.md.j2").write_text("{{ nope(")
    (root / "People" / "A.md").write_text("---\nbirthday: --11-26\n---\n")
    rebuild = watcher.apply({".vaultkit/templates/tags.md.j2", "People/A.md"})
    assert rebuild.written == ["_vaultkit/Agenda.md"] and "tags.md.j2:1: template error" in rebuild.problem
    assert "2026-11-26" in agenda_text(root)


def test_a_report_kept_from_the_day_before_is_rendered_again_for_the_new_day(vault):
    """The network's result holds no day, but its note says the day it is of: after midnight a
    change that leaves the network as it was still brings that note to the new day."""
    root = vault(
        {
            "People/Anna.md": '---\nknows: ["[[Ben]]"]\n---\n',
            "People/Ben.md": "---\norg: Hansa\n---\n",
        }
    )
    days = [TODAY]
    watcher = Watcher(root, lambda: days[0])
    watcher.build_all()
    network = root / "_vaultkit" / "Network.md"
    assert "report_date: 2026-11-21" in network.read_text(encoding="utf-8")
    days[0] = date(2026, 11, 28)
    (root / "Notes.md").write_text("Nothing about anyone.\n", encoding="utf-8")
    rebuild = watcher.apply({"Notes.md"})
    assert "_vaultkit/Network.md" in rebuild.written
    assert "report_date: 2026-11-28" in network.read_text(encoding="utf-8")


def test_a_report_that_did_not_change_is_not_rendered_again_unless_its_file_did(vault, monkeypatch):
    """A watcher keeps a digest of each report's text, not the text: a report whose result is
    the one last rendered is rendered again only when its file no longer holds that text."""
    root = vault({"People/A.md": "---\nbirthday: --11-25\n---\n", "People/B.md": "---\norg: Hansa\n---\n"})
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()
    stale = root / "_vaultkit" / "Stale.md"
    written_first = stale.read_bytes()
    rendered = []
    real = vaultkit.live.publish.PUBLISHED["stale"]
    monkeypatch.setitem(
        vaultkit.live.publish.PUBLISHED,
        "stale",
        replace(real, write=lambda result, writing: rendered.append(1) or real.write(result, writing)),
    )
    (root / "Notes.md").write_text("Nothing about anyone.\n", encoding="utf-8")
    assert "_vaultkit/Stale.md" not in watcher.apply({"Notes.md"}).written and rendered == []
    stale.write_text("---\ngenerated_by: vaultkit\n---\nchanged by hand\n", encoding="utf-8")
    (root / "Notes.md").write_text("Still nothing.\n", encoding="utf-8")
    assert "_vaultkit/Stale.md" in watcher.apply({"Notes.md"}).written and rendered == [1]
    assert stale.read_bytes() == written_first
    stale.unlink()
    (root / "Notes.md").write_text("Nothing again.\n", encoding="utf-8")
    assert "_vaultkit/Stale.md" in watcher.apply({"Notes.md"}).written and rendered == [1, 1]
    assert stale.read_bytes() == written_first
    assert all(len(kept[4]) == 32 for kept in watcher._rendered.values())  # digests, no texts
