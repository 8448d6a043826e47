"""The contact template is the vault's own, found where Obsidian finds it, filled in as Obsidian does."""

import json
from datetime import datetime

import pytest

from tests.conftest import REPO
from vaultkit.config import load_config
from vaultkit.edit.contact_template import (
    ContactTemplate,
    ContactTemplateError,
    load_contact_template,
)
from vaultkit.obsidian import TemplateFormats, format_moment
from vaultkit.parse import frontmatter

WHEN = datetime(2026, 11, 21, 9, 5, 7)


def front_matter(text: str) -> dict:
    return frontmatter.load(frontmatter.split(text).yaml_text, 2).data


def test_without_a_template_of_its_own_a_vault_gets_the_one_init_writes(tmp_path):
    template = load_contact_template(tmp_path)
    assert template.origin == "vaultkit/templates/contact-template.md"
    assert [path.name for path in (REPO / "templates").glob("contact*")] == ["contact-template.md"]
    data = front_matter(template.render("Lena Schmidt", WHEN))
    assert (data["name"], data["tags"], data["circle"]) == ("Lena Schmidt", ["person"], "network")
    assert data["met"] is None  # the day a note is made is no day anyone met


def test_the_vaults_own_template_is_the_one_new_and_import_fill_in(vault):
    root = vault({"Templates/Contact.md": "---\nname: {{title}}\nrating: 3\n---\nmine\n"})
    template = load_contact_template(root)
    assert template.origin == "Templates/Contact.md"
    assert template.render("Lena", WHEN) == "---\nname: Lena\nrating: 3\n---\nmine\n"


def test_the_template_is_found_in_the_folder_obsidians_settings_name_in_any_case(vault):
    root = vault(
        {
            ".obsidian/templates.json": json.dumps({"folder": "Meta/Vorlagen"}),
            "Meta/Vorlagen/contact.md": "---\nfrom: obsidian\n---\n",
            "Templates/Contact.md": "---\nfrom: vaultkit\n---\n",
        }
    )
    template = load_contact_template(root, load_config(root))
    assert template.origin == "Meta/Vorlagen/contact.md"
    assert front_matter(template.render("A", WHEN)) == {"from": "obsidian"}


def test_the_configured_templates_folder_holds_it_too(vault):
    root = vault({".vaultkit.toml": "[notes]\ntemplates = 'Vorlagen'\n", "Vorlagen/Contact.md": "mine\n"})
    assert load_contact_template(root).origin == "Vorlagen/Contact.md"


def test_title_date_and_time_are_filled_in_as_obsidian_does(vault):
    root = vault(
        {
            "Templates/Contact.md": "---\ncreated: {{date}} {{time}}\nday: '{{date:dddd, Do MMMM YYYY}}'\n---\n"
            "# {{title}}\n{{DATE:DD.MM.YY}} {{time:h:mm A}} {{{title}}}\n",
        }
    )
    text = load_contact_template(root).render("Lena", WHEN)
    assert text == (
        "---\ncreated: 2026-11-21 09:05\nday: 'Saturday, 21st November 2026'\n---\n"
        "# Lena\n21.11.26 9:05 AM {Lena}\n"
    )


def test_a_templates_date_is_never_the_day_you_met_or_were_last_in_touch(vault):
    root = vault(
        {
            "Templates/Contact.md": '---\ncreated: {{date}}\nmet: "{{date}}"\nKennengelernt: {{date}}\n'
            "last_contact: {{date:YYYY-MM-DD}}\n---\nMet on {{date}}\n",
        }
    )
    text = load_contact_template(root).render("Lena", WHEN)
    assert (
        text
        == '---\ncreated: 2026-11-21\nmet: ""\nKennengelernt: ""\nlast_contact: ""\n---\nMet on 2026-11-21\n'
    )


def test_date_and_time_take_the_formats_of_obsidians_templates_settings(vault):
    settings = {"folder": "Templates", "dateFormat": "DD.MM.YYYY", "timeFormat": "HH:mm:ss"}
    root = vault(
        {".obsidian/templates.json": json.dumps(settings), "Templates/Contact.md": "{{date}} {{time}}\n"}
    )
    template = load_contact_template(root)
    assert template.formats == TemplateFormats("DD.MM.YYYY", "HH:mm:ss")
    assert template.render("A", WHEN) == "21.11.2026 09:05:07\n"


@pytest.mark.parametrize(
    "line",
    [
        'name: "{{title}}"',
        "name: '{{title}}'",
        "name: {{title}}",
        "name: {{title}}  # as the file is called",
        "aliases: [{{title}}, x]",
        'aliases: ["{{title}}"]',
        "aliases:\n  - {{title}}",
        "name:\n  {{title}}",
        "name:  \n\n    {{title}}  # on a line of its own\n# the end",
        "person: {name: {{title}}}",
        "person: {name: {{title}}, x: 1}",
    ],
)
@pytest.mark.parametrize(
    "title", ["O'Brien {x}, y", "NO", 'Anna "Nan" \\ B', "012", "Lena", "Yes", "null", "1.5"]
)
def test_a_filled_in_title_reads_back_as_itself_wherever_it_stands(line, title):
    data = front_matter(ContactTemplate(f"---\n{line}\n---\n", "T").render(title, WHEN))
    assert data in (
        {"name": title},
        {"aliases": [title, "x"]},
        {"aliases": [title]},
        {"person": {"name": title}},
        {"person": {"name": title, "x": 1}},
    )


