from datetime import date

import pytest

from tests.conftest import EXAMPLE_VAULT
from vaultkit.activity import gather
from vaultkit.index import load_index
from vaultkit.parse.markdown import in_code_blocks
from vaultkit.place import find_vault
from vaultkit.values import resolve


def codes(index):
    return {(d.path, d.code) for d in index.diagnostics}


def test_contacts_by_folder_categories_and_tags(vault):
    index = load_index(
        vault(
            {
                "People/Anna.md": "# Anna\n",
                "People/Deep/Ben.md": "---\nname: Ben Berger\n---\n",
                "Notes/Carla.md": "---\ncategories: ['[[People]]']\n---\n",
                "Notes/Dora.md": "---\ntags: [person]\n---\n",
                "Notes/Emil.md": "---\ntags: ['#person/friend']\n---\n",
                "Notes/Project.md": "---\ncategories: ['[[Projects]]']\ntags: [work]\n---\n",
            }
        )
    )
    assert sorted(index.contacts) == ["Anna", "Ben", "Carla", "Dora", "Emil"]
    assert index.files == 6
    assert index.contacts["Ben"].name == "Ben Berger"


def test_templates_hidden_and_report_folders_are_skipped(vault):
    index = load_index(
        vault(
            {
                "Templates/Contact.md": "---\nname: {{title}}\ntags: [person]\n---\n",
                ".obsidian/People/Ghost.md": "# ghost\n",
                ".trash/People/Old.md": "# old\n",
                "People/.hidden.md": "# hidden\n",
                "_vaultkit/Agenda.md": "---\ntags: [person]\n---\n",
                "People/Real.md": "# Real\n",
                "People/notes.txt": "not markdown",
            }
        )
    )
    assert list(index.contacts) == ["Real"]
    assert index.files == 1
    assert not index.diagnostics


def test_broken_note_is_reported_and_the_rest_is_indexed(vault):
    index = load_index(
        vault(
            {
                "People/Broken.md": "---\nname: [unclosed\n---\n",
                "People/Fine.md": "---\nname: Fine\nlast_contact: 2026-01-02\n---\n",
                "Daily/2026-01-03.md": b"caf\xe9 [[Fine]]\n",
            }
        )
    )
    assert codes(index) == {("People/Broken.md", "yaml-syntax"), ("Daily/2026-01-03.md", "not-utf8")}
    assert index.contacts["Fine"].last_contact == date(2026, 1, 2)
    assert index.contacts["Broken"].name == "Broken"


def test_lookup_is_case_and_accent_insensitive_by_id_name_and_alias(vault):
    index = load_index(
        vault(
            {
                "People/Jürgen Hoffmann.md": "---\naliases: [Jürgen, Jogi]\n---\n",
                "People/mlef.md": "---\nname: Marie Lefèvre\n---\n",
            }
        )
    )
    for typed in ("jurgen", "JÜRGEN", "Jürgen", "jürgen hoffmann", "JURGEN HOFFMANN", "jogi"):
        assert resolve(index, typed) == ("Jürgen Hoffmann",), typed
    assert resolve(index, "marie lefevre") == ("mlef",)
    assert resolve(index, "nobody") == ()


def test_shared_alias_is_ambiguous_and_reported(vault):
    index = load_index(
        vault(
            {
                "People/Marie Lefèvre.md": "---\naliases: [Marie]\n---\n",
                "People/Marie Curie.md": "---\naliases: [marie]\n---\n",
            }
        )
    )
    assert set(resolve(index, "Marie")) == {"Marie Lefèvre", "Marie Curie"}
    assert [(d.path, d.code, d.line) for d in index.diagnostics] == [
        ("People/Marie Lefèvre.md", "ambiguous-name", 2)
    ]


def test_an_id_always_means_its_own_contact(vault):
    index = load_index(
        vault(
            {
                "People/Paul.md": "# the real Paul\n",
                "People/Paul Weber.md": "---\naliases: [Paul]\n---\n",
            }
        )
    )
    assert resolve(index, "paul") == ("Paul",)
    assert [(d.path, d.code) for d in index.diagnostics] == [("People/Paul Weber.md", "ambiguous-name")]


