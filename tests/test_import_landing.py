"""Where what an export holds lands in a note: front matter, the `## Notes` section, links."""

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_import import IMPORTS
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.edit import load_contact_template
from vaultkit.exchange.importer import ImportResult, import_records
from vaultkit.exchange.record import Record, Related
from vaultkit.index import load_index
from vaultkit.model import Birthday

TODAY = date(2026, 11, 20)


def vault(tmp_path: Path, notes: dict[str, str] | None = None) -> Path:
    root = tmp_path / "vault"
    (root / "People").mkdir(parents=True)
    for name, text in (notes or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def bring_in(root: Path, *records: Record, dry_run: bool = False) -> ImportResult:
    config = load_config(root)
    index = load_index(root, config, use_cache=False)
    result = ImportResult("x.vcf", "vcard", dry_run)
    return import_records(
        root, index, config, list(records), result, TODAY, load_contact_template(root, config)
    )


def contact(root: Path, name: str):
    config = load_config(root)
    return load_index(root, config, use_cache=False).contacts[name]


ANN_CARD = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n"


def card_folder(tmp_path: Path, cards: dict[str, str]) -> Path:
    """A vdir: a folder of files by name."""
    folder = tmp_path / "vdir"
    folder.mkdir()
    for name, text in cards.items():
        (folder / name).write_text(text)
    return folder


def import_command(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--vault", str(root), "import", *args, "--today", "2026-11-20"])


EVERYTHING = Record(
    where="x.vcf:1",
    name="Lena Vogt",
    uid="urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    emails=("lena@example.org", "l.vogt@work.example"),
    phones=("+49 431 5551818",),
    aliases=("Lenchen",),
    org="Kulturzentrum Hansa",
    department="Technik",
    role="Bühnentechnikerin",
    birthday=Birthday(7, 4),
    anniversary=Birthday(6, 1, 2019),
    tags=("Kunst Freunde",),
    urls=("https://example.org/lena",),
    location="Kiel",
    addresses=("Hansastr. 48, 24118 Kiel, Germany",),
    connected=date(2024, 3, 3),
    interests=("Segeln",),
    notes="Kennengelernt beim Stammtisch.\nMag Hunde und läuft Marathon.",
    details=(("Messenger", "xmpp:lena@example.org"),),
    left_out=(("photo", "photos are not imported"),),
)


def test_every_field_of_a_record_lands_in_the_new_note(tmp_path):
    root = vault(tmp_path)
    result = bring_in(root, EVERYTHING)
    assert [item["path"] for item in result.created] == ["People/Lena Vogt.md"]
    lena = contact(root, "Lena Vogt")
    assert lena.uid == EVERYTHING.uid
    assert (lena.emails, lena.phones, lena.aliases) == (EVERYTHING.emails, EVERYTHING.phones, ("Lenchen",))
    assert (lena.org, lena.department, lena.role, lena.location) == (
        "Kulturzentrum Hansa",
        "Technik",
        "Bühnentechnikerin",
        "Kiel",
    )
    assert (lena.birthday, lena.anniversary, lena.connected) == (
        Birthday(7, 4),
        Birthday(6, 1, 2019),
        date(2024, 3, 3),
    )
    assert (lena.urls, lena.addresses, lena.interests) == (
        ("https://example.org/lena",),
        ("Hansastr. 48, 24118 Kiel, Germany",),
        ("Segeln",),
    )
    assert "Kunst-Freunde" in lena.tags
    assert lena.notes == (
        "Kennengelernt beim Stammtisch.\nMag Hunde und läuft Marathon.\n\n- Messenger: xmpp:lena@example.org"
    )
    assert result.left_out == [
        {"name": "Lena Vogt", "where": "x.vcf:1", "field": "photo", "reason": "photos are not imported"}
    ]


def test_nothing_is_dated_that_the_record_does_not_date(tmp_path):
    root = vault(tmp_path)
    bring_in(root, Record(where="x.csv:2", name="Greta Hansen", connected=date(2025, 2, 14)))
    greta = contact(root, "Greta Hansen")
    assert (greta.met, greta.last_contact, greta.how_met, greta.connected) == (
        None,
        None,
        None,
        date(2025, 2, 14),
    )


def test_the_notes_go_before_the_log_so_that_the_log_stays_last(tmp_path):
    root = vault(tmp_path)
    bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes="Segelt gern."))
    text = (root / "People" / "Ann Lee.md").read_text()
    assert text.index("## Notes\n\nSegelt gern.\n") < text.index("## Log")


