"""What the pictures cost: `python bench/pictures.py CONTACTS DIR` writes two copies of a
generated vault, `DIR/with` (the default reports: with the network note and the pictures) and
`DIR/without` (`[report] reports` without them), to time `vaultkit report` on each as a whole
process. `python bench/pictures.py CONTACTS` times the parts in one process instead: the network
and hubs the pictures share with the network note, the layout, and the SVG writing.

Contacts are in four circles and none (a circle's share as in `tests/test_pictures.py`), each
knows two others, works at one of 40 orgs and has three calls this year; a meeting note links
every tenth group of five.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render.pictures import draw
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.hubs import hubs
from vaultkit.reports.pictures.layout import drawn_links
from vaultkit.reports.pictures.picture import pictures_of

TODAY = date(2026, 11, 21)
CIRCLES = ["inner"] + ["close"] * 3 + ["network"] * 10 + [None] * 36
WITHOUT = '[report]\nreports = ["agenda", "stale", "tags", "ics"]\n'


def build(root: Path, count: int) -> None:
    rng = random.Random(1)
    (root / "People").mkdir(parents=True)
    (root / "Meetings").mkdir()
    for n in range(count):
        circle = CIRCLES[n % len(CIRCLES)]
        knows = ", ".join(f'"[[P{rng.randrange(count)}]]"' for _ in range(2))
        log = "".join(
            f"- 2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d} call\n" for _ in range(3)
        )
        (root / "People" / f"P{n}.md").write_text(
            f"---\n{f'circle: {circle}' if circle else ''}\norg: Org {n % 40}\nknows: [{knows}]\n---\n"
            f"## Log\n{log}",
            encoding="utf-8",
        )
    for m in range(count // 10):
        people = ", ".join(f'"[[P{rng.randrange(count)}]]"' for _ in range(5))
        (root / "Meetings" / f"2026-03-{1 + m % 28:02d} M{m}.md").write_text(
            f"---\npeople: [{people}]\n---\n", encoding="utf-8"
        )


def timed(label: str, run):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = run()
    print(f"{label:8} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if len(sys.argv) > 2:
        folder = Path(sys.argv[2])
        build(folder / "with", count)
        shutil.copytree(folder / "with", folder / "without")
        (folder / "without" / ".vaultkit.toml").write_text(WITHOUT, encoding="utf-8")
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, count)
        index, config = load_index(root), load_config(root)
        activity = gather(index, TODAY)
        print(f"{count} contacts, {index.files} notes")
        found = timed("network", lambda: network(index, activity))
        groups = timed("hubs", lambda: hubs(index, config, found))
        links = drawn_links(found)
        shown = timed("layout", lambda: pictures_of(index, activity, config, groups, links))
        svgs = timed("svg", lambda: draw(shown))
        print("bytes   ", {name: sum(map(len, pieces)) for name, pieces in svgs.items()})


if __name__ == "__main__":
    main()
