import csv
import io
import json
import re
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

import vaultkit
from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.exchange import vcardmap
from vaultkit.exchange.vcardmap import OWN, PRODID, own_property
from vaultkit.render.tabular import defuse

ESC = "\x1b]0;owned\x07"
# Every field a contact note can give a card, and the ## Notes section.
FULL = (
    "---\n"
    "name: Marie Lefèvre\n"
    "uid: urn:uuid:0000-marie\n"
    "aliases: [Marie, Malerin Marie]\n"
    "email: [m@example.org, m2@example.org]\n"
    "phone: ['+49 431 1', '+49 170 2']\n"
    "org: '[[Galerie Nord]]'\n"
    "department: Ausstellungen\n"
    "role: Malerin\n"
    "birthday: 1986-07-09\n"
    "anniversary: --06-01\n"
    "tags: [kunst, kiel]\n"
    "url: [https://marie.example, 'https://example.org/a,b']\n"
    "address: ['Holtenauer Str. 1, 24105 Kiel', 'Atelier, Alte Mu']\n"
    "location: Kiel\n"
    "knows: ['[[Paul]]', '[[Pauli]]', '[[Nobody Here]]']\n"
    "interests: [Hunde, Côte d'Azur]\n"
    "circle: close\n"
    "cadence: 2w\n"
    "cadence_max: 2m\n"
    "status: reserve\n"
    "paused: true\n"
    "last_contact: 2026-03-03\n"
    "next_contact: 2026-12-01\n"
    "snooze_until: 2026-11-30\n"
    "reviewed: 2026-06-01\n"
    "met: 2024-06-01\n"
    "how_met: Stammtisch Kiel, danach Kaffee; lange geredet\n"
    "introduced_by: '[[paul]]'\n"
    "connected: 2024-06-02\n"
    "offers: [Bühnenbild, Illustration]\n"
    "needs: [Ausstellungsort]\n"
    "anrede: Sie\n"
    "---\n"
    "# Marie\n\n"
    "Text above the notes.\n\n"
    "## Notes\n"
    "Malt Küstenbilder, groß; sehr groß.\n"
    "Hund: Pelle\n\n"
    "## Log\n"
    "- 2026-09-10 call: Ausstellung\n"
)
PAUL = "---\naliases: [Pauli]\nUID: urn:uuid:0000-paul\n---\n"


def export(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), "export", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # bytes: cards and CSV end their lines in CRLF


def cards_of(text):
    return {card.fn.value: card for card in vobject.readComponents(text)}


def values(card, name):
    return [line.value for line in card.contents.get(name.lower(), [])]


@pytest.fixture
def full(vault):
    return vault({"People/Marie Lefèvre.md": FULL, "People/Paul.md": PAUL})


def test_vcard_export_has_one_card_per_contact_with_stable_uids():
    first = export(EXAMPLE_VAULT, "--format", "vcard")
    cards = list(vobject.readComponents(first))
    assert len(cards) == 30
    assert all(card.version.value == "4.0" for card in cards)
    assert all(card.prodid.value == PRODID for card in cards)
    assert export(EXAMPLE_VAULT, "--format", "vcard") == first
    assert len({card.uid.value for card in cards}) == 30


def test_the_same_vault_gives_the_same_bytes_whatever_the_day(full):
    first = export(full, "--format", "vcard", "--today", "2026-11-21")
    assert export(full, "--format", "vcard", "--today", "2031-01-02") == first
    assert not re.search(r"(?m)^(REV|DTSTAMP|LAST-MODIFIED)[;:]", first)
    assert first.count("BEGIN:VCARD") == 2 and first.endswith("END:VCARD\r\n")


