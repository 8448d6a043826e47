import pytest

from vaultkit.edit.contact_template import (
    ContactTemplate,
    TemplateError,
    load_contact_template,
)
from vaultkit.parse import frontmatter


def render(template, **values):
    return template.render(**{"name": "Lena", "id": "Lena", "tags": [], "today": "2026-11-21", **values})


def test_shipped_template_writes_hostile_names_and_tags_as_valid_front_matter(tmp_path):
    template = load_contact_template(tmp_path)
    text = render(template, name='O\'Brien: "x" # [[y]]', tags=["kunst", "a, b"])
    parts = frontmatter.split(text)
    data = frontmatter.load(parts.yaml_text, 2).data
    assert data["name"] == 'O\'Brien: "x" # [[y]]'
    assert data["tags"] == ["kunst", "a, b"]
    assert data["met"] == "2026-11-21"


def test_a_vault_template_overrides_the_shipped_one(tmp_path):
    (tmp_path / ".vaultkit/templates").mkdir(parents=True)
    (tmp_path / ".vaultkit/templates/contact.md").write_text("---\nname: {{ name | yaml }}\n---\nmine\n")
    template = load_contact_template(tmp_path)
    assert template.origin == ".vaultkit/templates/contact.md"
    assert render(template, name="NO") == '---\nname: "NO"\n---\nmine\n'


def test_template_line_endings_are_kept():
    assert (
        render(ContactTemplate("---\r\nname: {{ name }}\r\n---\r\n", "T")) == "---\r\nname: Lena\r\n---\r\n"
    )


@pytest.mark.parametrize(
    "source, line, message",
    [
        ("---\n{% if %}\n", 2, "template error: Expected an expression"),
        ("---\nname: {{ nickname }}\n", 2, "template error: 'nickname' is undefined"),
        ("a\n\n{{ name.__class__.__mro__ }}\n", 3, "template error: access to attribute '__class__'"),
    ],
)
def test_template_errors_name_the_template_line_and_the_sandbox_holds(source, line, message):
    with pytest.raises(TemplateError) as caught:
        render(ContactTemplate(source, ".vaultkit/templates/contact.md"))
    assert (caught.value.where, caught.value.line) == (".vaultkit/templates/contact.md", line)
    assert caught.value.message.startswith(message)
