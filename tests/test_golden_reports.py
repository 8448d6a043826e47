"""Golden files for every report in every format it offers, run through the command line only.

They pin the output down byte for byte, so that moving code between modules can show that no
report changed. Only `vaultkit.cli` and the test helpers are imported, so these tests need no
change when the package's insides move. Rewrite with `VAULTKIT_UPDATE_GOLDEN=1` after an
intended change, and read the diff.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING, REPO
from tests.golden import assert_golden
from vaultkit.cli import cli

TODAY = ["--today", "2026-11-21"]
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "csv": "csv", "vcard": "vcf"}

# Relative to the repository, so that the report, which names the file as given, reads the same
# on every machine.
ATTENDEES = "example-vault/Events/kulturabend-attendees.txt"

# Each report with arguments that give it something to say, under the golden file's stem:
REPORTS = {
    "intros": ["intros"],
    # Marie both needs and offers, shares an interest and already knows one of her matches.
    "intros-for-marie": ["intros", "--for", "Marie Lefèvre"],
    # Lena Petersen has no note: only contacts who met her at a meeting can introduce me.
    "path": ["path", "Lena Petersen"],
    # Jürgen and Anke are hubs and bridges, Katrin alone links the two sailors.
    "hubs": ["hubs"],
    # Contacts (one by an alias), someone reachable through contacts, and a stranger.
    "event": ["event", ATTENDEES],
    "balance": ["balance"],
    "goals": ["goals"],
    # Every kind of idea: a mutual introduction, a need the owner's note offers, giving back.
    "give": ["give"],
    # One contact, as `show` finds them; a mutual introduction from this side.
    "give-for-hannah": ["give", "hannah"],
    "layers": ["layers"],
    # Silent for almost two years, an occasion in the silence, a promise still open.
    "reconnect": ["reconnect", "Mark Ellis"],
    # Addressed as Sie, a birthday coming up, a need you and a contact of yours can meet.
    "reconnect-birgit": ["reconnect", "Birgit Lange"],
    # Five people due in Kiel: two know each other, two could help another.
    "meetup": ["meetup"],
}
REPORT_FORMATS = ["text", "markdown", "json"]


def run(*args, vault=EXAMPLE_VAULT):
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


def stdout(result) -> str:
    # Bytes, not text: some formats end lines in CRLF, and that is part of what is tested.
    return result.stdout_bytes.decode("utf-8")


@pytest.mark.parametrize(
    "stem, fmt", [pytest.param(stem, fmt, id=f"{stem}-{fmt}") for stem in REPORTS for fmt in REPORT_FORMATS]
)
def test_report_on_the_example_vault_matches_its_golden_file(monkeypatch, stem, fmt):
    monkeypatch.chdir(REPO)
    result = run(*REPORTS[stem], *TODAY, "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, EXAMPLE_WARNING)
    assert_golden(f"{stem}.{EXTENSIONS[fmt]}", stdout(result))


@pytest.mark.parametrize("fmt", [pytest.param(fmt, id=f"check-{fmt}") for fmt in ["text", "json"]])
def test_check_of_the_example_vault_matches_its_golden_file(fmt):
    result = run("check", *TODAY, "--format", fmt)
    assert result.exit_code == 1  # People/Broken Example.md is broken on purpose
    assert_golden(f"check.{EXTENSIONS[fmt]}", stdout(result))


@pytest.mark.parametrize("fmt", [pytest.param(fmt, id=f"export-{fmt}") for fmt in ["vcard", "csv", "json"]])
def test_export_of_the_example_vault_matches_its_golden_file(fmt):
    result = run("export", *TODAY, "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, EXAMPLE_WARNING)
    assert_golden(f"export.{EXTENSIONS[fmt]}", stdout(result))


# Every file `vaultkit report` renders into _vaultkit/. report-Agenda.md is checked by
# test_report_watch.py already; it is here too so that the set of files is complete.
RENDERED = [
    "Agenda.md",
    "Stale.md",
    "Tags.md",
    "vaultkit.ics",
    "Network.md",
    "Network.svg",
    "Layers.svg",
    "Year.svg",
]


@pytest.mark.parametrize("name", [pytest.param(name, id=f"report-{name}") for name in RENDERED])
def test_each_rendered_report_note_matches_its_golden_file(example, name):
    result = run("report", *TODAY, vault=example)
    assert (result.exit_code, result.stderr) == (0, EXAMPLE_WARNING)
    assert result.stdout == "".join(f"wrote _vaultkit/{rendered}\n" for rendered in RENDERED)
    folder = example / "_vaultkit"
    assert sorted(p.name for p in folder.iterdir()) == sorted(RENDERED)
    assert_golden(f"report-{name}", (folder / name).read_bytes().decode("utf-8"))