def test_text_that_reads_as_markdown_blocks_is_escaped(tmp_path):
    root = vault(tmp_path)
    bring_in(
        root, Record(where="x.vcf:1", name="Ann Lee", notes="## Log\n- 2026-01-01 call: forged\n```\nopen")
    )
    ann = contact(root, "Ann Lee")
    assert ann.log == ()  # no log entry forged, and the log heading below is still the log
    assert "\\## Log" in (root / "People" / "Ann Lee.md").read_text()
    assert "\\```" in ann.notes


KNOWN = """---
name: Paul Weber
email: paul@example.org
phone: "+49 151 0000001"
org: Galerie Nord
tags: [person]
---
# Paul Weber

## Notes

Segelt gern.

## Log
- 2026-10-01 call: Ausstellung
"""


def test_a_known_contact_gets_more_emails_and_phones_not_conflicts(tmp_path):
    root = vault(tmp_path, {"People/Paul Weber.md": KNOWN})
    record = Record(
        where="x.csv:2",
        name="Paul Weber",
        emails=("paul@example.org", "p.weber@work.example"),
        phones=("+49 151 0000001", "+49 431 880"),
        aliases=("Paule",),
        org="Galerie Süd",
        notes="Segelt gern.\nHat zwei Kinder.",
    )
    result = bring_in(root, record)
    paul = contact(root, "Paul Weber")
    assert paul.emails == ("paul@example.org", "p.weber@work.example")
    assert paul.phones == ("+49 151 0000001", "+49 431 880")
    assert paul.aliases == ("Paule",)
    assert paul.org == "Galerie Nord"  # never overwritten
    assert [(c["field"], c["note"], c["import"]) for c in result.conflicts] == [
        ("org", "Galerie Nord", "Galerie Süd")
    ]
    assert paul.notes == "Segelt gern.\n\nHat zwei Kinder."  # only the line it lacked
    assert [entry.text for entry in paul.log] == ["Ausstellung"]
    assert set(result.updated[0]["fields"]) == {"email", "phone", "aliases", "notes"}


def test_importing_the_same_record_twice_adds_nothing(tmp_path):
    root = vault(tmp_path)
    bring_in(root, EVERYTHING)
    before = (root / "People" / "Lena Vogt.md").read_bytes()
    again = bring_in(root, EVERYTHING)
    assert (again.created, again.updated) == ([], [])
    assert [item["reason"] for item in again.skipped] == ["already in the vault as Lena Vogt, nothing to add"]
    assert (root / "People" / "Lena Vogt.md").read_bytes() == before


def test_cards_that_name_each_other_become_links(tmp_path):
    root = vault(tmp_path, {"People/Ilse Kramer.md": "---\nuid: urn:uuid:ilse\ntags: [person]\n---\n"})
    sophie = Record(
        where="x.vcf:1",
        name="Sophie Kramer",
        uid="urn:uuid:sophie",
        related=(
            Related("urn:uuid:ilse", is_uid=True),
            Related("urn:uuid:jonas", is_uid=True),
            Related("Eva Weber", kind="spouse"),
            Related("urn:uuid:nobody", is_uid=True),
        ),
    )
    jonas = Record(where="x.vcf:9", name="Jonas Kramer", uid="urn:uuid:jonas")
    result = bring_in(root, sophie, jonas)
    assert contact(root, "Sophie Kramer").knows == ("Ilse Kramer", "Jonas Kramer", "Eva Weber")
    assert contact(root, "Sophie Kramer").notes == "- Spouse: Eva Weber"
    assert [(item["field"], item["reason"]) for item in result.left_out] == [
        ("related", "urn:uuid:nobody is no card of this import and no contact of the vault")
    ]


def test_vaultkits_own_fields_come_back_from_its_cards(tmp_path):
    root = vault(tmp_path)
    record = Record(
        where="x.vcf:1",
        name="Ann Lee",
        met=date(2024, 5, 1),
        how_met="Stammtisch",
        introduced_by="Paul Weber",
        offers=("Fotos",),
        needs=("Proberaum",),
        more=(("circle", "close"), ("cadence", "2w"), ("reviewed", "2026-06-01"), ("anrede", "Sie")),
    )
    bring_in(root, record)
    ann = contact(root, "Ann Lee")
    assert (ann.reviewed, ann.anrede) == (date(2026, 6, 1), "Sie")
    assert (ann.met, ann.how_met, ann.introduced_by, ann.circle, str(ann.cadence)) == (
        date(2024, 5, 1),
        "Stammtisch",
        "Paul Weber",
        "close",
        "2w",
    )
    assert (ann.offers, ann.needs) == (("Fotos",), ("Proberaum",))


