import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import vaultkit.config
import vaultkit.edit.contact_template
from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.exchange.sources import SourceError, decode, detect, read
from vaultkit.index import load_index
from vaultkit.model import Birthday
from vaultkit.values import name_key

IMPORTS = Path(__file__).parent / "fixtures" / "imports"


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False)


def records(name):
    text, _ = decode((IMPORTS / name).read_bytes(), name)
    return read(text, detect(text), name)


def test_formats_are_detected_from_content():
    for name, fmt in (
        ("Connections.csv", "linkedin"),
        ("google.csv", "google"),
        ("contacts.vcf", "vcard"),
        ("latin1.csv", "google"),
    ):
        text, _ = decode((IMPORTS / name).read_bytes(), name)
        assert detect(text) == fmt, name
    assert detect("name,phone\nA,1\n") is None


def test_linkedin_preamble_and_the_connection_day_which_is_no_meeting():
    marie, greta, ravi, _ = records("Connections.csv")
    assert (marie.where, marie.name, marie.emails, marie.org, marie.role, marie.connected) == (
        "Connections.csv:5",
        "Marie Lefèvre",
        ("marie@example.org",),
        "Galerie Nord",
        "Malerin",
        date(2024, 3, 3),
    )
    assert (marie.met, marie.how_met, marie.urls) == (
        None,
        None,
        ("https://www.linkedin.com/in/marie-lefevre",),
    )
    assert (greta.emails, greta.connected, greta.met) == ((), date(2025, 2, 14), None)
    assert ravi.org == "Hansa Tech, GmbH"


def test_google_multiline_notes_yearless_birthdays_labels_and_several_addresses():
    paul, anna, *_ = records("google.csv")
    assert (paul.where, paul.name, paul.birthday, paul.tags, paul.aliases) == (
        "google.csv:2",
        "Paul Weber",
        Birthday(5, 17),
        ("Kiel", "Kunst Freunde"),
        ("Paule",),
    )
    assert paul.emails == ("paul.weber@example.org", "paul@weber.example", "p.weber@work.example")
    assert paul.phones == ("+49 151 0000001",)
    assert (anna.where, anna.birthday, anna.org, anna.role, anna.location) == (
        "google.csv:4",
        Birthday(11, 30, 1975),
        "Uni Kiel",
        "Professorin",
        "Kiel",
    )


def test_vcards_of_three_versions_with_folding_quoted_printable_photos_and_x_fields():
    sophie, joerg, lena = records("contacts.vcf")
    assert (sophie.name, sophie.birthday, sophie.emails) == (
        "Sophie Kramer",
        Birthday(11, 2, 1991),
        ("sophie.kramer@example.org",),
    )
    assert (joerg.where, joerg.name, joerg.phones, joerg.tags) == (
        "contacts.vcf:11",
        "Jörg Müller",
        ("+49 170 1234567",),
        ("Segeln", "Kiel"),
    )
    assert (lena.birthday, lena.org, lena.role, lena.location, lena.aliases) == (
        Birthday(7, 4),
        "Kulturzentrum Hansa",
        "Technik",
        "Kiel",
        ("Lenchen",),
    )


def test_other_encodings_are_read_and_reported():
    text, note = decode((IMPORTS / "latin1.csv").read_bytes(), "latin1.csv")
    assert "Jürgen,Groß" in text
    assert note == "latin1.csv:2: not UTF-8, read as Windows-1252"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n", "x.vcf:1: card never ends"),
        (b'Notes:\n"preamble"\n', "x.vcf:1: no 'First Name,Last Name"),
        (b"\x00\xff\x00binary", "x.vcf:1: not a text file"),
    ],
)
def test_malformed_files_name_the_line(content, message):
    with pytest.raises(SourceError, match=message.replace("(", r"\(")):
        text, _ = decode(content, "x.vcf")
        read(text, detect(text) or "vcard", "x.vcf")


@pytest.mark.parametrize(
    "fmt, content, message",
    [
        (
            "vcard",
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,\n",
            "x.txt:1: this is a LinkedIn export, not a vCard file; leave out --format, or give --format linkedin",
        ),
        (
            "google",
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n",
            "x.txt:1: this is a vCard file, not a Google Contacts export; leave out --format, or give --format vcard",
        ),
    ],
)
def test_a_file_of_another_format_than_the_one_named_is_refused(fmt, content, message):
    text, _ = decode(content, "x.txt")
    with pytest.raises(SourceError, match=message):
        read(text, fmt, "x.txt")