def test_vcard_fields_and_birthdays_with_and_without_year(vault):
    root = vault(
        {
            "People/Marie Lefèvre.md": "---\naliases: [Marie]\nbirthday: 1986-07-09\nemail: [m@example.org, m2@example.org]\n"
            "phone: '+49 431 1'\norg: '[[Galerie Nord]]'\nrole: Malerin\ntags: [kunst]\n"
            "knows: ['[[Paul]]', '[[Nobody Here]]']\ninterests: [Hunde]\n---\n",
            "People/Paul.md": "---\nbirthday: --05-17\nuid: urn:uuid:0000-paul\n---\n",
        }
    )
    cards = cards_of(export(root, "--format", "vcard"))
    marie, paul = cards["Marie Lefèvre"], cards["Paul"]
    assert marie.bday.value == "19860709"
    assert paul.bday.value == "--0517"
    assert paul.uid.value == "urn:uuid:0000-paul"
    assert values(marie, "email") == ["m@example.org", "m2@example.org"]
    assert (marie.tel.value, marie.org.value, marie.title.value, marie.nickname.value) == (
        "+49 431 1",
        ["Galerie Nord"],
        "Malerin",
        "Marie",
    )
    assert marie.categories.value == ["kunst"]
    assert values(marie, "related") == ["urn:uuid:0000-paul", "Nobody Here"]
    # Interests have a property of their own now: the NOTE is the note's `## Notes` only.
    assert values(marie, "interest") == ["Hunde"]
    assert "note" not in marie.contents


def test_every_field_goes_to_its_vcard_property(full):
    marie = cards_of(export(full, "--format", "vcard"))["Marie Lefèvre"]
    assert marie.uid.value == "urn:uuid:0000-marie"
    assert (marie.n.value.given, marie.n.value.family) == ("Marie", "Lefèvre")
    assert values(marie, "nickname") == ["Marie", "Malerin Marie"]
    assert values(marie, "email") == ["m@example.org", "m2@example.org"]
    assert values(marie, "tel") == ["+49 431 1", "+49 170 2"]
    assert marie.org.value == ["Galerie Nord", "Ausstellungen"]
    assert marie.title.value == "Malerin"
    assert (marie.bday.value, marie.anniversary.value) == ("19860709", "--0601")
    assert marie.categories.value == ["kunst", "kiel"]
    assert values(marie, "url") == ["https://marie.example", "https://example.org/a,b"]
    assert values(marie, "interest") == ["Hunde", "Côte d'Azur"]


def test_the_vcardmap_holds_nothing_neither_the_export_nor_the_import_uses():
    code = "\n".join(
        path.read_text(encoding="utf-8") for path in Path(vaultkit.__file__).parent.rglob("*.py")
    )
    defined = re.findall(r"^(?:def )?([A-Za-z]\w*)\b(?: =|\()", Path(vcardmap.__file__).read_text(), re.M)
    assert "OWN" in defined
    # Each name is used besides where it is defined (by the export, the import, or a function they use).
    assert [name for name in defined if len(re.findall(rf"\b{name}\b", code)) < 2] == []


def test_each_address_is_an_adr_with_its_line_as_label_and_street_and_the_first_has_the_city(full):
    marie = cards_of(export(full, "--format", "vcard"))["Marie Lefèvre"]
    first, second = marie.contents["adr"]
    assert (first.value.street, first.value.city) == ("Holtenauer Str. 1, 24105 Kiel", "Kiel")
    assert first.params["LABEL"] == ["Holtenauer Str. 1, 24105 Kiel"]
    assert (second.value.street, second.value.city) == ("Atelier, Alte Mu", "")
    assert second.params["LABEL"] == ["Atelier, Alte Mu"]


def test_a_city_without_an_address_has_an_adr_of_its_own_and_an_address_without_a_city_has_none(vault):
    root = vault(
        {
            "People/A.md": "---\nlocation: Kiel\n---\n",
            "People/B.md": "---\naddress: 'Rue \"Verte\" 2^3'\n---\n",
            "People/C.md": "---\nrole: x\n---\n",
        }
    )
    cards = cards_of(export(root, "--format", "vcard"))
    (a,) = cards["A"].contents["adr"]
    assert (a.value.street, a.value.city, a.params) == ("", "Kiel", {})
    (b,) = cards["B"].contents["adr"]
    assert (b.value.street, b.value.city) == ('Rue "Verte" 2^3', "")
    # A parameter value cannot hold a double quote: RFC 6868 writes it ^' (and ^ as ^^).
    assert b.params["LABEL"] == ["Rue ^'Verte^' 2^^3"]
    assert "adr" not in cards["C"].contents


