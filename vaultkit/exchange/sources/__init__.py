"""Read contact exports into Records: LinkedIn Connections.csv, Google Contacts CSV, Outlook CSV
(English or German), vCard 2.1, 3.0 and 4.0.

Every reader is a pure function of the file's text; problems name the file and line (or record).
Every value of the source lands in a Record field, in its `details` (a `label: value` line for
the note), or in its `left_out` (photos and the like, said so); what is read past on purpose
is listed in each reader's IGNORED_… constant. A value that cannot be read (a birthday that is
no date, a vCard line that is no property) leaves its record without it and says why in
`unreadable`; a card that cannot be read at all (one that never ends) is a record without a name
whose `unreadable` is ("card", why), and a SourceError only when it is the file's one card. A
record without a name takes its first nickname; one with only an organisation stays nameless,
its `unreadable` saying ("name", why). Values reach the vault without control characters.
"""

from __future__ import annotations

from vaultkit.exchange.record import Record
from vaultkit.exchange.sources.common import SourceError, finished
from vaultkit.exchange.sources.google import read_google
from vaultkit.exchange.sources.linkedin import read_linkedin
from vaultkit.exchange.sources.outlook import is_outlook, read_outlook
from vaultkit.exchange.sources.tables import header_cells
from vaultkit.exchange.sources.vcards import read_vcards

__all__ = ["FORMATS", "MAX_BYTES", "SourceError", "decode", "detect", "read"]

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("linkedin", "google", "outlook", "vcard")
_READERS = {"linkedin": read_linkedin, "google": read_google, "outlook": read_outlook, "vcard": read_vcards}
# How messages call each format: (the format, what a file of it is).
_CALLED = {
    "linkedin": ("a LinkedIn", "export"),
    "google": ("a Google Contacts", "export"),
    "outlook": ("an Outlook", "export"),
    "vcard": ("a vCard", "file"),
}


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8 (the encoding it was read as)."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: {len(data):,} bytes is more than the {MAX_BYTES:,} an export can be")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), f"{name}: read as UTF-16"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
            why = "it ends in the middle of a character" if exc.reason == "truncated data" else exc.reason
            raise SourceError(
                f"{name}:{line}: not valid UTF-16 ({why}), though it begins as UTF-16 does"
            ) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if b"\x00" in data:
            raise SourceError(f"{name}:{line}: not a text file") from None
        return data.decode("cp1252", errors="replace"), f"{name}:{line}: not UTF-8, read as Windows-1252"


def detect(text: str) -> str | None:
    start = text.lstrip("\ufeff \t\r\n")[:4096]
    if start.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    header = header_cells(text)
    if (
        start.startswith("Notes:")
        or header[:3] == ["First Name", "Last Name", "URL"]
        or "Connected On" in header
    ):
        return "linkedin"
    if is_outlook(header):
        return "outlook"
    if ("Given Name" in header or "First Name" in header) and (
        any(cell.startswith("E-mail 1") for cell in header)
        or "Labels" in header
        or "Group Membership" in header
    ):
        return "google"
    return None


def read(text: str, fmt: str, name: str) -> list[Record]:
    """The records of `text`, read as `fmt`; a file `detect` knows as another format is refused,
    since read as this one its emails and phones would end up as details."""
    found = detect(text)
    if found is not None and found != fmt:
        (this, kind), (asked, asked_kind) = _CALLED[found], _CALLED[fmt]
        raise SourceError(
            f"{name}:1: this is {this} {kind}, not {asked} {'one' if asked_kind == kind else asked_kind}; "
            f"leave out --format, or give --format {found}"
        )
    return [finished(record) for record in _READERS[fmt](text.removeprefix("\ufeff"), name)]
