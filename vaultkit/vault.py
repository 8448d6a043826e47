"""Which files make up a vault: its notes with their stamps (where it is: `vaultkit.place`).

Kept apart from the index so that a run which reuses earlier output can walk the vault without
loading the note parser.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vaultkit.boundary import link_out_of_vault
from vaultkit.config import Config
from vaultkit.language import N_
from vaultkit.model import Diagnostic

# What says a file is unchanged since it was last read: (size, mtime_ns, inode, ctime_ns). Size
# and mtime alone miss an edit that puts the old mtime back (sync tools, `touch -r`, `cp -p`); the
# kernel moves the ctime all the same, and a file saved by rename is another inode. A plain
# tuple, not a named one: every run builds one per note, and `marshal` digests plain tuples fast.
Stamp = tuple[int, int, int, int]

# The notes vaultkit reads, sorted by path, each with its stamp (None: it could not be stat-ed).
Files = list[tuple[str, "Stamp | None"]]

# Walking by directory descriptor lets the kernel resolve each stat from the open folder, not
# from the root again; platforms without it (Windows) walk by path.
_BY_DESCRIPTOR = os.scandir in os.supports_fd and os.open in os.supports_dir_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Notes hold no reference cycles, yet building 100,000 of them sets off the cyclic garbage
    collector again and again, each time scanning everything built so far: a third of the time
    of a large vault. Reference counting still frees what is dropped. The same goes for the
    walk's tuples of paths and stamps."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns


def skipped_folders(config: Config) -> frozenset[str]:
    """Folders whose notes vaultkit never reads: templates, and the reports it writes itself.

    Case-folded: folder names are compared without regard to case (a `templates` folder is the
    `Templates` of the settings), as the file systems of macOS and Windows do."""
    return frozenset(folder.casefold() for folder in (*config.templates_folders, config.report_folder))


def is_note_name(name: str) -> bool:
    """Whether a file of this name is a Markdown note (hidden files are not)."""
    return name[-3:].lower() == ".md" and name[0] != "."


def is_note(path: str, config: Config) -> bool:
    """Whether vaultkit reads the vault-relative POSIX `path` as a note: what `scan` lists.

    A Markdown file, not hidden nor in a hidden folder, nor below a skipped folder."""
    *folders, name = path.split("/")
    if not is_note_name(name) or any(folder.startswith(".") for folder in folders):
        return False
    skipped = skipped_folders(config)
    return not any("/".join(folders[: depth + 1]).casefold() in skipped for depth in range(len(folders)))


def note_paths(root: Path, config: Config) -> list[str]:
    """Vault-relative POSIX paths of the Markdown notes vaultkit reads, sorted."""
    return [path for path, _ in scan(root, config)]


def scan(root: Path, config: Config, links: list[str] | None = None) -> Files:
    """The notes vaultkit reads, sorted by path, each with its stamp (None: no stat).

    A note that is a symbolic link is read; a folder that is one is followed only when
    `[contacts] linked_folders` names it, as any other may lead anywhere (back up into the vault,
    or to the root of the disk). Given `links`, every note and folder met that is a link is
    added to it, for `check` to say where they lead.

    Every run stats every note, so this loop is kept lean: at 33,000 notes it is most of what a
    run that reuses earlier output costs. Telling a link costs nothing more (the folder listing
    says so); only a link is stat-ed again, to follow it.
    """
    walk = _Walk(config, links)
    with without_cycle_collection():
        if _BY_DESCRIPTOR:
            try:
                top = os.open(root, _FOLDER_FLAGS)
            except OSError:
                return walk.found
            try:
                walk.folder(top, "")
            finally:
                os.close(top)
        else:
            walk.folder(str(root), "")
        walk.found.sort()
    return walk.found


class _Walk:
    """One walk of the vault. A class rather than functions nested in `scan`, which call each
    other: that would be a reference cycle holding the list of notes, which a run without the
    cyclic collector would then keep to its end (11 MiB at 33,000 notes) after it is done with
    it."""

    def __init__(self, config: Config, links: list[str] | None):
        self.skipped = skipped_folders(config)
        self.linked = frozenset(config.linked_folders)
        self.links = links
        self.found: Files = []

    def folder(self, folder: int | str, prefix: str) -> None:
        add, links, skipped = self.found.append, self.links, self.skipped
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        continue
                    note = is_note_name(name)
                    try:
                        if note and entry.is_file():
                            add((prefix + name, stamp_of(entry.stat())))
                            if links is not None and entry.is_symlink():
                                links.append(prefix + name)
                        elif entry.is_dir(follow_symlinks=False):
                            if (prefix + name).casefold() not in skipped:
                                self.descend(folder, entry, prefix + name + "/")
                        elif entry.is_symlink():
                            self.linked_folder(folder, entry, prefix + name)
                    except OSError:
                        if note:
                            add((prefix + name, None))  # read later, to report why it fails
        except OSError:
            return

    def linked_folder(self, parent: int | str, entry: os.DirEntry[str], path: str) -> None:
        """Follow a link to a folder if the owner named it in linked_folders; note any other."""
        if path.casefold() in self.skipped or not entry.is_dir():
            return
        if path in self.linked:
            self.descend(parent, entry, path + "/")
        elif self.links is not None:
            self.links.append(path)

    def descend(self, parent: int | str, entry: os.DirEntry[str], prefix: str) -> None:
        if not isinstance(parent, int):
            self.folder(entry.path, prefix)
            return
        folder = os.open(entry.name, _FOLDER_FLAGS, dir_fd=parent)
        try:
            self.folder(folder, prefix)
        finally:
            os.close(folder)


def links_out_of_vault(root: Path, links: list[str], config: Config) -> list[Diagnostic]:
    """A `link-out` warning for each of `links` (notes and folders that are symbolic links, as
    `scan` collects them) that leads out of the vault, other than `[contacts] linked_folders`."""
    warnings = []
    for path in links:
        if link_out_of_vault(root, root / path, config.linked_folders) is None:
            continue
        target = os.path.realpath(root / path)
        if os.path.isdir(target):
            template = N_(
                "{path} links to {target}, outside the vault: vaultkit reads no note there and never "
                "writes through the link; name it in [contacts] linked_folders to have it read and written"
            )
        else:
            template = N_(
                "{path} links to {target}, outside the vault: vaultkit reads the note, but never writes "
                "through the link"
            )
        warnings.append(Diagnostic.warning(path, 1, "link-out", template, path=path, target=target))
    return warnings
