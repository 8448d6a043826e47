import gc
import os
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaultkit.shipped
from vaultkit import place
from vaultkit import vault as vault_module
from vaultkit.config import Config, load_config
from vaultkit.shipped import shipped_templates
from vaultkit.vault import is_note, links_out_of_vault, note_paths, scan

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
        assert stamp == (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


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


@pytest.mark.parametrize("enabled", [True, False])
def test_scan_leaves_the_cyclic_collector_as_it_found_it(vault, enabled):
    root = vault(NOTES)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert [path for path, _ in scan(root, load_config(root))] == LISTED
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("by_descriptor", [True, False], ids=["by-descriptor", "by-path"])
def test_what_scan_found_is_freed_once_dropped_even_without_the_cyclic_collector(
    vault, monkeypatch, by_descriptor
):
    # A run of one command turns the collector off: a reference cycle would hold the list to the end.
    if by_descriptor and not vault_module._BY_DESCRIPTOR:
        pytest.skip("this platform walks by path only")
    monkeypatch.setattr(vault_module, "_BY_DESCRIPTOR", by_descriptor)
    root = vault(NOTES)
    config = load_config(root)
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        assert len(scan(root, config)) == len(LISTED)
        assert gc.collect() == 0  # nothing left that only the collector could free
    finally:
        (gc.enable if was else gc.disable)()


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
    with pytest.raises(place.VaultError) as caught:
        place.find_vault(tmp_path, str(note))
    assert str(caught.value) == f"the vault must be a folder; {note} is a file (its folder is {tmp_path})"


@pytest.fixture
def linked_vault(tmp_path):
    """A vault with notes and folders that link out of it, within it, and round in loops."""
    root, outside = tmp_path / "vault", tmp_path / "outside"
    (outside / "People").mkdir(parents=True)
    (outside / "People" / "Far.md").write_text("---\nname: Far\n---\n")
    (outside / "Anna.md").write_text("---\nname: Anna\n---\n")
    (root / "People").mkdir(parents=True)
    (root / "People" / "Ben.md").write_text("# Ben\n")
    os.symlink(outside / "Anna.md", root / "People" / "Anna.md")  # a note out of the vault
    os.symlink(root / "People" / "Ben.md", root / "People" / "Benjamin.md")  # a note within it
    os.symlink(outside / "People", root / "Shared")  # a folder out of the vault
    os.symlink(root / "People", root / "Again")  # a folder within it
    os.symlink("..", root / "People" / "Up")  # a loop
    os.symlink("Round.md", root / "People" / "Round.md")  # a note that is a loop of its own
    os.symlink("/", root / "Everything")  # the whole disk
    os.symlink(outside / "gone.md", root / "Gone.md")  # leads nowhere
    return root


def test_the_walk_reads_linked_notes_but_follows_no_linked_folder(linked_vault):
    links: list[str] = []
    started = time.perf_counter()
    files = scan(linked_vault, Config(), links)
    assert time.perf_counter() - started < 5  # neither the loop nor the whole disk was walked
    assert [path for path, _ in files] == [
        "People/Anna.md",
        "People/Ben.md",
        "People/Benjamin.md",
        "People/Round.md",  # read later, to say why it cannot be
    ]
    assert dict(files)["People/Round.md"] is None
    assert sorted(links) == [
        "Again",
        "Everything",
        "People/Anna.md",
        "People/Benjamin.md",
        "People/Up",
        "Shared",
    ]


def test_a_folder_the_owner_linked_on_purpose_is_read(linked_vault):
    files = scan(linked_vault, Config(linked_folders=("Shared",)))
    assert "Shared/Far.md" in dict(files)
    assert not any(path.startswith(("Again/", "Everything/", "People/Up/")) for path, _ in files)


def test_only_links_that_leave_the_vault_are_warned_about_with_where_they_lead(linked_vault):
    links: list[str] = []
    config = Config(linked_folders=("Shared",))
    scan(linked_vault, config, links)
    outside = linked_vault.parent / "outside"
    assert [d.format() for d in links_out_of_vault(linked_vault, sorted(links), config)] == [
        "Everything:1: warning link-out Everything links to /, outside the vault: vaultkit reads no note "
        "there and never writes through the link; name it in [contacts] linked_folders to have it read "
        "and written",
        f"People/Anna.md:1: warning link-out People/Anna.md links to {outside / 'Anna.md'}, outside the "
        "vault: vaultkit reads the note, but never writes through the link",
    ]


def test_the_walk_resolves_no_path_of_its_own_links_or_not(linked_vault, monkeypatch):
    # Each note costs one stat, from the folder listing; where a link leads is asked by `check` only.
    class OnlyListing:
        """`os` for the walk: it lists and opens folders, and asks nothing else of a path."""

        scandir, open, close, supports_fd, supports_dir_fd = os.scandir, os.open, os.close, set(), set()

        def __getattr__(self, name):
            raise AssertionError(f"the walk called os.{name}")

    monkeypatch.setattr(vault_module, "os", OnlyListing())
    monkeypatch.setattr(vault_module, "_BY_DESCRIPTOR", False)
    links: list[str] = []
    assert len(scan(linked_vault, Config(linked_folders=("Shared",)), links)) == 5
    assert sorted(links) == ["Again", "Everything", "People/Anna.md", "People/Benjamin.md", "People/Up"]
