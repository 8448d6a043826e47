from click.testing import CliRunner

from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index


def test_init_creates_config_people_folder_and_template(tmp_path):
    target = tmp_path / "vault"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"created {target}/", f"created {target}/People/", f"created {target}/Templates/",
        f"created {target}/.vaultkit.toml", f"created {target}/Templates/Contact.md",
        f"created {target}/Contacts.base",
    ]
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
