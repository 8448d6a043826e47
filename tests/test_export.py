import csv
import io
import json

import vobject
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli


def export(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), "export", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_vcard_export_has_one_card_per_contact_with_stable_uids():
    first = export(EXAMPLE_VAULT, "--format", "vcard")
    cards = list(vobject.readComponents(first))
    assert len(cards) == 28
    assert all(card.version.value == "4.0" for card in cards)
    assert export(EXAMPLE_VAULT, "--format", "vcard") == first
    assert len({card.uid.value for card in cards}) == 28


def test_vcard_fields_and_birthdays_with_and_without_year(vault):
    root = vault(
        {
            "People/Marie Lefèvre.md": "---\naliases: [Marie]\nbirthday: 1986-07-09\nemail: [m@example.org, m2@example.org]\n"
            "phone: '+49 431 1'\norg: '[[Galerie Nord]]'\nrole: Malerin\ntags: [kunst]\n"
            "knows: ['[[Paul]]', '[[Nobody Here]]']\ninterests: [Hunde]\n---\n",
            "People/Paul.md": "---\nbirthday: --05-17\nuid: urn:uuid:0000-paul\n---\n",
        }
    )
    cards = {card.fn.value: card for card in vobject.readComponents(export(root, "--format", "vcard"))}
    marie, paul = cards["Marie Lefèvre"], cards["Paul"]
    assert marie.bday.value == "19860709"
    assert paul.bday.value == "--0517"
    assert paul.uid.value == "urn:uuid:0000-paul"
    assert [e.value for e in marie.contents["email"]] == ["m@example.org", "m2@example.org"]
    assert (marie.tel.value, marie.org.value, marie.title.value, marie.nickname.value) == (
        "+49 431 1",
        ["Galerie Nord"],
        "Malerin",
        "Marie",
    )
    assert marie.categories.value == ["kunst"]
    related = [r.value for r in marie.contents["related"]]
    assert related == ["urn:uuid:0000-paul", "Nobody Here"]
    assert marie.note.value == "Interests: Hunde"


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


def test_export_writes_a_file(tmp_path):
    target = tmp_path / "contacts.vcf"
    assert export(EXAMPLE_VAULT, "--format", "vcard", "--output", str(target)) == ""
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
