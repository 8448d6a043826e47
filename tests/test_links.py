"""Every way an Obsidian user links a person names that person, once; interaction texts read as
the person wrote them."""

import json
import posixpath
import re
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import vaultkit.activity
from tests.conftest import person, write_vault
from vaultkit.activity import gather, links_of, mentioned_contacts, people_without_notes
from vaultkit.cli import cli
from vaultkit.index import load_index
from vaultkit.parse.mentions import extract_mentions
from vaultkit.values import fold

TODAY = date(2026, 11, 21)
DAY = date(2026, 11, 3)
BO = "People/Bo Founder.md"


def activity(vault, files, contact="Bo Founder"):
    index = load_index(vault({BO: person(aliases="[Bo]"), "People/Other One.md": person(), **files}))
    return gather(index, TODAY).of(contact)


def days(found, source="Daily/2026-11-03.md"):
    return [i.date for i in found.interactions if i.source == source]


# 1. Path wikilinks


@pytest.mark.parametrize(
    "link",
    [
        "[[People/Bo Founder|Bo]]",
        "[[People/Bo Founder]]",
        "[[People/Bo Founder.md]]",
        "[[Bo Founder.md]]",
        "[[Bo Founder.MD|him]]",
        "[[People/Bo Founder.md#Heading|x]]",
        "[[people/bo founder]]",
        "[[/People/Bo Founder]]",
    ],
)
def test_a_path_wikilink_names_the_contact_whose_note_has_that_path(vault, link):
    assert days(activity(vault, {"Daily/2026-11-03.md": f"Lunch with {link}.\n"})) == [DAY]


def test_a_wikilink_relative_to_the_note_names_the_contact(vault):
    found = activity(vault, {"Journal/2026/2026-11-03.md": "Met [[../../People/Bo Founder|Bo]]\n"})
    assert days(found, "Journal/2026/2026-11-03.md") == [DAY]


def test_a_wikilink_by_the_end_of_the_path_names_the_contact_in_a_deeper_folder(vault):
    index = load_index(
        vault({"Areas/People/Friends/Ann.md": person(), "Daily/2026-11-03.md": "[[Friends/Ann]]\n"})
    )
    assert days(gather(index, TODAY).of("Ann")) == [DAY]


def test_a_path_to_another_note_with_the_contact_s_file_name_names_nobody(vault):
    found = activity(
        vault, {"Projects/Bo Founder.md": "", "Daily/2026-11-03.md": "[[Projects/Bo Founder]]\n"}
    )
    assert days(found) == []


def test_a_name_with_a_slash_still_resolves_as_a_name(vault):
    index = load_index(
        vault({"People/ACDC.md": person(aliases="['AC/DC']"), "Daily/2026-11-03.md": "[[AC/DC]]\n"})
    )
    assert days(gather(index, TODAY).of("ACDC")) == [DAY]


# 2. Markdown links


@pytest.mark.parametrize(
    "source, link",
    [
        ("Daily/2026-11-03.md", "[Bo](People/Bo%20Founder.md)"),
        ("Daily/2026-11-03.md", "[Bo](People/Bo%20Founder)"),
        ("Daily/2026-11-03.md", "[Bo](/People/Bo%20Founder.md)"),
        ("Daily/2026-11-03.md", "[Bo](../People/Bo%20Founder.md)"),
        ("Daily/2026-11-03.md", "[Bo](<People/Bo Founder.md>)"),
        ("Daily/2026-11-03.md", "[Bo](<../People/Bo Founder>)"),
        ("Daily/2026-11-03.md", "[Bo](People/Bo%20Founder.md#Log)"),
        ("Daily/2026-11-03.md", '[Bo](People/Bo%20Founder.md "his note")'),
        ("Daily/2026-11-03.md", "[Bo](Bo%20Founder.md)"),
        ("2026-11-03.md", "[Bo](People/Bo%20Founder.md)"),
        ("2026-11-03.md", "[Bo](./People/Bo%20Founder.md)"),
        ("A/B/C/2026-11-03.md", "[Bo](../../../People/Bo%20Founder.md)"),
    ],
)
def test_every_markdown_link_form_names_the_contact(vault, source, link):
    assert days(activity(vault, {source: f"Call with {link} today\n"}), source) == [DAY]


def test_url_encoded_accents_in_a_markdown_link(vault):
    index = load_index(
        vault(
            {
                "People/Jürgen Hoffmann.md": person(),
                "Daily/2026-11-03.md": f"[J]({quote('People/Jürgen Hoffmann.md')})\n",
            }
        )
    )
    assert days(gather(index, TODAY).of("Jürgen Hoffmann")) == [DAY]