@pytest.mark.parametrize("bad", [("next_contact", "soon"), ("cadence", "sometimes")])
def test_a_value_set_would_refuse_is_a_skipped_field(tmp_path, bad):
    root = vault(tmp_path)
    result = bring_in(root, Record(where="x.vcf:1", name="Ann Lee", more=(bad,)))
    assert [item["path"] for item in result.created] == ["People/Ann Lee.md"]
    assert [item["field"] for item in result.skipped] == [bad[0]]


def test_a_dry_run_writes_nothing(tmp_path):
    root = vault(tmp_path)
    result = bring_in(root, EVERYTHING, dry_run=True)
    assert [item["path"] for item in result.created] == ["People/Lena Vogt.md"]
    assert list((root / "People").iterdir()) == []


def test_a_folder_of_cards_is_imported_as_one_file(tmp_path):
    root = vault(tmp_path)
    cards = card_folder(
        tmp_path,
        {"a.vcf": ANN_CARD, "b.vcf": ANN_CARD, ".c.vcf": "not a card, and hidden", "notes.txt": "not a card"},
    )
    result = import_command(root, str(cards))
    assert result.output == (
        "create People/Ann Lee.md (a.vcf:1)\n"
        "skip 'Ann Lee' (b.vcf:1): the same person as a.vcf:1: what it adds is brought in with that one\n"
        "1 created, 0 updated, 1 skipped, 0 conflicts\n"
    )
    (cards / "a.vcf").unlink()
    (cards / "b.vcf").unlink()
    empty = import_command(root, str(cards))
    assert (empty.exit_code, empty.output) == (
        1,
        f"vaultkit: {cards}: no .vcf cards in this folder to read, so nothing to import\n",
    )


def test_a_record_that_names_a_contact_only_by_some_of_its_words_is_left_to_check(tmp_path):
    root = vault(tmp_path, {"People/Paul Weber.md": KNOWN})
    result = bring_in(root, Record(where="x.csv:2", name="Paul", phones=("+49 40 1234",)))
    assert result.created == [] and result.updated == []
    assert [item["reason"] for item in result.skipped] == ["close to the name of Paul Weber; check by hand"]
    word_order = bring_in(root, Record(where="x.csv:3", name="Weber, Paul", aliases=("Paule",)))
    assert [item["contact"] for item in word_order.updated] == ["Paul Weber"]


OBSIDIAN_LISTS = """---
tags:
  - person
email:
  - obs@example.org
phone:
  - "+49 170 1111111"
aliases:
  - Obsi
---
# Obs Style
"""


def test_several_block_lists_as_obsidian_writes_them_all_grow(tmp_path):
    root = vault(tmp_path, {"People/Obs Style.md": OBSIDIAN_LISTS})
    record = Record(
        where="x.csv:2",
        name="Obs Style",
        emails=("obs@example.org", "obs2@example.org"),
        phones=("+49 170 3333333",),
        aliases=("Obs",),
        notes="Likes tea",
    )
    result = bring_in(root, record)
    assert result.skipped == []
    obs = contact(root, "Obs Style")
    assert obs.emails == ("obs@example.org", "obs2@example.org")
    assert obs.phones == ("+49 170 1111111", "+49 170 3333333")
    assert obs.aliases == ("Obsi", "Obs")
    assert obs.notes == "Likes tea"
    assert "  - obs2@example.org\n" in (root / "People" / "Obs Style.md").read_text()


@pytest.mark.parametrize(
    "line, expected",
    [
        ("phone: 4915112345678", ("4915112345678", "+49 170 3333333")),
        ("phone: [4915112345678]", ("4915112345678", "+49 170 3333333")),
    ],
)
def test_a_phone_yaml_reads_as_a_number_gets_a_second_one(tmp_path, line, expected):
    root = vault(tmp_path, {"People/Num Ber.md": f"---\ntags: [person]\n{line}\n---\n"})
    result = bring_in(root, Record(where="x.csv:2", name="Num Ber", phones=("+49 170 3333333",)))
    assert result.skipped == []
    assert contact(root, "Num Ber").phones == expected


