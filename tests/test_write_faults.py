"""Every command that writes notes (log, set, snooze, new, import), and --output, under faults:
a link out of the vault, a read-only note, a save between vaultkit's read and its write, a kill
at a random moment, and two writers at once.

The kill test runs each writer in a loop in a subprocess and kills it with SIGKILL after a
random delay; VAULTKIT_KILLS sets how many kills per command (default 2, to keep the suite
quick; the README gives the numbers of a larger run).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from tests.faultwriters import ANNA, CREATES, EDITS, TODAY, WRITERS, run, small_vault
from vaultkit import atomic
from vaultkit.atomic import stale_temp_files
from vaultkit.cli import cli
from vaultkit.cli.output import write_output
from vaultkit.config import Config
from vaultkit.edit import EditRefused, add_log_entry, new_log_entry, read, write

LINK_OUT = (
    "is a link to a file outside the vault; vaultkit does not write through it (name the folder in "
    "[contacts] linked_folders if you linked it on purpose)"
)
CHANGED = "the note changed on disk after vaultkit read it (saved in an editor?); run the command again"
READ_ONLY = (
    "the note is read-only, so vaultkit leaves it as it is (make it writable to let vaultkit change it)"
)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def temp_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if ".vaultkit-" in path.name)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small_vault(tmp_path / "vault")


# A link out of the vault


@pytest.mark.parametrize("command", sorted(EDITS))
def test_no_command_writes_through_a_note_that_links_out_of_the_vault(tmp_path, root, command):
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ANNA).rename(outside / "Anna Berg.md")
    (root / ANNA).symlink_to(outside / "Anna Berg.md")
    before = files_in(outside)
    result = run(root, EDITS[command](1))
    if command == "import":  # one refused note does not stop an import: it is named and skipped
        assert f"skip 'Anna Berg' (cards-1.vcf:1): {ANNA}: {LINK_OUT}\n" in result.output
        assert (root / "People/Person 1.md").exists()
    else:
        assert (result.exit_code, result.output) == (
            1,
            f"vaultkit: {ANNA}: {LINK_OUT}; nothing was written\n",
        )
    assert files_in(outside) == before
    assert (root / ANNA).is_symlink()


def test_a_dry_run_says_so_too(tmp_path, root):
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ANNA).rename(outside / "Anna Berg.md")
    (root / ANNA).symlink_to(outside / "Anna Berg.md")
    result = run(root, ["log", "Anna Berg", "x", "--dry-run", *TODAY])
    assert (result.exit_code, result.output) == (1, f"vaultkit: {ANNA}: {LINK_OUT}; nothing was written\n")


@pytest.mark.parametrize("command", ["new", "import-new"])
def test_no_note_is_created_in_a_contacts_folder_that_links_out_of_the_vault(tmp_path, root, command):
    outside = tmp_path / "outside"
    shutil.move(root / "People", outside)
    (root / "People").symlink_to(outside)
    before = files_in(outside)
    result = run(root, CREATES[command](1))
    refusal = (
        "People/Person 1.md: is in People, a link to a folder outside the vault; vaultkit does not write "
        "through it (name the folder in [contacts] linked_folders if you linked it on purpose)"
    )
    assert refusal in result.output
    assert result.exit_code == (0 if command == "import-new" else 1)
    assert files_in(outside) == before


def test_an_edit_planned_for_a_note_in_a_linked_folder_is_refused_by_the_writer(tmp_path, root):
    # The writer asks on its own, whatever reading made of the folder.
    outside = tmp_path / "outside"
    shutil.move(root / "People", outside)
    (root / "People").symlink_to(outside)
    before = files_in(outside)
    entry = new_log_entry(None, date(2026, 11, 21), "x", None, None)
    planned = add_log_entry(ANNA, read(root, ANNA), entry, Config())
    with pytest.raises(EditRefused, match="is in People, a link to a folder outside the vault"):
        write(root, planned)
    assert files_in(outside) == before
    write(root, planned, linked_folders=("People",))
    assert b"- 2026-11-21 x\n" in (outside / "Anna Berg.md").read_bytes()


@pytest.mark.parametrize("command", ["log", "new"])
def test_a_contacts_folder_named_in_linked_folders_is_written_through(tmp_path, command):
    root = small_vault(tmp_path / "vault", "[contacts]\nlinked_folders = ['People']\n")
    outside = tmp_path / "outside"
    shutil.move(root / "People", outside)
    (root / "People").symlink_to(outside)
    before = files_in(outside)
    result = run(root, ["log", "Anna Berg", "x", *TODAY] if command == "log" else ["new", "Cleo Dorn"])
    assert result.exit_code == 0, result.output
    assert (root / "People").is_symlink()
    assert files_in(outside) != before
    assert temp_files(outside) == []


@pytest.mark.parametrize("command", sorted(EDITS))
def test_a_link_within_the_vault_is_written_through(root, command):
    (root / "Archive").mkdir()
    (root / ANNA).rename(root / "Archive/Anna Berg.md")
    (root / ANNA).symlink_to(Path("../Archive/Anna Berg.md"))
    before = (root / "Archive/Anna Berg.md").read_bytes()
    result = run(root, EDITS[command](1))
    assert result.exit_code == 0, result.output
    assert (root / ANNA).is_symlink()
    assert (root / "Archive/Anna Berg.md").read_bytes() != before


# A read-only note


@pytest.mark.parametrize("command", sorted(EDITS))
def test_a_read_only_note_is_refused_by_every_command(root, command):
    (root / ANNA).chmod(0o444)  # root would be let through by the kernel: vaultkit asks the mode
    before = (root / ANNA).read_bytes()
    result = run(root, EDITS[command](1))
    if command == "import":
        assert f"skip 'Anna Berg' (cards-1.vcf:1): {ANNA}: {READ_ONLY}\n" in result.output
    else:
        assert (result.exit_code, result.output) == (
            1,
            f"vaultkit: {ANNA}: {READ_ONLY}; nothing was written\n",
        )
    assert (root / ANNA).read_bytes() == before
    assert stat.S_IMODE((root / ANNA).stat().st_mode) == 0o444
    assert temp_files(root) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
@pytest.mark.parametrize("command", sorted(CREATES))
def test_a_read_only_contacts_folder_is_a_clear_refusal(root, command):
    (root / "People").chmod(0o555)
    try:
        result = run(root, CREATES[command](1))
    finally:
        (root / "People").chmod(0o755)
    assert (
        "People/Person 1.md: cannot write the note: Permission denied; nothing was written" in result.output
    )
    assert not (root / "People/Person 1.md").exists()


# A save between vaultkit's read and its write


def editor_saves_before_the_swap(monkeypatch, note: Path, text: bytes) -> None:
    """An editor saves `note` at the worst moment: vaultkit has read and checked the note, and
    its new bytes are about to take the note's place."""
    real = atomic._exchange

    def exchange(temp, path):
        if not getattr(exchange, "done", False):
            exchange.done = True  # type: ignore[attr-defined]
            note.write_bytes(text)
        return real(temp, path)

    monkeypatch.setattr(atomic, "_exchange", exchange)


