"""`vaultkit check`: validate the config and every note."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from vaultkit.activity import future_dates, people_without_notes
from vaultkit.atomic import stale_temp_files
from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.config import ConfigError
from vaultkit.errors import EXIT_FAILED
from vaultkit.index import likely_duplicates
from vaultkit.language import N_, _, number
from vaultkit.model import Diagnostic
from vaultkit.reports.understood import Understood, understood
from vaultkit.vault import links_out_of_vault
from vaultkit.words import counted, escaped, printable

CHECK_SCHEMA = "vaultkit.check/1"


@click.command(
    "check",
    help=N_(
        "Validate every note and the config.\n\n"
        "Prints one `path:line: error|warning CODE message` line per problem, then a summary. "
        "Exits 0 when clean, 1 when there are errors (with --strict: or warnings)."
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=N_("Output format."),
)
@click.option("--strict", is_flag=True, help=N_("Fail (exit 1) on warnings too."))
@today_option
@click.pass_obj
def command(session: Session, fmt: str, strict: bool, today: date) -> None:
    seen: Understood | None = None
    session.tell_config_warnings = False  # listed below with the rest
    session.links = []
    try:
        index = session.index
        diagnostics = [*index.diagnostics, *session.config.warnings, *future_dates(index, today)]
        diagnostics += people_without_notes(index)
        diagnostics += likely_duplicates(index)
        diagnostics += links_out_of_vault(session.root, session.links, session.config)
        diagnostics += _leftovers(session.root)
        files, contacts = index.files, len(index.contacts)
        seen = understood(index, session.config)
    except ConfigError as exc:
        diagnostics, files, contacts = exc.diagnostics, 0, 0
    diagnostics.sort(key=lambda d: (d.path, d.line, d.code))
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if fmt == "json":
        document = {
            "schema": CHECK_SCHEMA,
            "diagnostics": [d.as_json() for d in diagnostics],
            "files": files,
            "contacts": contacts,
            "understood": seen.as_json() if seen else None,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            click.echo(printable(diagnostic.format()))  # a file name may hold escape sequences
        for line in _understood(seen) if seen else ():
            click.echo(line)
        click.echo(_summary(files, contacts, errors, warnings))
    if errors or (strict and warnings):
        raise click.exceptions.Exit(EXIT_FAILED)


def _summary(files: int, contacts: int, errors: int, warnings: int) -> str:
    return _("checked {notes} ({contacts}): {errors}, {warnings}").format(
        notes=counted(files, "note", "notes"),
        contacts=counted(contacts, "contact", "contacts"),
        errors=counted(errors, "error", "errors"),
        warnings=counted(warnings, "warning", "warnings"),
    )


def _understood(seen: Understood) -> list[str]:
    """`contacts: 21 in People/, 3 by tag person; left out: 3 KIND: org` and
    `fields read: Geburtstag as birthday, company as org`."""
    lines = []
    if seen.found_by:
        found = ", ".join(_found_by(how, count) for how, count in seen.found_by)
        left = ", ".join(f"{number(count)} {what}" for what, count in seen.left_out)
        if left:
            lines.append(_("contacts: {found}; left out: {left}").format(found=found, left=left))
        else:
            lines.append(_("contacts: {found}").format(found=found))
    if seen.fields:
        read_as = ", ".join(
            _("{key} as {field}").format(key=key, field=field) for field, keys in seen.fields for key in keys
        )
        lines.append(_("fields read: {fields}").format(fields=read_as))
    if owner := seen.owner:
        lines.append(
            _("your own note: {path} ({news}, {offers}, {needs})").format(
                path=escaped(owner.path),
                news=counted(len(owner.news), "news item", "news items"),
                offers=counted(len(owner.offers), "offer", "offers"),
                needs=counted(len(owner.needs), "need", "needs"),
            )
        )
    return lines


def _found_by(how: str, count: int) -> str:
    """`21 in People/`, `3 by tag person`, `1 by categories people`: how many contacts a rule
    found (`how` as `contact_reason` says it)."""
    if how.startswith("folder "):
        return _("{count} in {folder}/").format(count=number(count), folder=how.removeprefix("folder "))
    if how.startswith("tag "):
        return _("{count} by tag {tag}").format(count=number(count), tag=how.removeprefix("tag "))
    # `categories people`, `type person`: the property and its value, as the note writes them.
    return _("{count} by {property}").format(count=number(count), property=how)


def _leftovers(root: Path) -> list[Diagnostic]:
    """vaultkit's own temp files that a killed write left, and saves it kept aside."""
    found = []
    for path in stale_temp_files(root):
        relative = path.relative_to(root).as_posix()
        if path.name.endswith(".saved"):
            template = N_(
                "a save vaultkit kept aside because the note changed while it wrote; compare it "
                "with the note, then delete it"
            )
        else:
            template = N_(
                "a write that was stopped half-way left this temp file; the note is whole: delete it"
            )
        found.append(Diagnostic.warning(relative, 1, "leftover-file", template))
    return found