def test_a_list_inside_a_list_is_refused_with_what_to_do(tmp_path):
    root = vault(tmp_path, {"People/Ann Lee.md": "---\ntags: [person]\nknows: [[Anna]]\n---\n"})
    result = bring_in(root, Record(where="x.vcf:1", name="Ann Lee", related=(Related("Bo Berg"),)))
    assert len(result.skipped) == 1
    assert 'put each item in quotes ("[[Anna]]")' in result.skipped[0]["reason"]


def test_a_card_with_the_uid_the_note_derives_brings_nothing(tmp_path):
    from vaultkit.exchange.vcardmap import contact_uid

    root = vault(tmp_path, {"People/Paul Weber.md": KNOWN})
    derived = contact_uid(contact(root, "Paul Weber"))
    result = bring_in(root, Record(where="x.vcf:1", name="Paul Weber", uid=derived))
    assert (result.updated, result.conflicts) == ([], [])


def test_a_card_renamed_on_the_phone_is_found_by_its_uid(tmp_path):
    root = vault(tmp_path, {"People/Eva Maier.md": "---\nuid: urn:uuid:eva\nphone: '+49 40 123456'\n---\n"})
    result = bring_in(
        root, Record(where="x.vcf:1", name="Eva Phone-Maier", uid="urn:uuid:eva", aliases=("Evi",))
    )
    assert result.created == [] and [u["contact"] for u in result.updated] == ["Eva Maier"]
    twice = bring_in(
        root,
        Record(where="y.vcf:1", name="Ann Lee", uid="urn:uuid:ann"),
        Record(where="y.vcf:5", name="Ann Berg", uid="urn:uuid:ann"),
    )
    assert [item["reason"] for item in twice.skipped] == [
        "the same person as y.vcf:1: what it adds is brought in with that one"
    ]


def test_one_known_person_three_times_in_a_file_is_brought_in_once_and_conflicts_are_named(tmp_path):
    root = vault(tmp_path, {"People/Twice Known.md": "---\ntags: [person]\nemail: tk@example.org\n---\n"})
    result = bring_in(
        root,
        Record(where="x.vcf:1", name="Twice Known", emails=("tk@example.org",), notes="same note"),
        Record(where="x.vcf:6", name="Twice Known", notes="same note", org="Acme"),
        Record(where="x.vcf:11", name="Twice Known", org="Other"),
    )
    twice = contact(root, "Twice Known")
    assert (twice.notes, twice.org) == ("same note", "Acme")
    assert [(c["field"], c["note"], c["import"]) for c in result.conflicts] == [("org", "Acme", "Other")]


def test_one_phone_or_email_written_another_way_is_not_added_again(tmp_path):
    root = vault(
        tmp_path, {"People/Ann Lee.md": '---\nphone: "+49 431 5551818"\nemail: ann@example.org\n---\n'}
    )
    record = Record(
        where="x.vcf:1",
        name="Ann Lee",
        phones=("+494315551818", "0049 (431) 555-1818"),
        emails=("mailto:ANN@example.org",),
    )
    result = bring_in(root, record)
    assert result.updated == []
    assert contact(root, "Ann Lee").phones == ("+49 431 5551818",)


def test_a_typed_relation_by_uid_is_said_in_words_and_a_card_never_knows_itself(tmp_path):
    root = vault(tmp_path)
    sophie = Record(
        where="x.vcf:1",
        name="Sophie Kramer",
        uid="urn:uuid:sophie",
        related=(
            Related("urn:uuid:jonas", kind="spouse", is_uid=True),
            Related("urn:uuid:sophie", is_uid=True),
        ),
    )
    bring_in(root, sophie, Record(where="x.vcf:9", name="Jonas Kramer", uid="urn:uuid:jonas"))
    assert contact(root, "Sophie Kramer").knows == ("Jonas Kramer",)
    assert contact(root, "Sophie Kramer").notes == "- Spouse: Jonas Kramer"


def test_knows_by_an_alias_is_the_same_person(tmp_path):
    root = vault(
        tmp_path,
        {
            "People/Jürgen Hoffmann.md": "---\naliases: [Jürgen]\ntags: [person]\n---\n",
            "People/Ann Lee.md": '---\nknows: ["[[Jürgen]]"]\ntags: [person]\n---\n',
        },
    )
    result = bring_in(root, Record(where="x.vcf:1", name="Ann Lee", related=(Related("Jürgen Hoffmann"),)))
    assert result.updated == []


