"""The import readers: every field of a LinkedIn, Google, Outlook or vCard export lands in the
Record (a field of its own, `details` or `left_out`), and nothing is made up on the way."""

import csv
import io
import quopri
import re
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest

from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.sources import (
    FORMATS,
    SourceError,
    decode,
    detect,
    google,
    linkedin,
    outlook,
    read,
    vcardlines,
    vcards,
)
from vaultkit.model import Birthday

IMPORTS = Path(__file__).parent / "fixtures" / "imports"
PHOTO = ("photo", "photos are not imported")
CSV_FIXTURES = {
    "Connections.csv": "linkedin",
    "linkedin_urls.csv": "linkedin",
    "google.csv": "google",
    "latin1.csv": "google",
    "google_current.csv": "google",
    "google_old.csv": "google",
    "outlook_en.csv": "outlook",
    "outlook_de.csv": "outlook",
    "outlook_de_cp1252.csv": "outlook",
}
VCARD_FIXTURES = ("contacts.vcf", "iphone.vcf", "android21.vcf", "vaultkit4.vcf")


def records(name):
    text, _ = decode((IMPORTS / name).read_bytes(), name)
    return read(text, detect(text), name)


def without_where(found):
    return [replace(record, where="") for record in found]


# Per format: each field where it belongs.


def test_formats_are_detected_from_their_header():
    for name, fmt in CSV_FIXTURES.items():
        text, _ = decode((IMPORTS / name).read_bytes(), name)
        assert detect(text) == fmt, name
    for name in VCARD_FIXTURES:
        assert detect((IMPORTS / name).read_text(encoding="utf-8")) == "vcard", name
    assert "outlook" in FORMATS


def test_google_current_header_fills_every_field():
    katharina, tom = records("google_current.csv")
    assert katharina == Record(
        where="google_current.csv:2",
        name="Katharina Luise Brandt",
        emails=(
            "kathi.brandt@example.org",
            "k.brandt@example.org",
            "katharina.brandt@werft-nord.example.org",
        ),
        phones=("+49 151 23456789", "+49 431 987650", "+49 431 987651"),
        aliases=("Kathi",),
        org="Werft Nord GmbH",
        department="Konstruktion",
        role="Schiffbauingenieurin",
        birthday=Birthday(5, 17, 1984),
        anniversary=Birthday(8, 25, 2012),
        tags=("Segelclub",),
        urls=("https://kathi.example.org",),
        location="Kiel",
        addresses=(
            "Holtenauer Straße 12, Hinterhaus, 24105 Kiel, Deutschland",
            "Werftstraße 3, Postfach 1120, 24768 Rendsburg, Schleswig-Holstein, Deutschland",
        ),
        met=date(2019, 6, 1),  # the event labelled Kennengelernt
        related=(Related("Jonas Brandt", "Spouse"),),
        notes="Segelt gern.\nHat zwei Kinder.",
        details=(
            ("Bootsname", "Möwe"),
            ("Messenger (Jabber, Home)", "kathi@jabber.example.org"),
            ("Phonetic First Name", "Kataarina"),
            ("Name Prefix", "Dr."),
        ),
        left_out=(PHOTO,),
    )
    # The city alone is the location, not an address; a File As unlike the name is a detail.
    assert tom == Record(
        where="google_current.csv:7",
        name="Tom Hansen",
        emails=("tom.hansen@example.org",),
        phones=("+49 40 1234567",),
        aliases=("Tommi",),
        birthday=Birthday(11, 3),
        location="Hamburg",
        details=(("Name Suffix", "Jr."), ("File As", "Tom (Segelclub)")),
    )


def test_google_old_header_fills_every_field():
    (greta,) = records("google_old.csv")
    assert greta == Record(
        where="google_old.csv:2",
        name="Greta Johanna Lindqvist",
        emails=("greta.lindqvist@example.org", "kanzlei@lindqvist.example.org"),
        phones=("+49 170 3334445", "+49 431 776655"),
        aliases=("Gretl",),
        org="Steuerbüro Lindqvist",
        department="Lohnbuchhaltung",
        role="Inhaberin",
        birthday=Birthday(2, 28, 1979),
        anniversary=Birthday(9, 10, 2005),
        tags=("Nachbarn",),
        urls=("https://lindqvist.example.org",),
        location="Kiel",
        addresses=("Lornsenstraße 8, 24105 Kiel, Deutschland", "Holstenbrücke 2, 24103 Kiel"),
        related=(Related("Ingrid Lindqvist", "Mother"),),
        interests=("Chor", "Gärtnern"),
        notes="Kennt sich mit Steuern aus.\nMag keinen Kaffee.\n\nRuft lieber an.",
        details=(("Lieblingsessen", "Labskaus"), ("Maiden Name", "Berg"), ("Occupation", "Steuerberaterin")),
        left_out=(PHOTO,),
    )


