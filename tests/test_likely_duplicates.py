"""`check` warns about two contacts that may be one person: a shared email or phone number, or
names that are the same words in another order or one letter apart."""

import random
import string
import time

import pytest
from click.testing import CliRunner

from tests.conftest import person
from vaultkit.cli import cli
from vaultkit.index import build_index, likely_duplicates, load_index
from vaultkit.model import Contact, Note
from vaultkit.values import phone_key


def warnings(vault, files):
    return [d.format() for d in likely_duplicates(load_index(vault(files)))]


def test_two_contacts_with_one_email_are_one_warning_at_the_email_line_of_the_first(vault):
    found = warnings(
        vault,
        {
            "People/Anna Meyer.md": person(role="Ärztin", email="Anna@Example.org"),
            "People/A. Meyer.md": person(email="[x@y.org, anna@example.org]"),
        },
    )
    assert found == [
        "People/A. Meyer.md:2: warning likely-duplicate A. Meyer and Anna Meyer (People/Anna Meyer.md) "
        "share the email anna@example.org; the same person? Merge the notes"
    ]


@pytest.mark.parametrize(
    "one, other",
    [
        ("+49 431 5551818", "+49 (431) 555-1818"),
        ("+49 431 5551818", "0049 431 5551818"),
        ("0431 5551818", "0431/555 18 18"),
        ("tel:+49-431-5551818", "+494315551818"),
    ],
)
def test_phone_numbers_are_compared_by_their_digits(vault, one, other):
    found = warnings(
        vault,
        {"People/Bo Berg.md": person(phone=f"'{one}'"), "People/Cy Cole.md": person(phone=f"'{other}'")},
    )
    assert found == [
        f"People/Bo Berg.md:2: warning likely-duplicate Bo Berg and Cy Cole (People/Cy Cole.md) share the "
        f"phone number {one}; the same person? Merge the notes"
    ]


@pytest.mark.parametrize(
    "one, other",
    [
        ("+49 431 5551818", "0431 5551818"),  # the national prefix is not guessed
        ("+49 431 5551818", "+43 431 5551818"),
        ("12 34", "1234"),  # too short to tell anyone apart
    ],
)
def test_phone_numbers_that_may_differ_are_no_warning(vault, one, other):
    assert (
        warnings(
            vault, {"People/Bo.md": person(phone=f"'{one}'"), "People/Cy.md": person(phone=f"'{other}'")}
        )
        == []
    )


def test_phone_key():
    assert phone_key("+49 (431) 555-1818") == phone_key("0049 431 5551818") == "+494315551818"
    assert phone_key("0431 5551818") == "04315551818"
    assert phone_key("110") is None


def test_phone_key_drops_the_trunk_zero_written_after_the_country_code():
    key = phone_key("+49 431 5551010")
    assert phone_key("+49 (0)431 5551010") == phone_key("+49(0) 431 5551010") == key == "+494315551010"
    assert phone_key("0049 (0)431 5551010") == phone_key("tel:+49 (0) 431-5551010") == key
    # Without an international prefix, a (0) is not guessed at.
    assert phone_key("(0)431 5551010") == "04315551010"
    assert phone_key("+49 431 (0)5551010") == "+4943105551010"


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"People/Anna Meyer.md": person(), "People/Mayer.md": person(role="x", name="Anna Mayer")},
            "People/Anna Meyer.md:1: warning likely-duplicate Anna Meyer and Anna Mayer (People/Mayer.md)",
        ),
        (
            {
                "People/Mayer.md": person(role="x", name="Anna Mayer"),
                "People/Z.md": person(name="Anna Meyer"),
            },
            "People/Mayer.md:3: warning likely-duplicate Anna Mayer and Anna Meyer (People/Z.md)",
        ),
    ],
)
def test_names_one_letter_apart_are_a_warning_at_the_name_line_of_the_first(vault, files, expected):
    assert warnings(vault, files) == [
        f"{expected} differ by one letter; the same person? Merge the notes, keeping the other "
        "spelling as an alias"
    ]