def test_links_out_of_the_vault_or_to_the_note_itself_are_no_mentions():
    body = "[a](mailto:bo@example.org) [b](https://x.org/Bo.md) [c](#Bo) [d](obsidian://open?file=Bo)\n"
    assert extract_mentions(body, 1, {}) == ()


def test_every_form_on_one_line_is_one_interaction_and_one_follow_up(vault):
    forms = "[[Bo]] [[People/Bo Founder|B]] [B](People/Bo%20Founder.md) [B](<../People/Bo Founder.md>) #people/bo-founder"
    found = activity(
        vault,
        {"Daily/2026-11-03.md": f"Saw {forms}\n- [ ] Thank {forms}\n"},
    )
    assert days(found) == [DAY]
    assert [f.line for f in found.follow_ups] == [2]


def test_graph_helper_resolves_path_links_like_gather(vault):
    index = load_index(
        vault({BO: person(), "Daily/2026-11-03.md": "[x](../People/Bo%20Founder.md) [[People/Bo Founder]]\n"})
    )
    note = next(n for n in index.notes if n.path == "Daily/2026-11-03.md")
    links = links_of(index)
    assert [mentioned_contacts(note, m, index, links) for m in note.mentions] == [
        ("Bo Founder",),
        ("Bo Founder",),
    ]


def test_the_tables_for_paths_and_tags_are_made_only_for_mentions_that_need_them(vault, monkeypatch):
    monkeypatch.setattr(vaultkit.activity, "_last_links", None)  # none kept from another test
    files = {"People/Ada.md": person(), "Daily/2026-11-02.md": "[[Ada]] and [[Bo Founder]]\n"}
    index = load_index(vault({BO: person(), **files}))
    links = gather(index, TODAY).links
    assert (links._paths, links._slugs) == (None, None)  # a vault that links by name alone
    index = load_index(vault({BO: person(), **files, "Daily/2026-11-03.md": "[[People/Bo Founder]]\n"}))
    links = gather(index, TODAY).links
    assert (links._paths is None, links._slugs is None) == (False, True)
    assert days(gather(index, TODAY).of("Bo Founder")) == [DAY]


# 3. Person tags


@pytest.mark.parametrize(
    "front, body",
    [
        ("tags: [people/bo-founder]\n", ""),
        ("tags: people/bo-founder, meeting\n", ""),
        ('tags: "#people/bo-founder #meeting"\n', ""),
        ("tags:\n  - meeting\n  - People/Bo-Founder\n", ""),
        ("", "Coffee with #people/bo-founder\n"),
        ("", "Coffee with #contact/bo_founder\n"),
        ("", "Coffee with #contacts/BoFounder\n"),
        ("", "Coffee with #people/friends/bo-founder\n"),
        ("", "Coffee with #people/bo\n"),  # the alias Bo
    ],
)
def test_a_person_tag_in_a_dated_note_is_an_interaction(vault, front, body):
    note = f"---\n{front}---\n{body}" if front else body
    assert days(activity(vault, {"Daily/2026-11-03.md": note})) == [DAY]


def test_person_tags_are_read_under_all_four_prefixes():
    body = "#people/a #person/b #contact/c #contacts/d #peoples/e #kiel/f #people\n"
    assert [(m.target, m.by_tag) for m in extract_mentions(body, 1, {})] == [
        ("people/a", True),
        ("person/b", True),
        ("contact/c", True),
        ("contacts/d", True),
    ]


def test_a_person_tag_s_line_and_text():
    body = "# Day\n\n- Lunch with #people/bo-founder at the harbour\n"
    [mention] = extract_mentions(body, 4, {"tags": ["people/ann"]}, {"tags": 2})[1:]
    assert (mention.line, mention.text, mention.kind) == (
        6,
        "Lunch with #people/bo-founder at the harbour",
        "mention",
    )
    [front] = extract_mentions("", 4, {"tags": ["people/ann"]}, {"tags": 2})
    assert (front.target, front.line, front.kind) == ("people/ann", 2, "property")


def test_a_person_tag_in_a_task_is_a_follow_up(vault):
    found = activity(vault, {"Notes/Todo.md": "- [ ] Call #people/bo-founder 📅 2026-11-28\n"})
    assert [(f.date, f.text) for f in found.follow_ups] == [(date(2026, 11, 28), "Call #people/bo-founder")]


def test_person_tags_in_code_quotes_links_and_comments_are_no_mentions():
    body = (
        "`#people/a`\n```\n#people/b\n```\n> #people/c\n[[Note#people/d]]\n"
        "%% #people/e %%\n%%\n#people/f\n%%\n- [-] #people/g\n"
    )
    assert [m.target for m in extract_mentions(body, 1, {}) if m.by_tag] == []


