"""Reports printed again from an earlier run's output: only while nothing they depend on changed."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc

import pytest
from click.testing import CliRunner

import vaultkit.cache.outputs
import vaultkit.content
import vaultkit.index
import vaultkit.render.templates
import vaultkit.shipped
from bench.generate import generate
from tests.conftest import EXAMPLE_VAULT, PAST_NS, settle
from vaultkit.cli import cli
from vaultkit.cli.session import Session
from vaultkit.content import Spool

CACHE = ".vaultkit/cache/notes.sqlite"
TODAY = ("--today", "2026-11-21")


def refuse_to_read_notes(monkeypatch):
    """From now on any reading of the notes fails: what runs must come from earlier output."""

    def refuse(*args, **kwargs):
        raise AssertionError("the notes were read")

    monkeypatch.setattr(vaultkit.index, "load_index", refuse)


def run(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def outputs(root):
    with sqlite3.connect(root / CACHE) as db:
        return db.execute("SELECT count(*) FROM outputs").fetchone()[0]


REPORTS = [
    ("agenda", "text"),
    ("agenda", "markdown"),
    ("agenda", "json"),
    ("agenda", "csv"),
    ("agenda", "ics"),
    ("stale", "text"),
    ("stale", "csv"),
    ("tags", "markdown"),
    ("layers", "json"),
    ("meetup", "text"),
    ("balance", "text"),
    ("intros", "text"),
    ("show Marie", "markdown"),
    ("path Marie", "text"),
]


@pytest.mark.parametrize("command, fmt", REPORTS)
def test_a_repeated_report_prints_the_same_without_reading_a_note(example, monkeypatch, command, fmt):
    args = [*command.split(), *TODAY, "--format", fmt]
    fresh = run(example, "--no-cache", *args)
    assert run(example, *args) == fresh  # made, and kept
    refuse_to_read_notes(monkeypatch)
    assert run(example, *args) == fresh


KEPT = ["agenda", "stale", "tags", "layers", "balance", "give", "intros", "show Marie", "path Marie"]


@pytest.mark.parametrize("command", KEPT)
def test_printing_kept_output_imports_neither_the_report_nor_the_parser(example, command):
    """Such a run costs starting Python and reading the cache: the agenda and what it imports
    took half of it."""
    environment = {key: value for key, value in os.environ.items() if key != "VAULTKIT_NO_CACHE"}
    argv = [sys.executable, "-X", "importtime", "-m", "vaultkit", "--vault", str(example), *command.split()]

    def imported_by_a_run():
        done = subprocess.run([*argv, *TODAY], capture_output=True, text=True, env=environment, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout, {
            line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line
        }

    (made, by_making), (printed, by_printing) = imported_by_a_run(), imported_by_a_run()
    assert printed == made
    heavy = ("vaultkit.reports", "vaultkit.parse", "jinja2")
    assert {name for name in by_making if name.startswith(heavy)}  # what -X importtime says is read
    assert not {name for name in by_printing if name.startswith(heavy)}


def test_each_set_of_options_has_its_own_output(example, monkeypatch):
    asked = [(*TODAY,), ("--today", "2026-12-24"), (*TODAY, "--days", "60"), (*TODAY, "--format", "json")]
    made = [run(example, "agenda", *options) for options in asked]
    assert len(set(made)) == len(made)
    refuse_to_read_notes(monkeypatch)
    assert [run(example, "agenda", *options) for options in asked] == made


def test_an_edited_note_is_never_answered_from_earlier_output(example):
    before = run(example, "agenda", *TODAY, "--format", "json")
    assert "about the Förde show" not in run(example, "show", "Marie", *TODAY)
    note = example / "People" / "Marie Lefèvre.md"
    note.write_text(
        note.read_text(encoding="utf-8") + "\n- 2026-11-20 call: about the Förde show\n", encoding="utf-8"
    )
    settle(example, PAST_NS + 10**9, [note])
    after = run(example, "agenda", *TODAY, "--format", "json")
    assert after == run(example, "--no-cache", "agenda", *TODAY, "--format", "json") != before
    assert "about the Förde show" in run(example, "show", "Marie", *TODAY)


def test_a_run_lets_go_of_its_walk_once_the_index_is_read_and_keeps_output_only_of_that_walk(example):
    told = Session(explicit_vault=str(example), env_vault=None)
    assert told.earlier_output("agenda") is None  # what keeps the output takes the vault's state
    assert told.index.contacts and told._files is None
    told.keep_output("agenda", "kept\n")
    assert Session(explicit_vault=str(example), env_vault=None).earlier_output("agenda") == (b"kept\n",)
    # Asked only after the index was read: a walk now might see a later state than the index's.
    later = Session(explicit_vault=str(example), env_vault=None)
    assert later.index.contacts and later._files is None
    later.keep_output("stale", "not kept\n")
    assert Session(explicit_vault=str(example), env_vault=None).earlier_output("stale") is None


def test_a_generated_vault_gets_the_same_reports_through_edits_renames_and_deletions(tmp_path):
    root = tmp_path / "generated"
    generate(root, notes=300, seed=7)
    settle(root)
    reports = [("agenda", "--format", "json"), ("stale", "--format", "csv"), ("tags", "--format", "json")]
    before = [run(root, *report, *TODAY) for report in reports]
    assert [run(root, "--no-cache", *report, *TODAY) for report in reports] == before
    people = sorted((root / "People").iterdir())
    with people[0].open("a", encoding="utf-8") as note:  # its log is the last section
        note.write("- 2026-11-20 call: catching up\n")
    people[1].rename(people[1].with_name("Renamed Person.md"))
    people[2].unlink()
    settle(root, PAST_NS + 10**9, [people[0], root / "People" / "Renamed Person.md"])
    after = [run(root, *report, *TODAY) for report in reports]
    assert after == [run(root, "--no-cache", *report, *TODAY) for report in reports]
    assert all(new != old for new, old in zip(after, before))
    assert "catching up" in run(root, "show", people[0].stem, *TODAY)


def test_a_new_or_deleted_note_changes_the_output(example):
    before = run(example, "stale", *TODAY, "--format", "json")
    (example / "People" / "Ben Hughes.md").unlink()  # never contacted: listed as such
    without = run(example, "stale", *TODAY, "--format", "json")
    assert without != before and without == run(example, "--no-cache", "stale", *TODAY, "--format", "json")
    (example / "People" / "Zoe New.md").write_text("---\ncircle: close\nlast_contact: 2025-01-01\n---\n")
    settle(example, PAST_NS, [example / "People" / "Zoe New.md"])
    assert "Zoe New" in run(example, "stale", *TODAY, "--format", "json")


def test_a_config_change_makes_the_report_afresh(example):
    before = run(example, "agenda", *TODAY)
    config = example / ".vaultkit.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('close = "1m"', 'close = "1y"'), encoding="utf-8")
    after = run(example, "agenda", *TODAY)
    assert after == run(example, "--no-cache", "agenda", *TODAY) != before


def test_a_new_or_changed_user_template_makes_the_report_afresh(example):
    run(example, "tags", *TODAY)
    template = example / ".vaultkit" / "templates" / "tags.txt.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{{ tags.tags | length }} tags\n")
    settle(example, PAST_NS, [template])
    assert run(example, "tags", *TODAY) == run(example, "--no-cache", "tags", *TODAY) != ""
    template.write_text("{{ tags.tags | length }} tags in all\n")
    settle(example, PAST_NS + 10**9, [template])
    assert run(example, "tags", *TODAY).endswith("tags in all\n")


def test_a_changed_shipped_template_makes_the_report_afresh(example, tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    shutil.copytree(vaultkit.shipped.shipped_templates(), shipped)
    settle(shipped)
    monkeypatch.setattr(vaultkit.render.templates, "shipped_templates", lambda: shipped)
    monkeypatch.setattr(vaultkit.cache.outputs, "shipped_templates", lambda: shipped)
    run(example, "layers", *TODAY)
    (shipped / "layers.txt.j2").write_text("{{ layers.circles | length }} circles\n")
    settle(shipped, PAST_NS + 10**9, [shipped / "layers.txt.j2"])
    assert run(example, "layers", *TODAY).endswith(" circles\n")


def test_output_is_not_kept_while_a_note_is_too_young_to_vouch_for_it(example):
    (example / "Daily" / "2026-11-21.md").write_text("Coffee with [[Marie Lefèvre]]\n")  # mtime: now
    run(example, "agenda", *TODAY)
    assert outputs(example) == 0


def test_an_unreadable_cache_still_gives_the_right_report(example):
    fresh = run(example, "--no-cache", "agenda", *TODAY)
    (example / CACHE).parent.mkdir(parents=True)
    (example / CACHE).write_bytes(b"not a database" * 100)
    result = CliRunner().invoke(cli, ["--vault", str(example), "agenda", *TODAY])
    assert result.stdout == fresh and "was unusable" in result.stderr
    assert run(example, "agenda", *TODAY) == fresh


def test_a_report_that_warned_says_it_again_when_its_output_is_reused(example):
    (example / "People/Sub").mkdir()
    (example / "People/Sub/tom whitfield.md").write_text("# another Tom\n")
    settle(example)
    runs = [
        CliRunner().invoke(cli, ["--vault", str(example), "show", "tom whitfield", *TODAY]) for _ in range(2)
    ]
    assert runs[0].stderr.startswith("vaultkit: 'tom whitfield' is ambiguous: ")
    assert (runs[1].stdout, runs[1].stderr) == (runs[0].stdout, runs[0].stderr)
    assert outputs(example) == 1


def test_only_the_newest_outputs_are_kept(example):
    for day in range(1, 12):
        run(example, "agenda", "--today", f"2026-11-{day:02d}")
    assert outputs(example) == vaultkit.cache.outputs.KEEP


def test_an_event_report_is_not_kept_since_it_depends_on_its_attendee_file(example, tmp_path):
    attendees = tmp_path / "attendees.csv"
    attendees.write_text("name\nMarie Lefèvre\n")
    first = run(example, "event", str(attendees), *TODAY)
    attendees.write_text("name\nSomeone Else\n")
    assert run(example, "event", str(attendees), *TODAY) != first
    assert outputs(example) == 0


def test_output_to_a_file_is_written_from_earlier_output_too(example, tmp_path):
    printed = run(example, "agenda", *TODAY, "--format", "markdown")
    target = tmp_path / "Agenda.md"
    assert run(example, "agenda", *TODAY, "--format", "markdown", "--output", str(target)) == ""
    assert target.read_text(encoding="utf-8") == printed


@pytest.mark.parametrize("how", ["in place", "replaced by another file"])
def test_a_same_size_edit_with_its_mtime_restored_makes_the_report_afresh(example, how):
    before = run(example, "show", "Marie", *TODAY)
    note = example / "People" / "Marie Lefèvre.md"
    text = note.read_text()
    edited = text.replace("role: Malerin", "role: Maleryn")
    assert len(edited) == len(text)
    if how == "in place":
        note.write_text(edited)
    else:
        (example / "replacement.tmp").write_text(edited)
        (example / "replacement.tmp").replace(note)
    settle(example, paths=[note])  # the mtime it had
    after = run(example, "show", "Marie", *TODAY)
    assert after == before.replace("Malerin", "Maleryn") != before
    assert after == run(example, "--no-cache", "show", "Marie", *TODAY)


def test_a_vault_whose_folder_name_is_not_utf8_keeps_its_output(tmp_path, monkeypatch):
    root = tmp_path / os.fsdecode(b"Vault\xff")
    shutil.copytree(EXAMPLE_VAULT, root, ignore=shutil.ignore_patterns("cache"))
    settle(root)
    first = run(root, "agenda", *TODAY)
    assert outputs(root) == 1
    refuse_to_read_notes(monkeypatch)
    assert run(root, "agenda", *TODAY) == first


def test_output_kept_in_the_form_before_is_made_afresh(example):
    fresh = run(example, "agenda", *TODAY)
    with sqlite3.connect(example / CACHE) as db:
        db.execute("""UPDATE outputs SET text = '["kept before", []]'""")
    assert run(example, "agenda", *TODAY) == fresh
    assert run(example, "agenda", *TODAY) == fresh  # and kept again in the form of now


def test_a_large_output_is_kept_a_piece_at_a_time_and_given_back_whole(example):
    run(example, "agenda", *TODAY)  # makes the cache
    content = tuple(bytes([65 + number % 26]) * (1 << 18) for number in range(16))  # 4 MiB
    tracemalloc.start()
    try:
        vaultkit.cache.outputs.keep(example, "large", content, ("one warning",))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # joined, the pieces took twice their size
    assert vaultkit.cache.outputs.find(example, "large") == ((b"".join(content),), ("one warning",))


def pieces_made_one_by_one(count, made):
    """`count` pieces of 256 KiB, each noted in `made` as it is made."""
    for number in range(count):
        made.append(number)
        yield bytes([65 + number % 26]) * (1 << 18)


def test_a_spool_holds_no_piece_in_memory_and_gives_them_back_as_often_as_asked(tmp_path):
    made = []
    tracemalloc.start()
    try:
        spool = Spool(tmp_path).filled(pieces_made_one_by_one(16, made))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # held, the pieces took 4 MiB
    expected = b"".join(pieces_made_one_by_one(16, []))
    assert b"".join(spool) == expected
    assert b"".join(spool) == expected  # printed, then kept
    assert len(spool) == len(expected)
    assert os.listdir(tmp_path) == []  # the file has no name


def test_a_spool_whose_disk_fills_holds_the_rest_in_memory_in_order(tmp_path, monkeypatch):
    spool = Spool(tmp_path)
    real_write = spool._file.write
    taken = []

    def write_until_full(data):
        if sum(taken) >= 600_000:
            raise OSError(28, "No space left on device")
        done = real_write(bytes(data)[:100_000])  # a short write, as a nearly full disk gives
        taken.append(done)
        return done

    monkeypatch.setattr(spool._file, "write", write_until_full)
    spool.filled(pieces_made_one_by_one(8, []))
    assert b"".join(spool) == b"".join(pieces_made_one_by_one(8, []))
    assert len(spool) == 8 << 18


def test_json_too_large_to_hold_is_printed_and_kept_from_its_spool(example, monkeypatch):
    fresh = run(example, "--no-cache", "agenda", "--format", "json", *TODAY)
    spooled = []
    real_spooled = vaultkit.cache.outputs.spooled

    def noting(root, pieces):
        spooled.append(content := real_spooled(root, pieces))
        return content

    monkeypatch.setattr(vaultkit.cache.outputs, "spooled", noting)
    assert run(example, "agenda", "--format", "json", *TODAY) == fresh
    assert [type(content) for content in spooled] == [Spool]
    refuse_to_read_notes(monkeypatch)
    assert run(example, "agenda", "--format", "json", *TODAY) == fresh  # as it was kept


def test_json_is_kept_from_memory_where_the_cache_folder_takes_no_file(example, monkeypatch):
    fresh = run(example, "--no-cache", "agenda", "--format", "json", *TODAY)

    def no_file(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(vaultkit.content.tempfile, "TemporaryFile", no_file)
    assert run(example, "agenda", "--format", "json", *TODAY) == fresh
    refuse_to_read_notes(monkeypatch)
    assert run(example, "agenda", "--format", "json", *TODAY) == fresh
