"""The vault's contacts as a vdir: a folder of `.vcf` files, one card each, the format vdirsyncer
syncs with a CardDAV address book (https://vdirsyncer.pimutils.org/en/stable/vdir.html).

What is in the folder is the phone's as much as the vault's, so vaultkit is careful with it:

- A card is found by the UID inside it (read as `vaultkit import` reads it), whatever its file's
  name; a contact that has none yet gets a file named after its UID (safe characters only, never
  the name of another file).
- A card is written atomically, and only when its bytes change: the same vault gives the same
  bytes, so an export after an export changes nothing.
- vaultkit remembers what it wrote: `.vaultkit-cards.json` in DIR holds, for each card it wrote,
  the SHA-256 of the bytes it wrote (a dot file, which vdirsyncer and `vaultkit import` pass
  over). A card is vaultkit's own only while it still has those bytes; a PRODID proves nothing,
  since a phone may keep vaultkit's when it changes a card. The list is written after the cards,
  so a run stopped half-way leaves at most a card it does not know as its own, which is safe.
  Missing or unreadable, it means that no card is known as vaultkit's.
- A card that is not vaultkit's own (the phone wrote it, or changed it) is never removed, and
  is overwritten only when writing vaultkit's card loses nothing of it: it has no photo, logo,
  sound or key (which vaultkit does not keep) and nothing vaultkit cannot read, and every value
  of it, read as `vaultkit import` reads it, is also in the card vaultkit would write, exactly
  as the card has it (case and accents count). Values vaultkit adds are what writing is for.
  What a card says in a property's parameters (TYPE=CELL) is no value: a card vaultkit writes
  carries no TYPE labels. Nor is a RELATED by a UID that no contact and no card in DIR has (of
  someone gone from both), which names nobody any more. Else the card is left alone, and the
  run names what vaultkit's card would lose and the two ways out: change the note (or the
  phone) so that nothing is lost, or export with `replace_changed`, which writes the vault's
  card over it all the same.
- vaultkit's own card is removed when its contact is gone from the vault, and only then. A
  note that could not be read completely is no proof of that: its card stays, and is not
  rewritten from what could be read. Nor is a vault with no contacts at all, or one that would
  remove more than three of vaultkit's cards at once and more than half of them (more likely
  the wrong vault or contacts folder than that many contacts deleted): the first is refused,
  the second removes nothing unless asked to (`remove_gone`); three or fewer are removed.
- A `.vcf` file that cannot be read (its permissions, an empty file, one that is no card
  vaultkit can read) is left alone, and no new card is written while it may be that contact's:
  two cards of one contact would be two entries on the phone. The run names the file once,
  with how many contacts wait for it to be removed or repaired.
- Files that are not `.vcf`, dot files and folders are none of vaultkit's business.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.atomic import FileChanged, ReadOnly, is_read_only, replace, write_new
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.exchange.card_losses import REPLACE_OPTION, Loss, left_alone, lost, lost_by_both
from vaultkit.exchange.matching import plan
from vaultkit.exchange.record import Record
from vaultkit.exchange.sources import SourceError, decode, read
from vaultkit.exchange.vcard_out import card_text, card_uid
from vaultkit.exchange.vcardmap import PRODID
from vaultkit.language import _, n_, number
from vaultkit.model import Contact, Index
from vaultkit.values import name_key
from vaultkit.words import counted, escaped, listed

EXTENSION = ".vcf"
MANIFEST = ".vaultkit-cards.json"
_ABOUT = (
    "The cards vaultkit wrote in this folder, each with the SHA-256 of the bytes it wrote. A card "
    "that no longer has them was changed by someone else: vaultkit does not remove it, and "
    "overwrites it only when the vault's card loses nothing of it."
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_LONGEST_STEM = 120  # well below any file system's limit of 255 bytes, with room for a suffix
_CARD_START = re.compile(r"(?im)^[ \t]*BEGIN:VCARD[ \t]*\r?$")
# Removing more than this many of vaultkit's cards, and more than half of them, needs `remove_gone`.
_FEW = 3


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
    # Contacts not written because a card that cannot be read may be theirs: the message on
    # that card (in `left_alone`, or one in `warnings` for several such cards) counts them.
    held_back: int = 0
    # One message per card the phone changed that `replace_changed` overwrote though that lost
    # something of it: what it lost.
    replaced: list[str] = field(default_factory=list)
    # vaultkit's cards of contacts gone from the vault, kept since they are most of its cards.
    not_removed: int = 0
    # What is said of DIR as a whole: its list of vaultkit's cards, removals held back.
    warnings: list[str] = field(default_factory=list)
    others: int = 0  # cards not known as vaultkit's, of no contact in the vault
    # Contacts whose card vaultkit wrote and someone deleted since (on the phone): not written again.
    deleted: list[Contact] = field(default_factory=list)

    def summary(self, shown_as: str) -> str:
        """`DIR: 3 written, 40 unchanged, 1 removed, 2 left alone`."""
        parts = [
            _("{count} written").format(count=self.written),
            _("{count} unchanged").format(count=self.unchanged),
            _("{count} removed").format(count=self.removed),
            _("{count} left alone").format(count=len(self.left_alone)),
        ]
        if self.not_written or self.held_back:
            parts.append(_("{count} not written").format(count=len(self.not_written) + self.held_back))
        if self.not_removed:
            parts.append(_("{count} not removed").format(count=self.not_removed))
        if self.deleted:
            parts.append(_("{count} deleted there").format(count=len(self.deleted)))
        if self.others:
            parts.append(_("{cards} not from the vault").format(cards=counted(self.others, "card", "cards")))
        return f"{shown_as}: {', '.join(parts)}"

    @property
    def messages(self) -> list[str]:
        """What to say on standard error, in this order."""
        return [*self.not_written, *self.left_alone, *self.replaced, *self.warnings]


@dataclass
class _Card:
    """A `.vcf` file found in DIR."""

    name: str
    data: bytes | None  # None: it could not be read
    uid: str | None  # None: not one card with a UID, or it could not be read
    full_name: str | None
    ours: bool  # vaultkit wrote these very bytes into DIR: the list of its cards says so
    link: bool  # a symbolic link: vaultkit neither replaces nor removes what it points to
    problem: str | None = None  # why it cannot be read, as a message says it (`DIR/x.vcf:3: …`)
    records: list[Record] | None = None  # as the import reads it, when it was read


def export_vdir(
    index: Index,
    folder: Path,
    shown_as: str | None = None,
    *,
    remove_gone: bool = False,
    replace_changed: bool = False,
    restore_deleted: bool = False,
) -> VdirResult:
    """Bring the cards in `folder` in step with the vault's contacts. `shown_as`: how messages
    name the folder (as the user typed it); default, the path. `remove_gone`: remove the cards
    of contacts gone from the vault even when they are more than three and more than half of
    vaultkit's cards in `folder`. `replace_changed`: write a contact's card over one vaultkit
    did not write, or that was changed since, even when that loses what it holds.
    `restore_deleted`: write again the cards vaultkit wrote that were deleted from `folder` since
    (on the phone, most likely); without it they stay deleted, and the run says so."""
    shown = escaped(shown_as if shown_as is not None else str(folder))
    if not index.contacts:
        raise VdirError(
            _(
                "the vault has no contacts, so {folder} is left as it is: an export of none would "
                "remove every card vaultkit wrote there"
            ).format(folder=shown)
        )
    _make_folder(folder, shown)
    export = _Export(index, folder, shown, remove_gone, replace_changed, restore_deleted)
    try:
        export.run()
    except VdirError:
        with contextlib.suppress(VdirError):
            export.save_manifest()  # the cards written so far are known as vaultkit's
        raise
    export.save_manifest()
    return export.result


class _Export:
    """One export into `folder`: what it found there, what it did, what it knows as its own."""

    def __init__(
        self,
        index: Index,
        folder: Path,
        shown: str,
        remove_gone: bool,
        replace_changed: bool,
        restore_deleted: bool,
    ):
        self.index, self.folder, self.shown, self.remove_gone = index, folder, shown, remove_gone
        self.replace_changed, self.restore_deleted = replace_changed, restore_deleted
        self.result = VdirResult()
        self.known, problem = _read_manifest(folder)
        self.rewrite = problem is not None  # what is there is no list vaultkit can read: replace it
        if problem:
            self.result.warnings.append(
                _(
                    "{manifest} cannot be read ({problem}), so no card in {folder} is known as "
                    "vaultkit's: none is removed, and one that differs from the vault's is overwritten "
                    "only when that loses nothing of it"
                ).format(manifest=f"{shown}/{MANIFEST}", problem=problem, folder=shown)
            )
        _check_manifest_writable(folder, shown)
        # What is known as vaultkit's after this run: name -> SHA-256.
        self.ours: dict[str, str] = {}
        # The UIDs a card's RELATED may name someone by: the vault's contacts', the cards' in DIR.
        self.uids: set[str] = set()  # known once DIR is read

    def run(self) -> None:
        contacts, incomplete_uids = self._contacts_to_write()
        by_digest = {_digest(data): uid for uid, (_contact, data) in contacts.items()}
        cards = _cards_in(self.folder, self.shown, self.known, by_digest)
        self.uids = {card_uid(contact) for contact in self.index.contacts.values()}
        self.uids.update(card.uid for card in cards if card.uid is not None)
        self.ours = {card.name: _digest(card.data) for card in cards if card.ours and card.data is not None}
        by_uid: dict[str, list[_Card]] = {}
        for card in cards:
            if card.uid is not None:
                by_uid.setdefault(card.uid, []).append(card)
        # The cards of notes not read completely stay as they are: nobody's to write or remove.
        claimed = {card.name for uid in incomplete_uids for card in by_uid.get(uid, [])}
        taken = {card.name.casefold() for card in cards} | _other_names(self.folder)
        unreadable = [card for card in cards if card.problem is not None]
        blocked: dict[str, list[Contact]] = {card.name: [] for card in unreadable}
        waiting: list[Contact] = []  # may be the contact of any card that cannot be read
        for uid, (contact, data) in contacts.items():
            found = by_uid.get(uid, [])
            claimed.update(card.name for card in found)
            target = _target(found)
            if target is not None:
                self._update(contact, data, target, found)
            elif unreadable:
                # Its card may be one that cannot be read: a second one would be two on the phone.
                named = [card for card in unreadable if _named_after(card.name, uid)]
                if named:
                    blocked[named[0].name].append(contact)
                elif len(unreadable) == 1:
                    blocked[unreadable[0].name].append(contact)
                else:
                    waiting.append(contact)
                self.result.held_back += 1
            elif deleted := self._deleted_card(uid, cards):
                self.ours[deleted] = self.known[deleted]  # still deleted: so the next run knows
                self.result.deleted.append(contact)
            else:
                name = _free_name(uid, taken)
                taken.add(name.casefold())
                self._create(contact, data, name)
        if self.result.deleted:
            self.result.warnings.append(_deleted(self.result.deleted, self.shown))
        for card in unreadable:
            self.result.left_alone.append(_cannot_be_read(card, blocked[card.name], self.shown))
        if waiting:
            self.result.warnings.append(_waiting(waiting, unreadable, self.shown))
        unclaimed = [card for card in cards if card.name not in claimed and card.problem is None]
        self._remove_gone(unclaimed, sum(card.ours for card in cards))

    def _deleted_card(self, uid: str, cards: list[_Card]) -> str | None:
        """The name of the card vaultkit wrote for `uid` that is no longer in DIR: someone
        deleted it (on the phone, and the sync deleted it here). None when it is there, when
        vaultkit never wrote one, or when asked to restore deleted cards."""
        if self.restore_deleted:
            return None
        present = {card.name for card in cards}
        return next((name for name in self.known if name not in present and _named_after(name, uid)), None)

    def _remove_gone(self, unclaimed: list[_Card], ours: int) -> None:
        """Remove vaultkit's cards of contacts gone from the vault, of the cards no contact
        claims; unless they are most of the `ours` cards vaultkit had written in DIR before."""
        shown, result = self.shown, self.result
        incomplete = {
            key
            for contact in self.index.contacts.values()
            if contact.incomplete
            for key in (name_key(contact.id), name_key(contact.name))
        }
        gone: list[_Card] = []
        for card in unclaimed:
            if card.uid is None or not card.ours:
                result.others += 1
            elif card.full_name is not None and name_key(card.full_name) in incomplete:
                result.left_alone.append(
                    _(
                        "{card}: not removed, though no contact has its UID: it may be the card of "
                        "{name}, whose note was not read completely (vaultkit check says why)"
                    ).format(card=f"{shown}/{escaped(card.name)}", name=escaped(card.full_name))
                )
            else:
                gone.append(card)
        if len(gone) > _FEW and 2 * len(gone) > ours and not self.remove_gone:
            result.not_removed = len(gone)
            result.warnings.append(
                _(
                    "{folder}: {count} of the {ours} cards vaultkit wrote there are of contacts not in "
                    "the vault, so none of them is removed: so many at once looks more like the wrong "
                    "vault or contacts folder than like contacts deleted. If they are gone, export "
                    "again with --remove-gone"
                ).format(folder=shown, count=len(gone), ours=ours)
            )
            return
        for card in gone:
            self._remove(card)

    def _contacts_to_write(self) -> tuple[dict[str, tuple[Contact, bytes]], set[str]]:
        """UID -> the contact and the bytes of its card, of every contact that gets one (the
        others are said in `not_written`); and the UIDs of notes not read completely, whose
        cards stay as they are."""
        shown, result = self.shown, self.result
        contacts: dict[str, tuple[Contact, bytes]] = {}
        incomplete: set[str] = set()
        seen: dict[str, Contact] = {}
        for contact in sorted(self.index.contacts.values(), key=lambda c: (card_uid(c), c.path)):
            uid = card_uid(contact)
            if uid in seen:
                other = seen[uid]
                line = contact.lines.get("uid")
                where = f"{escaped(contact.path)}:{line}" if line else escaped(contact.path)
                result.not_written.append(
                    _(
                        "{where}: has the UID {uid!r} of {other} as well, so it is not written to "
                        "{folder} (give one of them another uid)"
                    ).format(where=where, uid=escaped(uid), other=escaped(other.path), folder=shown)
                )
                continue
            seen[uid] = contact
            if contact.incomplete:
                incomplete.add(uid)
                result.not_written.append(
                    _(
                        "{note}: not read completely, so it is not written to {folder} (vaultkit check says why)"
                    ).format(note=escaped(contact.path), folder=shown)
                )
                continue
            contacts[uid] = (contact, card_text(contact, self.index).encode("utf-8"))
        return contacts, incomplete

    def _create(self, contact: Contact, data: bytes, name: str) -> None:
        try:
            write_new(self.folder / name, data)
        except FileExistsError:
            self.result.left_alone.append(
                _("{note}: {card} appeared while vaultkit wrote it; left alone").format(
                    note=escaped(contact.path), card=f"{self.shown}/{escaped(name)}"
                )
            )
            return
        except OSError as exc:
            raise VdirError(
                _("cannot write {card}: {reason}").format(
                    card=f"{self.shown}/{escaped(name)}", reason=exc.strerror or exc
                )
            ) from None
        self.ours[name] = _digest(data)
        self.result.written += 1

    def _update(self, contact: Contact, data: bytes, card: _Card, found: list[_Card]) -> None:
        """Bring `card` in step with `contact`: of the cards `found` with its UID, the one to
        keep in step; the others are left alone."""
        result = self.result
        where = f"{self.shown}/{escaped(card.name)}"
        for duplicate in found:
            if duplicate is not card:
                result.left_alone.append(
                    _("{card}: holds the card of {note} as {where} does; left alone").format(
                        card=f"{self.shown}/{escaped(duplicate.name)}",
                        note=escaped(contact.path),
                        where=where,
                    )
                )
        if card.data == data:
            if not card.link:
                self.ours[card.name] = _digest(data)  # vaultkit's bytes, whoever put them there
            result.unchanged += 1
            return
        if card.link:
            result.left_alone.append(
                _("{note}: the card in {where} is a symbolic link; left alone").format(
                    note=escaped(contact.path), where=where
                )
            )
            return
        losses = [] if card.ours else self._losses(card, data, contact, where)
        if losses and not self.replace_changed:
            result.left_alone.append(left_alone(contact, where, losses, self.shown))
            return
        try:
            replace(self.folder / card.name, data, expected=card.data)
        except FileChanged:
            self.ours.pop(card.name, None)
            result.left_alone.append(
                _("{note}: the card in {where} changed while vaultkit wrote it; left alone").format(
                    note=escaped(contact.path), where=where
                )
            )
            return
        except ReadOnly:
            result.left_alone.append(
                _("{note}: the card in {where} is read-only; left alone").format(
                    note=escaped(contact.path), where=where
                )
            )
            return
        except OSError as exc:
            raise VdirError(
                _("cannot write {card}: {reason}").format(card=where, reason=exc.strerror or exc)
            ) from None
        self.ours[card.name] = _digest(data)
        result.written += 1
        if losses:
            nouns = listed([loss.noun for loss in losses], limit=3)
            result.replaced.append(
                _(
                    "{note}: the card in {where} is replaced by the vault's, as {option} asks, and the "
                    "phone loses {nouns}"
                ).format(note=escaped(contact.path), where=where, option=REPLACE_OPTION, nouns=nouns)
            )

    def _losses(self, card: _Card, data: bytes, contact: Contact, where: str) -> list[Loss]:
        """What of `card` (not vaultkit's own) writing `data`, the contact's card, would lose."""
        records = card.records or []
        if len(records) != 1:  # a card found by its UID is one card: this is no more than a guard
            cards = counted(len(records), "card", "cards")
            return [Loss(_("what it holds"), _("holds {cards}").format(cards=cards), "remove", where)]
        theirs = records[0]
        # vaultkit's card read as its own (an ADR's LABEL is its address) and as a stranger's (an
        # ADR is its parts), as the phone's card may be read either way: a value the card holds
        # is kept when either reading of vaultkit's card holds it.
        text = data.decode("utf-8")
        readings = [
            read(text, "vcard", where)[0],
            read(text.replace(f"PRODID:{PRODID}\r\n", "", 1), "vcard", where)[0],
        ]
        if not lost_by_both(
            lost(theirs, readings[0], None, self.uids), lost(theirs, readings[1], None, self.uids)
        ):
            return []
        found = plan(records, self.index)  # what `vaultkit import` would bring: for what to say
        step = (
            found[0]
            if found[0].outcome in ("update", "unchanged") and found[0].contact == contact.id
            else None
        )
        return lost_by_both(
            lost(theirs, readings[0], step, self.uids), lost(theirs, readings[1], step, self.uids)
        )

    def _remove(self, card: _Card) -> None:
        """Remove vaultkit's card of a contact no longer in the vault, unless it changed since it
        was read (then it is someone else's now)."""
        path = self.folder / card.name
        where = f"{self.shown}/{escaped(card.name)}"
        if card.link:
            self.result.left_alone.append(
                _("{card}: no contact has its UID, but it is a symbolic link; left alone").format(card=where)
            )
            return
        try:
            if path.read_bytes() != card.data:
                self.result.left_alone.append(
                    _("{card}: changed while vaultkit read it; left alone").format(card=where)
                )
                return
            path.unlink()
        except FileNotFoundError:
            self.ours.pop(card.name, None)
            return
        except OSError as exc:
            raise VdirError(
                _("cannot remove {card}: {reason}").format(card=where, reason=exc.strerror or exc)
            ) from None
        self.ours.pop(card.name, None)
        self.result.removed += 1

    def save_manifest(self) -> None:
        """Write the list of vaultkit's cards, if it changed."""
        if self.ours == self.known and not self.rewrite:
            return
        document = {"about": _ABOUT, "cards": dict(sorted(self.ours.items()))}
        data = (json.dumps(document, indent=2) + "\n").encode("ascii")
        try:
            replace(self.folder / MANIFEST, data)
        except OSError as exc:
            raise VdirError(_manifest_unwritable(self.shown, exc.strerror or str(exc))) from None
        self.known, self.rewrite = dict(self.ours), False


def _deleted(contacts: list[Contact], shown: str) -> str:
    names = listed([escaped(contact.name) for contact in contacts], limit=3)
    return n_(
        "{folder}: the card of {names} vaultkit wrote there was deleted since (on the phone, most "
        "likely), so it is not written again; to have it back, export with --restore-deleted",
        "{folder}: the cards of {names} vaultkit wrote there were deleted since (on the phone, most "
        "likely), so they are not written again; to have them back, export with --restore-deleted",
        len(contacts),
    ).format(folder=shown, names=names)


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


def _named_after(name: str, uid: str) -> bool:
    """Whether `name` is one `_free_name` may give the card with `uid`."""
    stem = re.escape(safe_name(uid)[: -len(EXTENSION)])
    return re.fullmatch(rf"{stem}(?:-\d+)?{re.escape(EXTENSION)}", name, re.IGNORECASE) is not None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> tuple[dict[str, str], str | None]:
    """The cards vaultkit wrote in `folder` (name -> SHA-256), and why the list could not be
    read, if it is there but could not be: then no card is known."""
    try:
        data = (folder / MANIFEST).read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, exc.strerror or str(exc)
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return {}, _("it is not the JSON vaultkit writes")
    cards = document.get("cards") if isinstance(document, dict) else None
    if not isinstance(cards, dict):
        return {}, _("it is not the JSON vaultkit writes")
    return {
        name: digest
        for name, digest in cards.items()
        if isinstance(name, str) and isinstance(digest, str) and _SHA256.fullmatch(digest)
    }, None


def _check_manifest_writable(folder: Path, shown: str) -> None:
    """Refuse before any card is written if the list of vaultkit's cards could not be written
    after them."""
    path = folder / MANIFEST
    if path.is_dir():
        raise VdirError(_manifest_unwritable(shown, _("it is a folder")))
    if is_read_only(path):
        raise VdirError(_manifest_unwritable(shown, _("the file is read-only")))


def _manifest_unwritable(shown: str, why: str) -> str:
    return _(
        "cannot write {manifest} ({why}): vaultkit keeps there which cards in {folder} it wrote, and "
        "without it cannot tell them from the phone's"
    ).format(manifest=f"{shown}/{MANIFEST}", why=why, folder=shown)


def _make_folder(folder: Path, shown: str) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise VdirError(_("{folder} is not a folder; a vdir is a folder of .vcf files").format(folder=shown))
    parent = folder.parent
    if not parent.is_dir():
        raise VdirError(
            _("cannot create {folder}: {parent} is no folder that exists").format(
                folder=shown, parent=escaped(str(parent))
            )
        )
    try:
        folder.mkdir()
    except FileExistsError:
        if not folder.is_dir():
            raise VdirError(
                _("{folder} is not a folder; a vdir is a folder of .vcf files").format(folder=shown)
            ) from None
    except OSError as exc:
        raise VdirError(
            _("cannot create {folder}: {reason}").format(folder=shown, reason=exc.strerror or exc)
        ) from None


def _cards_in(folder: Path, shown: str, known: dict[str, str], by_digest: dict[str, str]) -> list[_Card]:
    """The `.vcf` files in `folder`. `known`: the cards vaultkit wrote (name -> SHA-256);
    `by_digest`: the UID of each card this export writes, by its SHA-256 (a file with those
    very bytes is that card, and need not be read as a card)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise VdirError(
            _("cannot read {folder}: {reason}").format(folder=shown, reason=exc.strerror or exc)
        ) from None
    digests = set(known.values())  # a card vaultkit wrote, under whatever name it has now
    cards = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(EXTENSION):
            continue
        where = f"{shown}/{escaped(entry.name)}"
        link = entry.is_symlink()
        try:
            if not entry.is_file():
                continue
            data = Path(entry.path).read_bytes()
        except OSError as exc:
            why = _("{card} cannot be read ({reason})").format(card=where, reason=exc.strerror or exc)
            cards.append(_Card(entry.name, None, None, None, False, link, problem=why))
            continue
        digest = _digest(data)
        ours = digest in digests
        if digest in by_digest:
            cards.append(_Card(entry.name, data, by_digest[digest], None, ours, link))
        else:
            cards.append(_card(entry.name, data, where, ours, link))
    return cards


def _card(name: str, data: bytes, where: str, ours: bool, link: bool) -> _Card:
    """What vaultkit needs to know of a card file, read as `vaultkit import` reads it: its UID,
    its name. A file of several cards is nobody's card that vaultkit knows; one that is no card
    vaultkit can read (empty, not text, no BEGIN:VCARD, a card that never ends) is one whose UID
    vaultkit cannot know: it has a `problem`."""

    def unreadable(problem: str) -> _Card:
        return _Card(name, data, None, None, ours, link, problem=problem)

    try:
        text, _encoding_note = decode(data, where)
    except SourceError as exc:
        return unreadable(str(exc))
    except ValueError:  # a UnicodeDecodeError the reader did not turn into a SourceError
        return unreadable(_("{card} cannot be read: it is no text").format(card=where))
    if not text.strip():
        return unreadable(_("{card} is empty").format(card=where))
    if not _CARD_START.search(text):
        return unreadable(_("{card} holds no card (no BEGIN:VCARD)").format(card=where))
    try:
        records = read(text, "vcard", where)
    except SourceError as exc:
        return unreadable(str(exc))
    except ValueError:
        return unreadable(_("{card} cannot be read as a vCard").format(card=where))
    if len(records) != 1 or not records[0].uid:
        return _Card(name, data, None, None, ours, link, records=records)
    return _Card(name, data, records[0].uid, records[0].name or None, ours, link, records=records)


def _other_names(folder: Path) -> set[str]:
    """The names of everything else in `folder` (a sub-folder called `x.vcf`, a dot file),
    which a new card must not take either."""
    try:
        return {name.casefold() for name in os.listdir(folder)}
    except OSError:
        return set()


def _cannot_be_read(card: _Card, contacts: list[Contact], shown: str) -> str:
    """`DIR/x.vcf is empty; left alone, and Paul Weber's card not written, since it may be that
    card: remove or repair DIR/x.vcf, then export again`."""
    where = f"{shown}/{escaped(card.name)}"
    if len(contacts) == 1:
        message = _(
            "{problem}; left alone, and {name}'s card not written, since it may be that card: remove or "
            "repair {card}, then export again"
        )
    elif contacts:
        message = _(
            "{problem}; left alone, and {cards} not written, since it may be one of theirs: remove or "
            "repair {card}, then export again"
        )
    else:
        message = _("{problem}; left alone: remove or repair {card}, then export again")
    names = escaped(contacts[0].name) if contacts else ""
    return message.format(problem=card.problem, name=names, cards=_cards_of(contacts), card=where)


def _waiting(contacts: list[Contact], unreadable: list[_Card], shown: str) -> str:
    """Why contacts with no card in DIR get none while several cards there cannot be read."""
    names = listed([f"{shown}/{escaped(card.name)}" for card in unreadable], limit=3)
    return _(
        "{folder}: {cards} not written, since {files} cannot be read and may be theirs: remove or "
        "repair those files, then export again"
    ).format(folder=shown, cards=_cards_of(contacts), files=names)


def _cards_of(contacts: list[Contact]) -> str:
    """`the cards of Anna Berg and Ben Kurz`; of more than three, `the cards of 12 contacts`."""
    if len(contacts) > 3:
        count = len(contacts)
        return n_("the cards of {count} contact", "the cards of {count} contacts", count).format(
            count=number(count)
        )
    return _("the cards of {contacts}").format(
        contacts=listed([escaped(contact.name) for contact in contacts])
    )


def _target(found: list[_Card]) -> _Card | None:
    """Of the cards with a contact's UID, the one to keep in step: vaultkit's own if there is
    one, else the first."""
    if not found:
        return None
    return next((card for card in found if card.ours), found[0])
