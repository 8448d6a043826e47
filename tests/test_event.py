import json
from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, person
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.parse.attendees import Attendee, read_attendees
from vaultkit.render.speech import event as speech
from vaultkit.reports.event import event

TODAY = date(2026, 11, 21)


def test_text_list_skips_blanks_and_comments_and_reads_links():
    found, problems = read_attendees("a.txt", "# guests\nAnn Lee\n\n- [[Bo Berg]]\n  Cy  \n")
    assert (found, problems) == ([Attendee("Ann Lee", 2), Attendee("Bo Berg", 4), Attendee("Cy", 5)], [])


def test_csv_uses_the_name_column_or_first_and_last_name():
    found, _ = read_attendees("a.csv", "Email,Name\nann@x.org,Ann Lee\n")
    assert found == [Attendee("Ann Lee", 2)]
    found, _ = read_attendees("a.CSV", "First Name,Last Name,Company\nAnn,Lee,X\n\nBo,,Y\n")
    assert found == [Attendee("Ann Lee", 2), Attendee("Bo", 4)]


@pytest.mark.parametrize(
    "text",
    [
        'Name,Firma\n"Groß, Jürgen",ACME\nAnn Lee,"Tee; Kaffee"\n',
        "Name;Firma\nGroß, Jürgen;ACME\nAnn Lee;Tee, Kaffee\n",  # German Excel
        'Name;Firma\n"Groß, Jürgen";ACME\n"Ann Lee";"Tee; Kaffee"\n',
        "Name\tFirma\nGroß, Jürgen\tACME\nAnn Lee\tTee; Kaffee\n",
        # A comma inside a quoted header cell parts nothing: the import readers' rule too.
        '"Name";"Firma, Ort"\n"Groß, Jürgen";ACME\n"Ann Lee";"Tee; Kaffee"\n',
    ],
)
def test_csv_cells_are_parted_by_commas_semicolons_or_tabs_as_the_header_line_is(text):
    assert read_attendees("a.csv", text) == ([Attendee("Groß, Jürgen", 2), Attendee("Ann Lee", 3)], [])


def test_a_german_excel_csv_with_first_and_last_name_columns_and_problems_reads_as_a_comma_one():
    text = "Vorname;Nachname;E-Mail\nJürgen;Groß;j@x.de\n;;x@y.org\n"
    found, problems = read_attendees("liste.csv", text)
    assert found == [Attendee("Jürgen Groß", 2)]
    assert [p.format() for p in problems] == ["liste.csv:3: warning no-name this row has no name; skipped"]
    assert (found, problems) == read_attendees("liste.csv", text.replace(";", ","))
    found, problems = read_attendees("liste.csv", "E-Mail;Firma\nx@y.org;X\n")
    assert problems[0].message.endswith("(found: e-mail and firma)")


def test_standard_input_with_a_semicolon_header_is_read_as_a_csv():
    assert read_attendees("-", "Nachname;Vorname\nGroß;Jürgen\n", by_header=True)[0] == [
        Attendee("Jürgen Groß", 2)
    ]
    assert read_attendees("-", "Groß; Jürgen\nAnn\n", by_header=True)[0] == [
        Attendee("Groß; Jürgen", 1),
        Attendee("Ann", 2),
    ]


def test_csv_rows_without_a_name_are_reported_with_their_line_and_skipped():
    found, problems = read_attendees("list.csv", "name,email\n,x@y.org\nAnn,\n")
    assert found == [Attendee("Ann", 3)]
    assert [p.format() for p in problems] == ["list.csv:2: warning no-name this row has no name; skipped"]


def test_csv_without_a_name_column_is_an_error():
    found, problems = read_attendees("list.csv", "email,company\nx@y.org,X\n")
    assert found == []
    assert problems[0].format() == (
        "list.csv:1: error no-name-column no name column: expected 'name', "
        "or 'first name' and 'last name' (found: email and company)"
    )


def guests(vault, files, names):
    root = vault(files)
    index = load_index(root)
    attendees = [Attendee(name, n) for n, name in enumerate(names, 1)]
    result = event(index, gather(index, TODAY), load_config(root), "list.txt", attendees)
    return result, {g.name: g for g in result.guests}


def test_each_attendee_is_a_contact_someone_to_be_introduced_to_or_unknown(vault):
    result, found = guests(
        vault,
        {
            "People/Ann.md": person(
                aliases="[Annie]", interests="[Tee]", last_contact="2026-11-01", knows='["[[Lena Petersen]]"]'
            ),
            "People/Bo Kramer.md": person(),
            "People/Cy Kramer.md": person(aliases="[Kramer]"),
            "People/Di Kramer.md": person(aliases="[Kramer]"),
        },
        ["annie", "Lena Petersen", "Kramer", "Zoe"],
    )
    assert [(g.name, g.status) for g in result.guests] == [
        ("annie", "contact"),
        ("Lena Petersen", "via"),
        ("Kramer", "ambiguous"),
        ("Zoe", "unknown"),
    ]
    assert (found["annie"].contact.id, found["annie"].last) == ("Ann", date(2026, 11, 1))
    assert "interests: Tee" in speech.talking_points(found["annie"])
    assert [chain.first.id for chain in found["Lena Petersen"].via] == ["Ann"]
    assert found["Kramer"].candidates == ("Cy Kramer", "Di Kramer")
    assert result.attending("Ann") and not result.attending("Bo Kramer")


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), "event", *args, "--today", "2026-11-21"])


