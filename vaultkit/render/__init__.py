"""Result objects to text, Markdown, JSON, CSV and ICS: `render` is the one way in.

Text and Markdown come from the Jinja2 templates named after the report (`agenda.txt.j2`,
`agenda.md.j2`), which a vault may override in `.vaultkit/templates/`. Markdown output is a
note a user may save anywhere in the vault, so it is always marked as generated: vaultkit
never reads it back as a contact or as an interaction with the people it names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from vaultkit.content import Content, encoded_pieces
from vaultkit.model import GENERATED_BY
from vaultkit.words import printed_json

_TEMPLATE_EXTENSIONS = {"text": "txt", "markdown": "md"}


def render(
    result: Any,
    name: str,
    fmt: str,
    vault: Path | None,
    colour: bool = False,
    today: date | None = None,
    width: int | None = None,
    incomplete: frozenset[str] = frozenset(),
) -> Content | Iterator[bytes]:
    """`result` of the report `name` in `fmt`: as UTF-8 in pieces (a large vault's reports run
    to megabytes), but CSV as text; see `text_pieces` for the rest. JSON lists the ids of the
    `incomplete` contacts, and its pieces are made as they are asked for."""
    # Each format imports only what it needs: Jinja2 or icalendar cost more than the rest.
    if fmt == "json":
        from vaultkit.render import speech

        document = {**speech.json_prose(name, result, result.as_json()), "incomplete": sorted(incomplete)}
        return printed_json(document)
    if fmt == "csv":
        from vaultkit.render import speech
        from vaultkit.render.tabular import csv_text

        return csv_text(*speech.csv_rows(name, result))  # safe to open in a spreadsheet
    if fmt == "ics":
        from vaultkit.render.ics import ics_feed

        return ics_feed(result, name)
    pieces = text_pieces(result, name, fmt, vault, colour, today, width, incomplete)
    return tuple(encoded_pieces(pieces))


def text_pieces(
    result: Any,
    name: str,
    fmt: str,
    vault: Path | None,
    colour: bool = False,
    today: date | None = None,
    width: int | None = None,
    incomplete: frozenset[str] = frozenset(),
    context: Mapping[str, Any] | None = None,
) -> Iterator[str]:
    """`result` of the report `name` as text or Markdown (`fmt`), a piece at a time, each made as
    the template gets to it (join them for the whole text); the templates see it as the variable
    `name`, and what `context` holds besides (the report notes: `pictures`, the pictures they
    embed). Markdown starts with front matter naming vaultkit, the report and `today`; text
    wraps at `width` columns (None: nowhere). `incomplete` holds the ids of contacts whose notes
    could not be read completely: both mark them. A template that cannot be loaded or rendered
    is a TemplateError."""
    from vaultkit.render import speech
    from vaultkit.render.templates import template_pieces

    pieces = template_pieces(
        f"{name}.{_TEMPLATE_EXTENSIONS[fmt]}.j2",
        vault,
        colour,
        width,
        incomplete,
        **(context or {}),
        **{name: result, "say": speech.of(name)},
    )
    if fmt != "markdown":
        yield from pieces
        return
    # The front matter whole in the first piece, however long a vault's own template makes it.
    first = next(pieces, "")
    while first.startswith("---\n") and first.find("\n---", 3) < 0:
        if (more := next(pieces, None)) is None:
            break
        first += more
    yield _marked_as_generated(first, name, today)
    yield from pieces


def _marked_as_generated(text: str, name: str, today: date | None) -> str:
    """`text` with `generated_by` in its front matter; a vault's own template may write front
    matter of its own, which keeps what it says."""
    marker = f"generated_by: {GENERATED_BY}\nreport: {name}\n"
    if today is not None:
        marker += f"report_date: {today.isoformat()}\n"
    if not text.startswith("---\n"):
        return f"---\n{marker}---\n{text}"
    end = text.find("\n---", 3)
    if "generated_by:" in text[: end if end > 0 else len(text)]:
        return text
    return f"---\n{marker}{text[4:]}"
