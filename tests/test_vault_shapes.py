"""Vaults shaped the way Obsidian users keep them, read with no .vaultkit.toml at all.

Each folder in tests/fixtures/vaults/ (written here from scratch) stands for a convention seen
in public vaults and templates: a CRM demo with Title-Case keys, a work vault in Dataview
fields, LifeOS's cards, the personal-CRM plugin's keys, a planner's dated headings, people as
tags, a daily driver with Templater, a vCard plugin's notes, and kepano's categories.
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURE_VAULTS
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.index import load_index

TODAY = date(2026, 11, 21)


def read(shape: str):
    index = load_index(FIXTURE_VAULTS / shape)
    return index, gather(index, TODAY)


def last(activity, contact_id):
    found = activity.of(contact_id).last()
    return (found.date, found.source, found.text) if found else None


@pytest.mark.parametrize(
    "shape, contacts",
    [
        ("crm-demo", ["Alice Moreau", "Ravi Shah"]),
        ("dataview-work", ["john-doe", "mary-major"]),
        ("lifeos", ["Me", "Tina Turner"]),
        ("prm-plugin", ["Olga Berg"]),
        ("planner", ["ben-kim"]),
        ("people-as-tags", ["Sam Lee"]),
        ("daily-driver", ["Pia Wolf"]),
        ("vcard-demo", ["Leo Grant"]),
        ("kepano", ["Ben Ortiz"]),
    ],
)
def test_each_shape_finds_its_contacts_and_no_false_errors(shape, contacts):
    index = load_index(FIXTURE_VAULTS / shape)
    assert sorted(index.contacts) == contacts
    assert [d.format() for d in index.diagnostics if d.severity == "error"] == []
    result = CliRunner().invoke(
        cli, ["--vault", str(FIXTURE_VAULTS / shape), "check", "--today", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output


def test_crm_demo_title_case_keys_and_attendees():
    index, activity = read("crm-demo")
    alice = index.contacts["Alice Moreau"]
    assert (alice.org, alice.role, alice.email, alice.tags) == (
        "Northwind",
        "Head of Sales",
        "alice@northwind.example",
        ("customer",),
    )
    assert (alice.birthday.month, alice.birthday.day) == (3, 14)
    assert last(activity, "Alice Moreau")[:2] == (
        date(2026, 11, 12),
        "Meetings/2026-11-12 Quarterly review.md",
    )
    assert last(activity, "Ravi Shah")[:2] == (date(2026, 11, 12), "Meetings/2026-11-12 Quarterly review.md")


def test_dataview_work_vault_fields_names_and_meeting_texts():
    index, activity = read("dataview-work")
    john = index.contacts["john-doe"]
    assert (john.name, john.role, john.org, john.email) == ("John Doe", "CEO", "Acme", "john@acme.example")
    assert (index.contacts["mary-major"].role, index.contacts["mary-major"].org) == ("Designer", "Globex")
    when, source, text = last(activity, "john-doe")
    assert (when, source) == (date(2024, 6, 14), "Work/Meetings/Meeting - 2024-06-14 2247.md")
    assert "John Doe" in text and "[[" not in text and "::" not in text
    result = CliRunner().invoke(cli, ["--vault", str(FIXTURE_VAULTS / "dataview-work"), "check"])
    assert "fields read: company as org, title as role" in result.output  # Dataview fields too
    # An empty date: never hides the date in the file name, wherever it stands there.
    assert last(activity, "mary-major")[0] == date(2023, 3, 12)


def test_lifeos_templates_folder_from_obsidian_and_dated_headings():
    index, activity = read("lifeos")
    tina = index.contacts["Tina Turner"]
    assert [(e.date, e.text) for e in tina.log] == [(date(2025, 3, 1), "Lunch, she is moving to Lisbon.")]
    assert last(activity, "Tina Turner")[:2] == (date(2025, 5, 20), "Calendar/Notes/2025-05-20.md")
    assert not any(note.path.startswith("Extras/Templates/") for note in index.notes)
    assert [d.code for d in index.diagnostics if d.path == "Cards/People/Me.md"] == ["owner-note"]


def test_prm_plugin_keys_work_without_renaming():
    index, _ = read("prm-plugin")
    olga = index.contacts["Olga Berg"]
    assert (olga.last_contact, str(olga.cadence), olga.circle, olga.snooze_until) == (
        date(2026, 9, 1),
        "1m",
        "close",
        date(2026, 12, 10),
    )
    assert (olga.birthday.month, olga.birthday.day) == (12, 2)


def test_planner_dated_headings_are_the_log():
    index, _ = read("planner")
    ben = index.contacts["ben-kim"]
    assert ben.name == "Ben Kim"
    assert [(e.date, e.gave) for e in ben.log] == [(date(2022, 2, 15), True), (date(2022, 3, 1), False)]


def test_people_as_tags_nested_tags_are_mentions_and_a_tag_without_a_note_is_named():
    index, activity = read("people-as-tags")
    assert last(activity, "Sam Lee")[:2] == (date(2026, 11, 3), "1-1s/2026-11-03.md")
    result = CliRunner().invoke(cli, ["--vault", str(FIXTURE_VAULTS / "people-as-tags"), "check"])
    assert "1-1s/2026-11-10.md:1: warning person-without-note people/kim-ono" in result.output


def test_daily_driver_settings_from_obsidian_and_templater():
    index, activity = read("daily-driver")
    assert not any(note.path.startswith("_meta/") for note in index.notes)
    when, source, text = last(activity, "Pia Wolf")
    assert (when, source) == (date(2026, 11, 14), "Journal/14.11.2026.md")
    assert "remember the book" not in text and "Pia Wolf" in text
    pia = index.contacts["Pia Wolf"]
    assert (pia.birthday.month, pia.birthday.day, pia.birthday.year) == (5, 17, None)


def test_vcard_demo_keys_and_kind_org():
    index, _ = read("vcard-demo")
    leo = index.contacts["Leo Grant"]
    assert leo.emails == ("leo@home.example", "leo@work.example")
    assert (leo.phone, leo.org, leo.role, leo.tags) == (
        "+1 555 0100",
        "Initech",
        "Analyst",
        ("friends", "tennis"),
    )
    assert "Initech" not in index.contacts


def test_kepano_categories_and_org_as_a_list():
    index, activity = read("kepano")
    ben = index.contacts["Ben Ortiz"]
    assert (ben.org, ben.orgs) == ("Obsidian", ("Obsidian",))
    assert last(activity, "Ben Ortiz")[:2] == (date(2026, 10, 20), "Meetings/2026-10-20 Roadmap.md")