def test_related_is_the_uid_of_a_known_contact_and_the_name_of_anyone_else(full):
    marie = cards_of(export(full, "--format", "vcard"))["Marie Lefèvre"]
    related = [(line.value, line.params["VALUE"]) for line in marie.contents["related"]]
    # Paul by his name and by his alias: his UID (from `UID:` in his note), once.
    assert related == [("urn:uuid:0000-paul", ["uri"]), ("Nobody Here", ["text"])]


def test_the_note_is_the_notes_section_with_its_line_breaks(full):
    text = export(full, "--format", "vcard")
    marie = cards_of(text)["Marie Lefèvre"]
    assert marie.note.value == "Malt Küstenbilder, groß; sehr groß.\nHund: Pelle"
    assert "NOTE:Malt Küstenbilder\\, groß\\; sehr groß.\\nHund: Pelle\r\n" in text
    assert "Interests:" not in text and "How met:" not in text


INDENTED_NOTES = (
    "Vorher:\n"
    "- Familie\n"
    "  - Kinder: Ole, Mia\n"
    "    - Ole spielt Handball\n"
    "- Arbeit\n"
    "\n"
    "    def gruss():\n"
    "        return 'Moin'\n"
    "\n"
    "Ende."
)


def import_into_an_empty_vault(tmp_path, cards):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for args in (["init", str(fresh)], ["--vault", str(fresh), "import", str(cards)]):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return fresh


