"""What a card from the phone would lose if vaultkit wrote its own card over it, and how a
message says so: the rule `vdir` keeps, so that an export never drops what a phone's card holds."""

from __future__ import annotations

from dataclasses import dataclass

from vaultkit.exchange.matching import Plan, as_tag
from vaultkit.exchange.record import Record
from vaultkit.language import N_, _, n_
from vaultkit.model import Birthday, Contact
from vaultkit.values import email_key, fold, phone_key
from vaultkit.words import escaped, listed

REPLACE_OPTION = "--replace-changed-cards"  # how messages name the export's `replace_changed`


# What a loss asks of the user, in the order a message says it: remove or correct it on the
# phone, bring it into the note by importing, set a value in the note, or write it alike on both.
_FIXES = ("remove", "correct", "import", "set", "same")
# Record fields of one value: (field, as a message names it, as `vaultkit set` names it).
_SINGLE = (
    ("name", "the name", "name"),
    ("uid", "uid", "uid"),
    ("org", "org", "org"),
    ("department", "department", "department"),
    ("role", "role", "role"),
    ("birthday", "birthday", "birthday"),
    ("anniversary", "anniversary", "anniversary"),
    ("location", "location", "location"),
    ("met", "met", "met"),
    ("connected", "connected", "connected"),
    ("how_met", N_("how met"), "how_met"),
    ("introduced_by", N_("introduced by"), "introduced_by"),
)
# Record fields of several values: (field, one value as a message names it, the same with the
# value, the note's field).
_LISTS = (
    ("aliases", N_("the nickname"), N_("the nickname {value}"), "aliases"),
    ("emails", N_("the email"), N_("the email {value}"), "email"),
    ("phones", N_("the phone"), N_("the phone {value}"), "phone"),
    ("urls", N_("the URL"), N_("the URL {value}"), "url"),
    ("addresses", N_("the address"), N_("the address {value}"), "address"),
    ("tags", N_("the tag"), N_("the tag {value}"), "tags"),
    ("interests", N_("the interest"), N_("the interest {value}"), "interests"),
    ("offers", N_("the offer"), N_("the offer {value}"), "offers"),
    ("needs", N_("the need"), N_("the need {value}"), "needs"),
)
# What a card holds that vaultkit's cards never do (Record.left_out): (it, the fix's item).
_NOT_KEPT = {
    "photo": (N_("a photo"), N_("the photo")),
    "logo": (N_("a logo"), N_("the logo")),
    "sound": (N_("a sound"), N_("the sound")),
    "key": (N_("a key"), N_("the key")),
}


@dataclass(frozen=True)
class Loss:
    """One thing a card holds that the card vaultkit would write over it lacks."""

    noun: str  # `a photo`, `role 'Tontechniker'`
    what: str  # `has a photo, which vaultkit does not keep`
    fix: str  # one of _FIXES
    item: str  # what the fix is done to: `the photo`, `role`


def lost_by_both(lost: list[Loss], also: list[Loss]) -> list[Loss]:
    """What both readings of vaultkit's card lose."""
    nouns = {loss.noun for loss in also}
    return [loss for loss in lost if loss.noun in nouns]


def lost(theirs: Record, ours: Record, step: Plan | None, uids: set[str]) -> list[Loss]:
    """What of the card read as `theirs` is not, exactly, in vaultkit's card read as `ours`.
    `step`: what `vaultkit import` would bring of it into the contact's note, if it matched.
    `uids`: those of the vault's contacts and of the cards in DIR; a RELATED by a UID none of
    them has names someone gone from both, and losing it loses nobody."""
    losses: list[Loss] = []
    for kind in dict.fromkeys(kind for kind, _why in theirs.left_out):
        noun, item = (_(said) for said in _NOT_KEPT[kind]) if kind in _NOT_KEPT else (_a(kind), f"the {kind}")
        losses.append(
            Loss(noun, _("has {noun}, which vaultkit does not keep").format(noun=noun), "remove", item)
        )
    for key, why in theirs.unreadable:
        label = key.replace("_", " ")
        if key == "line":
            noun, item = _("a line vaultkit cannot read"), _("the broken line")
        else:
            starts_with_a_vowel = label[:1].lower() in "aeiou"
            unread = (
                _("an {label} vaultkit cannot read")
                if starts_with_a_vowel
                else _("a {label} vaultkit cannot read")
            )
            noun, item = unread.format(label=label), _("the {label}").format(label=label)
        losses.append(Loss(noun, _("has {noun} ({why})").format(noun=noun, why=why), "correct", item))
    losses += _single_losses(theirs, ours, step)
    losses += _list_losses(theirs, ours, step)
    kept = {related.value for related in ours.related}
    for related in theirs.related:
        if related.value not in kept and (related.value in uids or not related.is_uid):
            value = _said(related.value)
            fix = "import" if step is not None and "knows" in step.add else "remove"
            noun = _("the relation to {name}").format(name=value)
            what = _("names {name} as related, which vaultkit's card does not").format(name=value)
            losses.append(Loss(noun, what, fix, _("the relation")))
    for label, value in theirs.details:
        if (label, value) not in ours.details:
            noun = f"{escaped(label)} {_said(value)}"
            what = _("has {noun}, which a card vaultkit writes can hold only as a line of its notes").format(
                noun=noun
            )
            losses.append(Loss(noun, what, "remove", escaped(label)))
    losses += _notes_losses(theirs, ours, step)
    return losses