def test_records_without_a_name_are_listed_as_skipped(example, tmp_path):
    cards = tmp_path / "two.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:\nEMAIL:x@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zora Neu\nEND:VCARD\n"
    )
    result = run(example, "import", str(cards), "--dry-run")
    assert result.output == (
        "would create People/Zora Neu.md (two.vcf:6)\n"
        "skip two.vcf:1: no name, so no contact to import\n"
        "dry run: 1 created, 0 updated, 1 skipped, 0 conflicts\n"
    )


def test_names_match_in_any_order_case_and_accents():
    assert name_key("Lefevre, Marie") == name_key("Marie Lefèvre") == name_key("MARIE LEFÈVRE")


def test_import_creates_fills_reports_conflicts_and_near_matches(example):
    result = run(example, "import", str(IMPORTS / "google.csv"), "--json")
    summary = json.loads(result.output)
    assert summary["schema"] == "vaultkit.import/1"
    assert [c["path"] for c in summary["created"]] == [
        "People/Anna Maria Schmidt.md",
        "People/=cmd ' C calc'!A0.md",
        "People/etc passwd.md",
    ]
    assert summary["updated"] == [
        {
            "contact": "Paul Weber",
            "path": "People/Paul Weber.md",
            "where": "google.csv:2",
            "fields": {
                "birthday": "--05-17",
                "email": "[paul.weber@example.org, paul@weber.example, p.weber@work.example]",
                "phone": "[+49 431 5551010, +49 151 0000001]",
                "aliases": "[Paule]",
                "tags": "[theater, kiel, Kunst-Freunde]",
                "notes": "Met at the Vernissage.\nHas two kids, asks about sailing.",
            },
        }
    ]
    assert summary["conflicts"] == []  # more emails and phones are added, not conflicts
    paul = load_index(example).contacts["Paul Weber"]
    assert paul.birthday == Birthday(5, 17)
    assert paul.emails == ("paul.weber@example.org", "paul@weber.example", "p.weber@work.example")
    assert paul.tags == ("theater", "kiel", "Kunst-Freunde")  # "Kiel" is the tag the note has
    assert paul.notes == "Met at the Vernissage.\nHas two kids, asks about sailing."


def test_hostile_names_stay_inside_the_contacts_folder(example):
    run(example, "import", str(IMPORTS / "google.csv"))
    created = {p.relative_to(example).as_posix() for p in example.rglob("*.md")} - {
        p.relative_to(EXAMPLE_VAULT).as_posix() for p in EXAMPLE_VAULT.rglob("*.md")
    }
    assert created and all(path.startswith("People/") and path.count("/") == 1 for path in created)
    assert not (example.parent / "etc").exists()


def test_importing_the_same_file_twice_creates_nothing_the_second_time(example):
    for name in ("Connections.csv", "google.csv", "contacts.vcf"):
        first = json.loads(run(example, "import", str(IMPORTS / name), "--json").output)
        again = json.loads(run(example, "import", str(IMPORTS / name), "--json").output)
        assert first["created"] or first["updated"], name
        assert (again["created"], again["updated"]) == ([], []), name


def test_near_match_is_left_for_review(example):
    result = run(example, "import", str(IMPORTS / "Connections.csv"))
    assert (
        "skip 'Marie Lefebvre' (Connections.csv:8): close to the name of Marie Lefèvre; check by hand"
        in result.output
    )
    assert not (example / "People" / "Marie Lefebvre.md").exists()


def test_a_contact_whose_file_name_another_note_has_too_is_not_filled(example):
    (example / "People/Old").mkdir()
    (example / "People/Old/paul weber.md").write_text("# another Paul\n")
    before = (example / "People/Paul Weber.md").read_bytes()
    summary = json.loads(run(example, "import", str(IMPORTS / "google.csv"), "--json").output)
    assert summary["updated"] == []
    assert {
        "name": "Paul Weber",
        "where": "google.csv:2",
        "reason": (
            "People/Paul Weber.md and People/Old/paul weber.md have the same file name, ignoring case and "
            "accents (vaultkit reads only People/Paul Weber.md); rename one of them"
        ),
    } in summary["skipped"]
    assert (example / "People/Paul Weber.md").read_bytes() == before


def test_dry_run_writes_nothing(example):
    before = {p: p.read_bytes() for p in example.rglob("*.md")}
    result = run(example, "import", str(IMPORTS / "Connections.csv"), "--dry-run")
    assert result.output.splitlines()[0] == "would create People/Greta Hansen.md (Connections.csv:6)"
    assert result.output.splitlines()[-1] == "dry run: 2 created, 1 updated, 1 skipped, 0 conflicts"
    assert {p: p.read_bytes() for p in example.rglob("*.md")} == before