@pytest.mark.parametrize(
    "notes",
    [
        "### Family\nTwo kids\n```\ncode\n```",
        "first\n#tagline\nlast",
        "<!-- a comment -->\n%% obsidian %%",
    ],
)
def test_notes_come_back_as_they_were_and_a_second_import_adds_nothing(tmp_path, notes):
    root = vault(tmp_path)
    bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes=notes))
    assert contact(root, "Ann Lee").notes == notes
    before = (root / "People" / "Ann Lee.md").read_bytes()
    again = bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes=notes))
    assert again.updated == [] and (root / "People" / "Ann Lee.md").read_bytes() == before


def test_a_notes_heading_in_capitals_is_the_notes_section(tmp_path):
    root = vault(tmp_path, {"People/Ann Lee.md": "---\ntags: [person]\n---\n## NOTES\nold text\n"})
    for _ in range(2):
        bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes="new text"))
    assert contact(root, "Ann Lee").notes == "old text\n\nnew text"


def test_text_that_would_open_a_block_for_the_rest_of_the_note_is_closed_off(tmp_path):
    root = vault(tmp_path)
    bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes="```\nopen\n<!-- open\n%% open"))
    text = (root / "People" / "Ann Lee.md").read_text()
    assert "\\```" in text and "\\<!--" in text and "%\\% open" in text
    assert contact(root, "Ann Lee").log == ()


def test_names_with_a_number_are_not_near_each_other(tmp_path):
    root = vault(tmp_path, {"People/Fuzz Person5.md": "---\ntags: [person]\n---\n"})
    result = bring_in(root, Record(where="x.csv:2", name="Fuzz Person6"))
    assert [item["path"] for item in result.created] == ["People/Fuzz Person6.md"]


def test_a_card_of_a_folder_that_cannot_be_read_is_left_out_and_the_rest_imported(tmp_path):
    root = vault(tmp_path)
    cards = card_folder(tmp_path, {"a.vcf": ANN_CARD})
    (cards / "sub.vcf").mkdir()
    (cards / "gone.vcf").symlink_to(tmp_path / "nowhere.vcf")
    result = import_command(root, str(cards))
    assert result.exit_code == 0
    assert (
        result.stdout == "create People/Ann Lee.md (a.vcf:1)\n1 created, 0 updated, 0 skipped, 0 conflicts\n"
    )
    assert f"{cards}/gone.vcf: cannot be read (No such file or directory); left out" in result.stderr
    assert f"{cards}/sub.vcf: cannot be read (Is a directory); left out" in result.stderr


def test_a_nameless_record_says_why_it_is_no_contact(tmp_path):
    root = vault(tmp_path)
    result = bring_in(
        root,
        Record(
            where="x.vcf:1",
            name="",
            unreadable=(("name", "the card is of an organisation (KIND:org), not of a person"),),
        ),
        Record(where="x.vcf:6", name="", unreadable=(("card", "x.vcf:6: card never ends"),)),
        Record(where="x.vcf:9", name=""),
    )
    assert [item["reason"] for item in result.skipped] == [
        "the card is of an organisation (KIND:org), not of a person",
        "card never ends",
        "no name, so no contact to import",
    ]


def test_new_contacts_join_the_folder_the_vault_keeps_its_contacts_in(tmp_path):
    import shutil

    from tests.conftest import REPO

    root = tmp_path / "vcard-demo"
    shutil.copytree(REPO / "tests" / "fixtures" / "vaults" / "vcard-demo", root)
    result = bring_in(root, Record(where="x.csv:2", name="Tom Hansen"))
    assert [item["path"] for item in result.created] == ["Contacts/Tom Hansen.md"]
    assert not (root / "People").exists()


def test_a_shared_email_under_another_name_is_left_to_check(tmp_path):
    root = vault(tmp_path, {"People/Max Muster.md": "---\ntags: [person]\nemail: info@firma.de\n---\n"})
    result = bring_in(
        root,
        Record(where="x.vcf:1", name="Erika Muster", emails=("info@firma.de",), phones=("+49 40 123456",)),
    )
    assert result.created == [] and result.updated == []
    assert [item["reason"] for item in result.skipped] == [
        "shares an email with Max Muster, under another name; check by hand"
    ]


def test_a_name_changed_on_the_phone_comes_in_as_an_alias(tmp_path):
    root = vault(tmp_path, {"People/Ben Hughes.md": "---\nuid: urn:uuid:ben\ntags: [person]\n---\n"})
    bring_in(root, Record(where="x.vcf:1", name="Benjamin Hughes", uid="urn:uuid:ben"))
    assert contact(root, "Ben Hughes").aliases == ("Benjamin Hughes",)