def test_linkedin_keeps_the_profile_url_and_the_connection_day_which_is_no_meeting():
    henrik, amelia, sven = records("linkedin_urls.csv")
    assert henrik == Record(
        where="linkedin_urls.csv:5",
        name="Henrik Olsen",
        emails=("henrik.olsen@example.org",),
        org="Kieler Förde Reederei",
        role="Kapitän",
        urls=("https://www.linkedin.com/in/henrik-olsen-kiel",),
        connected=date(2024, 3, 3),
    )
    assert (amelia.org, amelia.connected, amelia.emails) == (
        "Northfield Analytics, Ltd",
        date(2025, 2, 14),
        (),
    )
    assert (sven.urls, sven.org, sven.role) == (
        ("https://www.linkedin.com/in/sven-petersen-8a1b2c",),
        None,
        None,
    )
    for record in records("Connections.csv") + [henrik, amelia, sven]:
        assert record.connected is not None and (record.met, record.how_met) == (None, None), record.where


def test_linkedin_columns_it_does_not_know_become_details():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Location\nAnn,Lee,,,,,,Leeds\n"
    )
    (ann,) = read(text, "linkedin", "in.csv")
    assert (ann.name, ann.details, ann.connected) == ("Ann Lee", (("Location", "Leeds"),), None)


def test_outlook_english_fills_every_field_and_reads_past_its_bookkeeping():
    oliver, priya = records("outlook_en.csv")
    assert oliver == Record(
        where="outlook_en.csv:2",
        name="Oliver James Bennett",
        emails=("oliver.bennett@example.org", "o.bennett@harbourlabs.example.org"),
        phones=("+44 7700 900123", "+44 117 496 0123"),
        aliases=("Olly",),
        org="Harbour Labs Ltd",
        department="Research",
        role="Data Scientist",
        birthday=Birthday(5, 17, 1984),
        anniversary=Birthday(6, 12, 2010),
        tags=("Sailing", "Conference"),
        urls=("https://bennett.example.org",),
        location="Bath",
        addresses=(
            "7 Elm Grove, BA1 2XY Bath, Somerset, United Kingdom",
            "12 Dock Road, Unit 4, BS1 6QA Bristol, United Kingdom",
        ),
        introduced_by="Katharina Brandt",
        related=(Related("Emma Bennett", "spouse"),),
        interests=("Jazz", "Rowing"),
        notes="Met at the regatta.\nLikes jazz.",
        details=(
            ("Title", "Mr."),
            ("Business Fax", "+44 117 496 0199"),
            ("Children", "Lily, Sam"),
            ("Initials", "O.J.B."),
        ),
    )
    # 1/0/00 is how Outlook writes "no date": nothing, and nothing unreadable either.
    assert priya == Record(
        where="outlook_en.csv:4",
        name="Priya Sharma",
        emails=("priya.sharma@example.org",),
        phones=("+44 7700 900456",),
        org="Kestrel Books",
        location="Leeds",
        details=(("Title", "Ms."), ("Initials", "P.S.")),
    )


def test_outlook_german_with_semicolons_bom_and_german_dates():
    joerg, sabine = records("outlook_de.csv")
    assert joerg == Record(
        where="outlook_de.csv:2",
        name="Jörg Peter Müller",
        emails=("joerg.mueller@example.org", "j.mueller@swhl.example.org"),
        phones=("+49 171 2223334", "+49 451 7654321", "+49 451 8880", "+49 4502 1234"),
        aliases=("Jö",),
        org="Stadtwerke Lübeck",
        department="Netzplanung",
        role="Gruppenleiter",
        birthday=Birthday(5, 17, 1984),
        tags=("Segeln", "Nachbarn"),
        urls=("https://mueller-luebeck.example.org",),
        location="Lübeck",
        addresses=(
            "Fischergrube 41, 23552 Lübeck, Schleswig-Holstein, Deutschland",
            "Moislinger Allee 9, 23558 Lübeck, Deutschland",
            "Strandweg 3, 23570 Travemünde",
        ),
        introduced_by="Greta Lindqvist",
        related=(Related("Anja Müller", "partner"),),
        interests=("Segeln", "Skat"),
        notes="Hat ein Boot in Travemünde.\nTrinkt gern Rotwein.",
        details=(("Anrede", "Herr"), ("Initialen", "J.P.M."), ("Kinder", "Ida, Paul")),
    )
    assert (sabine.birthday, sabine.anniversary, sabine.unreadable) == (Birthday(2, 3, 1990), None, ())
    assert sabine.details == (("Anrede", "Frau"), ("Geschlecht", "Weiblich"))


def test_outlook_in_windows_1252_reads_as_the_same_people():
    text, note = decode((IMPORTS / "outlook_de_cp1252.csv").read_bytes(), "outlook_de_cp1252.csv")
    assert note == "outlook_de_cp1252.csv:1: not UTF-8, read as Windows-1252"
    assert without_where(read(text, "outlook", "x.csv")) == without_where(records("outlook_de.csv"))