@pytest.mark.parametrize("command", sorted(EDITS))
def test_a_save_between_the_check_and_the_write_is_kept_and_the_command_refused(root, monkeypatch, command):
    editor_saves_before_the_swap(monkeypatch, root / ANNA, b"typed in Obsidian\n")
    result = run(root, EDITS[command](1))
    if command == "import":
        assert f"skip 'Anna Berg' (cards-1.vcf:1): {ANNA}: {CHANGED}\n" in result.output
    else:
        assert (result.exit_code, result.output) == (1, f"vaultkit: {ANNA}: {CHANGED}; nothing was written\n")
    assert (root / ANNA).read_bytes() == b"typed in Obsidian\n"
    assert temp_files(root) == []


def test_a_second_save_while_vaultkit_puts_the_first_back_is_kept_and_named(root, monkeypatch):
    real = atomic._exchange
    saves = [b"first save\n", b"second save\n"]

    def exchange(temp, path):
        if saves:
            (root / ANNA).write_bytes(saves.pop(0))
        return real(temp, path)

    monkeypatch.setattr(atomic, "_exchange", exchange)
    result = run(root, EDITS["log"](1))
    [kept] = [name for name in files_in(root / "People") if name.endswith(".saved")]
    assert (result.exit_code, result.output) == (
        1,
        f"vaultkit: {ANNA}: the note changed on disk twice while vaultkit wrote it (saved in an editor?); "
        f"it holds the first save, and the second is kept in People/{kept}: compare them, then run the "
        "command again; nothing was written\n",
    )
    assert (root / ANNA).read_bytes() == b"first save\n"
    assert (root / "People" / kept).read_bytes() == b"second save\n"


