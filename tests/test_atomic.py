import os
from pathlib import Path

import pytest

from vaultkit.atomic import FileChanged, replace


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