def test_duplicate_ids_are_an_error_and_the_note_in_the_fewest_folders_wins(vault):
    index = load_index(
        vault(
            {
                "People/Alte/anna.md": "---\nrole: old\n---\n",
                "People/Anna.md": "---\nrole: current\n---\n",
                "People/Work/ANNA.md": "---\nrole: work\n---\n",
            }
        )
    )
    assert list(index.contacts) == ["Anna"]
    assert index.contacts["Anna"].role == "current"
    assert index.left_out == {"Anna": ("People/Alte/anna.md", "People/Work/ANNA.md")}
    assert codes(index) == {("People/Alte/anna.md", "duplicate-id"), ("People/Work/ANNA.md", "duplicate-id")}


def test_of_duplicate_ids_in_as_many_folders_the_first_path_wins(vault):
    index = load_index(
        vault(
            {
                "People/Work/anna.md": "---\nrole: work\n---\n",
                "People/Alte/Anna.md": "---\nrole: old\n---\n",
            }
        )
    )
    assert index.contacts["Anna"].role == "old"
    assert index.left_out == {"Anna": ("People/Work/anna.md",)}


def test_a_note_left_out_as_a_duplicate_id_is_not_read_at_all(vault):
    index = load_index(
        vault(
            {
                "People/Tom.md": "---\nlast_contact: 2026-10-25\n---\n",
                "People/Sub/tom.md": "---\nlast_contact: 2026-11-10\n---\n"
                "- [ ] call [[Tom]] 📅 2026-12-01\n- [x] met [[Tom]] ✅ 2026-11-12\n",
            }
        )
    )
    assert [note.path for note in index.notes] == ["People/Tom.md"]
    activity = gather(index, date(2026, 11, 21)).of("Tom")
    assert [(i.date, i.source) for i in activity.interactions] == [(date(2026, 10, 25), "People/Tom.md")]
    assert activity.follow_ups == []


def test_dated_notes_by_property_or_file_name(vault):
    index = load_index(
        vault(
            {
                "Daily/2026-11-03.md": "text\n",
                "Meetings/Kickoff.md": "---\ndate: 2026-10-14\n---\n",
                "Meetings/2026-11-05 Stammtisch.md": "text\n",
                "Notes/Ideas.md": "text\n",
                "Meetings/Bad.md": "---\ndate: someday\n---\n",
            }
        )
    )
    dates = {note.path: note.date for note in index.notes}
    assert dates == {
        "Daily/2026-11-03.md": date(2026, 11, 3),
        "Meetings/Kickoff.md": date(2026, 10, 14),
        "Meetings/2026-11-05 Stammtisch.md": date(2026, 11, 5),
        "Notes/Ideas.md": None,
        "Meetings/Bad.md": None,
    }
    assert codes(index) == {("Meetings/Bad.md", "bad-date")}


def test_the_index_keeps_the_properties_of_contacts_and_of_notes_that_say_they_are_none(vault):
    index = load_index(
        vault(
            {
                "People/Bo.md": "---\nrole: painter\n---\n",
                "Meetings/Kickoff.md": "---\ndate: 2026-10-14\nattendees: ['[[Bo]]']\ntopic: plans\n---\n",
                "Notes/Acme.md": "---\nkind: org\ntags: [person]\n---\n",
            }
        )
    )
    properties = {note.path: note.properties for note in index.notes}
    assert properties == {
        "People/Bo.md": {"role": "painter"},
        "Meetings/Kickoff.md": {},  # read for its date and the people it names, then dropped
        "Notes/Acme.md": {"kind": "org", "tags": ["person"]},  # `check` counts it as left out
    }
    (meeting,) = [note for note in index.notes if note.path == "Meetings/Kickoff.md"]
    assert (meeting.date, [mention.target for mention in meeting.mentions]) == (date(2026, 10, 14), ["Bo"])