def test_an_id_wins_over_another_contact_s_name_with_the_same_slug(vault):
    index = load_index(
        vault(
            {
                "People/Ann Lee.md": person(),
                "People/Al.md": person(name="Ann-Lee"),
                "Daily/2026-11-03.md": "#people/ann-lee\n",
            }
        )
    )
    assert days(gather(index, TODAY).of("Ann Lee")) == [DAY]


def test_a_tag_two_contacts_read_as_names_nobody(vault):
    index = load_index(
        vault(
            {
                "People/A.md": person(name="Kim Park"),
                "People/B.md": person(aliases="[Kim-Park]"),
                "Daily/2026-11-03.md": "#people/kim-park\n",
            }
        )
    )
    found = gather(index, TODAY)
    assert days(found.of("A")) == days(found.of("B")) == []
    assert people_without_notes(index) == []  # it names contacts, just not one


# 4. People known only by tags


def test_a_person_tag_that_names_no_contact_is_a_warning_once_at_its_first_place(vault):
    root = vault(
        {
            "People/Ann.md": person(),
            "Daily/2026-11-04.md": "#people/john-appleseed again\n",
            "Daily/2026-11-03.md": "---\ntags: [meeting]\n---\n\nLunch, #People/John-Appleseed\n",
            "Meetings/Kickoff.md": "---\ntags: [people/jane-doe, people/ann]\n---\n",
        }
    )
    warnings = people_without_notes(load_index(root))
    assert [(d.path, d.severity, d.code) for d in warnings] == [
        ("Daily/2026-11-03.md", "warning", "person-without-note"),
        ("Meetings/Kickoff.md", "warning", "person-without-note"),
    ]
    # A tag in front matter is at the line of `tags:`.
    assert (warnings[0].line, warnings[1].line) == (5, 2)
    assert warnings[0].message == (
        "People/John-Appleseed names no contact note; create one "
        '(vaultkit new "John Appleseed") or link an existing note with an alias'
    )
    assert warnings[1].message.startswith(
        'people/jane-doe names no contact note; create one (vaultkit new "Jane Doe")'
    )


def test_check_reports_a_person_known_only_by_tags(vault):
    root = vault({"People/Ann.md": person(), "Daily/2026-11-03.md": "Met #people/john-appleseed\n"})
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "check", "--format", "json"], catch_exceptions=False
    )
    [found] = [d for d in json.loads(result.output)["diagnostics"] if d["code"] == "person-without-note"]
    assert (found["path"], found["line"], found["severity"]) == ("Daily/2026-11-03.md", 1, "warning")


def test_a_contact_s_own_tags_are_its_groups_not_people_without_notes(vault):
    root = vault({"People/Ann.md": person(tags="[person/client, people/family]")})
    assert people_without_notes(load_index(root)) == []


# 5. Interaction texts


@pytest.mark.parametrize(
    "line, text",
    [
        ("- [attendees:: [[John Doe]]]", "John Doe"),
        ("topic:: Discussing customer needs with [[John Doe]]", "Discussing customer needs with John Doe"),
        ("- topic:: Discussing customer needs with [[John Doe]]", "Discussing customer needs with John Doe"),
        ("Call with [[John Doe]] (mood:: good) [where:: Kiel]", "Call with John Doe good Kiel"),
        ("Met [[People/John Doe.md]]", "Met John Doe"),
        ("Met [[People/John Doe.md#Log|John]] again", "Met John again"),
        ("Met [[People/John Doe#Log]]", "Met John Doe"),
        ("Met [John](../People/John%20Doe.md) and [[John Doe]]", "Met John and John Doe"),
        ("Met [[John Doe]] %% he was late %% at noon", "Met John Doe at noon"),
        ("## Lunch with [[John Doe]]", "Lunch with John Doe"),
        ("Lunch - with [[John Doe]] - in 3) rounds", "Lunch - with John Doe - in 3) rounds"),
        ("Asked [[John Doe]] about `std::vector`", "Asked John Doe about std::vector"),
        (
            "We talked about many things with [[John Doe]]:: all good",
            "We talked about many things with John Doe:: all good",
        ),
        ("- [ ] Ask [[John Doe]] [due:: 2026-11-30] ⏳ 2026-11-25", "Ask John Doe"),
    ],
)
def test_interaction_text_reads_as_the_person_wrote_it(vault, line, text):
    index = load_index(vault({"People/John Doe.md": person(), "Daily/2026-11-03.md": f"{line}\n"}))
    found = gather(index, TODAY).of("John Doe")
    [said] = [i.text for i in found.interactions] + [f.text for f in found.follow_ups]
    assert said == text


