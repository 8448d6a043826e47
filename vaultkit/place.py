"""Where the vault is: the folder `--vault` or `$VAULTKIT_VAULT` names, else the nearest folder
upward that says it is one.

Light on purpose: a query that a running `vaultkit watch` answers needs this and little else.
"""

from __future__ import annotations

from pathlib import Path

from vaultkit.errors import VaultkitError
from vaultkit.language import _

CONFIG_NAME = ".vaultkit.toml"
VAULT_MARKERS = (CONFIG_NAME, ".obsidian")


class VaultError(VaultkitError):
    """The vault itself cannot be used (missing, not a folder)."""


def find_vault(start: Path, explicit: str | None = None, env: str | None = None) -> Path:
    """`--vault`, else `$VAULTKIT_VAULT`, else the nearest folder upward with a marker, else `start`."""
    chosen = explicit or env
    if chosen:
        path = Path(chosen).expanduser()
        if path.exists() and not path.is_dir():
            raise VaultError(
                _("the vault must be a folder; {path} is a file (its folder is {folder})").format(
                    path=chosen, folder=path.parent
                )
            )
        if not path.is_dir():
            raise VaultError(_("vault folder not found: {path}").format(path=chosen))
        return path.resolve()
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if is_marked(folder)), start)


def is_marked(folder: Path) -> bool:
    """Whether `folder` says it is a vault: it holds `.vaultkit.toml` or `.obsidian`."""
    return any((folder / marker).exists() for marker in VAULT_MARKERS)
