"""`vaultkit init`: set up a vault with a config, a contacts folder and a contact template."""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import write_new
from ..config import CONFIG_NAME, Config
from ..shipped import shipped_templates

TEMPLATE_NOTE = "Contact.md"
BASE_NAME = "Contacts.base"  # an Obsidian Bases view of the contacts


def _shipped(name: str) -> bytes:
    return (shipped_templates() / name).read_bytes()


@click.command("init")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
def command(path: Path) -> None:
    """Write .vaultkit.toml, the People/ folder, a contact template and Contacts.base into PATH.

    Existing files are never overwritten; init exits 1 when there was nothing left to create.
    """
    defaults = Config()
    people = path / defaults.contact_folders[0]
    template = path / defaults.templates_folder / TEMPLATE_NOTE
    planned = [
        (path / CONFIG_NAME, _shipped("vaultkit.toml")),
        (template, _shipped("contact-template.md")),
        (path / BASE_NAME, _shipped(BASE_NAME)),
    ]
    created = []
    for folder in (path, people, template.parent):
        if not folder.is_dir():
            folder.mkdir(parents=True)
            created.append(f"{folder}/")
    for target, data in planned:
        try:
            write_new(target, data)
            created.append(str(target))
        except FileExistsError:
            click.echo(f"kept {target} (exists)")
    for item in created:
        click.echo(f"created {item}")
    if not created:
        click.echo("vaultkit: this vault is already set up; nothing was changed", err=True)
        raise click.exceptions.Exit(1)
