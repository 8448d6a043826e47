from click.testing import CliRunner

from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index


def test_init_creates_config_people_folder_and_template(tmp_path):
    target = tmp_path / "vault"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"created {target}/",
        f"created {target}/People/",
        f"created {target}/Templates/",
        f"created {target}/.vaultkit.toml",
        f"created {target}/Templates/Contact.md (vaultkit new and import fill it in; edit it as you like)",
        f"created {target}/Contacts.base",
        f"created {target}/.gitignore",
    ]
    assert (target / ".gitignore").read_text() == ".vaultkit/cache/\n"
    assert "[cadence.circles]" in (target / ".vaultkit.toml").read_text()
    load_config(target)
    index = load_index(target)
    assert index.files == 0 and not index.diagnostics


def test_init_never_overwrites(tmp_path):
    (tmp_path / ".vaultkit.toml").write_text("# mine\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert f"kept {tmp_path}/.vaultkit.toml (exists)" in result.output
    assert (tmp_path / ".vaultkit.toml").read_text() == "# mine\n"
    again = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert again.exit_code == 1
    assert "already set up; nothing was changed" in again.output


def test_init_files_are_readable_by_others_like_any_note(tmp_path):
    CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert (tmp_path / ".vaultkit.toml").stat().st_mode & 0o044 == 0o044


def test_contacts_base_is_valid_yaml_with_views(tmp_path):
    import yaml

    CliRunner().invoke(cli, ["init", str(tmp_path)])
    base = yaml.safe_load((tmp_path / "Contacts.base").read_text(encoding="utf-8"))
    assert [view["name"] for view in base["views"]] == ["All contacts", "By circle", "Longest silence"]
    assert 'file.inFolder("People")' in base["filters"]["or"]


def test_init_adds_the_cache_to_an_existing_gitignore_once(tmp_path):
    (tmp_path / ".gitignore").write_text("*.tmp")
    first = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert f"added .vaultkit/cache/ to {tmp_path}/.gitignore" in first.output
    assert (tmp_path / ".gitignore").read_text() == "*.tmp\n.vaultkit/cache/\n"
    again = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert again.exit_code == 1
    assert (tmp_path / ".gitignore").read_text() == "*.tmp\n.vaultkit/cache/\n"


def test_init_keeps_a_gitignore_that_already_ignores_vaultkit(tmp_path):
    (tmp_path / ".gitignore").write_text("/.vaultkit/\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert not [line for line in result.output.splitlines() if line.endswith(".gitignore")]
    assert (tmp_path / ".gitignore").read_text() == "/.vaultkit/\n"


def test_init_below_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "notes").write_text("a file")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "notes" / "vault")])
    assert (result.exit_code, result.output) == (
        2,
        f"vaultkit: cannot set up {tmp_path / 'notes' / 'vault'}: Not a directory\n",
    )


def test_init_in_an_existing_vault_writes_what_it_found_and_moves_nothing(vault):
    root = vault(
        {
            "Cards/People/Ann.md": "---\nGeburtstag: 1980-01-02\n---\n",
            "Notes/Bo.md": "---\ntags: [person]\n---\n",
            "Daily/2026-11-01.md": "Met [[Ann]]\n",
        }
    )
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    text = (root / ".vaultkit.toml").read_text()
    assert text.startswith(
        "# vaultkit read this vault as it is, with no settings, and found:\n"
        "#   2 contacts: 1 in People/, 1 by tag person\n"
        "#   properties read as vaultkit's fields: Geburtstag as birthday\n"
    )
    assert not (root / "People").exists()  # the vault keeps its own folders
    assert sorted(load_index(root).contacts) == ["Ann", "Bo"]  # the config reads the vault as before
    check = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert (check.exit_code, check.output.splitlines()[-1]) == (
        0,
        "checked 3 notes (2 contacts): 0 errors, 0 warnings",
    )


def test_init_puts_the_contact_template_in_the_templates_folder_obsidian_uses(vault):
    root = vault({".obsidian/templates.json": '{"folder": "Meta/Vorlagen"}', "Personen/Ann.md": ""})
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "Meta/Vorlagen/Contact.md").is_file() and not (root / "Templates").exists()
    assert '\n# templates = "Templates"' in (root / ".vaultkit.toml").read_text()
    assert CliRunner().invoke(cli, ["--vault", str(root), "check"]).exit_code == 0


def test_new_fills_in_the_template_init_wrote_as_the_user_edited_it(tmp_path):
    CliRunner().invoke(cli, ["init", str(tmp_path)])
    template = tmp_path / "Templates/Contact.md"
    shipped = template.read_text()
    assert 'met: "{{date}}"' not in shipped and "\nmet:\n" in shipped  # no invented day of meeting
    template.write_text(shipped.replace("circle: network\n", "circle: close\nsource: {{date}}\n"))
    result = CliRunner().invoke(cli, ["--vault", str(tmp_path), "new", "Ada", "--today", "2026-11-21"])
    assert result.output == "created People/Ada.md\n"
    assert (tmp_path / "People/Ada.md").read_text() == (
        template.read_text().replace("{{title}}", "Ada").replace("{{date}}", "2026-11-21")
    )


def test_init_keeps_the_contact_template_a_vault_has_and_says_new_uses_it(vault):
    root = vault({"Templates/contact.md": "---\ntags: [person]\n---\n"})
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert (
        f"kept {root}/Templates/contact.md (exists; vaultkit new and import fill it in; edit it as you like)"
        in (result.output.splitlines())
    )
    assert sorted(path.name for path in (root / "Templates").iterdir()) == ["contact.md"]


def test_init_in_an_empty_obsidian_vault_writes_the_template_where_obsidian_looks(vault):
    root = vault({".obsidian/templates.json": '{"folder": "Vorlagen"}'})
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert (root / "Vorlagen/Contact.md").is_file() and not (root / "Templates").exists()
    assert CliRunner().invoke(cli, ["--vault", str(root), "new", "Ada"]).exit_code == 0
    assert (root / "People/Ada.md").read_text().startswith('---\nname: "Ada"\n')
