import errno
import os
import pickle
import sqlite3
import threading
import time

import pytest
from click.testing import CliRunner

import vaultkit.cache.notes
import vaultkit.index
from bench.generate import generate
from tests.conftest import EXAMPLE_VAULT, PAST_NS, settle
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.vault import scan

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


def test_notes_whose_names_sort_differently_by_bytes_and_by_case_all_come_from_the_cache(vault, parses):
    # The cache gives its entries in SQLite's order of the paths, the walk in Python's: the two
    # must agree for every name, or a note would be read afresh on every run.
    names = ["Zoe", "anna", "Ärger", "Émile", "Łukasz", "李", "\U0001f600 Smiley", "a b", "a-b", "a_b", "a.b"]
    root = vault({f"People/{name}.md": "---\ncircle: close\n---\n" for name in names})
    settle(root)
    fresh = snapshot(load_index(root))
    load_index(root, use_cache=True)
    parses.clear()
    assert snapshot(load_index(root, use_cache=True)) == fresh
    assert parses == []


def test_notes_from_the_cache_share_one_copy_of_each_name_they_mention(vault, parses):
    meetings = {f"Meetings/2026-11-{day:02d}.md": "With [[Anna Berg]] and [[Ben]].\n" for day in range(1, 9)}
    root = vault({"People/Anna Berg.md": "", "People/Ben.md": "", **meetings})
    settle(root)
    load_index(root, use_cache=True)
    parses.clear()
    cached = load_index(root, use_cache=True)
    assert parses == []
    targets = [m.target for note in cached.notes if note.path in meetings for m in note.mentions]
    assert sorted(targets) == ["Anna Berg"] * 8 + ["Ben"] * 8
    assert len({id(target) for target in targets}) == 2


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


MARIE = "People/Marie Lefèvre.md"


def forge(root, path, blob):
    """Make `blob` the cache entry of the note at `path`, as vaultkit itself would write it: with
    the note's stamp as it is and a digest that matches."""
    (stamp,) = [stamp for found, stamp in scan(root, load_config(root)) if found == path]
    with sqlite3.connect(root / CACHE) as db:
        db.execute(
            "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)", vaultkit.cache.notes._row(path, stamp, blob)
        )
    db.close()


