"""Contact notes as people write them, with no configuration: who is a contact, what the note
says, the log kept as dated headings."""

from __future__ import annotations

from datetime import date

import pytest

from vaultkit.activity import gather
from vaultkit.config import Config
from vaultkit.index import load_index
from vaultkit.parse.note import parse_note

CONFIG = Config()


def read(path: str, text: str):
    return parse_note(path, text.encode(), CONFIG)


@pytest.mark.parametrize(
    "path",
    [
        "People/Ann.md",
        "Work/People/Ann.md",
        "Cards/people/Ann.md",
        "contacts/Ann.md",
        "Kontakte/Ann.md",
        "Privat/Personen/Freunde/Ann.md",
    ],
)
def test_a_note_in_a_people_folder_at_any_depth_and_in_any_case_is_a_contact(path):
    assert read(path, "# Ann\n").contact is not None


@pytest.mark.parametrize(
    "text",
    [
        "---\ntags: [person]\n---\n",
        "---\ntags:\n  - people\n---\n",
        "---\ntags: people, 2023-06,\n---\n",
        "---\ntags: work contact\n---\n",
        '---\ntags: "#person"\n---\n',
        "---\ntags: [type/person]\n---\n",
        "---\ntags: [person/friend]\n---\n",
        "Met at the fair. #person\n",
        "---\ntype: Person\n---\n",
        '---\ntype: "[[People]]"\n---\n',
        "---\ncategory: contact\n---\n",
        '---\ncategories:\n  - "[[People]]"\n---\n',
        "---\nCategories: [Personen]\n---\n",
    ],
)
def test_a_note_that_says_it_is_a_person_in_any_obsidian_form_is_a_contact(text):
    assert read("Notes/Ann.md", text).contact is not None


@pytest.mark.parametrize(
    "path, text",
    [
        ("Notes/Ann.md", "---\ntags: [people/john-appleseed]\n---\n"),  # a mention, not a marker
        ("Notes/Ann.md", "See #people/john-appleseed\n"),
        ("Notes/Ann.md", "```\n#person\n```\n"),
        ("People/Acme.md", "---\nKIND: org\n---\n"),
        ("People/Book club.md", "---\nkind: group\n---\n"),
        ("Contacts/Kiel.md", "---\nKIND: location\n---\n"),
    ],
)
def test_notes_that_are_no_person_are_no_contacts(path, text):
    assert read(path, text).contact is None


def test_check_can_say_why_a_note_is_a_contact():
    assert read("Work/People/Ann.md", "").contact.found_by == "folder People"
    assert read("Notes/Ann.md", "---\ntags: [type/person]\n---\n").contact.found_by == "tag type/person"


@pytest.mark.parametrize(
    "front_matter, field, value",
    [
        ("Birthday: 1980-02-03", "birthday", (2, 3)),
        ("BDAY: 1980-02-03", "birthday", (2, 3)),
        ("Geburtstag: 03.02.1980", "birthday", (2, 3)),
        ("last-contacted: 2026-01-02", "last_contact", date(2026, 1, 2)),
        ("Last Contact: 2026-01-02", "last_contact", date(2026, 1, 2)),
        ("prm-last-contacted: 2026-01-02", "last_contact", date(2026, 1, 2)),
        ("prm-birthday: 1980-02-03", "birthday", (2, 3)),
        ("prm-snooze-until: 2026-12-24", "snooze_until", date(2026, 12, 24)),
        ("prm-cadence: 2w", "cadence", "2w"),
        ("company: Acme", "org", "Acme"),
        ("Firma: Acme", "org", "Acme"),
        ("ORG: Acme", "org", "Acme"),
        ("job_title: CEO", "role", "CEO"),
        ("TITLE: CEO", "role", "CEO"),
        ("Position: CEO", "role", "CEO"),
        ("date_met: 2020-05-01", "met", date(2020, 5, 1)),
        ("city: Kiel", "location", "Kiel"),
        ("FN: Ann Lee", "name", "Ann Lee"),
        ("full_name: Ann Lee", "name", "Ann Lee"),
        ("CATEGORIES: [friends, kiel]", "tags", ("friends", "kiel")),
    ],
)
def test_property_names_are_matched_without_regard_to_case_spaces_and_dashes_and_by_synonym(
    front_matter, field, value
):
    contact = read("People/Ann.md", f"---\n{front_matter}\n---\n").contact
    found = getattr(contact, field)
    if field == "birthday":
        found = (found.month, found.day)
    if field == "cadence":
        found = str(found)
    assert found == value


