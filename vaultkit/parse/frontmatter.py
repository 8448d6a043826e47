"""Split a note into front matter and body, and load the front matter safely.

The splitter is strict: the first line is `---`, the block closes with `---` or `...`. YAML goes
through PyYAML's C loader with guards against what crashes or floods it (deep nesting, alias
bombs, huge blocks, tags that make objects or bytes, values a tag cannot take, numbers too long
for Python to read), and with a resolver close to YAML 1.2's core schema, which is what Obsidian
reads: `NO` stays the text "NO", `01067` stays "01067", dates stay text until a field asks for a
date. Where a YAML 1.1 reader (PyYAML's default, many static-site tools) would have read a plain
value differently, the value is remembered so that known fields can warn about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import yaml
from yaml.resolver import Resolver as Yaml11Resolver

from vaultkit.language import N_
from vaultkit.model import Message, Shown, python_words
from vaultkit.parse import simpleyaml

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 100
MAX_EXPANDED_NODES = 20_000
# Python's own limit for reading a number from text (sys.set_int_max_str_digits).
MAX_INT_DIGITS = 4300
_INT_LIMIT = 10**MAX_INT_DIGITS

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
# The types a property can have (text, number, checkbox, date, list, nested keys). Other tags
# make bytes, sets or pairs that no field reads, or objects (`!!python/…`): they are refused.
_SCALAR_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP})
_TYPED_SCALAR_TAGS = _SCALAR_TAGS - {_STR}
_CORE_SCALARS = [
    (_NULL, re.compile(r"~|null|Null|NULL|")),
    (_BOOL, re.compile(r"true|True|TRUE|false|False|FALSE")),
    (_INT, re.compile(r"[-+]?(?:0|[1-9][0-9]*)")),
    (
        _FLOAT,
        re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"),
    ),
]
# The first characters of every non-text plain scalar, in YAML 1.2 core and in YAML 1.1.
_MAY_BE_TYPED = frozenset("~nNtTfFyYoO0123456789+-.<=") | {""}
_YAML11_SURPRISES = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class FrontMatterError(Exception):
    """What keeps front matter from being read; `words` says it when it is shown (a note's
    diagnostics are kept), `message` in the language spoken now."""

    def __init__(self, line: int, code: str, template: str, /, **values: Any):
        self.words = Message.of(template, **values)
        super().__init__(self.words)
        self.line = line
        self.code = code

    @property
    def message(self) -> str:
        return str(self.words)


@dataclass
class Split:
    yaml_text: str | None  # None: the note has no front matter
    body: str
    body_line: int  # file line of the body's first line
    toml: bool = False  # a `+++` block, which vaultkit does not read


def split(text: str) -> Split:
    """Split decoded note text (BOM already removed). Raises FrontMatterError if unclosed, and
    for text with a lone CR: the splitter and the writer count only LF (and CRLF) as a line end,
    so such a note must be made LF first (as `parse_note` does) or not be touched."""
    if "\r" in text:
        _refuse_lone_cr(text)
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip("\r").rstrip()
    if first != "---":
        return Split(None, text, 1, toml=first == "+++")
    if first_end < 0:
        raise FrontMatterError(1, "fm-unclosed", N_("front matter opened with --- is never closed"))
    start = first_end + 1
    close = _CLOSING_LINE.search(text, start)
    if close is None:
        raise FrontMatterError(
            1, "fm-unclosed", N_("front matter opened with --- is never closed by --- or ...")
        )
    body_start = min(close.end() + 1, len(text))
    body_line = 3 + text.count("\n", start, close.start())
    return Split(text[start : close.start()], text[body_start:], body_line)


# `---` or `...` on a line of its own, but for trailing whitespace (what `str.rstrip` strips).
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


LONE_CR = re.compile(r"\r(?!\n)")
LONE_CR_CODE = "cr-line-ends"
LONE_CR_MESSAGE = N_(
    "lines end in a lone CR (as on classic Mac OS), not LF or CRLF: vaultkit reads the note, but "
    "changes it only once it is saved with LF line ends"
)


def _refuse_lone_cr(text: str) -> None:
    found = LONE_CR.search(text)
    if found is not None:
        raise FrontMatterError(1 + text.count("\n", 0, found.start()), LONE_CR_CODE, LONE_CR_MESSAGE)


@dataclass
class Loaded:
    data: dict[str, Any]
    # Top-level key -> its file line; keys written twice are in `duplicates`.
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    # Plain values a YAML 1.1 reader would have read as bool or number.
    yaml11_surprises: set[str] = field(default_factory=set)
    # Values left out (read as empty) because their tag is refused or cannot take them.
    problems: list[FrontMatterError] = field(default_factory=list)


def _resolve(value: str, surprises: set[str]) -> str:
    """The tag of a plain scalar; remembers values a YAML 1.1 reader would read otherwise."""
    if value[:1] not in _MAY_BE_TYPED:
        return _STR
    tag, surprising = _typed_tag(value)
    if surprising:
        surprises.add(value)
    return tag


# The same dates, numbers and words starting like `true` recur in thousands of notes, and each
# costs up to a dozen patterns to tell apart.
@lru_cache(maxsize=1 << 14)
def _typed_tag(value: str) -> tuple[str, bool]:
    """The tag of a plain scalar that may be typed, and whether a YAML 1.1 reader would read it
    as a boolean or a number where this one reads text."""
    for tag, pattern in _CORE_SCALARS:
        if pattern.fullmatch(value):
            return tag, False
    for tag, pattern in Yaml11Resolver.yaml_implicit_resolvers.get(value[:1], ()):
        if tag in _YAML11_SURPRISES and pattern.match(value):
            return _STR, True
    return _STR, False


def _plain_value(text: str, surprises: set[str]) -> Any:
    """A plain scalar's value for the simple reader; LookupError where it leaves it to YAML."""
    if text[:1] not in _MAY_BE_TYPED:
        return text  # the common case, without asking _resolve
    tag = _resolve(text, surprises)
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT and len(text) <= MAX_INT_DIGITS:
        return int(text)
    raise LookupError(tag)  # a float, or a number too long: the YAML loader says which


