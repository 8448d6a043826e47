import errno
import os
import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.edit import editor as edit
from vaultkit.index import load_index

MARIE = "People/Marie Lefèvre.md"


WRITERS = ("log", "new", "snooze", "set", "import")


def on_the_day(args: tuple[str, ...] | list[str]) -> list[str]:
    """A writing command run as on 2026-11-21."""
    return [args[0], "--today", "2026-11-21", *args[1:]] if args and args[0] in WRITERS else list(args)


@pytest.fixture
def demo(tmp_path):
    """A copy of the example vault; returns a function that runs vaultkit on it."""
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")

    def run(*args):
        return CliRunner().invoke(cli, ["--vault", str(root), *on_the_day(args)], catch_exceptions=False)

    run.root = root
    return run


def test_log_appends_the_entry_and_says_what_moved(demo):
    result = demo("log", "marie", "über die Ausstellung gesprochen", "--kind", "call", "--gave")
    assert (result.exit_code, result.output) == (
        0,
        (
            "logged 2026-11-21 call: über die Ausstellung gesprochen #gave in People/Marie Lefèvre.md; "
            "last_contact 2026-03-03 → 2026-11-21\n"
        ),
    )
    text = (demo.root / MARIE).read_text()
    assert "last_contact: 2026-11-21\n" in text
    assert "## Log\n- 2026-11-21 call: über die Ausstellung gesprochen #gave\n- 2026-09-10 call:" in text


def test_gave_and_got_exclude_each_other(demo):
    result = demo("log", "Marie", "x", "--gave", "--got")
    assert (result.exit_code, result.output) == (2, "vaultkit: --gave and --got exclude each other\n")


def test_log_never_moves_last_contact_backwards(demo):
    result = demo("log", "Marie Lefèvre", "alte", "Notiz", "--date", "01.02.2026")
    assert result.output == (
        "logged 2026-02-01 alte Notiz in People/Marie Lefèvre.md; last_contact stays 2026-03-03\n"
    )
    assert "last_contact: 2026-03-03\n" in (demo.root / MARIE).read_text()
    assert demo("log", "Jürgen", "Jazz", "--date", "2026-10-01").output == (
        "logged 2026-10-01 Jazz in People/Jürgen Hoffmann.md; last_contact stays unset: the log has "
        "later entries\n"
    )


def test_dry_run_prints_the_diff_and_writes_nothing(demo):
    before = (demo.root / MARIE).read_bytes()
    result = CliRunner().invoke(
        cli, ["--vault", str(demo.root), *on_the_day(["log", "Marie", "Kaffee", "--dry-run"])]
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/People/Marie Lefèvre.md\n"
        "+++ b/People/Marie Lefèvre.md\n"
        "@@ -3,7 +3,7 @@\n"
        " aliases: [Marie]\n"
        " tags: [kunst/malerei, kiel]\n"
        " circle: close\n"
        "-last_contact: 2026-03-03\n"
        "+last_contact: 2026-11-21\n"
        " next_contact: 2026-12-01\n"
        " birthday: 1986-07-09\n"
        ' org: "[[Galerie Nord]]"\n'
        "@@ -26,6 +26,7 @@\n"
        " Hund: Pelle (Terrier), war im Frühjahr lange krank.\n"
        " \n"
        " ## Log\n"
        "+- 2026-11-21 Kaffee\n"
        " - 2026-09-10 call: über die Ausstellungsidee gesprochen #gave\n"
        " - 2026-06-20 atelier: neue Serie „Förde im Nebel“ angeschaut\n"
        " - 2026-03-03 call: Pelle ist krank, Tierärztin vermittelt #gave\n"
    )
    assert result.stderr == "dry run: nothing was written\n"
    assert (demo.root / MARIE).read_bytes() == before


def test_unknown_names_are_named_with_suggestions_and_ambiguous_ones_list_the_candidates(demo, vault):
    assert (demo("log", "Kat", "x").exit_code, demo("log", "Kat", "x").output) == (
        1,
        "vaultkit: no contact named 'Kat'; did you mean Katrin Vogel?\n",
    )
    assert demo("set", "Nobody", "role", "x").output == "vaultkit: no contact named 'Nobody'\n"
    root = vault(
        {
            "People/Anna Berg.md": "---\naliases: [Anna]\n---\n",
            "People/Anna Kurz.md": "---\naliases: [Anna]\n---\n",
        }
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "snooze", "anna", "2w"])
    assert (result.exit_code, result.output) == (
        1,
        (
            "vaultkit: 'anna' is ambiguous; it may mean:\n"
            "  Anna Berg (People/Anna Berg.md)\n  Anna Kurz (People/Anna Kurz.md)\n"
        ),
    )


