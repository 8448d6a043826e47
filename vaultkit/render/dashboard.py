"""The dashboard: one HTML file that needs nothing else, neither a server nor the network.

It holds the agenda, the give and take, and the pictures inline (`vaultkit.render.pictures`);
pointing at a person in the network shows their brief, the text `show` prints. The briefs travel
as JSON in a `<script type="application/json">`: `<`, `>` and `&` in it are written as JSON
escapes, so no note can end that element early; the page's script puts a brief in place as
text, never as HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup

from vaultkit import language
from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.content import Content, encoded_pieces
from vaultkit.index import incomplete_contacts
from vaultkit.model import Index
from vaultkit.render.pictures import draw
from vaultkit.reports.dashboard import Dashboard, dashboard

# What marks an HTML file as a dashboard vaultkit wrote, which it may write over.
GENERATOR = '<meta name="generator" content="vaultkit">'
_MARKED = re.compile(r'<meta\s+name="generator"\s+content="vaultkit"\s*/?>')
# JSON text inside HTML: these three could end the script element or start markup.
_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dashboard_html(index: Index, activity: Activity, config: Config, vault: Path | None) -> Content:
    """The dashboard of the vault `index` on `activity.today`, in the language spoken now."""
    board = dashboard(index, activity, config)
    return render_dashboard(board, vault, incomplete_contacts(index))


def render_dashboard(
    board: Dashboard, vault: Path | None, incomplete: frozenset[str] = frozenset()
) -> Content:
    """The page of `board`, its pictures drawn inline, as UTF-8 in pieces (at 33,000 notes it is
    16 MB, 30 MiB as one Python text); `incomplete`: the contacts whose notes could not be read
    completely, marked as the reports mark them."""
    from vaultkit.render import speech
    from vaultkit.render.templates import render_templates, template_pieces

    # What `show` prints of each: its text template, compiled once for them all.
    said = render_templates(
        "brief.txt.j2",
        vault,
        ({"brief": told, "say": speech.of("brief")} for told in board.briefs.values()),
        incomplete=incomplete,
    )
    briefs = dict(zip(board.briefs, said))
    drawn = draw(board.pictures)
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
        # Whole values, not items of a dict: a template reads items through `printable`, which
        # would make an SVG's line breaks spaces and its markup text.
        network=Markup(b"".join(drawn["Network.svg"]).decode("utf-8")),
        layers=Markup(b"".join(drawn["Layers.svg"]).decode("utf-8")),
        year=Markup(b"".join(drawn["Year.svg"]).decode("utf-8")),
        briefs=Markup(script_json(briefs)),
    )
    return tuple(encoded_pieces(page))


def script_json(value: object) -> str:
    """`value` as JSON that can stand inside a `<script>` element of an HTML page."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_IN_SCRIPT)


def is_dashboard(text: str) -> bool:
    """Whether `text` is a dashboard vaultkit wrote: its head names vaultkit as the generator."""
    head = text[: text.find("</head>")] if "</head>" in text else text[:4096]
    return _MARKED.search(head) is not None
