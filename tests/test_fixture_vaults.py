"""One small vault per scenario, in tests/fixtures/vaults/: what vaultkit makes of each."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURE_VAULTS
from tests.golden import assert_golden
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.index import load_index
from vaultkit.values import resolve

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize("scenario", ["minimal", "broken", "duplicates", "categories"])
def test_check_says_what_it_found_in_each_scenario(scenario):
    result = CliRunner().invoke(
        cli, ["--vault", str(FIXTURE_VAULTS / scenario), "check", "--today", TODAY.isoformat()]
    )
    assert result.exit_code == (1 if scenario in ("broken", "duplicates") else 0)
    assert_golden(f"check-{scenario}.txt", result.output)


def test_minimal_a_daily_note_that_links_the_contact_is_the_last_contact():
    index = load_index(FIXTURE_VAULTS / "minimal")
    last = gather(index, TODAY).of("Anna").last()
    assert last is not None
    assert (last.date, last.source) == (date(2026, 11, 1), "Daily/2026-11-01.md")


def test_broken_every_broken_note_is_named_and_the_rest_of_the_vault_is_read():
    index = load_index(FIXTURE_VAULTS / "broken")
    assert {d.path for d in index.diagnostics} == {
        "People/Bad values.md",
        "People/Latin1.md",
        "People/Open front matter.md",
        "People/Tabs.md",
        "People/Unclosed quote.md",
    }
    assert index.contacts["Good"].last_contact == date(2026, 10, 1)
    assert index.contacts["Latin1"].name == "Café"  # read as Windows-1252


def test_duplicates_the_shallower_note_is_read_and_a_shared_alias_names_nobody():
    index = load_index(FIXTURE_VAULTS / "duplicates")
    assert index.contacts["Anna"].path == "People/Anna.md"
    assert index.left_out == {"Anna": ("People/Old/anna.md",)}
    assert set(resolve(index, "annie")) == {"Anna", "Annika"}
    interactions = gather(index, TODAY).of("Anna").interactions
    assert [(i.date, i.source) for i in interactions] == [(date(2026, 11, 2), "Daily/2026-11-02.md")]
    assert gather(index, TODAY).of("Annika").interactions == []


def test_categories_people_by_category_meetings_by_property_and_no_template():
    index = load_index(FIXTURE_VAULTS / "categories")
    assert sorted(index.contacts) == ["Ben Ortiz", "Cleo Park"]
    assert index.contacts["Ben Ortiz"].org == "Acme"
    activity = gather(index, TODAY)
    assert [i.date for i in activity.of("Cleo Park").interactions] == [date(2026, 11, 10)]
    assert index.diagnostics == ()  # the template's {{date}} is never read
