"""The vault's contacts as a vdir: a folder of `.vcf` files, one card each, the format vdirsyncer
syncs with a CardDAV address book (https://vdirsyncer.pimutils.org/en/stable/vdir.html).

What is in the folder is the phone's as much as the vault's, so vaultkit is careful with it:

- A card is found by the UID inside it, whatever its file's name; a contact that has none yet gets
  a file named after its UID (safe characters only, never the name of another file).
- A card is written atomically, and only when its bytes change: the same vault gives the same
  bytes, so an export after an export changes nothing.
- A card vaultkit did not write (its PRODID is not vaultkit's: vdirsyncer brought it from the
  phone, or the phone changed it) is never removed, and is overwritten only when the vault
  already holds everything it holds (as `vaultkit import` would see it). Else it is left alone,
  and the run says so: importing it first brings its news into the vault.
- A card vaultkit wrote is removed when its contact is gone from the vault, and only then. A
  note that could not be read completely is no proof of that: its card stays, and is not
  rewritten from what could be read.
- Files that are not `.vcf`, dot files and folders are none of vaultkit's business.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.atomic import FileChanged, ReadOnly, replace, write_new
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.exchange.matching import plan
from vaultkit.exchange.record import Record
from vaultkit.exchange.sources import SourceError, read
from vaultkit.exchange.vcard_out import card_text, card_uid
from vaultkit.exchange.vcardmap import PRODID
from vaultkit.model import Contact, Index
from vaultkit.values import fold
from vaultkit.words import counted, escaped, listed

EXTENSION = ".vcf"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_LONGEST_STEM = 120  # well below any file system's limit of 255 bytes, with room for a suffix
_ESCAPE = re.compile(r"\\(.)")
_PROPERTY = re.compile(r"(?i)^(?:[\w-]+\.)?([\w-]+)[;:]")


class VdirError(VaultkitError):
    """DIR cannot be used or written: the message names it."""

    exit_code = EXIT_FAILED


@dataclass
class VdirResult:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    # One message per card in DIR that vaultkit would have written or removed but did not.
    left_alone: list[str] = field(default_factory=list)
    # One message per contact that has no card written: a note not read completely, a UID twice.
    not_written: list[str] = field(default_factory=list)
    others: int = 0  # cards vaultkit did not write, of no contact in the vault

    def summary(self, shown_as: str) -> str:
        """`DIR: 3 written, 40 unchanged, 1 removed, 2 left alone`."""
        parts = [
            f"{self.written} written",
            f"{self.unchanged} unchanged",
            f"{self.removed} removed",
            f"{len(self.left_alone)} left alone",
        ]
        if self.not_written:
            parts.append(f"{len(self.not_written)} not written")
        if self.others:
            parts.append(f"{counted(self.others, 'card')} not from the vault")
        return f"{shown_as}: {', '.join(parts)}"


@dataclass
class _Card:
    """A `.vcf` file found in DIR."""

    name: str
    data: bytes | None  # None: it could not be read
    uid: str | None
    full_name: str | None
    ours: bool  # written by vaultkit: its PRODID says so
    link: bool  # a symbolic link: vaultkit neither replaces nor removes what it points to


def export_vdir(index: Index, folder: Path, shown_as: str | None = None) -> VdirResult:
    """Bring the cards in `folder` in step with the vault's contacts. `shown_as`: how messages
    name the folder (as the user typed it); default, the path."""
    shown = escaped(shown_as if shown_as is not None else str(folder))
    _make_folder(folder, shown)
    cards = _cards_in(folder, shown)
    by_uid: dict[str, list[_Card]] = {}
    for card in cards:
        if card.uid is not None:
            by_uid.setdefault(card.uid, []).append(card)
    taken = {card.name.casefold() for card in cards} | _other_names(folder)
    result = VdirResult()
    vault_uids: dict[str, Contact] = {}
    incomplete = {
        key
        for contact in index.contacts.values()
        if contact.incomplete
        for key in (_name_key(contact.id), _name_key(contact.name))
    }
    claimed: set[str] = set()
    for contact in sorted(index.contacts.values(), key=lambda c: (card_uid(c), c.path)):
        uid = card_uid(contact)
        if uid in vault_uids:
            other = vault_uids[uid]
            line = contact.lines.get("uid")
            where = f"{escaped(contact.path)}:{line}" if line else escaped(contact.path)
            result.not_written.append(
                f"{where}: has the UID {escaped(uid)!r} of {escaped(other.path)} as well, so it is not "
                f"written to {shown} (give one of them another uid)"
            )
            continue
        vault_uids[uid] = contact
        found = by_uid.get(uid, [])
        if contact.incomplete:
            claimed.update(card.name for card in found)
            result.not_written.append(
                f"{escaped(contact.path)}: not read completely, so it is not written to {shown} "
                "(vaultkit check says why)"
            )
            continue
        target = _target(found)
        if target is not None:
            claimed.update(card.name for card in found)
            for duplicate in found:
                if duplicate is not target:
                    result.left_alone.append(
                        f"{shown}/{escaped(duplicate.name)}: holds the card of {escaped(contact.path)} "
                        f"as {shown}/{escaped(target.name)} does; left alone"
                    )
            _update(folder, shown, contact, index, target, result)
        else:
            name = _free_name(uid, taken)
            taken.add(name.casefold())
            _create(folder, shown, contact, index, name, result)
    for card in cards:
        if card.name in claimed:
            continue
        if card.uid is None or not card.ours:
            result.others += 1
        elif card.full_name is not None and _name_key(card.full_name) in incomplete:
            result.left_alone.append(
                f"{shown}/{escaped(card.name)}: not removed, though no contact has its UID: it may be "
                f"the card of {escaped(card.full_name)}, whose note was not read completely "
                "(vaultkit check says why)"
            )
        else:
            _remove(folder, shown, card, result)
    return result


def safe_name(uid: str) -> str:
    """A file name for the card with `uid`: the UID with every character but letters, digits,
    `.`, `_` and `-` replaced, never a dot file, never too long."""
    stem = _UNSAFE.sub("_", uid)
    if stem.startswith("."):
        stem = "_" + stem[1:]
    if len(stem) > _LONGEST_STEM:
        digest = hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        stem = f"{stem[: _LONGEST_STEM - 17]}-{digest}"
    return (stem or "card") + EXTENSION


def _free_name(uid: str, taken: set[str]) -> str:
    """`safe_name(uid)`, or with `-2`, `-3`… when another file has that name (ignoring case, as
    some file systems do): two cards never share a file."""
    name = safe_name(uid)
    stem = name[: -len(EXTENSION)]
    number = 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}{EXTENSION}"
    return name


def _make_folder(folder: Path, shown: str) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise VdirError(f"{shown} is not a folder; a vdir is a folder of .vcf files")
    parent = folder.parent
    if not parent.is_dir():
        raise VdirError(f"cannot create {shown}: {escaped(str(parent))} is no folder that exists")
    try:
        folder.mkdir()
    except FileExistsError:
        if not folder.is_dir():
            raise VdirError(f"{shown} is not a folder; a vdir is a folder of .vcf files") from None
    except OSError as exc:
        raise VdirError(f"cannot create {shown}: {exc.strerror or exc}") from None


def _cards_in(folder: Path, shown: str) -> list[_Card]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise VdirError(f"cannot read {shown}: {exc.strerror or exc}") from None
    cards = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(EXTENSION):
            continue
        try:
            if not entry.is_file():
                continue
            data: bytes | None = Path(entry.path).read_bytes()
        except OSError:
            data = None
        cards.append(_card(entry.name, data, entry.is_symlink()))
    return cards


def _other_names(folder: Path) -> set[str]:
    """The names of everything else in `folder` (a sub-folder called `x.vcf`, a dot file),
    which a new card must not take either."""
    try:
        return {name.casefold() for name in os.listdir(folder)}
    except OSError:
        return set()


def _card(name: str, data: bytes | None, link: bool) -> _Card:
    """What vaultkit needs to know of a card file: its UID, its name, whether it is vaultkit's.
    A file of several cards, or of none, is nobody's card that vaultkit knows."""
    text = _text(data)
    if text is None:
        return _Card(name, data, None, None, False, link)
    values: dict[str, list[str]] = {}
    for line in _unfolded(text):
        match = _PROPERTY.match(line)
        if match:
            value = line.split(":", 1)[1] if ":" in line else ""
            values.setdefault(match.group(1).upper(), []).append(_unescaped(value.strip()))
    if [value.upper() for value in values.get("BEGIN", [])] != ["VCARD"] or len(values.get("UID", [])) != 1:
        return _Card(name, data, None, None, False, link)
    full_name = values["FN"][0] if values.get("FN") else None
    ours = values.get("PRODID") == [PRODID]
    return _Card(name, data, values["UID"][0], full_name, ours, link)