@pytest.mark.parametrize("command", sorted(CREATES))
def test_a_note_created_meanwhile_under_the_same_name_is_kept(root, monkeypatch, command):
    real = atomic._write_temp

    def someone_creates_it_meanwhile(path, data):
        temp = real(path, data)
        if path.name == "Person 1.md":
            path.write_bytes(b"made in Obsidian\n")
        return temp

    monkeypatch.setattr(atomic, "_write_temp", someone_creates_it_meanwhile)
    result = run(root, CREATES[command](1))
    assert "People/Person 1.md: a file with this name already exists" in result.output
    assert (root / "People/Person 1.md").read_bytes() == b"made in Obsidian\n"
    assert temp_files(root) == []


# A kill at a random moment

KILLS = int(os.environ.get("VAULTKIT_KILLS", "2"))
WRITER = str(Path(__file__).with_name("faultwriters.py"))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Killed:
    command: str
    root: Path
    record: Path
    originals: set[str]
    child: subprocess.Popen[bytes]


def kill_writers_at_random(tmp_path: Path, kills: int) -> list[Killed]:
    """Start `kills` looping writers per command, each on its own vault, all at once, and kill
    each with SIGKILL at a random moment after it began to write."""
    runs = []
    for command in sorted(WRITERS):
        for number in range(kills):
            root = small_vault(tmp_path / f"{command}-{number}")
            record = tmp_path / f"{command}-{number}.record"
            record.touch()
            originals = {sha(data) for data in files_in(root / "People").values()}
            child = subprocess.Popen(
                [sys.executable, WRITER, "loop", str(root), str(record), command],
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            runs.append(Killed(command, root, record, originals, child))
    try:
        _kill_each_once_it_writes(runs)
    finally:
        for each in runs:
            each.child.kill()
            each.child.wait()
    return runs


def _kill_each_once_it_writes(runs: list[Killed]) -> None:
    due: dict[int, float] = {}
    deadline = time.monotonic() + 60
    while len(due) < len(runs) or any(each.child.poll() is None for each in runs):
        assert time.monotonic() < deadline, "the writers never began"
        for number, each in enumerate(runs):
            if number not in due and each.record.stat().st_size:
                due[number] = time.monotonic() + random.uniform(0, 0.1)
            if number in due and due[number] <= time.monotonic() and each.child.poll() is None:
                each.child.send_signal(signal.SIGKILL)
                each.child.wait()
        time.sleep(0.002)


def test_a_kill_at_any_moment_leaves_each_note_old_or_new_and_the_next_write_clears_up(tmp_path, monkeypatch):
    runs = kill_writers_at_random(tmp_path, KILLS)
    monkeypatch.setattr(atomic, "STALE_AFTER", -1.0)  # as if a minute had passed since the kill
    for each in runs:
        written = set(each.record.read_text().split())
        for name, data in files_in(each.root / "People").items():
            if ".vaultkit-" not in name:
                assert sha(data) in written | each.originals, f"{each.command}: {name} is neither old nor new"
        result = run(each.root, WRITERS[each.command](99_999))
        assert result.exit_code == 0, result.output
        assert temp_files(each.root) == [], each.command
        assert stale_temp_files(each.root) == []


# Two writers at once


def at_once(root: Path, *writers: tuple[str, int, int]) -> list[str]:
    """Run the `writers` (command, first step, steps) at the same time; what each said."""
    ready = [root.parent / f"ready-{number}" for number in range(len(writers))]
    children = [
        subprocess.Popen(
            [sys.executable, WRITER, "retry", str(root), command, str(first), str(count), str(flag)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for (command, first, count), flag in zip(writers, ready, strict=True)
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(flag.exists() for flag in ready):
            assert time.monotonic() < deadline and all(child.poll() is None for child in children)
            time.sleep(0.005)
        (root.parent / "go").touch()  # all are loaded: they start together
        said = []
        for child in children:
            output, errors = child.communicate(timeout=60)
            assert child.returncode == 0, errors
            said.append(output)
        return said
    finally:
        for child in children:
            child.kill()
            child.wait()


def test_two_logs_at_once_lose_no_entry(root):
    said = at_once(root, ("log", 0, 8), ("log", 100, 8))
    assert "vaultkit:" not in "".join(said)
    text = (root / ANNA).read_text()
    for step in [*range(8), *range(100, 108)]:
        assert f"- 2026-11-21 Eintrag {step}\n" in text
    assert text.count("- 2026-11-21 Eintrag") == 16
    assert temp_files(root) == []


@pytest.mark.parametrize("other", ["set", "snooze", "import"])
def test_a_log_and_another_writer_at_once_lose_nothing(root, other):
    said = at_once(root, ("log", 0, 8), (other, 1, 8))
    assert "vaultkit:" not in "".join(said)
    text = (root / ANNA).read_text()
    assert text.count("- 2026-11-21 Eintrag") == 8
    expected = {
        "set": 'phone: "01008"\n',
        "snooze": "snooze_until: 2026-11-30\n",
        "import": "anna@example.org",
    }
    assert expected[other] in text
    assert temp_files(root) == []


def test_two_news_of_one_name_at_once_make_one_note(root):
    said = sorted(at_once(root, ("new", 1, 1), ("new", 1, 1)))
    assert said[0] == "created People/Person 1.md\n"
    assert said[1].startswith("vaultkit: People/Person 1.md: ") and "nothing was written" in said[1]
    assert sorted(path.name for path in (root / "People").iterdir()) == [
        "Anna Berg.md",
        "Ben Kurz.md",
        "Person 1.md",
    ]


# --output into what is not a regular file


def test_output_into_a_named_pipe_writes_into_it(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_output("the agenda\n", pipe)
    reader.join(timeout=5)
    assert received == [b"the agenda\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_output_into_a_device_writes_into_it(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
        device.write_bytes(b"")
    except OSError:
        pytest.skip("cannot make a device node here")
    write_output("the agenda\n", device)
    assert stat.S_ISCHR(device.stat().st_mode)


def agenda_to(target: str, **how: object) -> subprocess.CompletedProcess:
    command = ["-m", "vaultkit", "--vault", str(EXAMPLE_VAULT), "--no-cache", "tags", *TODAY, "-o", target]
    return subprocess.run([sys.executable, *command], cwd=REPO, check=False, **how)  # type: ignore[call-overload]


def test_output_to_dev_stdout_writes_to_standard_output_pipe_or_file(tmp_path):
    expected = (
        CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), "--no-cache", "tags", *TODAY]).stdout.encode()
    )
    piped = agenda_to("/dev/stdout", capture_output=True)
    assert (piped.returncode, piped.stdout) == (0, expected)
    target = tmp_path / "out.txt"
    target.write_bytes(b"before\n")
    with open(target, "ab") as appended:
        assert agenda_to("/dev/stdout", stdout=appended, stderr=subprocess.DEVNULL).returncode == 0
    assert target.read_bytes() == b"before\n" + expected


def test_output_to_a_regular_file_still_replaces_it_atomically(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    inode = target.stat().st_ino
    write_output("the agenda\n", target)
    assert target.read_bytes() == b"the agenda\n"
    assert target.stat().st_ino != inode and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["out.txt"]


def test_output_made_as_it_is_written_replaces_a_file_only_once_it_is_all_made(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old\n")

    def pieces_then_a_failure():
        yield b"[\n"
        raise RuntimeError("the report failed halfway")

    with pytest.raises(RuntimeError):
        write_output(pieces_then_a_failure(), target)
    assert target.read_bytes() == b"old\n" and os.listdir(tmp_path) == ["out.json"]
    write_output(iter([b"[\n", b"1\n", b"]\n"]), target)
    assert target.read_bytes() == b"[\n1\n]\n"


def test_output_to_a_read_only_file_is_refused(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"kept\n")
    target.chmod(0o444)
    with pytest.raises(Exception, match="cannot write .*out.txt: the file is read-only"):
        write_output("the agenda\n", target)
    assert target.read_bytes() == b"kept\n"
