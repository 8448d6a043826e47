"""Result objects to text, Markdown, JSON, CSV and ICS: `render` is the one way in.

Text and Markdown come from the Jinja2 templates named after the report (`agenda.txt.j2`,
`agenda.md.j2`), which a vault may override in `.vaultkit/templates/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_TEMPLATE_EXTENSIONS = {"text": "txt", "markdown": "md"}


def render(result: Any, name: str, fmt: str, vault: Path | None, colour: bool = False) -> str:
    """`result` of the report `name` in `fmt`; the templates see it as the variable `name`.
    A template that cannot be loaded or rendered is a TemplateError."""
    # Each format imports only what it needs: Jinja2 or icalendar cost more than the rest.
    if fmt == "json":
        from vaultkit.render.templates import render_json

        return render_json(result)
    if fmt == "csv":
        from vaultkit.render.templates import render_csv

        return render_csv(result)
    if fmt == "ics":
        from vaultkit.render.ics import render_ics

        return render_ics(result, name)
    from vaultkit.render.templates import render_template

    return render_template(f"{name}.{_TEMPLATE_EXTENSIONS[fmt]}.j2", vault, colour, **{name: result})