def test_a_comment_over_several_lines_holds_no_mentions(vault):
    note = (
        "Before\n%%\n[[Bo Founder]] and [[Bo]]\n#people/bo-founder\n%%\nAfter\n%% open to the end\n[[Bo]]\n"
    )
    assert days(activity(vault, {"Daily/2026-11-03.md": note})) == []


# 6. Every form of one person's link, in any folders


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüöäßøłıÅÇñ"
_WORD = st.text(alphabet=_LETTERS, min_size=1, max_size=8)
_NAME = st.builds(
    lambda words, seps: "".join(w + s for w, s in zip(words[:-1], seps)) + words[-1],
    st.lists(_WORD, min_size=1, max_size=3),
    st.lists(st.sampled_from([" ", ". ", ".", " - "]), min_size=2, max_size=2),
)
# Folders for notes that are no contacts (none of the contact folders' names).
_FOLDERS = st.lists(st.sampled_from(["Daily", "Work", "Old Notes", "Ärger", "v1.2", "Deep"]), max_size=3)
_CONTACT_FOLDERS = st.lists(
    st.sampled_from(["People", "Work", "Old Friends", "Ämter", "a.b", "Deep"]), max_size=3
)


def _slug(text):
    return re.sub(r"[\W_]+", "-", fold(text)).strip("-")


def _forms(contact_path, note_path, name, alias):
    stem = contact_path[:-3]
    relative = posixpath.relpath(contact_path, posixpath.dirname(note_path) or ".")
    return {
        "id": f"[[{name}]]",
        "id shown": f"[[{name}|x]]",
        "id heading": f"[[{name}#h]]",
        "alias": f"[[{alias}]]",
        "path": f"[[{stem}]]",
        "path md shown": f"[[{contact_path}|x]]",
        "id md": f"[[{name}.md]]",
        "relative wikilink": f"[[{relative}|x]]",
        "markdown root": f"[x]({quote(contact_path)})",
        "markdown root no md": f"[x]({quote(stem)})",
        "markdown relative": f"[x]({quote(relative)})",
        "markdown angle": f"[x](<{contact_path}>)",
        "markdown angle relative": f"[x](<{relative}>)",
        "people property": f'---\npeople: ["[[{name}]]"]\n---\n',
        "tag": f"#people/{_slug(name)}",
        "tag property": f"---\ntags: [people/{_slug(name)}]\n---\n",
    }


@settings(max_examples=50, deadline=None)
@given(name=_NAME, alias=_NAME, contact_folders=_CONTACT_FOLDERS, note_folders=_FOLDERS)
def test_every_link_form_of_one_person_names_that_person_once(name, alias, contact_folders, note_folders):
    contact_path = "/".join([*contact_folders, f"{name}.md"])
    forms = _forms(contact_path, "/".join([*note_folders, "2026-11-01.md"]), name, alias)
    files = {
        contact_path: person(aliases=json.dumps([alias], ensure_ascii=False), tags="[person]"),
        "Decoy 42.md": person(tags="[person]"),
    }
    dated = {}
    for day, (form, text) in enumerate(forms.items(), start=1):
        path = "/".join([*note_folders, f"2026-11-{day:02d}.md"])
        dated[path] = form
        files[path] = text if text.startswith("---") else f"Lunch with {text} at noon\n"
    with tempfile.TemporaryDirectory() as folder:
        index = load_index(write_vault(Path(folder), files))
        found = gather(index, TODAY)
    assert name in index.contacts, contact_path
    for path, form in dated.items():
        from_note = [i for i in found.of(name).interactions if i.source == path]
        assert len(from_note) == 1, (form, files[path], contact_path)
    assert not found.of("Decoy 42").interactions


def test_a_person_tag_for_a_note_that_is_no_contact_says_to_tag_that_note(vault):
    root = vault(
        {"Luis Ortega.md": "---\ntag: #person\n---\n", "Daily/2026-11-03.md": "Lunch #people/luis-ortega\n"}
    )
    [warning] = people_without_notes(load_index(root))
    assert warning.message == (
        "people/luis-ortega names Luis Ortega.md, which is not a contact note; tag it person (or move it to People/)"
    )


def test_links_in_a_callout_count_and_links_in_a_quote_do_not(vault):
    root = vault(
        {
            "People/Joe Smith.md": "",
            "People/Raj Iyer.md": "",
            "Meetings/2026-11-19 Budget.md": "> [!info] Attendees\n> [[Joe Smith]], [[Raj Iyer]]\n\n> [[Raj Iyer]] said no\n",
        }
    )
    activity = gather(load_index(root), date(2026, 11, 21))
    assert [(i.date, i.line, i.text) for i in activity.of("Joe Smith").interactions] == [
        (date(2026, 11, 19), 2, "Joe Smith, Raj Iyer")
    ]
    assert [i.line for i in activity.of("Raj Iyer").interactions] == [2]
