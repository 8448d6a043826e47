"""Import contacts: new notes for new people, empty fields filled for known ones, nothing overwritten.

Every write goes through the safe editor (`edit`): a new note from the contact template, or the
missing fields added line by line to an existing one. Differing values are reported, not applied.
A value that cannot be read, or that `set` would refuse (a `met` after today), is left out and
listed as a skipped field; the rest of its record is imported.
"""

from __future__ import annotations

import re
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
    fill_fields,
    new_contact,
    read,
    write,
)
from vaultkit.exchange.matching import Plan, plan, record_fields
from vaultkit.exchange.sources import FORMATS, SourceError, decode, detect
from vaultkit.exchange.sources import read as read_records
from vaultkit.model import Birthday, Index
from vaultkit.values import shared_file_name

SCHEMA = "vaultkit.import/1"
_TAG_JUNK = re.compile(r"[^\w/-]+")


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
        }


def import_file(
    root: Path,
    index: Index,
    config: Config,
    data: bytes,
    source: str,
    fmt: str | None,
    today: date,
    template: ContactTemplate,
    dry_run: bool,
    time_of_day: time | None = None,
) -> ImportResult:
    """Plan the import of `data` (the file `source`) and, unless `dry_run`, write it; new notes
    get `time_of_day` as their template's `{{time}}`, midnight when not given."""
    text, encoding_note = decode(data, source)
    fmt = fmt or detect(text)
    if fmt not in FORMATS:
        raise SourceError(
            f"{source}:1: not a LinkedIn, Google Contacts or vCard export; name the format with --format"
        )
    result = ImportResult(source, fmt, dry_run, [encoding_note] if encoding_note else [])
    records = read_records(text, fmt, source)
    result.skipped += [
        {"name": "", "where": r.where, "reason": "no name, so no contact to import"}
        for r in records
        if not r.name
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
    for key, in_note, imported in step.conflicts:
        result.conflicts.append(
            {
                "contact": step.contact,
                "field": key,
                "note": _plain(in_note),
                "import": _plain(imported),
                "where": record.where,
            }
        )
    if step.outcome == "duplicate":
        result.skipped.append(_skip(step, "the same person appears earlier in this file"))
    elif step.outcome == "near":
        result.skipped.append(_skip(step, f"close to the name of {step.contact}; check by hand"))
    elif step.outcome == "unchanged":
        result.skipped.append(_skip(step, f"already in the vault as {step.contact}, nothing to add"))
    try:
        if step.outcome == "create":
            values = _values(step, record_fields(record), config, today, result)
            tags = [tag for tag in (_tag(t) for t in record.tags) if tag]
            return new_contact(
                index,
                config,
                record.name,
                tags=tags,
                fields=list(values.items()),
                today=today,
                template=template,
                time_of_day=time_of_day,
            )
        if step.outcome == "update" and step.contact:
            if clash := shared_file_name(index, step.contact):
                result.skipped.append(_skip(step, f"{clash}; rename one of them"))
                return None
            values = _values(step, step.fill, config, today, result)
            if not values:
                result.skipped.append(_skip(step, f"already in the vault as {step.contact}, nothing to add"))
                return None
            path = index.contacts[step.contact].path
            return fill_fields(path, read(root, path), values, config)
    except (EditRefused, InvalidValue, ContactTemplateError) as exc:
        result.skipped.append(_skip(step, str(exc)))
    return None


def _record(step: Plan, edit: Edit, result: ImportResult) -> None:
    if step.outcome == "create":
        result.created.append({"name": step.record.name, "path": edit.path, "where": step.record.where})
    else:
        result.updated.append(
            {
                "contact": step.contact,
                "path": edit.path,
                "where": step.record.where,
                "fields": {c.key: c.new for c in edit.changes},
            }
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
            values[key] = field_value(key, _plain(value), config, today=today)
        except InvalidValue as exc:
            result.skipped.append(_skip(step, str(exc).removeprefix(f"{key}: "), key))
    return values


def _plain(value: Any) -> Any:
    if isinstance(value, Birthday):
        return value.iso()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _tag(label: str) -> str:
    """A contact-book label as an Obsidian tag: one word, no `#`."""
    return _TAG_JUNK.sub("-", label.strip().lstrip("#")).strip("-")


def _skip(step: Plan, reason: str, key: str | None = None) -> dict[str, Any]:
    """A skipped record, or with `key` a skipped field of it."""
    skipped = {"name": step.record.name, "where": step.record.where, "reason": reason}
    return skipped if key is None else {**skipped, "field": key}
