"""Every answer says what it could not read: broken and unreadable notes, no contacts at all,
config warnings, and reports saved into the vault that must never count as interactions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import meeting, person, settle
from vaultkit.cli import cli

TODAY = ["--today", "2026-11-21"]
BROKEN = '---\nname: Paul Weber\ncircle: inner\nrole: "Designer\n---\n'


def run(root, *args, cache=False):
    env = {} if cache else {"VAULTKIT_NO_CACHE": "1"}
    return CliRunner(env=env).invoke(cli, ["--vault", str(root), *args])


@pytest.mark.parametrize(
    "command", [["agenda"], ["stale"], ["tags"], ["layers"], ["balance"], ["intros"], ["show", "Anna"]]
)
def test_every_report_says_how_many_notes_it_could_not_read_completely(vault, command):
    root = vault(
        {
            "People/Anna.md": person(last_contact="2026-11-01"),
            "People/Paul Weber.md": BROKEN,
            "People/Greta.md": person(last_contact="31.02.2026"),
        }
    )
    result = run(root, *command, *TODAY)
    assert result.exit_code == 0, result.output
    assert (
        "vaultkit: 2 notes could not be read completely, so what they hold may be missing or wrong "
        "here: People/Greta.md and People/Paul Weber.md (vaultkit check says why)\n"
    ) in result.stderr


def test_a_clean_vault_gets_no_such_warning(vault):
    root = vault({"People/Anna.md": person(last_contact="2026-11-01")})
    assert run(root, "agenda", *TODAY).stderr == ""


def test_output_kept_from_an_earlier_run_says_its_warning_again(vault):
    root = vault({"People/Anna.md": person(last_contact="2026-11-01"), "People/Paul Weber.md": BROKEN})
    settle(root)
    first, second = (run(root, "agenda", *TODAY, cache=True) for _ in range(2))
    assert "1 note could not be read completely" in first.stderr
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)


def test_a_note_that_cannot_be_read_is_still_a_contact_and_found_by_name(vault):
    root = vault({"People/Anna.md": person(last_contact="2026-11-01")})
    (root / "People/Gesperrt.md").symlink_to("Gesperrt.md")  # a loop: opening it fails
    shown = run(root, "show", "Gesperrt", *TODAY)
    assert shown.exit_code == 0
    assert "People/Gesperrt.md:1: cannot read the file" in shown.stderr
    logged = run(root, "log", "Gesperrt", "hallo", *TODAY)
    assert logged.exit_code == 1
    assert "no contact named" not in logged.stderr
    assert "People/Gesperrt.md: cannot read the note" in logged.stderr


@pytest.mark.parametrize(
    "files, said",
    [
        ({}, "vaultkit: no contacts found: the vault has no notes\n"),
        (
            {"Notes/idea.md": "# an idea\n"},
            "vaultkit: no contacts found in 1 note: a contact is a note in People/, tagged #person "
            "or with categories [[People]] (see 'Your existing vault' in the README)\n",
        ),
    ],
)
def test_a_vault_without_contacts_is_said_to_have_none(vault, tmp_path, files, said):
    root = vault(files) if files else tmp_path
    result = run(root, "agenda", *TODAY)
    assert (result.exit_code, result.stderr) == (0, said)


def test_a_config_that_names_no_way_to_find_contacts_is_said_to(vault):
    root = vault(
        {".vaultkit.toml": "[contacts]\nfolders = []\ntags = []\ncategories = []\n", "Notes/a.md": "x\n"}
    )
    assert run(root, "agenda", *TODAY).stderr == (
        "vaultkit: no contacts found: the config names no contacts folder, tag or category\n"
    )


@pytest.mark.parametrize("command", [["agenda", *TODAY], ["stale", *TODAY], ["new", "Ada", "--dry-run"]])
def test_a_misspelt_contacts_folder_is_named_by_every_command(vault, command):
    root = vault(
        {".vaultkit.toml": '[contacts]\nfolders = ["Peopel"]\n', "People/Anna.md": person(tags="[person]")}
    )
    result = run(root, *command)
    assert (
        "vaultkit: .vaultkit.toml:2: contacts folder 'Peopel' does not exist in the vault; "
        "no contact is read from it\n"
    ) in result.stderr


def test_check_names_a_config_warning_once(vault):
    root = vault({".vaultkit.toml": '[contacts]\nfolders = ["Peopel"]\n'})
    result = run(root, "check")
    assert result.output.count("contacts folder 'Peopel' does not exist") == 1


def test_an_agenda_saved_as_a_daily_note_does_not_count_as_contact_with_everyone_on_it(vault):
    root = vault(
        {
            "People/Anna.md": person(last_contact="2026-01-01", circle="close"),
            "Daily/2026-11-20.md": "nothing about anyone\n",
        }
    )
    before = run(root, "agenda", *TODAY)
    assert "Anna" in before.stdout
    saved = run(
        root, "agenda", *TODAY, "--format", "markdown", "-o", str(root / "Daily/2026-11-21 Agenda.md")
    )
    assert saved.exit_code == 0
    assert (
        (root / "Daily/2026-11-21 Agenda.md")
        .read_text(encoding="utf-8")
        .startswith("---\ngenerated_by: vaultkit\nreport: agenda\nreport_date: 2026-11-21\n---\n")
    )
    assert run(root, "agenda", *TODAY).stdout == before.stdout


def test_markdown_on_standard_output_is_marked_too_since_it_may_be_redirected_into_the_vault(vault):
    root = vault({"People/Anna.md": person(), "Meetings/2026-11-02.md": meeting("2026-11-02", "Anna")})
    for command in (["agenda"], ["stale"], ["show", "Anna"], ["intros"], ["layers"], ["balance"]):
        result = run(root, *command, *TODAY, "--format", "markdown")
        assert result.stdout.startswith("---\ngenerated_by: vaultkit\n"), command


def test_a_contact_whose_note_is_broken_is_marked_wherever_a_report_names_it(vault):
    root = vault(
        {
            "People/Anna.md": person(last_contact="2026-11-01"),
            "People/Paul Weber.md": BROKEN,
            "Meetings/2026-11-02.md": meeting("2026-11-02", "Paul Weber", "Anna"),
        }
    )
    marked = "Paul Weber (note not read completely)"
    assert marked in run(root, "show", "Paul", *TODAY).stdout
    markdown = run(root, "show", "Paul", *TODAY, "--format", "markdown").stdout
    assert "[[Paul Weber]] (note not read completely)" in markdown
    agenda = run(root, "agenda", "--today", "2027-06-01").stdout
    assert "Paul Weber" in agenda and "(note not read completely)" in agenda
    assert "Paul Weber" in run(root, "stale", "--today", "2028-06-01").stdout
    assert "(note not read completely)" in run(root, "stale", "--today", "2028-06-01").stdout
    for command in (["agenda"], ["stale"], ["tags"], ["balance"], ["layers"], ["intros"], ["show", "Anna"]):
        document = json.loads(run(root, *command, *TODAY, "--format", "json").stdout)
        assert document["incomplete"] == ["Paul Weber"], command
    assert "(note not read completely)" not in run(root, "show", "Anna", *TODAY).stdout
    for command in (["tags"], ["balance"]):
        for fmt in ("text", "markdown"):
            assert marked in run(root, *command, *TODAY, "--format", fmt).stdout.replace("[[", "").replace(
                "]]", ""
            ), (command, fmt)


def test_an_agenda_of_a_vault_without_contacts_does_not_say_everyone_is_in_touch(vault):
    root = vault({"Notes/idea.md": "# an idea\n"})
    for fmt in ("text", "markdown"):
        printed = run(root, "agenda", *TODAY, "--format", fmt).stdout
        assert "No contacts found, so there is nothing to do" in printed
        assert "everyone is in touch" not in printed
