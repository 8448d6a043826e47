"""What every reader shares: the error, the draft a reader fills, addresses, and the finishing
that makes a Record safe to write (no control characters, no value twice)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from datetime import date
from typing import Any, TypeVar

from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.text import clean
from vaultkit.fields import field_for
from vaultkit.language import _
from vaultkit.model import Birthday
from vaultkit.values import parse_date
from vaultkit.words import printable

T = TypeVar("T")
_LIST_FIELDS = frozenset(item.name for item in fields(Record) if item.default == ())


class SourceError(VaultkitError):
    """The file cannot be read as contacts; the message names the file and line."""

    exit_code = EXIT_FAILED


class Draft:
    """The fields of one Record while a reader collects them, in the order the source has them."""

    def __init__(self, where: str, unit: str = "row") -> None:
        self.where = where
        self.unit = unit  # what messages call one record of the source: a row, a card
        self.single: dict[str, Any] = {}
        self.lists: dict[str, list[Any]] = defaultdict(list)

    def set(self, field: str, value: Any, label: str) -> None:
        """The field's value, if it has none yet; a different second value is kept in details
        as `label: value`, since a Record holds one."""
        if value is None or value == "":
            return
        current = self.single.get(field)
        if current is None:
            self.single[field] = value
        elif as_text(current).casefold() != as_text(value).casefold():
            self.detail(label, as_text(value))

    def has(self, field: str) -> bool:
        return self.single.get(field) is not None

    def add(self, field: str, values: Iterable[Any]) -> None:
        self.lists[field].extend(value for value in values if value)

    def detail(self, label: str, value: str) -> None:
        if value.strip():
            self.lists["details"].append((label, value))

    def leave_out(self, field: str, why: str) -> None:
        self.lists["left_out"].append((field, why))

    def unreadable(self, field: str, why: str) -> None:
        self.lists["unreadable"].append((field, why))

    def read(self, parse: Callable[[str], T], text: str, field: str) -> T | None:
        """What `parse` makes of `text`, or None (and the reason in `unreadable`) when it cannot:
        one unreadable value costs its field, not the record or the import."""
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.unreadable(field, str(exc))
            return None

    def record(self) -> Record:
        """The Record. Without a name, the first nickname is the name (and stays an alias); a
        record with only an organisation stays without one, and says it is no person."""
        if not self.has("name") and self.lists.get("aliases"):
            self.single["name"] = self.lists["aliases"][0]
        elif not self.has("name") and self.has("org"):
            if self.unit == "card":
                why = _("a card with only an organisation ({org}) is no person")
            else:
                why = _("a row with only an organisation ({org}) is no person")
            self.unreadable("name", why.format(org=self.single["org"]))
        values = {**self.single, **{key: tuple(items) for key, items in self.lists.items()}}
        values.setdefault("name", "")
        return Record(where=self.where, **values)


def date_field(label: str) -> str | None:
    """The vaultkit date a source's label for a date names, as a note's key would: `anniversary`
    (Anniversary, Jahrestag, Hochzeitstag) or `met` (met, first met, Kennengelernt); else None."""
    found = field_for(label, {})
    return found if found in ("anniversary", "met") else None


def full_date(text: str) -> date | None:
    """The day `text` gives, year and all; None when it gives none (a day they met has a year,
    so a date without one stays the detail it is)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def as_text(value: Any) -> str:
    if isinstance(value, Birthday):
        return value.iso()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def address_line(parts: dict[str, str], formatted: str = "", trusted: bool = False) -> tuple[str, str]:
    """One postal address on one line, and the source's own formatting of it when that had to be
    set aside. `parts` has street, extended, box, code, city, region, country (any may be empty);
    `formatted` is the address as the source laid it out (Google's Formatted, a vCard LABEL). It
    is the line when it holds every part (or the source is `trusted`, vaultkit's own export);
    else the parts make the line and the layout is returned too, so nothing is lost."""
    layout = ", ".join(line.strip() for line in formatted.splitlines() if line.strip())
    given = [part for part in parts.values() if part]
    if layout and (trusted or all(part.casefold() in layout.casefold() for part in given)):
        return layout, ""
    town = " ".join(filter(None, (parts.get("code", ""), parts.get("city", ""))))
    order = (parts.get("street"), parts.get("extended"), parts.get("box"), town)
    composed = ", ".join(filter(None, (*order, parts.get("region"), parts.get("country"))))
    return composed, layout


def add_addresses(draft: Draft, addresses: list[tuple[dict[str, str], str]], trusted: bool = False) -> None:
    """Each address (parts, formatted) as a line of `addresses`; the first city is `location`.
    An address that is nothing but that city is the location only, not an address line."""
    city = next((parts["city"] for parts, _ in addresses if parts.get("city")), "")
    draft.set("location", city, "City")
    for parts, formatted in addresses:
        line, layout = address_line(parts, formatted, trusted)
        if line.casefold() != city.casefold() or layout:
            draft.add("addresses", [line])
        draft.detail("Address as written", layout)


def finished(record: Record) -> Record:
    """`record` with its text free of control characters (an export's escape sequence, a window
    title, the clipboard, does not reach a note), line breaks only in `notes`, and each value of
    a list once (ignoring case), in the order the source has them."""
    changes: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if item.name == "notes" and value is not None:
            changes[item.name] = _clean_lines(value) or None
        elif item.name == "name":
            changes[item.name] = clean(value)
        elif isinstance(value, str):
            changes[item.name] = clean(value) or None
        elif item.name in _LIST_FIELDS:
            changes[item.name] = _once(filter(None, map(_cleaned, value)))
    return replace(record, **changes)


def _cleaned(value: Any) -> Any:
    """A list item without control characters; None when nothing is left of its value."""
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, Related):
        text = clean(value.value)
        return replace(value, value=text, kind=clean(value.kind or "") or None) if text else None
    label, text = map(clean, value)
    return (label, text) if text else None


def _once(values: Iterable[Any]) -> tuple[Any, ...]:
    seen: set[str] = set()
    kept = []
    for value in values:
        key = repr(_folded(value))
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return tuple(kept)


def _folded(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, Related):
        return (value.value.casefold(), (value.kind or "").casefold(), value.is_uid)
    return tuple(part.casefold() for part in value)


def _clean_lines(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(printable(line, instead="").rstrip() for line in lines).strip()
