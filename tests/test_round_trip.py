"""A vault's own vCards bring back the same contacts: export, import into an empty vault, compare."""

import json

from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli

TODAY = ("--today", "2026-11-20")
# What the vault derives rather than keeps in a card: the file, the log and what it adds up to.
DERIVED = {"contact", "path", "log", "interactions", "last_contact"}


def run(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def contacts_by_uid(root) -> dict[str, dict]:
    """Each contact's fields as `export --format json` gives them, its links by UID."""
    contacts = json.loads(run(root, "export", "--format", "json", *TODAY))["contacts"]
    uid_of = {c["contact"]: c["uid"] for c in contacts}
    result = {}
    for contact in contacts:
        fields = {key: value for key, value in contact.items() if key not in DERIVED}
        fields["knows"] = sorted(uid_of.get(name, name) for name in contact["knows"])
        fields["introduced_by"] = uid_of.get(contact["introduced_by"], contact["introduced_by"])
        fields["tags"] = sorted(tag for tag in contact["tags"] if tag != "person")
        result[contact["uid"]] = fields
    return result


def test_export_then_import_into_an_empty_vault_gives_back_the_same_contacts(tmp_path):
    cards = tmp_path / "all.vcf"
    run(EXAMPLE_VAULT, "export", "--format", "vcard", "--output", str(cards), *TODAY)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    run(fresh, "init", str(fresh))
    summary = json.loads(run(fresh, "import", str(cards), "--json", *TODAY))
    assert summary["skipped"] == [] and summary["conflicts"] == [] and summary["left_out"] == []
    before, after = contacts_by_uid(EXAMPLE_VAULT), contacts_by_uid(fresh)
    assert set(after) == set(before) and len(after) > 20
    for uid, fields in after.items():
        expected = dict(before[uid])
        if expected["circle"] is None:  # the new note's template gives one where the card gave none
            expected["circle"] = fields["circle"]
        assert fields == expected, fields["name"]


def test_the_round_trip_is_stable_a_second_export_gives_the_same_cards(tmp_path):
    first = tmp_path / "first.vcf"
    run(EXAMPLE_VAULT, "export", "--format", "vcard", "--output", str(first), *TODAY)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    run(fresh, "init", str(fresh))
    run(fresh, "import", str(first), *TODAY)
    again = json.loads(run(fresh, "import", str(first), "--json", *TODAY))
    assert (again["created"], again["updated"], again["conflicts"]) == ([], [], [])