def test_outlook_date_that_is_no_date_costs_only_its_field():
    text = "Vorname;Nachname;E-Mail-Adresse;Geburtstag;Jahrestag\nAnn;Lee;ann@example.org;31.02.1984;0.0.00\n"
    (ann,) = read(text, "outlook", "in.csv")
    assert (ann.name, ann.emails, ann.birthday, ann.anniversary) == (
        "Ann Lee",
        ("ann@example.org",),
        None,
        None,
    )
    assert ann.unreadable == (("birthday", "expected a date like 17.05.1984 or 5/17/1984, got '31.02.1984'"),)


def test_iphone_vcard_with_item_groups_apple_dates_and_related_names():
    henrike, deniz = records("iphone.vcf")
    assert henrike == Record(
        where="iphone.vcf:1",
        name="Henrike Albers",
        emails=("henrike.albers@example.org", "h.albers@bibliothek.example.org"),
        phones=("+49 160 5550123", "+49 431 5550987"),
        aliases=("Rike",),
        org="Stadtbibliothek Kiel",
        department="Kinderbuchabteilung",
        role="Bibliothekarin",
        birthday=Birthday(9, 14, 1988),
        anniversary=Birthday(7, 18, 2015),
        tags=("Lesekreis", "Kiel"),
        urls=("https://rike.example.org",),
        location="Kiel",
        addresses=(
            "Knooper Weg 45, 24103 Kiel, Deutschland",
            "Andreas-Gayk-Straße 31, 24103 Kiel, Deutschland",
        ),
        related=(Related("Malte Albers", "spouse"), Related("Frieda Albers", "child")),
        notes="Liest gern Krimis.\nTrinkt Tee ohne Zucker, mit Milch.",
        details=(
            ("Bücherblog", "https://buecher.example.org/rike"),
            ("Social profile (twitter)", "https://twitter.com/rike_liest"),
            ("Messenger (Skype)", "skype:rike.albers"),
            ("Middle name", "Marie"),
        ),
        left_out=(PHOTO,),
    )
    # Apple's year 1604 means "no year"; a date labelled Kennengelernt is the day they met.
    assert deniz == Record(
        where="iphone.vcf:39",
        name="Deniz Yilmaz",
        phones=("+49 431 5550444",),
        org="Yilmaz Fahrradwerkstatt",
        birthday=Birthday(3, 21),
        met=date(2021, 4, 10),
    )


def test_vcard_21_with_quoted_printable_soft_breaks_and_charsets():
    bjoern, juergen = records("android21.vcf")
    assert bjoern == Record(
        where="android21.vcf:1",
        name="Björn Grünewald",
        emails=("bjoern.gruenewald@example.org",),
        phones=("+49 172 5550111", "+49 451 5550222"),
        org="Musikschule Lübeck",
        department="Streicher",
        role="Cellolehrer",
        birthday=Birthday(8, 30, 1975),
        urls=("https://gruenewald.example.org",),
        location="Lübeck",
        addresses=("Mühlenstraße 7, 23552 Lübeck, Deutschland",),
        notes="Spielt Cello im Orchester. Frühstückt am liebsten mit Brötchen.\nHat eine Katze.",
        left_out=(PHOTO,),
    )
    assert (juergen.where, juergen.name, juergen.notes) == (
        "android21.vcf:20",
        "Jürgen Schäfer",
        "Nachbar vom Ferienhaus.",
    )


def test_a_card_vaultkit_exported_reads_back_whole_with_nothing_left_over():
    (marlene,) = records("vaultkit4.vcf")
    assert marlene == Record(
        where="vaultkit4.vcf:1",
        name="Marlene Petersen",
        uid="urn:uuid:7f1c2a9e-3b4d-5e6f-8a9b-0c1d2e3f4a5b",
        emails=("marlene.petersen@example.org",),
        phones=("+49 176 5550333",),
        aliases=("Leni", "Marle"),
        org="Hafenamt Kiel",
        department="Lotsendienst / Nachtschicht",
        role="Lotsin",
        birthday=Birthday(3, 11, 1982),
        anniversary=Birthday(6, 19, 2010),
        tags=("segeln", "hafen"),
        urls=("https://petersen.example.org",),
        location="Kiel",
        addresses=("Düsternbrooker Weg 20, 24105 Kiel", "Hafenstraße 1, 24937 Flensburg"),
        met=date(2019, 5, 4),
        how_met="Kieler Woche, am Steg",
        introduced_by="Hauke Jensen",
        related=(
            Related("urn:uuid:1b2c3d4e-5f60-5718-9a0b-c1d2e3f4a5b6", None, is_uid=True),
            Related("Hauke Jensen", None, is_uid=False),
        ),
        interests=("Segeln", "Astronomie"),
        offers=("Hilfe beim Ablegen", "Hafenführungen"),
        needs=("Jemand für die Steuererklärung",),
        more=(("circle", "inner"), ("cadence", "1m"), ("status", "reserve"), ("last_contact", "2026-10-02")),
        notes="Kennt jeden im Hafen.\nFragt immer nach dem Boot.",
    )


def card(*lines):
    return (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + "END:VCARD\r\n"
    )


