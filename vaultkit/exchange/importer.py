"""Import contacts: new notes for new people, empty fields filled for known ones, nothing overwritten.

Every write goes through the safe editor (`edit`): a new note from the contact template, or the
missing fields added line by line to an existing one. Differing values are reported, not applied.
A value that cannot be read, or that `set` would refuse (a `met` after today), is left out and
listed as a skipped field; the rest of its record is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from vaultkit.config import Config
from vaultkit.edit import (
    ContactTemplate,
    ContactTemplateError,
    Edit,
    EditRefused,
    InvalidValue,
    field_value,
    merge_fields,
    new_contact,
    read,
    write,
)
from vaultkit.exchange.matching import ONE_OR_MORE, Plan, plain, plan
from vaultkit.exchange.record import Record
from vaultkit.exchange.sources import FORMATS, SourceError, decode, detect
from vaultkit.exchange.sources import read as read_records
from vaultkit.fields import KNOWN_FIELDS
from vaultkit.language import N_, _
from vaultkit.model import Index
from vaultkit.values import shared_file_name

SCHEMA = "vaultkit.import/1"
NOTHING_TO_ADD = N_("nothing to add")  # ends the reason of a record that adds nothing


@dataclass
class ImportResult:
    source: str
    format: str
    dry_run: bool
    notes: list[str] = field(default_factory=list)  # e.g. the file was not UTF-8
    created: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # a record, or with "field" one value
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)  # fields not imported on purpose (photos)

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "notes": self.notes,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "conflicts": self.conflicts,
            "left_out": self.left_out,
        }


@dataclass(frozen=True)
class ImportSource:
    data: bytes
    name: str  # how messages name it: the file's name


def import_sources(
    root: Path,
    index: Index,
    config: Config,
    sources: list[ImportSource],
    given: str,
    fmt: str | None,
    today: date,
    template: ContactTemplate,
    dry_run: bool,
    time_of_day: time | None = None,
) -> ImportResult:
    """Plan the import of `sources` (one file, or the cards of a vdir folder, `given` as the
    user named it) as one, and, unless `dry_run`, write it; new notes get `time_of_day` as their
    template's `{{time}}`, midnight when not given."""
    records = []
    formats = []
    notes = []
    for source in sources:
        try:
            text, encoding_note = decode(source.data, source.name)
            detected = fmt or detect(text)
            if detected not in FORMATS:
                raise SourceError(
                    _(
                        "{file}:1: not a LinkedIn, Google Contacts, Outlook or vCard export; "
                        "name the format with --format"
                    ).format(file=source.name)
                )
            records += read_records(text, detected, source.name)
        except SourceError as exc:
            if len(sources) == 1:
                raise
            notes.append(
                _("{problem}; this file is left out, the others are read").format(problem=exc)
            )  # one card of a vdir
            continue
        notes += [encoding_note] if encoding_note else []
        formats.append(detected)
    if not formats:
        raise SourceError(
            _("{source}: none of its {count} files could be read, so nothing was imported").format(
                source=given, count=len(sources)
            )
        )
    result = ImportResult(given, formats[0] if len(set(formats)) == 1 else "mixed", dry_run, notes)
    return import_records(root, index, config, records, result, today, template, time_of_day)


def import_records(
    root: Path,
    index: Index,
    config: Config,
    records: list[Record],
    result: ImportResult,
    today: date,
    template: ContactTemplate,
    time_of_day: time | None = None,
) -> ImportResult:
    """Match `records` against the vault and bring in what they add, into `result` (which says
    whether this is a dry run)."""
    dry_run = result.dry_run
    result.skipped += [
        {"name": "", "where": r.where, "reason": _why_nameless(r)} for r in records if not r.name
    ]
    for step in plan([record for record in records if record.name], index):
        edit = _edit_for(step, root, index, config, today, template, result, time_of_day)
        if edit is None:
            continue
        if not dry_run:
            try:
                write(root, edit, config.linked_folders)
            except EditRefused as exc:
                result.skipped.append(_skip(step, str(exc)))
                continue
        _record(step, edit, result)
    return result


