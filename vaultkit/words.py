"""How vaultkit says a count and a day: one home for what templates, reports and the CLI share."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TypeVar

from vaultkit import language
from vaultkit.content import PIECE

# A list of names on one line in a text or Markdown report stops after this many, then says how
# many more; JSON always has them all.
FIRST_FEW = 8

T = TypeVar("T")

# Line breaks (as str.splitlines finds them) and tabs: in a value shown on one line, a space.
_LINE_BREAKS_AND_TABS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
# What a terminal or an editor acts on instead of showing it: the other C0 and C1 control
# characters and DEL (escape sequences set window titles and the clipboard), the bidirectional
# embeddings, overrides and isolates that reorder the text around them, and lone surrogates,
# which cannot be written as UTF-8. Line breaks are among them: printable() makes them spaces.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The unprintable characters that json.dumps leaves as they are (it escapes C0 itself).
_UNPRINTABLE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SHOWN_INSTEAD = "\ufffd"  # the replacement character: something was here that cannot be shown


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 attendee`, `3 attendees`, in the language spoken now (`plural`: when it is not the
    noun with an s)."""
    return language.counted(number, noun, plural or noun + "s")


def listed(items: list[str] | tuple[str, ...], conjunction: str = "and", *, limit: int | None = None) -> str:
    """`a`, `a and b`, `a, b and c`; beyond `limit` items, `a, b, c and 9 more`."""
    return language.listed(items, conjunction, limit=limit)


def first_few(items: Iterable[T], say: Callable[[T], object] = str) -> str:
    """The first FIRST_FEW items, each as `say` puts it, and how many more: `a, b, …, h and 101 more`."""
    return listed([str(say(item)) for item in items], limit=FIRST_FEW)


def shown(value: object) -> str:
    """A value someone wrote (in a note, the config or an import), as a message quotes it, in
    the language spoken now: text in quotes, `true`, `2026-11-21`, `a list ('x', 'y')`; never
    as Python writes it. `true` and `false` stay what YAML and TOML write in every language."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return language._("nothing")
    if isinstance(value, date):
        return language.date_text(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return language._("an empty list")
        return language._("a list ({items})").format(items=", ".join(shown(item) for item in value))
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = ", ".join(f"{key}: {shown(item)}" for key, item in value.items())
        return language._("key: value pairs ({pairs})").format(pairs=pairs)
    return str(value)


def printable(text: str, instead: str = SHOWN_INSTEAD) -> str:
    """`text` safe to print on one line: line breaks and tabs become spaces, and every other
    character a terminal would act on (an escape sequence, a bell, a bidi override) becomes
    `instead`, so that a note can neither move the output nor talk to the terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(instead, _LINE_BREAKS_AND_TABS.sub(" ", text))


def escaped(text: str) -> str:
    """`text` with every character a terminal or editor would act on written as a Python escape
    (`\\n`, `\\x1b`, `\\u202e`), so that a file name shows on one line as what it is."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


def printable_json(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the characters a terminal acts
    on written as `\\u` escapes: the same JSON, safe to print."""
    return _UNPRINTABLE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def printed_json(document: object) -> Iterator[bytes]:
    """`document` as vaultkit prints JSON, the text `json.dumps(document, ensure_ascii=False,
    indent=2)` gives with the characters `printable_json` escapes escaped and a newline at the
    end; as UTF-8 in pieces of about `PIECE` characters, each made as it is asked for (see
    `vaultkit.content`). A list in it
    may come as an iterator, made as it is written: a large vault's agenda holds thousands of
    items, 19 MiB as dictionaries at once. Not `json.dumps`: with an indent, it holds every small
    piece of its text in a list before it joins them (50 MiB more for a 10 MB agenda), and each
    value written apart leaves a reference cycle behind, which one-shot runs never collect."""
    waiting: list[str] = []
    size = 0
    for chunk in _json_chunks(document, ""):
        waiting.append(chunk)
        size += len(chunk)
        if size >= PIECE:
            yield printable_json("".join(waiting)).encode("utf-8")
            waiting.clear()
            size = 0
    waiting.append("\n")
    yield printable_json("".join(waiting)).encode("utf-8")


def _json_chunks(value: object, indent: str) -> Iterator[str]:
    """`value` as JSON text `indent` deep, as `json.dumps` writes it with an indent of two."""
    scalar = _scalar_json(value)
    if scalar is not None:
        yield scalar
        return
    inner = indent + "  "
    if isinstance(value, dict):
        opening = "{"
        for key, each in value.items():
            head = f"{opening}\n{inner}{_JSON(key if isinstance(key, str) else _JSON(key))}: "
            opening = ","
            scalar = _scalar_json(each)
            if scalar is not None:
                yield head + scalar
            else:
                yield head
                yield from _json_chunks(each, inner)
        yield "{}" if opening == "{" else f"\n{indent}}}"
    elif isinstance(value, list | tuple | Iterator):
        opening = "["
        for element in value:
            scalar = _scalar_json(element)
            if scalar is not None:
                yield f"{opening}\n{inner}{scalar}"
            else:
                yield f"{opening}\n{inner}"
                yield from _json_chunks(element, inner)
            opening = ","
        yield "[]" if opening == "[" else f"\n{indent}]"
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar_json(value: object) -> str | None:
    """`value` as JSON when it is no list or object (as json writes it: null, 12, NaN, 1e+16)."""
    if isinstance(value, str):
        return _JSON(value)
    if value is None:
        return "null"
    if isinstance(value, int | float):  # True and False too
        return _JSON(value)
    return None


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # one value, without an indent: in C
