"""The command line in German: its help, Click's words and errors, what the commands that write
say; and English when --lang en asks for it on a German system."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from tests.golden import assert_golden
from tests.test_import import IMPORTS
from vaultkit import language
from vaultkit.cli import cli


@pytest.fixture(autouse=True)
def _spoken_afterwards():
    spoken = language.speaking()
    yield
    language.use(spoken)


def run(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner(env={"COLUMNS": "80", **(env or {})})
    return runner.invoke(cli, list(args), prog_name="vaultkit", catch_exceptions=False)


@pytest.mark.parametrize("command", ["", "agenda", "import", "set"])
def test_help_reads_in_german(command):
    result = run("--lang", "de", *([command] if command else []), "--help")
    assert result.exit_code == 0
    assert_golden(f"help-{command or 'vaultkit'}.de.txt", result.output)


def test_the_commands_listing_says_the_first_line_of_each_commands_german_help():
    listing = run("--lang", "de", "--help").output
    agenda = run("--lang", "de", "agenda", "--help").output
    assert "Befehle:" in listing and "Optionen:" in listing
    assert "  Bei wem du dich jetzt melden solltest und warum:" in agenda
    assert "  agenda     Bei wem du dich jetzt melden solltest und warum:" in listing


def test_a_usage_error_of_click_is_said_in_german(example):
    result = run("--lang", "de", "--vault", str(example), "agenda", "--format", "nope")
    assert result.exit_code == 2
    assert result.output == (
        "Aufruf: vaultkit agenda [OPTIONEN]\n"
        "'vaultkit agenda --help' zeigt die Hilfe.\n\n"
        "Fehler: Ungültiger Wert für '--format': 'nope' ist keins von 'text', 'markdown', 'json', "
        "'csv', 'ics'.\n"
    )


def test_a_missing_argument_and_an_unknown_command_are_said_in_german():
    missing = run("--lang", "de", "show")
    assert missing.exit_code == 2
    assert missing.output.endswith("Fehler: Fehlendes Argument 'NAME'.\n")
    unknown = run("--lang", "de", "agend")
    assert unknown.exit_code == 2
    assert unknown.output.endswith("Fehler: Unbekannter Befehl 'agend'. Meintest du 'agenda'?\n")


def test_an_import_summary_is_said_in_german(example):
    result = run(
        "--lang", "de", "--vault", str(example), "import", str(IMPORTS / "contacts.vcf"), "--dry-run"
    )
    assert result.exit_code == 0
    assert_golden("import-dry-run.de.txt", result.output)


def test_an_import_summary_in_english_is_what_it_always_was(example):
    result = run(
        "--lang", "en", "--vault", str(example), "import", str(IMPORTS / "contacts.vcf"), "--dry-run"
    )
    assert result.output.splitlines()[-1] == "dry run: 2 created, 1 updated, 0 skipped, 0 conflicts"
    assert "would leave out 1 photo: photos are not imported" in result.output


def test_a_refused_edit_says_why_and_that_nothing_was_written_in_german(vault):
    root = vault({"People/Ben.md": "---\nname: Ben\nrole: a\nrole: b\n---\n"})
    result = run("--lang", "de", "--vault", str(root), "set", "Ben", "role", "c")
    assert result.exit_code == 1
    assert result.output == (
        "vaultkit: People/Ben.md:4: role ist zweimal gesetzt (Zeilen 3 und 4); behalte eins und "
        "versuch es dann noch einmal; nichts wurde geschrieben\n"
    )
    assert (root / "People/Ben.md").read_text() == "---\nname: Ben\nrole: a\nrole: b\n---\n"


def test_a_new_contact_whose_name_is_taken_is_refused_in_german(vault):
    root = vault({"People/Ben.md": "---\nname: Ben\n---\n"})
    result = run("--lang", "de", "--vault", str(root), "new", "Ben")
    assert result.exit_code == 1
    assert result.output == (
        "vaultkit: People/Ben.md: 'Ben' ist schon Dateiname, Name oder Alias dieses Kontakts; "
        "nichts wurde geschrieben\n"
    )


def test_what_a_write_did_is_said_in_german(vault):
    root = vault({"People/Ben.md": "---\nname: Ben\nsnooze_until: 2026-12-15\n---\n"})
    result = run("--lang", "de", "--vault", str(root), "set", "Ben", "org", "Acme")
    assert result.output == "org (nicht gesetzt) → Acme in People/Ben.md\n"
    again = run("--lang", "de", "--vault", str(root), "set", "Ben", "org", "Acme")
    assert again.output == "org ist in People/Ben.md schon Acme; nichts zu ändern\n"


def test_a_missing_vault_is_said_in_german(tmp_path):
    result = run("--lang", "de", "--vault", str(tmp_path / "nowhere"), "agenda")
    assert result.exit_code == 2
    assert result.output == f"vaultkit: Tresor-Ordner nicht gefunden: {tmp_path / 'nowhere'}\n"


def test_lang_en_on_a_german_system_speaks_english(tmp_path):
    german = {"LANG": "de_DE.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "VAULTKIT_LANG": ""}
    root = write_vault(tmp_path / "vault", {"People/Ben.md": "---\nname: Ben\n---\n"})
    assert run("agend", env=german).output.endswith(
        "Fehler: Unbekannter Befehl 'agend'. Meintest du 'agenda'?\n"
    )
    help_text = run("--lang", "en", "agenda", "--help", env=german).output
    assert help_text.startswith("Usage: vaultkit agenda [OPTIONS]\n")
    assert "Show this message and exit." in help_text
    refused = run("--lang", "en", "--vault", str(root), "new", "Ben", env=german)
    assert refused.output == (
        "vaultkit: People/Ben.md: 'Ben' is already this contact's file name, name or alias; "
        "nothing was written\n"
    )


def test_a_vdir_sync_and_a_phone_card_it_leaves_alone_are_said_in_german(tmp_path):
    from tests.test_vdir import ANNA, ANNA_FILE, BEN, PHOTO, anna_on_the_phone

    root = write_vault(tmp_path / "vault", {"People/Anna Berg.md": ANNA, "People/Ben Kurz.md": BEN})
    folder = tmp_path / "contacts"
    first = run("--lang", "de", "--vault", str(root), "export", "--format", "vdir", str(folder))
    assert first.stdout == f"{folder}: 2 geschrieben, 0 unverändert, 0 entfernt, 0 in Ruhe gelassen\n"
    anna_on_the_phone(folder, "EMAIL:anna@example.org", "TEL:+49 431 1", PHOTO)
    again = run("--lang", "de", "--vault", str(root), "export", "--format", "vdir", str(folder))
    assert again.stdout == f"{folder}: 0 geschrieben, 1 unverändert, 0 entfernt, 1 in Ruhe gelassen\n"
    assert again.stderr == (
        f"People/Anna Berg.md: die Karte in {folder}/{ANNA_FILE} hat ein Foto (so etwas behält "
        "vaultkit nicht), also bleibt sie in Ruhe: entferne das Foto auf dem Telefon, oder exportiere "
        "mit --replace-changed-cards, um die Karte des Tresors darüberzuschreiben\n"
    )


def test_a_log_entry_is_said_in_german(vault):
    root = vault({"People/Ben.md": "---\nname: Ben\n---\n"})
    args = (
        "--lang",
        "de",
        "--vault",
        str(root),
        "log",
        "Ben",
        "Kaffee",
        "--kind",
        "coffee",
        "--date",
        "2026-11-20",
    )
    logged = run(*args, "--today", "2026-11-21")
    assert logged.output == (
        "in People/Ben.md eingetragen: 2026-11-20 coffee: Kaffee; last_contact (nicht gesetzt) → 2026-11-20\n"
    )
    again = run(*args, "--today", "2026-11-21")
    assert again.output == "steht schon in People/Ben.md: 2026-11-20 coffee: Kaffee; nichts zu ändern\n"


def test_the_import_summary_as_json_keeps_its_fields_and_gives_its_reasons_in_german(example):
    import json

    args = ("--vault", str(example), "import", str(IMPORTS / "Connections.csv"), "--dry-run", "--json")
    english = json.loads(run("--lang", "en", *args).output)
    german = json.loads(run("--lang", "de", *args).output)
    assert german.keys() == english.keys()
    assert [item["where"] for item in german["skipped"]] == [item["where"] for item in english["skipped"]]
    assert english["skipped"][0]["reason"] == "close to the name of Marie Lefèvre; check by hand"
    assert german["skipped"][0]["reason"] == "nah am Namen von Marie Lefèvre; bitte selbst prüfen"
