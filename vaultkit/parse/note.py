"""Turn one file's bytes into a Note: decode, split, load YAML, normalise known fields.

`parse_note` is a pure function of (path, bytes, config): every problem becomes a Diagnostic on
the note, and whatever could still be read is kept.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from vaultkit.config import Config
from vaultkit.model import Contact, Diagnostic, LogEntry, Note
from vaultkit.parse import frontmatter
from vaultkit.parse.markdown import in_code_blocks
from vaultkit.parse.mentions import extract_mentions
from vaultkit.values import (
    fold,
    parse_birthday,
    parse_date,
    parse_duration,
    parse_flag,
    search_date,
    unlink,
)

LIST_FIELDS = ("aliases", "tags", "knows", "interests", "offers", "needs")
TEXT_FIELDS = ("name", "role", "location", "how_met")
# One value or a list of them (work and private addresses).
CONTACT_FIELDS = (("email", "emails"), ("phone", "phones"))
LINK_FIELDS = ("org", "introduced_by")
DATE_FIELDS = ("last_contact", "next_contact", "snooze_until", "met")
STATUSES = ("active", "reserve", "archived")

# A list item: its marker, its first word (the date of a log entry) and the rest.
LOG_ITEM = re.compile(r"([-*+])\s+(?:\[[ xX]\]\s+)?(\S+)\s*(.*)")
_KIND = re.compile(r"([^\s:#][^\s:]*):(?:\s+(.*)|$)")


def parse_note(path: str, data: bytes, config: Config) -> Note:
    """`path` is the note's vault-relative POSIX path."""
    problems = _Problems(path)
    text = _decode(data, problems)
    stem = note_id(path)
    properties: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    surprises: set[str] = set()
    try:
        parts = frontmatter.split(text)
        body, body_line = parts.body, parts.body_line
        if parts.toml:
            problems.warn(1, "fm-toml", "TOML front matter (+++) is not read; use YAML (---)")
        # YAML cannot read a NUL byte either: the `binary` diagnostic already says why this is not read.
        if parts.yaml_text is not None and "\x00" not in parts.yaml_text:
            loaded = frontmatter.load(parts.yaml_text, 2)
            properties, key_lines = _apply_aliases(loaded, config, problems)
            surprises = loaded.yaml11_surprises
    except frontmatter.FrontMatterError as exc:
        problems.error(exc.line, exc.code, exc.message)
        body, body_line = text, 1

    if properties.get("generated_by") == "vaultkit":
        # A report vaultkit wrote: it names people, but it is neither a contact nor a contact with them.
        return Note(path, stem, None, None, properties, (), tuple(problems.items))
    reader = _FieldReader(properties, key_lines, surprises, problems)
    note_date = _note_date(stem, config, reader)
    contact = None
    if _is_contact(path, properties, config):
        contact = _contact(path, stem, reader, body, body_line, config)
    mentions = extract_mentions(body, body_line, properties)
    return Note(path, stem, note_date, contact, properties, mentions, tuple(problems.items))


def note_id(path: str) -> str:
    """`People/Marie Lefèvre.md` -> `Marie Lefèvre`: what a [[link]] to the note says."""
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name.rsplit(".", 1)[0] if "." in name[1:] else name


class _Problems:
    def __init__(self, path: str):
        self.path = path
        self.items: list[Diagnostic] = []

    def error(self, line: int, code: str, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, "error", code, message))

    def warn(self, line: int, code: str, message: str) -> None:
        self.items.append(Diagnostic(self.path, line, "warning", code, message))