def notes_of(root):
    result = CliRunner().invoke(cli, ["--vault", str(root), "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    return [contact["notes"] for contact in json.loads(result.stdout)["contacts"]]


# circle and tags: what the new note's template gives, so that both vaults give the same card.
@pytest.mark.parametrize("indent", ["  ", "\t"], ids=["spaces", "tab"])
def test_the_note_keeps_each_lines_indentation_and_reads_back_the_same(vault, tmp_path, indent):
    notes = INDENTED_NOTES.replace("\n  ", "\n" + indent)
    root = vault({"People/Ida.md": f"---\ncircle: network\ntags: [person]\n---\n## Notes\n{notes}\n"})
    first = export(root, "--format", "vcard")
    (card,) = vobject.readComponents(first)
    assert card.note.value == INDENTED_NOTES.replace("\n  ", "\n" + indent.expandtabs(4))
    cards = tmp_path / "first.vcf"
    cards.write_bytes(first.encode("utf-8"))
    fresh = import_into_an_empty_vault(tmp_path, cards)
    assert notes_of(fresh) == [card.note.value]
    assert export(fresh, "--format", "vcard") == first


def test_own_fields_each_have_an_x_vaultkit_property(full):
    marie = cards_of(export(full, "--format", "vcard"))["Marie Lefèvre"]
    own = {field: values(marie, own_property(field)) for field in OWN}
    assert own == {
        "circle": ["close"],
        "cadence": ["2w"],
        "cadence_max": ["2m"],
        "status": ["reserve"],
        "paused": ["true"],
        "last_contact": ["2026-03-03"],
        "next_contact": ["2026-12-01"],
        "snooze_until": ["2026-11-30"],
        "reviewed": ["2026-06-01"],
        "met": ["2024-06-01"],
        "how_met": ["Stammtisch Kiel, danach Kaffee; lange geredet"],
        "introduced_by": ["Paul"],  # the contact's name, however the link spells it
        "connected": ["2024-06-02"],
        "offers": ["Bühnenbild", "Illustration"],
        "needs": ["Ausstellungsort"],
        "anrede": ["Sie"],
    }
    assert own_property("cadence_max") == "X-VAULTKIT-CADENCE-MAX"


def test_own_fields_at_their_defaults_are_left_out(vault):
    root = vault({"People/A.md": "---\nstatus: active\npaused: false\ncadence: none\n---\n"})
    card = cards_of(export(root, "--format", "vcard"))["A"]
    own = sorted(name for name in card.contents if name.startswith("x-vaultkit-"))
    assert own == ["x-vaultkit-cadence"]  # "none" says something: never remind me
    assert card.contents["x-vaultkit-cadence"][0].value == "none"


@pytest.mark.parametrize(
    "front, uid",
    [
        ("uid: urn:uuid:1234-lower\n", "urn:uuid:1234-lower"),
        ("UID: urn:uuid:1234-upper\n", "urn:uuid:1234-upper"),
        ("UID: ' padded '\n", "padded"),
    ],
)
def test_the_note_keeps_its_own_uid(vault, front, uid):
    root = vault({"People/A.md": f"---\n{front}---\n"})
    assert cards_of(export(root, "--format", "vcard"))["A"].uid.value == uid
    document = json.loads(export(root, "--format", "json"))
    assert document["contacts"][0]["uid"] == uid


def test_a_note_without_uid_gets_one_derived_from_its_name_the_same_in_every_vault(vault, tmp_path):
    first = cards_of(export(vault({"People/A.md": "---\nrole: x\n---\n"}), "--format", "vcard"))["A"]
    other = tmp_path / "other"
    (other / "People").mkdir(parents=True)
    (other / "People/A.md").write_text("---\nrole: y\n---\n", encoding="utf-8")
    second = cards_of(export(other, "--format", "vcard"))["A"]
    assert first.uid.value == second.uid.value
    assert first.uid.value.startswith("urn:uuid:")


def test_vcard_style_keys_export_every_email_and_phone(vault):
    root = vault(
        {
            "People/A.md": "---\nEMAIL[HOME]: a@home.example\nEMAIL[WORK]: a@work.example\n"
            "TEL[CELL]: '+49 170 1'\nTEL[HOME]: '+49 431 2'\nURL: https://a.example\n"
            "ADR[HOME]: Hauptstr. 1, 24103 Kiel\nADR[HOME].LOCALITY: Kiel\n---\n"
        }
    )
    card = cards_of(export(root, "--format", "vcard"))["A"]
    assert values(card, "email") == ["a@home.example", "a@work.example"]
    assert values(card, "tel") == ["+49 170 1", "+49 431 2"]
    assert values(card, "url") == ["https://a.example"]
    (adr,) = card.contents["adr"]
    assert (adr.value.street, adr.value.city) == ("Hauptstr. 1, 24103 Kiel", "Kiel")


def test_cards_hold_no_control_character_but_the_notes_line_breaks(vault):
    root = vault(
        {
            f"People/Eve{ESC}.md": f"---\nrole: {json.dumps('Chef' + ESC + 'in')}\nhow_met: {json.dumps('a' + ESC)}\n"
            f"interests: [{json.dumps('x' + ESC)}]\naddress: {json.dumps('Str' + ESC + '. 1')}\n---\n"
            f"## Notes\neins{ESC}\r\nzwei\n"
        }
    )
    text = export(root, "--format", "vcard")
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text.replace("\r\n", ""))
    (card,) = vobject.readComponents(text)
    assert card.note.value == "eins]0;owned\nzwei"
    assert (card.fn.value, card.title.value, card.adr.value.street) == (
        "Eve]0;owned",
        "Chef]0;ownedin",
        "Str]0;owned. 1",
    )
    assert (card.interest.value, card.x_vaultkit_how_met.value) == ("x]0;owned", "a]0;owned")


def test_csv_export_one_row_per_contact_and_no_formulas(vault):
    root = vault(
        {
            "People/A.md": "---\nrole: '=HYPERLINK(\"http://evil\")'\nlocation: '@SUM(1)'\ntags: [x, y]\n---\n",
            "Daily/2026-11-01.md": "[[A]]\n",
        }
    )
    rows = list(csv.DictReader(io.StringIO(export(root, "--format", "csv", "--today", "2026-11-21"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["role"] == '\'=HYPERLINK("http://evil")'
    assert row["location"] == "'@SUM(1)"
    assert (row["tags"], row["last_contact"], row["path"]) == ("x; y", "2026-11-01", "People/A.md")


def test_csv_keeps_phone_numbers_and_year_less_birthdays_as_they_are(full):
    (row, _) = csv.DictReader(io.StringIO(export(full, "--format", "csv")))
    assert (row["phones"], row["birthday"], row["anniversary"]) == (
        "+49 431 1; +49 170 2",
        "1986-07-09",
        "--06-01",
    )
    assert (row["department"], row["connected"]) == ("Ausstellungen", "2024-06-02")
    assert row["urls"] == "https://marie.example; https://example.org/a,b"
    assert row["addresses"] == "Holtenauer Str. 1, 24105 Kiel; Atelier, Alte Mu"
    assert "notes" not in row


def test_csv_columns_keep_their_places_and_new_ones_come_last():
    header = export(EXAMPLE_VAULT, "--format", "csv").split("\r\n", 1)[0].split(",")
    assert header[:3] == ["id", "name", "aliases"]
    assert header[header.index("path") :] == [
        "path",
        "department",
        "anniversary",
        "connected",
        "urls",
        "addresses",
    ]


# Formulas a spreadsheet would run (a function, a reference, DDE) get a `'`; numbers, dates and
# dashes that only look like one at first sight stay as they are.
@pytest.mark.parametrize(
    "cell, shown",
    [
        ("+49 431 5551818", "+49 431 5551818"),
        ("-5", "-5"),
        ("--05-17", "--05-17"),
        ("+1 (555) 010-0000", "+1 (555) 010-0000"),
        ("-", "-"),
        ("+", "+"),
        ("@", "@"),
        ("@home", "@home"),
        ("- (see below)", "- (see below)"),
        ("=1+1", "'=1+1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("+A1", "'+A1"),
        ("-$B$2", "'-$B$2"),
        ("+Sheet1!A1", "'+Sheet1!A1"),
        ("+1|2", "'+1|2"),
        ("  =1", "'  =1"),
        ("\t=1", "' =1"),  # a tab is a space in a printable cell
        (" \t+HYPERLINK(x)", "'  +HYPERLINK(x)"),
        ("x=1", "x=1"),
        ("Kiel", "Kiel"),
        (3, 3),
    ],
)
def test_defuse_guards_only_what_a_spreadsheet_would_run(cell, shown):
    assert defuse(cell) == shown


def test_excel_export_is_what_german_excel_opens_as_columns(full):
    data = CliRunner().invoke(cli, ["--vault", str(full), "export", "--format", "excel"]).stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert [row["name"] for row in rows] == ["Marie Lefèvre", "Paul"]
    assert rows[0]["offers"] == "Bühnenbild; Illustration"
    assert rows[0]["phones"] == "+49 431 1; +49 170 2"
    plain = list(csv.DictReader(io.StringIO(export(full, "--format", "csv"))))
    assert rows == plain


def test_excel_export_guards_formulas_too(vault):
    root = vault({"People/A.md": "---\nrole: '=1+1'\n---\n"})
    text = export(root, "--format", "excel")
    (row,) = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    assert row["role"] == "'=1+1"


def test_json_export_is_the_whole_index():
    document = json.loads(export(EXAMPLE_VAULT, "--format", "json", "--today", "2026-11-21"))
    assert document["schema"] == "vaultkit.export/1"
    marie = next(c for c in document["contacts"] if c["contact"] == "Marie Lefèvre")
    assert marie["last_contact"] == "2026-10-14"
    assert marie["needs"] == ["Ausstellungsort"]
    assert marie["log"][0] == {
        "date": "2026-09-10",
        "kind": "call",
        "text": "über die Ausstellungsidee gesprochen #gave",
        "gave": True,
        "got": False,
    }


def test_json_export_has_the_fields_an_address_book_holds(full):
    document = json.loads(export(full, "--format", "json"))
    marie = next(c for c in document["contacts"] if c["contact"] == "Marie Lefèvre")
    assert {
        key: marie[key]
        for key in ("uid", "department", "anniversary", "connected", "urls", "addresses", "notes")
    } == {
        "uid": "urn:uuid:0000-marie",
        "department": "Ausstellungen",
        "anniversary": "--06-01",
        "connected": "2024-06-02",
        "urls": ["https://marie.example", "https://example.org/a,b"],
        "addresses": ["Holtenauer Str. 1, 24105 Kiel", "Atelier, Alte Mu"],
        "notes": "Malt Küstenbilder, groß; sehr groß.\nHund: Pelle",
    }
    paul = next(c for c in document["contacts"] if c["contact"] == "Paul")
    assert (paul["urls"], paul["addresses"], paul["notes"], paul["anniversary"]) == ([], [], None, None)


def test_export_writes_a_file(tmp_path):
    target = tmp_path / "contacts.vcf"
    assert export(EXAMPLE_VAULT, "--format", "vcard", "--output", str(target)) == ""
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
