"""How a typed name finds its contact: one rule for show, log, set, snooze, event and the rest."""

import json

import pytest
from click.testing import CliRunner

from tests.conftest import person
from vaultkit.cli import cli
from vaultkit.index import load_index
from vaultkit.values import lookup, name_key, one_edit_apart

PEOPLE = {
    "People/Jürgen Groß.md": person(),
    "People/Paul Weber.md": person(),
    "People/Paula Schmidt.md": person(),
    "People/Anna Berg.md": person(),
    "People/Anna Kurz.md": person(),
    "People/Jürgen Hoffmann.md": person(aliases="[Jogi]"),
}


@pytest.fixture
def index(vault):
    return load_index(vault(PEOPLE))


@pytest.mark.parametrize(
    "typed",
    ["Jürgen Groß", "Groß, Jürgen", "groß jürgen", "Gross, Jurgen", "gross jurgen", "GROSS,JURGEN"],
)
def test_the_family_name_first_with_or_without_a_comma_finds_the_contact(index, typed):
    assert lookup(index, typed) == ("Jürgen Groß",)


def test_folding_makes_ss_of_sz_but_no_ue_of_u_umlaut(index):
    assert lookup(index, "Gross Jürgen") == ("Jürgen Groß",)
    assert lookup(index, "Groß Juergen") == ()


def test_a_first_name_only_one_contact_has_finds_them_even_when_it_starts_another_name(index):
    assert lookup(index, "Paul") == ("Paul Weber",)
    assert lookup(index, "paul") == lookup(index, "Paul", by_word_start=True) == ("Paul Weber",)
    assert lookup(index, "Weber") == ("Paul Weber",)


def test_a_first_name_two_contacts_have_is_ambiguous(index):
    assert lookup(index, "Anna") == ("Anna Berg", "Anna Kurz")
    assert lookup(index, "Anna", by_word_start=True) == ("Anna Berg", "Anna Kurz")


def test_every_typed_word_must_be_a_whole_word_of_one_name_or_alias(index):
    assert lookup(index, "Paul Schmidt") == ()
    assert lookup(index, "Jogi Hoffmann") == ()  # an alias and a name are not one name
    assert lookup(index, "Jürgen") == ("Jürgen Groß", "Jürgen Hoffmann")


def test_word_starts_are_only_for_commands_that_read(index):
    assert lookup(index, "hoff") == ()
    assert lookup(index, "hoff", by_word_start=True) == ("Jürgen Hoffmann",)
    assert lookup(index, "pau", by_word_start=True) == ("Paul Weber", "Paula Schmidt")


def test_an_earlier_step_decides_before_a_later_one(vault):
    index = load_index(
        vault(
            {
                "People/Paul.md": person(),
                "People/Paul Weber.md": person(),
                "People/Paul Weber Junior.md": person(),
            }
        )
    )
    assert lookup(index, "paul") == ("Paul",)  # the file name, not every Paul
    assert lookup(index, "Weber, Paul") == ("Paul Weber",)  # the same words, not all that have them
    assert lookup(index, "Junior") == ("Paul Weber Junior",)


def test_nothing_typed_finds_nobody(index):
    assert lookup(index, "") == lookup(index, " , ") == lookup(index, ",", by_word_start=True) == ()


def test_each_index_is_looked_up_in_its_own_names(vault, tmp_path):
    first = load_index(vault({"People/Paul Weber.md": person()}))
    assert lookup(first, "Paul") == ("Paul Weber",)
    other = tmp_path / "other"
    (other / "People").mkdir(parents=True)
    (other / "People" / "Paul Meier.md").write_text(person(), encoding="utf-8")
    second = load_index(other)
    assert lookup(second, "Paul") == ("Paul Meier",)
    assert lookup(first, "Paul") == ("Paul Weber",)


def test_name_key_ignores_order_case_accents_and_commas():
    assert name_key("Lefèvre, Marie") == name_key("marie  LEFEVRE") == "lefevre marie"


