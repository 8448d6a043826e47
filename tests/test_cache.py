import errno
import os
import pickle
import sqlite3
import threading

import pytest
from click.testing import CliRunner

import vaultkit.cache.notes
import vaultkit.index
from bench.generate import generate
from tests.conftest import PAST_NS, settle
from vaultkit.cli import cli
from vaultkit.index import load_index

CACHE = ".vaultkit/cache/notes.sqlite"


def snapshot(index):
    """Everything an index holds, including the fields a dataclass comparison skips."""
    contacts = {cid: (c, c.lines, c.properties) for cid, c in index.contacts.items()}
    return index.notes, contacts, index.names, index.diagnostics, index.files


@pytest.fixture
def parses(monkeypatch):
    """The paths parsed (not taken from the cache) since the fixture was set up."""
    parsed = []
    real = vaultkit.index.parse_note

    def counting(path, data, config):
        parsed.append(path)
        return real(path, data, config)

    monkeypatch.setattr(vaultkit.index, "parse_note", counting)
    return parsed


@pytest.fixture
def generated(tmp_path):
    root = tmp_path / "generated"
    generate(root, notes=300, seed=7)
    settle(root)
    return root


def test_the_cached_index_equals_a_fresh_one_on_the_example_vault(example, parses):
    fresh = snapshot(load_index(example))
    assert snapshot(load_index(example, use_cache=True)) == fresh
    parses.clear()
    warm = load_index(example, use_cache=True)
    assert parses == []
    assert snapshot(warm) == fresh and warm.notices == ()


def test_the_agenda_is_the_same_with_and_without_the_cache(example):
    def agenda(*options):
        args = ["--vault", str(example), *options, "agenda", "--today", "2026-11-21", "--format", "json"]
        return CliRunner().invoke(cli, args, catch_exceptions=False).output

    uncached = agenda("--no-cache")
    assert not (example / ".vaultkit" / "cache").exists()
    assert agenda() == uncached  # fills the cache
    assert (example / CACHE).is_file()
    assert agenda() == uncached  # served from it


def test_the_cache_follows_edits_renames_additions_and_deletions(generated, parses):
    load_index(generated, use_cache=True)
    people = sorted((generated / "People").iterdir())
    meetings = sorted((generated / "Meetings").iterdir())
    edited = people[0]
    edited.write_text(edited.read_text().replace("---\n", "---\nneeds: [Ausstellungsort]\n", 1))
    meetings[0].rename(meetings[0].with_name("2026-11-20 Renamed.md"))
    meetings[1].unlink()
    added = generated / "Daily" / "2026-11-19.md"
    added.write_text(f"Lunch with [[{people[1].stem}]]\n")
    settle(generated, PAST_NS + 10**9, [edited, added])
    parses.clear()
    cached = load_index(generated, use_cache=True)
    assert sorted(parses) == sorted(
        [edited.relative_to(generated).as_posix(), "Meetings/2026-11-20 Renamed.md", "Daily/2026-11-19.md"]
    )
    assert snapshot(cached) == snapshot(load_index(generated))
    assert cached.contacts[edited.stem].needs == ("Ausstellungsort",)


def test_a_deleted_note_leaves_the_cache(generated):
    load_index(generated, use_cache=True)
    gone = sorted((generated / "Meetings").iterdir())[0]
    gone.unlink()
    load_index(generated, use_cache=True)
    with sqlite3.connect(generated / CACHE) as db:
        paths = {path for (path,) in db.execute("SELECT path FROM notes")}
    assert f"Meetings/{gone.name}" not in paths and len(paths) == 299


def test_an_edit_that_keeps_size_and_mtime_is_seen_while_the_note_is_fresh(vault):
    root = vault({"People/Anna.md": "---\nlast_contact: 2026-01-02\n---\n"})
    note = root / "People" / "Anna.md"
    stamp = note.stat().st_mtime_ns  # just written: the clock may not have moved since
    load_index(root, use_cache=True)
    note.write_text("---\nlast_contact: 2026-01-05\n---\n")
    os.utime(note, ns=(stamp, stamp))
    assert str(load_index(root, use_cache=True).contacts["Anna"].last_contact) == "2026-01-05"


def test_a_config_change_is_not_served_from_an_older_cache(example):
    load_index(example, use_cache=True)
    config = example / ".vaultkit.toml"
    config.write_text(config.read_text().replace('heading = "Log"', 'heading = "Gespräche"'))
    cached = load_index(example, use_cache=True)
    assert snapshot(cached) == snapshot(load_index(example))
    assert all(not contact.log for contact in cached.contacts.values())