@pytest.mark.parametrize(
    "command",
    [
        ("set", "Tom Whitfield", "role", "x"),
        ("log", "tom whitfield", "x"),
        ("snooze", "Tom", "2w"),
        ("set", "Tom Whitfield", "role", "x", "--dry-run"),
    ],
)
def test_a_contact_whose_file_name_another_note_has_too_is_never_edited(demo, command):
    other = demo.root / "People/Sub/tom whitfield.md"
    other.parent.mkdir()
    other.write_text("---\nname: Other Tom\n---\n")
    notes = sorted(demo.root.rglob("*.md"))
    before = [note.read_bytes() for note in notes]
    result = demo(*command)
    assert (result.exit_code, result.output) == (
        1,
        (
            f"vaultkit: {command[1]!r} is ambiguous: People/Tom Whitfield.md and People/Sub/tom whitfield.md "
            "have the same file name, ignoring case and accents (vaultkit reads only People/Tom Whitfield.md); "
            "rename one of them, then try again\n"
        ),
    )
    assert [note.read_bytes() for note in notes] == before


def test_snooze_sets_snooze_until_from_a_duration_or_a_date(demo):
    assert demo("snooze", "Katrin Vogel", "2w").output == (
        "snooze_until (unset) → 2026-12-05 in People/Katrin Vogel.md\n"
    )
    assert demo("snooze", "Felix Wagner", "2027-01-10").output == (
        "snooze_until 2026-12-15 → 2027-01-10 in People/Felix Wagner.md\n"
    )
    assert demo("snooze", "Felix Wagner", "2027-01-10").output == (
        "snooze_until is already 2027-01-10 in People/Felix Wagner.md; nothing to change\n"
    )
    past = demo("snooze", "Felix Wagner", "2026-11-01")
    assert (past.exit_code, past.output) == (2, "vaultkit: 2026-11-01 is in the past\n")
    impossible = demo("snooze", "Felix Wagner", "31.02.2027")
    assert (impossible.exit_code, impossible.output) == (
        2,
        "vaultkit: '31.02.2027' is not a real date (day is out of range for month)\n",
    )


def test_set_checks_the_value_then_changes_one_line(demo):
    before = (demo.root / "People/Ben Hughes.md").read_bytes()
    bad = demo("set", "Ben Hughes", "circle", "besties")
    assert (bad.exit_code, bad.output) == (
        2,
        "vaultkit: circle: 'besties' is not a circle; the config has inner, close, network and reserve\n",
    )
    listed = demo("set", "Ben Hughes", "interests", "Laufen")
    assert (
        listed.output
        == "vaultkit: interests holds a list; set changes single values, so edit the list in the note\n"
    )
    assert (demo.root / "People/Ben Hughes.md").read_bytes() == before
    assert (
        demo("set", "Ben Hughes", "circle", "network").output
        == "circle (unset) → network in People/Ben Hughes.md\n"
    )
    assert demo("set", "Hannah Richter", "phone", "01067124").output == (
        "phone 01067123 → 01067124 in People/Hannah Richter.md\n"
    )
    assert 'phone: "01067124"\n' in (demo.root / "People/Hannah Richter.md").read_text()
    # The example vault's .obsidian/types.json makes last_contact a date: written ISO.
    assert demo("set", "Stefan Krüger", "last_contact", "01.11.2026").output == (
        "last contact 2026-07-15 → 2026-11-01 in People/Stefan Krüger.md\n"
    )


def test_a_note_that_cannot_be_edited_safely_is_refused_byte_identical(demo):
    broken = demo.root / "People/Broken Example.md"
    before = broken.read_bytes()
    result = demo("log", "Broken Example", "hallo")
    assert result.exit_code == 1
    assert result.output == (
        "vaultkit: People/Broken Example.md:4: invalid YAML: found unexpected end of stream (while "
        "scanning a quoted scalar that starts on line 4); vaultkit edits only notes it can read "
        "completely (vaultkit check says why); nothing was written\n"
    )
    assert broken.read_bytes() == before


def test_a_note_saved_by_an_editor_meanwhile_is_not_overwritten(demo, monkeypatch):
    path = demo.root / MARIE

    def plan_then_editor_saves(*args):
        planned = edit.add_log_entry(*args)
        path.write_text("typed in Obsidian\n")
        return planned

    monkeypatch.setattr("vaultkit.cli.log.add_log_entry", plan_then_editor_saves)
    result = demo("log", "Marie", "x")
    assert (result.exit_code, result.output) == (
        1,
        (
            "vaultkit: People/Marie Lefèvre.md: the note changed on disk after vaultkit read it (saved "
            "in an editor?); run the command again; nothing was written\n"
        ),
    )
    assert path.read_text() == "typed in Obsidian\n"


