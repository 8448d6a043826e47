from datetime import date
from pathlib import Path

import pytest

from vaultkit.config import Config
from vaultkit.edit import editor as edit
from vaultkit.edit.contact_template import (
    ContactTemplate,
    TemplateError,
    load_contact_template,
)
from vaultkit.edit.editor import EditRefused, new_contact
from vaultkit.edit.fieldinput import InvalidValue
from vaultkit.index import load_index
from vaultkit.parse import frontmatter
from vaultkit.parse.note import parse_note

TODAY = date(2026, 11, 21)


def plan(root: Path, name: str, tags=(), fields=(), template: ContactTemplate | None = None):
    return new_contact(
        load_index(root),
        Config(),
        name,
        tags=list(tags),
        fields=list(fields),
        today=TODAY,
        template=template or load_contact_template(root),
    )


def front_matter(data: bytes) -> dict:
    return frontmatter.load(frontmatter.split(data.decode()).yaml_text, 2).data


@pytest.mark.parametrize(
    "name, path",
    [
        ("Lena Schmidt", "People/Lena Schmidt.md"),
        ("../../x", "People/x.md"),
        ("a/b", "People/a b.md"),
        ('O\'Brien: "x" #1', "People/O'Brien x 1.md"),
    ],
)
def test_new_notes_land_in_the_contacts_folder_and_keep_the_name_as_given(vault, name, path):
    root = vault({"People/Other.md": "# Other\n"})
    planned = plan(root, name)
    assert planned.path == path and planned.before is None
    assert front_matter(planned.after)["name"] == name
    edit.write(root, planned)
    assert (root / path).resolve().parent == (root / "People").resolve()
    assert parse_note(path, (root / path).read_bytes(), Config()).diagnostics == ()


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "the name is empty"),
        ("CON", "'CON' is a device name Windows does not allow"),
        (':*?"<>|', "leaves nothing usable as a file name"),
        ("a\nb", "the name must be one line"),
    ],
)
def test_names_that_cannot_be_a_file_name_are_refused(vault, name, message):
    root = vault({"People/Other.md": "# Other\n"})
    with pytest.raises(InvalidValue, match=message):
        plan(root, name)
    assert sorted(p.name for p in (root / "People").iterdir()) == ["Other.md"]


@pytest.mark.parametrize("name", ["jurgen", "JÜRGEN HOFFMANN", "Hoffmann J", "jürgen-h"])
def test_a_name_alias_or_file_name_already_taken_is_refused_ignoring_case_and_accents(vault, name):
    root = vault(
        {
            "People/Hoffmann J.md": "---\nname: Jürgen Hoffmann\naliases: [Jürgen]\n---\n",
            "People/Jürgen-H.md": "# other\n",
        }
    )
    with pytest.raises(EditRefused, match="is already this contact's file name, name or alias"):
        plan(root, name)


def test_a_name_taken_by_two_notes_with_one_file_name_refuses_naming_both(vault):
    root = vault({"People/Anna.md": "# Anna\n", "People/Old/anna.md": "# another Anna\n"})
    with pytest.raises(EditRefused) as refused:
        plan(root, "anna")
    assert str(refused.value) == (
        "People/Anna.md: 'anna' is already this contact's file name, name or alias; People/Anna.md and "
        "People/Old/anna.md have the same file name, ignoring case and accents (vaultkit reads only "
        "People/Anna.md): rename one of them"
    )


def test_tags_circle_and_fields_fill_the_template(vault):
    root = vault({})
    planned = plan(
        root,
        "Lena",
        tags=["kunst", "#kiel"],
        fields=[
            ("circle", "close"),
            ("role", "Kuratorin: Kunsthalle"),
            ("birthdate", "--05-17"),
            ("shoe size", "42"),
        ],
    )
    data = front_matter(planned.after)
    assert data["tags"] == ["person", "kunst", "kiel"]  # the template's, then the new ones
    assert (data["circle"], data["role"], data["birthday"], data["shoe size"]) == (
        "close",
        "Kuratorin: Kunsthalle",
        "--05-17",
        "42",
    )
    assert b"\ncircle: close\n" in planned.after and b'\nshoe size: "42"\n---\n' in planned.after


