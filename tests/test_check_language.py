"""What `check` and every diagnostic say, in German as in English: said when shown, so that a
note's diagnostics kept in the note cache speak the language of the run that shows them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, FIXTURE_VAULTS, person
from tests.golden import assert_golden
from vaultkit import language
from vaultkit.cache.notes import dump, load
from vaultkit.cli import cli
from vaultkit.config import Config
from vaultkit.model import Diagnostic, Listed, Message, Shown
from vaultkit.parse.note import parse_note
from vaultkit.words import shown

TODAY = ["--today", "2026-11-21"]
BROKEN = '---\nname: Paul Weber\ncircle: inner\nrole: "Designer\n---\n'


def run(root, *args):
    return CliRunner(env={"VAULTKIT_NO_CACHE": "1"}).invoke(cli, ["--vault", str(root), *args])


@pytest.fixture
def german():
    language.use(language.GERMAN)
    yield
    language.use(language.ENGLISH)


def test_check_of_the_example_vault_in_german_matches_its_golden_file():
    result = run(EXAMPLE_VAULT, "--lang", "de", "check", *TODAY)
    assert result.exit_code == 1  # People/Broken Example.md is broken on purpose
    assert_golden("check.de.txt", result.stdout)


@pytest.mark.parametrize("scenario", ["broken", "duplicates"])
def test_german_check_of_each_scenario_matches_its_golden_file(scenario):
    result = run(FIXTURE_VAULTS / scenario, "--lang", "de", "check", *TODAY)
    assert result.exit_code == 1
    assert_golden(f"check-{scenario}.de.txt", result.stdout)


def test_a_german_diagnostic_line_keeps_the_english_code_after_the_german_severity():
    lines = run(FIXTURE_VAULTS / "broken", "--lang", "de", "check").stdout.splitlines()
    assert (
        "People/Tabs.md:4: Fehler fm-tab: mit Tab eingerückt; YAML erlaubt zum Einrücken nur Leerzeichen"
        in lines
    )
    assert lines[-1] == "6 Notizen geprüft (6 Kontakte): 7 Fehler, 0 Warnungen"


def test_obsidians_template_syntax_outside_the_templates_folder_is_said_in_german(tmp_path):
    (tmp_path / "People").mkdir()
    (tmp_path / "People" / "A.md").write_text("---\nlast_contact: {{date}}\n---\n")
    lines = run(tmp_path, "--lang", "de", "check").stdout.splitlines()
    assert lines[0] == (
        "People/A.md:2: Fehler yaml-syntax: die Eigenschaften sind kein gültiges YAML: ein Schlüssel, "
        "der keiner sein kann (in den Paaren aus Schlüssel: Wert ab Zeile 2)"
    )


def test_german_json_says_the_message_in_german_and_the_severity_as_scripts_know_it():
    document = json.loads(run(EXAMPLE_VAULT, "--lang", "de", "check", *TODAY, "--format", "json").stdout)
    (broken,) = [d for d in document["diagnostics"] if d["code"] == "yaml-syntax"]
    assert broken["severity"] == "error"
    assert broken["message"] == (
        "die Eigenschaften sind kein gültiges YAML: unerwartetes Ende (im Wert in Anführungszeichen ab Zeile 4)"
    )


def test_a_diagnostic_kept_in_the_note_cache_is_said_in_the_language_of_the_run_that_shows_it():
    note = parse_note("People/Greta.md", person(last_contact="31.02.2026", paused="[ja]").encode(), Config())
    kept = load(dump(note))
    assert [d.message for d in kept.diagnostics] == [
        "last_contact: '31.02.2026' is not a real date (day is out of range for month)",
        "paused must be true or false, got a list ('ja')",
    ]
    language.use(language.GERMAN)
    try:
        assert [d.format() for d in kept.diagnostics] == [
            "People/Greta.md:2: Fehler bad-date: last_contact: '31.02.2026' ist kein gültiges Datum "
            "(so viele Tage hat der Monat nicht)",
            "People/Greta.md:3: Fehler bad-type: paused muss ja oder nein sein (oder true/false), nicht "
            "eine Liste ('ja')",
        ]
    finally:
        language.use(language.ENGLISH)


def test_values_a_message_quotes_are_said_in_the_language_when_it_is_said(german):
    said = Message.of(
        "{a}; {b}; {c}; {d}; {count:,}",
        a=Shown(None),
        b=Shown([]),
        c=Listed(("inner", "close"), "or"),
        d=Shown(True),
        count=60000,
    )
    assert str(said) == "nichts; eine leere Liste; inner oder close; true; 60.000"
    assert shown({"a": 1}) == "Paare aus Schlüssel: Wert (a: 1)"


def test_english_still_groups_thousands_with_commas_as_it_always_has():
    said = Diagnostic.warning(
        "People/A.md", 2, "long-name", "the name is {length:,} characters long", length=60000
    )
    assert said.format() == "People/A.md:2: warning long-name the name is 60,000 characters long"


def test_a_broken_config_is_said_in_german_with_every_problem_and_what_was_not_run(vault):
    root = vault({".vaultkit.toml": '[cadence]\ndefault = "sometimes"\n[colours]\nx = 1\n'})
    checked = run(root, "--lang", "de", "check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        ".vaultkit.toml:2: Fehler config-invalid: default: 'sometimes' ist keine Dauer (etwa 10 Tage, "
        "2 Wochen, 3 Monate, 1 Jahr oder monatlich; kurz 10d, 2w, 3m, 1y)",
        ".vaultkit.toml:3: Fehler config-invalid: unbekannter Abschnitt [colours]",
        "0 Notizen geprüft (0 Kontakte): 2 Fehler, 0 Warnungen",
    ]
    agenda = run(root, "--lang", "de", "agenda", *TODAY)
    assert (
        agenda.stderr.splitlines()[-1]
        == "vaultkit: korrigiere die Konfiguration oben; es wurde nichts ausgeführt"
    )


def test_a_config_warning_is_said_in_german_by_every_command(vault):
    root = vault(
        {".vaultkit.toml": '[contacts]\nfolders = ["Peopel"]\n', "People/Anna.md": person(tags="[person]")}
    )
    assert (
        "vaultkit: .vaultkit.toml:2: den Kontaktordner 'Peopel' gibt es im Tresor nicht; aus ihm wird "
        "kein Kontakt gelesen\n"
    ) in run(root, "--lang", "de", "agenda", *TODAY).stderr


def test_every_report_says_in_german_which_notes_it_could_not_read_completely(vault):
    root = vault(
        {
            "People/Anna.md": person(last_contact="2026-11-01"),
            "People/Paul Weber.md": BROKEN,
            "People/Greta.md": person(last_contact="31.02.2026"),
        }
    )
    result = run(root, "--lang", "de", "agenda", *TODAY)
    assert (
        "vaultkit: 2 Notizen nicht vollständig gelesen; was sie enthalten, kann hier fehlen oder falsch "
        "sein: People/Greta.md und People/Paul Weber.md (vaultkit check sagt, warum)\n"
    ) in result.stderr


def test_a_note_left_out_for_another_contacts_file_name_is_said_in_german(vault):
    root = vault({"People/Anna.md": person(), "People/Old/anna.md": person()})
    assert (
        "vaultkit: 1 Kontaktnotiz ausgelassen, weil sie den Dateinamen eines anderen Kontakts hat: "
        "People/Old/anna.md (vaultkit check sagt, welche)\n"
    ) in run(root, "--lang", "de", "agenda", *TODAY).stderr


def test_a_vault_without_contacts_is_said_in_german_to_have_none(vault):
    root = vault({"Notes/idea.md": "# an idea\n"})
    assert run(root, "--lang", "de", "agenda", *TODAY).stderr == (
        "vaultkit: keine Kontakte in 1 Notiz gefunden: ein Kontakt ist eine Notiz in People/, mit dem Tag "
        "#person oder mit categories [[People]] (siehe 'Your existing vault' in der README)\n"
    )


def test_days_in_a_german_diagnostic_are_written_as_in_germany(vault):
    root = vault({"People/Anna.md": person(last_contact="2027-01-05", log="- 2027-02-01 call: plans")})
    lines = run(root, "--lang", "de", "check", *TODAY).stdout.splitlines()
    assert (
        "People/Anna.md:2: Warnung future-date: last_contact 05.01.2027 liegt in der Zukunft (heute: 21.11.2026); Berichte zählen das Datum erst ab diesem Tag"
        in lines
    )
    assert any(
        "der Eintrag im Log vom 01.02.2027 liegt in der Zukunft (heute: 21.11.2026)" in line for line in lines
    )


def test_likely_duplicates_are_said_in_german(vault):
    root = vault(
        {
            "People/Anna Schmidt.md": person(email="anna@example.org"),
            "People/Anna Schmitt.md": person(email="ANNA@example.org"),
        }
    )
    assert (
        "People/Anna Schmidt.md:2: Warnung likely-duplicate: Anna Schmidt und Anna Schmitt "
        "(People/Anna Schmitt.md) haben dieselbe E-Mail-Adresse anna@example.org; dieselbe Person? "
        "Führe die Notizen zusammen"
    ) in run(root, "--lang", "de", "check", *TODAY).stdout.splitlines()


def test_a_language_the_config_names_but_vaultkit_does_not_speak_is_warned_about_in_the_one_spoken(vault):
    root = vault({".vaultkit.toml": '[ui]\nlanguage = "fr"\n', "People/Anna.md": person()})
    assert run(root, "check").stdout.splitlines()[0] == (
        ".vaultkit.toml:2: warning unknown-language ui.language 'fr' is not a language vaultkit speaks "
        "(en, de); it speaks English here"
    )
    assert run(root, "--lang", "de", "check").stdout.splitlines()[0] == (
        ".vaultkit.toml:2: Warnung unknown-language: ui.language 'fr' ist keine Sprache, die vaultkit "
        "spricht (en, de); ohne --lang spricht es hier Englisch"
    )


def test_a_message_made_as_plain_text_keeps_the_braces_it_quotes():
    plain = Diagnostic("People/{Anna}.md", 1, "warning", "c", "People/{Anna}.md and {0} are here")
    assert plain.format() == "People/{Anna}.md:1: warning c People/{Anna}.md and {0} are here"


def test_what_the_toml_reader_says_of_a_broken_config_is_said_in_german_too(vault):
    root = vault({".vaultkit.toml": '[contacts]\nfolders = "People" x\n'})
    assert run(root, "check").stdout.splitlines()[0] == (
        ".vaultkit.toml:2: error config-syntax not valid TOML: Expected newline or end of document after a "
        "statement (at line 2, column 20)"
    )
    assert run(root, "--lang", "de", "check").stdout.splitlines()[0] == (
        ".vaultkit.toml:2: Fehler config-syntax: kein gültiges TOML: nach dem Wert muss die Zeile enden "
        "(in Zeile 2, Spalte 20)"
    )


def test_a_folder_that_is_no_vault_is_said_in_german_to_be_read_as_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)
    result = CliRunner(env={"VAULTKIT_NO_CACHE": "1"}).invoke(cli, ["--lang", "de", "check"])
    assert result.stderr.splitlines()[0] == (
        f"vaultkit: kein .vaultkit.toml oder .obsidian in {tmp_path} oder darüber; dieser Ordner wird "
        "ohne Cache als Tresor gelesen (vaultkit init macht ihn zu einem)"
    )
