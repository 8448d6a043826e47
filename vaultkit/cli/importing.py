"""`vaultkit import`: contacts from LinkedIn, Google Contacts or vCards, into the vault."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cli.output import today_option, write_output
from vaultkit.cli.session import Session
from vaultkit.cli.source import read_source
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.exchange.importer import NOTHING_TO_ADD
from vaultkit.exchange.sources import FORMATS
from vaultkit.language import N_, _, n_
from vaultkit.words import counted, listed, printable, printed_json, shown

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
        write_output(printed_json(result.as_json()), None)
        return
    for note in result.notes:
        _say(_("note: {note}").format(note=note), err=True)
    create = _("would create {path} ({where})") if dry_run else _("create {path} ({where})")
    for item in result.created:
        _say(create.format(path=item["path"], where=item["where"]))
    fill = _("would fill {path}: {fields} ({where})") if dry_run else _("fill {path}: {fields} ({where})")
    for item in result.updated:
        _say(fill.format(path=item["path"], fields=listed(list(item["fields"])), where=item["where"]))
    for item in result.conflicts:
        _say(
            _(
                "conflict {contact}: {field} is {in_note} in the note, {imported} in {where}; not changed"
            ).format(
                contact=item["contact"],
                field=item["field"],
                in_note=shown(item["note"]),
                imported=shown(item["import"]),
                where=item["where"],
            )
        )
    unchanged = [item for item in result.skipped if item["reason"].endswith(_(NOTHING_TO_ADD))]
    for item in result.skipped:
        if item not in unchanged:
            _say(_skipped(item))
    if len(unchanged) == 1:
        _say(_skipped(unchanged[0]))
    elif unchanged:  # an address book imported again: one line, not one a card
        _say(
            _("skip {count} already in the vault, with nothing to add (--json lists them)").format(
                count=len(unchanged)
            )
        )
    leave_out = _("would leave out {fields}: {why}") if dry_run else _("leave out {fields}: {why}")
    for (field, why), count in Counter((item["field"], item["reason"]) for item in result.left_out).items():
        _say(leave_out.format(fields=_counted_field(count, field), why=why))
    skipped_fields = sum("field" in item for item in result.skipped)
    said = [
        _("{count} created").format(count=len(result.created)),
        _("{count} updated").format(count=len(result.updated)),
        _("{count} skipped").format(count=len(result.skipped) - skipped_fields),
        counted(len(result.conflicts), "conflict", "conflicts"),
    ]
    if skipped_fields:
        said.append(
            n_("{count} field skipped", "{count} fields skipped", skipped_fields).format(count=skipped_fields)
        )
    summary = ", ".join(said)
    _say(_("dry run: {summary}").format(summary=summary) if dry_run else summary)


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
            _say(
                _("{file}: cannot be read ({reason}); left out").format(
                    file=card, reason=exc.strerror or exc
                ),
                err=True,
            )
    if not sources:
        raise VaultkitError(
            _("{folder}: no .vcf cards in this folder to read, so nothing to import").format(folder=file),
            EXIT_FAILED,
        )
    return sources


def _say(line: str, err: bool = False) -> None:
    """One line of the summary: names and paths come from the export and the vault, so the line
    is made printable, and none of them can move the output or talk to the terminal."""
    click.echo(printable(line), err=err)


def _skipped(item: dict[str, str]) -> str:
    """`skip 'Ann Lee' (x.csv:3): …`, `skip the birthday of 'Ann Lee' (x.csv:3): …`."""
    if "field" in item:
        return _("skip the {field} of {name!r} ({where}): {reason}").format(
            field=_in_words(item["field"]), name=item["name"], where=item["where"], reason=item["reason"]
        )
    if item["name"]:
        return _("skip {name!r} ({where}): {reason}").format(
            name=item["name"], where=item["where"], reason=item["reason"]
        )
    return _("skip {where}: {reason}").format(where=item["where"], reason=item["reason"])


# Fields as a summary line says them, where the field's name is no word (`met`, `how_met`), or
# not one in the language spoken.
_FIELD_WORDS = {
    "met": N_("day you met"),
    "how_met": N_("how you met"),
    "connected": N_("connection day"),
    "last_contact": N_("last contact"),
    "next_contact": N_("next contact"),
    "snooze_until": N_("snooze date"),
    "cadence_max": N_("longest cadence"),
    "introduced_by": N_("introducer"),
    "related": N_("relation"),
    "url": N_("web address"),
}


def _in_words(field: str) -> str:
    return _(_FIELD_WORDS[field]) if field in _FIELD_WORDS else field.replace("_", " ")


def _counted_field(count: int, field: str) -> str:
    """`2 photos`, `1 relation`: how many values of `field` a line speaks of."""
    return _COUNTED[field](count) if field in _COUNTED else counted(count, _in_words(field))


# The fields an import leaves out on purpose, counted.
_COUNTED: dict[str, Callable[[int], str]] = {
    "photo": lambda count: counted(count, "photo", "photos"),
    "logo": lambda count: counted(count, "logo", "logos"),
    "sound": lambda count: counted(count, "sound", "sounds"),
    "key": lambda count: counted(count, "key", "keys"),
    "related": lambda count: counted(count, "relation", "relations"),
}