def _decode(data: bytes, problems: _Problems) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.error(line, "binary", "file holds binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            line,
            "not-utf8",
            f"not UTF-8 (byte 0x{data[exc.start]:02X}); read with replacement characters, "
            "save the file as UTF-8",
        )
        text = data.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _apply_aliases(
    loaded: frontmatter.Loaded, config: Config, problems: _Problems
) -> tuple[dict[str, Any], dict[str, int]]:
    for key, first, again in loaded.duplicates:
        problems.warn(
            again,
            "duplicate-key",
            f"key {key!r} is also set on line {first}; YAML keeps only this last value",
        )
    properties: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in loaded.data.items():
        name = config.field_aliases.get(key, key) if isinstance(key, str) else str(key)
        name = sys.intern(name)  # the same few names in every note: one copy of each in memory
        line = loaded.key_lines.get(key if isinstance(key, str) else str(key), 2)
        if name in properties:
            problems.warn(line, "duplicate-key", f"{key!r} and {name!r} set the same field; this one wins")
        properties[name] = value
        lines[name] = line
    return properties, lines


class _FieldReader:
    """Reads known fields with the right type, turning unusable values into diagnostics."""

    def __init__(
        self, properties: dict[str, Any], lines: dict[str, int], surprises: set[str], problems: _Problems
    ):
        self.properties = properties
        self.lines = lines
        self.surprises = surprises
        self.problems = problems

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def convert(self, key: str, convert: Callable[[Any], Any], code: str) -> Any:
        value = self.properties.get(key)
        if value is None or value == "":
            return None
        try:
            return convert(value)
        except ValueError as exc:
            self.problems.error(self.line(key), code, f"{key}: {exc}")
            return None

    def date(self, key: str) -> date | None:
        return self.convert(key, parse_date, "bad-date")

    def text(self, key: str) -> str | None:
        value = self.properties.get(key)
        if value is None or isinstance(value, (dict, list)):
            if value is not None:
                self.problems.error(self.line(key), "bad-type", f"{key} must be a single value")
            return None
        self._warn_surprise(key, value)
        return str(value).strip() or None

    def link(self, key: str) -> str | None:
        value = self.text(key)
        return unlink(value) if value else None

    def items(self, key: str, split_commas: bool = True) -> tuple[str, ...]:
        value = self.properties.get(key)
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        result = []
        for item in values:
            if isinstance(item, (dict, list)):
                self.problems.error(
                    self.line(key), "bad-type", f"{key} must be a list of values, not nested ones"
                )
                continue
            if item is None:
                continue
            self._warn_surprise(key, item)
            text = str(item).strip()
            if text:
                split = split_commas and not isinstance(value, list)
                result.extend(_split_commas(text) if split else [text])
        return tuple(result)

    def flag(self, key: str) -> bool:
        value = self.properties.get(key)
        if value is None:
            return False
        try:
            return parse_flag(value)
        except ValueError:
            self.problems.error(self.line(key), "bad-type", f"{key} must be true or false, got {value!r}")
            return False

    def _warn_surprise(self, key: str, value: Any) -> None:
        if isinstance(value, str) and value in self.surprises:
            self.problems.warn(
                self.line(key),
                "yaml11-value",
                f"{key}: {value} is read as the text {value!r}, but YAML 1.1 tools read it as a "
                f"{'boolean' if value.isalpha() else 'number'}; quote it to be safe",
            )


def _split_commas(text: str) -> list[str]:
    # `tags: kunst, kiel` is a common way to write a list as one string.
    return [part.strip() for part in text.split(",") if part.strip()]


def _note_date(stem: str, config: Config, reader: _FieldReader) -> date | None:
    if "date" in reader.properties:
        return reader.date("date")
    return search_date(config.date_pattern, stem)


def _is_contact(path: str, properties: dict[str, Any], config: Config) -> bool:
    if any(path.startswith(folder + "/") for folder in config.contact_folders):
        return True
    categories = _folded_values(properties.get("categories"), strip="")
    if categories & {fold(unlink(c)) for c in config.contact_categories}:
        return True
    tags = _folded_values(properties.get("tags"), strip="#")
    wanted = {fold(t.lstrip("#")) for t in config.contact_tags}
    return any(tag in wanted or tag.split("/")[0] in wanted for tag in tags)