def _edit_for(
    step: Plan,
    root: Path,
    index: Index,
    config: Config,
    today: date,
    template: ContactTemplate,
    result: ImportResult,
    time_of_day: time | None,
) -> Edit | None:
    record = step.record
    result.skipped += [_skip(step, reason, key) for key, reason in record.unreadable]
    result.left_out += [
        {"name": record.name, "where": record.where, "field": key, "reason": why}
        for key, why in step.left_out
    ]
    for key, in_note, imported in step.conflicts:
        result.conflicts.append(
            {
                "contact": step.contact,
                "field": key,
                "note": in_note,
                "import": imported,
                "where": record.where,
            }
        )
    if step.outcome == "duplicate":
        why = _("the same person as {other}: what it adds is brought in with that one").format(
            other=step.same_as
        )
        result.skipped.append(_skip(step, why))
    elif step.outcome == "near":
        result.skipped.append(
            _skip(
                step,
                step.why_near
                or _("close to the name of {contact}; check by hand").format(contact=step.contact),
            )
        )
    elif step.outcome == "unchanged":
        result.skipped.append(_skip(step, _already_there(step.contact)))
    try:
        if step.outcome == "create":
            values = _values(step, step.fill, config, today, result)
            lists = dict(step.add)
            tags = lists.pop("tags", [])
            fields = [*values.items(), *((key, _one_or_list(key, items)) for key, items in lists.items())]
            fields.sort(
                key=lambda pair: KNOWN_FIELDS.index(pair[0]) if pair[0] in KNOWN_FIELDS else len(KNOWN_FIELDS)
            )
            return new_contact(
                index,
                config,
                record.name,
                tags=tags,
                fields=fields,
                today=today,
                template=template,
                time_of_day=time_of_day,
                notes=step.notes,
            )
        if step.outcome == "update" and step.contact:
            if clash := shared_file_name(index, step.contact):
                result.skipped.append(_skip(step, _("{clash}; rename one of them").format(clash=clash)))
                return None
            values = _values(step, step.fill, config, today, result)
            if not (values or step.add or step.notes):
                result.skipped.append(_skip(step, _already_there(step.contact)))
                return None
            path = index.contacts[step.contact].path
            return merge_fields(path, read(root, path), config, fill=values, add=step.add, notes=step.notes)
    except (EditRefused, InvalidValue, ContactTemplateError) as exc:
        result.skipped.append(_skip(step, str(exc)))
    return None


def _why_nameless(record: Record) -> str:
    """Why a record is no contact: what its reader said (a card that never ends, an
    organisation), else that it has no name."""
    said = [
        why.removeprefix(f"{record.where}: ") for field, why in record.unreadable if field in ("card", "name")
    ]
    return "; ".join(said) or _("no name, so no contact to import")


def _already_there(contact: str | None) -> str:
    return _("already in the vault as {contact}, {nothing_to_add}").format(
        contact=contact, nothing_to_add=_(NOTHING_TO_ADD)
    )


def _one_or_list(key: str, items: list[str]) -> str | list[str]:
    """One email, phone, URL or address as a plain value, as people write it; more as a list."""
    return items[0] if len(items) == 1 and key in ONE_OR_MORE else items


def _record(step: Plan, edit: Edit, result: ImportResult) -> None:
    if step.outcome == "create":
        result.created.append({"name": step.record.name, "path": edit.path, "where": step.record.where})
    else:
        fields: dict[str, Any] = {c.key: c.new for c in edit.changes}
        if step.notes:
            fields["notes"] = "\n".join(step.notes)
        result.updated.append(
            {"contact": step.contact, "path": edit.path, "where": step.record.where, "fields": fields}
        )


def _values(
    step: Plan, fields: dict[str, Any], config: Config, today: date, result: ImportResult
) -> dict[str, Any]:
    """Record values as the editor writes them: checked text, or a list of texts. A value `set`
    would refuse (by the same rule: no birth date or `met` after `today`) is left out, and
    listed in `result` as a skipped field."""
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, list):
            values[key] = [str(item) for item in value]
            continue
        try:
            values[key] = field_value(key, plain(value), config, today=today)
        except InvalidValue as exc:
            result.skipped.append(_skip(step, str(exc).removeprefix(f"{key}: "), key))
    return values


def _skip(step: Plan, reason: str, key: str | None = None) -> dict[str, Any]:
    """A skipped record, or with `key` a skipped field of it."""
    skipped = {"name": step.record.name, "where": step.record.where, "reason": reason}
    return skipped if key is None else {**skipped, "field": key}
