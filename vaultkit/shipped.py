"""Where the files vaultkit ships (config, contact and report templates) are."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# A vault overrides a shipped template with a file of the same name in this folder.
USER_TEMPLATES = Path(".vaultkit") / "templates"


def shipped_templates() -> Path:
    """The `templates/` folder: packaged as `vaultkit.templates` in an installed wheel.

    Run from a source checkout without an editable install (`python -m pytest` after
    `pip install .`), `vaultkit` is imported from the checkout, where the folder sits beside it.
    """
    try:
        return Path(str(files("vaultkit.templates")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates"