def test_new_notes_come_from_the_template_and_read_back(example):
    run(example, "import", str(IMPORTS / "Connections.csv"))
    ravi = load_index(example).contacts["Ravi Menon"]
    assert (ravi.org, ravi.role, ravi.email, ravi.connected, ravi.met, ravi.how_met) == (
        "Hansa Tech, GmbH",
        "Backend Developer",
        "ravi.menon@example.com",
        date(2026, 10, 1),
        None,
        None,
    )
    assert not load_index(example).diagnostics or all(
        d.path == "People/Broken Example.md" or d.severity == "warning"
        for d in load_index(example).diagnostics
    )


def test_export_then_import_creates_nothing_new(example, tmp_path):
    exported = tmp_path / "all.vcf"
    run(example, "export", "--format", "vcard", "--output", str(exported))
    summary = json.loads(run(example, "import", str(exported), "--json").output)
    assert summary["created"] == []


def test_unreadable_source_is_one_message(example, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("name,phone\nA,1\n")
    result = CliRunner().invoke(cli, ["--vault", str(example), "import", str(bad)])
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: x.csv:1: not a LinkedIn, Google Contacts, Outlook or vCard export; name the format with --format\n",
    )


def test_new_people_get_the_vaults_own_template_with_the_imported_fields(vault):
    root = vault(
        {
            "Templates/Contact.md": '---\nname: "{{title}}"\ntags:\n  - person\norg:\nsource: my template\n---\n'
            "# {{title}}\n\n## Log\n",
        }
    )
    result = run(root, "import", str(IMPORTS / "Connections.csv"))
    assert result.exit_code == 0, result.output
    assert (root / "People/Ravi Menon.md").read_text() == (
        '---\nname: "Ravi Menon"\ntags:\n  - person\norg: Hansa Tech, GmbH\nsource: my template\n'
        "role: Backend Developer\nemail: ravi.menon@example.com\nurl: https://www.linkedin.com/in/ravimenon\n"
        "connected: 2026-10-01\n---\n"
        "# Ravi Menon\n\n## Log\n"
    )


def test_a_broken_template_stops_the_import_before_anything_is_written(vault):
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\nrole: [x\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "import", str(IMPORTS / "Connections.csv")])
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: Templates/Contact.md:3: filled in, its front matter cannot be read: invalid YAML: "
        "did not find expected ',' or ']' (while parsing a flow sequence that starts on line 3); "
        "nothing was written\n",
    )
    assert not (root / "People").exists()


class _AtFiveAfterNine(datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 11, 21, 9, 5, 7)


def test_import_fills_the_template_as_new_does_time_and_all(vault, monkeypatch):
    monkeypatch.setattr("vaultkit.cli.new.datetime", _AtFiveAfterNine)
    monkeypatch.setattr("vaultkit.cli.importing.datetime", _AtFiveAfterNine, raising=False)
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\ncreated: {{date}} {{time}}\n---\n"})
    assert run(root, "new", "Ada Lovelace", "--today", "2026-11-21").exit_code == 0
    assert run(root, "import", str(IMPORTS / "Connections.csv"), "--today", "2026-11-21").exit_code == 0
    made = [(root / "People" / name).read_text() for name in ("Ada Lovelace.md", "Ravi Menon.md")]
    assert all("\ncreated: 2026-11-21 09:05\n" in text for text in made), made


def test_import_reads_the_config_once(vault, monkeypatch):
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\n---\n"})
    calls = []

    def counted(root):
        calls.append(root)
        return vaultkit.config.load_config(root)

    monkeypatch.setattr("vaultkit.cli.session.load_config", counted)
    monkeypatch.setattr("vaultkit.edit.contact_template.load_config", counted)
    assert run(root, "import", str(IMPORTS / "Connections.csv"), "--dry-run").exit_code == 0
    assert len(calls) == 1


LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_vcard_values_reach_the_note_without_control_characters(vault, tmp_path):
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\n---\n"})
    cards = tmp_path / "hostile.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve \x1b]0;owned\x07Ray\xe2\x80\xae\r\n"
        b"ORG:\x1b[8mAcme\xc2\x9b\x07\r\nTITLE:Boss\\n\x1b]52;c;ZXZpbA==\x07\r\n"
        b"EMAIL:eve@example.org\x07\r\nEND:VCARD\r\n"
    )
    assert run(root, "import", str(cards)).output == (
        "create People/Eve 0;ownedRay.md (hostile.vcf:1)\n1 created, 0 updated, 0 skipped, 0 conflicts\n"
    )
    written = (root / "People/Eve 0;ownedRay.md").read_text()
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", written), written
    eve = load_index(root).contacts["Eve 0;ownedRay"]
    assert (eve.name, eve.org, eve.role, eve.email) == (
        "Eve ]0;ownedRay",
        "[8mAcme",
        "Boss ]52;c;ZXZpbA==",
        "eve@example.org",
    )