def test_a_note_the_file_system_refuses_to_write_is_a_clear_refusal(demo, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = (demo.root / MARIE).read_bytes()
    monkeypatch.setattr("vaultkit.atomic._write_temp", disk_full)
    result = demo("log", "Marie", "x")
    assert (result.exit_code, result.output) == (
        1,
        (
            "vaultkit: People/Marie Lefèvre.md: cannot write the note: No space left on device; "
            "nothing was written\n"
        ),
    )
    assert (demo.root / MARIE).read_bytes() == before


def test_new_with_a_file_in_place_of_the_contacts_folder_names_the_folder(vault):
    root = vault({".vaultkit.toml": "[contacts]\nfolders = ['Friends']\n", "Friends": "a file"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "new", "Ada"])
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: .vaultkit.toml:2: contacts folder 'Friends' does not exist in the vault; no contact is "
        "read from it\n"
        "vaultkit: Friends/Ada.md: cannot create the folder Friends: File exists; nothing was written\n",
    )


def test_bom_crlf_missing_final_newline_and_permissions_are_kept(vault):
    root = vault({"People/A.md": "\ufeff---\r\nname: A\r\n---\r\n# A".encode()})
    (root / "People/A.md").chmod(0o600)
    result = CliRunner().invoke(cli, ["--vault", str(root), "log", "A", "x", "--date", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert (root / "People/A.md").read_bytes() == (
        "\ufeff---\r\nname: A\r\nlast_contact: 2026-11-01\r\n---\r\n# A\r\n\r\n## Log\r\n- 2026-11-01 x".encode()
    )
    assert (root / "People/A.md").stat().st_mode & 0o777 == 0o600


def test_new_creates_the_contact_from_the_template(demo):
    result = demo("new", "Lena Schmidt", "--tag", "kunst", "--circle", "network", "--field", "role=Kuratorin")
    assert (result.exit_code, result.output) == (0, "created People/Lena Schmidt.md\n")
    text = (demo.root / "People/Lena Schmidt.md").read_text()
    template = (demo.root / "Templates/Contact.md").read_text()  # the vault's own, as Obsidian shows it
    assert text == (
        template.replace('"{{title}}"', '"Lena Schmidt"')
        .replace("{{title}}", "Lena Schmidt")
        .replace("tags: [person]", "tags: [person, kunst]")
        .replace("circle:\n", "circle: network\n")
        .replace("role:\n", "role: Kuratorin\n")
    )
    assert "\nmet:\n" in text
    before = load_index(EXAMPLE_VAULT)
    notes, contacts = before.files + 1, len(before.contacts) + 1
    assert demo("check").output.endswith(f"checked {notes} notes ({contacts} contacts): 1 error, 1 warning\n")


@pytest.mark.parametrize(
    "name, path",
    [
        ("../../x", "People/x.md"),
        ("a/b", "People/a b.md"),
        ('Who: "me"?', "People/Who me.md"),
    ],
)
def test_new_makes_hostile_names_safe_inside_the_contacts_folder(demo, name, path):
    result = demo("new", name)
    assert (result.exit_code, result.output) == (0, f"created {path} (name: {name})\n")
    assert (demo.root / path).resolve().parent == (demo.root / "People").resolve()
    assert not (demo.root.parent / "x.md").exists()


@pytest.mark.parametrize(
    "name, code, output",
    [
        (
            "CON",
            2,
            "vaultkit: 'CON' is a device name Windows does not allow as a file name; choose another name\n",
        ),
        ("", 2, "vaultkit: the name is empty\n"),
        (':*?"<>|', 2, "vaultkit: ':*?\"<>|' leaves nothing usable as a file name\n"),
        (
            "JÜRGEN",
            1,
            "vaultkit: People/Jürgen Hoffmann.md: 'JÜRGEN' is already this contact's file name, name "
            "or alias; nothing was written\n",
        ),
    ],
)
def test_new_refuses_names_it_cannot_use_and_creates_nothing(demo, name, code, output):
    before = sorted(p.name for p in (demo.root / "People").iterdir())
    result = demo("new", name)
    assert (result.exit_code, result.output) == (code, output)
    assert sorted(p.name for p in (demo.root / "People").iterdir()) == before


def test_new_dry_run_shows_the_whole_note_and_creates_nothing(vault):
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\ntags: []\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "new", "NO", "--tag", "x", "--dry-run"])
    assert result.stdout == (
        '--- /dev/null\n+++ b/People/NO.md\n@@ -0,0 +1,4 @@\n+---\n+name: "NO"\n+tags: [x]\n+---\n'
    )
    assert not (root / "People").exists()