def test_related_is_a_uid_only_when_it_is_a_uri_not_marked_as_text():
    (ann,) = read(
        card(
            "RELATED:urn:uuid:0000-1111",
            "RELATED;VALUE=text:urn:uuid:2222",
            "RELATED;TYPE=friend:Bo Berg",
            "RELATED;TYPE=spouse;VALUE=uri:mailto:cy@example.org",
        ),
        "vcard",
        "in.vcf",
    )
    assert ann.related == (
        Related("urn:uuid:0000-1111", None, is_uid=True),
        Related("urn:uuid:2222", None, is_uid=False),
        Related("Bo Berg", "friend", is_uid=False),
        Related("mailto:cy@example.org", "spouse", is_uid=True),
    )


def test_role_is_the_role_only_without_a_title_and_units_of_the_org_are_the_department():
    (titled,) = read(card("ROLE:Chair", "TITLE:Professor", "ORG:Uni Kiel;Physik;Optik"), "vcard", "a.vcf")
    (untitled,) = read(card("ROLE:Chair"), "vcard", "b.vcf")
    assert (titled.role, titled.details, titled.org, titled.department) == (
        "Professor",
        (("Role", "Chair"),),
        "Uni Kiel",
        "Physik / Optik",
    )
    assert (untitled.role, untitled.details) == ("Chair", ())


@pytest.mark.parametrize(
    "line, birthday, anniversary",
    [
        ("BDAY:19840517", Birthday(5, 17, 1984), None),
        ("BDAY:1984-05-17T00:00:00Z", Birthday(5, 17, 1984), None),
        ("BDAY:--0517", Birthday(5, 17), None),
        ("BDAY:--05-17", Birthday(5, 17), None),
        ("ANNIVERSARY:20100619", None, Birthday(6, 19, 2010)),
    ],
)
def test_vcard_dates_in_every_form(line, birthday, anniversary):
    (ann,) = read(card(line), "vcard", "in.vcf")
    assert (ann.birthday, ann.anniversary, ann.unreadable) == (birthday, anniversary, ())


def test_logos_sounds_and_keys_are_left_out_and_say_so():
    (ann,) = read(
        card("LOGO;VALUE=uri:https://example.org/logo.png", "SOUND:aGVsbG8=", "KEY;ENCODING=b:AAAA"),
        "vcard",
        "in.vcf",
    )
    assert ann.left_out == (
        ("logo", "logos are not imported"),
        ("sound", "sounds are not imported"),
        ("key", "keys are not imported"),
    )


def test_unknown_vcard_properties_become_details_with_readable_labels():
    (ann,) = read(
        card("GENDER:F;Frau", "TZ:Europe/Berlin", "LANG:de", "EXPERTISE:Segeln", "X-FAVOURITE-TEA:Rooibos"),
        "vcard",
        "in.vcf",
    )
    assert ann.details == (
        ("Gender", "F; Frau"),
        ("Time zone", "Europe/Berlin"),
        ("Language", "de"),
        ("Expertise", "Segeln"),
        ("X-FAVOURITE-TEA", "Rooibos"),
    )


def test_values_come_once_without_control_characters_and_only_notes_keep_line_breaks():
    (ann,) = read(
        card(
            "EMAIL:ann@example.org",
            "EMAIL:ANN@example.org",
            "NICKNAME:Annie,annie",
            "NOTE:Erste Zeile\x1b[2J\\nZweite\x07 Zeile",
            "X-FOO:Wert\x1b]0;titel\x07\\nweiter",
            "RELATED;TYPE=friend\x07;VALUE=text:Bo\x1b Berg",
        ),
        "vcard",
        "in.vcf",
    )
    assert (ann.emails, ann.aliases) == (("ann@example.org",), ("Annie",))
    assert ann.notes == "Erste Zeile[2J\nZweite Zeile"
    assert ann.details == (("X-FOO", "Wert]0;titel weiter"),)
    assert ann.related == (Related("Bo Berg", "friend"),)


def test_a_line_that_is_no_vcard_property_costs_that_line_and_names_it():
    text = card("EMAIL:ann@example.org", "<html>", "TEL:+49 431 1") + card("NOTE:zwei")
    ann, second = read(text, "vcard", "in.vcf")
    assert (ann.name, ann.emails, ann.phones) == ("Ann Lee", ("ann@example.org",), ("+49 431 1",))
    assert ann.unreadable == (("line", "in.vcf:5: '<html>' is no vCard property, so it was left out"),)
    assert (second.where, second.name, second.notes, second.unreadable) == ("in.vcf:8", "Ann Lee", "zwei", ())


def test_a_long_stray_line_is_shown_cut_short():
    (ann,) = read(card("x" * 500), "vcard", "in.vcf")
    ((field, why),) = ann.unreadable
    assert (field, why) == ("line", f"in.vcf:4: '{'x' * 59}…' is no vCard property, so it was left out")