class _Loader(yaml.CSafeLoader):
    """PyYAML's safe loader, with the core-schema resolver above, that reads only the tags of
    _SCALAR_TAGS and collections. A value that is refused or that its tag cannot take
    (`!!bool maybe`, `!!timestamp soon`, a number of 5,000 digits) is read as empty and becomes
    one of `problems`, so that one value costs that value and not the whole front matter."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.surprises: set[str] = set()
        self.problems: list[tuple[yaml.Mark | None, str, Message]] = []

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.SequenceNode:
            return _SEQ
        if kind is yaml.MappingNode:
            return _MAP
        return _resolve(value, self.surprises) if implicit[0] else _STR

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            return self.constructed_objects[node]
        problem = _tag_problem(node)
        if problem is None:
            if node.tag not in _TYPED_SCALAR_TAGS:  # text, lists and mappings
                return super().construct_object(node, deep)
            value, problem = self._typed_scalar(node)
            if problem is None:
                return value
        self.problems.append((node.start_mark, *problem))
        self.constructed_objects[node] = None  # an alias of it is the same empty value, said once
        return None

    def _typed_scalar(self, node: yaml.Node) -> tuple[Any, tuple[str, Message] | None]:
        """A number, boolean, date or null, or why the node's text cannot be one."""
        if node.tag == _INT and len(node.value) > MAX_INT_DIGITS:
            return None, ("yaml-value", _TOO_LONG)
        try:
            value = super().construct_object(node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            # PyYAML's bool and timestamp constructors fail with a KeyError or AttributeError;
            # a ValueError has Python's own words (`month must be in 1..12`).
            self.recursive_objects.pop(node, None)
            return None, ("yaml-value", _cannot_take(node, str(exc) if isinstance(exc, ValueError) else ""))
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
            return None, ("yaml-value", _TOO_LONG)
        return value, None

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # YAML 1.2 and Obsidian know no merge keys: `<<` is a key like others (the resolver
        # never makes it a merge), and an explicit `!!merge`, which can copy a mapping thousands
        # of times over, is refused like any tag vaultkit does not read.
        if any(key.tag in (_MERGE, _VALUE) for key, _ in node.value):
            for key, _ in node.value:
                if key.tag in (_MERGE, _VALUE):
                    self.problems.append((key.start_mark, "yaml-tag", _refused_tag(key.tag)))
            node.value = [(key, value) for key, value in node.value if key.tag not in (_MERGE, _VALUE)]


def _tag_problem(node: yaml.Node) -> tuple[str, Message] | None:
    """Why a node's tag is not read, or None when it is."""
    if node.tag == _SEQ:
        return None if isinstance(node, yaml.SequenceNode) else ("yaml-value", _cannot_take(node, ""))
    if node.tag == _MAP:
        return None if isinstance(node, yaml.MappingNode) else ("yaml-value", _cannot_take(node, ""))
    if node.tag not in _SCALAR_TAGS:
        return "yaml-tag", _refused_tag(node.tag)
    if not isinstance(node, yaml.ScalarNode):
        return "yaml-value", _cannot_take(node, "")
    return None


_QUOTED = 60  # characters of a value or tag a message quotes
_YAML_TAGS = "tag:yaml.org,2002:"


def _short_tag(tag: str) -> str:
    """`!!bool` for YAML's own tags, the others as written; escaped, and cut if long."""
    short = "!!" + tag.removeprefix(_YAML_TAGS) if tag.startswith(_YAML_TAGS) else tag
    return repr(_cut(short))[1:-1]


def _cut(text: str) -> str:
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"


def _refused_tag(tag: str) -> Message:
    return Message.of(
        N_(
            "the YAML tag {tag} is not read by vaultkit (it reads text, numbers, true or false, dates, "
            "lists and key: value pairs); the value is left out"
        ),
        tag=_short_tag(tag),
    )


def _cannot_take(node: yaml.Node, detail: str) -> Message:
    if isinstance(node, yaml.ScalarNode):
        what: Any = Shown(_cut(node.value))
    elif isinstance(node, yaml.SequenceNode):
        what = Message(N_("a list"))
    else:
        what = Message(N_("key: value pairs"))
    tag = _short_tag(node.tag)
    if detail and len(detail) <= 2 * _QUOTED:
        # Python's own words, as its date and number readers say them.
        return Message.of(
            N_("{tag} cannot be {what} ({detail}); the value is left out"),
            tag=tag,
            what=what,
            detail=python_words(_one_line(detail)),
        )
    return Message.of(N_("{tag} cannot be {what}; the value is left out"), tag=tag, what=what)


_TOO_LONG = Message.of(
    N_(
        "a number of more than {digits:,} digits is longer than vaultkit reads; quote it to keep it as "
        "text; the value is left out"
    ),
    digits=MAX_INT_DIGITS,
)


def load(yaml_text: str, first_line: int, strict: bool = True) -> Loaded:
    """Load a front-matter block whose first line is file line `first_line`. A value that is
    left out (see _Loader) raises FrontMatterError when `strict`, as the writer wants; else it is
    one of the result's `problems`."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            first_line,
            "fm-too-large",
            N_("front matter is {size:,} characters; the limit is {limit:,}"),
            size=len(yaml_text),
            limit=MAX_FRONT_MATTER_CHARS,
        )
    _refuse_tab_indentation(yaml_text, first_line)
    surprises: set[str] = set()
    simple = simpleyaml.load(yaml_text, lambda text: _plain_value(text, surprises))
    if simple is not None:
        data, offsets = simple  # a simple mapping has no key twice
        return Loaded(data, {key: first_line + offset for key, offset in offsets.items()}, [], surprises)
    key_lines, duplicates = _top_level_keys(yaml_text, first_line)
    file_line = _file_lines(yaml_text, first_line)
    if _nesting_bound(yaml_text) > MAX_DEPTH:
        _refuse_deep_nesting(yaml_text, file_line)
    loader = _Loader(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, yaml_text, file_line) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, yaml_text, first_line) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise FrontMatterError(first_line, "yaml-syntax", _INVALID, problem=_one_line(str(exc))) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        if isinstance(data, list):
            raise FrontMatterError(
                first_line, "fm-not-mapping", N_("front matter is a list; it must be key: value pairs")
            )
        raise FrontMatterError(
            first_line,
            "fm-not-mapping",
            N_("front matter is the single value {value}; it must be key: value pairs"),
            value=Shown(data),
        )
    if "*" in yaml_text and _expanded_size(data) > MAX_EXPANDED_NODES:
        raise FrontMatterError(
            first_line,
            "fm-alias-bomb",
            N_("front matter aliases expand to more than {limit:,} values"),
            limit=MAX_EXPANDED_NODES,
        )
    problems = [
        FrontMatterError(file_line(mark), code, "{problem}", problem=message)
        for mark, code, message in loader.problems
    ]
    if strict and problems:
        raise problems[0]
    return Loaded(data, key_lines, duplicates, loader.surprises, problems)


# Where YAML breaks lines (at NEL, LS and PS too) and the breaks editors count.
_YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_EDITOR_LINE_BREAKS = ("\n", "\r\n", "\r")


class _Mark(Protocol):
    @property
    def line(self) -> int: ...


FileLine = Callable[[_Mark | None], int]


def _file_lines(yaml_text: str, first_line: int) -> FileLine:
    """The file line, as editors count lines, of a YAML mark in `yaml_text` (None: its first)."""

    def file_line(mark: _Mark | None) -> int:
        if mark is None:
            return first_line
        if not any(char in yaml_text for char in "\r\x85\u2028\u2029"):
            return first_line + mark.line
        lines = 0
        for number, found in enumerate(_YAML_LINE_BREAK.finditer(yaml_text)):
            if number == mark.line:
                break
            lines += found.group() in _EDITOR_LINE_BREAKS
        return first_line + lines

    return file_line


def _syntax_error(exc: yaml.MarkedYAMLError, yaml_text: str, file_line: FileLine) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    last_line = file_line(None) + yaml_text.count("\n")
    if exc.context_mark and mark and file_line(mark) >= last_line:
        mark = exc.context_mark  # failed at the end: what was left open is the place to fix
    problem = _one_line(str(exc.problem or exc.context))
    if exc.context and exc.problem and exc.context_mark:
        return FrontMatterError(
            file_line(mark),
            "yaml-syntax",
            N_("invalid YAML: {problem} ({context} that starts on line {line})"),
            problem=_yaml_words(problem),
            context=_yaml_words(_one_line(exc.context)),
            line=file_line(exc.context_mark),
        )
    return FrontMatterError(file_line(mark), "yaml-syntax", _INVALID, problem=_yaml_words(problem))


def _reader_error(exc: yaml.reader.ReaderError, yaml_text: str, first_line: int) -> FrontMatterError:
    """A character YAML does not allow, on its line. The error's own text adds a second line
    with a position, which libyaml counts in UTF-8 bytes."""
    if not isinstance(exc.character, int):
        return FrontMatterError(first_line, "yaml-syntax", _INVALID, problem=_one_line(str(exc)))
    # The reader stops at the first character it refuses, so that is the first of its kind.
    line = first_line + yaml_text.count("\n", 0, max(yaml_text.find(chr(exc.character)), 0))
    return FrontMatterError(
        line,
        "yaml-syntax",
        N_("invalid YAML: unacceptable character #x{character:04x}: {reason}"),
        character=exc.character,
        reason=exc.reason,
    )


_INVALID = N_("invalid YAML: {problem}")
# What libyaml says most often of front matter it cannot read, for the catalog (as templates:
# a brace doubled), so that it is said in German too.
_YAML_WORDS = frozenset(
    {
        N_("found unexpected end of stream"),
        N_("mapping values are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}}'"),
        N_("did not find expected node content"),
        N_("could not find expected ':'"),
        N_("found character that cannot start any token"),
        N_("found unknown escape character"),
        N_("found undefined alias"),
        N_("found a tab character that violates indentation"),
        N_("while scanning a quoted scalar"),
        N_("while parsing a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a plain scalar"),
        N_("while scanning a block scalar"),
        N_("while scanning for the next token"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a block mapping"),
        N_("while parsing a block node"),
        N_("while parsing a flow node"),
        # PyYAML's constructor: Obsidian's template syntax (`{{date}}`) outside the templates folder.
        N_("found unhashable key"),
        N_("while constructing a mapping"),
        N_("found duplicate anchor"),
        N_("found unacceptable key"),
    }
)


def _yaml_words(text: str) -> Message | str:
    """libyaml's words, to be said in the language spoken where the catalog has them."""
    template = text.replace("{", "{{").replace("}", "}}")
    return Message(template) if template in _YAML_WORDS else text


_TOO_DEEP = N_("front matter is nested more than {depth} levels deep")


def _one_line(message: str) -> str:
    """A diagnostic is one line, whatever a YAML error's text holds."""
    return " ".join(line.strip() for line in message.splitlines())


# A top-level `key:` (double-quoted, single-quoted or plain: the groups), up to its colon. The
# editor finds keys by the same pattern, so it changes exactly the lines the reader reads. A
# plain key ends on a character that is no space, so that the spaces before the colon belong to
# `\s*` alone: a line of 60,000 spaces without a colon is not tried in every split.
TOP_LEVEL_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'"""
    r"""|((?:[^\s#\-\[{?&*!|>'"%@`]|-[^\s:])(?:[^:#]*[^\s:#])?))\s*:(?=[ \t]|$)"""
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
                first_line + offset, "fm-tab", N_("tab used for indentation; YAML allows only spaces there")
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


def _refuse_deep_nesting(yaml_text: str, file_line: FileLine) -> None:
    # libyaml's event parser keeps its own stack (no recursion), so it is safe at any depth;
    # the composer that builds nodes from the events is what overflows the C stack.
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrontMatterError(
                        file_line(event.start_mark),
                        "fm-too-deep",
                        _TOO_DEEP,
                        depth=MAX_DEPTH,
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5 as built into PyYAML 6.0.3 and later refuses 1,000 levels on its own.
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise FrontMatterError(
                file_line(exc.problem_mark),
                "fm-too-deep",
                _TOO_DEEP,
                depth=MAX_DEPTH,
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