def test_cli_text_groups_attendees_and_marks_introducers_who_attend(vault, tmp_path):
    root = vault(
        {
            "People/Ann.md": person(last_contact="2026-11-01"),
            "Meetings/2026-10-01 Kunstnacht.md": '---\npeople: ["[[Ann]]", "[[Lena]]"]\n---\n',
        }
    )
    guest_list = tmp_path / "guests.txt"
    guest_list.write_text("Ann\nLena\nZoe\n", encoding="utf-8")
    result = run(root, str(guest_list))
    assert result.exit_code == 0
    assert result.output == (
        f"Event {guest_list}: 3 attendees, 1 you know, 1 you could be introduced to\n"
        "\n"
        "Contacts\n"
        "  Ann, last contact 2026-11-01\n"
        "    last time (2026-10-01): Kunstnacht\n"
        "\n"
        "Who could introduce you\n"
        "  Lena\n"
        "    via Ann (also there): Ann and Lena were at 2026-10-01 Kunstnacht\n"
        "\n"
        "Unknown\n"
        "  Zoe\n"
    )


def test_one_attendee_is_counted_in_the_singular(vault, tmp_path):
    guest_list = tmp_path / "guests.txt"
    guest_list.write_text("Zoe\n", encoding="utf-8")
    root = vault({"People/Ann.md": person()})
    for fmt, summary in (("text", ": 1 attendee, 0 you know"), ("markdown", "\n1 attendee, 0 you know")):
        assert summary in run(root, str(guest_list), "--format", fmt).output


def test_cli_json_follows_the_event_contract_on_the_example_vault():
    result = run(
        EXAMPLE_VAULT, str(EXAMPLE_VAULT / "Events" / "kulturabend-attendees.txt"), "--format", "json"
    )
    document = json.loads(result.stdout)
    assert document["schema"] == "vaultkit.event/1"
    assert [(a["name"], a["contact"], a["via"]) for a in document["attendees"]] == [
        ("Jürgen Hoffmann", "Jürgen Hoffmann", []),
        ("Nadine Schulz", "Nadine Schulz", []),
        ("Lena Petersen", None, ["Anke Brandt", "Hannah Richter"]),
        ("Kati", "Katrin Vogel", []),
        ("Tobias Berg", None, []),
    ]


def test_cli_bad_csv_rows_go_to_stderr_and_the_rest_is_reported(vault, tmp_path):
    root = vault({"People/Ann.md": person()})
    guest_list = tmp_path / "guests.csv"
    guest_list.write_text("name,email\nAnn,\n,x@y.org\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--vault", str(root), "event", str(guest_list), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stderr == f"{guest_list}:3: warning no-name this row has no name; skipped\n"
    assert "- [[Ann]], last contact never\n" in result.stdout


def test_cli_a_list_that_cannot_be_read_exits_1(vault, tmp_path):
    root = vault({"People/Ann.md": person()})
    no_names = tmp_path / "guests.csv"
    no_names.write_text("email\nx@y.org\n", encoding="utf-8")
    assert run(root, str(no_names)).exit_code == 1
    latin = tmp_path / "guests.txt"
    latin.write_bytes("Jürgen\n".encode("latin-1"))
    result = run(root, str(latin))
    assert (result.exit_code, result.output) == (
        1,
        f"vaultkit: {latin}: not UTF-8 text (invalid start byte at byte 1)\n",
    )


def test_a_csv_cell_too_long_for_a_name_is_one_message_naming_the_line(vault, tmp_path):
    root = vault({"People/Ann.md": person()})
    guest_list = tmp_path / "guests.csv"
    guest_list.write_text("name,notes\nAnn,\nBo," + "x" * 200_000 + "\n", encoding="utf-8")
    result = run(root, str(guest_list))
    assert (result.exit_code, result.exception.__class__) == (1, SystemExit)
    assert result.output == (
        f"{guest_list}:3: error unreadable-csv a cell of more than 131,072 characters, which no name "
        "needs; no attendee was read\n"
        f"vaultkit: {guest_list}: no attendees read\n"
    )


def test_a_too_long_first_line_from_standard_input_is_read_as_names(vault):
    root = vault({"People/Ann.md": person()})
    result = CliRunner().invoke(
        cli,
        ["--vault", str(root), "event", "-", "--format", "json"],
        input="name," + "x" * 200_000 + "\nAnn\n",
    )
    assert result.exit_code == 0 and result.exception is None


def test_problems_with_the_list_do_not_print_its_escape_sequences(vault, tmp_path):
    root = vault({"People/Ann.md": person()})
    guest_list = tmp_path / "guests.csv"
    guest_list.write_text("email,\x1b]0;owned\x07\nx@y.org,\n", encoding="utf-8")
    result = run(root, str(guest_list))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "found: email and \ufffd]0;owned\ufffd" in result.stderr
