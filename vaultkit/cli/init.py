"""`vaultkit init`: set up a vault with a config, a contacts folder and a contact template."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.atomic import replace, write_new
from vaultkit.cache.notes import CACHE_FOLDER
from vaultkit.config import CONFIG_NAME, Config
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.shipped import shipped_templates

TEMPLATE_NOTE = "Contact.md"
BASE_NAME = "Contacts.base"  # an Obsidian Bases view of the contacts
CACHE_PATTERN = f"{CACHE_FOLDER.as_posix()}/"


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
    try:
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
        ignored = _ignore_cache(path / ".gitignore")
    except OSError as exc:
        raise VaultkitError(f"cannot set up {path}: {exc.strerror or exc}") from None
    if ignored == "created":
        created.append(str(path / ".gitignore"))
    for item in created:
        click.echo(f"created {item}")
    if ignored == "added":
        click.echo(f"added {CACHE_PATTERN} to {path / '.gitignore'}")
    if not created and not ignored:
        click.echo("vaultkit: this vault is already set up; nothing was changed", err=True)
        raise click.exceptions.Exit(EXIT_FAILED)


def _ignore_cache(gitignore: Path) -> str | None:
    """Keep the note cache out of git: "created" or "added" when .gitignore changed, else None."""
    entry = f"{CACHE_PATTERN}\n".encode()
    try:
        current = gitignore.read_bytes()
    except FileNotFoundError:
        write_new(gitignore, entry)
        return "created"
    lines = current.decode("utf-8", "replace").splitlines()
    patterns = {line.strip().strip("/") for line in lines}
    if {CACHE_PATTERN.rstrip("/"), CACHE_FOLDER.parts[0]} & patterns:
        return None
    separator = b"\n" if current and not current.endswith(b"\n") else b""
    replace(gitignore, current + separator + entry)
    return "added"
