"""vCard 2.1, 3.0 and 4.0, as address books and vaultkit's own export write them: each property
of a card into its Record field (vaultkit's own `X-VAULTKIT-…` ones as `vaultkit.exchange.vcardmap`
names them), else into `details`, `left_out` (photos and the like) or, listed below, read past
on purpose."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from vaultkit.exchange import vcardmap
from vaultkit.exchange.record import Record, Related
from vaultkit.exchange.sources.common import Draft, SourceError, add_addresses, date_field, full_date
from vaultkit.exchange.sources.vcardlines import NoProperty, Property, param_text, parse_property, split_cards
from vaultkit.language import N_, _
from vaultkit.model import Birthday
from vaultkit.values import fold, parse_birthday, parse_date

_CARD_START = re.compile(r"(?im)^[ \t]*BEGIN:VCARD[ \t]*\r?$")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")

# Read past on purpose: what is about the card, not the person (its version, the program that
# wrote it, when, its sync ids, how Apple shows or sorts it), and Apple's X-ABLabel, which only
# names the property beside it in its item group (that property uses it where it tells something).
IGNORED_PROPERTIES = frozenset(
    {
        "VERSION",
        "PRODID",
        "REV",
        "CLIENTPIDMAP",
        "PROFILE",
        "NAME",
        "SOURCE",
        "SORT-STRING",
        "MAILER",
        "CLASS",
        "X-ABUID",
        "X-ABSHOWAS",
        "X-ABLABEL",
        "X-ABADR",
        "X-IMAGETYPE",
        "X-IMAGEHASH",
    }
)
# A value that says only what goes without saying.
NO_VALUE = {"KIND": "individual", "X-ADDRESSBOOKSERVER-KIND": "individual"}
# What kind of thing a card is of: RFC 6350's KIND, and Apple's (iCloud's groups are cards).
KIND_PROPERTIES = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
# Cards of these kinds are no person to keep a note of.
NOT_A_PERSON = {
    "org": N_("the card is of an organisation ({property}), not of a person"),
    "group": N_("the card is of a group ({property}), not of a person"),
    "location": N_("the card is of a place ({property}), not of a person"),
}
DETAIL_LABELS = {
    "IMPP": "Messenger",
    "X-SOCIALPROFILE": "Social profile",
    "GENDER": "Gender",
    "TZ": "Time zone",
    "LANG": "Language",
    "EXPERTISE": "Expertise",
}
_OWN_DATES = ("met", "connected", "last_contact", "next_contact", "snooze_until", "reviewed")


def read_vcards(text: str, name: str) -> Iterator[Record]:
    """The record of each card. A line that is no vCard property costs that line (it is named in
    the record's `unreadable`); a card that cannot be read at all costs that card: it is a record
    without a name whose `unreadable` says why as ("card", why), or, when it is the file's only
    card, a SourceError."""
    if not _CARD_START.search(text):
        raise SourceError(
            _("{file}:1: no BEGIN:VCARD in this file, so no vCards to import").format(file=name)
        )
    cards = list(split_cards(text, name))
    for card in cards:
        draft = Draft(f"{name}:{card.start}", "card")
        why = card.broken
        properties = []
        if why is None:
            for line, written in card.lines:
                try:
                    properties.append(parse_property(line, written, name))
                except NoProperty as exc:
                    draft.unreadable("line", str(exc))
            if card.lines and not properties:
                why = _("{place}: no line of this card is a vCard property, so it cannot be read").format(
                    place=f"{name}:{card.start}"
                )
        if why is None:
            yield _Card(draft, properties, card.left_out).record()
        elif len(cards) == 1:
            raise SourceError(why)
        else:
            yield Record(draft.where, "", unreadable=(("card", why),))


def _vcard_date(text: str) -> str:
    """vCard dates: 19840517, 1984-05-17, --0517, --05-17, with or without a time."""
    text = text.strip().split("T")[0]
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"--\d{4}", text):
        return f"--{text[2:4]}-{text[4:]}"
    return text


@dataclass
class _Card:
    """One card's properties read into a Draft, in the order the card has them."""

    draft: Draft
    properties: list[Property]
    left_out: list[tuple[str, str]]
    names: list[list[str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    addresses: list[tuple[dict[str, str], str]] = field(default_factory=list)
    label_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self) -> Record:
        for item in self.left_out:
            self.draft.leave_out(*item)
        labels = {p.group: p.text for p in self.properties if p.key == "X-ABLABEL" and p.group}
        # Each reader gets the property and the X-ABLabel of its item group ("" if none).
        readers: dict[str, Callable[[Property, str], None]] = {
            "FN": lambda p, _: self.draft.set("name", p.text, "Name"),
            "N": lambda p, _: self.names.append(p.items(";")),
            "NICKNAME": lambda p, _: self.draft.add("aliases", p.items(",")),
            "EMAIL": lambda p, _: self.draft.add("emails", [p.text]),
            "TEL": lambda p, _: self.draft.add("phones", [re.sub(r"(?i)^tel:", "", p.text)]),
            "ORG": lambda p, _: self._org(p.items(";")),
            "TITLE": lambda p, _: self.draft.set("role", p.text, "Title"),
            "ROLE": lambda p, _: self.roles.append(p.text),
            "BDAY": lambda p, _: self.draft.set("birthday", self._day(p, "birthday"), "Birthday"),
            "ANNIVERSARY": lambda p, _: self.draft.set(
                "anniversary", self._day(p, "anniversary"), "Anniversary"
            ),
            "X-ABDATE": self._apple_date,
            "CATEGORIES": lambda p, _: self.draft.add("tags", p.items(",")),
            "URL": self._url,
            "ADR": lambda p, _: self.addresses.append((_address_parts(p), param_text(p.param("LABEL")))),
            "LABEL": lambda p, _: self.label_lines.append(p.text),
            "NOTE": lambda p, _: self.notes.append(p.text),
            "RELATED": lambda p, _: self.draft.add("related", [_related(p)]),
            "X-ABRELATEDNAMES": lambda p, label: self.draft.add(
                "related", [Related(p.text, _label(label) or None)]
            ),
            "UID": lambda p, _: self.draft.set("uid", p.text, "UID"),
            "INTEREST": lambda p, _: self.draft.add("interests", [p.text]),
            "HOBBY": lambda p, _: self.draft.add("interests", [p.text]),
        }
        for prop in self.properties:
            if prop.key in readers:
                readers[prop.key](prop, labels.get(prop.group or "", ""))
            elif vcardmap.own_field(prop.key):
                self._own(prop)
            elif prop.key not in IGNORED_PROPERTIES and NO_VALUE.get(prop.key) != prop.text.strip():
                self.draft.detail(_detail_label(prop, labels), _detail_value(prop))
        self._finish()
        record = self.draft.record()
        kinds = ((p.key, p.text.strip().lower()) for p in self.properties if p.key in KIND_PROPERTIES)
        key, kind = next(((key, kind) for key, kind in kinds if kind in NOT_A_PERSON), ("", ""))
        if kind:
            why = _(NOT_A_PERSON[kind]).format(property=f"{key}:{kind}")
            said = any(field == "name" for field, _ in record.unreadable)
            return replace(
                record, name="", unreadable=record.unreadable if said else (*record.unreadable, ("name", why))
            )
        return record

    def _finish(self) -> None:
        draft = self.draft
        family, given, middle, prefix, suffix = (
            [*self.names[0], "", "", "", "", ""] if self.names else [""] * 5
        )[:5]
        if not draft.has("name"):
            draft.set("name", " ".join(filter(None, (given, middle, family))), "Name")
        # A part the name holds, in any spelling (`Weiss` of `Jürgen Weiß`), is no detail.
        name = fold(str(draft.single.get("name", "")))
        for part, label in ((given, "Given name"), (middle, "Middle name"), (family, "Family name")):
            if fold(part) not in name:
                draft.detail(label, part)
        draft.detail("Name prefix", prefix)
        draft.detail("Name suffix", suffix)
        for role in self.roles:
            draft.set("role", role, "Role")
        labels = iter(self.label_lines)
        addresses = [(parts, formatted or next(labels, "")) for parts, formatted in self.addresses]
        trusted = any(p.key == "PRODID" and p.text == vcardmap.PRODID for p in self.properties)
        add_addresses(draft, addresses, trusted)
        draft.add(
            "addresses", [", ".join(filter(None, map(str.strip, line.splitlines()))) for line in labels]
        )
        draft.set("notes", "\n\n".join(note for note in self.notes if note.strip()), "Note")

    def _org(self, parts: list[str]) -> None:
        units = " / ".join(filter(None, parts[1:]))
        if self.draft.has("org") or self.draft.has("department"):
            self.draft.detail("Organization", " / ".join(filter(None, parts)))
        else:
            self.draft.set("org", parts[0], "Organization")
            self.draft.set("department", units, "Department")

    def _day(self, prop: Property, field: str) -> Birthday | None:
        text = _vcard_date(prop.text)
        omitted = prop.param("X-APPLE-OMIT-YEAR")  # Apple's year for "no year", usually 1604
        if omitted and text.startswith(omitted + "-"):
            text = "--" + text[len(omitted) + 1 :]
        return self.draft.read(parse_birthday, text, field)

    def _apple_date(self, prop: Property, apple_label: str) -> None:
        """A date under a label: the anniversary, or the day they met, when the label names that
        field as a note's key would (`Kennengelernt`); else a detail under the label."""
        label = _label(apple_label)
        dated = date_field(label)
        if dated == "anniversary":
            self.draft.set("anniversary", self._day(prop, "anniversary"), "Anniversary")
        elif dated == "met" and (day := full_date(_vcard_date(prop.text))):
            self.draft.set("met", day, label)
        else:
            self.draft.detail(label or "Date", prop.text)

    def _url(self, prop: Property, apple_label: str) -> None:
        """A URL; one its item group names in words of its own (Blog) is a detail under that name."""
        if apple_label.strip() and not _APPLE_LABEL.fullmatch(apple_label):
            self.draft.detail(apple_label.strip(), prop.text)
        else:
            self.draft.add("urls", [prop.text])

    def _own(self, prop: Property) -> None:
        """vaultkit's own fields, as its export writes them (vcardmap)."""
        own = vcardmap.own_field(prop.key) or ""
        if own in _OWN_DATES:
            day = self.draft.read(lambda text: parse_date(_vcard_date(text)), prop.text, own)
            if own in ("met", "connected"):
                self.draft.set(own, day, prop.name)
            elif day:
                self.draft.add("more", [(own, day.isoformat())])
        elif own in ("how_met", "introduced_by"):
            self.draft.set(own, prop.text, prop.name)
        elif own in vcardmap.OWN_LISTS:
            self.draft.add(own, [prop.text])
        else:
            self.draft.add("more", [(own, prop.text)])


def _address_parts(prop: Property) -> dict[str, str]:
    keys = ("box", "extended", "street", "city", "region", "code", "country")
    return dict(zip(keys, [*prop.items(";"), *[""] * 7]))


def _related(prop: Property) -> Related:
    kind = prop.param("TYPE") or None
    is_uid = prop.param("VALUE").lower() != "text" and bool(_URI.fullmatch(prop.text.strip()))
    return Related(prop.text, kind, is_uid)


def _label(text: str | None) -> str:
    """An X-ABLabel as words: Apple's own (`_$!<Spouse>!$_`) in lower case, like RFC 6350's
    `spouse`; one the user typed as written."""
    if not text:
        return ""
    own = _APPLE_LABEL.fullmatch(text)
    return own.group(1).lower() if own else text.strip()


def _detail_label(prop: Property, labels: dict[str, str]) -> str:
    """`Messenger (Skype)`, `Social profile (twitter)`, `X-MS-CARDPICTURE`: readable, and saying
    which kind of the property it is when the card does."""
    base = DETAIL_LABELS.get(prop.key, prop.name)
    kinds = [t for t in prop.params.get("TYPE", []) if t.lower() not in ("pref", "internet", "voice")]
    kind = _label(labels.get(prop.group or "")) or prop.param("X-SERVICE-TYPE") or ", ".join(kinds)
    return f"{base} ({kind})" if kind else base


def _detail_value(prop: Property) -> str:
    if prop.key == "GENDER":  # sex;identity
        return "; ".join(filter(None, prop.items(";")))
    return prop.text
