"""Time the network reports on a generated vault: `python bench/network.py [CONTACTS] [--no-intros]`;
`--vault DIR` writes the vault to DIR instead, to time whole commands on it.

Each contact has three needs, three offers, four interests, two `knows` and an org; a meeting
note links every tenth group of five. Prints seconds per report (index loading excluded; hubs
and path include making the network). `--no-intros` leaves out intros, the slowest at 10,000.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.agenda import agenda
from vaultkit.reports.balance import balance
from vaultkit.reports.layers import layers
from vaultkit.reports.network.give import ideas
from vaultkit.reports.network.goals import goals
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.hubs import hubs
from vaultkit.reports.network.intros import intros
from vaultkit.reports.network.meetup import meetups
from vaultkit.reports.network.paths import paths

BASE = (
    "Fotografie Steuerberatung Ausstellungsort backend development UX research Catering "
    "Lektorat Illustration Bühnenbild Segelkurs Mentoring Hunde Jazz Schach Yoga Rudern "
    "climbing cycling sourdough gin whisky Kochbücher Theater Kajak"
).split()
# About as many topics as contacts, so most pairs share nothing, as in a real vault.
WORDS = (
    BASE
    + [f"{a} {b}" for a in ("Raum", "help", "Kontakte", "advice") for b in BASE]
    + [f"Thema{n}" for n in range(400)]
)
TODAY = date(2026, 11, 21)


def build(root: Path, count: int) -> None:
    rng = random.Random(1)
    (root / "People").mkdir(parents=True)
    (root / "Meetings").mkdir()
    for n in range(count):
        pick = lambda k: ", ".join(rng.sample(WORDS, k))  # noqa: E731
        knows = ", ".join(f'"[[P{rng.randrange(count)}]]"' for _ in range(2))
        (root / "People" / f"P{n}.md").write_text(
            f"---\ncircle: {rng.choice(['inner', 'close', 'network', 'network'])}\n"
            f"org: Org {n % 40}\nknows: [{knows}]\nneeds: [{pick(3)}]\noffers: [{pick(3)}]\n"
            f"interests: [{pick(4)}]\n---\n## Log\n- 2026-0{1 + n % 9}-01 call: hi #gave\n",
            encoding="utf-8",
        )
    (root / ".vaultkit.toml").write_text('[me]\nnote = "People/Me.md"\n', encoding="utf-8")
    (root / "People" / "Me.md").write_text(
        "---\noffers: [Fotografie, Mentoring]\ngoals:\n  - Mentor für die Gründung [gründung, Mentoring]\n"
        "  - a job in UX research\n  - Segelkurs im Sommer [Segelkurs]\n  - nobody has this [xyzzy]\n---\n",
        encoding="utf-8",
    )
    for m in range(count // 10):
        people = ", ".join(f'"[[P{rng.randrange(count)}]]"' for _ in range(5))
        (root / "Meetings" / f"2026-03-{1 + m % 28:02d} M{m}.md").write_text(
            f'---\npeople: [{people}, "[[Guest {m}]]"]\n---\n', encoding="utf-8"
        )


def timed(label: str, run) -> None:
    start = time.perf_counter()
    run()
    print(f"{label:8} {time.perf_counter() - start:6.2f} s")


def main() -> None:
    sizes = [word for word in sys.argv[1:] if word.isdigit()]
    count = int(sizes[0]) if sizes else 500
    if "--vault" in sys.argv:
        build(Path(sys.argv[sys.argv.index("--vault") + 1]), count)
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, count)
        index, config = load_index(root), load_config(root)
        print(f"{count} contacts, {index.files} notes")
        timed("hubs", lambda: hubs(index, config, network(index, gather(index, TODAY))))
        if "--no-intros" not in sys.argv:
            timed("intros", lambda: intros(index, network(index, gather(index, TODAY)), today=TODAY))
        timed("path", lambda: paths(index, (a := gather(index, TODAY)), config, network(index, a), "guest 3"))
        timed("goals", lambda: goals(index, (a := gather(index, TODAY)), config, network(index, a)))
        timed("give", lambda: ideas(index, gather(index, TODAY)))
        timed("meetup", lambda: meetups(index, gather(index, TODAY), config))
        timed("agenda", lambda: agenda(index, gather(index, TODAY), config))
        timed("balance", lambda: balance(index, TODAY))
        timed("layers", lambda: layers(index, gather(index, TODAY), config))


if __name__ == "__main__":
    main()
