"""Result objects to text and Markdown through the Jinja2 templates.

Templates ship in the `vaultkit.templates` package; a vault overrides any of them by putting a
file of the same name in `.vaultkit/templates/`.

Note text may hold anything: escape sequences that set a terminal's title or clipboard, line
breaks that start a Dataview JS block in a report note. A template reads every value through
`printable_value` (the environment's attribute, item and call hooks), so what it prints stays on
its line and never talks to the terminal, whatever the template; only the `style` and `unread`
filters, applied after, add escape codes: vaultkit's colours. Markdown templates also pass
every value through `md` (or `link`, `code`), which keeps it inline Markdown that shows as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.runtime import BlockReference, Context, Macro
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from vaultkit import language
from vaultkit.content import PIECE
from vaultkit.errors import TemplateError
from vaultkit.shipped import USER_TEMPLATES, shipped_templates
from vaultkit.words import counted, first_few, printable

# Zero-width space and joiners, and the variation selectors that pick text or emoji style.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufe0e\ufe0f")
_ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")
# A space `wrap` does not break at (`whole`), made a plain space again once the template is done.
_UNBROKEN_SPACE = "\x00"
# Where a template prints a streamed value (see `template_pieces`): no text read from a note
# can hold these control characters (`printable`).
_STREAM_MARK = "\x01\x02"
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
    return next(render_templates(name, vault, [context], colour, width, incomplete))


def render_templates(
    name: str,
    vault: Path | None,
    contexts: Iterable[dict[str, Any]],
    colour: bool = False,
    width: int | None = None,
    incomplete: frozenset[str] = frozenset(),
) -> Iterator[str]:
    """The template `name` with each of `contexts`, as `render_template` renders it, each as it
    is asked for: loaded and compiled once, however many there are (a brief on each of 1,000
    contacts)."""
    template = _loaded(name, vault, colour, width, incomplete)
    return (_rendered(template, context) for context in contexts)


def template_pieces(
    name: str,
    vault: Path | None,
    colour: bool = False,
    width: int | None = None,
    incomplete: frozenset[str] = frozenset(),
    streamed: Mapping[str, Iterable[str]] | None = None,
    **context: Any,
) -> Iterator[str]:
    """What `render_template` renders, a piece of `PIECE` characters or more at a time, as the
    template makes it: the whole text of a large report (57,000 suggested introductions) is
    twice its UTF-8 size as one Python text, and as many again in the template's small pieces
    before they are joined.

    Each of `streamed` is a value the template prints as it is, once, made a piece at a time
    as it is written (the dashboard's briefs and pictures, tens of megabytes as one text)."""
    template = _loaded(name, vault, colour, width, incomplete)
    streams: dict[str, Iterable[str]] = {}
    for value, pieces in (streamed or {}).items():
        streams[_STREAM_MARK + value] = pieces
        context[value] = Markup(_STREAM_MARK + value)
    parts: list[str] = []
    size = 0
    with _told_where_it_failed():
        for part in _with_streams(template.generate(**context), streams):
            if len(part) >= PIECE:  # a large value made whole: not copied again
                if size:
                    yield "".join(parts).replace(_UNBROKEN_SPACE, " ")
                parts, size = [], 0
                yield part.replace(_UNBROKEN_SPACE, " ")
                continue
            parts.append(part)
            size += len(part)
            if size >= PIECE:
                yield "".join(parts).replace(_UNBROKEN_SPACE, " ")
                parts, size = [], 0
        if size:  # never an empty piece: the first one holds the front matter
            yield "".join(parts).replace(_UNBROKEN_SPACE, " ")


def _with_streams(parts: Iterator[str], streams: dict[str, Iterable[str]]) -> Iterator[str]:
    """`parts`, with the pieces of each stream in place of its mark."""
    for part in parts:
        stream = streams.get(part) if part.startswith(_STREAM_MARK) else None
        if stream is None:
            yield part
        else:
            yield from stream


def _loaded(
    name: str, vault: Path | None, colour: bool, width: int | None, incomplete: frozenset[str]
) -> jinja2.Template:
    environment = _environment(vault, colour, width, incomplete)
    try:
        return environment.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise TemplateError(where, exc.lineno, f"template error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {name}", None, str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:  # a vault's own template, unreadable or not UTF-8
        raise TemplateError(f"template {name}", None, f"cannot read it: {exc}") from None


def _rendered(template: jinja2.Template, context: dict[str, Any]) -> str:
    with _told_where_it_failed():
        return template.render(**context).replace(_UNBROKEN_SPACE, " ")


@contextmanager
def _told_where_it_failed() -> Iterator[None]:
    """A failure inside a template as a TemplateError naming the template's file and line."""
    try:
        yield
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
UNREAD = language.N_("note not read completely")


# What can hold note text: anything else a template reads, it reads through attributes.
_HOLDS_TEXT = (str, list, tuple, dict)


def printable_value(value: Any) -> Any:
    """`value` as a template reads it: text `printable`, also inside lists, tuples and dicts."""
    if isinstance(value, str):
        return printable(value)
    if type(value) in (list, tuple):
        if not any(isinstance(item, _HOLDS_TEXT) for item in value):  # most often: report rows
            return value
        items = [printable_value(item) for item in value]
        return value if all(new is old for new, old in zip(items, value)) else type(value)(items)
    if type(value) is dict:
        return {printable_value(key): printable_value(item) for key, item in value.items()}
    return value


class _PrintableContext(Context):
    def call(self, callee: Any, /, *args: Any, **kwargs: Any) -> Any:
        result = super().call(callee, *args, **kwargs)
        # A macro or a block is template code: what it returns is made of printable values
        # already, and may hold vaultkit's own colour codes.
        return result if isinstance(callee, (Macro, BlockReference)) else printable_value(result)


class _ReadsPrintableValues(jinja2.Environment):
    """Every value a template reads from vaultkit's objects (an attribute, an item, what a method
    returns) is `printable_value`: no template can print note text raw."""

    context_class = _PrintableContext

    def getattr(self, obj: Any, attribute: str) -> Any:
        return printable_value(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return printable_value(super().getitem(obj, argument))


class _ShippedEnvironment(_ReadsPrintableValues):
    pass


class _VaultEnvironment(_ReadsPrintableValues, SandboxedEnvironment):
    pass


def _printed(value: Any) -> Any:
    """What `{{ value }}` prints: an object that is not text yet (a path, a number) as printable
    text; text is printable already, read so or made by the template."""
    return value if isinstance(value, str) else printable(str(value))


def _environment(
    vault: Path | None, colour: bool, width: int | None = None, incomplete: frozenset[str] = frozenset()
) -> jinja2.Environment:
    search = [str(shipped_templates())]
    user_folder = vault / USER_TEMPLATES if vault is not None else None
    if user_folder is not None and user_folder.is_dir():
        search.insert(0, str(user_folder))
    # A vault may come from someone else: its templates run in Jinja's sandbox. The shipped
    # ones are vaultkit's own and render twice as fast outside it.
    kind = _VaultEnvironment if len(search) > 1 else _ShippedEnvironment
    environment = kind(
        loader=jinja2.FileSystemLoader(search),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Text and Markdown are escaped by their own filters (`md`, `link`); HTML by Jinja2.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        finalize=_printed,
        extensions=["jinja2.ext.i18n"],
    )
    # `{% trans %}` and `_()` speak the language spoken now (vaultkit.language), from its catalog.
    environment.install_gettext_callables(  # type: ignore[union-attr]
        language._, language.n_, newstyle=True
    )
    # The ids as templates read them, printable like everything else they read.
    incomplete = frozenset(printable(contact_id) for contact_id in incomplete)
    environment.filters["style"] = lambda text, *styles: _style(str(text), styles, colour)
    environment.filters["day"] = language.day
    environment.filters["date"] = language.date_text
    environment.filters["short_day"] = language.short_day
    environment.filters["week"] = language.week
    environment.filters["relative_days"] = language.relative_days
    environment.filters["number"] = language.number
    environment.filters["listed"] = language.listed
    environment.filters["link"] = wikilink
    environment.filters["md"] = markdown_text
    environment.filters["code"] = inline_code
    environment.filters["counted"] = counted
    environment.filters["first_few"] = first_few
    environment.filters["columns"] = columns
    environment.filters["pad"] = lambda text, width: str(text) + " " * (width - columns(text))
    environment.filters["wrap"] = lambda text, hang=0: wrap(str(text), hang, width)
    environment.filters["whole"] = lambda text: str(text).replace(" ", _UNBROKEN_SPACE)
    environment.filters["unread"] = lambda contact_id: (
        _style(f" ({language._(UNREAD)})", ("magenta",), colour) if contact_id in incomplete else ""
    )
    return environment


def columns(text: str) -> int:
    """How many terminal columns `text` takes: wide East Asian characters and most emoji take
    two, combining marks and joiners none. Text tables line up by this, not by `len`."""
    text = str(text)
    # Every character before the combining marks (U+0300) takes one column, ASCII and the
    # accented Latin letters alike; the agenda asks for thousands of names.
    return len(text) if text.isascii() or max(text) < "\u0300" else _columns(text)


@lru_cache(maxsize=4096)
def _columns(text: str) -> int:
    return sum(
        0
        if unicodedata.combining(char) or char in _ZERO_WIDTH
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in text
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


# In inline Markdown, what would start code (a Dataview JS query among it), HTML, maths, a comment,
# an embed, a link, a Dataview field or a tag, or end a table cell: each is escaped to show as
# itself. Where one char needs another before it (`%%`, `::`, `[[`, `![`), the second is escaped,
# so that the pair is no longer in the note's text, where Obsidian and its plugins look for it.
_MARKDOWN_INLINE = re.compile(r"[\\`$|<]|(?<=%)%|(?<=:):|(?<=[\[!])\[|(?<!\S)#(?=[^\s#])")
# What would start a block at the beginning of a line, or of a list item's text.
_MARKDOWN_BLOCK_START = re.compile(
    r"\A(?:#{1,6}(?=\s|$)"  # a heading
    r"|[>\[]"  # a quote or callout; a task, a link or footnote definition
    r"|[-+*](?=\s|$)"  # a list item
    r"|([-*_])(?:\s*\1){2,}\s*$|=+\s*$"  # a rule, or the line under a heading
    r"|~{3,}"  # a code block
    r"|\d{1,9}(?=[.)](?:\s|$)))"  # a numbered list item
)


def markdown_text(text: str) -> str:
    """Note text shown in Markdown, as typed and on its line: no code, HTML, embed, link, tag
    (`#gave` stays text) or block starts from it."""
    inline = _MARKDOWN_INLINE.sub(_escaped, printable(str(text)).strip())
    return _MARKDOWN_BLOCK_START.sub(_escaped_start, inline)


def _escaped(found: re.Match[str]) -> str:
    return "&lt;" if found.group() == "<" else "\\" + found.group()


def _escaped_start(found: re.Match[str]) -> str:
    # A number stays a number: the `.` or `)` after it is what makes it a list item.
    start = found.group()
    return start + "\\" if start.isdigit() else "\\" + start


def inline_code(text: str) -> str:
    """`text` as inline code when it is one word (such as a tag); any other text, which could end
    the code or run as a Dataview query (`= …`, `$= …`), as Markdown text."""
    text = str(text)
    return f"`{text}`" if re.fullmatch(r"[\w/.-]+", text) else markdown_text(text)


def _style(text: str, styles: tuple[str, ...], colour: bool) -> str:
    """`text` in `styles`; an empty style (`style("red" if late else "")`) is none."""
    codes = ";".join(_ANSI[style] for style in styles if style)
    if not colour or not codes:
        return text
    return f"\x1b[{codes}m{text}\x1b[0m"


# In a wikilink, what would end it or its target early, or start HTML, code, a comment, maths or
# a Dataview field inside it: a target loses them, a name shows a look-alike.
_LINK_BREAKING = re.compile(r"[\[\]|<>`\\]|%%+|\$\$+|::+")
_LOOK_ALIKE = {"[": "(", "]": ")", "|": "/", "<": "‹", ">": "›", "`": "'", "\\": "/"}


def wikilink(contact_id: str, name: str | None = None) -> str:
    """`[[id]]`, or `[[id|name]]` when the name differs; no id or name can break the link."""
    target = _unbroken(contact_id, lambda char: "")
    if name and name != contact_id:
        return f"[[{target}|{_unbroken(name, _LOOK_ALIKE.__getitem__)}]]"
    return f"[[{target}]]"


def _unbroken(text: str, instead: Callable[[str], str]) -> str:
    """`text` printable and without what breaks a wikilink: a run (`%%`) as its one character, a
    single character as `instead` has it."""
    return _LINK_BREAKING.sub(
        lambda found: found[0][0] if len(found[0]) > 1 else instead(found[0]), printable(text).strip()
    )
