import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaultkit.shipped
from vaultkit import vault as vault_module
from vaultkit.config import Config, load_config
from vaultkit.shipped import shipped_templates
from vaultkit.vault import is_note, note_paths, scan

NOTES = {
    "People/Anna.md": "# Anna\n",
    "People/Deep/Deeper/Ben.md": "---\nname: Ben\n---\n",
    "People/Deep/CARLA.MD": "# Carla\n",
    "Daily/2026-01-02.md": "Met [[Anna]].\n",
    "Top.md": "",
    "People/notes.txt": "not a note",
    "People/.hidden.md": "# hidden\n",
    ".obsidian/Ghost.md": "# ghost\n",
    "Templates/Contact.md": "# {{title}}\n",
    "_vaultkit/Agenda.md": "# agenda\n",
}
LISTED = [
    "Daily/2026-01-02.md",
    "People/Anna.md",
    "People/Deep/CARLA.MD",
    "People/Deep/Deeper/Ben.md",
    "Top.md",
]


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("by_descriptor", [True, False], ids=["by-descriptor", "by-path"])
def test_scan_lists_the_notes_with_their_stamps(vault, monkeypatch, by_descriptor):
    if by_descriptor and not vault_module._BY_DESCRIPTOR:
        pytest.skip("this platform walks by path only")
    monkeypatch.setattr(vault_module, "_BY_DESCRIPTOR", by_descriptor)
    root = vault(NOTES)
    files = scan(root, load_config(root))
    assert [path for path, _ in files] == LISTED
    for path, stamp in files:
        stat = os.stat(root / path)
        assert stamp == (stat.st_size, stat.st_mtime_ns)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts descriptors in /proc")
def test_scan_closes_every_folder_it_opens_even_one_it_cannot_list(vault, monkeypatch):
    root = vault(NOTES)
    listed = 0
    real_scandir = os.scandir

    def scandir_refusing_the_second_folder(folder):
        nonlocal listed
        listed += 1
        if listed == 2:
            raise PermissionError(13, "Permission denied")
        return real_scandir(folder)

    before = open_descriptors()
    monkeypatch.setattr(os, "scandir", scandir_refusing_the_second_folder)
    found = scan(root, load_config(root))
    monkeypatch.undo()
    assert open_descriptors() == before
    assert listed > 2 and 0 < len(found) < len(LISTED)


def test_scan_of_a_missing_vault_finds_nothing(tmp_path):
    assert scan(tmp_path / "gone", load_config(tmp_path)) == []


@pytest.mark.parametrize("installed", [True, False], ids=["installed", "source-checkout"])
def test_shipped_templates_are_found_in_an_install_and_in_a_checkout(tmp_path, monkeypatch, installed):
    package = tmp_path / "vaultkit"
    package.mkdir()
    templates = package / "templates" if installed else tmp_path / "templates"
    templates.mkdir()
    monkeypatch.setattr(vaultkit.shipped, "__file__", str(package / "shipped.py"))
    assert shipped_templates() == templates


_PARTS = st.sampled_from(
    [
        "People",
        "Templates",
        "templates",
        "_vaultkit",
        "_VAULTKIT",
        ".obsidian",
        ".hidden",
        "meta",
        "Tpl",
        "sub",
    ]
)
_NAMES = st.sampled_from(["a.md", "B.MD", "c.txt", ".d.md", "e.md.bak", "Templates.md", "f"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(_PARTS, max_size=3), _NAMES), min_size=1, max_size=12))
def test_scan_lists_exactly_the_files_is_note_accepts_whatever_the_case(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("vault")
    paths = {"/".join([*folders, name]) for folders, name in files}
    for path in paths:
        if any(other.casefold().startswith(path.casefold() + "/") for other in paths):
            continue  # a file cannot also be a folder (on a case-insensitive file system either)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x")
    written = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    config = Config(obsidian_templates=("meta/TPL",))  # a templates folder from Obsidian's settings
    assert set(note_paths(root, config)) == {path for path in written if is_note(path, config)}


def test_a_vault_named_by_a_file_is_refused_with_its_folder(tmp_path):
    note = tmp_path / "Anna.md"
    note.write_text("# Anna\n")
    with pytest.raises(vault_module.VaultError) as caught:
        vault_module.find_vault(tmp_path, str(note))
    assert str(caught.value) == f"the vault must be a folder; {note} is a file (its folder is {tmp_path})"
