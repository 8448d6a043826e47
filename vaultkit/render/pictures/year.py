"""Year.svg: how many contacts you were in touch with on each day of the last year, a square a
day, a column a week; weeks without anyone show as gaps."""

from __future__ import annotations

from vaultkit.language import _, day, n_, number, short_month, weekday
from vaultkit.render.pictures.svg import Svg, style
from vaultkit.reports.pictures.picture import CELL, Year

KIND = "year"
RULES = "".join(f"SCOPE .l{n}{{fill:var(--l{n})}}" for n in range(5)) + (
    "SCOPE .heading{font-weight:600;font-size:13px}SCOPE rect{rx:2px}"
)
LEFT = 40.0
TOP = 52.0
SQUARE = CELL - 2
LEVELS = (0, 1, 2, 4)  # up to this many contacts a day: levels 0 to 3; more: level 4


def level(contacts: int) -> int:
    return next((n for n, most in enumerate(LEVELS) if contacts <= most), len(LEVELS))


def draw_year(found: Year) -> tuple[bytes, ...]:
    weeks = (len(found.days) + 6) // 7
    width = LEFT + weeks * CELL + 40
    height = TOP + 7 * CELL + 40
    total = sum(found.days)
    said = n_("{count} contact in the last year", "{count} contacts in the last year", total).format(
        count=number(total)
    )
    without = found.weeks_without
    if without:
        said += ", " + n_("{count} week without any", "{count} weeks without any", without).format(
            count=number(without)
        )
    svg = Svg(KIND, width, height, _("Contacts per week, the last year"), style(KIND, RULES))
    svg.add("text", _("Contacts per week, the last year"), class_="heading", x=LEFT, y=18.0)
    svg.add("text", said, class_="muted", x=LEFT, y=34.0)
    labelled = -3
    for week in range(weeks):
        first_of_month = next(
            (found.day(week * 7 + d) for d in range(7) if found.day(week * 7 + d).day == 1), None
        )
        if first_of_month is not None and week - labelled >= 3 and week < weeks - 1:
            svg.add("text", short_month(first_of_month), class_="muted", x=LEFT + week * CELL, y=TOP - 4)
            labelled = week
    for row in (0, 2, 4):
        svg.add(
            "text",
            weekday(found.day(row)),
            class_="muted",
            x=LEFT - 6,
            y=TOP + row * CELL + 8,
            text_anchor="end",
        )
    svg.open("g", class_="days")
    for n, contacts in enumerate(found.days):
        week, row = divmod(n, 7)
        svg.open(
            "rect",
            class_=f"l{level(contacts)}",
            x=LEFT + week * CELL,
            y=TOP + row * CELL,
            width=SQUARE,
            height=SQUARE,
        )
        svg.add(
            "title",
            "{day}: {contacts}".format(
                day=day(found.day(n)),
                contacts=n_("{count} contact", "{count} contacts", contacts).format(count=number(contacts)),
            ),
        )
        svg.close("rect")
    svg.close("g")
    svg.open("g", class_="legend")
    x = width - 40 - 5 * CELL
    svg.add("text", _("fewer"), class_="muted", x=x - 6, y=height - 14, text_anchor="end")
    for n in range(5):
        svg.add("rect", class_=f"l{n}", x=x + n * CELL, y=height - 23, width=SQUARE, height=SQUARE)
    svg.add("text", _("more"), class_="muted", x=x + 5 * CELL + 4, y=height - 14)
    svg.close("g")
    return svg.finish()
