"""Check what a user types — a field value, a log entry, a tag, a name — before a note is read.

Each check returns the value to write or raises InvalidValue with a message fit to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from vaultkit.cadence import add, born_after
from vaultkit.config import Config
from vaultkit.edit import yamltext
from vaultkit.edit.filenames import note_stem
from vaultkit.edit.notetext import ValueLine
from vaultkit.edit.propertytypes import LIST_TYPES
from vaultkit.edit.yamltext import Scalar
from vaultkit.errors import VaultkitError
from vaultkit.fields import field_for, near_miss
from vaultkit.language import N_, _, date_text
from vaultkit.model import Duration
from vaultkit.parse.note import DATE_FIELDS, KIND_WORD, LIST_FIELDS, STATUSES, has_any_tag
from vaultkit.values import (
    NotARealDate,
    parse_birthday,
    parse_date,
    parse_duration,
    parse_flag,
    said,
)
from vaultkit.words import listed

LIST_KEYS = (*LIST_FIELDS, "tags", "categories", "people")
# Dates of what has happened: none of them can be after today.
# Dates that cannot be after today, and what to write instead.
PAST_FIELDS = {
    "last_contact": N_("a planned contact is next_contact"),
    "met": N_("a planned contact is next_contact"),
    "connected": N_("a connection is made on a day that has been"),
    "reviewed": N_("a review is done on a day that has been"),
}
# Fields whose values vaultkit checks by its own rules, whatever type Obsidian gives them.
_OWN_FIELDS = (
    *DATE_FIELDS,
    "date",
    "birthday",
    "anniversary",
    "cadence",
    "cadence_max",
    "circle",
    "status",
    "paused",
)
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Text whose first word ends in `:` would be read back as the kind (see parse.note.KIND_WORD).
_READS_AS_KIND = re.compile(rf"({KIND_WORD.pattern}):(?:\s|$)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")


class InvalidValue(VaultkitError, ValueError):
    """A value given on the command line does not fit its field."""


@dataclass(frozen=True)
class NewLogEntry:
    """What `log` adds: `- DATE kind: TEXT #gave`."""

    date: date
    text: str
    kind: str | None = None
    balance: Literal["gave", "got"] | None = None


def new_log_entry(
    when: date | None,
    today: date,
    text: str,
    kind: str | None = None,
    balance: Literal["gave", "got"] | None = None,
) -> NewLogEntry:
    """An entry dated `when`, or today; the log holds what happened, so not a day after today."""
    if when is not None and when > today:
        raise InvalidValue(
            _(
                "the date {date} is after today ({today}); the log holds what happened, a planned "
                "contact is next_contact"
            ).format(date=date_text(when), today=date_text(today))
        )
    return NewLogEntry(when or today, text, kind, balance)


def field_value(
    key: str,
    text: str,
    config: Config,
    obsidian_type: str | None = None,
    today: date | None = None,
    *,
    as_written: bool = False,
) -> Scalar:
    """What `set KEY VALUE` writes, or None to clear. vaultkit's own fields are checked by
    vaultkit's rules (with `today`, a contact cannot have happened after it); any other
    property takes the type Obsidian gives it (`propertytypes`): a number, a boolean, a date,
    or text. A key one letter away from a field (`birtday`) is refused, unless `as_written`."""
    _check_key(key)
    known = field_for(key, config.field_aliases)
    field = known or key
    if known is None and not as_written and obsidian_type is None and (close := near_miss(key)):
        raise InvalidValue(
            _("{key} is not a field vaultkit reads; did you mean {close}? (--force writes {field})").format(
                key=repr(key), close=close, field=key
            )
        )
    if field in LIST_KEYS or (field not in _OWN_FIELDS and obsidian_type in LIST_TYPES):
        raise InvalidValue(
            _("{key} holds a list; set changes single values, so edit the list in the note").format(key=key)
        )
    value = one_line(text, key, empty_ok=True)
    if not value:
        return None
    try:
        if field in _OWN_FIELDS:
            return _own_field(field, value, config, today)
        return _typed(value, obsidian_type)
    except ValueError as exc:
        raise InvalidValue(f"{key}: {said(exc)}") from None


def _own_field(field: str, value: str, config: Config, today: date | None) -> Scalar:
    """`value` checked; a date, however typed (`21.11.2026`, `17. Mai`), written as ISO: what
    vaultkit writes into a note reads the same in any language and in Obsidian."""
    if field in (*DATE_FIELDS, "date"):
        day = parse_date(value)
        if field in PAST_FIELDS and today is not None and day > today:
            raise ValueError(
                _("{date} is after today ({today}); {instead}").format(
                    date=date_text(day), today=date_text(today), instead=_(PAST_FIELDS[field])
                )
            )
        return day.isoformat()
    elif field == "birthday":
        birthday = parse_birthday(value)
        if today is not None and born_after(birthday, today):
            raise ValueError(
                _("{date} is after today ({today}); a birth date is in the past").format(
                    date=date_text(date(birthday.year or 1, birthday.month, birthday.day)),
                    today=date_text(today),
                )
            )
        return birthday.iso()  # `--05-17` without a year, as vCard and ISO write it
    elif field == "anniversary":
        anniversary = parse_birthday(value)  # a day, with or without its year
        return anniversary.iso()
    elif field in ("cadence", "cadence_max"):
        parse_duration(value)
    elif field == "circle" and value not in config.circle_cadences:
        circles = list(config.circle_cadences)
        raise ValueError(
            _("{value} is not a circle; the config has {circles}").format(
                value=repr(value), circles=listed(circles)
            )
        )
    elif field == "status" and value.lower() not in STATUSES:
        raise ValueError(
            _("{value} is not one of {statuses}").format(value=repr(value), statuses=listed(STATUSES, "or"))
        )
    elif field == "paused":
        return parse_flag(value)
    return value


def _typed(value: str, obsidian_type: str | None) -> Scalar:
    """`value` as the type Obsidian gives the property; text when it gives none."""
    if obsidian_type == "number":
        if not _NUMBER.fullmatch(value):
            raise ValueError(
                _("expected a number like 3 or 2.5 (Obsidian's type for it), got {value}").format(
                    value=repr(value)
                )
            )
        return float(value) if "." in value else int(value)
    if obsidian_type == "checkbox":
        return parse_flag(value)
    if obsidian_type == "date":
        return parse_date(value).isoformat()
    if obsidian_type == "datetime" and not _is_datetime(value):
        raise ValueError(
            _("expected a date and time like 2026-11-21T14:30 (Obsidian's type for it), got {value}").format(
                value=repr(value)
            )
        )
    return value


def _is_datetime(text: str) -> bool:
    try:
        return bool(_DATETIME.fullmatch(text)) and bool(datetime.fromisoformat(text))
    except ValueError:
        return False


def snooze_date(text: str, today: date) -> date:
    """`2w`, `1m`… from today, or a date; not in the past."""
    try:
        until = parse_date(text.strip())
    except NotARealDate as exc:
        raise InvalidValue(exc.said()) from None
    except ValueError:
        until = _from_today(text, today)
    if until < today:
        raise InvalidValue(_("{date} is in the past").format(date=date_text(until)))
    return until


def _from_today(text: str, today: date) -> date:
    try:
        duration = parse_duration(text)
    except ValueError:
        raise InvalidValue(
            _("expected a duration like 2w or 1m, or a date like 2026-12-15, got {value}").format(
                value=repr(text)
            )
        ) from None
    if not isinstance(duration, Duration):
        raise InvalidValue(_("snooze needs a duration or a date; to stop reminders, set paused"))
    until = add(today, duration)
    if until == date.max:  # where calendar arithmetic stops
        raise InvalidValue(_("{duration} from today is past the year 9999").format(duration=text))
    return until


def log_line(entry: NewLogEntry, config: Config) -> str:
    """The entry as the log holds it, without the list marker; InvalidValue if it would not
    read back as meant."""
    text = one_line(entry.text, _("the log text"))
    if entry.kind is not None and not KIND_WORD.fullmatch(entry.kind):
        raise InvalidValue(
            _("the kind {kind} must be one word without ':' or '#' (call, coffee…)").format(
                kind=repr(entry.kind)
            )
        )
    if entry.kind is None and (match := _READS_AS_KIND.match(text)):
        raise InvalidValue(
            _(
                "the text starts with '{word}:', which the log reads as the kind of contact; pass "
                "--kind, or reword it"
            ).format(word=match[1])
        )
    if entry.balance:
        tag, marks = (
            (config.gave_tag, config.gave_tags)
            if entry.balance == "gave"
            else (config.got_tag, config.got_tags)
        )
        if not has_any_tag(text, marks):
            text += " " + tag
    return f"{entry.date.isoformat()} " + (f"{entry.kind}: " if entry.kind else "") + text


def _check_key(key: str) -> None:
    if key != key.strip() or not ValueLine.KEY.fullmatch(key + ":") or not yamltext.plain_key(key):
        raise InvalidValue(_("{key!r} cannot be written as a front-matter key").format(key=key))


def one_line(text: str, what: str, empty_ok: bool = False) -> str:
    """`text` stripped; InvalidValue (naming `what`) if it spans lines or is empty."""
    value = text.strip()
    if _LINE_BREAKS.search(value):
        raise InvalidValue(_("{what} must be one line").format(what=what))
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise InvalidValue(_("{what} is not valid text (check the terminal's encoding)").format(what=what))
    if not value and not empty_ok:
        raise InvalidValue(_("{what} is empty").format(what=what))
    return value


def file_stem(name: str) -> str:
    """The note file name for a new contact called `name` (see filenames)."""
    try:
        return note_stem(name)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


def checked_tag(tag: str) -> str:
    """A tag without its `#`, which must be one word."""
    tag = one_line(tag, _("a tag")).lstrip("#")
    if not tag or any(char.isspace() for char in tag):
        raise InvalidValue(
            _("the tag {tag!r} must be one word (Obsidian tags have no spaces)").format(tag=tag)
        )
    return tag