def _single_losses(theirs: Record, ours: Record, step: Plan | None) -> list[Loss]:
    losses = []
    pairs: list[tuple[str, str, str, object, object]] = [
        (key, label, settable, getattr(theirs, key), getattr(ours, key)) for key, label, settable in _SINGLE
    ]
    for own, text in theirs.more:  # vaultkit's own fields (circle, cadence…), as its cards write them
        if (own, text) not in ours.more:
            note = next((held for field_, held in ours.more if field_ == own), None)
            pairs.append((own, own.replace("_", " "), own, text, note))
    for key, label, settable, value, held in pairs:
        if value in (None, "") or value == held:
            continue
        if key == "name":
            noun = _("the name {value}").format(value=_said(value))
        else:
            noun = f"{_(label) if key in _SAID_FIELDS else label} {_said(value)}"
        if held not in (None, ""):
            what = _("says {noun}, the note {held}").format(noun=noun, held=_said(held))
            losses.append(Loss(noun, what, "set", settable))
        elif step is not None and key in step.fill:
            losses.append(
                Loss(noun, _("has {noun}, which the note lacks").format(noun=noun), "import", settable)
            )
        else:
            losses.append(
                Loss(noun, _("has {noun}, which vaultkit's card lacks").format(noun=noun), "set", settable)
            )
    return losses


def _list_losses(theirs: Record, ours: Record, step: Plan | None) -> list[Loss]:
    losses = []
    for key, one, one_value, note_field in _LISTS:
        held: tuple[str, ...] = getattr(ours, key)
        same = _SAME_ITEM.get(key, fold)
        for value in getattr(theirs, key):
            if value in held:
                continue
            noun = _(one_value).format(value=_said(value))
            alike = next((item for item in held if same(item) == same(value)), None)
            if alike is not None:
                what = _("has {noun}, the note {held}").format(noun=noun, held=_said(alike))
                losses.append(Loss(noun, what, "same", _(one)))
            elif step is not None and value in step.add.get(note_field, []):
                losses.append(
                    Loss(noun, _("has {noun}, which the note lacks").format(noun=noun), "import", _(one))
                )
            else:
                losses.append(
                    Loss(noun, _("has {noun}, which vaultkit's card lacks").format(noun=noun), "same", _(one))
                )
    return losses


def _notes_losses(theirs: Record, ours: Record, step: Plan | None) -> list[Loss]:
    """The lines of the card's notes that vaultkit's notes lack, as one loss."""
    held = {line.strip() for line in (ours.notes or "").split("\n")}
    lines = [line.strip() for line in (theirs.notes or "").split("\n")]
    missing = [line for line in lines if line and line not in held]
    if not missing:
        return []
    if len(missing) == 1:
        noun = _("the line {line} in its notes").format(line=_said(missing[0]))
    else:
        noun = _("{count} lines in its notes ({first}…)").format(count=len(missing), first=_said(missing[0]))
    brought = {line.strip() for line in step.notes} if step is not None else set()
    if all(line in brought for line in missing):
        return [Loss(noun, _("has {noun}, which the note lacks").format(noun=noun), "import", _("the notes"))]
    return [
        Loss(noun, _("has {noun}, which vaultkit's card lacks").format(noun=noun), "same", _("the notes"))
    ]


def left_alone(contact: Contact, where: str, losses: list[Loss], shown: str) -> str:
    """`People/Mark Ellis.md: the card in DIR/x.vcf has a photo, which vaultkit does not keep, so
    it is left alone: remove the photo on the phone, or export with --replace-changed-cards to
    write the vault's card over it`."""
    first, others = losses[0], losses[1:]
    what = first.what
    if others:
        nouns = listed([loss.noun for loss in others], limit=3)
        what += n_(
            ", and {count} more thing vaultkit's card would lose ({nouns})",
            ", and {count} more things vaultkit's card would lose ({nouns})",
            len(others),
        ).format(count=len(others), nouns=nouns)
    fixes = []
    for fix in _FIXES:
        items = list(dict.fromkeys(loss.item for loss in losses if loss.fix == fix))
        if not items:
            continue
        if fix == "remove":
            fixes.append(_("remove {items} on the phone").format(items=listed(items)))
        elif fix == "correct":
            fixes.append(_("correct {items} on the phone").format(items=listed(items)))
        elif fix == "import":
            brought = n_(
                "run vaultkit import {folder} to bring it into the note",
                "run vaultkit import {folder} to bring them into the note",
                sum(loss.fix == "import" for loss in losses),
            )
            fixes.append(brought.format(folder=shown))
        elif fix == "set":
            fixes.append(_("set the {items} you want in the note (vaultkit set)").format(items=listed(items)))
        else:
            fixes.append(
                _("write {items} the same way on the phone and in the note").format(items=listed(items))
            )
    return _(
        "{note}: the card in {where} {what}, so it is left alone: {fixes}, or export with {option} to "
        "write the vault's card over it"
    ).format(note=escaped(contact.path), where=where, what=what, fixes=listed(fixes), option=REPLACE_OPTION)


def _said(value: object) -> str:
    """A value as a message quotes it: text in quotes (cut short when long), days as ISO dates."""
    if isinstance(value, Birthday):
        return value.iso()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = escaped(str(value))
    return repr(text if len(text) <= 60 else text[:59] + "…")


# The fields of _SINGLE that a message names in words (the others by their key; the name as a
# whole phrase, `the name 'Anna'`).
_SAID_FIELDS = ("how_met", "introduced_by")


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


# How an item of the card is told to be the note's, written another way; others: by `fold`.
_SAME_ITEM = {
    "emails": lambda text: email_key(text) or fold(text),
    "phones": lambda text: phone_key(text) or fold(text),
    "tags": lambda text: fold(as_tag(text)),
}
