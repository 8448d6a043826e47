"""The pictures `report` writes: well-formed SVG, every contact drawn once, note text as text,
nothing fetched from outside, the same bytes for the same notes, German words under --lang de,
and names that never cover one another, even at 1,000 contacts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO, person, write_vault
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render.pictures import pictures
from vaultkit.reports.pictures.layout import ASCENT, COLUMN_WIDTH, DESCENT
from vaultkit.reports.pictures.picture import PICTURES

TODAY = date(2026, 11, 21)
SVG = "{http://www.w3.org/2000/svg}"
DOT = "•"  # a dot's box among the names' boxes
HOSTILE = ("<script>alert(1)</script>", 'A & B "x"')


def drawn(root: Path, today: date = TODAY) -> dict[str, str]:
    config = load_config(root)
    index = load_index(root, config)
    return pictures(index, gather(index, today), config)


def people(svg: str) -> list[ElementTree.Element]:
    return [g for g in ElementTree.fromstring(svg).iter(f"{SVG}g") if "person" in g.get("class", "").split()]


def report(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--vault", str(root), *args, "report", "--today", "2026-11-21"])


@pytest.fixture(scope="module")
def example_pictures() -> dict[str, str]:
    return drawn(EXAMPLE_VAULT)


@pytest.mark.parametrize("name", PICTURES)
def test_each_picture_is_an_svg_document_with_its_size_and_vaultkits_mark(example_pictures, name):
    svg = example_pictures[name]
    assert svg.startswith("<svg ")
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert width > 0 and height > 0 and root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.get("data-generated-by") == "vaultkit"


def test_every_contact_not_archived_is_drawn_once_by_its_note(example_pictures):
    index = load_index(EXAMPLE_VAULT)
    expected = sorted(c.path for c in index.contacts.values() if c.status != "archived")
    shown = sorted(g.get("data-contact", "") for g in people(example_pictures["Network.svg"]))
    assert shown == expected and len(expected) == 29
    archived = [c.path for c in index.contacts.values() if c.status == "archived"]
    assert archived and not set(archived) & set(shown)


def test_due_overdue_and_drifting_people_carry_the_agendas_classes(example_pictures):
    agenda = CliRunner().invoke(
        cli, ["--vault", str(EXAMPLE_VAULT), "agenda", "--today", "2026-11-21", "--format", "json"]
    )
    import json

    items = json.loads(agenda.stdout)["items"]
    index = load_index(EXAMPLE_VAULT)
    wanted = {
        kind: sorted(index.contacts[item["contact"]].path for item in items if item["kind"] == kind)
        for kind in ("overdue", "due", "drifting")
    }
    classes = {
        g.get("data-contact"): g.get("class", "").split() for g in people(example_pictures["Network.svg"])
    }
    for kind, paths in wanted.items():
        assert sorted(path for path, names in classes.items() if kind in names) == paths, kind
    assert wanted["overdue"] and wanted["due"] and wanted["drifting"]


def test_links_are_lines_of_their_kind_between_two_drawn_people(example_pictures):
    root = ElementTree.fromstring(example_pictures["Network.svg"])
    links = [line for line in root.iter(f"{SVG}line") if "link" in line.get("class", "").split()]
    kinds = {line.get("class") for line in links}
    assert {"link knows", "link met"} <= kinds <= {"link knows", "link introduced", "link met"}
    dots = {
        (c.get("cx"), c.get("cy"))
        for g in people(example_pictures["Network.svg"])
        for c in g.iter(f"{SVG}circle")
    }
    ends = [((line.get("x1"), line.get("y1")), (line.get("x2"), line.get("y2"))) for line in links]
    assert all(a in dots and b in dots for a, b in ends)  # the legend's samples are no links
    assert len(ends) == 17  # knows and meetings between two contacts, each pair once


def test_a_hostile_name_stays_text_in_every_picture(vault):
    root = vault(
        {
            "People/Script.md": person(name=f"'{HOSTILE[0]}'", circle="close", log="- 2026-11-02 call\n"),
            "People/Ampersand.md": person(name=f"'{HOSTILE[1]}'", circle="inner", knows='["[[Script]]"]'),
            'People/Tom & "Jerry" <b>.md': person(circle="network"),
        }
    )
    found = drawn(root)
    for svg in found.values():
        tree = ElementTree.fromstring(svg)
        assert not [e for e in tree.iter() if e.tag.removeprefix(SVG) in ("script", "foreignObject")]
        assert not [name for e in tree.iter() for name in e.attrib if name.startswith("on")]
    network = ElementTree.fromstring(found["Network.svg"])
    titles = {g.get("data-contact"): g.find(f"{SVG}title") for g in people(found["Network.svg"])}
    assert titles["People/Script.md"].text == HOSTILE[0]  # type: ignore[union-attr]
    assert titles["People/Ampersand.md"].text == HOSTILE[1]  # type: ignore[union-attr]
    labels = [t.text for t in network.iter(f"{SVG}text")]
    assert HOSTILE[1] in labels and "<script>alert(1)</scrip…" in labels  # cut to 24 columns
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in found["Network.svg"]
    assert 'People/Tom & "Jerry" <b>.md' in titles  # a file name, as the attribute holds it


def test_no_picture_refers_to_anything_outside_itself(example_pictures):
    for svg in example_pictures.values():
        tree = ElementTree.fromstring(svg)
        assert not [name for e in tree.iter() for name in e.attrib if "href" in name]
        assert "url(" not in svg and "@import" not in svg and "@font-face" not in svg


def test_the_colours_follow_the_dark_theme(example_pictures):
    for svg in example_pictures.values():
        style = ElementTree.fromstring(svg).find(f"{SVG}style")
        assert style is not None and "@media (prefers-color-scheme: dark)" in (style.text or "")


def test_the_same_notes_give_the_same_bytes_in_every_process(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        root = tmp_path / seed
        shutil.copytree(EXAMPLE_VAULT, root, ignore=shutil.ignore_patterns("_vaultkit", ".vaultkit"))
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO), "VAULTKIT_NO_CACHE": "1"}
        subprocess.run(
            [sys.executable, "-m", "vaultkit", "--vault", str(root), "report", "--today", "2026-11-21"],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append({name: (root / "_vaultkit" / name).read_bytes() for name in PICTURES})
    assert outputs[0] == outputs[1]


def test_report_writes_the_pictures_and_embeds_them(example):
    result = report(example)
    assert result.exit_code == 0, result.output
    for name in PICTURES:
        assert f"wrote _vaultkit/{name}" in result.stdout.splitlines()
    folder = example / "_vaultkit"
    assert "![[_vaultkit/Network.svg]]" in (folder / "Agenda.md").read_text(encoding="utf-8")
    note = (folder / "Network.md").read_text(encoding="utf-8")
    assert all(f"![[_vaultkit/{name}]]" in note for name in PICTURES)
    again = report(example)
    assert [f"unchanged _vaultkit/{name}" in again.stdout.splitlines() for name in PICTURES] == [True] * 3


def test_report_never_writes_over_a_picture_it_did_not_draw(example):
    foreign = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>mine</title></svg>\n'
    write_vault(example, {"_vaultkit/Network.svg": foreign})
    result = report(example)
    assert result.exit_code == 1
    assert (
        "vaultkit: not writing _vaultkit/Network.svg: it is not vaultkit's picture (its svg element has no "
        'data-generated-by="vaultkit"); move it away, or set [report] folder to a folder of its own'
    ) in result.stderr.splitlines()
    assert (example / "_vaultkit" / "Network.svg").read_text() == foreign
    assert "wrote _vaultkit/Year.svg" in result.stdout.splitlines()


def test_a_config_that_lists_its_reports_gets_no_pictures_and_no_embed(example):
    config = (example / ".vaultkit.toml").read_text(encoding="utf-8")
    config = config.replace('folder = "_vaultkit"', 'folder = "_vaultkit"\nreports = ["agenda", "network"]')
    (example / ".vaultkit.toml").write_text(config, encoding="utf-8")
    result = report(example)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (example / "_vaultkit").iterdir()) == ["Agenda.md", "Network.md"]
    assert "Network.svg" not in (example / "_vaultkit" / "Agenda.md").read_text(encoding="utf-8")
    assert 'add "pictures" to [report] reports' in (example / "_vaultkit" / "Network.md").read_text("utf-8")


def test_the_pictures_speak_german_under_lang_de(example):
    result = report(example, "--lang", "de")
    assert result.exit_code == 0, result.output
    folder = example / "_vaultkit"
    network = ElementTree.fromstring((folder / "Network.svg").read_text(encoding="utf-8"))
    words = {t.text for t in network.iter(f"{SVG}text")}
    assert {"du", "Überfällig", "Fällig", "kennt"} <= words
    year = ElementTree.fromstring((folder / "Year.svg").read_text(encoding="utf-8"))
    words = {t.text for t in year.iter(f"{SVG}text")}
    assert {"Mo.", "Mi.", "Fr.", "Okt", "Dez"} <= words and "Kontakte pro Woche im letzten Jahr" in words
    days = [t.text for t in year.iter(f"{SVG}title") if t.text and t.text.startswith("Sa., 21.11.2026")]
    assert days == ["Sa., 21.11.2026: 0 Kontakte"]
    layers = (folder / "Layers.svg").read_text(encoding="utf-8")
    assert "3 von etwa 5" in layers and "Deine Kreise und die Dunbar-Ebenen" in layers
    assert "Dein Netzwerk" in (folder / "Network.md").read_text(encoding="utf-8")


def test_the_year_counts_the_contacts_of_each_day_and_shows_its_gaps(example_pictures):
    index = load_index(EXAMPLE_VAULT)
    activity = gather(index, TODAY)
    in_touch: dict[str, set[str]] = {}
    for contact in index.contacts.values():
        if contact.status != "archived":
            for interaction in activity.of(contact.id).interactions:
                in_touch.setdefault(interaction.date.isoformat(), set()).add(contact.id)
    year = ElementTree.fromstring(example_pictures["Year.svg"])
    days = [rect for rect in year.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(days) == 52 * 7 + TODAY.weekday() + 1
    counted = {}
    for rect in days:
        said = rect.find(f"{SVG}title").text or ""  # type: ignore[union-attr]
        day, contacts = said.split(": ")  # "Sat 2026-11-21: 0 contacts"
        counted[day.split()[1]] = int(contacts.split()[0])
    assert min(counted) == "2025-11-17" and max(counted) == "2026-11-21"  # a Monday 53 weeks back to today
    assert counted == {day: len(in_touch.get(day, ())) for day in counted}
    assert {rect.get("class") for rect in days} >= {"l0", "l1", "l2"}
    texts = [t.text or "" for t in year.iter(f"{SVG}text")]
    weeks = sum(1 for w in range(52) if not any(list(counted.values())[w * 7 : w * 7 + 7]))
    said = f"{sum(counted.values())} contacts in the last year, {weeks} weeks without any"
    assert said in texts and weeks > 0


def test_the_layers_picture_writes_each_circle_against_its_layer(example_pictures):
    texts = [t.text for t in ElementTree.fromstring(example_pictures["Layers.svg"]).iter(f"{SVG}text")]
    assert "3 of about 5" in texts and "8 of about 15 (5 in this circle)" in texts
    assert "21 of about 50 (13 in this circle)" in texts and "4, no cadence" in texts
    assert "25 of about 150" in texts


def label_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """Every name and caption written in the rings, as the box its letters take at most."""
    root = ElementTree.fromstring(svg)
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") not in ("people", "me", "captions"):
            continue
        size = float(group.get("font-size", "0"))
        assert size > 0
        for text in group.iter(f"{SVG}text"):
            words = text.text or ""
            x, y = float(text.get("x", "0")), float(text.get("y", "0"))
            width = len(words) * COLUMN_WIDTH * size
            anchor = text.get("text-anchor", "start")
            left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
            boxes.append((left, y - ASCENT * size, left + width, y + DESCENT * size, words))
    return boxes


def dot_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    dots = []
    for group in people(svg):
        for dot in group.iter(f"{SVG}circle"):
            x, y, r = (float(dot.get(name, "0")) for name in ("cx", "cy", "r"))
            dots.append((x - r, y - r, x + r, y + r, DOT))
    return dots


def overlapping(boxes: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    boxes = sorted(boxes)
    found = []
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] and b[1] < a[3] and not a[4] == b[4] == DOT:  # two dots may touch
                found.append((a[4], b[4]))
    return found


def generated(root: Path, count: int) -> Path:
    """`count` contacts in four circles, each knowing two others, with a few calls each."""
    circles = ["inner"] + ["close"] * 3 + ["network"] * 10 + [None] * 36
    files: dict[str, str] = {}
    for n in range(count):
        circle = circles[n % len(circles)]
        fields = {"knows": f'["[[Person {(n * 7 + 1) % count}]]", "[[Person {(n * 13 + 5) % count}]]"]'}
        if circle:
            fields["circle"] = circle
        log = "".join(f"- 2026-{1 + (n + k) % 11:02d}-{1 + (n * k) % 28:02d} call\n" for k in range(3))
        files[f"People/Person {n}.md"] = person(log=log, **fields)
    return write_vault(root, files)


def test_a_thousand_contacts_are_all_drawn_and_no_name_covers_another(tmp_path):
    found = drawn(generated(tmp_path / "vault", 1000))
    svg = found["Network.svg"]
    assert len({g.get("data-contact") for g in people(svg)}) == len(people(svg)) == 1000
    boxes = label_boxes(svg)
    shown = [box for box in boxes if box[4].startswith("Person ")]
    assert 150 < len(shown) < 1000  # many names fit; the others are on hover
    assert overlapping(boxes + dot_boxes(svg)) == []  # no name covers a name or a dot
    root = ElementTree.fromstring(svg)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert all(0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height for box in boxes)
    names = [(g.find(f"{SVG}title").text or "").split(" · ")[0] for g in people(svg)]  # type: ignore[union-attr]
    assert sorted(names, key=lambda name: int(name.split()[1])) == [f"Person {n}" for n in range(1000)]


def test_at_150_contacts_most_names_are_written_and_none_covers_another(tmp_path):
    svg = drawn(generated(tmp_path / "vault", 150))["Network.svg"]
    names = [box for box in label_boxes(svg) if box[4].startswith("Person ")]
    assert len(names) >= 130 and overlapping(label_boxes(svg) + dot_boxes(svg)) == []


def test_the_pictures_in_the_readme_are_what_the_documented_command_draws_now(tmp_path):
    env = {**os.environ, "PYTHON": sys.executable, "PYTHONPATH": str(REPO)}
    subprocess.run(
        ["sh", str(REPO / "docs" / "pictures" / "regenerate.sh"), str(tmp_path)], env=env, check=True
    )
    for name in PICTURES:
        assert (tmp_path / name).read_bytes() == (REPO / "docs" / "pictures" / name).read_bytes(), name