def test_a_corrupt_cache_file_is_rebuilt_with_a_notice(example, parses):
    expected = snapshot(load_index(example))
    (example / CACHE).parent.mkdir(parents=True)
    (example / CACHE).write_bytes(b"this is not a database" * 100)
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected
    assert len(healed.notices) == 1 and "was unusable" in healed.notices[0]
    parses.clear()
    again = load_index(example, use_cache=True)
    assert again.notices == () and parses == [] and snapshot(again) == expected


def test_a_damaged_entry_is_not_trusted(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    with sqlite3.connect(example / CACHE) as db:
        db.execute("UPDATE notes SET note = ? WHERE path = 'People/Marie Lefèvre.md'", (b"\x80\x05junk",))
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected and "damaged entry" in healed.notices[0]


class Exploit:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_an_entry_that_would_run_code_is_refused(example, monkeypatch):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    with sqlite3.connect(example / CACHE) as db:
        db.execute("UPDATE notes SET note = ?", (pickle.dumps(Exploit()),))
    monkeypatch.chdir(example)
    healed = load_index(example, use_cache=True)
    assert not (example / "pwned").exists()
    assert snapshot(healed) == expected and healed.notices


def test_the_cli_reports_a_rebuilt_cache_on_stderr_and_still_runs(example):
    (example / CACHE).parent.mkdir(parents=True)
    (example / CACHE).write_text("garbage")
    result = CliRunner().invoke(cli, ["--vault", str(example), "check"])
    assert result.exit_code == 1  # the example vault's deliberately broken note
    assert result.stderr == (
        f"vaultkit: the note cache {CACHE} was unusable (file is not a database); it is rebuilt\n"
    )
    assert "checked 50 notes" in result.stdout


def test_no_cache_option_and_environment_variable_leave_no_cache(example):
    for args, env in ((["--no-cache"], {}), ([], {"VAULTKIT_NO_CACHE": "1"})):
        result = CliRunner().invoke(cli, ["--vault", str(example), *args, "check"], env=env)
        assert "checked 50 notes" in result.output
        assert not (example / ".vaultkit" / "cache").exists()


def test_a_folder_that_is_not_marked_as_a_vault_is_read_but_gets_no_cache(vault, monkeypatch):
    root = vault({"People/A.md": "---\nname: A\n---\n"})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check"])
    assert result.stderr == (
        f"vaultkit: no .vaultkit.toml or .obsidian in {root} or above; "
        "reading this folder as the vault, without a cache (vaultkit init makes it one)\n"
    )
    assert result.stdout == "contacts: 1 in People/\nchecked 1 note (1 contact): 0 errors, 0 warnings\n"
    assert not (root / ".vaultkit").exists()
    # Named on purpose, or marked, the same folder is a vault like any other.
    assert CliRunner().invoke(cli, ["--vault", str(root), "check"]).stderr == ""
    assert (root / ".vaultkit" / "cache").is_dir()
    (root / ".obsidian").mkdir()
    assert CliRunner().invoke(cli, ["check"]).stderr == ""


def test_a_run_while_another_holds_the_cache_lock_still_gets_the_right_index(example, monkeypatch):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    (example / "People" / "Marie Lefèvre.md").unlink()
    expected_after = snapshot(load_index(example))
    monkeypatch.setattr(vaultkit.cache.notes, "BUSY_TIMEOUT_S", 0.05)
    other = sqlite3.connect(example / CACHE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another vaultkit in the middle of writing
    try:
        during = load_index(example, use_cache=True)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(during) == expected_after and during.notices == ()
    assert snapshot(load_index(example, use_cache=True)) == expected_after != expected


def test_concurrent_runs_agree(generated):
    results = []

    def run():
        results.append(snapshot(load_index(generated, use_cache=True)))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = snapshot(load_index(generated))
    assert results == [expected] * 3
    assert snapshot(load_index(generated, use_cache=True)) == expected


def test_notes_parsed_in_worker_processes_equal_those_parsed_here(generated, monkeypatch):
    serial = snapshot(load_index(generated))
    monkeypatch.setattr(vaultkit.index, "PARALLEL_FROM", 0)
    monkeypatch.setattr(vaultkit.index, "CHUNK", 7)  # many chunks, to be put back in order
    assert snapshot(load_index(generated)) == serial
    assert snapshot(load_index(generated, use_cache=True)) == serial  # fills the cache from workers
    assert snapshot(load_index(generated, use_cache=True)) == serial


def test_explicitly_tagged_yaml_values_survive_the_cache(vault):
    root = vault(
        {
            "People/A.md": "---\nx: !!timestamp 2026-01-01T10:00:00+01:00\ny: !!binary aGVsbG8=\n"
            "z: !!set {a, b}\nname: A\n---\n"
        }
    )
    settle(root)
    first = load_index(root, use_cache=True)
    again = load_index(root, use_cache=True)
    assert again.notices == ()
    assert again.notes == first.notes
    assert again.notes[0].properties["y"] == b"hello"


def test_the_busy_timeout_is_read_when_connecting_so_it_can_be_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(vaultkit.cache.notes, "BUSY_TIMEOUT_S", 0.05)
    db = vaultkit.cache.notes.connect(tmp_path / "notes.sqlite")
    try:
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    finally:
        db.close()


NO_CACHE_HINT = "(VAULTKIT_NO_CACHE=1 turns the cache and this line off)"


def cache_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "note cache" in line]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes where permissions say no")
def test_a_read_only_vault_runs_without_a_cache_and_says_so_in_one_line(example):
    expected = CliRunner().invoke(cli, ["--vault", str(example), "--no-cache", "check"]).stdout
    folders = [example, *(path for path in example.rglob("*") if path.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        for _ in range(2):  # every run says it, since every run reads every note again
            result = CliRunner().invoke(cli, ["--vault", str(example), "check"])
            assert result.stdout == expected
            assert cache_lines(result.stderr) == [
                f"vaultkit: cannot write the note cache {CACHE} (permission denied); reading every note "
                f"afresh {NO_CACHE_HINT}"
            ]
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_a_file_in_place_of_the_cache_folder_is_said_once_a_run_not_rebuilt(example, parses):
    expected = snapshot(load_index(example))
    (example / ".vaultkit").mkdir(exist_ok=True)
    (example / ".vaultkit" / "cache").write_text("not a folder")
    for _ in range(2):
        parses.clear()
        index = load_index(example, use_cache=True)
        assert snapshot(index) == expected and len(parses) == index.files
        assert index.notices == (
            f"cannot write the note cache {CACHE} (a file is in the way of its folder); reading every note "
            f"afresh {NO_CACHE_HINT}",
        )
    result = CliRunner().invoke(cli, ["--vault", str(example), "check"])
    assert cache_lines(result.stderr) == [f"vaultkit: {index.notices[0]}"]
    assert (example / ".vaultkit" / "cache").read_text() == "not a folder"


@pytest.mark.parametrize(
    "error, reason",
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "it is read-only"),
    ],
)
def test_a_cache_that_cannot_be_made_is_not_deleted_or_claimed_rebuilt(example, monkeypatch, error, reason):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    before = (example / CACHE).read_bytes()
    if isinstance(error, sqlite3.Error):
        error.sqlite_errorcode = 8  # SQLITE_READONLY, as SQLite sets it
    monkeypatch.setattr(vaultkit.cache.notes, "connect", lambda *args, **kwargs: (_ for _ in ()).throw(error))
    index = load_index(example, use_cache=True)
    assert snapshot(index) == expected
    assert index.notices == (
        f"cannot write the note cache {CACHE} ({reason}); reading every note afresh {NO_CACHE_HINT}",
    )
    assert (example / CACHE).read_bytes() == before


def test_a_cache_that_is_read_but_cannot_be_updated_says_what_is_read_afresh(example, monkeypatch, parses):
    load_index(example, use_cache=True)
    marie = example / "People" / "Marie Lefèvre.md"
    marie.write_text(marie.read_text() + "\nmore\n")
    settle(example, paths=[marie])
    expected = snapshot(load_index(example))

    def refused(self, changed, gone):
        raise vaultkit.cache.notes.CacheUnwritable("it is read-only")

    monkeypatch.setattr(vaultkit.cache.notes.NoteCache, "save", refused)
    parses.clear()
    index = load_index(example, use_cache=True)
    assert snapshot(index) == expected and parses == ["People/Marie Lefèvre.md"]
    assert index.notices == (
        f"cannot write the note cache {CACHE} (it is read-only); notes changed since it was written are "
        f"read afresh {NO_CACHE_HINT}",
    )


def test_a_damaged_cache_that_cannot_be_rebuilt_is_not_said_to_be(example, monkeypatch):
    (example / CACHE).parent.mkdir(parents=True)
    (example / CACHE).write_text("garbage")

    def failing(self, changed, gone):
        raise vaultkit.cache.notes.CacheError("disk I/O error")

    monkeypatch.setattr(vaultkit.cache.notes.NoteCache, "save", failing)
    index = load_index(example, use_cache=True)
    assert index.notices == (
        f"cannot write the note cache {CACHE} (disk I/O error); reading every note afresh {NO_CACHE_HINT}",
    )
