"""Split a note into front matter and body, and load the front matter safely.

The splitter is strict: the first line is `---`, the block closes with `---` or `...`. YAML goes
through PyYAML's C loader with guards against what crashes or floods it (deep nesting, alias
bombs, huge blocks), and with a resolver close to YAML 1.2's core schema, which is what Obsidian
reads: `NO` stays the text "NO", `01067` stays "01067", dates stay text until a field asks for a
date. Where a YAML 1.1 reader (PyYAML's default, many static-site tools) would have read a plain
value differently, the value is remembered so that known fields can warn about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver as Yaml11Resolver

from vaultkit.parse import simpleyaml
from vaultkit.words import shown

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 100
MAX_EXPANDED_NODES = 20_000

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_CORE_SCALARS = [
    (_NULL, re.compile(r"~|null|Null|NULL|")),
    (_BOOL, re.compile(r"true|True|TRUE|false|False|FALSE")),
    (_INT, re.compile(r"[-+]?(?:0|[1-9][0-9]*)")),
    (
        "tag:yaml.org,2002:float",
        re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"),
    ),
]
# The first characters of every non-text plain scalar, in YAML 1.2 core and in YAML 1.1.
_MAY_BE_TYPED = frozenset("~nNtTfFyYoO0123456789+-.<=") | {""}
_YAML11_SURPRISES = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class FrontMatterError(Exception):
    def __init__(self, line: int, code: str, message: str):
        super().__init__(message)
        self.line = line
        self.code = code
        self.message = message


@dataclass
class Split:
    yaml_text: str | None  # None: the note has no front matter
    body: str
    body_line: int  # file line of the body's first line
    toml: bool = False  # a `+++` block, which vaultkit does not read


def split(text: str) -> Split:
    """Split decoded note text (BOM already removed). Raises FrontMatterError if unclosed."""
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip("\r").rstrip()
    if first != "---":
        return Split(None, text, 1, toml=first == "+++")
    if first_end < 0:
        raise FrontMatterError(1, "fm-unclosed", "front matter opened with --- is never closed")
    start = pos = first_end + 1
    line_no = 2
    while pos < len(text):
        end = text.find("\n", pos)
        stop = len(text) if end < 0 else end
        if text[pos:stop].rstrip() in ("---", "..."):
            body_start = len(text) if end < 0 else end + 1
            return Split(text[start:pos], text[body_start:], line_no + 1)
        if end < 0:
            break
        pos = end + 1
        line_no += 1
    raise FrontMatterError(1, "fm-unclosed", "front matter opened with --- is never closed by --- or ...")


@dataclass
class Loaded:
    data: dict[str, Any]
    # Top-level key -> its file line; keys written twice are in `duplicates`.
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    # Plain values a YAML 1.1 reader would have read as bool or number.
    yaml11_surprises: set[str] = field(default_factory=set)


def _resolve(value: str, surprises: set[str]) -> str:
    """The tag of a plain scalar; remembers values a YAML 1.1 reader would read otherwise."""
    if value[:1] not in _MAY_BE_TYPED:
        return _STR
    for tag, pattern in _CORE_SCALARS:
        if pattern.fullmatch(value):
            return tag
    for tag, pattern in Yaml11Resolver.yaml_implicit_resolvers.get(value[:1], ()):
        if tag in _YAML11_SURPRISES and pattern.match(value):
            surprises.add(value)
            break
    return _STR


def _plain_value(text: str, surprises: set[str]) -> Any:
    """A plain scalar's value for the simple reader; LookupError where it leaves it to YAML."""
    tag = _resolve(text, surprises)
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT:
        return int(text)
    raise LookupError(tag)


class _Loader(yaml.CSafeLoader):
    def __init__(self, stream: str):
        super().__init__(stream)
        self.surprises: set[str] = set()

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.SequenceNode:
            return _SEQ
        if kind is yaml.MappingNode:
            return _MAP
        return _resolve(value, self.surprises) if implicit[0] else _STR

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError) as exc:
            # A tagged value its type cannot take (`!!int x`, `!!timestamp 2026-13-45`) fails
            # without a place in the text: it gets the place of its node.
            raise yaml.constructor.ConstructorError(None, None, str(exc), node.start_mark) from None


