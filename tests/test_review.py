"""`vaultkit review`: who is up for review and why, and a session driven by keys, its notes
compared byte for byte after."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cli import cli

TODAY = "2026-11-21"
CONFIG = '[contacts]\nfolders = ["People"]\n'

LONG_AGO = """---
name: Lange Her
circle: network
reviewed: 2026-03-01
---
## Log
- 2025-01-10 call: the last long talk
"""
SILENT = """---
name: Silke Still
circle: network
---
## Log
- 2025-06-01 coffee: her new job
"""
DRIFTED = """---
name: Dirk Drift
circle: network
---
## Log
- 2026-09-05 Doppelkopf
- 2026-08-15 Doppelkopf
- 2026-07-25 Doppelkopf
- 2026-07-04 Doppelkopf
- 2026-06-13 Doppelkopf
"""
# As `vaultkit import` writes a LinkedIn connection with the vault's template: no circle, no
# cadence, nothing of how you met.
IMPORTED = """---
name: "Greta Sand"
aliases: []
tags: [person]
circle:
cadence:
last_contact:
status: active
org: Hafenwerk GmbH
connected: 2026-03-12
---
# Greta Sand

## Log
"""
NEVER = """---
name: Nora Neu
circle: network
how_met: at the conference in Kiel
---
## Log
"""
NOT_UP = {
    "People/Archived.md": "---\nname: Anna Archiv\nstatus: archived\n---\n## Log\n- 2024-01-01 call: old\n",
    "People/Snoozed.md": "---\nname: Sven Snooze\nsnooze_until: 2026-12-31\n---\n## Log\n- 2024-01-01 call: old\n",
    "People/Paused.md": "---\nname: Paula Pause\npaused: true\n---\n## Log\n- 2024-01-01 call: old\n",
    "People/Recent.md": "---\nname: Rita Recent\nreviewed: 2026-08-01\n---\n## Log\n- 2024-01-01 call: old\n",
    "People/Fine.md": "---\nname: Fine Fein\ncircle: network\n---\n## Log\n- 2026-11-01 call: all good\n",
}
NOTES = {
    "People/Lange Her.md": LONG_AGO,
    "People/Silke Still.md": SILENT,
    "People/Dirk Drift.md": DRIFTED,
    "People/Greta Sand.md": IMPORTED,
    "People/Nora Neu.md": NEVER,
    **NOT_UP,
}
ORDER = ["Lange Her", "Silke Still", "Dirk Drift", "Greta Sand", "Nora Neu"]


@pytest.fixture
def network(tmp_path: Path):
    root = write_vault(tmp_path / "vault", {".vaultkit.toml": CONFIG, **NOTES})

    def run(*args: str, keys: str | None = None, lang: str = "en"):
        return CliRunner().invoke(
            cli,
            ["--vault", str(root), "--lang", lang, "review", "--today", TODAY, *args],
            input=keys,
            catch_exceptions=False,
        )

    run.root = root  # type: ignore[attr-defined]
    return run


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def note(run, path: str) -> str:
    return (run.root / path).read_text(encoding="utf-8")


def test_json_lists_who_is_up_for_review_with_the_reasons_as_data(network):
    result = network("--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "vaultkit.review/1"
    assert (document["today"], document["holds"], document["total"]) == (TODAY, "6m", 5)
    assert [c["name"] for c in document["candidates"]] == ORDER
    kinds = {c["name"]: [r["kind"] for r in c["reasons"]] for c in document["candidates"]}
    assert kinds == {
        "Lange Her": ["long_silent"],
        "Silke Still": ["long_silent"],
        "Dirk Drift": ["drifted"],
        "Greta Sand": ["unsorted"],
        "Nora Neu": ["never_contacted"],
    }
    first, silent, drifted, imported, never = document["candidates"]
    assert first["reviewed"] == "2026-03-01"  # more than half a year ago: it holds no more
    assert silent["reasons"] == [
        {
            "kind": "long_silent",
            "last_contact": "2025-06-01",
            "days_silent": 538,
            "suggestion": "reserve",
            "rhythm": None,
            "connected": None,
        }
    ]
    assert drifted["reasons"][0]["rhythm"] == {"usual_gap_days": 21, "silent_days": 77, "gaps": 4}
    assert imported["reasons"][0]["connected"] == "2026-03-12"
    assert never["reasons"][0]["days_silent"] is None
    assert drifted["why"] == "quieter than usual: usually every 3 weeks, now silent for 11 weeks"
    assert document["reviewed_recently"] == [
        {"contact": "Recent", "name": "Rita Recent", "reviewed": "2026-08-01", "again": "2027-02-01"}
    ]


def test_the_archived_snoozed_paused_recently_reviewed_and_fine_are_not_up_for_review(network):
    names = {c["name"] for c in json.loads(network("--format", "json").stdout)["candidates"]}
    assert names.isdisjoint({"Anna Archiv", "Sven Snooze", "Paula Pause", "Rita Recent", "Fine Fein"})


def test_a_review_holds_for_half_a_year(network):
    later = CliRunner().invoke(
        cli, ["--vault", str(network.root), "review", "--today", "2027-02-01", "--format", "json"]
    )
    document = json.loads(later.stdout)
    assert "Rita Recent" in [c["name"] for c in document["candidates"]]
    assert document["reviewed_recently"] == []


def test_a_contact_with_a_circle_or_how_you_met_is_not_unsorted(network):
    (network.root / "People/Greta Sand.md").write_text(IMPORTED.replace("circle:\n", "circle: network\n"))
    document = json.loads(network("--format", "json").stdout)
    (greta,) = [c for c in document["candidates"] if c["name"] == "Greta Sand"]
    assert [r["kind"] for r in greta["reasons"]] == ["never_contacted"]


def test_limit_takes_the_most_in_need_first(network):
    document = json.loads(network("--format", "json", "--limit", "2").stdout)
    assert [c["name"] for c in document["candidates"]] == ORDER[:2]
    assert document["total"] == 5


KEYS = "k\ns\n2w\nr\na\nl\ncall: first coffee at the harbour\n"


def test_a_scripted_session_writes_each_decision_and_only_it(network):
    before = snapshot(network.root)
    result = network(keys=KEYS)
    assert result.exit_code == 0, result.output
    assert note(network, "People/Lange Her.md") == LONG_AGO.replace(
        "reviewed: 2026-03-01", "reviewed: 2026-11-21"
    )
    assert note(network, "People/Silke Still.md") == SILENT.replace(
        "circle: network\n", "circle: network\nsnooze_until: 2026-12-05\n"
    )
    assert note(network, "People/Dirk Drift.md") == DRIFTED.replace(
        "circle: network\n", "circle: network\nstatus: reserve\n"
    )
    assert note(network, "People/Greta Sand.md") == IMPORTED.replace("status: active", "status: archived")
    assert note(network, "People/Nora Neu.md") == (
        "---\nname: Nora Neu\ncircle: network\nhow_met: at the conference in Kiel\n"
        "last_contact: 2026-11-21\n---\n## Log\n- 2026-11-21 call: first coffee at the harbour\n"
    )
    after = snapshot(network.root)
    assert {
        path: data for path, data in after.items() if path.startswith("People/") and path[7:-3] in NOT_UP
    } == {path: data for path, data in before.items() if path.startswith("People/") and path[7:-3] in NOT_UP}
    assert set(after) == set(before)
    summary = result.output.split("Review on 2026-11-21:")[1]
    assert summary == (
        " 5 of 5 people gone through.\n"
        "  Kept (1): Lange Her\n"
        "  Snoozed (1): Silke Still until 2026-12-05\n"
        "  On reserve (1): Dirk Drift\n"
        "  Archived (1): Greta Sand\n"
        "  Contact logged (1): Nora Neu\n"
    )


def test_the_session_shows_the_brief_the_keys_and_what_it_wrote(network):
    output = network(keys="k\nq\n").output
    assert output.startswith(
        "── 1 of 5: Lange Her ──\n"
        "silent for 22 months, last contact 2025-01-10; far past the maximum: on reserve?\n\nLange Her\n"
    )
    assert "Last interactions\n" in output  # the brief of `vaultkit show`
    prompt = "[k]eep, [s]nooze, on [r]eserve, [a]rchive, [l]og a contact, [n]ext, [q]uit: "
    assert prompt + "k\nreviewed 2026-03-01 → 2026-11-21 in People/Lange Her.md\n" in output
    assert "── 2 of 5: Silke Still ──\n" in output


def test_the_brief_is_the_one_show_prints(network):
    shown = CliRunner().invoke(cli, ["--vault", str(network.root), "show", "Dirk Drift", "--today", TODAY])
    assert shown.stdout in network(keys="n\nn\nq\n").output


def test_a_dry_run_writes_nothing_and_says_what_it_would_have(network):
    before = snapshot(network.root)
    result = network("--dry-run", keys=KEYS)
    assert result.exit_code == 0
    assert snapshot(network.root) == before
    assert "dry run, not written: reviewed 2026-03-01 → 2026-11-21 in People/Lange Her.md\n" in result.output
    assert result.output.endswith(
        "Dry run: nothing was written. The review would have written:\n"
        "  reviewed 2026-03-01 → 2026-11-21 in People/Lange Her.md\n"
        "  snooze_until (unset) → 2026-12-05 in People/Silke Still.md\n"
        "  status (unset) → reserve in People/Dirk Drift.md\n"
        "  status active → archived in People/Greta Sand.md\n"
        "  logged 2026-11-21 call: first coffee at the harbour in People/Nora Neu.md\n"
    )


def test_quitting_half_way_keeps_what_was_decided(network):
    before = snapshot(network.root)
    result = network(keys="k\nn\nq\n")
    assert result.exit_code == 0
    after = snapshot(network.root)
    assert [path for path in after if after[path] != before[path]] == ["People/Lange Her.md"]
    assert result.output.endswith(
        "Review on 2026-11-21: 2 of 5 people gone through.\n"
        "  Kept (1): Lange Her\n"
        "  Skipped (1): Silke Still\n"
        "  Still to review (3): Dirk Drift, Greta Sand, Nora Neu\n"
    )


def test_the_end_of_the_input_ends_the_review_cleanly(network):
    result = network(keys="k\ns\n")  # the snooze's date never comes
    assert result.exit_code == 0
    assert "reviewed: 2026-11-21" in note(network, "People/Lange Her.md")
    assert note(network, "People/Silke Still.md") == SILENT
    assert "Review on 2026-11-21: 1 of 5 people gone through.\n  Kept (1): Lange Her\n" in result.output


def test_no_input_at_all_ends_the_review_cleanly(network):
    before = snapshot(network.root)
    result = network(keys="")
    assert result.exit_code == 0
    assert snapshot(network.root) == before
    assert "Still to review (5): " in result.output


def test_a_refused_write_is_said_and_the_review_goes_on(network):
    target = network.root / "People/Lange Her.md"
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        result = network(keys="k\nk\nq\n")
    finally:
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    assert result.exit_code == 0
    assert target.read_text() == LONG_AGO
    assert "vaultkit: People/Lange Her.md: the note is read-only" in result.output
    assert "Nothing was written for Lange Her; on to the next.\n" in result.output
    assert "reviewed: 2026-11-21" in note(network, "People/Silke Still.md")
    assert "  Kept (1): Silke Still\n  Not written (1): Lange Her\n" in result.output


def test_a_note_changed_during_the_review_is_not_overwritten(network, monkeypatch):
    from vaultkit.cli import reviewing

    real_read = reviewing.read

    def read_then_edited(root, path):
        data = real_read(root, path)
        (root / path).write_text(LONG_AGO + "- 2026-11-20 call: written in Obsidian meanwhile\n")
        return data

    monkeypatch.setattr(reviewing, "read", read_then_edited)
    result = network(keys="k\nq\n")
    assert "the note changed on disk after vaultkit read it" in result.output
    assert note(network, "People/Lange Her.md").endswith("written in Obsidian meanwhile\n")
    assert "Not written (1): Lange Her" in result.output


def test_an_unknown_key_or_an_unreadable_date_is_asked_again(network):
    result = network(keys="x\ns\nsoon\n\nk\nq\n")
    assert "Type one of the letters in brackets: k, s, r, a, l, n or q.\n" in result.output
    assert "expected a duration like 2w or 1m, or a date like 2026-12-15, got 'soon'\n" in result.output
    assert "reviewed: 2026-11-21" in note(
        network, "People/Lange Her.md"
    )  # Enter at the date: back to the choice


def test_german_keys_prompts_and_dates(network):
    result = network(keys="b\nz\n3 Wochen\nk\nü\nq\n", lang="de")
    assert result.exit_code == 0
    output = result.output
    assert output.startswith(
        "── 1 von 5: Lange Her ──\n"
        "seit 22 Monaten still, letzter Kontakt 10.01.2025; weit über dem Höchstabstand: auf Reserve?\n"
    )
    assert (
        "[b]ehalten, [z]urückstellen, auf [R]eserve, [a]rchivieren, Kontakt [e]intragen, [ü]berspringen, [q] beenden: b\n"
        in output
    )
    assert (
        "Zurückstellen bis wann? Eine Dauer oder ein Datum (2 Wochen, 1m, 21.12.2026): 3 Wochen\n" in output
    )
    assert "reviewed: 2026-11-21" in note(network, "People/Lange Her.md")
    assert "snooze_until: 2026-12-12" in note(network, "People/Silke Still.md")
    assert "reviewed: 2026-11-21" in note(network, "People/Dirk Drift.md")  # `k`, the English key, too
    assert output.endswith(
        "Durchsicht am 21.11.2026: 4 von 5 Personen durchgesehen.\n"
        "  Behalten (2): Lange Her, Dirk Drift\n"
        "  Zurückgestellt (1): Silke Still bis 12.12.2026\n"
        "  Übersprungen (1): Greta Sand\n"
        "  Noch durchzusehen (1): Nora Neu\n"
    )


def test_a_german_snooze_takes_a_german_date(network):
    network(keys="z\n21.12.2026\nq\n", lang="de")
    assert "snooze_until: 2026-12-21" in note(network, "People/Lange Her.md")


def test_nobody_up_for_review_is_said(tmp_path):
    root = write_vault(tmp_path / "vault", {".vaultkit.toml": CONFIG, **NOT_UP})
    result = CliRunner().invoke(cli, ["--vault", str(root), "review", "--today", TODAY], input="")
    assert (result.exit_code, result.output) == (0, "Nobody is up for review on 2026-11-21.\n")


def test_reviewed_is_a_date_field_set_checks(network):
    result = CliRunner().invoke(
        cli, ["--vault", str(network.root), "set", "Fine Fein", "reviewed", "21.11.2026", "--today", TODAY]
    )
    assert result.exit_code == 0
    assert "reviewed: 2026-11-21\n" in note(network, "People/Fine.md")
    later = CliRunner().invoke(
        cli, ["--vault", str(network.root), "set", "Fine Fein", "reviewed", "2026-12-01", "--today", TODAY]
    )
    assert later.exit_code != 0
    assert "a review is done on a day that has been" in later.output


def test_ctrl_c_keeps_what_was_decided_and_still_sums_up(network, monkeypatch):
    from vaultkit.cli import reviewing

    answers = iter(["k"])

    def ask(prompt: str) -> str:
        for answer in answers:
            return answer
        raise KeyboardInterrupt

    monkeypatch.setattr(reviewing, "_ask", ask)
    result = network()
    assert result.exit_code == 130
    assert "reviewed: 2026-11-21" in note(network, "People/Lange Her.md")
    assert "  Kept (1): Lange Her\n  Still to review (4): " in result.output


def test_a_year_of_silence_is_long_whatever_the_cadence(tmp_path):
    root = write_vault(
        tmp_path / "vault",
        {
            ".vaultkit.toml": CONFIG,
            "People/Ohne.md": "---\nname: Otto Ohne\ncadence: none\n---\n## Log\n- 2025-11-01 call: last one\n",
            "People/Kurz.md": "---\nname: Kai Kurz\ncadence: none\n---\n## Log\n- 2026-01-10 call: not a year\n",
        },
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "review", "--today", TODAY, "--format", "json"])
    (otto,) = json.loads(result.stdout)["candidates"]
    assert otto["name"] == "Otto Ohne"
    assert otto["reasons"] == [
        {
            "kind": "long_silent",
            "last_contact": "2025-11-01",
            "days_silent": 385,
            "suggestion": None,
            "rhythm": None,
            "connected": None,
        }
    ]


def test_a_tag_that_gives_a_cadence_sorts_a_contact(tmp_path):
    root = write_vault(
        tmp_path / "vault",
        {
            ".vaultkit.toml": CONFIG + '[cadence.tags]\nfamily = "2w"\n',
            "People/Tante.md": "---\nname: Tante Trude\ntags: [family]\n---\n",
            "People/Neu.md": "---\nname: Nils Neu\ntags: [person]\n---\n",
        },
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "review", "--today", TODAY, "--format", "json"])
    kinds = {c["name"]: c["reasons"][0]["kind"] for c in json.loads(result.stdout)["candidates"]}
    assert kinds == {"Nils Neu": "unsorted", "Tante Trude": "never_contacted"}
