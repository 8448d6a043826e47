"""Write values as YAML text that vaultkit's reader reads back exactly.

Booleans and numbers are written as YAML's `true`, `false` and plain digits. Text is written
plain only when the reader gives back the same text and a YAML 1.1 reader would not read it as
a boolean or number (so `NO`, `01067` and `12:30` get quotes); otherwise
it is double-quoted, with escapes for what YAML cannot hold raw. The reader itself decides what
is safe, so the rules cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from vaultkit.language import _
from vaultkit.parse import frontmatter

Scalar = str | bool | int | float | None
Style = Literal["plain", "single", "double"]

# Characters YAML may hold raw in a quoted scalar on one line (printable, not a line break).
_RAW_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x2027),
    (0x202A, 0xD7FF),
    (0xE000, 0xFEFE),
    (0xFF00, 0xFFFD),
    (0x10000, 0x10FFFF),
)


def scalar(value: Scalar, style: Style = "plain") -> str:
    """`value` as the text after `key: `; `style` is a preference kept where the value allows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Positional, with a point: YAML 1.1 reads `1e-05` as text and `100` as an integer.
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    raw = all(_raw(ch) for ch in value)
    if style == "plain" and raw and reads_back(value, value):
        return value
    if style == "single" and raw:
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def flow_list(items: list[str] | tuple[str, ...]) -> str:
    """`[a, "b: c"]`: each item plain where it reads back as itself inside brackets."""
    parts = [
        item if all(_raw(ch) for ch in item) and _reads_back_in_list(item) else _double_quoted(item)
        for item in items
    ]
    return "[" + ", ".join(parts) + "]"


def reads_back(text: str, expected: Scalar) -> bool:
    """True if `key: text` loads as exactly `expected`, with nothing a YAML 1.1 reader reads otherwise."""
    return _loads_as(f"k: {text}\n", expected)


def plain_key(key: str) -> bool:
    """True if `key` written plain before a colon reads back as that text."""
    loaded = _load(f"{key}: x\n")
    return loaded is not None and list(loaded.data.items()) == [(key, "x")]


def read_value(text: str) -> Any:
    """What `key: text` holds for vaultkit's reader; ValueError if that is not one key's value."""
    loaded = _load(f"k: {text}\n")
    if loaded is None or list(loaded.data) != ["k"]:
        raise ValueError(_("{text!r} is not a value on its own").format(text=text))
    return loaded.data["k"]


def _reads_back_in_list(item: str) -> bool:
    return _loads_as(f"k: [{item}]\n", [item])


def _loads_as(yaml_text: str, expected: object) -> bool:
    loaded = _load(yaml_text)
    if loaded is None:
        return False
    value = loaded.data.get("k")
    return (
        list(loaded.data) == ["k"]
        and type(value) is type(expected)
        and value == expected
        and not loaded.yaml11_surprises
    )


def _load(yaml_text: str) -> frontmatter.Loaded | None:
    try:
        return frontmatter.load(yaml_text, 1)
    except (frontmatter.FrontMatterError, UnicodeEncodeError):  # a lone surrogate has no UTF-8
        return None


def _raw(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _RAW_RANGES)


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _raw(ch):
            out.append(ch)
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02X}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    out.append('"')
    return "".join(out)