def test_vcard_indexed_keys_are_all_emails_and_phones():
    contact = read(
        "People/Ann.md",
        '---\n"EMAIL[HOME]": ann@home.example\n"EMAIL[WORK]": ann@work.example\n"TEL[CELL]": "+49 1"\n---\n',
    ).contact
    assert contact.emails == ("ann@home.example", "ann@work.example")
    assert contact.email == "ann@home.example" and contact.phones == ("+49 1",)


def test_a_one_item_list_is_the_value_and_fields_with_several_values_keep_all():
    contact = read(
        "People/Ann.md",
        '---\nrole: [Painter]\norg:\n  - "[[Obsidian]]"\n  - Acme\nlocation: [Kiel, Berlin]\n---\n',
    ).contact
    assert (contact.role, contact.org, contact.orgs) == ("Painter", "Obsidian", ("Obsidian", "Acme"))
    assert (contact.location, contact.locations) == ("Kiel", ("Kiel", "Berlin"))
    assert read("People/Ann.md", "---\norg: Acme, Inc.\n---\n").contact.orgs == ("Acme, Inc.",)


def test_dataview_inline_fields_are_properties_of_the_note_and_front_matter_wins():
    note = read(
        "People/john-doe.md",
        "---\nrole: CEO\n---\n# John Doe\ntitle:: Intern\ncompany:: [[Acme]]\n"
        "Met him [met:: 2023-03-05] at the fair (city:: Kiel).\n```\nbirthday:: 1999-01-01\n```\n",
    )
    contact = note.contact
    assert (contact.role, contact.org, contact.met, contact.location) == (
        "CEO",
        "Acme",
        date(2023, 3, 5),
        "Kiel",
    )
    assert contact.birthday is None  # in code
    assert contact.lines["org"] == 6


def test_the_name_is_the_first_heading_when_the_file_name_is_its_slug():
    assert read("People/john-doe.md", "# John Doe\n").contact.name == "John Doe"
    assert read("People/jd.md", "# John Doe\n").contact.name == "jd"
    assert read("People/john-doe.md", "---\nname: Johnny\n---\n# John Doe\n").contact.name == "Johnny"


def test_a_value_yaml_reads_as_a_comment_is_a_warning_that_says_to_quote_it():
    note = read("People/Ann.md", "---\ntag: #people #person\n---\n")
    [warning] = note.diagnostics
    assert (warning.line, warning.severity, warning.code) == (2, "warning", "yaml-comment")
    assert 'tag: "#people #person"' in warning.message


def test_a_key_one_letter_from_a_field_is_a_warning():
    [warning] = read("People/Ann.md", "---\nbirtday: 1980-02-03\n---\n").diagnostics
    assert (warning.code, warning.line) == ("near-field", 2)
    assert "did you mean birthday" in warning.message


def test_dated_headings_are_the_log_of_a_journal_style_contact_note(vault):
    text = (
        "# Ann\n## 2022-02-15\nCoffee at the harbour, she starts a new job.\n\n"
        "### 2022-03-01, Tuesday\n- call about the move #gave\n- she sends photos\n"
        "## Notes\nlikes sailing\n"
    )
    log = read("People/Ann.md", text).contact.log
    assert [(e.date, e.text, e.line, e.gave) for e in log] == [
        (date(2022, 2, 15), "Coffee at the harbour, she starts a new job.", 2, False),
        (date(2022, 3, 1), "call about the move #gave she sends photos", 5, True),
    ]
    index = load_index(vault({"People/Ann.md": text}))
    assert index.contacts["Ann"].log == log


