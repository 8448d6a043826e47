"""Where each person sits in the network picture: you in the middle, your contacts on rings by
their circle's Dunbar layer (`layers.layers`: the 5 closest in, then the 15, the 50, the 150;
circles without a cadence, the reserve and contacts in no circle outermost). A ring with more
people than fit side by side gets more tracks. Around every ring people sit in the order of
their group (the hubs report's groups: people who know one another), so that most lines stay
short.

Every person is drawn; a name is written only where its box covers no name written before it
and no dot (the closer rings and those due first), otherwise it is only the dot's title.
Coordinates are rounded to a tenth, and everything is ordered by name: the same notes give the
same picture.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Contact, Index
from vaultkit.reports.common import standing
from vaultkit.reports.drift import drift
from vaultkit.reports.layers import Layers
from vaultkit.reports.network.graph import Network
from vaultkit.reports.network.hubs import Hubs

FONT_SIZE = 11.0  # of the names, in px
# A name's box: this much of the font size per column (a wide character takes two), about the
# widest that system-ui's letters come, and from 0.8 above its baseline to 0.25 below.
COLUMN_WIDTH = 0.62
ASCENT, DESCENT = 0.8, 0.25
LABEL_GAP = 3.0  # between a dot and its name
LONGEST_LABEL = 24  # columns; a longer name is written cut, with …, and whole in its title
DOT = 5.0  # radius of a person's dot
SPACING = 20.0  # at least this far apart along a track
FIRST_RING = 70.0  # radius of the first ring
TRACK_GAP = 24.0  # between the tracks of one ring
RING_GAP = 56.0  # between the last track of a ring and the first of the next
GROWN = 1.6
MARGIN = 12.0 + LONGEST_LABEL * COLUMN_WIDTH * FONT_SIZE  # room for the names outside the rings
LEGEND_HEIGHT = 96.0
# The words for you and for a ring are the render's: their room is kept free of names, as wide as
# they may be (a ring's caption is cut like a name).
OWN_LABEL_WIDTH = 8 * COLUMN_WIDTH * FONT_SIZE
CAPTION_WIDTH = LONGEST_LABEL * COLUMN_WIDTH * FONT_SIZE
State = Literal["overdue", "due", "drifting"]
LinkKind = Literal["knows", "introduced", "met"]
DRAWN_LINKS: tuple[LinkKind, ...] = ("knows", "introduced", "met")
DrawnLinks = list[tuple[str, str, LinkKind]]  # two contact ids, and why they are linked


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True, slots=True)
class Label:
    """A name written at (`x`, `y`: its baseline), from there to the right (`start`) or to the
    left (`end`); `text` is the name, cut to LONGEST_LABEL columns."""

    text: str
    x: float
    y: float
    anchor: Literal["start", "end", "middle"]

    @property
    def box(self) -> Box:
        return label_box(self.text, self.x, self.y, self.anchor, FONT_SIZE)

    def reserved(self, width: float) -> Box:
        """The box of words `width` wide at most, centred here: written whatever is near."""
        box = self.box
        return Box(self.x - width / 2, box.top, self.x + width / 2, box.bottom)


@dataclass(frozen=True, slots=True)
class Person:
    contact: str  # the contact's id
    path: str  # its note, vault-relative
    name: str
    x: float
    y: float
    ring: int  # index into NetworkLayout.rings
    states: tuple[State, ...]
    label: Label | None  # None: the name would hide another; it is only the title


@dataclass(frozen=True, slots=True)
class Ring:
    """One ring of the picture: the circles of one Dunbar layer (`layer` None: circles without a
    cadence, the reserve and contacts in no circle), on tracks of these radii."""

    layer: int | None
    circles: tuple[str, ...]
    radii: tuple[float, ...]
    people: int
    in_no_circle: int  # of them, contacts in none of the circles configured
    caption: Label  # where the ring's name is written, between it and the next


@dataclass(frozen=True, slots=True)
class Line:
    a: int  # indexes into NetworkLayout.people
    b: int
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class NetworkLayout:
    width: float
    height: float
    centre_x: float  # where you are
    centre_y: float
    own: Label  # where "you" is written: its text is the render's
    rings: tuple[Ring, ...]
    people: tuple[Person, ...]
    lines: tuple[Line, ...]
    legend_top: float  # the legend sits below the rings, from here


def label_box(text: str, x: float, y: float, anchor: str, size: float) -> Box:
    """The box a name written so takes, by the widest its letters come."""
    width = text_columns(text) * COLUMN_WIDTH * size
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return Box(left, y - ASCENT * size, left + width, y + DESCENT * size)


def text_columns(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def shortened(name: str) -> str:
    if text_columns(name) <= LONGEST_LABEL:
        return name
    cut = name
    while text_columns(cut) > LONGEST_LABEL - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def network_layout(
    index: Index, activity: Activity, config: Config, circles: Layers, links: DrawnLinks, groups: Hubs
) -> NetworkLayout:
    """`links`: the network's `drawn_links`, so that the network itself need not be held while
    the picture is laid out."""
    drawn = {c.id: c for c in index.contacts.values() if c.status != "archived"}
    rings = _rings_of(circles, drawn)
    order = _group_order(drawn, groups)
    radius = FIRST_RING
    ring_shapes: list[tuple[int | None, tuple[str, ...], list[float], list[str]]] = []
    for n, (layer, names, members) in enumerate(rings):
        radii = _tracks(len(members), radius, last=n == len(rings) - 1)
        ring_shapes.append((layer, names, radii, members))
        radius = radii[-1] + RING_GAP
    outer = (ring_shapes[-1][2][-1] if ring_shapes else FIRST_RING) + RING_GAP / 2
    # Names run sideways: the picture needs room for them left and right, less above and below.
    centre_x, centre_y = round(outer + MARGIN, 1), round(outer + 2 * FONT_SIZE, 1)

    placed: dict[str, tuple[float, float, int]] = {}
    for ring_number, (_, _, radii, members) in enumerate(ring_shapes):
        by_track = _share_out(sorted(members, key=lambda i: order[i]), radii)
        for track_radius, on_track in zip(radii, by_track):
            for contact_id, angle in _angles(on_track, order, len(drawn)):
                x = centre_x + track_radius * math.sin(angle)
                y = centre_y - track_radius * math.cos(angle)
                placed[contact_id] = (round(x, 1), round(y, 1), ring_number)

    in_circles = {m.contact for circle in circles.circles for m in circle.members}
    states = {i: _states(drawn[i], activity, config) for i in drawn}
    labels = _Labels(2 * centre_x, 2 * centre_y)
    ring_list = []
    for layer, names, radii, members in ring_shapes:
        caption_y = round(centre_y - radii[-1] - RING_GAP / 2 + FONT_SIZE * 0.3, 1)
        caption = Label("", centre_x, caption_y, "middle")
        loose = sum(1 for m in members if m not in in_circles)
        ring_list.append(Ring(layer, names, tuple(round(r, 1) for r in radii), len(members), loose, caption))
    # No name covers a dot: every dot is in the way from the start, yours too.
    labels.block(Box(centre_x - 2 * DOT, centre_y - 2 * DOT, centre_x + 2 * DOT, centre_y + 2 * DOT))
    for x, y, _ in placed.values():
        labels.block(Box(x - DOT, y - DOT, x + DOT, y + DOT))
    own = Label("", centre_x, round(centre_y + 2 * DOT + FONT_SIZE, 1), "middle")
    labels.block(own.reserved(OWN_LABEL_WIDTH))
    for ring in ring_list:
        labels.block(ring.caption.reserved(CAPTION_WIDTH))

    def priority(contact_id: str) -> tuple[int, int, str, str]:
        urgent = states[contact_id]
        rank = 0 if "overdue" in urgent else 1 if "due" in urgent else 2 if urgent else 3
        return (placed[contact_id][2], rank, drawn[contact_id].name, contact_id)

    label_of: dict[str, Label | None] = {}
    for contact_id in sorted(placed, key=priority):
        x, y, _ = placed[contact_id]
        text = shortened(drawn[contact_id].name)
        label_of[contact_id] = next(
            (label for label in _label_places(text, x, y, x >= centre_x) if labels.take(label)), None
        )

    people = sorted(placed, key=lambda i: (placed[i][2], order[i]))
    number = {contact_id: n for n, contact_id in enumerate(people)}
    return NetworkLayout(
        width=round(2 * centre_x, 1),
        height=round(2 * centre_y + LEGEND_HEIGHT, 1),
        centre_x=centre_x,
        centre_y=centre_y,
        own=own,
        rings=tuple(ring_list),
        people=tuple(
            Person(
                i,
                drawn[i].path,
                drawn[i].name,
                placed[i][0],
                placed[i][1],
                placed[i][2],
                states[i],
                label_of[i],
            )
            for i in people
        ),
        lines=_lines(links, number),
        legend_top=round(2 * centre_y, 1),
    )


def _label_places(text: str, x: float, y: float, right: bool) -> list[Label]:
    """Where a name may go, best first: beside its dot on the side away from the centre, a
    little higher or lower there, on the other side, above it, below it."""
    shift = DOT + LABEL_GAP
    middle = y + FONT_SIZE * 0.35
    outward, inward = (x + shift, "start"), (x - shift, "end")
    if not right:
        outward, inward = inward, outward
    places = [
        Label(text, round(side, 1), round(middle + lift, 1), anchor)  # type: ignore[arg-type]
        for (side, anchor) in (outward, inward)
        for lift in (0.0, -0.6 * FONT_SIZE, 0.6 * FONT_SIZE)
    ]
    return [
        *places,
        Label(text, x, round(y - shift - DESCENT * FONT_SIZE, 1), "middle"),
        Label(text, x, round(y + shift + ASCENT * FONT_SIZE, 1), "middle"),
    ]


def _rings_of(
    circles: Layers, drawn: dict[str, Contact]
) -> list[tuple[int | None, tuple[str, ...], list[str]]]:
    """The layers with people, closest first, each with its circles and members; the last ring
    holds whoever no layer does (a circle without cadence, the reserve, no circle at all)."""
    ring_of: dict[str, int | None] = {}
    names: dict[int | None, list[str]] = defaultdict(list)
    for circle in circles.circles:
        for member in circle.members:
            if member.contact in drawn:
                ring_of.setdefault(member.contact, circle.recommended)
        names[circle.recommended].append(circle.circle)
    for contact_id in drawn:
        ring_of.setdefault(contact_id, None)
    members: dict[int | None, list[str]] = defaultdict(list)
    for contact_id, layer in ring_of.items():
        members[layer].append(contact_id)
    layers_drawn = sorted(layer for layer in members if layer is not None) + (
        [None] if None in members else []
    )
    return [(layer, tuple(names[layer]), sorted(members[layer])) for layer in layers_drawn]


def _tracks(people: int, radius: float, last: bool = False) -> list[float]:
    """Radii of the tracks a ring needs for `people` dots SPACING apart. The last ring has
    nothing outside it: it grows wider, by up to GROWN, rather than take a second track, whose
    names would run into the dots of the first."""
    wide = people * SPACING / (2 * math.pi)
    if last and radius < wide <= radius * GROWN:
        return [wide]
    radii = [radius]
    room = _room(radius)
    while room < people:
        radii.append(radii[-1] + TRACK_GAP)
        room += _room(radii[-1])
    return radii


def _room(radius: float) -> int:
    return max(1, int(2 * math.pi * radius / SPACING))


def _share_out(members: list[str], radii: list[float]) -> list[list[str]]:
    """The ring's members over its tracks, each as full as the others for its length; in their
    order, every track takes every so-many-th, so groups stay together across tracks."""
    if len(radii) == 1:
        return [members]
    rooms = [_room(r) for r in radii]
    total = sum(rooms)
    tracks: list[list[str]] = [[] for _ in radii]
    # Largest remainder: the track with most room left per place it has gets the next member.
    for member in members:
        best = min(range(len(radii)), key=lambda t: (len(tracks[t]) / rooms[t], -rooms[t] / total, t))
        tracks[best].append(member)
    return tracks


def _angles(members: list[str], order: dict[str, int], total: int) -> list[tuple[str, float]]:
    """Evenly round the track, turned so that each member sits as near as it can to where its
    group sits on every ring (its place in `order`, the whole circle shared by all `total`)."""
    if not members:
        return []
    step = 2 * math.pi / len(members)
    wanted = [2 * math.pi * (order[m] + 0.5) / total for m in members]
    turns = [want - k * step for k, want in enumerate(wanted)]
    turn = math.atan2(sum(math.sin(t) for t in turns), sum(math.cos(t) for t in turns))
    return [(m, turn + k * step) for k, m in enumerate(members)]


def _group_order(drawn: dict[str, Contact], groups: Hubs) -> dict[str, int]:
    """Contact id -> its place around the circle: the hubs report's groups one after the other,
    largest first, each by name; then everyone in no group, by name."""
    order: dict[str, int] = {}
    for group in groups.groups:
        for contact in group.contacts:
            if contact.id in drawn:
                order.setdefault(contact.id, len(order))
    for contact_id in sorted(drawn, key=lambda i: (drawn[i].name, i)):
        order.setdefault(contact_id, len(order))
    return order


def _states(contact: Contact, activity: Activity, config: Config) -> tuple[State, ...]:
    """Overdue, due or drifting, as the agenda says (its derivations are shared with it)."""
    today = activity.today
    mine = activity.of(contact.id)
    where = activity.per_contact("standing", contact, config, standing, contact, mine, config, today)
    if where.state in ("due", "overdue") and where.last and where.cadence:
        return (where.state,)
    if activity.per_contact("drift", contact, config, drift, where, mine, today):
        return ("drifting",)
    return ()


def drawn_links(found: Network) -> DrawnLinks:
    """The links the picture may draw, between two contacts: who knows whom, who introduced
    whom, who met; each pair once."""
    # Each pair is met twice, once from either end; it is kept from the end with the lower id.
    return [
        (a, b, why.kind)
        for a, linked in found.links.items()
        for b, why in linked.items()
        if a < b and why.kind in DRAWN_LINKS
    ]


def _lines(links: DrawnLinks, number: dict[str, int]) -> tuple[Line, ...]:
    """The drawn links between drawn people, by their numbers, the lower first."""
    pairs = [
        (min(number[a], number[b]), max(number[a], number[b]), kind)
        for a, b, kind in links
        if a in number and b in number
    ]
    pairs.sort()
    return tuple(Line(a, b, kind) for a, b, kind in pairs)


class _Labels:
    """The boxes of the names written so far, by the squares of a grid they touch: a new name
    is checked against its neighbours only, not against all."""

    CELL = 64.0

    def __init__(self, width: float, height: float) -> None:
        self.bounds = Box(0, 0, width, height)
        self.grid: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def take(self, label: Label) -> bool:
        """Whether `label` fits, inside the picture and over no other name; if so it is kept."""
        box = label.box
        if box.left < self.bounds.left or box.right > self.bounds.right or box.top < 0:
            return False
        if any(box.overlaps(other) for cell in self._cells(box) for other in self.grid[cell]):
            return False
        self.block(box)
        return True

    def block(self, box: Box) -> None:
        """No name may cover `box` from now on."""
        for cell in self._cells(box):
            self.grid[cell].append(box)

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        return [
            (column, row)
            for column in range(int(box.left // self.CELL), int(box.right // self.CELL) + 1)
            for row in range(int(box.top // self.CELL), int(box.bottom // self.CELL) + 1)
        ]