@pytest.mark.parametrize(
    "lines, value",
    [
        ("note: about\n  {{title}}", "about Yes"),  # the rest of a longer value
        ("note:\n  {{title}}\n  or not", "Yes or not"),
        ("note: |\n  {{title}}", "Yes\n"),  # a literal block holds the name as it is
    ],
)
def test_a_title_that_is_part_of_a_longer_value_is_not_quoted(lines, value):
    data = front_matter(ContactTemplate(f"---\n{lines}\n---\n", "T").render("Yes", WHEN))
    assert data == {"note": value}


def test_template_line_endings_are_kept():
    template = ContactTemplate("---\r\nname: {{title}}\r\n---\r\n# {{title}}\r\n", "T")
    assert template.render("Lena", WHEN) == "---\r\nname: Lena\r\n---\r\n# Lena\r\n"


@pytest.mark.parametrize(
    "source, line, message",
    [
        (
            "---\nname: Lena\nrole: [unclosed\n---\n",
            3,
            "filled in, its front matter cannot be read: invalid YAML",
        ),
        ("---\nname: x\n", 1, "front matter opened with --- is never closed"),
        ("---\n---\n# <% tp.file.title %>\n", 3, "<% tp.file.title %> is a Templater command"),
    ],
)
def test_a_template_that_cannot_give_a_readable_note_names_its_line(vault, source, line, message):
    root = vault({"Templates/Contact.md": source})
    with pytest.raises(ContactTemplateError) as caught:
        load_contact_template(root)
    assert (caught.value.where, caught.value.line) == ("Templates/Contact.md", line)
    assert caught.value.message.startswith(message)
    assert caught.value.messages()[0].endswith("; nothing was written")


@pytest.mark.parametrize(
    "source, line, message",
    [
        (
            "---\nname: {{ name | yaml }}\n---\n",
            2,
            "{{ name | yaml }} is not a placeholder vaultkit or Obsidian fills; use {{title}}",
        ),
        (
            "---\ntags: {{ tags | yaml }}\n---\n",
            2,
            "{{ tags | yaml }} is not a placeholder vaultkit or Obsidian fills; they fill only {{title}}, "
            "{{date}} and {{time}}, and vaultkit sets tags and other fields itself",
        ),
        (
            "---\nname: Lena\n---\n# {{title}} ({{ title }})\n",
            4,
            "{{ title }} is not a placeholder vaultkit or Obsidian fills; "
            "write it {{title}}, without spaces inside the braces",
        ),
        (
            "created: {{ Date:DD.MM.YYYY }}\n",
            1,
            "{{ Date:DD.MM.YYYY }} is not a placeholder vaultkit or Obsidian fills; "
            "write it {{Date:DD.MM.YYYY}}, without spaces inside the braces",
        ),
        ("met: {{today}}\n", 1, "{{today}} is not a placeholder vaultkit or Obsidian fills; use {{date}}"),
        (
            "---\n---\n{% if tags %}Tags{% endif %}\n",
            3,
            "{% if tags %} is a Jinja tag, which vaultkit no longer runs; "
            "write {{title}}, {{date}} or {{time}}, as Obsidian's core Templates plugin does",
        ),
    ],
)
def test_a_placeholder_obsidian_leaves_as_it_is_is_named_with_its_line(vault, source, line, message):
    root = vault({"Templates/Contact.md": source})
    with pytest.raises(ContactTemplateError) as caught:
        load_contact_template(root)
    assert (caught.value.where, caught.value.line, caught.value.message) == (
        "Templates/Contact.md",
        line,
        message,
    )


def test_the_former_jinja_template_moved_where_obsidian_shows_it_says_what_to_change(vault):
    former = (
        (REPO / "templates" / "contact-template.md")
        .read_text()
        .replace('name: "{{title}}"', "name: {{ name | yaml }}")
    )
    root = vault({"Templates/Contact.md": former})
    with pytest.raises(ContactTemplateError) as caught:
        load_contact_template(root)
    assert caught.value.messages() == [
        "vaultkit: Templates/Contact.md:2: {{ name | yaml }} is not a placeholder vaultkit or Obsidian "
        "fills; use {{title}}; nothing was written"
    ]


def test_the_former_jinja_template_is_named_rather_than_silently_passed_over(vault):
    root = vault({".vaultkit/templates/contact.md": "---\nname: {{ name | yaml }}\n---\n"})
    with pytest.raises(ContactTemplateError) as caught:
        load_contact_template(root)
    assert str(caught.value) == (
        ".vaultkit/templates/contact.md: vaultkit now fills the template Obsidian shows, "
        "Templates/Contact.md; move this one there, with {{title}} where the name goes "
        "(vaultkit init writes one to start from)"
    )


@pytest.mark.parametrize(
    "moment, text",
    [
        ("YYYY-MM-DD", "2026-11-21"),
        ("dddd, MMMM Do YYYY", "Saturday, November 21st 2026"),
        ("ddd D MMM YY", "Sat 21 Nov 26"),
        ("[Week] W, [day] DDDD", "Week 47, day 325"),
        ("HH:mm:ss.SSS", "09:05:07.000"),
        ("h A, hh a, k", "9 AM, 09 am, 9"),
        ("YYYY/MM/[Notes] \\Y", "2026/11/Notes Y"),
        ("Mo Qo", "11th 4th"),
    ],
)
def test_moment_formats_write_dates_as_obsidian_does(moment, text):
    assert format_moment(moment, WHEN) == text


def test_a_template_that_is_not_utf8_is_named(vault):
    root = vault({"Templates/Contact.md": "---\nname: Jürgen\n---\n".encode("cp1252")})
    with pytest.raises(ContactTemplateError) as caught:
        load_contact_template(root)
    assert str(caught.value) == "Templates/Contact.md: the template is not UTF-8; save it as UTF-8 first"