def test_a_card_of_which_no_line_can_be_read_costs_that_card_only():
    text = "BEGIN:VCARD\n<html>\n<body>\nEND:VCARD\n" + card("EMAIL:ann@example.org")
    broken, ann = read(text, "vcard", "in.vcf")
    assert broken == Record(
        where="in.vcf:1",
        name="",
        unreadable=(("card", "in.vcf:1: no line of this card is a vCard property, so it cannot be read"),),
    )
    assert (ann.where, ann.name, ann.emails) == ("in.vcf:5", "Ann Lee", ("ann@example.org",))
    with pytest.raises(SourceError, match=r"^in\.vcf:1: no line of this card is a vCard property"):
        read("BEGIN:VCARD\n<html>\nEND:VCARD\n", "vcard", "in.vcf")


def test_a_card_without_end_before_the_next_begin_costs_only_itself():
    text = "BEGIN:VCARD\nFN:Leia\nBEGIN:VCARD\nFN:Nested\nEND:VCARD\nBEGIN:VCARD\nFN:Han\nEND:VCARD\n"
    leia, nested, han = read(text, "vcard", "x.vcf")
    assert leia == Record(
        where="x.vcf:1",
        name="",
        unreadable=(
            ("card", "x.vcf:1: card never ends (no END:VCARD before the next BEGIN:VCARD on line 3)"),
        ),
    )
    assert [(r.where, r.name) for r in (nested, han)] == [("x.vcf:3", "Nested"), ("x.vcf:6", "Han")]


def test_a_last_card_that_never_ends_costs_itself_and_alone_the_file():
    first, last = read(card() + "BEGIN:VCARD\nFN:Bo Berg\n", "vcard", "x.vcf")
    assert (first.name, last.name, last.unreadable) == (
        "Ann Lee",
        "",
        (("card", "x.vcf:5: card never ends (no END:VCARD)"),),
    )
    with pytest.raises(SourceError, match=r"^x\.vcf:1: card never ends \(no END:VCARD\)$"):
        read("BEGIN:VCARD\nFN:Bo Berg\n", "vcard", "x.vcf")


def test_a_card_with_only_a_nickname_is_named_by_it_and_keeps_it_as_an_alias():
    (rike,) = read(
        "BEGIN:VCARD\nVERSION:3.0\nNICKNAME:Rike,Riki\nEMAIL:r@example.org\nEND:VCARD\n", "vcard", "x.vcf"
    )
    assert (rike.name, rike.aliases, rike.emails, rike.unreadable) == (
        "Rike",
        ("Rike", "Riki"),
        ("r@example.org",),
        (),
    )
    (bo,) = read("Name,Nickname,E-mail 1 - Value\n,Bo,bo@example.org\n", "google", "x.csv")
    assert (bo.name, bo.aliases) == ("Bo", ("Bo",))


@pytest.mark.parametrize(
    "lines", [("ORG:Werft Nord GmbH;Einkauf",), ("KIND:org", "ORG:Werft Nord GmbH", "TEL:+49 431 1")]
)
def test_a_card_with_only_an_organisation_stays_nameless_and_says_it_is_no_person(lines):
    text = "BEGIN:VCARD\nVERSION:4.0\n" + "".join(line + "\n" for line in lines) + "END:VCARD\n"
    (firm,) = read(text, "vcard", "x.vcf")
    assert (firm.name, firm.org) == ("", "Werft Nord GmbH")
    assert firm.unreadable == (("name", "a card with only an organisation (Werft Nord GmbH) is no person"),)
    (row,) = read("Name,Organization Name\n,Werft Nord GmbH\n", "google", "x.csv")
    assert row.unreadable == (("name", "a row with only an organisation (Werft Nord GmbH) is no person"),)


def test_related_with_a_type_and_a_uid_keeps_both():
    (ann,) = read(card("RELATED;TYPE=spouse:urn:uuid:1b2c3d4e-0000"), "vcard", "in.vcf")
    assert ann.related == (Related("urn:uuid:1b2c3d4e-0000", "spouse", is_uid=True),)


@pytest.mark.parametrize(
    "label", ["Anniversary", "Jahrestag", "Hochzeitstag", "Hochzeits-Tag", "ANNIVERSARY"]
)
def test_a_date_labelled_as_a_note_would_name_the_anniversary_is_the_anniversary(label):
    (apple,) = read(card("item1.X-ABDATE:2010-06-19", f"item1.X-ABLabel:{label}"), "vcard", "in.vcf")
    google_csv = f"Name,Event 1 - Label,Event 1 - Value\nAnn Lee,{label},2010-06-19\n"
    (google_row,) = read(google_csv, "google", "in.csv")
    for record in (apple, google_row):
        assert (record.anniversary, record.details) == (Birthday(6, 19, 2010), ()), record.where


@pytest.mark.parametrize("label", ["Kennengelernt", "met", "First met", "Date met"])
def test_a_date_labelled_as_the_day_they_met_is_met(label):
    (apple,) = read(card("item1.X-ABDATE:20190504", f"item1.X-ABLabel:{label}"), "vcard", "in.vcf")
    google_csv = f"Name,Event 1 - Label,Event 1 - Value\nAnn Lee,{label},2019-05-04\n"
    (google_row,) = read(google_csv, "google", "in.csv")
    for record in (apple, google_row):
        assert (record.met, record.details, record.unreadable) == (date(2019, 5, 4), (), ()), record.where


