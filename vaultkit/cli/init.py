"""`vaultkit init`: set up a vault with a config, a contacts folder and a contact template."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.atomic import replace, write_new
from vaultkit.cache.notes import CACHE_FOLDER
from vaultkit.config import CONFIG_NAME, Config, ConfigError, load_config
from vaultkit.edit import SHIPPED_TEMPLATE, find_contact_template, template_places
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.language import N_, _
from vaultkit.reports.understood import Understood, understood
from vaultkit.shipped import shipped_templates

BASE_NAME = "Contacts.base"  # an Obsidian Bases view of the contacts
CACHE_PATTERN = f"{CACHE_FOLDER.as_posix()}/"
TEMPLATE_USE = N_("vaultkit new and import fill it in; edit it as you like")


def _shipped(name: str) -> bytes:
    return (shipped_templates() / name).read_bytes()


@click.command(
    "init",
    help=N_(
        "Write .vaultkit.toml, the People/ folder, a contact template and Contacts.base into PATH.\n\n"
        "The contact template, Templates/Contact.md (or Contact.md in the templates folder Obsidian's "
        "settings name), is the one `vaultkit new` and `vaultkit import` fill in. Existing files are "
        "never overwritten; init exits 1 when there was nothing left to create."
    ),
)
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
def command(path: Path) -> None:
    defaults = Config()
    # A vault's own config is kept as it is; without one, init first looks at what is there.
    found = _understood(path) if path.is_dir() and not (path / CONFIG_NAME).exists() else None
    people = path / defaults.contact_folders[0]
    config = _config(path)
    # Where `new` and `import` look for the contact template, as Obsidian's template picker does.
    kept_template = find_contact_template(path, config)
    template = path / (kept_template or template_places(config)[0])
    obsidian_templates = config.obsidian_templates
    config_text = _shipped("vaultkit.toml")
    if found:
        # The vault's contacts are found where they are; a `folders` line would only add one.
        config_text = _found_lines(found).encode() + config_text.replace(
            b'\nfolders = ["People"]', b'\n# folders = ["People"]'
        )
    if obsidian_templates:  # Obsidian's templates folders are skipped anyway
        config_text = config_text.replace(b'\ntemplates = "Templates"', b'\n# templates = "Templates"')
    planned = [
        (path / CONFIG_NAME, config_text),
        *([] if kept_template else [(template, _shipped(SHIPPED_TEMPLATE))]),
        (path / BASE_NAME, _shipped(BASE_NAME)),
    ]
    if kept_template:
        click.echo(_("kept {path} (exists; {use})").format(path=template, use=_(TEMPLATE_USE)))
    created = []
    try:
        # An existing vault keeps its own layout: no People/ beside the folders it already uses.
        for folder in (
            (path, template.parent) if found and found[1].found_by else (path, people, template.parent)
        ):
            if not folder.is_dir():
                folder.mkdir(parents=True)
                created.append(f"{folder}/")
        for target, data in planned:
            try:
                write_new(target, data)
                created.append(f"{target} ({_(TEMPLATE_USE)})" if target == template else str(target))
            except FileExistsError:
                click.echo(_("kept {path} (exists)").format(path=target))
        ignored = _ignore_cache(path / ".gitignore")
    except OSError as exc:
        raise VaultkitError(
            _("cannot set up {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if ignored == "created":
        created.append(str(path / ".gitignore"))
    for item in created:
        click.echo(_("created {path}").format(path=item))
    if ignored == "added":
        click.echo(_("added {pattern} to {file}").format(pattern=CACHE_PATTERN, file=path / ".gitignore"))
    if not created and not ignored:
        click.echo("vaultkit: " + _("this vault is already set up; nothing was changed"), err=True)
        raise click.exceptions.Exit(EXIT_FAILED)


def _config(path: Path) -> Config:
    """The vault's config as far as init needs it; a config with problems is left to `check`."""
    try:
        return load_config(path)
    except ConfigError:
        return Config()


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


def _understood(path: Path) -> tuple[int, Understood] | None:
    """What vaultkit reads of an existing vault as it is; None for a folder without notes."""
    from vaultkit.index import load_index

    config = load_config(path)
    index = load_index(path, config)
    return (len(index.contacts), understood(index, config)) if index.files else None


def _found_lines(found: tuple[int, Understood]) -> str:
    """The config's first lines in an existing vault: what vaultkit understood without it, so
    that none of the settings below needs to be set for that."""
    contacts, seen = found
    lines = ["# vaultkit read this vault as it is, with no settings, and found:"]
    how = ", ".join(
        f"{count} in {rule.removeprefix('folder ')}/" if rule.startswith("folder ") else f"{count} by {rule}"
        for rule, count in seen.found_by
    )
    lines.append(f"#   {contacts} contacts" + (f": {how}" if how else ""))
    if seen.left_out:
        lines.append("#   left out: " + ", ".join(f"{count} {what}" for what, count in seen.left_out))
    if seen.fields:
        read_as = ", ".join(f"{key} as {field}" for field, keys in seen.fields for key in keys)
        lines.append(f"#   properties read as vaultkit's fields: {read_as}")
    lines.append("# Run `vaultkit check` to see it again; set something below only to change it.")
    return "\n".join(lines) + "\n\n"