@pytest.mark.parametrize(
    "one, other",
    [
        ("Jürgen Hoffmann", "Jurgen Hofmann"),  # accents do not count, one letter less does
        ("Katrin Vogel", "Kathrin Vogel"),
        ("Mehmet Yilmaz", "Mehmet Yimlaz"),  # two neighbours swapped
        ("Lukas Meyer", "Meyer, Lukas"),  # the same words in another order
    ],
)
def test_names_alike(vault, one, other):
    found = warnings(
        vault, {"People/One.md": person(name=f"'{one}'"), "People/Other.md": person(name=f"'{other}'")}
    )
    assert len(found) == 1
    assert found[0].startswith(
        f"People/One.md:2: warning likely-duplicate {one} and {other} (People/Other.md) "
    )


def test_same_words_in_another_order_say_so(vault):
    found = warnings(vault, {"People/Jürgen Groß.md": person(), "People/Groß Jürgen.md": person()})
    assert found == [
        "People/Groß Jürgen.md:1: warning likely-duplicate Groß Jürgen and Jürgen Groß (People/Jürgen Groß.md) "
        "are the same words in another order; the same person? Merge the notes, keeping the other spelling "
        "as an alias"
    ]


@pytest.mark.parametrize(
    "one, other",
    [
        ("Anna", "Anne"),  # too short: one letter apart from too many
        ("Bo Li", "Bo Lu"),
        ("Anna Meyer", "Anne Mayer"),  # two letters
        ("Anna Meyer 1", "Anna Meyer 2"),  # numbered on purpose
    ],
)
def test_names_not_alike_enough(vault, one, other):
    files = {"People/One.md": person(name=f"'{one}'"), "People/Other.md": person(name=f"'{other}'")}
    assert warnings(vault, files) == []


def test_one_warning_per_pair_whatever_they_share(vault):
    found = warnings(
        vault,
        {
            "People/Anna Meyer.md": person(email="a@x.org", phone="'+49 431 1234567'"),
            "People/Anna Mayer.md": person(email="a@x.org", phone="'0049 431 1234567'"),
            "People/Anna Meier.md": person(email="a@x.org"),
        },
    )
    assert found == [
        "People/Anna Mayer.md:2: warning likely-duplicate Anna Mayer and Anna Meier (People/Anna Meier.md) "
        "share the email a@x.org; the same person? Merge the notes",
        "People/Anna Mayer.md:2: warning likely-duplicate Anna Mayer and Anna Meyer (People/Anna Meyer.md) "
        "share the email a@x.org; the same person? Merge the notes",
        "People/Anna Meier.md:1: warning likely-duplicate Anna Meier and Anna Meyer (People/Anna Meyer.md) "
        "differ by one letter; the same person? Merge the notes, keeping the other spelling as an alias",
    ]


def test_two_contacts_of_one_name_are_ambiguous_not_likely_duplicates(vault):
    index = load_index(vault({"People/Anna Meyer.md": person(), "People/A.md": person(name="Anna Meyer")}))
    assert [d.code for d in index.diagnostics] == ["ambiguous-name"]
    assert likely_duplicates(index) == []


def test_check_warns_and_reports_do_not_count_the_notes_as_unread(vault):
    root = vault(
        {"People/Anna Meyer.md": person(last_contact="2026-11-01"), "People/Anna Mayer.md": person()}
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "check", "--today", "2026-11-21"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("People/Anna Mayer.md:1: warning likely-duplicate ")
    assert result.output.splitlines()[-1].endswith(": 0 errors, 1 warning")
    agenda = CliRunner().invoke(cli, ["--vault", str(root), "agenda", "--today", "2026-11-21"])
    assert agenda.stderr == ""


def test_ten_thousand_contacts_are_compared_without_comparing_every_pair():
    draw = random.Random(0)
    names = {"Anna Meyer", "Anna Mayer"}
    while len(names) < 10_000:
        last = "".join(draw.choice(string.ascii_lowercase) for _ in range(7))
        names.add(f"{draw.choice(['Anna', 'Paul', 'Marie', 'Lukas', 'Sophie', 'Felix'])} {last.capitalize()}")
    notes = []
    for number, name in enumerate(sorted(names)):
        contact = Contact(name, f"People/{name}.md", name, emails=(f"p{number}@x.org",))
        notes.append(Note(contact.path, contact.id, None, contact, {}))
    index = build_index("/vault", notes)
    started = time.perf_counter()
    found = likely_duplicates(index)
    assert time.perf_counter() - started < 5  # comparing every pair of names takes about a minute
    assert [d.path for d in found] == ["People/Anna Mayer.md"]
