"""Where vaultkit may write: inside the vault, and never through a link that leads out of it.

A vault can come from someone else (git stores symlinks; shared and synced vaults are common), so
a note, a folder, the report folder or the cache file may be a symbolic link to anywhere. Every
write vaultkit decides on its own (a note it edits or creates, a report, the cache) asks
`link_out_of_vault` first; only the folders the owner named in `[contacts] linked_folders` may
lead elsewhere. Output the user names with `--output` goes where they say.
"""

from __future__ import annotations

import os
from pathlib import Path


def link_out_of_vault(root: Path, path: Path, linked_folders: tuple[str, ...] = ()) -> str | None:
    """The vault-relative path of the first symbolic link on the way from `root` to `path` (the
    file itself included) that leads outside the vault, or of `path` itself when it lies outside;
    None when the whole way stays inside. `linked_folders` are vault-relative folders that may
    lead outside: so may everything below them."""
    real_root = os.path.realpath(root)
    absolute = Path(os.path.abspath(path))
    try:
        parts = absolute.relative_to(os.path.abspath(root)).parts
    except ValueError:
        return str(path)
    allowed = {tuple(Path(folder).parts) for folder in linked_folders}
    for depth in range(1, len(parts) + 1):
        if parts[:depth] in allowed:
            return None
        step = os.path.join(root, *parts[:depth])
        if os.path.islink(step) and not _inside(os.path.realpath(step), real_root):
            return "/".join(parts[:depth])
    return None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
