"""What the command line accepts: global options after the command, `-` for standard input,
values that look like options, a mistyped command; and messages that read as a person writes."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.words import shown

VAULT = str(EXAMPLE_VAULT)
TODAY = ("--today", "2026-11-21")
IMPORTS = Path(__file__).parent / "fixtures" / "imports"
GUESTS = EXAMPLE_VAULT / "Events" / "kulturabend-attendees.txt"


def invoke(*args, stdin=None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def copy(tmp_path):
    return str(shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault", ignore=shutil.ignore_patterns("cache")))


# A mistyped command


def test_a_mistyped_command_is_answered_with_the_nearest_ones():
    result = invoke("--vault", VAULT, "agnda")
    assert result.exit_code == 2
    assert result.output.endswith("Error: No such command 'agnda'. Did you mean 'agenda'?\n")
    assert invoke("stael").output.endswith("Error: No such command 'stael'. Did you mean 'stale'?\n")
    assert invoke("s").output.endswith("Did you mean 'show', 'stale', 'snooze' or 'set'?\n")


def test_a_command_like_no_other_is_only_named():
    result = invoke("xyzzy")
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, "Error: No such command 'xyzzy'.")


# The group's options after the command


@pytest.mark.parametrize("after", [["--vault", VAULT], [f"--vault={VAULT}"]])
def test_vault_after_the_command_means_the_same_as_before_it(after):
    before = invoke("--vault", VAULT, "agenda", *TODAY)
    result = invoke("agenda", *after, *TODAY)
    assert (result.exit_code, result.output) == (0, before.output)
    assert (
        invoke("show", "jurgen", *after, *TODAY).output
        == invoke("--vault", VAULT, "show", "jurgen", *TODAY).output
    )


def test_no_cache_after_the_command_leaves_no_cache(copy, monkeypatch):
    monkeypatch.delenv("VAULTKIT_NO_CACHE")  # the tests' default: here --no-cache alone must say it
    cache = Path(copy) / ".vaultkit" / "cache"
    assert invoke("agenda", *TODAY, "--no-cache", "--vault", copy).exit_code == 0
    assert not cache.exists()
    invoke("agenda", *TODAY, "--vault", copy)
    assert cache.exists()


def test_debug_after_the_command_shows_the_traceback(copy, monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr("vaultkit.reports.agenda.agenda", broken)
    quiet = CliRunner().invoke(cli, ["--no-cache", "--vault", copy, "agenda"])
    assert quiet.exit_code == 70 and "internal error: RuntimeError: a bug" in quiet.output
    loud = CliRunner().invoke(cli, ["--no-cache", "--vault", copy, "agenda", "--debug"])
    assert isinstance(loud.exception, RuntimeError)


def test_a_global_option_after_the_command_still_needs_its_value():
    result = invoke("agenda", "--vault")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: Option '--vault' requires an argument.",
    )


def test_what_follows_double_dash_stays_a_value(copy):
    result = invoke("--vault", copy, "log", "Marie", "--dry-run", *TODAY, "--", "--debug")
    assert result.exit_code == 0
    assert "+- 2026-11-21 --debug\n" in result.output


# `-` is standard input


def test_event_reads_the_guest_list_from_standard_input():
    from_file = invoke("--vault", VAULT, "event", str(GUESTS), *TODAY)
    result = invoke("--vault", VAULT, "event", "-", *TODAY, stdin=GUESTS.read_bytes())
    assert result.exit_code == 0
    assert result.stdout == from_file.stdout.replace(str(GUESTS), "standard input")
    assert result.stdout.startswith("Event standard input: 5 attendees")


def test_event_tells_a_csv_on_standard_input_by_its_header():
    result = invoke("--vault", VAULT, "event", "-", *TODAY, stdin="First Name,Last Name\nMarie,Lefèvre\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("Event standard input: 1 attendee, 1 you know")
    assert "\n  Marie Lefèvre, last contact" in result.stdout


def test_a_file_named_dash_is_named_as_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("Marie Lefèvre\n", encoding="utf-8")
    result = invoke("--vault", VAULT, "event", "./-", *TODAY)
    assert result.stdout.startswith("Event ./-: 1 attendee, 1 you know")


def test_event_names_standard_input_in_its_errors():
    result = invoke("--vault", VAULT, "event", "-", stdin=b"\xff\xfe\n")
    assert result.exit_code == 1
    assert "vaultkit: standard input: not UTF-8 text" in result.output


def test_import_reads_standard_input_and_detects_its_format(copy):
    result = invoke(
        "--vault", copy, "import", "-", "--dry-run", stdin=(IMPORTS / "Connections.csv").read_bytes()
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "would create People/Greta Hansen.md (standard input:6)",
        "would create People/Ravi Menon.md (standard input:7)",
        "would fill People/Marie Lefèvre.md: connected and url (standard input:5)",
        "skip 'Marie Lefebvre' (standard input:8): close to the name of Marie Lefèvre; check by hand",
        "dry run: 2 created, 1 updated, 1 skipped, 0 conflicts",
    ]
    latin1 = invoke("--vault", copy, "import", "-", "--dry-run", stdin=(IMPORTS / "latin1.csv").read_bytes())
    assert "note: standard input:" in latin1.output and "not UTF-8, read as Windows-1252" in latin1.output


# Values that look like options


def test_a_birthday_without_a_year_is_a_value_not_an_option(copy):
    result = invoke("--vault", copy, "set", "Ben Hughes", "birthday", "--07-14", *TODAY)
    assert (result.exit_code, result.output) == (0, "birthday (unset) → --07-14 in People/Ben Hughes.md\n")
    assert "\nbirthday: --07-14\n" in (Path(copy) / "People" / "Ben Hughes.md").read_text()


def test_options_around_such_a_value_are_still_options(copy):
    result = invoke("--vault", copy, "set", "Marie", "birthday", "--07-14", "--dry-run", *TODAY)
    assert result.exit_code == 0 and "+birthday: --07-14\n" in result.output
    typo = invoke("--vault", copy, "set", "Marie", "birthday", "--07-14", "--forse")
    assert (typo.exit_code, typo.output.splitlines()[-1]) == (
        2,
        "Error: No such option '--forse'. Did you mean '--force'?",
    )


def test_log_and_snooze_take_such_values_too(copy):
    logged = invoke("--vault", copy, "log", "Marie", "--5", "km", "gelaufen", "--dry-run", *TODAY)
    assert logged.exit_code == 0 and "+- 2026-11-21 --5 km gelaufen\n" in logged.output
    snoozed = invoke("--vault", copy, "snooze", "Marie", "--07-14", *TODAY)
    assert snoozed.exit_code == 2
    assert "got '--07-14'" in snoozed.output  # the value reached snooze, which wants a date or a duration


# Messages


def test_shown_says_values_as_a_person_writes_them():
    assert [shown(v) for v in ("x", True, None, ["a", 3], [], {"k": [1]}, 2.5)] == [
        "'x'",
        "true",
        "nothing",
        "a list ('a', 3)",
        "an empty list",
        "key: value pairs (k: a list (1))",
        "2.5",
    ]


def test_check_says_lists_in_notes_and_config_in_words(vault):
    root = vault(
        {
            ".vaultkit.toml": '[report]\nfolder = ["x"]\nreports = ["agenda", "nope", "zap"]\n',
            "People/A.md": "---\nlast_contact: [2026-01-01]\npaused: [yes, no]\n---\n",
            "People/B.md": "---\nhello\n---\n",
        }
    )
    config = invoke("--vault", str(root), "check").output
    assert (
        ".vaultkit.toml:2: error config-invalid folder must be a non-empty string, got a list ('x')" in config
    )
    assert (
        "unknown reports 'nope' and 'zap'; the reports are agenda, stale, tags, ics, network, pictures and dashboard"
        in config
    )
    (root / ".vaultkit.toml").unlink()
    notes = invoke("--vault", str(root), "check").output
    assert "last_contact: expected a date like 2026-03-03, got a list ('2026-01-01')" in notes
    assert "paused must be true or false, got a list ('yes', 'no')" in notes
    assert "front matter is the single value 'hello'; it must be key: value pairs" in notes
    assert "[" not in notes.replace("[[", "")


def test_import_adds_a_second_email_and_names_a_differing_value_as_a_conflict(copy, tmp_path):
    card = tmp_path / "marie.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Marie Lefèvre\nEMAIL:marie.new@example.org\nORG:Galerie Süd\nEND:VCARD\n"
    )
    result = invoke("--vault", copy, "import", str(card), "--dry-run")
    assert result.stdout == (
        "would fill People/Marie Lefèvre.md: email (marie.vcf:1)\n"
        "conflict Marie Lefèvre: org is 'Galerie Nord' in the note, 'Galerie Süd' in marie.vcf:1; not changed\n"
        "dry run: 0 created, 1 updated, 0 skipped, 1 conflict\n"
    )


def test_an_unknown_name_lists_the_names_it_may_mean_as_a_sentence(copy):
    result = invoke("--vault", copy, "log", "Kram", "hallo", *TODAY)
    assert result.output.endswith(
        "vaultkit: no contact named 'Kram'; did you mean Ilse Kramer or Sophie Kramer?\n"
    )