def test_a_labelled_date_that_is_no_day_to_meet_stays_a_detail():
    (ann,) = read(
        card(
            "item1.X-ABDATE:--0504",
            "item1.X-ABLabel:Kennengelernt",
            "item2.X-ABDATE:2020-01-02",
            "item2.X-ABLabel:Birthday",
            "item3.X-ABDATE:2021-03-04",
            "item3.X-ABLabel:Einschulung",
        ),
        "vcard",
        "in.vcf",
    )
    assert (ann.met, ann.birthday) == (None, None)
    assert ann.details == (
        ("Kennengelernt", "--0504"),
        ("Birthday", "2020-01-02"),
        ("Einschulung", "2021-03-04"),
    )


# Every CSV the same, whatever its delimiter and encoding.


def retyped(text, delimiter):
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    "name", ["google_current.csv", "google_old.csv", "outlook_en.csv", "Connections.csv"]
)
@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_semicolon_or_tab_csv_reads_like_the_comma_csv(name, delimiter):
    text, _ = decode((IMPORTS / name).read_bytes(), name)
    fmt = detect(text)
    other = retyped(text, delimiter)
    assert detect(other) == fmt
    assert without_where(read(other, fmt, "x.csv")) == without_where(read(text, fmt, name))


def test_a_utf16_csv_with_its_bom_reads_like_utf8():
    text, _ = decode((IMPORTS / "google_current.csv").read_bytes(), "google_current.csv")
    utf16, note = decode(retyped(text, "\t").encode("utf-16"), "x.csv")
    assert note == "x.csv: read as UTF-16"
    assert without_where(read(utf16, "google", "x.csv")) == without_where(records("google_current.csv"))


@pytest.mark.parametrize(
    "data, line",
    [
        (b"\xff\xfeA", 1),  # cut short in the middle of a character
        ("BEGIN:VCARD\nFN:A\n".encode("utf-16-le").join([b"\xff\xfe", b"A"]), 3),
        ("BEGIN:VCARD\n".encode("utf-16-be").join([b"\xfe\xff", b"\xdc\x00"]), 2),  # a lone surrogate
    ],
    ids=["cut-short", "cut-short-on-line-3", "lone-surrogate"],
)
def test_a_utf16_file_that_is_no_utf16_is_refused_naming_file_and_line(data, line):
    with pytest.raises(SourceError, match=rf"^x\.vcf:{line}: not valid UTF-16 "):
        decode(data, "x.vcf")


def test_outlook_is_refused_for_a_file_without_its_header():
    with pytest.raises(SourceError, match=r"^x\.csv:1: no Outlook header line"):
        read("name,phone\nA,1\n", "outlook", "x.csv")


FORMAT_NAMES = {
    "linkedin": "a LinkedIn export",
    "google": "a Google Contacts export",
    "outlook": "an Outlook export",
    "vcard": "a vCard file",
}


@pytest.mark.parametrize("name", [*CSV_FIXTURES, *VCARD_FIXTURES])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_named_as_another_format_than_it_is_refused_naming_both(name, fmt):
    text, _ = decode((IMPORTS / name).read_bytes(), name)
    found = detect(text)
    if fmt == found:
        return
    this, asked = FORMAT_NAMES[found], FORMAT_NAMES[fmt]
    if this.split()[-1] == asked.split()[-1]:
        asked = asked.rsplit(" ", 1)[0] + " one"
    message = f"{name}:1: this is {this}, not {asked}; leave out --format, or give --format {found}"
    with pytest.raises(SourceError) as refused:
        read(text, fmt, name)
    assert str(refused.value) == message


def test_google_as_outlook_says_so_in_words():
    text, _ = decode((IMPORTS / "google.csv").read_bytes(), "google.csv")
    with pytest.raises(SourceError) as refused:
        read(text, "outlook", "google.csv")
    assert str(refused.value) == (
        "google.csv:1: this is a Google Contacts export, not an Outlook one; "
        "leave out --format, or give --format google"
    )


@pytest.mark.parametrize("fmt", ["google", "outlook"])
@pytest.mark.parametrize(
    "header",
    ["First Name,Last Name,Email,Phone", "Name,Notes", "Vorname;Nachname;E-Mail;Telefon"],
)
def test_a_header_without_any_column_of_the_formats_own_is_refused(fmt, header):
    called = {"google": "Google Contacts", "outlook": "Outlook"}[fmt]
    with pytest.raises(SourceError, match=rf"^x\.csv:1: no {called} header line"):
        read(f"{header}\nAnn,Lee,ann@example.org,1\n", fmt, "x.csv")


