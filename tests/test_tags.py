from datetime import date

from tests.test_agenda import person
from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.tags import tags

TODAY = date(2026, 11, 21)


def report(vault, files):
    root = vault(files)
    index = load_index(root)
    return tags(index, gather(index, TODAY), load_config(root))


def counts(result):
    return {t.tag: t.count for t in result.tags}


def test_each_tag_counts_its_members_in_name_order(vault):
    result = report(
        vault,
        {
            "People/B.md": person(name="Bea", tags="[kiel, segeln]"),
            "People/A.md": person(name="Ann", tags="[kiel]"),
        },
    )
    assert counts(result) == {"kiel": 2, "segeln": 1}
    assert [m.contact for m in result.tags[0].members] == ["A", "B"]


def test_nested_tags_count_for_their_parents_once(vault):
    result = report(
        vault,
        {
            "People/A.md": person(tags="[kunst/malerei/aquarell, kunst]"),
            "People/B.md": person(tags="['#kunst/foto']"),
        },
    )
    assert counts(result) == {"kunst": 2, "kunst/foto": 1, "kunst/malerei": 1, "kunst/malerei/aquarell": 1}


def test_tags_differing_only_by_case_or_accents_are_variants(vault):
    result = report(
        vault,
        {
            "People/A.md": person(tags="[Kunst, kiel]"),
            "People/B.md": person(tags="[kunst]"),
            "People/C.md": person(tags="[künst/malerei]"),
        },
    )
    assert counts(result) == {"kiel": 1, "Kunst": 1, "kunst": 1, "künst": 1, "künst/malerei": 1}
    assert result.variants == (("Kunst", "kunst", "künst"),)


def test_contacts_without_tags_are_listed_and_the_contact_marker_tag_is_no_tag(vault):
    result = report(
        vault,
        {
            "People/A.md": person(tags="[kiel]"),
            "People/B.md": person(),
            "Work/C.md": person(tags="[person]"),
            "Work/D.md": person(tags="[person/client, kiel]"),
        },
    )
    assert counts(result) == {"kiel": 2}
    assert [m.contact for m in result.untagged] == ["B", "C"]


def test_overdue_members_and_the_most_recent_interaction(vault):
    result = report(
        vault,
        {
            "People/Late.md": person(tags="[kiel]", circle="close", last_contact="2026-01-01"),
            "People/Recent.md": person(tags="[kiel]", circle="close", last_contact="2026-11-01"),
            "People/Snoozed.md": person(
                tags="[kiel]", circle="close", last_contact="2025-01-01", snooze_until="2027-01-01"
            ),
            "Daily/2026-11-20.md": "Lunch with [[Recent]].\n",
        },
    )
    (kiel,) = result.tags
    assert kiel.overdue == 1  # a snoozed contact is not overdue however long the silence
    assert (kiel.last_interaction.date, kiel.last_with.contact) == (date(2026, 11, 20), "Recent")


def test_json_follows_the_contract(vault):
    document = report(
        vault,
        {
            "People/A.md": person(tags="[Kiel]", circle="close", last_contact="2026-01-01"),
            "People/B.md": person(tags="[kiel]"),
            "People/C.md": person(),
        },
    ).as_json()
    assert document == {
        "schema": "vaultkit.tags/1",
        "today": "2026-11-21",
        "tags": [
            {
                "tag": "Kiel",
                "count": 1,
                "members": ["A"],
                "overdue": 1,
                "last_interaction": "2026-01-01",
                "last_interaction_with": "A",
            },
            {
                "tag": "kiel",
                "count": 1,
                "members": ["B"],
                "overdue": 0,
                "last_interaction": None,
                "last_interaction_with": None,
            },
        ],
        "untagged": ["C"],
        "variants": [["Kiel", "kiel"]],
    }
