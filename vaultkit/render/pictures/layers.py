"""Layers.svg: how many people each circle holds, with those closer in, against Dunbar's layers
of about 5, 15, 50 and 150."""

from __future__ import annotations

from vaultkit.language import _, number
from vaultkit.render.pictures.svg import Svg, style
from vaultkit.reports.layers import Layers
from vaultkit.reports.pictures.layout import shortened

KIND = "layers"
RULES = (
    "SCOPE .closer{fill:var(--me);fill-opacity:.35}"
    "SCOPE .own{fill:var(--me)}"
    "SCOPE .over{fill:var(--due)}"
    "SCOPE .mark{stroke:var(--ink);stroke-width:2}"
    "SCOPE .axis{stroke:var(--line);stroke-opacity:.5}"
    "SCOPE .heading{font-weight:600;font-size:13px}"
)
WIDTH = 720.0
BAR_LEFT = 150.0
BAR_ROOM = 320.0
ROW = 30.0
TOP = 44.0


def _scale(layer: int, people: int) -> float:
    return BAR_ROOM / max(layer * 1.5, people)


def draw_layers(found: Layers) -> tuple[bytes, ...]:
    rows = len(found.circles) + 1
    height = TOP + rows * ROW + 36
    svg = Svg(KIND, WIDTH, height, _("Your circles against Dunbar's layers"), style(KIND, RULES))
    svg.add("text", _("Your circles against Dunbar's layers"), class_="heading", x=16.0, y=24.0)
    # Each layer's bar has its own scale, its mark at two thirds of the room: how full a layer
    # is reads the same for the 5 as for the 150. A circle without cadence counts against the 150.
    active_scale = _scale(found.active_recommended, found.active)
    for n, circle in enumerate(found.circles):
        y = TOP + n * ROW
        scale = _scale(circle.recommended, circle.within) if circle.recommended else active_scale
        svg.open("g", class_="circle", data_circle=circle.circle)
        svg.add("text", shortened(circle.circle), x=16.0, y=y + 15)
        closer = circle.within - circle.count if circle.recommended is not None else 0
        if closer:
            svg.add("rect", class_="closer", x=BAR_LEFT, y=y + 4, width=closer * scale, height=14.0)
        own = "own over" if circle.recommended is not None and circle.within > circle.recommended else "own"
        svg.add(
            "rect", class_=own, x=BAR_LEFT + closer * scale, y=y + 4, width=circle.count * scale, height=14.0
        )
        if circle.recommended is not None:
            x = BAR_LEFT + circle.recommended * scale
            svg.add("line", class_="mark", x1=x, y1=y, x2=x, y2=y + 22)
            said = _("{within} of about {layer}").format(
                within=number(circle.within), layer=number(circle.recommended)
            )
            if closer:
                said += " " + _("({count} in this circle)").format(count=number(circle.count))
        else:
            said = _("{count}, no cadence").format(count=number(circle.count))
        svg.add("text", said, x=BAR_LEFT + BAR_ROOM + 12, y=y + 15)
        svg.close("g")
    y = TOP + len(found.circles) * ROW
    svg.open("g", class_="circle active")
    svg.add("text", _("active"), x=16.0, y=y + 15)
    own = "own over" if found.active > found.active_recommended else "own"
    svg.add("rect", class_=own, x=BAR_LEFT, y=y + 4, width=found.active * active_scale, height=14.0)
    x = BAR_LEFT + found.active_recommended * active_scale
    svg.add("line", class_="mark", x1=x, y1=y, x2=x, y2=y + 22)
    svg.add(
        "text",
        _("{within} of about {layer}").format(
            within=number(found.active), layer=number(found.active_recommended)
        ),
        x=BAR_LEFT + BAR_ROOM + 12,
        y=y + 15,
    )
    svg.close("g")
    svg.add(
        "text",
        _("Bar: the circle with those closer in. Mark: about as many as the layer holds."),
        class_="muted",
        x=16.0,
        y=height - 14,
    )
    return svg.finish()