def load(yaml_text: str, first_line: int) -> Loaded:
    """Load a front-matter block whose first line is file line `first_line`."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            first_line,
            "fm-too-large",
            f"front matter is {len(yaml_text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}",
        )
    _refuse_tab_indentation(yaml_text, first_line)
    surprises: set[str] = set()
    simple = simpleyaml.load(yaml_text, lambda text: _plain_value(text, surprises))
    if simple is not None:
        data, offsets = simple  # a simple mapping has no key twice
        return Loaded(data, {key: first_line + offset for key, offset in offsets.items()}, [], surprises)
    key_lines, duplicates = _top_level_keys(yaml_text, first_line)
    if _nesting_bound(yaml_text) > MAX_DEPTH:
        _refuse_deep_nesting(yaml_text, first_line)
    loader = _Loader(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, yaml_text, first_line) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, yaml_text, first_line) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise FrontMatterError(first_line, "yaml-syntax", _one_line(f"invalid YAML: {exc}")) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the single value {shown(data)}"
        raise FrontMatterError(
            first_line, "fm-not-mapping", f"front matter is {kind}; it must be key: value pairs"
        )
    if "*" in yaml_text and _expanded_size(data) > MAX_EXPANDED_NODES:
        raise FrontMatterError(
            first_line,
            "fm-alias-bomb",
            f"front matter aliases expand to more than {MAX_EXPANDED_NODES:,} values",
        )
    return Loaded(data, key_lines, duplicates, loader.surprises)


def _syntax_error(exc: yaml.MarkedYAMLError, yaml_text: str, first_line: int) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and mark and mark.line >= yaml_text.count("\n"):
        mark = exc.context_mark  # failed at the end: what was left open is the place to fix
    line = first_line + (mark.line if mark else 0)
    message = f"invalid YAML: {exc.problem or exc.context}"
    if exc.context and exc.problem and exc.context_mark:
        message += f" ({exc.context} that starts on line {first_line + exc.context_mark.line})"
    return FrontMatterError(line, "yaml-syntax", _one_line(message))


def _reader_error(exc: yaml.reader.ReaderError, yaml_text: str, first_line: int) -> FrontMatterError:
    """A character YAML does not allow, on its line. The error's own text adds a second line
    with a position, which libyaml counts in UTF-8 bytes."""
    if not isinstance(exc.character, int):
        return FrontMatterError(first_line, "yaml-syntax", _one_line(f"invalid YAML: {exc}"))
    # The reader stops at the first character it refuses, so that is the first of its kind.
    line = first_line + yaml_text.count("\n", 0, max(yaml_text.find(chr(exc.character)), 0))
    return FrontMatterError(
        line, "yaml-syntax", f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}"
    )


def _one_line(message: str) -> str:
    """A diagnostic is one line, whatever a YAML error's text holds."""
    return " ".join(line.strip() for line in message.splitlines())


# A top-level `key:` (double-quoted, single-quoted or plain: the groups), up to its colon. The
# editor finds keys by the same pattern, so it changes exactly the lines the reader reads.
TOP_LEVEL_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#\-\[{?&*!|>'"%@`][^:#]*?|-[^\s:][^:#]*?))\s*:(?=[ \t]|$)"""
)


def _top_level_keys(yaml_text: str, first_line: int) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    lines: dict[str, int] = {}
    duplicates = []
    for offset, line in enumerate(yaml_text.split("\n")):
        match = TOP_LEVEL_KEY.match(line.removesuffix("\r"))  # `key:` then CRLF has no value
        if not match:
            continue
        key = next(group for group in match.groups() if group is not None)
        number = first_line + offset
        if key in lines:
            duplicates.append((key, lines[key], number))
        lines[key] = number
    return lines, duplicates


def _refuse_tab_indentation(yaml_text: str, first_line: int) -> None:
    if "\t" not in yaml_text:
        return
    for offset, line in enumerate(yaml_text.split("\n")):
        if line.startswith("\t") or (line.startswith(" ") and "\t" in line[: len(line) - len(line.lstrip())]):
            raise FrontMatterError(
                first_line + offset, "fm-tab", "tab used for indentation; YAML allows only spaces there"
            )


def _nesting_bound(yaml_text: str) -> int:
    """An upper bound of the nesting depth, cheap enough to compute for every note.

    A nested collection opens with `[`, `{`, `-`, `?` or on a new line, so their count bounds
    the depth; only notes above MAX_DEPTH by this bound get the exact (slower) measure.
    """
    return (
        yaml_text.count("\n")
        + yaml_text.count("[")
        + yaml_text.count("{")
        + yaml_text.count("-")
        + yaml_text.count("?")
        + 1
    )


def _refuse_deep_nesting(yaml_text: str, first_line: int) -> None:
    # libyaml's event parser keeps its own stack (no recursion), so it is safe at any depth;
    # the composer that builds nodes from the events is what overflows the C stack.
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = first_line + (event.start_mark.line if event.start_mark else 0)
                    raise FrontMatterError(
                        line, "fm-too-deep", f"front matter is nested more than {MAX_DEPTH} levels deep"
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5 as built into PyYAML 6.0.3 and later refuses 1,000 levels on its own.
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise FrontMatterError(
                first_line + exc.problem_mark.line,
                "fm-too-deep",
                f"front matter is nested more than {MAX_DEPTH} levels deep",
            ) from None
        return  # the loader reports the syntax error with its line
    except yaml.YAMLError:
        return


def _expanded_size(data: Any) -> int:
    """How many values `data` holds when every alias is written out, counted up to a cap."""
    count = 0
    stack = [data]
    while stack and count <= MAX_EXPANDED_NODES:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return count
