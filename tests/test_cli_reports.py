import csv
import io
import json

import pytest
from click.testing import CliRunner

from vaultkit.cli import cli

from .conftest import EXAMPLE_VAULT
from .golden import assert_golden
from .test_agenda import person

TODAY = ["--today", "2026-11-21"]
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "csv": "csv"}


def run(*args, vault=EXAMPLE_VAULT):
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_stale_on_the_example_vault_matches_its_golden_file(fmt):
    result = run("stale", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"stale.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_tags_on_the_example_vault_matches_its_golden_file(fmt):
    result = run("tags", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"tags.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


def test_tags_json_counts_nested_tags_for_parents_and_finds_variants():
    document = json.loads(run("tags", *TODAY, "--format", "json").output)
    assert document["schema"] == "vaultkit.tags/1"
    by_tag = {t["tag"]: t for t in document["tags"]}
    assert by_tag["kunst"]["members"] == ["Anke Brandt", "Jürgen Hoffmann", "Marie Lefèvre", "Nadine Schulz"]
    assert (by_tag["kiel"]["count"], by_tag["kiel"]["overdue"], by_tag["kiel"]["last_interaction"]) == (12, 2, "2026-11-18")
    assert document["untagged"] == ["Ben Hughes", "Broken Example"]
    assert document["variants"] == [["Kiel", "kiel"]]


def test_stale_json_lists_groups_and_never_contacted():
    document = json.loads(run("stale", *TODAY, "--after", "6m", "--format", "json").output)
    assert (document["schema"], document["today"], document["after"]) == ("vaultkit.stale/1", "2026-11-21", "6m")
    silent = {c["contact"]: c["days_silent"] for g in document["groups"] for c in g["contacts"]}
    assert silent == {"Dr. Hans Becker": 193, "Birgit Lange": 344, "Mark Ellis": 721, "Andreas König": 529,
                      "Julia Neumann": 234, "Carla Jensen": 195}
    assert document["never_contacted"] == ["Ben Hughes", "Broken Example", "Emily Carter"]


def test_stale_rejects_a_duration_it_cannot_read():
    result = run("stale", "--after", "soon")
    assert result.exit_code == 2
    assert "Invalid value for '--after': expected a duration like 10d, 2w, 1m, 1y or monthly, got 'soon'" in result.output


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(vault):
    root = vault({"People/=HYPERLINK(1).md": person(circle="close", last_contact="2026-01-01")
                  + "## Log\n- 2026-01-01 +call: @home -sick\n"})
    rows = list(csv.reader(io.StringIO(run("stale", *TODAY, "--format", "csv", vault=root).output)))
    assert rows[1][1:3] == ["'=HYPERLINK(1)", "'=HYPERLINK(1)"]
    assert rows[1][-1] == "'+call: @home -sick"
