from datetime import date

import pytest

from vaultkit.activity import gather
from vaultkit.index import load_index

TODAY = date(2026, 11, 21)
MARIE = "---\naliases: [Marie]\n---\n# Marie\n"


def activity_of(vault, files, contact="Marie Lefèvre", today=TODAY):
    index = load_index(vault({"People/Marie Lefèvre.md": MARIE, **files}))
    return gather(index, today).contacts.get(contact)


def last_date(activity):
    return activity.last().date if activity and activity.last() else None


def test_daily_note_link_is_an_interaction_on_the_note_date(vault):
    found = activity_of(vault, {"Daily/2026-11-03.md": "Coffee with [[Marie Lefèvre]] at the harbour.\n"})
    [interaction] = found.interactions
    assert (interaction.date, interaction.source, interaction.text, interaction.line) == (
        date(2026, 11, 3),
        "Daily/2026-11-03.md",
        "Coffee with Marie Lefèvre at the harbour.",
        1,
    )


def test_meeting_note_people_property_with_date_property_is_an_interaction(vault):
    found = activity_of(
        vault, {"Meetings/Kickoff.md": "---\ndate: 2026-10-14\npeople: ['[[Marie Lefèvre]]']\n---\nNotes\n"}
    )
    assert last_date(found) == date(2026, 10, 14)
    assert found.interactions[0].text == "Kickoff"


def test_links_by_alias_shown_text_heading_and_case_count(vault):
    for link in (
        "[[Marie]]",
        "[[Marie Lefèvre|her]]",
        "[[Marie Lefèvre#Log]]",
        "[[marie lefevre]]",
        "[[Marie Lefèvre#Log|the log]]",
    ):
        found = activity_of(vault, {"Daily/2026-11-03.md": f"Saw {link}.\n"})
        assert last_date(found) == date(2026, 11, 3), link


def test_markdown_link_to_the_note_path_counts(vault):
    found = activity_of(
        vault,
        {
            "Daily/2026-11-03.md": "Call with [Marie](../People/Marie%20Lef%C3%A8vre.md).\n",
            "Daily/2026-11-04.md": "Again [M](<People/Marie Lefèvre.md>)\n",
        },
    )
    assert [i.date for i in found.interactions] == [date(2026, 11, 4), date(2026, 11, 3)]


def test_embeds_quotes_code_and_fences_are_not_mentions(vault):
    found = activity_of(
        vault,
        {
            "Daily/2026-11-03.md": (
                "![[Marie Lefèvre]]\n"
                "> [[Marie Lefèvre]] said so\n"
                "Syntax: `[[Marie Lefèvre]]`\n"
                "```\n[[Marie Lefèvre]]\n```\n"
                "~~~dataview\nLIST FROM [[Marie]]\n~~~\n"
            )
        },
    )
    assert found is None or not found.interactions


@pytest.mark.parametrize(
    "text, mentioned_on",
    [
        # A three-backtick line inside a four-backtick fence is the fence's content.
        ("````\n```\n[[Marie]]\n````\n", []),
        ("````\n```\n[[Marie]]\n````\n[[Marie]] after the fence\n", [5]),
        # Indented four spaces, three backticks are code, not a fence: the rest of the note counts.
        ("    ```\nMet [[Marie]] today\n", [2]),
        # A closing fence may not carry an info string, and is at least as long as the opening one.
        ("```\n``` python\n[[Marie]]\n```\n", []),
        ("~~~~\n~~~\n[[Marie]]\n~~~~\n", []),
    ],
)
def test_mentions_follow_the_one_fence_rule_of_commonmark(vault, text, mentioned_on):
    found = activity_of(vault, {"Daily/2026-11-03.md": text})
    assert [i.line for i in found.interactions if i.source.startswith("Daily/")] == mentioned_on


