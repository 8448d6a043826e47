"""The dashboard: one HTML file that needs nothing else, neither a server nor the network.

It holds the agenda, the give and take, and the pictures inline (`vaultkit.render.pictures`);
pointing at a person in the network shows their brief, the text `show` prints. The briefs travel
as JSON in a `<script type="application/json">`: `<`, `>` and `&` in it are written as JSON
escapes, so no note can end that element early; the page's script puts a brief in place as
text, never as HTML.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vaultkit import language
from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.content import encoded_pieces
from vaultkit.index import incomplete_contacts
from vaultkit.model import Index
from vaultkit.render import pictures
from vaultkit.reports.dashboard import Dashboard, dashboard

# What marks an HTML file as a dashboard vaultkit wrote, which it may write over.
GENERATOR = '<meta name="generator" content="vaultkit">'
_MARKED = re.compile(r'<meta\s+name="generator"\s+content="vaultkit"\s*/?>')
# JSON text inside HTML: these three could end the script element or start markup.
_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dashboard_html(index: Index, activity: Activity, config: Config, vault: Path | None) -> Iterator[bytes]:
    """The dashboard of the vault `index` on `activity.today`, in the language spoken now, as
    `render_dashboard` makes it."""
    board = dashboard(index, activity, config)
    return render_dashboard(board, vault, incomplete_contacts(index))


def render_dashboard(
    board: Dashboard, vault: Path | None, incomplete: frozenset[str] = frozenset()
) -> Iterator[bytes]:
    """The page of `board`, its pictures drawn inline, as UTF-8 in pieces made as they are
    written: at 33,000 notes it is 16 MB, and its briefs alone were 30 MiB as one Python text.
    `incomplete`: the contacts whose notes could not be read completely, marked as the reports
    mark them."""
    from vaultkit.render import speech
    from vaultkit.render.templates import render_templates, template_pieces

    # What `show` prints of each: its text template, compiled once for them all.
    said = render_templates(
        "brief.txt.j2",
        vault,
        ({"brief": told, "say": speech.of("brief")} for told in board.briefs.values()),
        incomplete=incomplete,
    )
    drawings = pictures.drawings(board.pictures)
    page = template_pieces(
        "dashboard.html.j2",
        vault,
        incomplete=incomplete,
        lang=language.speaking(),
        dashboard=board,
        agenda=board.agenda,
        balance=board.balance,
        say=speech.of("agenda"),
        say_balance=speech.of("balance"),
        # Printed as they are: a template reads the items of a dict through `printable`, which
        # would make an SVG's line breaks spaces and its markup text.
        streamed={
            "network": _drawn(drawings["Network.svg"]),
            "layers": _drawn(drawings["Layers.svg"]),
            "year": _drawn(drawings["Year.svg"]),
            "briefs": script_json_pieces(zip(board.briefs, said)),
        },
    )
    return encoded_pieces(page)


def _drawn(draw: Callable[[], Iterable[bytes]]) -> Iterator[str]:
    """A picture as text, drawn when the page comes to it and let go once written."""
    yield from codecs.iterdecode(draw(), "utf-8")


def script_json_pieces(entries: Iterable[tuple[str, str]]) -> Iterator[str]:
    """The object of `entries` (pairs of texts, sorted by the first) as JSON that can stand
    inside a `<script>` element of an HTML page, an entry at a time: `json.dumps(dict(entries),
    ensure_ascii=False, sort_keys=True)`, with `<`, `>` and `&` escaped."""
    yield "{"
    comma = ""
    for key, value in entries:
        yield f"{comma}{_json(key)}: {_json(value)}".translate(_IN_SCRIPT)
        comma = ", "
    yield "}"


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def is_dashboard(text: str) -> bool:
    """Whether `text` is a dashboard vaultkit wrote: its head names vaultkit as the generator."""
    head = text[: text.find("</head>")] if "</head>" in text else text[:4096]
    return _MARKED.search(head) is not None