@pytest.mark.parametrize(
    "fmt, text",
    [
        ("google", "Name,E-mail 1 - Value\nAnn Lee,ann@example.org\n"),
        ("google", "Given Name,Family Name\nAnn,Lee\n"),
        ("outlook", "First Name,Last Name,Mobile Phone\nAnn,Lee,+49 431 1\n"),
        ("outlook", "Vorname;Nachname;Telefon geschäftlich\nAnn;Lee;+49 431 1\n"),
    ],
)
def test_a_header_with_a_column_of_the_formats_own_is_read(fmt, text):
    (ann,) = read(text, fmt, "x.csv")
    assert ann.name == "Ann Lee"


def test_a_csv_that_breaks_names_its_line():
    with pytest.raises(SourceError, match=r"^x\.csv:3: not valid CSV: field larger than field limit"):
        read("Name,Labels,Notes\nAnn,,kurz\nBo,," + "x" * 200_000 + "\n", "google", "x.csv")


# The accounting: every value of the source is somewhere in its Record.

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PROPERTY_LINE = re.compile(
    r'(?:[\w-]+\.)?(?P<name>[\w-]+)(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>.*)'
)
LEFT_OUT_COLUMNS = {"Photo": "photo"}


def csv_sources(name, fmt):
    """Per row, its non-empty cells as (header, value): read with the csv module alone."""
    text, _ = decode((IMPORTS / name).read_bytes(), name)
    lines = text.splitlines(keepends=True)
    start = (
        next(i for i, line in enumerate(lines) if line.startswith("First Name")) if fmt == "linkedin" else 0
    )
    delimiter = max(",;\t", key=lines[start].count)
    header, *rows = csv.reader(io.StringIO("".join(lines[start:])), delimiter=delimiter)
    return [[(h.strip(), v.strip()) for h, v in zip(header, row) if v.strip()] for row in rows if any(row)]


def vcard_sources(name):
    """Per card, its properties as (NAME, value): unfolded, quoted-printable decoded."""
    logical = []
    for line in (IMPORTS / name).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n"):
        if logical and logical[-1].endswith("=") and "QUOTED-PRINTABLE" in logical[-1].upper():
            logical[-1] = logical[-1][:-1] + line
        elif logical and line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    cards, properties = [], []
    for line in logical:
        if line.upper() == "BEGIN:VCARD":
            properties = []
        elif line.upper() == "END:VCARD":
            cards.append(properties)
        elif line.strip():
            found = PROPERTY_LINE.fullmatch(line)
            assert found, line
            params, value = found["params"].upper(), found["value"]
            if "QUOTED-PRINTABLE" in params:
                charset = re.search(r"CHARSET=([\w-]+)", params)
                value = quopri.decodestring(value.encode()).decode(charset[1] if charset else "utf-8")
            if omitted := re.search(r"X-APPLE-OMIT-YEAR=(\d{4})", params):  # Apple's "no year"
                value = re.sub(f"^{omitted[1]}-", "--", value)
            properties.append((found["name"].upper(), value))
    return cards


def pieces(value, vcard):
    """The parts of a value a reader may have put in different places."""
    if vcard:
        parts = re.split(r"(?<!\\)[;,]", value)
        parts = [re.sub(r"\\([nN])", "\n", part) for part in parts]
        parts = [re.sub(r"\\(.)", r"\1", part) for part in parts]
    else:
        parts = re.split(r"\n| ::: |;|, ", value)
    return [piece.strip() for part in parts for piece in part.splitlines() if piece.strip()]


def as_iso(piece):
    """A date as the Record writes it, or None when `piece` is no date."""
    if found := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(T.*)?", piece):
        return f"{found[1]}-{found[2]}-{found[3]}"
    if found := re.fullmatch(r"--(\d{2})-?(\d{2})", piece):
        return f"--{found[1]}-{found[2]}"
    if found := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", piece):
        return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}"
    if found := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", piece):
        return f"{found[3]}-{int(found[1]):02d}-{int(found[2]):02d}"
    if found := re.fullmatch(r"(\d{2}) (\w{3}) (\d{4})", piece):
        return f"{found[3]}-{MONTHS.index(found[2]) + 1:02d}-{found[1]}"
    return None


def everything_in(record):
    """All the text of a Record but where it came from, what it left out and what it could not read."""
    found = []

    def add(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, Birthday):
            found.append(value.iso())
        elif isinstance(value, date):
            found.append(value.isoformat())
        elif isinstance(value, Related):
            add(value.value)
            add(value.kind)
        elif isinstance(value, tuple):
            for item in value:
                add(item)

    for item in fields(record):
        if item.name not in ("where", "left_out", "unreadable"):
            add(getattr(record, item.name))
    return "\n".join(found).casefold()


def assert_accounted(record, key, value, vcard, left_out_field):
    if left_out_field:
        assert left_out_field in [field for field, _ in record.left_out], (record.where, key)
        return
    text = everything_in(record)
    for piece in pieces(value, vcard):
        if key in ("Labels", "Group Membership") and piece.lstrip("* ").replace(" ", "").casefold() in (
            google.IGNORED_LABELS
        ):
            continue
        expected = as_iso(piece) or piece
        assert expected.casefold() in text, f"{record.where}: {key} {piece!r} is in no field"


