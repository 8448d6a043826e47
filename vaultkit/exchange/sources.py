"""Read contact exports into Records: LinkedIn Connections.csv, Google Contacts CSV, vCard.

Every reader is a pure function of the file's text; problems name the file and line (or record).
A value that cannot be read (a birthday that is no date) leaves its record without that field and
says why in `unreadable`; values reach the vault without control characters.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.model import Birthday
from vaultkit.values import parse_birthday
from vaultkit.words import printable

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("linkedin", "google", "vcard")
_LINKEDIN_HEADER = ("First Name", "Last Name")
_GOOGLE_NAMES = ("Name", "First Name", "Given Name", "Last Name", "Family Name", "File As")
_CARD_START = re.compile(r"(?im)^[ \t]*BEGIN:VCARD[ \t]*\r?$")
_VCARD_SKIPPED = re.compile(r"(?i)^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY|X-[\w-]*)[;:]")
T = TypeVar("T")


class SourceError(VaultkitError):
    """The file cannot be read as contacts; the message names the file and line."""

    exit_code = EXIT_FAILED


@dataclass(frozen=True)
class Record:
    where: str  # `file:line` of the record, for messages
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    org: str | None = None
    role: str | None = None
    birthday: Birthday | None = None
    tags: tuple[str, ...] = ()
    met: date | None = None
    how_met: str | None = None
    location: str | None = None
    aliases: tuple[str, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, why) of each value left out


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8 (the encoding it was read as)."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: {len(data):,} bytes is more than the {MAX_BYTES:,} an export can be")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "read as UTF-16"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if b"\x00" in data:
            raise SourceError(f"{name}:{line}: not a text file") from None
        return data.decode("cp1252", errors="replace"), f"{name}:{line}: not UTF-8, read as Windows-1252"


def detect(text: str) -> str | None:
    start = text.lstrip()[:4096]
    if start.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if start.startswith("Notes:") or _header_line(text).startswith("First Name,Last Name,URL"):
        return "linkedin"
    header = _header_line(text)
    if ("Given Name" in header or "First Name" in header) and (
        "E-mail 1" in header or "Labels" in header or "Group Membership" in header
    ):
        return "google"
    return None


def read(text: str, fmt: str, name: str) -> list[Record]:
    readers = {"linkedin": _linkedin, "google": _google, "vcard": _vcards}
    return [_without_controls(record) for record in readers[fmt](text, name)]


def _without_controls(record: Record) -> Record:
    """`record` with its text free of control characters: an export's escape sequence (a window
    title, the clipboard) or line break does not reach a note."""
    changes: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            changes[item.name] = _clean(value)
        elif isinstance(value, tuple) and all(isinstance(part, str) for part in value):
            changes[item.name] = tuple(clean for clean in map(_clean, value) if clean)
    return replace(record, **changes)


def _clean(text: str) -> str:
    return printable(text, instead="").strip()


def _readable(read: Callable[[str], T], text: str, field: str, unreadable: list[tuple[str, str]]) -> T | None:
    """What `read` makes of `text`, or None (and the reason in `unreadable`) when it cannot:
    one unreadable value costs its field, not the record or the import."""
    if not text:
        return None
    try:
        return read(text)
    except ValueError as exc:
        unreadable.append((field, str(exc)))
        return None


def _header_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].strip()


def _rows(text: str, name: str, skip_lines: int = 0) -> Iterator[tuple[int, dict[str, str]]]:
    lines = io.StringIO(text)
    for _ in range(skip_lines):
        lines.readline()
    reader = csv.DictReader(lines)
    try:
        if reader.fieldnames is None:  # reading the header line; None: the file is empty
            return
        while True:
            first_line = reader.line_num + 1  # a quoted cell may go on over several lines
            row = next(reader, None)
            if row is None:
                return
            yield first_line + skip_lines, {k.strip(): (v or "").strip() for k, v in row.items() if k}
    except csv.Error as exc:
        raise SourceError(f"{name}:{reader.line_num + skip_lines}: not valid CSV: {exc}") from None


def _linkedin(text: str, name: str) -> Iterator[Record]:
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if line.startswith(",".join(_LINKEDIN_HEADER))), None)
    if header is None:
        raise SourceError(f"{name}:1: no 'First Name,Last Name,…' header line in this LinkedIn export")
    for line, row in _rows(text, name, skip_lines=header):
        full = " ".join(filter(None, (row.get("First Name"), row.get("Last Name"))))
        if not full:
            yield Record(f"{name}:{line}", "")
            continue
        unreadable: list[tuple[str, str]] = []
        yield Record(
            where=f"{name}:{line}",
            name=full,
            emails=tuple(filter(None, [row.get("Email Address", "")])),
            org=row.get("Company") or None,
            role=row.get("Position") or None,
            met=_readable(_linkedin_date, row.get("Connected On", ""), "met", unreadable),
            how_met="LinkedIn",
            unreadable=tuple(unreadable),
        )


def _linkedin_date(text: str) -> date:
    for pattern in ("%d %b %Y", "%d-%b-%y", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'Connected On' {text!r} is not a date like 03 Mar 2024")


def _google(text: str, name: str) -> Iterator[Record]:
    if not set(_GOOGLE_NAMES) & set(next(csv.reader([_header_line(text)]), [])):
        raise SourceError(f"{name}:1: no Google Contacts header line (with Name, First Name or Given Name)")
    for line, row in _rows(text, name):
        given = row.get("First Name") or row.get("Given Name") or ""
        middle = row.get("Middle Name") or row.get("Additional Name") or ""
        family = row.get("Last Name") or row.get("Family Name") or ""
        full = row.get("Name") or " ".join(filter(None, (given, middle, family))) or row.get("File As", "")
        where = f"{name}:{line}"
        if not full:
            yield Record(where, "")
            continue
        unreadable: list[tuple[str, str]] = []
        yield Record(
            where=where,
            name=full,
            emails=_numbered(row, "E-mail"),
            phones=_numbered(row, "Phone"),
            org=row.get("Organization Name") or row.get("Organization 1 - Name") or None,
            role=row.get("Organization Title") or row.get("Organization 1 - Title") or None,
            birthday=_readable(parse_birthday, row.get("Birthday", ""), "birthday", unreadable),
            tags=_labels(row.get("Labels") or row.get("Group Membership") or ""),
            location=row.get("Address 1 - City") or None,
            aliases=tuple(filter(None, [row.get("Nickname", "")])),
            unreadable=tuple(unreadable),
        )


def _numbered(row: dict[str, str], kind: str) -> tuple[str, ...]:
    """`E-mail 1 - Value`, `E-mail 2 - Value`…; one cell may hold several joined by ` ::: `."""
    values: list[str] = []
    for number in range(1, 10):
        cell = row.get(f"{kind} {number} - Value")
        if cell is None:
            break
        values.extend(part.strip() for part in cell.split(":::") if part.strip())
    return tuple(values)


def _labels(cell: str) -> tuple[str, ...]:
    labels = [label.strip().lstrip("*").strip() for label in cell.split(":::")]
    return tuple(label for label in labels if label and label.lower() not in ("mycontacts", "starred"))


def _vcards(text: str, name: str) -> Iterator[Record]:
    import vobject  # only imports need it

    if not _CARD_START.search(text):
        raise SourceError(f"{name}:1: no BEGIN:VCARD in this file, so no vCards to import")
    for number, (line, card_text) in enumerate(_split_cards(text, name), start=1):
        where = f"{name}:{line}"
        try:
            card = vobject.readOne(card_text)
        except Exception as exc:  # vobject raises many kinds on malformed cards
            raise SourceError(f"{where}: card {number} cannot be read: {exc}") from None
        yield _card_record(card, where)


def _split_cards(text: str, name: str) -> Iterable[tuple[int, str]]:
    """Each card's first line and its text, without photos, sounds, keys and X- fields."""
    lines = _unfold(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    card: list[str] = []
    start = 0
    for number, line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            card, start = [line.strip()], number
        elif upper == "END:VCARD":
            if not card:
                raise SourceError(f"{name}:{number}: END:VCARD without BEGIN:VCARD")
            card.append("END:VCARD")
            yield start, "\r\n".join(card) + "\r\n"
            card = []
        elif card and line.strip() and not _VCARD_SKIPPED.match(line):
            card.append(line)
    if card:
        raise SourceError(f"{name}:{start}: card never ends (no END:VCARD)")


def _unfold(lines: list[str]) -> list[tuple[int, str]]:
    """Join folded lines (RFC 6350) and vCard 2.1 quoted-printable soft line breaks."""
    joined: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if joined and line[:1] in (" ", "\t"):
            joined[-1] = (joined[-1][0], joined[-1][1] + line[1:])
        elif joined and joined[-1][1].endswith("=") and "QUOTED-PRINTABLE" in joined[-1][1].upper():
            joined[-1] = (joined[-1][0], joined[-1][1][:-1] + line)
        else:
            joined.append((number, line))
    return joined


def _card_record(card: object, where: str) -> Record:
    contents = getattr(card, "contents", {})

    def values(key: str) -> list[object]:
        return [item.value for item in contents.get(key, [])]

    full = next((str(v).strip() for v in values("fn") if str(v).strip()), "")
    if not full and values("n"):
        name = values("n")[0]
        full = " ".join(filter(None, (getattr(name, "given", ""), getattr(name, "family", "")))).strip()
    if not full:
        return Record(where, "")
    org = values("org")
    org_name = (org[0][0] if isinstance(org[0], list) and org[0] else str(org[0])) if org else None
    categories = [
        c for value in values("categories") for c in (value if isinstance(value, list) else [value])
    ]
    bday = values("bday")
    unreadable: list[tuple[str, str]] = []
    cities = [getattr(a, "city", "") for a in values("adr")]
    nicknames = [str(v) for v in values("nickname")]
    return Record(
        where=where,
        name=full,
        emails=tuple(str(v).strip() for v in values("email") if str(v).strip()),
        phones=tuple(str(v).strip() for v in values("tel") if str(v).strip()),
        org=org_name or None,
        role=next((str(v) for v in values("title") if str(v).strip()), None),
        birthday=_readable(parse_birthday, _vcard_date(str(bday[0])) if bday else "", "birthday", unreadable),
        tags=tuple(str(c).strip() for c in categories if str(c).strip()),
        location=next((c for c in cities if c), None),
        aliases=tuple(n for n in nicknames if n.strip()),
        unreadable=tuple(unreadable),
    )


def _vcard_date(text: str) -> str:
    """vCard birthdays: 19840517, 1984-05-17, --0517, --05-17, with or without a time."""
    text = text.strip().split("T")[0]
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"--\d{4}", text):
        return f"--{text[2:4]}-{text[4:]}"
    return text
