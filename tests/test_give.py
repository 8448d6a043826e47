"""Give first: which needs you or a contact of yours can meet, and whom you only took from."""

from datetime import date

from tests.conftest import person
from vaultkit.activity import gather
from vaultkit.index import load_index
from vaultkit.reports.network.give import give, ideas, strongest

TODAY = date(2026, 11, 21)
ME = '[me]\nnote = "Me.md"\n'


def found(vault, files, focus=None):
    index = load_index(vault({".vaultkit.toml": ME, **files}))
    return [
        (
            idea.kind,
            idea.contact.id,
            idea.score,
            idea.need,
            idea.offer,
            idea.other and idea.other.id,
            idea.mutual,
        )
        for idea in ideas(index, gather(index, TODAY), focus)
    ]


def test_a_need_you_offer_comes_before_the_same_need_met_by_someone_else(vault):
    files = {
        "Me.md": "---\noffers: [Fotografie]\n---\n",
        "People/Anna.md": person(needs="[Fotos, Fotografie]"),
        "People/Nadine.md": person(offers="[Fotografie]"),
    }
    assert found(vault, files) == [
        ("offer", "Anna", 5, "Fotografie", "Fotografie", None, False),
        ("intro", "Anna", 3, "Fotografie", "Fotografie", "Nadine", False),
    ]


def test_an_introduction_that_helps_both_sides_is_listed_once_and_first(vault):
    files = {
        "Me.md": "# Me\n",
        "People/Jürgen.md": person(needs="[Pressekontakte]", offers="[Ausstellungsort]"),
        "People/Hannah.md": person(needs="[Ausstellungsorte]", offers="[Pressekontakte]"),
        "People/Carla.md": person(needs="[Pressekontakte]"),
    }
    result = found(vault, files)
    assert result[0][:2] == ("intro", "Hannah") and result[0][5:] == ("Jürgen", True) and result[0][2] == 6
    assert [row[1] for row in result] == ["Hannah", "Carla"]
    # From Jürgen's side, the same introduction is his.
    assert found(vault, files, "Jürgen") == [
        ("intro", "Jürgen", 6, "Pressekontakte", "Pressekontakte", "Hannah", True)
    ]


def test_people_who_know_each_other_need_no_introduction_and_the_archived_get_no_ideas(vault):
    files = {
        "Me.md": "---\noffers: [Lektorat]\n---\n",
        "People/Carla.md": person(needs="[Illustration]", knows='["[[Marie]]"]'),
        "People/Marie.md": person(offers="[Illustration]"),
        "People/Old.md": person(needs="[Lektorat]", status="archived"),
    }
    assert found(vault, files) == []


def test_the_people_you_only_took_from_are_for_giving_back_the_more_they_gave_the_sooner(vault):
    files = {
        "Me.md": "# Me\n",
        "People/Felix.md": person("- 2026-08-30 sailing: took me along #got\n"),
        "People/Mehmet.md": person(
            "- 2026-02-14 coffee #got\n- 2026-01-10 beans #got\n- 2025-12-01 tea #got\n"
        ),
        "People/Even.md": person("- 2026-02-14 coffee #got\n- 2026-03-01 sent a book #gave\n"),
    }
    assert [(kind, who, score) for kind, who, score, *_ in found(vault, files)] == [
        ("give_back", "Mehmet", 5),
        ("give_back", "Felix", 3),
    ]


def test_without_an_owner_note_only_introductions_and_giving_back_are_ideas(vault):
    index = load_index(
        vault(
            {
                "People/Anna.md": person(needs="[Fotografie]"),
                "People/Nadine.md": person(offers="[Fotografie]"),
            }
        )
    )
    assert [idea.kind for idea in ideas(index, gather(index, TODAY))] == ["intro"]


def test_the_strongest_idea_of_a_mutual_introduction_is_each_sides_own(vault):
    index = load_index(
        vault(
            {
                ".vaultkit.toml": ME,
                "Me.md": "# Me\n",
                "People/Jürgen.md": person(needs="[Pressekontakte]", offers="[Ausstellungsort]"),
                "People/Hannah.md": person(needs="[Ausstellungsorte]", offers="[Pressekontakte]"),
            }
        )
    )
    best = strongest(ideas(index, gather(index, TODAY)))
    assert (best["Hannah"].need, best["Hannah"].other.id, best["Hannah"].their_need) == (
        "Ausstellungsorte",
        "Jürgen",
        "Pressekontakte",
    )
    assert (best["Jürgen"].need, best["Jürgen"].other.id, best["Jürgen"].their_offer) == (
        "Pressekontakte",
        "Hannah",
        "Ausstellungsort",
    )
    assert best["Jürgen"] == ideas(index, gather(index, TODAY), "Jürgen")[0]


def test_a_limit_keeps_the_best_ideas_and_counts_the_rest(vault):
    index = load_index(
        vault(
            {
                ".vaultkit.toml": ME,
                "Me.md": "---\noffers: [Fotografie]\n---\n",
                "People/Anna.md": person(needs="[Fotografie]"),
                "People/Felix.md": person("- 2026-08-30 sailing #got\n"),
            }
        )
    )
    limited = give(index, gather(index, TODAY), limit=1)
    assert [idea.contact.id for idea in limited.ideas] == ["Anna"] and limited.more == 1
    assert limited.as_json()["more"] == 1 and limited.as_json()["offers"] == ["Fotografie"]
