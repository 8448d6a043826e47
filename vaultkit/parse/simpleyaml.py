"""A fast reader for the front matter most notes have: flat `key: value` lines.

Values may be plain scalars, quoted strings, flow lists of those (`[a, "[[B]]"]`), or block
lists of them (`key:` then `  - item` lines, as Obsidian writes every list). Anything else
(nesting, comments after values, escapes, anchors, tags, floats…) makes `load` return None, and
the caller uses the full YAML loader. Where `load` answers, it answers
exactly what the full loader would: a property test holds the two side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# The key ends on a character that is no space: the spaces before the colon are ` *`'s alone,
# which keeps a line of many spaces linear.
_KEY_LINE = re.compile(r"([A-Za-z_](?:[A-Za-z0-9_ -]*[A-Za-z0-9_-])?) *:(?: +(.*))?")
# An item of a block list: its indentation, then `- ` and the value.
_BLOCK_ITEM = re.compile(r"( *)- +(.*)")
# What YAML reads as-is in a plain scalar, in block context and inside a flow list. In block
# context, brackets and commas after the first character are text: `Mentor [gründung, startup]`.
_PLAIN_BLOCK = re.compile(r"(?:[^\-?:,\[\]{}#&*!|>'\"%@` \t]|[-?:][^ \t,\[\]{}])[^\t]*")
_PLAIN_FLOW = re.compile(r"(?:[^\-?:,\[\]{}#&*!|>'\"%@` \t]|-[^ \t,\[\]{}:])[^,\[\]{}\t:]*")
# Characters the YAML reader refuses, and line breaks other than \n (YAML breaks lines at NEL, LS
# and PS too). Named as what is refused: the class of what is allowed takes 5 ms to compile.
_UNREADABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# YAML (libyaml) gives up on a key whose colon is more than 1,024 characters from its start.
_LONGEST_KEY = 1000

Resolver = Callable[[str], Any]  # plain text -> its value; raises LookupError to give up


class _GiveUp(Exception):
    pass


def load(text: str, resolve_plain: Resolver) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping `text` holds and the line (from 0) of each key, or None when it is not of the
    simple kind."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNREADABLE.search(text):
        return None
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    listing: str | None = None  # the key whose value may be the block list on the next lines
    indent: int | None = None  # the list's indentation, once its first item gives it
    try:
        for number, line in enumerate(text.split("\n")):
            if not line or line.startswith("#") or not line.strip():
                continue
            line = line.rstrip(" ")
            if listing is not None and (item := _block_item(line)) is not None:
                item_indent, scalar = item
                if indent is None:
                    indent, data[listing] = item_indent, []
                if item_indent != indent:
                    return None  # a nested list, or a plain scalar going on over lines
                data[listing].append(_read(scalar, resolve_plain))
                continue
            listing = indent = None
            key_line = _key_line(line)
            if key_line is None:
                return None  # not a key line, or one whose value is YAML's to read
            key, value, flow = key_line
            if key in data or resolve_plain(key) != key:
                return None  # a key set twice, or a key like `true` or `null`
            if flow is not None:
                data[key] = [_read(item, resolve_plain) for item in flow]
            else:
                data[key] = None if value is None else _read(value, resolve_plain)
                listing = key if value is None else None
            lines[key] = number
    except LookupError:
        return None
    return data, lines


# A scalar as written: whether it is plain (what it means is the resolver's to say), and its
# text (a quoted scalar's value).
Scalar = tuple[bool, str]


def _read(scalar: Scalar, resolve_plain: Resolver) -> Any:
    plain, text = scalar
    return resolve_plain(text) if plain else text


# What a line is is a matter of its text alone, and the same lines (`tags:`, `  - meeting`, a
# person's link) recur in thousands of notes: each is taken apart once, its scalars left to
# the resolver on every reading.
@lru_cache(maxsize=1 << 14)
def _key_line(line: str) -> tuple[str, Scalar | None, tuple[Scalar, ...] | None] | None:
    """A `key: value` line: the key, and the value as one scalar or a flow list (neither for
    `key:` alone); None when it is no such line."""
    match = _KEY_LINE.fullmatch(line)
    if match is None or line.find(":", match.end(1)) > _LONGEST_KEY:
        return None  # YAML reads no key that long: it refuses the line
    key, value = match.groups()
    try:
        if not value:
            return key, None, None
        if value[0] == "[":
            return key, None, _flow_list(value)
        return key, _scalar(value), None
    except _GiveUp:
        return None


@lru_cache(maxsize=1 << 14)
def _block_item(line: str) -> tuple[int, Scalar] | None:
    """An item of a block list: its indentation and its scalar; None for any other line, and
    for an item that is empty or a list itself (YAML's to read)."""
    item = _BLOCK_ITEM.fullmatch(line)
    if item is None or item[2][:1] in ("", "["):
        return None
    try:
        return len(item[1]), _scalar(item[2])
    except _GiveUp:
        return None


def _scalar(text: str) -> Scalar:
    if text[0] in "\"'":
        quoted, rest = _quoted(text)
        if rest:
            raise _GiveUp
        return False, quoted
    return True, _plain(text, _PLAIN_BLOCK)


def _plain(text: str, pattern: re.Pattern[str]) -> str:
    # `: ` and ` #` inside would make a mapping or a comment.
    if not pattern.fullmatch(text) or text.endswith((":", " ")) or ": " in text or " #" in text:
        raise _GiveUp
    return text


def _quoted(text: str) -> tuple[str, str]:
    """A quoted scalar at the start of `text`, and what follows it."""
    quote = text[0]
    if quote == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[1:end]:
            raise _GiveUp
        return text[1:end], text[end + 1 :]
    value, position = [], 1
    while True:
        end = text.find("'", position)
        if end < 0:
            raise _GiveUp
        value.append(text[position:end])
        if text[end + 1 : end + 2] != "'":
            return "".join(value), text[end + 1 :]
        value.append("'")
        position = end + 2


def _flow_list(text: str) -> tuple[Scalar, ...]:
    if not text.endswith("]"):
        raise _GiveUp
    inner = text[1:-1].strip(" ")
    items: list[Scalar] = []
    while inner:
        if inner[0] in "\"'":
            item, inner = _quoted(inner)
            items.append((False, item))
        else:
            comma = inner.find(",")
            plain = (inner if comma < 0 else inner[:comma]).rstrip(" ")
            items.append((True, _plain(plain, _PLAIN_FLOW)))
            inner = "" if comma < 0 else inner[comma:]
        inner = inner.lstrip(" ")
        if inner:
            if inner[0] != ",":
                raise _GiveUp
            inner = inner[1:].lstrip(" ")
            if not inner:
                raise _GiveUp  # a trailing comma: leave YAML's reading of it to YAML
    return tuple(items)
