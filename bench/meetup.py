"""Time `meetup` and the agenda's meet-up on a generated vault: `python bench/meetup.py [CONTACTS] [DIR]`.

Each contact lives in one of 40 places (a few large cities, many small towns), has up to three
tags, an org, a circle, two to three interests, maybe a need and two offers, maybe two `knows`,
and a last contact that makes about a third of them due or overdue; a meeting note links every
tenth group of two to five. Prints seconds per step (index loading excluded). With DIR, the vault
is written there and kept, to time the command itself:

    python bench/meetup.py 10000 /tmp/meetup-10k
    vaultkit --vault /tmp/meetup-10k meetup --today 2026-11-21
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.agenda import agenda
from vaultkit.reports.network.meetup import meetups, wanting

TODAY = date(2026, 11, 21)
CITIES = ["Kiel", "Hamburg", "Berlin", "Lübeck", "Flensburg"] + [f"Ort {n}" for n in range(35)]
TAGS = ["kunst", "segeln", "tech", "tech/python", "chor", "familie", "uni", "verein", "nachbarn", "sport"] + [
    f"gruppe{n}" for n in range(10)
]
TERMS = (
    "Fotografie Steuerberatung Ausstellungsort backend development UX research Catering Lektorat "
    "Illustration Bühnenbild Segelkurs Mentoring Tontechnik Übersetzung Wohnung Werkstattplatz"
).split() + [f"Thema{n}" for n in range(150)]
INTERESTS = "Jazz Schach Yoga Rudern climbing cycling sourdough Theater Kajak Hunde".split() + [
    f"Hobby{n}" for n in range(50)
]


def build(root: Path, count: int) -> None:
    rng = random.Random(1)
    (root / "People").mkdir(parents=True)
    (root / "Meetings").mkdir()
    (root / ".vaultkit.toml").write_text('[cadence]\ndefault = "3m"\n', encoding="utf-8")
    for n in range(count):
        city = CITIES[min(int(rng.expovariate(0.15)), len(CITIES) - 1)]
        fields = [
            f"location: {city}",
            f"tags: [{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]",
            f"org: Org {rng.randrange(max(count // 25, 1))}",
            f"circle: {rng.choice(['inner', 'close', 'network', 'network', 'network'])}",
            f"interests: [{', '.join(rng.sample(INTERESTS, rng.randint(2, 3)))}]",
        ]
        if rng.random() < 0.4:
            fields.append(f"needs: [{rng.choice(TERMS)}]")
        if rng.random() < 0.5:
            fields.append(f"offers: [{', '.join(rng.sample(TERMS, 2))}]")
        if rng.random() < 0.4:
            fields.append(f'knows: ["[[P{rng.randrange(count)}]]", "[[P{rng.randrange(count)}]]"]')
        last = TODAY - timedelta(days=rng.randrange(10, 150))
        (root / "People" / f"P{n}.md").write_text(
            "---\n" + "\n".join(fields) + f"\n---\n## Log\n- {last.isoformat()} call: hi\n", encoding="utf-8"
        )
    for m in range(count // 10):
        people = ", ".join(f'"[[P{rng.randrange(count)}]]"' for _ in range(rng.randint(2, 5)))
        day = TODAY - timedelta(days=rng.randrange(1, 400))
        (root / "Meetings" / f"{day.isoformat()} M{m}.md").write_text(
            f"---\npeople: [{people}]\n---\n", encoding="utf-8"
        )


def timed(label: str, run: Callable[[], object]) -> None:
    start = time.perf_counter()
    run()
    print(f"{label:22} {time.perf_counter() - start:6.2f} s")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        root = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(folder)
        if not (root / "People").exists():
            build(root, count)
        index, config = load_index(root), load_config(root)
        activity = gather(index, TODAY)
        who = wanting(index, activity, config)
        found = meetups(index, activity, config)
        print(f"{len(index.contacts)} contacts, {index.files} notes, {len(who)} want contact")
        print(
            f"best: {found.proposals[0].score if found.proposals else '-'}, {len(found.proposals)} proposals"
        )
        timed("meetup (5 proposals)", lambda: meetups(index, activity, config))
        timed("meetup (given who)", lambda: meetups(index, activity, config, limit=1, who=who))
        timed("agenda with its meet-up", lambda: agenda(index, activity, config))


if __name__ == "__main__":
    main()
