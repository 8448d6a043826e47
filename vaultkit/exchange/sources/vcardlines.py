"""The syntax of vCard files: cards, their unfolded property lines, and the escapes of values.

vobject parses each property line (name, group, parameters, value); values are decoded here,
because vobject keeps only the first of several comma-separated ones (NICKNAME:Anni,Nane).
Photos, logos, sounds and keys are cut out before parsing, since they make a card large and are
not imported; `split_cards` says which ones each card had. A line that is no property costs
that line, a card that never ends that card: never the other cards.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from vaultkit.exchange.sources.common import SourceError
from vaultkit.language import N_, _

_MEDIA = re.compile(r"(?i)^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]")
_PROPERTY = re.compile(r"^[\w.-]+[;:]")
LEFT_OUT = {
    "PHOTO": ("photo", N_("photos are not imported")),
    "LOGO": ("logo", N_("logos are not imported")),
    "SOUND": ("sound", N_("sounds are not imported")),
    "KEY": ("key", N_("keys are not imported")),
}


@dataclass(frozen=True)
class Property:
    line: int
    name: str  # as written; `key` is what it is compared by
    group: str | None
    params: dict[str, list[str]]  # singleton parameters of vCard 2.1 (TEL;CELL) count as TYPE
    raw: str  # the value with its backslash escapes

    @property
    def key(self) -> str:
        return self.name.upper()

    @property
    def text(self) -> str:
        return _unescape(self.raw)

    def items(self, separator: str) -> list[str]:
        return [_unescape(part) for part in _cut(self.raw, separator)]

    def param(self, name: str) -> str:
        return ",".join(self.params.get(name, []))


@dataclass
class Card:
    """One card as the file has it: its first line, its property lines (unfolded, with their
    line numbers), what was cut out of it (photos, logos, sounds, keys), and, for a card that
    never ends, why it cannot be read."""

    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    broken: str | None = None


def split_cards(text: str, name: str) -> Iterator[Card]:
    """Each card of `text`, in file order. A card with no END:VCARD before the next BEGIN:VCARD
    (or the end of the file) is still yielded, `broken`, so that it costs only itself."""
    lines = _unfold(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    card: Card | None = None
    in_media = False
    for number, line in lines:
        line = line.strip()
        if line.upper() == "BEGIN:VCARD":
            if card is not None:
                card.broken = _(
                    "{place}: card never ends (no END:VCARD before the next BEGIN:VCARD on line {line})"
                ).format(place=f"{name}:{card.start}", line=number)
                yield card
            card, in_media = Card(number), False
        elif line.upper() == "END:VCARD":
            if card is None:
                raise SourceError(
                    _("{place}: END:VCARD without BEGIN:VCARD").format(place=f"{name}:{number}")
                )
            yield card
            card = None
        elif card is None or not line:
            in_media = False
        elif media := _MEDIA.match(line):
            field, why = LEFT_OUT[media.group(1).upper()]
            card.left_out.append((field, _(why)))
            in_media = True
        elif not (in_media and not _PROPERTY.match(line)):  # vCard 2.1 base64 need not be indented
            card.lines.append((number, line))
            in_media = False
    if card is not None:
        card.broken = _("{place}: card never ends (no END:VCARD)").format(place=f"{name}:{card.start}")
        yield card


def _unfold(lines: list[str]) -> list[tuple[int, str]]:
    """Join folded lines (RFC 6350) and vCard 2.1 quoted-printable soft line breaks."""
    joined: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if joined and joined[-1][1].endswith("=") and "QUOTED-PRINTABLE" in joined[-1][1].upper():
            joined[-1] = (joined[-1][0], joined[-1][1][:-1] + line)  # a soft break: all of `line` is value
        elif joined and line[:1] in (" ", "\t"):
            joined[-1] = (joined[-1][0], joined[-1][1] + line[1:])
        else:
            joined.append((number, line))
    return joined


class NoProperty(ValueError):
    """A line of a card that is no vCard property (NAME:value); the message names it."""


def parse_property(number: int, line: str, name: str) -> Property:
    import vobject.base  # only imports need it

    try:
        prop, params, value, group = vobject.base.parseLine(line, number)
    except vobject.base.ParseError:
        shown = line if len(line) <= 60 else line[:59] + "…"
        raise NoProperty(
            _("{place}: {line!r} is no vCard property, so it was left out").format(
                place=f"{name}:{number}", line=shown
            )
        ) from None
    named: dict[str, list[str]] = {}
    for param in params:
        key, values = (param[0].upper(), param[1:]) if len(param) > 1 else ("TYPE", param)
        named.setdefault(key, []).extend(str(v) for v in values)
    value = value or ""
    encodings = [v.upper() for v in named.pop("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encodings or "QUOTED-PRINTABLE" in (t.upper() for t in named.get("TYPE", [])):
        named["TYPE"] = [t for t in named.get("TYPE", []) if t.upper() != "QUOTED-PRINTABLE"]
        value = _quoted_printable(value, (named.get("CHARSET") or ["utf-8"])[0])
    return Property(number, prop, group.lower() if group else None, named, value)


def _quoted_printable(value: str, charset: str) -> str:
    data = quopri.decodestring(value.encode("utf-8", errors="replace"))
    for encoding in (charset, "utf-8"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _cut(raw: str, separator: str) -> list[str]:
    """`raw` split at each `separator` that no backslash escapes; the escapes stay."""
    parts, current, escaped = [], [], False
    for char in raw:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(raw: str) -> str:
    """RFC 6350 text: `\\n` is a line break, `\\,` `\\;` `\\\\` the character; any other
    backslash (a Windows path in a note) stays as written."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def param_text(text: str) -> str:
    """A parameter value's RFC 6868 escapes: `^n` a line break, `^'` a quote, `^^` a caret."""
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m[1]], text).replace("\\n", "\n")