def _unescaped(value: str) -> str:
    """A vCard text value as it reads: `\\,` is a comma, `\\n` a line break (RFC 6350 3.4)."""
    return _ESCAPE.sub(lambda found: "\n" if found.group(1) in "nN" else found.group(1), value)


def _text(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _unfolded(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if lines and line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _target(found: list[_Card]) -> _Card | None:
    """Of the cards with a contact's UID, the one to keep in step: vaultkit's own if there is
    one, else the first."""
    if not found:
        return None
    return next((card for card in found if card.ours), found[0])


def _create(folder: Path, shown: str, contact: Contact, index: Index, name: str, result: VdirResult) -> None:
    data = card_text(contact, index).encode("utf-8")
    try:
        write_new(folder / name, data)
    except FileExistsError:
        result.left_alone.append(
            f"{escaped(contact.path)}: {shown}/{escaped(name)} appeared while vaultkit wrote it; left alone"
        )
        return
    except OSError as exc:
        raise VdirError(f"cannot write {shown}/{escaped(name)}: {exc.strerror or exc}") from None
    result.written += 1


def _update(
    folder: Path, shown: str, contact: Contact, index: Index, card: _Card, result: VdirResult
) -> None:
    data = card_text(contact, index).encode("utf-8")
    where = f"{shown}/{escaped(card.name)}"
    if card.data == data:
        result.unchanged += 1
        return
    if card.link or card.data is None:
        why = "is a symbolic link" if card.link else "cannot be read"
        result.left_alone.append(f"{escaped(contact.path)}: the card in {where} {why}; left alone")
        return
    if not card.ours:
        try:
            records = read(_text(card.data) or "", "vcard", where)
        except SourceError as exc:
            result.left_alone.append(f"{escaped(contact.path)}: {exc}; left alone")
            return
        lacking = _lacking(records, contact, index)
        if lacking is not None:
            what = f" ({lacking})" if lacking else ""
            result.left_alone.append(
                f"{escaped(contact.path)}: the card in {where} has what the vault lacks{what}; "
                f"run vaultkit import {shown} first"
            )
            return
    try:
        replace(folder / card.name, data, expected=card.data)
    except FileChanged:
        result.left_alone.append(
            f"{escaped(contact.path)}: the card in {where} changed while vaultkit wrote it; left alone"
        )
        return
    except ReadOnly:
        result.left_alone.append(f"{escaped(contact.path)}: the card in {where} is read-only; left alone")
        return
    except OSError as exc:
        raise VdirError(f"cannot write {where}: {exc.strerror or exc}") from None
    result.written += 1


def _lacking(records: list[Record], contact: Contact, index: Index) -> str | None:
    """What the card, read as `records`, holds that the vault does not, as a message says it
    ("" when it cannot say which); None when the vault holds all of it."""
    if len(records) != 1:
        return f"{len(records)} cards in one file"
    record = records[0]
    names = {_name_key(name) for name in (contact.id, contact.name, *contact.aliases)}
    known = not record.name or _name_key(record.name) in names
    lacking = [] if known else [f"the name {escaped(record.name)!r}"]
    steps = plan(records, index)
    step = steps[0] if len(steps) == 1 and steps[0].contact == contact.id else None
    if step is None or step.outcome not in ("update", "unchanged"):
        return listed(lacking) if lacking else ""
    lacking += dict.fromkeys([*step.fill, *(name for name, _, _ in step.conflicts)])
    if lacking:
        return listed(lacking)
    return None if step.outcome == "unchanged" else ""


def _name_key(name: str) -> str:
    """The words of a name, folded and sorted, as the import matches names."""
    return " ".join(sorted(fold(name.replace(",", " ")).split()))


def _remove(folder: Path, shown: str, card: _Card, result: VdirResult) -> None:
    """Remove vaultkit's card of a contact no longer in the vault, unless it changed since it
    was read (then it is someone else's now)."""
    path = folder / card.name
    where = f"{shown}/{escaped(card.name)}"
    if card.link:
        result.left_alone.append(f"{where}: no contact has its UID, but it is a symbolic link; left alone")
        return
    try:
        if path.read_bytes() != card.data:
            result.left_alone.append(f"{where}: changed while vaultkit read it; left alone")
            return
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise VdirError(f"cannot remove {where}: {exc.strerror or exc}") from None
    result.removed += 1