NORA_TWICE = (
    Record(where="dup.vcf:1", name="Nora Neu", phones=("111 111 111",), org="Werft"),
    Record(
        where="dup.vcf:5",
        name="Nora Neu",
        phones=("222 222 222",),
        emails=("nora@x.de",),
        notes="wichtig",
        org="Hafen",
    ),
)


def test_a_new_person_twice_in_a_file_is_one_note_with_all_of_both(tmp_path):
    root = vault(tmp_path)
    first = bring_in(root, *NORA_TWICE)
    assert [item["path"] for item in first.created] == ["People/Nora Neu.md"]
    nora = contact(root, "Nora Neu")
    assert (nora.phones, nora.emails, nora.org) == (("111 111 111", "222 222 222"), ("nora@x.de",), "Werft")
    assert nora.notes == "wichtig\n\n- Org (dup.vcf:5): Hafen"
    again = bring_in(root, *NORA_TWICE)
    assert again.updated == [] and again.created == []


def test_a_name_no_file_may_have_costs_its_record_only(tmp_path):
    root = vault(tmp_path)
    result = bring_in(root, Record(where="x.vcf:1", name="CON"), Record(where="x.vcf:5", name="Ann Lee"))
    assert [item["path"] for item in result.created] == ["People/Ann Lee.md"]
    assert [(item["where"], "device name" in item["reason"]) for item in result.skipped] == [
        ("x.vcf:1", True)
    ]


def test_a_card_of_a_folder_that_is_no_card_is_named_and_the_rest_imported(tmp_path):
    root = vault(tmp_path)
    cards = card_folder(tmp_path, {"a.vcf": ANN_CARD, "empty.vcf": "", "hello.vcf": "hello\n"})
    result = import_command(root, str(cards))
    assert result.exit_code == 0
    assert result.stdout.startswith("create People/Ann Lee.md (a.vcf:1)\n")
    assert result.stderr.count("this file is left out, the others are read") == 2
    (cards / "a.vcf").unlink()
    none = import_command(root, str(cards))
    assert none.exit_code == 1
    assert "none of its 2 files could be read, so nothing was imported" in none.output


def test_what_stands_in_a_closed_code_block_is_left_as_it_is(tmp_path):
    root = vault(tmp_path)
    notes = "```\n# not a heading\n## Log\n```\n## Log"
    bring_in(root, Record(where="x.vcf:1", name="Ann Lee", notes=notes))
    assert contact(root, "Ann Lee").notes == "```\n# not a heading\n## Log\n```\n\\## Log"


def test_an_address_book_imported_again_says_so_in_one_line(tmp_path):
    root = vault(tmp_path)
    import_command(root, str(IMPORTS / "iphone.vcf"))
    again = import_command(root, str(IMPORTS / "iphone.vcf"))
    assert again.stdout.splitlines() == [
        "skip 2 already in the vault, with nothing to add (--json lists them)",
        "leave out 1 photo: photos are not imported",
        "0 created, 0 updated, 2 skipped, 0 conflicts",
    ]


def test_a_field_a_note_lacks_is_written_in_the_notes_own_key_style(tmp_path):
    note = "---\nName: Tim Cole\nTags:\n  - person\nEmail: tim@example.org\nLast Contact: 2026-10-01\n---\n"
    root = vault(tmp_path, {"People/Tim Cole.md": note})
    bring_in(
        root,
        Record(
            where="x.vcf:1", name="Tim Cole", role="CTO", how_met="Stammtisch", urls=("https://tim.example",)
        ),
    )
    text = (root / "People" / "Tim Cole.md").read_text()
    assert (
        "\nRole: CTO\n" in text
        and "\nHow Met: Stammtisch\n" in text
        and "\nUrl: https://tim.example\n" in text
    )
    assert contact(root, "Tim Cole").how_met == "Stammtisch"


def test_a_first_email_given_twice_in_a_file_is_written_once(tmp_path):
    root = vault(tmp_path, {"People/Ann Lee.md": "---\ntags: [person]\n---\n"})
    result = bring_in(
        root,
        Record(where="x.vcf:1", name="Ann Lee", emails=("ann@example.org",)),
        Record(where="x.vcf:6", name="Ann Lee", emails=("ANN@example.org",)),
    )
    assert contact(root, "Ann Lee").emails == ("ann@example.org",)
    assert [item["fields"] for item in result.updated] == [{"email": "ann@example.org"}]
