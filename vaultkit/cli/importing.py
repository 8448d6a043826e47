"""`vaultkit import`: contacts from LinkedIn, Google Contacts or vCards, into the vault."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.cli.source import read_source
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.exchange.importer import NOTHING_TO_ADD
from vaultkit.exchange.sources import FORMATS
from vaultkit.language import N_
from vaultkit.words import counted, listed, printable, printable_json, shown

if TYPE_CHECKING:
    from vaultkit.exchange.importer import ImportSource


@click.command(
    "import",
    help=N_(
        "Import contacts from LinkedIn's Connections.csv, a Google Contacts or Outlook CSV, or vCards.\n\n"
        "A record matches a contact by email, then by name or alias (case, accents and word order "
        "ignored). New people get a note from the contact template; known ones get the fields their "
        "note lacks, and the emails, phones, nicknames and tags it does not list yet. Free text (an "
        "address book's notes) goes under the note's ## Notes heading. Nothing is overwritten: "
        "differing values are listed as conflicts, and names one letter away from a contact are "
        "left for you to check. Importing a file twice adds nothing; photos are not imported.\n\n"
        "FILE may be - for standard input, or a folder of .vcf cards (a vdir, as vdirsyncer keeps "
        "an address book); the format is detected from the content all the same."
    ),
)
@click.argument("file", type=click.Path(exists=True, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help=N_("The export's format (default: detected from its content)."),
)
@click.option(
    "--dry-run", is_flag=True, help=N_("Say what would be created, filled and skipped; write nothing.")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print the summary as JSON (vaultkit.import/1)."))
@today_option
@click.pass_obj
def import_command(
    session: Session, file: str, fmt: str | None, dry_run: bool, as_json: bool, today: date
) -> None:
    from vaultkit.edit import load_contact_template
    from vaultkit.exchange.importer import import_sources

    template = load_contact_template(session.root, session.config)
    result = import_sources(
        session.root,
        session.index,
        session.config,
        _sources(file),
        file,
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
        _say(
            f"conflict {item['contact']}: {item['field']} is {shown(item['note'])} in the note, "
            f"{shown(item['import'])} in {item['where']}; not changed"
        )
    unchanged = [item for item in result.skipped if item["reason"].endswith(NOTHING_TO_ADD)]
    for item in result.skipped:
        if item not in unchanged:
            _say(_skipped(item))
    if len(unchanged) == 1:
        _say(_skipped(unchanged[0]))
    elif unchanged:  # an address book imported again: one line, not one a card
        _say(f"skip {len(unchanged)} already in the vault, with nothing to add (--json lists them)")
    for (field, why), count in Counter((item["field"], item["reason"]) for item in result.left_out).items():
        _say(f"{would}leave out {counted(count, _in_words(field))}: {why}")
    skipped_fields = sum("field" in item for item in result.skipped)
    _say(
        f"{'dry run: ' if dry_run else ''}{len(result.created)} created, {len(result.updated)} "
        f"updated, {len(result.skipped) - skipped_fields} skipped, {counted(len(result.conflicts), 'conflict')}"
        + (f", {counted(skipped_fields, 'field')} skipped" if skipped_fields else "")
    )


def _sources(file: str) -> list[ImportSource]:
    """FILE's bytes, or the cards of the folder FILE, by name. A card of the folder that cannot
    be read is said on stderr and left out; the others are imported."""
    from vaultkit.exchange.importer import ImportSource

    folder = Path(file)
    if file == "-" or not folder.is_dir():
        source = read_source(file)
        return [ImportSource(source.data, source.file_name)]
    sources = []
    for card in sorted(folder.iterdir()):
        if card.suffix.lower() != ".vcf" or card.name.startswith("."):
            continue
        try:
            sources.append(ImportSource(card.read_bytes(), card.name))
        except OSError as exc:
            _say(f"{card}: cannot be read ({exc.strerror or exc}); left out", err=True)
    if not sources:
        raise VaultkitError(
            f"{file}: no .vcf cards in this folder to read, so nothing to import", EXIT_FAILED
        )
    return sources


def _say(line: str, err: bool = False) -> None:
    """One line of the summary: names and paths come from the export and the vault, so the line
    is made printable, and none of them can move the output or talk to the terminal."""
    click.echo(printable(line), err=err)


def _skipped(item: dict[str, str]) -> str:
    """`skip 'Ann Lee' (x.csv:3): …`, `skip the birthday of 'Ann Lee' (x.csv:3): …`."""
    if "field" in item:
        return f"skip the {_in_words(item['field'])} of {item['name']!r} ({item['where']}): {item['reason']}"
    if item["name"]:
        return f"skip {item['name']!r} ({item['where']}): {item['reason']}"
    return f"skip {item['where']}: {item['reason']}"


# Fields as a summary line says them, where the field's name is no word (`met`, `how_met`).
_FIELD_WORDS = {
    "met": "day you met",
    "how_met": "how you met",
    "connected": "connection day",
    "last_contact": "last contact",
    "next_contact": "next contact",
    "snooze_until": "snooze date",
    "cadence_max": "longest cadence",
    "introduced_by": "introducer",
    "related": "relation",
    "url": "web address",
}


def _in_words(field: str) -> str:
    return _FIELD_WORDS.get(field, field.replace("_", " "))
