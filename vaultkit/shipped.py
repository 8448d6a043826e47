"""Where the files vaultkit ships (config, contact and report templates) are."""

from __future__ import annotations

from pathlib import Path

# A vault overrides a shipped template with a file of the same name in this folder.
USER_TEMPLATES = Path(".vaultkit") / "templates"


def shipped_templates() -> Path:
    """The `templates/` folder: installed as the package `vaultkit.templates`, beside this module.

    In a source checkout, and in an editable install that imports `vaultkit` from it, the folder
    sits beside the package instead. (Found by path, not by `importlib.resources`: every run
    that reuses kept output asks, and that import costs more than the rest of the lookup.)
    """
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"
