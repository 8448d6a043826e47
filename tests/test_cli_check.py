import json
import os

import click
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_check_on_example_vault_reports_the_deliberate_problems():
    result = run("--vault", str(EXAMPLE_VAULT), "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("People/Broken Example.md:4: error yaml-syntax invalid YAML:")
    assert lines[1].startswith("People/Hannah Richter.md:9: warning yaml11-value phone: 01067123")
    assert lines[-1].startswith("checked ") and lines[-1].endswith(": 1 error, 1 warning")


def test_clean_vault_exits_0_and_says_so(vault):
    root = vault({"People/A.md": "---\nname: A\n---\n", "Daily/2026-01-01.md": "[[A]]\n"})
    result = run("--vault", str(root), "check")
    assert (result.exit_code, result.output) == (
        0,
        "contacts: 1 in People/\nchecked 2 notes (1 contact): 0 errors, 0 warnings\n",
    )


def test_warnings_fail_only_with_strict(vault):
    root = vault({"People/A.md": "---\ncircle: besties\n---\n"})
    assert run("--vault", str(root), "check").exit_code == 0
    strict = run("--vault", str(root), "check", "--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[0] == (
        "People/A.md:2: warning unknown-circle circle 'besties' is not one of inner, close, "
        "network or reserve; the default cadence applies"
    )


def test_json_follows_the_check_contract(vault):
    root = vault({"People/A.md": "---\nlast_contact: 2026-02-30\n---\n", "Notes/B.md": "text\n"})
    result = run("--vault", str(root), "check", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document == {
        "schema": "vaultkit.check/1",
        "diagnostics": [
            {
                "path": "People/A.md",
                "line": 2,
                "severity": "error",
                "code": "bad-date",
                "message": "last_contact: '2026-02-30' is not a real date (day is out of range for month)",
            }
        ],
        "files": 2,
        "contacts": 1,
        "understood": {"found_by": {"folder People": 1}, "left_out": {}, "fields": {}, "owner": None},
    }


def test_a_control_character_or_a_nul_byte_is_one_diagnostic_of_one_line(vault):
    root = vault(
        {"People/Ctrl.md": '---\nname: "a\x01b"\n---\n', "People/Nul.md": "---\nname: a\x00b\n---\n"}
    )
    result = run("--vault", str(root), "check")
    assert result.output.splitlines() == [
        "People/Ctrl.md:2: error yaml-syntax invalid YAML: unacceptable character #x0001: "
        "control characters are not allowed",
        "People/Nul.md:2: error binary file holds binary data (NUL bytes), not text",
        "contacts: 2 in People/",
        "checked 2 notes (2 contacts): 2 errors, 0 warnings",
    ]


def test_bad_config_is_reported_by_check_with_every_problem(vault):
    root = vault({".vaultkit.toml": "[cadence]\ndefault = 'often'\n[colours]\n", "People/A.md": "# A\n"})
    result = run("--vault", str(root), "check")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        ".vaultkit.toml:2: error config-invalid default: expected a duration like 10d, 2w, 1m, 1y "
        "or monthly, got 'often'",
        ".vaultkit.toml:3: error config-invalid unknown section [colours]",
    ]


def test_vault_is_found_from_the_environment(vault):
    root = vault({"People/A.md": "# A\n"})
    result = run("check", env={"VAULTKIT_VAULT": str(root)})
    assert result.output == "contacts: 1 in People/\nchecked 1 note (1 contact): 0 errors, 0 warnings\n"


def test_missing_vault_is_one_clear_message(tmp_path):
    result = run("--vault", str(tmp_path / "nope"), "check")
    assert result.exit_code == 2
    assert result.output == f"vaultkit: vault folder not found: {tmp_path / 'nope'}\n"


def test_internal_errors_show_no_traceback_without_debug(vault, monkeypatch):
    root = vault({"People/A.md": "# A\n"})

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("vaultkit.index.load_index", explode)
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert "internal error: RuntimeError: boom" in result.output
    debug = CliRunner().invoke(cli, ["--vault", str(root), "--debug", "check"])
    assert isinstance(debug.exception, RuntimeError)


def test_help_lists_every_command_with_the_first_line_of_its_own_help():
    from vaultkit.cli import COMMANDS

    context = click.Context(cli)
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None and command.name == name
        assert " ".join((command.help or "").split("\n\n")[0].split()) == summary, name
    listing = CliRunner().invoke(cli, ["--help"]).output
    assert all(f"  {name} " in listing for name in COMMANDS)


def test_contacts_dated_after_today_are_warned_about_with_their_lines(vault):
    root = vault(
        {
            "People/A.md": "---\nlast_contact: 2027-01-05\nmet: 2020-02-02\n---\n"
            "## Log\n- 2027-01-04 call: typo in the year\n- 2026-11-20 call: fine\n"
        }
    )
    result = run("--vault", str(root), "check", "--today", "2026-11-21")
    assert (result.exit_code, result.output) == (
        0,
        (
            "People/A.md:2: warning future-date last_contact 2027-01-05 is after today (2026-11-21); "
            "reports count it only from that day\n"
            "People/A.md:6: warning future-date the log entry 2027-01-04 is after today (2026-11-21); "
            "reports count it only from that day\n"
            "contacts: 1 in People/\n"
            "checked 1 note (1 contact): 0 errors, 2 warnings\n"
        ),
    )
    assert "future-date" not in run("--vault", str(root), "check", "--today", "2027-01-05").output


def test_a_birth_date_after_today_is_warned_about_and_the_contact_still_indexed(vault):
    root = vault(
        {
            "People/Edge.md": "---\nname: Edge\nbirthday: 9999-12-31\n---\n",
            "People/Born.md": "---\nbirthdate: 21.11.2026\n---\n",
            "People/Yearless.md": "---\nbirthday: --12-31\n---\n",
        }
    )
    result = run("--vault", str(root), "check", "--today", "2026-11-21")
    assert (result.exit_code, result.output) == (
        0,
        (
            "People/Edge.md:3: warning future-date birthday 9999-12-31 is after today (2026-11-21); "
            "reports count it only from that day\n"
            "contacts: 3 in People/\n"
            "fields read: birthdate as birthday\n"
            "checked 3 notes (3 contacts): 0 errors, 1 warning\n"
        ),
    )


def test_check_says_how_it_found_the_contacts_and_which_keys_it_read_as_fields(vault):
    root = vault(
        {
            "Work/People/A.md": "---\nGeburtstag: 1980-01-02\ncompany: Acme\n---\n",
            "Work/People/Acme.md": "---\nKIND: org\n---\n",
            "Notes/B.md": "---\ntags: [person]\nCompany: Initech\n---\n",
        }
    )
    lines = run("--vault", str(root), "check").output.splitlines()
    assert lines == [
        "contacts: 1 in People/, 1 by tag person; left out: 1 KIND: org",
        "fields read: Geburtstag as birthday, Company as org, company as org",
        "checked 3 notes (2 contacts): 0 errors, 0 warnings",
    ]


def test_check_warns_about_every_note_and_folder_that_links_out_of_the_vault(vault, tmp_path):
    outside = tmp_path / "outside"
    (outside / "Archive").mkdir(parents=True)
    (outside / "Anna.md").write_text("---\nname: Anna\n---\n")
    root = vault({"People/Ben.md": "---\nname: Ben\n---\n"})
    os.symlink(outside / "Anna.md", root / "People" / "Anna.md")
    os.symlink(outside / "Archive", root / "Archive")
    os.symlink(root / "People", root / "Also People")  # stays in the vault: nothing to say
    os.symlink(".", root / "People" / "Loop")
    result = run("--vault", str(root), "check")
    assert (result.exit_code, result.output) == (
        0,
        f"Archive:1: warning link-out Archive links to {outside / 'Archive'}, outside the vault: vaultkit "
        "reads no note there and never writes through the link; name it in [contacts] linked_folders to "
        "have it read and written\n"
        f"People/Anna.md:1: warning link-out People/Anna.md links to {outside / 'Anna.md'}, outside the "
        "vault: vaultkit reads the note, but never writes through the link\n"
        "contacts: 2 in People/\n"
        "checked 2 notes (2 contacts): 0 errors, 2 warnings\n",
    )
    assert run("--vault", str(root), "check", "--strict").exit_code == 1


def test_check_says_nothing_of_a_folder_the_owner_linked_on_purpose_and_reads_it(vault, tmp_path):
    elsewhere = tmp_path / "Synced People"
    elsewhere.mkdir()
    (elsewhere / "Anna.md").write_text("---\nname: Anna\n---\n")
    root = vault({".vaultkit.toml": "[contacts]\nlinked_folders = ['People']\n"})
    os.symlink(elsewhere, root / "People")
    result = run("--vault", str(root), "check")
    assert result.output == "contacts: 1 in People/\nchecked 1 note (1 contact): 0 errors, 0 warnings\n"


def test_check_names_temp_files_a_killed_write_left_and_saves_kept_aside(vault, monkeypatch):
    monkeypatch.setattr("vaultkit.atomic.STALE_AFTER", 0.0)  # a file's ctime cannot be set back
    root = vault({"People/Anna.md": "---\nname: Anna\n---\n"})
    left = root / "People" / ".Anna.md.vaultkit-abcd1234.tmp"
    kept = root / "People" / ".Anna.md.vaultkit-abcd1234.saved"
    for path in (left, kept):
        path.write_text("half\n")
        os.utime(path, (1_700_000_000, 1_700_000_000))
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert (
        "People/.Anna.md.vaultkit-abcd1234.tmp:1: warning leftover-file a write that was stopped half-way"
        in result.output
    )
    assert "People/.Anna.md.vaultkit-abcd1234.saved:1: warning leftover-file a save vaultkit kept aside" in (
        result.output
    )