def test_a_damaged_entry_is_not_trusted(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    forge(example, MARIE, b"\x80\x05junk")
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected
    assert healed.notices == (
        f"the note cache {CACHE} was unusable (a damaged entry: UnpicklingError); it is rebuilt",
    )


def test_an_entry_that_holds_more_than_its_note_is_not_trusted(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    note = next(note for note in load_index(example).notes if note.path == MARIE)
    forge(example, MARIE, vaultkit.cache.notes.dump(note) * 2)
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected
    assert healed.notices == (
        f"the note cache {CACHE} was unusable (a damaged entry: UnpicklingError); it is rebuilt",
    )


def test_entries_pickled_onto_other_seeds_are_not_used(example, parses, monkeypatch):
    load_index(example, use_cache=True)
    notes = vaultkit.cache.notes
    monkeypatch.setattr(notes, "_SEEDS", notes._SEEDS[::-1])  # as a later version might have them
    for name, value in zip(("_SEEDS_PICKLE", "_SEEDS_MEMO", "_SEEDS_LOADED"), notes._seeded()):
        monkeypatch.setattr(notes, name, value)
    parses.clear()
    again = load_index(example, use_cache=True)
    assert len(parses) == again.files and again.notices == ()
    assert snapshot(again) == snapshot(load_index(example))


class Exploit:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_an_entry_that_would_run_code_is_refused(example, monkeypatch):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    forge(example, MARIE, pickle.dumps(Exploit()))
    monkeypatch.chdir(example)
    healed = load_index(example, use_cache=True)
    assert not (example / "pwned").exists()
    assert snapshot(healed) == expected and healed.notices


EXAMPLE_NOTES = load_index(EXAMPLE_VAULT).files


def test_the_cli_reports_a_rebuilt_cache_on_stderr_and_still_runs(example):
    (example / CACHE).parent.mkdir(parents=True)
    (example / CACHE).write_text("garbage")
    result = CliRunner().invoke(cli, ["--vault", str(example), "check"])
    assert result.exit_code == 1  # the example vault's deliberately broken note
    assert result.stderr == (
        f"vaultkit: the note cache {CACHE} was unusable (file is not a database); it is rebuilt\n"
    )
    assert f"checked {EXAMPLE_NOTES} notes" in result.stdout


def test_no_cache_option_and_environment_variable_leave_no_cache(example):
    for args, env in ((["--no-cache"], {}), ([], {"VAULTKIT_NO_CACHE": "1"})):
        result = CliRunner().invoke(cli, ["--vault", str(example), *args, "check"], env=env)
        assert f"checked {EXAMPLE_NOTES} notes" in result.output
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


def test_a_run_while_another_holds_the_cache_lock_still_gets_the_right_index(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    (example / "People" / "Marie Lefèvre.md").unlink()
    expected_after = snapshot(load_index(example))
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
    assert again.notes[0].properties["x"].utcoffset() is not None  # !!binary and !!set are refused


def test_the_busy_timeout_is_read_when_connecting_so_it_can_be_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(vaultkit.cache.notes, "BUSY_TIMEOUT_S", 0.05)
    db = vaultkit.cache.notes.connect(tmp_path)
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


# What the cache may trust (issue 17): a stamp that an edit cannot keep, rows checked as they are
# read, never a cache through a link out of the vault, nor one that breaks or stalls a run.


@pytest.mark.parametrize("how", ["in place", "replaced by another file"])
def test_a_same_size_edit_with_its_mtime_restored_is_read_afresh(example, how):
    load_index(example, use_cache=True)
    note = example / "People" / "Marie Lefèvre.md"
    text = note.read_text()
    edited = text.replace("role: Malerin", "role: Maleryn")
    assert edited != text and len(edited) == len(text)
    if how == "in place":
        note.write_text(edited)
    else:
        replacement = note.with_name("replacement.tmp")
        replacement.write_text(edited)
        replacement.replace(note)
    settle(example, paths=[note])  # the mtime it had, as sync tools and `touch -r` restore it
    assert load_index(example, use_cache=True).contacts["Marie Lefèvre"].properties["role"] == "Maleryn"


def test_an_entry_altered_so_that_it_still_decodes_is_not_trusted(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    with sqlite3.connect(example / CACHE) as db:
        (blob,) = db.execute("SELECT note FROM notes WHERE path = 'People/Marie Lefèvre.md'").fetchone()
        assert b"Malerin" in blob
        db.execute(
            "UPDATE notes SET note = ? WHERE path = 'People/Marie Lefèvre.md'",
            (blob.replace(b"Malerin", b"Maleryn"),),
        )
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected
    assert healed.notices == (f"the note cache {CACHE} was unusable (an entry was altered); it is rebuilt",)


def test_an_entry_that_holds_another_note_is_not_trusted(example):
    expected = snapshot(load_index(example))
    load_index(example, use_cache=True)
    with sqlite3.connect(example / CACHE) as db:
        (toms,) = db.execute("SELECT note FROM notes WHERE path = 'People/Tom Whitfield.md'").fetchone()
    db.close()
    forge(example, MARIE, toms)
    healed = load_index(example, use_cache=True)
    assert snapshot(healed) == expected
    assert healed.notices == (
        f"the note cache {CACHE} was unusable (an entry holds another note); it is rebuilt",
    )


def test_an_entry_whose_stamp_was_brought_up_to_date_is_not_trusted(example):
    load_index(example, use_cache=True)
    note = example / "People" / "Marie Lefèvre.md"
    note.write_text(note.read_text().replace("role: Malerin", "role: Bildhauerin"))
    settle(example, paths=[note])
    (stamp,) = [stamp for path, stamp in scan(example, load_config(example)) if path.endswith("Lefèvre.md")]
    with sqlite3.connect(example / CACHE) as db:
        db.execute(
            "UPDATE notes SET stamp = ? WHERE path = 'People/Marie Lefèvre.md'",
            (vaultkit.cache.notes.stamp_bytes(stamp),),
        )
    healed = load_index(example, use_cache=True)
    assert healed.contacts["Marie Lefèvre"].properties["role"] == "Bildhauerin"
    assert healed.notices == (f"the note cache {CACHE} was unusable (an entry was altered); it is rebuilt",)


OTHER_PROGRAM = b"another program's database"


def other_programs_database(folder):
    """An SQLite database of another program, outside the vault; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mine (what BLOB)")
        db.execute("INSERT INTO mine VALUES (?)", (OTHER_PROGRAM,))
    db.close()
    return path


def cache_linked_out(root, outside, link):
    """Make `link` (the cache file, one of its folders, or its write-ahead log) a link out of the vault."""
    database = other_programs_database(outside)
    cache = root / ".vaultkit" / "cache"
    if link == ".vaultkit":
        (outside / "cache").mkdir()
        os.symlink(outside / "cache" / "other.sqlite", outside / "cache" / "notes.sqlite")
        os.rename(database, outside / "cache" / "other.sqlite")
        os.symlink(outside, root / ".vaultkit")
        return outside / "cache" / "other.sqlite"
    if link == ".vaultkit/cache":
        (root / ".vaultkit").mkdir()
        os.symlink(outside, cache)
        os.symlink(database, outside / "notes.sqlite")
        return database
    cache.mkdir(parents=True)
    if link == ".vaultkit/cache/notes.sqlite":
        os.symlink(database, cache / "notes.sqlite")
    else:  # SQLite writes its log beside the database, through a link there too
        os.symlink(outside / "log", cache / "notes.sqlite-wal")
    return database


LINKS = [".vaultkit/cache/notes.sqlite", ".vaultkit/cache", ".vaultkit", ".vaultkit/cache/notes.sqlite-wal"]


@pytest.mark.parametrize("link", LINKS)
def test_a_cache_through_a_link_out_of_the_vault_is_never_opened(example, tmp_path, link, parses):
    expected = snapshot(load_index(example))
    outside = tmp_path / "elsewhere"
    database = cache_linked_out(example, outside, link)
    before = sorted((path.name, path.read_bytes()) for path in outside.rglob("*") if path.is_file())
    for _ in range(2):
        parses.clear()
        index = load_index(example, use_cache=True)
        assert snapshot(index) == expected and len(parses) == index.files
        kind = "" if link.startswith(CACHE) else "folder "
        assert index.notices == (
            f"the note cache {kind}{link} is a link out of the vault; reading every note afresh "
            f"{NO_CACHE_HINT}",
        )
    assert sorted((path.name, path.read_bytes()) for path in outside.rglob("*") if path.is_file()) == before
    assert not (outside / "log").exists()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]
    db.close()


@pytest.mark.parametrize("link", LINKS[:2])
def test_a_report_through_a_linked_cache_says_so_once_and_keeps_nothing(example, tmp_path, link):
    fresh = CliRunner().invoke(
        cli, ["--vault", str(example), "--no-cache", "agenda", "--today", "2026-11-21"]
    )
    database = cache_linked_out(example, tmp_path / "elsewhere", link)
    for _ in range(2):
        result = CliRunner().invoke(cli, ["--vault", str(example), "agenda", "--today", "2026-11-21"])
        assert result.stdout == fresh.stdout
        kind = "" if link.startswith(CACHE) else "folder "
        assert cache_lines(result.stderr) == [
            f"vaultkit: the note cache {kind}{link} is a link out of the vault; reading every note afresh "
            f"{NO_CACHE_HINT}"
        ]
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]
    db.close()


def test_a_link_to_a_cache_inside_the_vault_is_used(example, parses):
    (example / ".vaultkit" / "kept").mkdir(parents=True)
    os.symlink("kept", example / ".vaultkit" / "cache")
    load_index(example, use_cache=True)
    parses.clear()
    assert load_index(example, use_cache=True).notices == () and parses == []
    assert (example / ".vaultkit" / "kept" / "notes.sqlite").is_file()


def create_bytes_named(root, name: bytes, content: bytes) -> None:
    handle = os.open(os.fsencode(root) + b"/" + name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(handle, content)
    finally:
        os.close(handle)


def test_a_note_whose_file_name_is_not_utf8_is_read_and_never_breaks_the_cache(example, parses):
    create_bytes_named(example, b"People/Bad\xff.md", b"---\nname: Bad Name\nlast_contact: 2026-01-02\n---\n")
    settle(example)
    expected = snapshot(load_index(example))
    for _ in range(2):
        parses.clear()
        index = load_index(example, use_cache=True)
        assert snapshot(index) == expected and index.notices == ()
        assert str(index.contacts["Bad\udcff"].last_contact) == "2026-01-02"
    assert parses == ["People/Bad\udcff.md"]  # the one note the cache cannot hold, read every run
    for _ in range(2):  # the kept output is keyed and written with the name too
        result = CliRunner().invoke(cli, ["--vault", str(example), "agenda", "--today", "2026-11-21"])
        assert result.exit_code == 0 and "Bad Name" in result.stdout
        assert cache_lines(result.stderr) == []


def held_cache(root, how):
    """A second connection holding the cache as another vaultkit (or another program) would."""
    other = sqlite3.connect(root / CACHE, isolation_level=None)
    if how == "EXCLUSIVE, no write-ahead log":
        assert other.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
        how = "EXCLUSIVE"
    other.execute(f"BEGIN {how}")
    return other


HOLDS = ["IMMEDIATE", "EXCLUSIVE", "EXCLUSIVE, no write-ahead log"]


@pytest.mark.parametrize("how", HOLDS)
def test_a_cache_another_process_holds_costs_no_wait(example, how):
    load_index(example, use_cache=True)
    marie = example / "People" / "Marie Lefèvre.md"
    marie.write_text(marie.read_text() + "\nmore\n")  # to be saved: a write the lock refuses
    settle(example, paths=[marie])
    expected = snapshot(load_index(example))
    other = held_cache(example, how)
    try:
        started = time.monotonic()
        index = load_index(example, use_cache=True)
        took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(index) == expected and index.notices == ()
    assert took < 2.5  # it waited 5 s, and 10 s when reading had to wait too
    assert snapshot(load_index(example, use_cache=True)) == expected  # the cache was not thrown away


@pytest.mark.parametrize("how", HOLDS)
def test_a_report_while_another_process_holds_the_cache_costs_no_wait(example, how):
    args = ["--vault", str(example), "agenda", "--today", "2026-11-21"]
    first = CliRunner().invoke(cli, args)
    other = held_cache(example, how)
    try:
        started = time.monotonic()
        during = CliRunner().invoke(cli, [*args, "--days", "7"])
        took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert during.exit_code == 0 and cache_lines(during.stderr) == []
    assert took < 2.5  # it waited 5 s, and 10 s when reading had to wait too
    assert CliRunner().invoke(cli, args).stdout == first.stdout


def test_diagnostics_cached_by_an_english_run_are_said_in_german_by_a_german_one(example, parses):
    english = CliRunner().invoke(cli, ["--vault", str(example), "check"])
    parses.clear()
    german = CliRunner().invoke(cli, ["--vault", str(example), "--lang", "de", "check"])
    assert parses == []  # every note came from the cache
    assert "People/Broken Example.md:4: error yaml-syntax invalid YAML" in english.stdout
    assert "People/Broken Example.md:4: Fehler yaml-syntax: die Eigenschaften sind kein gültiges YAML" in (
        german.stdout
    )


def test_a_cache_notice_is_said_in_german(example):
    (example / ".vaultkit").mkdir(exist_ok=True)
    (example / ".vaultkit" / "cache").write_text("not a folder")
    result = CliRunner().invoke(cli, ["--vault", str(example), "--lang", "de", "check"])
    assert [line for line in result.stderr.splitlines() if "Notiz-Cache" in line] == [
        f"vaultkit: der Notiz-Cache {CACHE} lässt sich nicht schreiben (eine Datei liegt dort, wo sein "
        "Ordner hingehört); alle Notizen werden neu gelesen (VAULTKIT_NO_CACHE=1 schaltet den Cache und "
        "diese Zeile ab)"
    ]
