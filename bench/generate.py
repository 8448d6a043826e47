"""Write a deterministic synthetic vault for the benchmark.

    python bench/generate.py DIR --notes 33000 [--seed 1] [--block-lists] [--templater]

The mix follows a vault grown over years: 30 % contact notes, 9 % daily notes, 61 % meeting
notes (the 33,000-note vault of the benchmark is 10,000 people, 3,000 daily notes, 20,000
meetings). Notes carry what real ones carry: German and English names with umlauts, list and
date properties, wikilinks and aliases, logs with #gave/#got, open and done tasks, a few notes
with broken YAML. `--block-lists` writes every list as Obsidian's property editor does (`key:`
then `  - item` lines) instead of `[a, b]`; `--templater` gives every note the `created` and
`modified` stamps a Templater template writes, and contacts their keys in Title Case (`Last
Contact`, `Birthday`). The same arguments always write the same bytes.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

FIRST = [
    "Anna",
    "Jürgen",
    "Marie",
    "Lukas",
    "Sophie",
    "Hans",
    "Ilse",
    "Björn",
    "Sören",
    "Käthe",
    "Özlem",
    "Mehmet",
    "Priya",
    "Tom",
    "Sarah",
    "Felix",
    "Julia",
    "Stefan",
    "Birgit",
    "Jörg",
    "Emily",
    "Daniel",
    "Katrin",
    "Paul",
    "Nadine",
    "Andreas",
    "Hannah",
    "Michael",
    "Lena",
    "Ben",
]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "König",
    "Krüger",
    "Lefèvre",
    "Yılmaz",
    "Nair",
    "Collins",
    "Jensen",
    "Braun",
    "Vogel",
    "Richter",
    "Kramer",
    "Lange",
    "Okafor",
    "Grant",
    "Ellis",
    "Neumann",
    "Günther",
    "Seeler",
    "Dräger",
    "Öztürk",
]
TAGS = [
    "kunst",
    "kiel",
    "hamburg",
    "arbeit",
    "familie",
    "sport",
    "musik",
    "tech",
    "verein",
    "uni",
    "nachbarn",
    "kunst/malerei",
    "tech/python",
]
INTERESTS = [
    "Segeln",
    "Jazz",
    "Gärtnern",
    "Schach",
    "Radfahren",
    "Kochen",
    "Oper",
    "Laufen",
    "climbing",
    "sourdough",
    "Fotografie",
    "Hunde",
    "Stadtgeschichte",
    "Whisky",
    "Tee",
]
CIRCLES = ["inner", "close", "network", "network", "network", "reserve", None, None]
TOPICS = [
    "Stammtisch",
    "Projektrunde",
    "Vernissage",
    "Workshop",
    "Mittagessen",
    "Sprint Review",
    "Vereinssitzung",
    "Kaffee",
    "Planung",
    "Retro",
]
WORDS = (
    "und der die das mit über für ein eine Projekt Idee Termin Ausstellung Förde Wohnung "
    "Umzug Garten Konzert Buch Reise Kiel Hamburg plan budget draft call notes next week "
    "offer review"
).split()
START = date(2016, 1, 1)
END = date(2027, 3, 1)


def generate(
    root: Path, notes: int, seed: int = 1, block_lists: bool = False, templater: bool = False
) -> None:
    rng = random.Random(seed)
    write = _write_with_block_lists if block_lists else _write
    if templater:
        write = _as_templater_writes(write, rng)
    contacts = notes * 30 // 100
    dailies = notes * 9 // 100
    meetings = notes - contacts - dailies
    people = _names(rng, contacts)
    for person in people:
        write(root / "People" / f"{person}.md", _contact(rng, person, people))
    days = (END - START).days
    for day in sorted(rng.sample(range(days), min(dailies, days))):
        when = START + timedelta(days=day)
        write(root / "Daily" / f"{when.isoformat()}.md", _daily(rng, when, people))
    for number in range(meetings):
        when = START + timedelta(days=rng.randrange(days))
        title = f"{when.isoformat()} {rng.choice(TOPICS)} {number}"
        write(root / "Meetings" / f"{title}.md", _meeting(rng, when, people))


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{name} {len(names)}"
        seen.add(name)
        names.append(name)
    return names


def _contact(rng: random.Random, person: str, people: list[str]) -> str:
    lines = ["---"]
    if rng.random() < 0.3:
        lines.append(f"aliases: [{person.split()[0]} {person.split()[1][0]}.]")
    lines.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]")
    circle = rng.choice(CIRCLES)
    if circle:
        lines.append(f"circle: {circle}")
    if rng.random() < 0.1:
        lines.append(f"cadence: {rng.choice(['2w', '1m', '6w', 'quarterly'])}")
    if rng.random() < 0.5:
        lines.append(f"last_contact: {_day(rng).isoformat()}")
    if rng.random() < 0.7:
        born = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        lines.append(f"birthday: {born.isoformat() if rng.random() < 0.8 else born.strftime('--%m-%d')}")
    lines.append(f'org: "[[{rng.choice(LAST)} GmbH]]"')
    lines.append(f"interests: [{', '.join(rng.sample(INTERESTS, rng.randint(1, 3)))}]")
    if rng.random() < 0.4:
        lines.append(f'knows: ["[[{rng.choice(people)}]]", "[[{rng.choice(people)}]]"]')
    if rng.random() < 0.002:
        lines.append('role: "unclosed')  # a broken note or two, as in every real vault
    lines += ["---", f"# {person}", "", _sentence(rng, 12), "", "## Log"]
    for _ in range(rng.randint(0, 4)):
        mark = rng.choice(["", "", " #gave", " #got"])
        lines.append(
            f"- {_day(rng).isoformat()} {rng.choice(['call', 'coffee', 'mail'])}: {_sentence(rng, 6)}{mark}"
        )
    return "\n".join(lines) + "\n"


def _daily(rng: random.Random, when: date, people: list[str]) -> str:
    lines = [f"# {when.isoformat()}", ""]
    for _ in range(rng.randint(1, 4)):
        lines.append(f"{_sentence(rng, 5)} [[{rng.choice(people)}]] {_sentence(rng, 4)}.")
    if rng.random() < 0.5:
        due = when + timedelta(days=rng.randint(1, 30))
        lines.append(f"- [ ] [[{rng.choice(people)}]] anrufen 📅 {due.isoformat()}")
    if rng.random() < 0.3:
        lines.append(f"- [x] {_sentence(rng, 3)} mit [[{rng.choice(people)}]]")
    return "\n".join(lines) + "\n"


def _meeting(rng: random.Random, when: date, people: list[str]) -> str:
    attendees = rng.sample(people, min(len(people), rng.randint(1, 4)))
    lines = []
    if rng.random() < 0.7:
        listed = ", ".join(f'"[[{name}]]"' for name in attendees)
        lines += ["---", f"people: [{listed}]", f"tags: [meeting, {rng.choice(TAGS)}]", "---"]
    lines += [f"# {rng.choice(TOPICS)}", "", _sentence(rng, 10)]
    for name in attendees[:2]:
        lines.append(f"- [[{name}]]: {_sentence(rng, 6)}")
    lines.append(_sentence(rng, 8))
    return "\n".join(lines) + "\n"


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange((END - START).days - 120))


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _write_with_block_lists(path: Path, text: str) -> None:
    """`_write`, with each non-empty `key: [a, b]` line of the front matter as a block list.
    (No generated item holds a comma.)"""
    lines = text.split("\n")
    if lines[0] == "---" and "---" in lines[1:]:
        end = lines.index("---", 1)
        block = []
        for line in lines[1:end]:
            key, _, value = line.partition(": ")
            if value.startswith("[") and value.endswith("]") and value != "[]":
                block += [f"{key}:", *(f"  - {item}" for item in value[1:-1].split(", "))]
            else:
                block.append(line)
        lines = ["---", *block, *lines[end:]]
    _write(path, "\n".join(lines))


# Keys as a Templater template for people often writes them: in Title Case, with spaces.
_TEMPLATER_KEYS = {
    "last_contact": "Last Contact",
    "birthday": "Birthday",
    "circle": "Circle",
    "org": "Company",
}


def _as_templater_writes(
    write: Callable[[Path, str], None], rng: random.Random
) -> Callable[[Path, str], None]:
    """`write`, with front matter as Templater leaves it: `created` and `modified` stamps to the
    minute at the top (a note without front matter gets them too), and a contact's keys in
    Title Case."""

    def templater_write(path: Path, text: str) -> None:
        when = datetime.combine(START, datetime.min.time()) + timedelta(
            days=rng.randrange((END - START).days), minutes=rng.randrange(24 * 60)
        )
        stamps = [
            f"created: {when:%Y-%m-%d %H:%M}",
            f"modified: {when + timedelta(days=rng.randrange(90)):%Y-%m-%d %H:%M}",
        ]
        lines = text.split("\n")
        if lines[0] == "---" and "---" in lines[1:]:
            end = lines.index("---", 1)
            front = []
            for line in lines[1:end]:
                key, colon, value = line.partition(":")
                front.append(f"{_TEMPLATER_KEYS.get(key, key)}{colon}{value}")
            lines = ["---", *stamps, *front, *lines[end:]]
        else:
            lines = ["---", *stamps, "---", *lines]
        write(path, "\n".join(lines))

    return templater_write


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--block-lists", action="store_true", help="lists as `key:` then `  - item` lines")
    parser.add_argument(
        "--templater", action="store_true", help="created/modified stamps, and contact keys in Title Case"
    )
    args = parser.parse_args()
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty")
    generate(args.folder, args.notes, args.seed, args.block_lists, args.templater)


if __name__ == "__main__":
    main()