def _folded_values(value: Any, strip: str) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {fold(unlink(str(v)).lstrip(strip)) for v in values if isinstance(v, (str, int))}


def _contact(
    path: str, stem: str, reader: _FieldReader, body: str, body_line: int, config: Config
) -> Contact:
    problems = reader.problems
    circle = reader.text("circle")
    if circle is not None and circle not in config.circle_cadences:
        problems.warn(
            reader.line("circle"),
            "unknown-circle",
            f"circle {circle!r} is not one of {', '.join(config.circle_cadences)}; "
            "the default cadence applies",
        )
    status = (reader.text("status") or "active").lower()
    if status not in STATUSES:
        problems.warn(
            reader.line("status"),
            "unknown-status",
            f"status {status!r} is not one of {', '.join(STATUSES)}; read as active",
        )
        status = "active"
    fields: dict[str, Any] = {key: reader.text(key) for key in TEXT_FIELDS}
    fields |= {key: reader.link(key) for key in LINK_FIELDS}
    fields |= {key: reader.date(key) for key in DATE_FIELDS}
    fields |= {key: reader.items(key) for key in LIST_FIELDS}
    for single, plural in CONTACT_FIELDS:
        values = reader.items(single, split_commas=False)
        fields |= {single: values[0] if values else None, plural: values}
    fields["tags"] = tuple(tag.lstrip("#") for tag in fields["tags"])
    fields["knows"] = tuple(unlink(item) for item in fields["knows"])
    return Contact(
        id=stem,
        path=path,
        **{**fields, "name": fields["name"] or stem},
        circle=circle,
        cadence=reader.convert("cadence", parse_duration, "bad-duration"),
        cadence_max=reader.convert("cadence_max", parse_duration, "bad-duration"),
        paused=reader.flag("paused"),
        status=status,
        birthday=reader.convert("birthday", parse_birthday, "bad-birthday"),
        log=tuple(parse_log(body, body_line, config, problems)),
        lines=dict(reader.lines),
        properties=reader.properties,
    )


def parse_log(body: str, body_line: int, config: Config, problems: _Problems) -> list[LogEntry]:
    """Entries of the list under the log heading: `- 2026-03-03 call: text #gave`."""
    entries: list[LogEntry] = []
    heading_level = 0
    wanted = fold(config.log_heading)
    lines = body.split("\n")
    code = in_code_blocks(lines)
    for offset, line in enumerate(lines):
        if code[offset]:
            continue
        stripped = line.rstrip("\r")
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            title = stripped[level:].strip()
            if heading_level and level <= heading_level:
                heading_level = 0
            if stripped[level : level + 1] == " " and fold(title) == wanted:
                heading_level = level
            continue
        if not heading_level:
            continue
        match = LOG_ITEM.fullmatch(stripped)
        if not match:
            continue
        entry = _log_entry(match[2], match[3], body_line + offset, config, problems)
        if entry:
            entries.append(entry)
    return entries


def _log_entry(first: str, rest: str, line: int, config: Config, problems: _Problems) -> LogEntry | None:
    try:
        when = parse_date(first.rstrip(":"))
    except ValueError as exc:
        if first[:1].isdigit():
            problems.error(line, "bad-date", f"log entry: {exc}")
        else:
            problems.warn(line, "log-undated", "log entry does not start with a date; it is not counted")
        return None
    kind = None
    if match := _KIND.fullmatch(rest):
        kind, rest = match[1], match[2] or ""
    return LogEntry(
        date=when,
        kind=kind,
        text=rest.strip(),
        line=line,
        gave=has_tag(rest, config.gave_tag),
        got=has_tag(rest, config.got_tag),
    )


def has_tag(text: str, tag: str) -> bool:
    """`#gave` as a tag of its own in `text`, not `#gaveaway`."""
    return tag in text and _tag_pattern(tag).search(text) is not None


@lru_cache(maxsize=16)
def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S){re.escape(tag)}(?![\w/-])")
