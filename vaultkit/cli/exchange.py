"""`vaultkit export` (and, with the edit machinery, `vaultkit import`)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from vaultkit.cli.output import output_option, today_option, write_output
from vaultkit.cli.session import Session
from vaultkit.cli.source import file_argument, read_source
from vaultkit.words import counted, listed, printable, printable_json, shown


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["vcard", "csv", "json"]),
    required=True,
    help="vcard: vCard 4.0, one card per contact; csv: one row per contact; "
    "json: the whole index (vaultkit.export/1).",
)
@output_option
@today_option
@click.pass_obj
def export_command(session: Session, fmt: str, output: Path | None, today: date) -> None:
    """Export every contact as vCard, CSV or JSON."""
    from vaultkit.exchange.export import to_csv, to_json, to_vcard

    index = session.index
    if fmt == "vcard":
        text = to_vcard(index)
    elif fmt == "csv":
        text = to_csv(index, session.activity(today))
    else:
        document = to_json(index, session.activity(today))
        text = printable_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    session.tell_reading_problems()
    write_output(text, output)


@click.command("import")
@file_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["linkedin", "google", "vcard"]),
    help="The export's format (default: detected from its content).",
)
@click.option("--dry-run", is_flag=True, help="Say what would be created, filled and skipped; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (vaultkit.import/1).")
@today_option
@click.pass_obj
def import_command(
    session: Session, file: str, fmt: str | None, dry_run: bool, as_json: bool, today: date
) -> None:
    """Import contacts from LinkedIn's Connections.csv, a Google Contacts CSV or vCards.

    A record matches a contact by email, then by name or alias (case, accents and word order
    ignored). New people get a note from the contact template; known ones get the fields their
    note lacks. Nothing is overwritten: differing values are listed as conflicts, and names one
    letter away from a contact are left for you to check. Importing a file twice adds nothing.
    FILE may be - for standard input; its format is detected from the content all the same.
    """
    from vaultkit.edit import load_contact_template
    from vaultkit.exchange.importer import import_file

    source = read_source(file)
    template = load_contact_template(session.root, session.config)
    result = import_file(
        session.root,
        session.index,
        session.config,
        source.data,
        source.file_name,
        fmt,
        today,
        template,
        dry_run,
        time_of_day=datetime.now().time().replace(second=0, microsecond=0),
    )
    if as_json:
        click.echo(printable_json(json.dumps(result.as_json(), ensure_ascii=False, indent=2)))
        return
    for note in result.notes:
        _say(f"note: {note}", err=True)
    would = "would " if dry_run else ""
    for item in result.created:
        _say(f"{would}create {item['path']} ({item['where']})")
    for item in result.updated:
        fields = list(item["fields"])
        _say(f"{would}fill {item['path']}: {listed(fields)} ({item['where']})")
    for item in result.conflicts:
        verb = "are" if isinstance(item["note"], list) else "is"
        _say(
            f"conflict {item['contact']}: {item['field']} {verb} {_said(item['note'])} in the note, "
            f"{_said(item['import'])} in {item['where']}; not changed"
        )
    for item in result.skipped:
        _say(_skipped(item))
    skipped_fields = sum("field" in item for item in result.skipped)
    _say(
        f"{'dry run: ' if dry_run else ''}{len(result.created)} created, {len(result.updated)} "
        f"updated, {len(result.skipped) - skipped_fields} skipped, {counted(len(result.conflicts), 'conflict')}"
        + (f", {counted(skipped_fields, 'field')} skipped" if skipped_fields else "")
    )


def _say(line: str, err: bool = False) -> None:
    """One line of the summary: names and paths come from the export and the vault, so the line
    is made printable, and none of them can move the output or talk to the terminal."""
    click.echo(printable(line), err=err)


def _skipped(item: dict[str, str]) -> str:
    """`skip 'Ann Lee' (x.csv:3): …`, `skip the birthday of 'Ann Lee' (x.csv:3): …`."""
    if "field" in item:
        return f"skip the {item['field']} of {item['name']!r} ({item['where']}): {item['reason']}"
    if item["name"]:
        return f"skip {item['name']!r} ({item['where']}): {item['reason']}"
    return f"skip {item['where']}: {item['reason']}"


def _said(value: object) -> str:
    """`'Kiel'`, `'a@example.org' and 'b@example.org'`: a field's value in a conflict."""
    if isinstance(value, list):
        return listed([shown(item) for item in value])
    return shown(value)