@pytest.mark.parametrize(
    "a, b",
    [
        ("anna meyer", "anna mayer"),  # a letter for another
        ("anna meyer", "anna meyers"),  # one more
        ("anna meyer", "ana meyer"),  # one less
        ("anna meyer", "anna myeer"),  # two neighbours swapped
        ("birtday", "birthday"),
        ("ab", "ba"),
    ],
)
def test_one_edit_apart(a, b):
    assert one_edit_apart(a, b) and one_edit_apart(b, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("anna meyer", "anna meyer"),  # the same
        ("anna meyer", "anne mayer"),  # two letters
        ("anna meyer", "anna meyerin"),
        ("anna meyer", "anna eymer"),  # a swap of letters that are not neighbours
        ("ab", "ca"),  # two letters changed, not swapped
        ("abc", "bca"),
    ],
)
def test_not_one_edit_apart(a, b):
    assert not one_edit_apart(a, b) and not one_edit_apart(b, a)


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), *args])


@pytest.mark.parametrize(
    "typed, contact",
    [
        ("Groß, Jürgen", "Jürgen Groß"),
        ("gross jurgen", "Jürgen Groß"),
        ("Paul", "Paul Weber"),
        ("hoff", "Jürgen Hoffmann"),
    ],
)
def test_show_finds_the_family_name_first_a_unique_first_name_and_a_word_start(vault, typed, contact):
    result = run(vault(PEOPLE), "show", typed, "--today", "2026-11-21", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)["contact"]) == (0, contact)


def test_show_of_a_first_name_two_contacts_have_lists_both(vault):
    result = run(vault(PEOPLE), "show", "Anna")
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: 'Anna' is ambiguous; it may mean:\n"
        "  Anna Berg (People/Anna Berg.md)\n  Anna Kurz (People/Anna Kurz.md)\n",
    )


@pytest.mark.parametrize(
    "typed, path", [("Groß, Jürgen", "People/Jürgen Groß.md"), ("Paul", "People/Paul Weber.md")]
)
def test_log_writes_to_the_contact_a_family_name_first_or_a_unique_first_name_means(vault, typed, path):
    root = vault(PEOPLE)
    result = run(root, "log", "--today", "2026-11-21", typed, "Kaffee")
    assert result.exit_code == 0, result.output
    assert "- 2026-11-21 Kaffee" in (root / path).read_text(encoding="utf-8")


def test_log_never_guesses_by_word_starts_nor_picks_one_of_two(vault):
    root = vault(PEOPLE)
    before = {path: (root / path).read_bytes() for path in PEOPLE}
    result = run(root, "log", "--today", "2026-11-21", "hoff", "Kaffee")
    assert (result.exit_code, result.output) == (
        1,
        "vaultkit: no contact named 'hoff'; did you mean Jürgen Hoffmann?\n",
    )
    result = run(root, "log", "--today", "2026-11-21", "Anna", "Kaffee")
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "vaultkit: 'Anna' is ambiguous; it may mean:",
    )
    assert {path: (root / path).read_bytes() for path in PEOPLE} == before


EVENT_NAMES = ["Groß, Jürgen", "Paul", "Anna", "Paula", "Hoff", "Tobias Berg"]
EVENT_STATUSES = [
    ("Groß, Jürgen", "contact", "Jürgen Groß", []),
    ("Paul", "contact", "Paul Weber", []),
    ("Anna", "ambiguous", None, ["Anna Berg", "Anna Kurz"]),
    ("Paula", "contact", "Paula Schmidt", []),
    ("Hoff", "unknown", None, []),
    ("Tobias Berg", "unknown", None, []),
]


@pytest.mark.parametrize(
    "name, text",
    [
        ("guests.txt", "".join(f"{name}\n" for name in EVENT_NAMES)),
        ("guests.csv", "Name,Email\n" + "".join(f'"{name}",\n' for name in EVENT_NAMES)),
        ("guests.csv", "Name;E-Mail\n" + "".join(f"{name};\n" for name in EVENT_NAMES)),
    ],
)
def test_event_finds_attendees_as_show_does_but_never_by_word_starts(vault, tmp_path, name, text):
    guest_list = tmp_path / name
    guest_list.write_text(text, encoding="utf-8")
    result = run(vault(PEOPLE), "event", str(guest_list), "--today", "2026-11-21", "--format", "json")
    attendees = json.loads(result.stdout)["attendees"]
    assert [(a["name"], a["status"], a["contact"], a["candidates"]) for a in attendees] == EVENT_STATUSES
