"""Golden files for the reports in German, on the example vault as the English ones: every word
a report says comes from the catalog, every date, count and list as written in Germany. The
fields of JSON that are prose are German; every other field is as in English."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from tests.golden import assert_golden
from vaultkit import language
from vaultkit.cli import cli

TODAY = ["--today", "2026-11-21"]
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json"}
ATTENDEES = "example-vault/Events/kulturabend-attendees.txt"

REPORTS = {
    "show": ["show", "jurgen"],
    "stale": ["stale"],
    "tags": ["tags"],
    "balance": ["balance"],
    "goals": ["goals"],
    "give": ["give"],
    "layers": ["layers"],
    "intros": ["intros"],
    "intros-for-marie": ["intros", "--for", "Marie Lefèvre"],
    "path": ["path", "Lena Petersen"],
    "hubs": ["hubs"],
    "event": ["event", ATTENDEES],
    "reconnect": ["reconnect", "Mark Ellis"],
    "reconnect-birgit": ["reconnect", "Birgit Lange"],
    "meetup": ["meetup"],
}
# The reports whose JSON holds prose.
WITH_PROSE = [
    "show",
    "stale",
    "intros",
    "intros-for-marie",
    "path",
    "hubs",
    "event",
    "reconnect",
    "reconnect-birgit",
    "give",
    "meetup",
]
CASES = [(stem, fmt) for stem in REPORTS for fmt in ("text", "markdown")] + [
    (stem, "json") for stem in WITH_PROSE
]


@pytest.fixture(autouse=True)
def english_afterwards():
    # The command line sets the language of the process; the next test expects English.
    yield
    language.use("en")


def run(*args):
    return CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), *args], catch_exceptions=False)


@pytest.mark.parametrize("stem, fmt", [pytest.param(stem, fmt, id=f"{stem}-{fmt}") for stem, fmt in CASES])
def test_report_in_german_on_the_example_vault_matches_its_golden_file(monkeypatch, stem, fmt):
    monkeypatch.chdir(REPO)
    result = run("--lang", "de", *REPORTS[stem], *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"{stem}.de.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


def _facts(document):
    """`document` without the fields that are prose in the output language."""
    prose = {
        "rule",
        "because",
        "connected",
        "talking_points",
        "named",
        "said",
        "title",
        "why",
        "gets",
        "gives",
    }
    if isinstance(document, dict):
        return {key: _facts(value) for key, value in document.items() if key not in prose}
    if isinstance(document, list):
        return [_facts(item) for item in document]
    return document


@pytest.mark.parametrize("stem", WITH_PROSE)
def test_german_json_differs_from_english_only_in_its_prose_fields(monkeypatch, stem):
    monkeypatch.chdir(REPO)
    english, german = (
        json.loads(run("--lang", lang, *REPORTS[stem], *TODAY, "--format", "json").stdout)
        for lang in ("en", "de")
    )
    assert english != german
    assert _facts(english) == _facts(german)
