import errno
import os
import re
from pathlib import Path

import pytest

from vaultkit import atomic
from vaultkit.atomic import (
    FileChanged,
    ReadOnly,
    is_read_only,
    replace,
    replace_if_changed,
    stale_temp_files,
    write_new,
)


def test_replace_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    note.chmod(0o640)
    replace(note, b"new\n")
    assert note.read_bytes() == b"new\n"
    assert note.stat().st_mode & 0o777 == 0o640


def test_replace_refuses_when_the_file_no_longer_holds_what_was_read(tmp_path):
    note = tmp_path / "A.md"
    note.write_bytes(b"saved by an editor meanwhile\n")
    with pytest.raises(FileChanged):
        replace(note, b"vaultkit's version\n", expected=b"what vaultkit read\n")
    assert note.read_bytes() == b"saved by an editor meanwhile\n"
    assert os.listdir(tmp_path) == ["A.md"]


def test_replace_refuses_when_the_file_was_deleted_meanwhile(tmp_path):
    with pytest.raises(FileChanged):
        replace(tmp_path / "A.md", b"new\n", expected=b"old\n")
    assert os.listdir(tmp_path) == []


def test_replace_writes_when_the_file_is_unchanged(tmp_path):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    replace(note, b"new\n", expected=b"old\n")
    assert note.read_bytes() == b"new\n"


def test_replace_writes_bytes_that_come_in_pieces_one_after_the_other(tmp_path):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    replace(note, iter([b"first, ", b"", b"then the rest\n"]))
    assert note.read_bytes() == b"first, then the rest\n"
    with pytest.raises(TypeError):  # a replace that expects bytes compares what it wrote whole
        replace(note, iter([b"new\n"]), expected=b"first, then the rest\n")
    assert note.read_bytes() == b"first, then the rest\n" and os.listdir(tmp_path) == ["A.md"]