def test_a_new_contact_is_not_said_to_have_been_met_today(vault):
    data = front_matter(plan(vault({}), "Lena").after)
    assert data["met"] is None and data["last_contact"] is None


def test_a_vault_template_without_a_name_gets_one_when_the_file_name_differs(vault):
    root = vault({"Templates/Contact.md": "---\ntags: []\n---\n# {{title}}\n"})
    assert plan(root, "Lena").after == b"---\ntags: []\n---\n# Lena\n"
    assert plan(root, "a/b").after == b"---\ntags: []\nname: a/b\n---\n# a b\n"


@pytest.mark.parametrize(
    "tags_line, written",
    [
        ("tags: [person]", "tags: [person, kunst]"),
        ("tags: [Kunst, person]  # what makes a contact", "tags: [Kunst, person]  # what makes a contact"),
        (
            "tags:\n  - person\n  # more below\n  - friend",
            "tags:\n  - person\n  # more below\n  - friend\n  - kunst",
        ),
        ("tags: person, friend", "tags: [person, friend, kunst]"),
        ("tags:", "tags: [kunst]"),
        ("rating: 3", "rating: 3\ntags: [kunst]"),
    ],
)
def test_new_tags_join_the_templates_own_in_its_style(vault, tags_line, written):
    root = vault({"Templates/Contact.md": f"---\n{tags_line}\n---\n"})
    planned = plan(root, "Lena", tags=["kunst"])
    assert planned.after.decode() == f"---\n{written}\n---\n"


def test_a_template_the_user_changed_keeps_its_keys_and_gets_the_missing_ones(vault):
    root = vault(
        {"Templates/Contact.md": '---\nname: "{{title}}"\nemail: []\nmood: calm\ncreated: {{date}}\n---\n'}
    )
    planned = plan(root, "Lena", fields=[("circle", "close"), ("email", "lena@example.org")])
    assert planned.after == (
        b'---\nname: "Lena"\nemail: [lena@example.org]\nmood: calm\ncreated: 2026-11-21\ncircle: close\n---\n'
    )


def test_a_template_that_cannot_take_a_value_names_its_line(vault):
    root = vault({"Templates/Contact.md": "---\nname: x\nrole: |\n  Malerin\n---\n"})
    with pytest.raises(TemplateError) as caught:
        plan(root, "Lena", fields=[("role", "Kuratorin")])
    assert str(caught.value) == (
        "Templates/Contact.md:3: the value of role spans several lines; vaultkit changes only one-line values"
    )


def test_a_template_that_breaks_the_front_matter_is_refused(vault):
    root = vault({})
    with pytest.raises(TemplateError) as caught:
        plan(root, "Lena", template=ContactTemplate("---\nname: {{title}}\nrole: [x\n---\n", "T"))
    assert str(caught.value).startswith("T:3: filled in, its front matter cannot be read: invalid YAML")


def test_a_file_created_meanwhile_is_never_overwritten(vault):
    root = vault({})
    planned = plan(root, "Lena")
    (root / "People").mkdir(parents=True)
    (root / "People/Lena.md").write_text("mine\n")
    with pytest.raises(EditRefused, match="a file with this name already exists"):
        edit.write(root, planned)
    assert (root / "People/Lena.md").read_text() == "mine\n"


def test_the_diff_of_a_new_note_comes_from_dev_null(vault):
    planned = plan(vault({}), "Lena", template=ContactTemplate("---\nname: {{title}}\n---\n", "T"))
    assert planned.diff() == "--- /dev/null\n+++ b/People/Lena.md\n@@ -0,0 +1,3 @@\n+---\n+name: Lena\n+---\n"