def test_the_log_follows_the_same_fence_rule_as_mentions(vault):
    note = "---\n---\n    ```\n## Log\n- 2026-11-01 call: about [[Paul]]\n"
    index = load_index(vault({"People/Marie Lefèvre.md": note, "People/Paul.md": ""}))
    assert [entry.text for entry in index.contacts["Marie Lefèvre"].log] == ["about [[Paul]]"]


def test_unchecked_task_is_a_follow_up_not_a_contact(vault):
    found = activity_of(vault, {"Daily/2026-11-03.md": "- [ ] Call [[Marie]] about the flat 📅 2026-11-28\n"})
    assert not found.interactions
    [follow_up] = found.follow_ups
    assert (follow_up.date, follow_up.text, follow_up.line) == (
        date(2026, 11, 28),
        "Call Marie about the flat",
        1,
    )


def test_dataview_due_field_and_undated_tasks(vault):
    found = activity_of(
        vault, {"Notes/Todo.md": "- [ ] Ask [[Marie]] due:: 2026-11-30\n- [ ] Thank [[Marie]]\n"}
    )
    assert [(f.date, f.text) for f in found.follow_ups] == [
        (date(2026, 11, 30), "Ask Marie"),
        (None, "Thank Marie"),
    ]


def test_checked_task_is_an_interaction(vault):
    found = activity_of(vault, {"Daily/2026-11-03.md": "- [x] Called [[Marie]]\n"})
    assert last_date(found) == date(2026, 11, 3)


def test_checked_task_with_completion_date_counts_on_that_date_even_in_undated_notes(vault):
    found = activity_of(vault, {"Notes/Todo.md": "- [x] Called [[Marie]] ✅ 2026-11-05\n"})
    assert last_date(found) == date(2026, 11, 5)


def test_cancelled_task_is_neither_contact_nor_follow_up(vault):
    found = activity_of(vault, {"Daily/2026-11-03.md": "- [-] Call [[Marie]]\n"})
    assert found is None or (not found.interactions and not found.follow_ups)


def test_future_dated_note_is_a_planned_meeting_not_a_contact(vault):
    found = activity_of(
        vault,
        {"Meetings/Vernissage.md": "---\ndate: 2026-11-27\npeople: ['[[Marie]]']\n---\nWith [[Marie]].\n"},
    )
    assert not found.interactions
    assert [(m.date, m.title) for m in found.meetings] == [(date(2026, 11, 27), "Vernissage")]


def test_undated_notes_are_not_interactions(vault):
    found = activity_of(vault, {"Notes/Ideas.md": "Ask [[Marie]] about art.\n"})
    assert found is None or not found.interactions


def test_templates_are_never_interactions(vault):
    found = activity_of(vault, {"Templates/2026-01-01 Daily.md": "Met [[Marie]].\n"})
    assert found is None or not found.interactions


def test_last_contact_is_the_latest_of_property_log_and_mentions(vault):
    index = load_index(
        vault(
            {
                "People/A.md": "---\nlast_contact: 2026-03-01\n---\n## Log\n- 2026-05-01 call: plans\n",
                "People/B.md": "---\nlast_contact: 2026-09-01\n---\n## Log\n- 2026-05-01 call: plans\n",
                "Daily/2026-07-01.md": "[[A]] and [[B]]\n",
            }
        )
    )
    found = gather(index, TODAY).contacts
    assert last_date(found["A"]) == date(2026, 7, 1)
    assert last_date(found["B"]) == date(2026, 9, 1)


def test_one_interaction_per_note_and_contact(vault):
    found = activity_of(vault, {"Daily/2026-11-03.md": "[[Marie]] here\nand [[Marie Lefèvre]] there\n"})
    assert len(found.interactions) == 1


def test_ambiguous_links_count_for_nobody(vault):
    index = load_index(
        vault(
            {
                "People/Marie Lefèvre.md": "---\naliases: [Marie]\n---\n",
                "People/Marie Curie.md": "---\naliases: [Marie]\n---\n",
                "Daily/2026-11-03.md": "[[Marie]]\n",
            }
        )
    )
    found = gather(index, TODAY).contacts
    assert all(not a.interactions for a in found.values())
