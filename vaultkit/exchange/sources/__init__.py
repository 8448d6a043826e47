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
from vaultkit.language import ENGLISH, N_, _, number, speaking

__all__ = ["FORMATS", "MAX_BYTES", "SourceError", "decode", "detect", "read"]

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("linkedin", "google", "outlook", "vcard")
_READERS = {"linkedin": read_linkedin, "google": read_google, "outlook": read_outlook, "vcard": read_vcards}
# How messages call a file of each format, and the same after one of its kind (`not a Google
# Contacts one`).
_CALLED = {
    "linkedin": (N_("a LinkedIn export"), N_("a LinkedIn one")),
    "google": (N_("a Google Contacts export"), N_("a Google Contacts one")),
    "outlook": (N_("an Outlook export"), N_("an Outlook one")),
    "vcard": (N_("a vCard file"), N_("a vCard one")),
}


def _grouped(value: int) -> str:
    """`52,428,800`, `52.428.800`: a size in bytes, its thousands grouped."""
    return f"{value:,}" if speaking() == ENGLISH else number(value)


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8 (the encoding it was read as)."""
    if len(data) > MAX_BYTES:
        raise SourceError(
            _("{file}: {size} bytes is more than the {limit} an export can be").format(
                file=name, size=_grouped(len(data)), limit=_grouped(MAX_BYTES)
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), _("{file}: read as UTF-16").format(file=name)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
            why = _("it ends in the middle of a character") if exc.reason == "truncated data" else exc.reason
            raise SourceError(
                _("{place}: not valid UTF-16 ({why}), though it begins as UTF-16 does").format(
                    place=f"{name}:{line}", why=why
                )
            ) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if b"\x00" in data:
            raise SourceError(_("{place}: not a text file").format(place=f"{name}:{line}")) from None
        note = _("{place}: not UTF-8, read as Windows-1252").format(place=f"{name}:{line}")
        return data.decode("cp1252", errors="replace"), note


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
        one_kind = (found == "vcard") == (fmt == "vcard")  # an export, or a file of cards
        asked = _(_CALLED[fmt][1] if one_kind else _CALLED[fmt][0])
        raise SourceError(
            _("{file}:1: this is {this}, not {asked}; leave out --format, or give --format {found}").format(
                file=name, this=_(_CALLED[found][0]), asked=asked, found=found
            )
        )
    return [finished(record) for record in _READERS[fmt](text.removeprefix("\ufeff"), name)]