CSV_IGNORED = {
    "linkedin": lambda header, value: header in linkedin.IGNORED_COLUMNS,
    "google": lambda header, value: bool(google.IGNORED_COLUMNS.fullmatch(header)),
    "outlook": outlook.ignored,
}


@pytest.mark.parametrize("name", CSV_FIXTURES)
def test_every_cell_of_a_csv_lands_in_its_record(name):
    fmt = CSV_FIXTURES[name]
    found = records(name)
    rows = csv_sources(name, fmt)
    assert len(found) == len(rows)
    for record, cells in zip(found, rows):
        assert record.unreadable == ()
        for header, value in cells:
            if not CSV_IGNORED[fmt](header, value):
                assert_accounted(record, header, value, False, LEFT_OUT_COLUMNS.get(header))


@pytest.mark.parametrize("name", VCARD_FIXTURES)
def test_every_property_of_a_vcard_lands_in_its_record(name):
    found = records(name)
    cards = vcard_sources(name)
    assert len(found) == len(cards)
    for record, properties in zip(found, cards):
        assert record.unreadable == ()
        for key, value in properties:
            if key not in vcards.IGNORED_PROPERTIES and vcards.NO_VALUE.get(key) != value:
                left_out = vcardlines.LEFT_OUT.get(key)
                assert_accounted(record, key, value, True, left_out[0] if left_out else None)


# Nothing dated that the source did not date.

DATED_BY = {
    "birthday": r"BIRTHDAY|GEBURTSTAG|BDAY",
    "anniversary": r"ANNIVERSARY|JAHRESTAG|X-ABDATE|EVENT \d+ - VALUE",
    "met": r"X-VAULTKIT-MET|X-ABDATE|EVENT \d+ - VALUE",
    "connected": r"CONNECTED ON|X-VAULTKIT-CONNECTED",
}


def sources_of(name):
    if name in CSV_FIXTURES:
        return csv_sources(name, CSV_FIXTURES[name])
    return vcard_sources(name)


@pytest.mark.parametrize("name", [*CSV_FIXTURES, *VCARD_FIXTURES])
def test_no_record_has_a_date_its_source_does_not_give(name):
    for record, given in zip(records(name), sources_of(name)):
        for field, keys in DATED_BY.items():
            if getattr(record, field) is not None:
                assert any(
                    re.fullmatch(keys, key.upper()) and value not in outlook.NO_DATE for key, value in given
                ), f"{record.where}: {field} without a date in the source"


def test_only_the_sources_that_say_so_give_met_or_connected():
    met = {r.where for name in [*CSV_FIXTURES, *VCARD_FIXTURES] for r in records(name) if r.met}
    assert met == {"vaultkit4.vcf:1", "iphone.vcf:39", "google_current.csv:2"}
    connected = {r.where.split(":")[0] for name in CSV_FIXTURES for r in records(name) if r.connected}
    assert connected == {"Connections.csv", "linkedin_urls.csv"}


def test_a_card_of_an_organisation_is_no_person():
    (org,) = read(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Werft Nord GmbH\r\nEND:VCARD\r\n", "vcard", "k.vcf"
    )
    assert org.name == ""
    assert ("name", "the card is of an organisation (KIND:org), not of a person") in org.unreadable


def test_an_icloud_group_card_is_no_person():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17.4//EN\r\nN:Familie\r\nFN:Familie\r\n"
        "X-ADDRESSBOOKSERVER-KIND:group\r\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:6a4f1c2e-0000-4000-8000-000000000001\r\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:6a4f1c2e-0000-4000-8000-000000000002\r\n"
        "REV:2024-05-01T10:00:00Z\r\nUID:6a4f1c2e-0000-4000-8000-0000000000ff\r\nEND:VCARD\r\n"
    )
    (group,) = read(text, "vcard", "g.vcf")
    assert group.name == ""
    why = "the card is of a group (X-ADDRESSBOOKSERVER-KIND:group), not of a person"
    assert ("name", why) in group.unreadable


def test_apples_kind_of_a_person_is_no_detail():
    (person,) = read(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nX-ADDRESSBOOKSERVER-KIND:individual\r\nEND:VCARD\r\n",
        "vcard",
        "p.vcf",
    )
    assert (person.name, person.details, person.unreadable) == ("Ada", (), ())


def test_name_parts_the_full_name_spells_with_accents_are_no_details():
    (card,) = read(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiss;Jurgen;;;\r\nFN:Jürgen Weiß\r\nEND:VCARD\r\n", "vcard", "n.vcf"
    )
    assert (card.name, card.details) == ("Jürgen Weiß", ())
    (other,) = read(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiss;Jurgen;Karl;;\r\nFN:Jürgen Weiß\r\nEND:VCARD\r\n",
        "vcard",
        "n.vcf",
    )
    assert other.details == (("Middle name", "Karl"),)
