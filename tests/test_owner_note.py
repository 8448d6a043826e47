"""The owner's own note (`[me] note`): not a contact, but the news, offers and needs that
reconnecting and giving first are written from; and how a contact is addressed in German."""

from datetime import date

from tests.conftest import person
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.model import News, Owner
from vaultkit.reports.common import unheard_news

ME = '[me]\nnote = "People/Ich.md"\n'


def owner_vault(vault, note: str, **more: str):
    return vault({".vaultkit.toml": ME, "People/Ich.md": note, **more})


def test_the_owner_note_is_no_contact_and_its_news_come_newest_first(vault):
    root = owner_vault(
        vault,
        "---\nname: Lena Hansen\noffers: [Fotografie, Python]\nneeds: [Segelkurs]\n---\n"
        "## Log\n- 2026-08-01 moved to the Wik #news\n- 2026-03-15 finished a photo course\n\n"
        "## News\n- 2026-11-20 talk accepted at PyCon DE\n- 2026-05-01: started at Stadtwerke Kiel\n",
        **{"People/Anna.md": person(name="Anna")},
    )
    index = load_index(root)
    assert "Ich" not in index.contacts and "Anna" in index.contacts
    owner = index.owner
    assert owner is not None
    assert (owner.name, owner.offers, owner.needs) == (
        "Lena Hansen",
        ("Fotografie", "Python"),
        ("Segelkurs",),
    )
    # A log entry without #news is the owner's log, not news; the tag is not part of the text.
    assert owner.news == (
        News(date(2026, 11, 20), "talk accepted at PyCon DE", 11),
        News(date(2026, 8, 1), "moved to the Wik", 7),
        News(date(2026, 5, 1), "started at Stadtwerke Kiel", 12),
    )


def test_german_news_headings_and_tags_are_news_too(vault):
    root = owner_vault(
        vault,
        "# Ich\n\n## Neuigkeiten\n- 21.11.2026 neue Stelle\n\n## Log\n- 2026-10-03 Halbmarathon #neuigkeit\n",
    )
    owner = load_index(root).owner
    assert owner is not None
    assert [(item.date, item.text) for item in owner.news] == [
        (date(2026, 11, 21), "neue Stelle"),
        (date(2026, 10, 3), "Halbmarathon"),
    ]


def test_undated_or_impossible_news_are_named_at_their_line_and_the_rest_is_read(vault):
    root = owner_vault(vault, "## News\n- sometime: new bike\n- 2026-02-30 leap day\n- 2026-01-02 new year\n")
    index = load_index(root)
    assert index.owner is not None
    assert [item.text for item in index.owner.news] == ["new year"]
    found = {(d.line, d.code) for d in index.diagnostics if d.path == "People/Ich.md"}
    assert found == {(2, "news-undated"), (3, "bad-date")}


def test_without_the_config_the_owner_note_is_a_contact_and_there_is_no_owner(vault):
    root = vault({"People/Ich.md": person(name="Lena", aliases="[Ich]")})
    index = load_index(root)
    assert index.owner is None and "Ich" in index.contacts
    assert "owner-note" in {d.code for d in index.diagnostics}


def test_a_configured_owner_note_that_is_not_there_is_said_at_its_config_line(vault):
    root = vault({".vaultkit.toml": "[ui]\n\n" + ME, "People/Anna.md": person(name="Anna")})
    warnings = load_config(root).warnings
    assert [(w.path, w.line, w.code) for w in warnings] == [(".vaultkit.toml", 4, "missing-note")]
    assert load_index(root).owner is None


def test_anrede_says_du_or_sie_and_address_du_is_no_postal_address(vault):
    root = vault(
        {
            "People/Anna.md": person(name="Anna", anrede="Sie"),
            "People/Ben.md": person(name="Ben", address="du"),
            "People/Cem.md": person(name="Cem", address="Hafenstraße 1, Kiel"),
            "People/Dora.md": person(name="Dora", Anrede="Ihr"),
        }
    )
    index = load_index(root)
    contacts = index.contacts
    assert [contacts[name].anrede for name in ("Anna", "Ben", "Cem", "Dora")] == ["Sie", "du", None, None]
    assert contacts["Ben"].addresses == () and contacts["Cem"].addresses == ("Hafenstraße 1, Kiel",)
    assert [(d.path, d.code) for d in index.diagnostics] == [("People/Dora.md", "unknown-anrede")]


def test_news_are_new_to_someone_when_they_came_after_your_last_contact_with_them():
    owner = Owner(
        "Me.md",
        "Me",
        news=(
            News(date(2026, 12, 5), "tomorrow's news", 4),
            News(date(2026, 11, 20), "talk accepted", 3),
            News(date(2026, 5, 1), "new job", 2),
            News(date(2025, 6, 1), "moved", 1),
        ),
    )
    today = date(2026, 11, 21)
    assert [n.text for n in unheard_news(owner, date(2026, 6, 1), today)] == ["talk accepted"]
    assert [n.text for n in unheard_news(owner, date(2026, 5, 1), today)] == ["talk accepted"]
    assert [n.text for n in unheard_news(owner, date(2025, 1, 1), today)] == [
        "talk accepted",
        "new job",
        "moved",
    ]
    # Never in touch: what happened within the last year.
    assert [n.text for n in unheard_news(owner, None, today)] == ["talk accepted", "new job"]
    assert unheard_news(None, None, today) == ()
