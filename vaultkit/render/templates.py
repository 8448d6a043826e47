"""Result objects to text, Markdown, JSON and CSV. Jinja2 templates live here.

Templates ship in the `vaultkit.templates` package; a vault overrides any of them by putting a
file of the same name in `.vaultkit/templates/`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from vaultkit.errors import TemplateError
from vaultkit.render.tabular import csv_text
from vaultkit.shipped import USER_TEMPLATES, shipped_templates
from vaultkit.words import counted, day_label, first_few

# Zero-width space and joiners, and the variation selectors that pick text or emoji style.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufe0e\ufe0f")
_ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")
# A space `wrap` does not break at (`whole`), made a plain space again once the template is done.
_UNBROKEN_SPACE = "\x00"
# However far right a wrapped text starts, it keeps this many columns: a word a line helps no one.
_NARROWEST = 20
_ANSI = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


def render_json(result: Any, incomplete: frozenset[str] = frozenset()) -> str:
    document = {**result.as_json(), "incomplete": sorted(incomplete)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_csv(result: Any) -> str:
    """The result's `csv_rows()` as CSV, safe to open in a spreadsheet."""
    header, rows = result.csv_rows()
    return csv_text(header, rows)


def render_template(
    name: str,
    vault: Path | None,
    colour: bool = False,
    width: int | None = None,
    incomplete: frozenset[str] = frozenset(),
    **context: Any,
) -> str:
    """The template `name` with `context`; `width` is where the `wrap` filter breaks lines (None:
    nowhere); the `unread` filter marks the contacts in `incomplete`."""
    environment = _environment(vault, colour, width, incomplete)
    try:
        template = environment.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise TemplateError(where, exc.lineno, f"template error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {name}", None, str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:  # a vault's own template, unreadable or not UTF-8
        raise TemplateError(f"template {name}", None, f"cannot read it: {exc}") from None
    try:
        return template.render(**context).replace(_UNBROKEN_SPACE, " ")
    except Exception as exc:
        # Jinja2 rewrites tracebacks so that template frames name the template file and line.
        frames = [(tb.tb_frame.f_code.co_filename, tb.tb_lineno) for tb in _walk(exc.__traceback__)]
        in_template = [frame for frame in frames if frame[0].endswith(".j2")]
        if not in_template:
            raise
        path, line = in_template[-1]
        raise TemplateError(path, line, f"template error: {exc}") from None


def _walk(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


# What marks a contact whose note could not be read completely, after what is said of them.
UNREAD = "note not read completely"


def _environment(
    vault: Path | None, colour: bool, width: int | None = None, incomplete: frozenset[str] = frozenset()
) -> jinja2.Environment:
    search = [str(shipped_templates())]
    user_folder = vault / USER_TEMPLATES if vault is not None else None
    if user_folder is not None and user_folder.is_dir():
        search.insert(0, str(user_folder))
    # A vault may come from someone else: its templates run in Jinja's sandbox. The shipped
    # ones are vaultkit's own and render twice as fast outside it.
    kind = SandboxedEnvironment if len(search) > 1 else jinja2.Environment
    environment = kind(
        loader=jinja2.FileSystemLoader(search),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    environment.filters["style"] = lambda text, *styles: _style(str(text), styles, colour)
    environment.filters["day"] = day_label
    environment.filters["link"] = wikilink
    environment.filters["md"] = markdown_text
    environment.filters["counted"] = counted
    environment.filters["first_few"] = first_few
    environment.filters["columns"] = columns
    environment.filters["pad"] = lambda text, width: str(text) + " " * (width - columns(text))
    environment.filters["wrap"] = lambda text, hang=0: wrap(str(text), hang, width)
    environment.filters["whole"] = lambda text: str(text).replace(" ", _UNBROKEN_SPACE)
    environment.filters["unread"] = lambda contact_id: (
        _style(f" ({UNREAD})", ("magenta",), colour) if contact_id in incomplete else ""
    )
    return environment


def columns(text: str) -> int:
    """How many terminal columns `text` takes: wide East Asian characters and most emoji take
    two, combining marks and joiners none. Text tables line up by this, not by `len`."""
    return sum(
        0
        if unicodedata.combining(char) or char in _ZERO_WIDTH
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in str(text)
    )


def wrap(text: str, hang: int, width: int | None) -> str:
    """`text` with every line wider than `width` columns broken between words; the lines it goes
    on in start `hang` columns in, under the text they continue, not under a column to its left.
    Colour codes take no room, and a word wider than the room left stays whole. `width` None:
    `text` as it is."""
    if width is None:
        return text
    return "\n".join(_wrap_line(line, hang, width) for line in text.split("\n"))


def _wrap_line(line: str, hang: int, width: int) -> str:
    if _shown_columns(line) <= width:
        return line
    width = max(width, hang + _NARROWEST)
    lines: list[str] = []
    current, used, gap, has_word = "", 0, "", False
    for piece in re.findall(r" +|[^ ]+", line):
        if piece.startswith(" "):
            gap = piece
            continue
        size = _shown_columns(piece)
        if has_word and used + len(gap) + size > width:
            lines.append(current)
            current, used, gap = " " * hang, hang, ""
        current += gap + piece
        used += len(gap) + size
        gap, has_word = "", True
    lines.append(current)
    return "\n".join(lines)


def _shown_columns(text: str) -> int:
    return columns(_ANSI_CODE.sub("", text))


def markdown_text(text: str) -> str:
    """Note text shown in Markdown: `#gave` stays text instead of becoming an Obsidian tag."""
    return re.sub(r"(?<!\S)#(?=[^\s#])", r"\\#", str(text))


def _style(text: str, styles: tuple[str, ...], colour: bool) -> str:
    if not colour or not styles:
        return text
    codes = ";".join(_ANSI[style] for style in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def wikilink(contact_id: str, name: str | None = None) -> str:
    """`[[id]]`, or `[[id|name]]` when the name differs; `|` and `]` cannot break the link."""
    safe_id = contact_id.replace("|", "").replace("]", "")
    if name and name != contact_id:
        return f"[[{safe_id}|{name.replace('|', '/').replace(']', ')')}]]"
    return f"[[{safe_id}]]"