def test_replace_through_a_symlink_writes_the_file_it_points_to_and_keeps_the_link(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    real = tmp_path / "elsewhere" / "A.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "A.md"
    link.symlink_to(Path("elsewhere") / "A.md")
    replace(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"
    assert os.listdir(tmp_path / "elsewhere") == ["A.md"]


def test_replace_through_a_dangling_symlink_creates_the_file_it_points_to(tmp_path):
    link = tmp_path / "A.md"
    link.symlink_to(tmp_path / "B.md")
    replace(link, b"new\n")
    assert link.is_symlink() and (tmp_path / "B.md").read_bytes() == b"new\n"


# Read-only files


def test_a_read_only_file_is_refused_even_where_the_file_system_would_let_it_be_replaced(tmp_path):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    note.chmod(0o444)  # root may replace it all the same: the mode bits are what counts
    with pytest.raises(ReadOnly):
        replace(note, b"new\n", expected=b"old\n")
    assert note.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["A.md"]


def test_a_file_this_user_may_not_write_is_read_only(tmp_path, monkeypatch):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    assert not is_read_only(note) and not is_read_only(tmp_path / "missing.md")
    # Another user's 0644 file; as root the kernel would allow it, so ask access() for that user.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert is_read_only(note)


# A save between vaultkit's check and its rename


def saving_before_the_swap(monkeypatch, *saves):
    """Run each of `saves` just before the next swap: the worst moment for another program's
    save, after vaultkit checked the file and before its bytes take the file's place."""
    real = atomic._exchange
    pending = list(saves)

    def exchange(temp, path):
        if pending:
            pending.pop(0)()
        return real(temp, path)

    monkeypatch.setattr(atomic, "_exchange", exchange)


def saved_in_place(note, text):
    def save():
        with open(note, "r+b") as handle:  # as Obsidian and most editors save: into the file
            handle.truncate(0)
            handle.write(text)

    return save


def saved_by_rename(note, text):
    def save():
        other = note.with_name("editor-temp")
        other.write_bytes(text)
        os.replace(other, note)

    return save


@pytest.fixture(params=["exchange", "links"])
def swap(request, monkeypatch):
    """Each test runs with the one-step swap and with the links that stand in for it elsewhere."""
    if request.param == "links":
        monkeypatch.setattr(atomic, "_renameat2", lambda: None)
    elif atomic._renameat2() is None:
        pytest.skip("no renameat2 here")
    return request.param


@pytest.mark.parametrize("save", [saved_in_place, saved_by_rename])
def test_a_save_that_lands_just_before_the_swap_is_put_back(tmp_path, monkeypatch, swap, save):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    saving_before_the_swap(monkeypatch, save(note, b"typed in the editor\n"))
    with pytest.raises(FileChanged) as refused:
        replace(note, b"vaultkit's version\n", expected=b"old\n")
    assert refused.value.kept is None
    assert note.read_bytes() == b"typed in the editor\n"
    assert os.listdir(tmp_path) == ["A.md"]


def test_a_second_save_during_the_undo_is_kept_beside_the_note(tmp_path, monkeypatch, swap):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    saving_before_the_swap(
        monkeypatch, saved_in_place(note, b"first save\n"), saved_by_rename(note, b"second\n")
    )
    with pytest.raises(FileChanged) as refused:
        replace(note, b"vaultkit's version\n", expected=b"old\n")
    kept = refused.value.kept
    assert kept is not None and kept.parent == tmp_path and kept.name.startswith(".A.md.vaultkit-")
    assert (note.read_bytes(), kept.read_bytes()) == (b"first save\n", b"second\n")
    assert sorted(os.listdir(tmp_path)) == sorted(["A.md", kept.name])
    assert stale_temp_files(tmp_path) == [kept]  # check names it at once: it holds a save


def test_the_replaced_file_is_compared_after_the_swap(tmp_path, monkeypatch, swap):
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    replace(note, b"new\n", expected=b"old\n")
    assert note.read_bytes() == b"new\n"
    assert os.listdir(tmp_path) == ["A.md"]


def test_on_linux_the_swap_is_one_step(tmp_path):
    if atomic._renameat2() is None:
        pytest.skip("no renameat2 here")
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_bytes(b"a")
    second.write_bytes(b"b")
    assert atomic._rename_exchange(str(first), second)
    assert (first.read_bytes(), second.read_bytes()) == (b"b", b"a")


def test_without_hard_links_or_a_swap_the_file_is_still_replaced(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(atomic, "_renameat2", lambda: None)
    monkeypatch.setattr(os, "link", no_links)
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    replace(note, b"new\n", expected=b"old\n")
    assert note.read_bytes() == b"new\n"
    assert os.listdir(tmp_path) == ["A.md"]


def test_a_swap_that_fails_leaves_the_file_and_no_temp_file(tmp_path, monkeypatch, swap):
    def broken(*args):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic, "_exchange", broken)
    note = tmp_path / "A.md"
    note.write_bytes(b"old\n")
    with pytest.raises(OSError):
        replace(note, b"new\n", expected=b"old\n")
    assert note.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["A.md"]


# Temp files: named as vaultkit's, and a killed write's removed by the next write


def test_temp_files_are_named_as_vaultkits_beside_the_file(tmp_path):
    name = atomic._write_temp(tmp_path / "A.md", b"x")
    assert re.fullmatch(r"\.A\.md\.vaultkit-[0-9a-f]{8}\.tmp", os.path.basename(name))
    assert os.path.dirname(name) == str(tmp_path)


def test_temp_files_get_the_mode_a_new_file_gets(tmp_path):
    mask = os.umask(0o027)
    try:
        name = atomic._write_temp(tmp_path / "A.md", b"x")
    finally:
        os.umask(mask)
    assert os.stat(name).st_mode & 0o777 == 0o640


USERS_FILES = [".A.md.swp", "A.md.tmp", ".A.md.vaultkit-notours.tmp", ".A.md.vaultkit-0123abcd.txt", "B.md"]


def leftovers(folder, *names):
    for name in names:
        (folder / name).write_bytes(b"half a note")
    for name in USERS_FILES:
        (folder / name).write_bytes(b"the user's")


def test_the_next_write_removes_stale_temp_files_of_the_folder_and_nothing_else(tmp_path, monkeypatch):
    stale = [".A.md.vaultkit-0123abcd.tmp", ".B.md.vaultkit-89abcdef.tmp"]
    leftovers(tmp_path, *stale)
    monkeypatch.setattr(atomic, "STALE_AFTER", -1.0)  # as if a minute had passed
    replace(tmp_path / "A.md", b"new\n")
    assert sorted(os.listdir(tmp_path)) == sorted([*USERS_FILES, "A.md"])
    leftovers(tmp_path, *stale)
    write_new(tmp_path / "C.md", b"new\n")
    assert sorted(os.listdir(tmp_path)) == sorted([*USERS_FILES, "A.md", "C.md"])


def test_temp_files_younger_than_a_minute_may_belong_to_a_running_write_and_are_kept(tmp_path):
    leftovers(tmp_path, ".A.md.vaultkit-0123abcd.tmp")
    old = 1_700_000_000
    os.utime(tmp_path / ".A.md.vaultkit-0123abcd.tmp", (old, old))  # ctime is still now: kept
    replace(tmp_path / "A.md", b"new\n")
    assert ".A.md.vaultkit-0123abcd.tmp" in os.listdir(tmp_path)
    assert stale_temp_files(tmp_path) == []


def test_stale_temp_files_lists_leftovers_in_the_vault_outside_hidden_folders(tmp_path, monkeypatch):
    (tmp_path / "People").mkdir()
    (tmp_path / ".git").mkdir()
    leftovers(tmp_path / "People", ".A.md.vaultkit-0123abcd.tmp", ".A.md.vaultkit-0123abce.saved")
    leftovers(tmp_path / ".git", ".A.md.vaultkit-0123abcd.tmp")
    monkeypatch.setattr(atomic, "STALE_AFTER", -1.0)
    assert stale_temp_files(tmp_path) == [
        tmp_path / "People/.A.md.vaultkit-0123abcd.tmp",
        tmp_path / "People/.A.md.vaultkit-0123abce.saved",
    ]


def test_replace_if_changed_leaves_a_file_that_holds_those_bytes_already(tmp_path):
    page = tmp_path / "Dashboard.html"
    page.write_bytes(b"<html>the same</html>\n")
    before = page.stat()
    asked = []
    assert not replace_if_changed(page, iter([b"<html>the ", b"same</html>\n"]), lambda: asked.append(1))
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns) and asked == []
    assert os.listdir(tmp_path) == ["Dashboard.html"]


@pytest.mark.parametrize(
    "old", [b"", b"<html>the same", b"<html>the same</html>\nand more", b"<html>other</html>\n"]
)
def test_replace_if_changed_replaces_a_file_that_holds_anything_else(tmp_path, old):
    page = tmp_path / "Dashboard.html"
    page.write_bytes(old)
    assert replace_if_changed(page, iter([b"<html>the ", b"same</html>\n"]))
    assert page.read_bytes() == b"<html>the same</html>\n" and os.listdir(tmp_path) == ["Dashboard.html"]


def test_replace_if_changed_writes_nothing_for_a_file_that_holds_those_bytes(tmp_path, monkeypatch):
    page = tmp_path / "Dashboard.html"
    page.write_bytes(b"x" * 300_000)

    def no_writing(path, data):
        raise PermissionError("a read-only folder")

    monkeypatch.setattr(atomic, "_write_temp", no_writing)
    assert not replace_if_changed(page, iter([b"x" * 100_000] * 3))
    with pytest.raises(PermissionError):
        replace_if_changed(page, iter([b"x" * 100_000] * 2 + [b"y"]))


def test_replace_if_changed_keeps_what_matched_before_the_first_difference(tmp_path):
    page = tmp_path / "Dashboard.html"
    page.write_bytes(b"a" * 3_000_000 + b"old end")
    assert replace_if_changed(page, iter([b"a" * 1_000_000] * 3 + [b"new", b" end"]))
    assert page.read_bytes() == b"a" * 3_000_000 + b"new end"


def test_replace_if_changed_makes_a_file_that_is_not_there(tmp_path):
    assert replace_if_changed(tmp_path / "new.html", iter([b"new"]))
    assert (tmp_path / "new.html").read_bytes() == b"new"


def test_replace_if_changed_leaves_the_file_and_no_temp_file_when_refused(tmp_path):
    page = tmp_path / "mine.html"
    page.write_bytes(b"my own page")

    def refuse() -> None:
        raise PermissionError("not a dashboard")

    with pytest.raises(PermissionError):
        replace_if_changed(page, iter([b"a dashboard"]), refuse)
    assert page.read_bytes() == b"my own page" and os.listdir(tmp_path) == ["mine.html"]


def test_replace_if_changed_writes_each_piece_before_the_next_is_made(tmp_path):
    page = tmp_path / "big.html"
    temp_sizes = []

    def pieces():
        for _ in range(3):
            temp_sizes.append(sum(path.stat().st_size for path in tmp_path.iterdir() if path != page))
            yield b"x" * 100_000

    assert replace_if_changed(page, pieces())
    assert temp_sizes == [0, 100_000, 200_000] and page.read_bytes() == b"x" * 300_000
