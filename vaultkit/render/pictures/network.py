"""Network.svg: you in the middle, your contacts on rings by their circle's Dunbar layer, lines
for who knows whom, colours for who is due."""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.language import N_, _, listed, n_, number
from vaultkit.render.pictures.svg import Svg, style
from vaultkit.reports.pictures.layout import DOT, FONT_SIZE, NetworkLayout, Person, Ring, shortened

KIND = "network"
RULES = (
    "SCOPE .ring{fill:none;stroke:var(--line);stroke-opacity:.3}"
    "SCOPE .link,SCOPE .sample{stroke:var(--line);stroke-opacity:.55;stroke-width:1}"
    "SCOPE .introduced{stroke-dasharray:4 3}"
    "SCOPE .met{stroke:var(--met);stroke-opacity:.5}"
    "SCOPE .sample{stroke-width:2}"
    "SCOPE .person circle,SCOPE .key circle{fill:var(--dot)}"
    "SCOPE .due circle{fill:var(--due)}"
    "SCOPE .overdue circle{fill:var(--overdue)}"
    "SCOPE .drifting circle{fill:var(--halo);stroke:var(--drifting);stroke-width:2.5}"
    "SCOPE .me circle{fill:var(--me)}"
    "SCOPE .me text,SCOPE .caption{font-weight:600}"
    "SCOPE .caption{fill:var(--muted)}"
)
STATE_WORDS = {
    "overdue": N_("Overdue"),
    "due": N_("Due"),
    "drifting": N_("Quieter than usual"),
}


def network_pieces(layout: NetworkLayout, owner: str | None) -> Iterator[bytes]:
    """Network.svg as UTF-8 in pieces, each drawn when it is asked for: a large network's file
    is 4.5 MB, which the dashboard writes as it is drawn."""
    people = len(layout.people)
    svg = Svg(
        KIND,
        layout.width,
        layout.height,
        n_("Your network: {count} contact", "Your network: {count} contacts", people).format(
            count=number(people)
        ),
        style(KIND, RULES),
    )
    centre_x, centre_y = layout.centre_x, layout.centre_y
    svg.open("g", class_="rings")
    for ring in layout.rings:
        for radius in ring.radii:
            svg.add("circle", class_="ring", cx=centre_x, cy=centre_y, r=radius)
    svg.close("g")
    svg.open("g", class_="links")
    for line in layout.lines:
        a, b = layout.people[line.a], layout.people[line.b]
        svg.add("line", class_=f"link {line.kind}", x1=a.x, y1=a.y, x2=b.x, y2=b.y)
        yield from svg.drawn()
    svg.close("g")
    svg.open("g", class_="people", font_size=FONT_SIZE)
    for person in layout.people:
        _person(svg, person)
        yield from svg.drawn()
    svg.close("g")
    svg.open("g", class_="me", font_size=FONT_SIZE)
    svg.add("title", owner or _("you"))
    svg.add("circle", cx=centre_x, cy=centre_y, r=2 * DOT)
    own = layout.own
    svg.add("text", _("you"), x=own.x, y=own.y, text_anchor="middle")
    svg.close("g")
    svg.open("g", class_="captions", font_size=FONT_SIZE)
    for ring in layout.rings:
        svg.add(
            "text", caption(ring), class_="caption", x=ring.caption.x, y=ring.caption.y, text_anchor="middle"
        )
    svg.close("g")
    _legend(svg, layout)
    yield from svg.finish()


def _person(svg: Svg, person: Person) -> None:
    svg.open("g", class_=" ".join(("person", *person.states)), data_contact=person.path)
    said = [_(STATE_WORDS[state]) for state in person.states]
    svg.add("title", " · ".join([person.name, *said]))
    svg.add("circle", cx=person.x, cy=person.y, r=DOT)
    if person.label is not None:
        label = person.label
        svg.add("text", label.text, x=label.x, y=label.y, text_anchor=label.anchor)
    svg.close("g")


def caption(ring: Ring) -> str:
    """`inner · about 5`; the outermost ring: `reserve, no circle`."""
    names = list(ring.circles)
    if ring.layer is None:
        if ring.in_no_circle:
            names.append(_("no circle"))
        said = listed(names) if names else _("no circle")
    else:
        said = _("{circles} · about {layer}").format(circles=listed(names), layer=number(ring.layer))
    return shortened(said)


def _legend(svg: Svg, layout: NetworkLayout) -> None:
    top = layout.legend_top
    left = 16.0
    step = (layout.width - 2 * left) / 4
    # Its samples are not people nor links: classes of their own, `key` and `sample`.
    svg.open("g", class_="legend", font_size=FONT_SIZE)
    keys = [
        ("overdue", _("Overdue")),
        ("due", _("Due")),
        ("drifting", _("Quieter than usual")),
        ("", _("In touch")),
    ]
    for n, (state, word) in enumerate(keys):
        x = left + n * step
        svg.open("g", class_=f"key {state}".strip())
        svg.add("circle", cx=x + DOT, cy=top + 20, r=DOT)
        svg.add("text", word, x=x + 2 * DOT + 6, y=top + 24)
        svg.close("g")
    lines = [("knows", _("knows")), ("introduced", _("introduced")), ("met", _("met together"))]
    for n, (kind, word) in enumerate(lines):
        x = left + n * step
        svg.add("line", class_=f"sample {kind}", x1=x, y1=top + 46, x2=x + 2 * DOT + 2, y2=top + 46)
        svg.add("text", word, x=x + 2 * DOT + 6, y=top + 50)
    svg.add(
        "text",
        _("Rings: your circles by Dunbar's layers. A name that does not fit is its dot's title."),
        class_="muted",
        x=left,
        y=top + 76,
    )
    svg.close("g")