def test_the_owners_note_named_in_the_config_is_no_contact_and_an_obvious_one_is_pointed_out(vault):
    files = {"People/Ich.md": "---\naliases: [Me]\n---\n", "People/Ann.md": ""}
    unnamed = load_index(vault(files))
    assert sorted(unnamed.contacts) == ["Ann", "Ich"]
    assert [(d.path, d.code) for d in unnamed.diagnostics] == [("People/Ich.md", "owner-note")]
    named = load_index(vault({**files, ".vaultkit.toml": '[me]\nnote = "People/Ich.md"\n'}))
    assert sorted(named.contacts) == ["Ann"] and named.diagnostics == ()


def test_german_keys_and_how_we_met_are_read(vault):
    root = vault(
        {
            "Personen/Karl Weber.md": (
                "---\nLetzter Kontakt: 2026-01-15\nHandy: 0170 5556677\nSpitzname: Kalle\n"
                "Kontaktintervall: 1m\nKennengelernt über: Studium in Kiel\n---\n"
            ),
            "Notizen/Grillabend.md": "---\nDatum: 2026-11-07\n---\nGrillabend mit [[Kalle]].\n",
            "Notizen/2026-11-09 Verein.md": "---\nTeilnehmer: [Karl Weber]\n---\n",
        }
    )
    index = load_index(root)
    karl = index.contacts["Karl Weber"]
    assert (karl.last_contact, karl.phone, karl.aliases, str(karl.cadence)) == (
        date(2026, 1, 15),
        "0170 5556677",
        ("Kalle",),
        "1m",
    )
    assert karl.how_met == "Studium in Kiel"
    assert read("People/S.md", "---\nHow We Met: climbing gym\n---\n").contact.how_met == "climbing gym"
    assert [i.date for i in gather(index, date(2026, 11, 21)).of("Karl Weber").interactions][:2] == [
        date(2026, 11, 9),
        date(2026, 11, 7),
    ]


def test_path_links_in_org_knows_and_introduced_by_name_the_note():
    contact = read(
        "People/C.md",
        '---\norg: "[[Companies/Acme Corp|Acme]]"\nknows: ["[[People/B Two|B]]"]\n'
        'introduced_by: "[[People/A One.md|A]]"\n---\n',
    ).contact
    assert (contact.org, contact.knows, contact.introduced_by) == ("Acme Corp", ("B Two",), "A One")


@pytest.mark.parametrize(
    "front_matter",
    [
        "type: company",
        'categories: ["[[Companies]]"]',
        "tags: [company]",
        'type: "[[Organization]]"',
        "type: team",
    ],
)
def test_a_company_or_team_in_a_contacts_folder_is_no_contact(front_matter):
    assert read("Contacts/Acme.md", f"---\n{front_matter}\n---\n").contact is None
    assert read("Contacts/Acme.md", f"---\n{front_matter}\ntags: [person]\n---\n").contact is not None


def test_a_picture_saved_as_a_note_is_no_contact_and_a_latin1_note_keeps_its_letters():
    assert read("People/Photo.md", "").contact is not None
    assert parse_note("People/Photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", CONFIG).contact is None
    assert parse_note(
        "People/J.md", "---\nname: Jürgen Müller\n---\n".encode("cp1252"), CONFIG
    ).contact.name == ("Jürgen Müller")


def test_a_title_that_reads_as_the_file_name_is_the_name_not_the_role():
    dan = read("People/dan-oconnor.md", "---\ntitle: Dan O'Connor\ncompany: Initech\n---\n").contact
    assert (dan.name, dan.role) == ("Dan O'Connor", None)
    assert read("People/dan-oconnor.md", "# Dan O'Connor\n").contact.name == "Dan O'Connor"
    assert read("People/Ann.md", "---\ntitle: CEO\n---\n").contact.role == "CEO"


def test_a_dated_heading_with_words_keeps_them_apart_from_the_text_below():
    [entry] = read("People/Ann.md", "## 02.06.2026 – Grillen\nMit Jonas am Strand.\n").contact.log
    assert (entry.date, entry.text) == (date(2026, 6, 2), "Grillen: Mit Jonas am Strand.")