@pytest.mark.parametrize(
    "name, content, field, reason",
    [
        (
            "in.csv",
            LINKEDIN_HEADER + "Ann,Lee,,ann@example.org,,,yesterday\nBo,Berg,,,,,03 Mar 2024\n",
            "connected",
            "'Connected On' 'yesterday' is not a date like 03 Mar 2024",
        ),
        (
            "in.csv",
            "Name,Given Name,E-mail 1 - Value,Birthday\nAnn Lee,Ann,ann@example.org,31.02.1980\nBo Berg,Bo,,\n",
            "birthday",
            "expected a birthday like 1984-05-17, --05-17, 05-17 or 17.05., got '31.02.1980'",
        ),
        (
            "in.vcf",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@example.org\nBDAY:sometime\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Berg\nEND:VCARD\n",
            "birthday",
            "expected a birthday like 1984-05-17, --05-17, 05-17 or 17.05., got 'sometime'",
        ),
    ],
)
def test_an_unreadable_date_leaves_out_its_field_not_the_record_or_the_import(
    example, tmp_path, name, content, field, reason
):
    source = tmp_path / name
    source.write_text(content)
    result = CliRunner().invoke(
        cli, ["--vault", str(example), "import", str(source), "--today", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    said = {"connected": "connection day"}.get(field, field)
    assert f"skip the {said} of 'Ann Lee' ({name}:" in result.output
    assert reason in result.output
    assert result.output.endswith("2 created, 0 updated, 0 skipped, 0 conflicts, 1 field skipped\n")
    ann = load_index(example).contacts["Ann Lee"]
    assert (ann.email, getattr(ann, field)) == ("ann@example.org", None)
    assert "Bo Berg" in load_index(example).contacts


def test_import_refuses_a_future_met_or_birthday_with_the_words_of_set(example, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "Name,Given Name,E-mail 1 - Value,Birthday\nAnn Lee,Ann,ann@example.org,2030-05-01\n"
        "Paul Weber,Paul,,2031-01-02\n"
    )
    summary = json.loads(run(example, "import", str(source), "--json", "--today", "2026-11-21").output)
    set_says = CliRunner().invoke(
        cli, ["--vault", str(example), "set", "Ann Lee", "birthday", "2030-05-01", "--today", "2026-11-21"]
    )
    assert set_says.exit_code != 0
    reason = "2030-05-01 is after today (2026-11-21); a birth date is in the past"
    assert reason in set_says.output
    assert {
        "name": "Ann Lee",
        "where": "in.csv:2",
        "field": "birthday",
        "reason": reason,
    } in summary["skipped"]
    assert [c["name"] for c in summary["created"]] == ["Ann Lee"]
    assert load_index(example).contacts["Ann Lee"].birthday is None
    # Paul Weber's note lacks only a birthday, and the one given is still to come: nothing to add.
    assert summary["updated"] == []
    assert {
        "name": "Paul Weber",
        "where": "in.csv:3",
        "reason": "already in the vault as Paul Weber, nothing to add",
    } in summary["skipped"]


def test_a_future_connection_day_is_left_out_as_set_leaves_it(example, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(LINKEDIN_HEADER + "Ann,Lee,,,,,03 Mar 2027\n")
    result = run(example, "import", str(source), "--today", "2026-11-21")
    assert result.output == (
        "create People/Ann Lee.md (in.csv:2)\n"
        "skip the connection day of 'Ann Lee' (in.csv:2): 2027-03-03 is after today (2026-11-21); "
        "a connection is made on a day that has been\n"
        "1 created, 0 updated, 0 skipped, 0 conflicts, 1 field skipped\n"
    )
    assert load_index(example).contacts["Ann Lee"].connected is None


def test_the_summary_prints_no_escape_sequence_from_the_vault_or_the_file(example, tmp_path):
    (example / "People/Eve \x1b]0;x\x07.md").write_text("---\nname: Eve\x1b]0;x\x07 Ray\ncity: Kiel\n---\n")
    source = tmp_path / "in.vcf"
    source.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eve\x1b]0;x\x07 Ray\nBDAY:\x1b[2Jbad\nEND:VCARD\n")
    result = run(example, "import", str(source), "--dry-run")
    assert "Eve" in result.output and "\x1b" not in result.output and "\x07" not in result.output