def test_set_writes_the_type_obsidian_gives_the_property(demo):
    ben = demo.root / "People/Ben Hughes.md"
    refused = demo("set", "Ben Hughes", "rating", "four")
    assert (refused.exit_code, refused.output) == (
        2,
        "vaultkit: rating: expected a number like 3 or 2.5 (Obsidian's type for it), got 'four'\n",
    )
    assert demo("set", "Ben Hughes", "rating", "4").output == "rating (unset) → 4 in People/Ben Hughes.md\n"
    assert "\nrating: 4\n" in ben.read_text()
    assert demo("set", "Ben Hughes", "rating", "4").output == (
        "rating is already 4 in People/Ben Hughes.md; nothing to change\n"
    )
    assert demo("set", "Ben Hughes", "paused", "yes").exit_code == 0
    assert "\npaused: true\n" in ben.read_text()
    created = demo("new", "Lena Schmidt", "--field", "rating=5")
    assert created.exit_code == 0
    assert "\nrating: 5\n" in (demo.root / "People/Lena Schmidt.md").read_text()


def test_set_names_an_unusable_types_file_and_writes_text(demo):
    (demo.root / ".obsidian/types.json").write_text('{\n  "types": {"rating": "number",}\n}')
    result = demo("set", "Ben Hughes", "rating", "4")
    assert result.exit_code == 0
    assert result.output == (
        "vaultkit: .obsidian/types.json:2: not valid JSON (Expecting property name enclosed in double "
        "quotes); property types are not used\n"
        "rating (unset) → 4 in People/Ben Hughes.md\n"
    )
    assert '\nrating: "4"\n' in (demo.root / "People/Ben Hughes.md").read_text()


def test_log_puts_a_one_entry_log_in_the_order_of_the_vaults_other_logs(demo):
    # Every longer log in the example vault is written newest first.
    assert demo("log", "Carla Jensen", "Kaffee in Kiel", "--kind", "coffee").exit_code == 0
    assert (
        (demo.root / "People/Carla Jensen.md")
        .read_text()
        .endswith(
            "## Log\n- 2026-11-21 coffee: Kaffee in Kiel\n"
            "- 2026-05-10 coffee: über das Cover gesprochen, ich höre mich nach Illustratorinnen um #gave\n"
        )
    )


def test_a_contact_dated_after_today_is_refused_and_nothing_is_written(demo):
    marie = (demo.root / MARIE).read_bytes()
    logged = demo("log", "marie", "x", "--date", "2027-01-01")
    assert (logged.exit_code, logged.output) == (
        2,
        (
            "vaultkit: the date 2027-01-01 is after today (2026-11-21); the log holds what happened, "
            "a planned contact is next_contact\n"
        ),
    )
    set_ = demo("set", "marie", "last_contact", "2027-01-01")
    assert (set_.exit_code, set_.output) == (
        2,
        (
            "vaultkit: last_contact: 2027-01-01 is after today (2026-11-21); a planned contact is next_contact\n"
        ),
    )
    assert (demo.root / MARIE).read_bytes() == marie


def test_set_refuses_a_key_one_letter_from_a_field_unless_forced(demo):
    refused = demo("set", "Paul Weber", "birtday", "1980-01-01")
    assert (refused.exit_code, refused.output) == (
        2,
        "vaultkit: 'birtday' is not a field vaultkit reads; did you mean birthday? (--force writes birtday)\n",
    )
    assert "birtday" not in (demo.root / "People" / "Paul Weber.md").read_text()
    forced = demo("set", "Paul Weber", "birtday", "1980-01-01", "--force")
    assert (
        forced.exit_code == 0
        and "birtday: 1980-01-01\n" in (demo.root / "People" / "Paul Weber.md").read_text()
    )
    assert demo("set", "Paul Weber", "rating", "5").exit_code == 0  # a key of your own is fine


def test_log_twice_with_the_same_day_and_text_changes_nothing_the_second_time(demo):
    first = demo("log", "marie", "Kaffee", "--kind", "coffee")
    before = (demo.root / MARIE).read_bytes()
    again = demo("log", "marie", "Kaffee", "--kind", "coffee")
    assert first.exit_code == again.exit_code == 0
    assert again.output == f"already logged 2026-11-21 coffee: Kaffee in {MARIE}; nothing to change\n"
    assert (demo.root / MARIE).read_bytes() == before