def test_a_contact_keeps_the_keys_its_fields_were_written_as_where_they_are_not_the_fields_names(vault):
    index = load_index(
        vault(
            {
                "People/Bo.md": "---\nrole: painter\nbirthday: 1990-01-02\n---\n",
                "People/Cy.md": "---\nRole: painter\nGeburtstag: 1990-01-02\n---\n",
            }
        )
    )
    assert index.contacts["Bo"].written_as == {}
    assert index.contacts["Cy"].written_as == {"role": "Role", "birthday": "Geburtstag"}
    assert index.contacts["Cy"].birthday == index.contacts["Bo"].birthday


def test_log_entries_with_kind_and_give_take_marks(vault):
    index = load_index(
        vault(
            {
                "People/A.md": "# A\n\n## Log\n- 2026-03-03 call: idea #gave\n"
                "- 2026-01-10 coffee: intro to Paul #got\n"
                "- 2026-01-01 met at the fair #gavel\n"
            }
        )
    )
    log = index.contacts["A"].log
    assert [(e.date, e.kind, e.text, e.line, e.gave, e.got) for e in log] == [
        (date(2026, 3, 3), "call", "idea #gave", 4, True, False),
        (date(2026, 1, 10), "coffee", "intro to Paul #got", 5, False, True),
        (date(2026, 1, 1), None, "met at the fair #gavel", 6, False, False),
    ]


def test_configured_log_heading_and_marks(vault):
    index = load_index(
        vault(
            {
                ".vaultkit.toml": '[log]\nheading = "Kontakte"\ngave = "#gegeben"\n',
                "People/A.md": "# A\n## Kontakte\n- 2026-03-03 Anruf: Idee #gegeben\n## Log\n- 2026-04-04 not here\n",
            }
        )
    )
    [entry] = index.contacts["A"].log
    assert (entry.date, entry.kind, entry.gave) == (date(2026, 3, 3), "Anruf", True)


def test_a_log_inside_a_code_block_is_an_example_not_the_notes_log(vault):
    index = load_index(
        vault(
            {
                "People/A.md": "# A\n```markdown\n## Log\n- 2026-01-01 call: example\n```\n"
                "## Log\n- 2026-02-02 call: real\n~~~\n- 2026-03-03 in code\n~~~\n"
            }
        )
    )
    assert [(e.date, e.text) for e in index.contacts["A"].log] == [(date(2026, 2, 2), "real")]


@pytest.mark.parametrize(
    "lines, flags",
    [
        (["a", "```py", "b", "```", "c"], [False, True, True, True, False]),
        (["~~~~", "```", "~~~", "~~~~", "d"], [True, True, True, True, False]),  # only a fence as long closes
        (["```", "``` not a fence", "```"], [True, True, True]),
        (["    ```", "e"], [False, False]),  # indented four spaces: code by indentation, not a fence
        (["```", "f"], [True, True]),  # never closed: to the end
    ],
)
def test_code_blocks_open_and_close_as_commonmark_fences_do(lines, flags):
    assert in_code_blocks(lines) == flags


def test_find_vault_prefers_explicit_then_env_then_markers(tmp_path):
    marked = tmp_path / "vault"
    (marked / ".obsidian").mkdir(parents=True)
    inner = marked / "People" / "deep"
    inner.mkdir(parents=True)
    assert find_vault(inner) == marked.resolve()
    assert find_vault(inner, explicit=str(tmp_path)) == tmp_path.resolve()
    assert find_vault(inner, env=str(tmp_path)) == tmp_path.resolve()
    plain = tmp_path / "plain"
    plain.mkdir()
    assert find_vault(plain) == plain.resolve()


def test_example_vault_indexes_with_only_its_deliberate_problems():
    index = load_index(EXAMPLE_VAULT)
    assert len(index.contacts) >= 24
    errors = {d.path for d in index.diagnostics if d.severity == "error"}
    assert errors == {"People/Broken Example.md"}
