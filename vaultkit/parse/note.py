"""Turn one file's bytes into a Note: decode, split, load YAML, normalise known fields.

`parse_note` is a pure function of (path, bytes, config): every problem becomes a Diagnostic on
the note, and whatever could still be read is kept.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from vaultkit.config import Config
from vaultkit.fields import KNOWN_FIELDS, MULTI_VALUED, field_for, near_miss, squash
from vaultkit.language import N_
from vaultkit.model import (
    GENERATED_BY,
    Anrede,
    Contact,
    Diagnostic,
    Goal,
    Listed,
    LogEntry,
    News,
    Note,
    Occasion,
    Owner,
    Shown,
    reason,
)
from vaultkit.parse import dates, frontmatter
from vaultkit.parse.markdown import in_code_blocks
from vaultkit.parse.mentions import extract_mentions
from vaultkit.parse.tags import inline_tags, tags_of
from vaultkit.values import (
    LONG_DATE,
    fold,
    month_named,
    parse_anniversary,
    parse_birthday,
    parse_date,
    parse_duration,
    parse_flag,
    parse_occasion_date,
    slug,
    unlink,
)
from vaultkit.words import escaped

LIST_FIELDS = ("aliases", "knows", "interests", "offers", "needs")
TEXT_FIELDS = ("name", "role", "how_met", "department", "uid")
# One value or a list of them (work and private addresses, two employers, two cities): the
# first is the field, all of them its plural.
SEVERAL_FIELDS = (("email", "emails"), ("phone", "phones"), ("org", "orgs"), ("location", "locations"))
LINK_FIELDS = ("introduced_by",)
DATE_FIELDS = ("last_contact", "next_contact", "snooze_until", "reviewed", "met", "connected")
# Fields of several values where a comma belongs to the value (an address, a URL).
WHOLE_ITEM_FIELDS = (("url", "urls"), ("address", "addresses"))
# The heading of a contact note's free text (what an address book calls its notes).
NOTES_HEADINGS = ("notes", "notizen")
_MAY_HAVE_NOTES = re.compile(r"(?i)^#+[ \t]+no(?:tes|tizen)", re.M)
STATUSES = ("active", "reserve", "archived")
_KNOWN_FIELDS = frozenset(KNOWN_FIELDS)

# A list item: its marker, its first word (the date of a log entry) and the rest.
LOG_ITEM = re.compile(r"([-*+])\s+(?:\[[ xX]\]\s+)?(\S+)\s*(.*)")
# A log entry's kind: a first word ending in `:` (`call:`), then the text.
KIND_WORD = re.compile(r"[^\s:#][^\s:]*")
_KIND = re.compile(rf"({KIND_WORD.pattern}):(?:\s+(.*)|$)")
# Kinds of contact a log may name in German, or in other English words, by the English word
# they mean. A log keeps the kind as written; where two entries are compared, the meaning counts.
_KIND_MEANINGS = {
    "anruf": "call",
    "telefonat": "call",
    "kaffee": "coffee",
    "treffen": "meeting",
    "mail": "mail",
    "e-mail": "mail",
    "email": "mail",
    "nachricht": "message",
}


def kind_meaning(kind: str | None) -> str | None:
    """The English kind a log entry's kind means: `Anruf` is `call`, `E-Mail` is `mail`; a kind
    not known is itself, folded."""
    if kind is None:
        return None
    folded = fold(kind)
    return _KIND_MEANINGS.get(folded, folded)


def parse_note(path: str, data: bytes, config: Config) -> Note:
    """`path` is the note's vault-relative POSIX path."""
    problems = _Problems(path)
    text = _decode(data, problems)
    if "\r" in text:
        text = _lone_crs_as_line_ends(text, problems)
    stem = note_id(path)
    properties: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    written_as: dict[str, str] = {}
    surprises: set[str] = set()
    try:
        parts = frontmatter.split(text)
        body, body_line = parts.body, parts.body_line
        if parts.toml:
            problems.warn(1, "fm-toml", N_("TOML front matter (+++) is not read; use YAML (---)"))
        # YAML cannot read a NUL byte either: the `binary` diagnostic already says why this is not read.
        if parts.yaml_text is not None and "\x00" not in parts.yaml_text:
            loaded = frontmatter.load(parts.yaml_text, 2, strict=False)
            for left_out in loaded.problems:
                problems.error(left_out.line, left_out.code, "{problem}", problem=left_out.words)
            properties, key_lines, written_as = _read_properties(loaded, config, problems)
            surprises = loaded.yaml11_surprises
            _warn_values_read_as_comments(parts.yaml_text, loaded, problems)
    except frontmatter.FrontMatterError as exc:
        problems.error(exc.line, exc.code, "{problem}", problem=exc.words)
        body, body_line = text, 1

    if properties.get("generated_by") == GENERATED_BY or _is_binary(problems):
        # A report vaultkit wrote names people, but it is neither a contact nor a contact with
        # them; a binary file (a picture saved as .md) is neither either.
        return Note(path, stem, None, None, {}, (), tuple(problems.items))
    inline = inline_fields(body, body_line, config, written_as) if "::" in body else {}
    front_matter, front_lines = properties, key_lines
    if inline:
        # Front matter wins; a Dataview field fills what it leaves out.
        properties = {**{key: value for key, (value, _) in inline.items()}, **properties}
        key_lines = {**{key: line for key, (_, line) in inline.items()}, **key_lines}
    reader = _FieldReader(properties, key_lines, surprises, problems)
    reader.date("date")  # reports an unusable date; the file name may still date the note
    inline_values = {key: value for key, (value, _) in inline.items()}
    note_date = dates.note_date(path, front_matter, inline_values, config)
    mentions = extract_mentions(body, body_line, front_matter, front_lines)
    if is_owner_note(path, config):
        owner = _owner(stem, path, reader, body, body_line, config)
        return Note(path, stem, note_date, None, properties, mentions, tuple(problems.items), owner)
    contact = None
    tags = tags_of(properties.get("tags"))
    found_by = contact_reason(path, properties, tags, config)
    # Inline #tags are a contact's tags too, and may make a note a contact: read them for
    # contacts, and for other notes only when a contact tag may be among them.
    if "#" in body and (found_by or _contact_tag_in(body, config)):
        tags = (*tags, *(tag for tag, _ in inline_tags(body, body_line)))
        found_by = found_by or contact_reason(path, properties, tags, config)
    if found_by:
        contact = _contact(path, stem, reader, body, body_line, config, tags, written_as, found_by)
        if any(problem.severity == "error" for problem in problems.items):
            contact = dataclasses.replace(contact, incomplete=True)
    kept = properties if contact is not None or "kind" in properties else {}
    return Note(path, stem, note_date, contact, kept, mentions, tuple(problems.items))


def note_id(path: str) -> str:
    """`People/Marie Lefèvre.md` -> `Marie Lefèvre`: what a [[link]] to the note says."""
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name.rsplit(".", 1)[0] if "." in name[1:] else name


class _Problems:
    def __init__(self, path: str):
        self.path = path
        self.items: list[Diagnostic] = []

    def error(self, line: int, code: str, template: str, /, **values: Any) -> None:
        self.items.append(Diagnostic.error(self.path, line, code, template, **values))

    def warn(self, line: int, code: str, template: str, /, **values: Any) -> None:
        self.items.append(Diagnostic.warning(self.path, line, code, template, **values))


def _is_binary(problems: _Problems) -> bool:
    """NUL bytes in a file that is not UTF-8 either: a picture or a PDF, not a damaged note."""
    codes = {d.code for d in problems.items}
    return "binary" in codes and "not-utf8" in codes


def _decode(data: bytes, problems: _Problems) -> str:
    if b"\x00" in data:
        line = _line_at(data, data.index(b"\x00"))
        problems.error(line, "binary", N_("file holds binary data (NUL bytes), not text"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        problems.error(
            line,
            "not-utf8",
            N_(
                "not UTF-8 (byte 0x{byte:02X}); read as Windows-1252, the usual encoding before UTF-8: "
                "save the file as UTF-8"
            ),
            byte=data[exc.start],
        )
        text = data.decode("cp1252", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _line_at(data: bytes, position: int) -> int:
    """The line of the byte at `position`, counted as editors count: LF, CRLF and a lone CR
    each end a line."""
    before = data[:position]
    return 1 + before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")


def _lone_crs_as_line_ends(text: str, problems: _Problems) -> str:
    """A lone CR (classic Mac OS line ends, or one stray) ends a line for editors and for YAML:
    read it as LF, and say that the writer will not touch the note (see frontmatter.split)."""
    found = frontmatter.LONE_CR.search(text)
    if found is None:
        return text
    if not _is_binary(problems):
        line = 1 + text.count("\n", 0, found.start())
        problems.warn(line, frontmatter.LONE_CR_CODE, frontmatter.LONE_CR_MESSAGE)
    return frontmatter.LONE_CR.sub("\n", text)


def _read_properties(
    loaded: frontmatter.Loaded, config: Config, problems: _Problems
) -> tuple[dict[str, Any], dict[str, int], dict[str, str]]:
    """Properties by vaultkit field name (other keys as written), each key's line, and the key
    each field was written as."""
    for key, first, again in loaded.duplicates:
        problems.warn(
            again,
            "duplicate-key",
            N_("key {key} is also set on line {first}; YAML keeps only this last value"),
            key=repr(key),
            first=first,
        )
    properties: dict[str, Any] = {}
    lines: dict[str, int] = {}
    written_as: dict[str, str] = {}
    for key, value in loaded.data.items():
        text_key = key if isinstance(key, str) else str(key)
        field = field_for(text_key, config.field_aliases)
        name = sys.intern(field or text_key)  # the same few names in every note: one copy in memory
        line = loaded.key_lines.get(text_key, 2)
        if name in properties:
            if field in MULTI_VALUED:  # EMAIL[HOME] and EMAIL[WORK]: both are emails
                properties[name] = [*_as_list(properties[name]), *_as_list(value)]
                continue
            problems.warn(
                line,
                "duplicate-key",
                N_("{key} and {other} set the same field; this one wins"),
                key=repr(key),
                other=repr(written_as[name]),
            )
        properties[name] = value
        lines[name] = line
        written_as[name] = text_key
    return properties, lines, written_as


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _warn_values_read_as_comments(yaml_text: str, loaded: frontmatter.Loaded, problems: _Problems) -> None:
    """`tags: #people #person` is, to YAML, an empty value and a comment."""
    if "#" not in yaml_text:
        return
    rows = yaml_text.split("\n")
    for key, line in loaded.key_lines.items():
        if loaded.data.get(key) is not None or not 0 <= line - 2 < len(rows):
            continue
        match = frontmatter.TOP_LEVEL_KEY.match(rows[line - 2])
        rest = rows[line - 2][match.end() :] if match else ""
        if rest[:1] in (" ", "\t") and rest.strip().startswith("#"):
            problems.warn(
                line,
                "yaml-comment",
                N_(
                    "{key}: YAML reads what follows ' #' as a comment, so {key} is empty; "
                    'quote the value: {key}: "{value}"'
                ),
                key=key,
                value=rest.strip(),
            )


# A Dataview field on a line of its own (`key:: value`, also as a list item), or inline in
# brackets or parentheses (`[key:: value]`, `(key:: value)`). The value is stripped after: a
# `[ \t]*` before it would take the same tabs as the value, in every split.
_LINE_FIELD = re.compile(r"\s*(?:[-*+]\s+)?([^\s:\[\](){}#>`*][^:\[\](){}`]*?)::[ \t]*(.*)")
_INLINE_FIELD = re.compile(
    r"[\[(]([^\s:\[\](){}][^:\[\](){}]*?)::([^\[\]()]*(?:\[\[[^\[\]]*\]\][^\[\]()]*)*)[\])]"
)


def inline_fields(
    body: str, body_line: int, config: Config, written_as: dict[str, str]
) -> dict[str, tuple[Any, int]]:
    """The Dataview fields of the body outside code, by field name: (value, file line). The
    first of a field wins, as front matter keeps a key once. `written_as` learns each field's key
    as the note writes it, where the front matter did not write that field."""
    found: dict[str, tuple[Any, int]] = {}
    lines = body.split("\n")
    for offset, (line, code) in enumerate(zip(lines, in_code_blocks(lines))):
        if code or "::" not in line:
            continue
        pairs = [(m[1], m[2]) for m in _INLINE_FIELD.finditer(line)]
        if not pairs and (whole := _LINE_FIELD.fullmatch(line.rstrip("\r"))):
            pairs = [(whole[1], whole[2])]
        for key, value in pairs:
            name = field_for(key.strip(), config.field_aliases) or key.strip()
            value = value.strip()
            if name not in found and value:
                found[sys.intern(name)] = (value, body_line + offset)
                written_as.setdefault(name, key.strip())
    return found


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
            self.problems.error(self.line(key), code, "{key}: {problem}", key=key, problem=reason(exc))
            return None

    def date(self, key: str) -> date | None:
        return self.convert(key, parse_date, "bad-date")

    def text(self, key: str) -> str | None:
        value = self.properties.get(key)
        if isinstance(value, list) and len(value) == 1:  # a one-item list says the same as its item
            value = value[0]
        if value is None or isinstance(value, (dict, list)):
            if value is not None:
                self.problems.error(self.line(key), "bad-type", N_("{key} must be a single value"), key=key)
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
                    self.line(key), "bad-type", N_("{key} must be a list of values, not nested ones"), key=key
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
            self.problems.error(
                self.line(key),
                "bad-type",
                N_("{key} must be true or false, got {value}"),
                key=key,
                value=Shown(value),
            )
            return False

    def _warn_surprise(self, key: str, value: Any) -> None:
        if isinstance(value, str) and value in self.surprises:
            self.problems.warn(
                self.line(key),
                "yaml11-value",
                N_(
                    "{key}: {value} is read as the text {text}, but YAML 1.1 tools read it as a "
                    "boolean; quote it to be safe"
                )
                if value.isalpha()
                else N_(
                    "{key}: {value} is read as the text {text}, but YAML 1.1 tools read it as a "
                    "number; quote it to be safe"
                ),
                key=key,
                value=value,
                text=repr(value),
            )


def _split_commas(text: str) -> list[str]:
    # `tags: kunst, kiel` is a common way to write a list as one string.
    return [part.strip() for part in text.split(",") if part.strip()]


def _contact_tag_in(body: str, config: Config) -> bool:
    return _contact_tag_pattern(tuple(config.contact_tags)).search(body) is not None


@lru_cache(maxsize=8)
def _contact_tag_pattern(configured: tuple[str, ...]) -> re.Pattern[str]:
    """A quick, loose test for `#person`, `#type/person`, `#contact`… anywhere in a body."""
    words = sorted({*CONTACT_TAGS, *(re.escape(tag.lstrip("#")) for tag in configured)})
    return re.compile(rf"#(?:[\w-]+/)*(?:{'|'.join(words)})(?![\w-])", re.IGNORECASE)


def _folded_values(value: Any, strip: str) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {fold(unlink(str(v)).lstrip(strip)) for v in values if isinstance(v, (str, int))}


# Folder names, categories, types and tags that say "this note is a person" in real vaults.
CONTACT_FOLDERS = frozenset({"people", "contacts", "personen", "kontakte"})
CONTACT_WORDS = frozenset({"person", "people", "contact", "contacts", "personen", "kontakte"})
CONTACT_TAGS = frozenset({"person", "people", "contact"})
# Aliases by which a vault's owner names their own note.
OWNER_ALIASES = frozenset({"me", "ich", "myself", "moi"})
# vCard's KIND, and what notes about other things say they are.
NOT_A_PERSON = frozenset(
    {
        "org",
        "organization",
        "organisation",
        "organizations",
        "organisations",
        "group",
        "location",
        "company",
        "companies",
        "team",
        "teams",
        "place",
        "places",
        "firma",
        "firmen",
        "unternehmen",
        "ort",
        "orte",
    }
)


def contact_reason(
    path: str, properties: dict[str, Any], tags: tuple[str, ...], config: Config
) -> str | None:
    """Why the note is a contact, in a few words (`folder People`, `tag person`,
    `categories People`), or None when it is none."""
    kind = properties.get("kind")
    if kind is not None and _folded_values(kind, strip="") & NOT_A_PERSON:
        return None
    typed = _typed_as(properties)
    folded_tags = [fold(tag) for tag in tags]
    said = set(folded_tags).union(*(values for _, values in typed))
    if said & NOT_A_PERSON and not said & CONTACT_WORDS:
        return None  # type: company, categories: [[Companies]], tags: [team] …
    if is_owner_note(path, config):
        return None
    folded_path = path.casefold()
    for folder in config.contact_folders:
        if folded_path.startswith(folder.casefold() + "/"):
            return f"folder {folder}"
    for folder in path.split("/")[:-1]:
        if folder.casefold() in CONTACT_FOLDERS:
            return f"folder {folder}"
    wanted = _contact_categories(config.contact_categories)
    for key, values in typed:
        if found := values & wanted:
            return f"{key} {min(found)}"
    marked = _contact_tags(config.contact_tags)
    for tag, folded in zip(tags, folded_tags):
        if (
            folded in marked
            or folded in CONTACT_TAGS
            or folded.split("/")[0] in marked
            or folded.endswith("/person")
        ):
            return f"tag {tag}"
    return None


def is_owner_note(path: str, config: Config) -> bool:
    """Whether `path` is the note the config names as the owner's own (`[me] note`)."""
    return config.me_note is not None and path.casefold() == config.me_note.casefold()


def _typed_as(properties: dict[str, Any]) -> list[tuple[str, set[str]]]:
    """The note's type, category and categories properties, each key squashed, with its values
    folded."""
    return [
        (squashed, _folded_values(value, strip="#"))
        for key, value in properties.items()
        if isinstance(key, str) and (squashed := squash(key)) in ("categories", "category", "type")
    ]


@lru_cache(maxsize=8)
def _contact_categories(configured: tuple[str, ...]) -> frozenset[str]:
    return CONTACT_WORDS | {fold(unlink(category)) for category in configured}


@lru_cache(maxsize=8)
def _contact_tags(configured: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(tag.lstrip("#")) for tag in configured)


def _contact(
    path: str,
    stem: str,
    reader: _FieldReader,
    body: str,
    body_line: int,
    config: Config,
    tags: tuple[str, ...],
    written_as: dict[str, str],
    found_by: str,
) -> Contact:
    problems = reader.problems
    if not config.me_note and {fold(alias) for alias in reader.items("aliases")} & OWNER_ALIASES:
        problems.warn(
            reader.line("aliases"),
            "owner-note",
            N_(
                'this looks like your own note; name it in the config ([me] note = "{path}") so that '
                "vaultkit does not remind you to get in touch with yourself"
            ),
            path=escaped(path),
        )
    for key in reader.properties:
        if isinstance(key, str) and key not in _KNOWN_FIELDS and (close := near_miss(key)):
            problems.warn(
                reader.line(key),
                "near-field",
                N_("{key} is not a field vaultkit reads; did you mean {close}? (or map it in [fields])"),
                key=repr(key),
                close=close,
            )
    circle = reader.text("circle")
    if circle is not None and circle not in config.circle_cadences:
        circles = list(config.circle_cadences)
        problems.warn(
            reader.line("circle"),
            "unknown-circle",
            N_("circle {circle} is not one of {circles}; the default cadence applies"),
            circle=repr(circle),
            circles=Listed(tuple(circles), "or"),
        )
    status = (reader.text("status") or "active").lower()
    if status not in STATUSES:
        problems.warn(
            reader.line("status"),
            "unknown-status",
            N_("status {status} is not one of {statuses}; read as active"),
            status=repr(status),
            statuses=Listed(STATUSES, "or"),
        )
        status = "active"
    fields: dict[str, Any] = {key: reader.text(key) for key in TEXT_FIELDS}
    for key in LINK_FIELDS:
        fields[key] = reader.link(key)
    for key in DATE_FIELDS:
        fields[key] = reader.date(key)
    for key in LIST_FIELDS:
        fields[key] = reader.items(key)
    for single, plural in SEVERAL_FIELDS:
        values = tuple(map(unlink, reader.items(single, split_commas=False)))
        fields[single], fields[plural] = values[0] if values else None, values
    for key, plural in WHOLE_ITEM_FIELDS:
        fields[plural] = tuple(map(unlink, reader.items(key, split_commas=False)))
    anrede = _anrede(written := reader.text("anrede"))
    if written and anrede is None:
        problems.warn(
            reader.line("anrede"),
            "unknown-anrede",
            N_("anrede {value} is neither du nor Sie; German openers say du"),
            value=repr(written),
        )
    if anrede is None and len(fields["addresses"]) == 1:
        # `address: du`: how to address someone, not where they live
        anrede = _anrede(fields["addresses"][0])
        fields["addresses"] = () if anrede else fields["addresses"]
    # The log's #gave, #got, #promised, #kept and #news mark entries, not the person.
    markers = {fold(tag.lstrip("#")) for tag in (*config.gave_tags, *config.got_tags, *ENTRY_TAGS)}
    fields["tags"] = tuple(dict.fromkeys(tag for tag in tags if fold(tag) not in markers))
    fields["knows"] = tuple(map(unlink, fields["knows"]))
    return Contact(
        id=stem,
        path=path,
        **{
            **fields,
            "name": _bounded_name(fields["name"] or _title(stem, body) or stem, reader),
            **_title_is_the_name(fields, written_as, stem),
        },
        circle=circle,
        cadence=reader.convert("cadence", parse_duration, "bad-duration"),
        cadence_max=reader.convert("cadence_max", parse_duration, "bad-duration"),
        paused=reader.flag("paused"),
        status=status,
        birthday=reader.convert("birthday", parse_birthday, "bad-birthday"),
        anniversary=reader.convert("anniversary", parse_anniversary, "bad-birthday"),
        notes=notes_section(body),
        anrede=anrede,
        occasions=tuple(parse_occasions(body, body_line, problems)),
        log=tuple(parse_log(body, body_line, config, problems)),
        lines=dict(reader.lines),
        properties=reader.properties,
        found_by=found_by,
        written_as={field: key for field, key in written_as.items() if key != field},
    )


_ANREDEN: dict[str, Anrede] = {"du": "du", "sie": "Sie", "duzen": "du", "siezen": "Sie"}


def _anrede(value: str | None) -> Anrede | None:
    return _ANREDEN.get(fold(value)) if value else None


def _owner(stem: str, path: str, reader: _FieldReader, body: str, body_line: int, config: Config) -> Owner:
    log = parse_log(body, body_line, config, reader.problems)
    tagged = [
        News(entry.date, _without_tags(entry.text, NEWS_TAGS), entry.line)
        for entry in log
        if has_any_tag(entry.text, NEWS_TAGS)
    ]
    news = sorted(
        [*tagged, *parse_news(body, body_line, reader.problems)],
        key=lambda item: (item.date, item.line),
        reverse=True,
    )
    return Owner(
        path=path,
        name=reader.text("name") or _title(stem, body) or stem,
        news=tuple(news),
        offers=reader.items("offers"),
        needs=reader.items("needs"),
        interests=reader.items("interests"),
        goals=tuple(goal for text in reader.items("goals", split_commas=False) if (goal := parse_goal(text))),
    )


_KEYWORDS = re.compile(r"\[([^\[\]]*)\]\s*$")


def parse_goal(text: str) -> Goal | None:
    """`Mentor für die Gründung [gründung, startup]`: the goal's words, and its keywords."""
    found = _KEYWORDS.search(text)
    if found is None:
        return Goal(text.strip()) if text.strip() else None
    keywords = tuple(word.strip() for word in found[1].split(",") if word.strip())
    words = text[: found.start()].strip()
    return Goal(words or ", ".join(keywords), keywords) if words or keywords else None


# The tags that make an entry of the owner's log their news, and the headings of a news list.
NEWS_TAGS = ("#news", "#neuigkeit", "#neues")
# A log entry that promises them something, and one that says a promise was kept (as `#gave` does).
PROMISED_TAGS = ("#promised", "#versprochen")
KEPT_TAGS = ("#kept", "#eingelöst")
ENTRY_TAGS = (*NEWS_TAGS, *PROMISED_TAGS, *KEPT_TAGS)
NEWS_HEADINGS = ("news", "neuigkeiten", "neues")


def _without_tags(text: str, tags: tuple[str, ...]) -> str:
    for tag in tags:
        text = _tag_pattern(tag).sub("", text)
    return " ".join(text.split())


def parse_news(body: str, body_line: int, problems: _Problems) -> list[News]:
    """The items of the owner's `## News` list (`## Neuigkeiten`), each starting with its date:
    `- 2026-05-01 started at Stadtwerke Kiel`."""
    news: list[News] = []
    for offset, match in list_items_under(body, NEWS_HEADINGS):
        first, rest = dated_words(match[2], match[3])
        try:
            when = parse_date(first.rstrip(":"))
        except ValueError as exc:
            if first[:1].isdigit():
                problems.error(body_line + offset, "bad-date", N_("news: {problem}"), problem=reason(exc))
            else:
                problems.warn(
                    body_line + offset,
                    "news-undated",
                    N_("news does not start with a date (like 2026-05-01 started at …); it is not shown"),
                )
            continue
        text = _without_tags(rest.removeprefix(":").strip(), NEWS_TAGS)
        if text:
            news.append(News(when, text, body_line + offset))
    return news


MAX_NAME = 200  # characters of a name that reports show; a longer one is cut


def _bounded_name(name: str, reader: _FieldReader) -> str:
    """A name of 60,000 characters would fill every report: it is cut, with a warning."""
    if len(name) <= MAX_NAME:
        return name
    reader.problems.warn(
        reader.line("name"),
        "long-name",
        N_("the name is {length:,} characters long; reports show its first {shown} and …"),
        length=len(name),
        shown=MAX_NAME - 1,
    )
    return name[: MAX_NAME - 1].rstrip() + "…"


def _title_is_the_name(fields: dict[str, Any], written_as: dict[str, str], stem: str) -> dict[str, Any]:
    """`title: Dan O'Connor` in `dan-oconnor.md` is the note's title, not a job title: where a
    `title` property reads as the file name, it is the name (when none is given) and no role."""
    role = fields.get("role")
    if role and squash(written_as.get("role", "")) == "title" and _same_slug(role, stem):
        return {"role": None, "name": fields["name"] or role}
    return {}


def _title(stem: str, body: str) -> str | None:
    """The first heading, when the file name is that heading as a slug (`john-doe` for
    `# John Doe`): the name a person wrote, not the one a tool made for the file."""
    if " " in stem or (heading := _first_heading(body)) is None:
        return None
    return heading if _same_slug(heading, stem) and heading != stem else None


def _first_heading(body: str) -> str | None:
    """The text of the first `# Heading` line, without closing `#`s. (String methods, not a
    pattern: `(.+?)\\s*#*\\s*$` takes cubic time on a heading with a long run of spaces.)"""
    for line in body.split("\n"):
        if line.startswith("# ") and len(line) > 2:
            text = line[1:].lstrip(" ")  # `# +`
            kept = text.rstrip().rstrip("#").rstrip()
            return (kept or text[:1]).strip()
    return None


def _same_slug(text: str, stem: str) -> bool:
    """`Dan O'Connor` is `dan-oconnor` as well as `dan-o-connor`: tools differ on apostrophes."""
    return slug(text).replace("-", "") == slug(stem).replace("-", "")


def notes_section(body: str) -> str | None:
    """The text under a `## Notes` (or `## Notizen`) heading, up to the next heading of its level
    or above; None when there is no such heading or nothing under it."""
    if not _MAY_HAVE_NOTES.search(body):  # most notes: no need to look at each line
        return None
    lines = body.split("\n")
    code = in_code_blocks(lines)
    start = level = 0
    for offset, line in enumerate(lines):
        if code[offset] or not line.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip("#"))
        if line[depth : depth + 1] != " ":
            continue
        if start:
            if depth <= level:
                return "\n".join(lines[start:offset]).strip() or None
        elif fold(line[depth:].strip()) in NOTES_HEADINGS:
            start, level = offset + 1, depth
    return "\n".join(lines[start:]).strip() or None if start else None


def parse_log(body: str, body_line: int, config: Config, problems: _Problems) -> list[LogEntry]:
    """Entries of the list under the log heading (`- 2026-03-03 call: text #gave`), and
    headings that start with a date (`## 2022-02-15`, `### 2022-02-15, Saturday`) with the text
    below them, as journal-style notes keep a person's history."""
    entries: list[LogEntry] = []
    heading_level = 0
    wanted = fold(config.log_heading)
    dated: _DatedHeading | None = None
    lines = body.split("\n")
    code = in_code_blocks(lines)
    for offset, line in enumerate(lines):
        if code[offset]:
            continue
        stripped = line.rstrip("\r")
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            title = stripped[level:].strip()
            if stripped[level : level + 1] != " ":
                continue  # a #tag, not a heading
            if dated is not None:
                entries.append(dated.entry(config))
                dated = None
            if heading_level and level <= heading_level:
                heading_level = 0
            if fold(title) == wanted:
                heading_level = level
            elif match := DATED_HEADING.fullmatch(title):
                dated = _DatedHeading.start(match, body_line + offset)
            continue
        match = LOG_ITEM.fullmatch(stripped) if heading_level else None
        if match and (dated is None or match[2][:1].isdigit()):
            entry = _log_entry(match[2], match[3], body_line + offset, config, problems)
            if entry:
                entries.append(entry)
        elif dated is not None and stripped.strip():
            marker = _LIST_MARKER.match(stripped)
            dated.text.append(stripped[marker.end() if marker else 0 :].strip())
    if dated is not None:
        entries.append(dated.entry(config))
    return entries


# The headings of a contact note's dates worth remembering, folded.
OCCASIONS_HEADINGS = ("occasions", "dates", "important dates", "anlasse", "wichtige daten", "jahrestage")
_MAY_HAVE_OCCASIONS = re.compile(r"(?i)^#+[ \t]+(?:occasions|dates|important|anl|wichtige|jahrestage)", re.M)
# Words that may stand between an occasion's words and its date at the end: `baby due in 2027-01`.
_BEFORE_A_DATE = frozenset({"in", "im", "on", "am"})
_OCCASION_DATE_WORDS = 3  # `15. Juni 2019`: the most words a date takes


def list_items_under(body: str, headings: tuple[str, ...]) -> Iterator[tuple[int, re.Match[str]]]:
    """The list items under a heading whose words (folded, without a closing colon) are one of
    `headings`, up to the next heading of its level or above, outside code: each with its line's
    offset in `body`, and its marker, first word and rest (`LOG_ITEM`)."""
    level = 0
    lines = body.split("\n")
    code = in_code_blocks(lines)
    for offset, line in enumerate(lines):
        stripped = line.rstrip("\r")
        if code[offset]:
            continue
        if stripped.startswith("#"):
            depth = len(stripped) - len(stripped.lstrip("#"))
            if stripped[depth : depth + 1] != " ":
                continue
            if level and depth <= level:
                level = 0
            if fold(stripped[depth:].strip().rstrip(":")) in headings:
                level = depth
            continue
        if level and (match := LOG_ITEM.fullmatch(stripped.strip())):
            yield offset, match


def parse_occasions(body: str, body_line: int, problems: _Problems) -> list[Occasion]:
    """The list under a `## Occasions` heading (`## Anlässe`, `## Important dates`…), one date
    worth remembering an item: the date first or last, the words the rest
    (`- 2019-06-15 wedding`, `- 2027-01: baby due`, `- Baby kommt im Januar 2027`)."""
    if not _MAY_HAVE_OCCASIONS.search(body):
        return []
    occasions: list[Occasion] = []
    for offset, match in list_items_under(body, OCCASIONS_HEADINGS):
        occasion = _occasion(f"{match[2]} {match[3]}".strip(), body_line + offset, problems)
        if occasion:
            occasions.append(occasion)
    return occasions


def _occasion(text: str, line: int, problems: _Problems) -> Occasion | None:
    words = text.split()
    for count in range(min(_OCCASION_DATE_WORDS, len(words)), 0, -1):
        for last, when_words, rest in (
            (False, words[:count], words[count:]),
            (True, words[-count:], words[:-count]),
        ):
            try:
                when = parse_occasion_date(" ".join(when_words).rstrip(":,;"))
            except ValueError:
                continue
            if last and rest and fold(rest[-1]) in _BEFORE_A_DATE:
                rest = rest[:-1]
            return Occasion(when, " ".join(rest).strip(" :,;–—-"), line)
    if words[0][:1].isdigit():
        try:
            parse_occasion_date(words[0].rstrip(":,"))
        except ValueError as exc:
            problems.error(line, "bad-date", N_("occasion: {problem}"), problem=reason(exc))
            return None
    problems.warn(
        line,
        "occasion-undated",
        N_("occasion does not say its date (like 2019-06-15 wedding or 2027-01 baby due); it is not shown"),
    )
    return None


DATED_HEADING = re.compile(
    rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|{LONG_DATE.pattern})(?![\d.-])[\s,.:;–—-]*(.*)"
)
_LIST_MARKER = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?")
_DATED_TEXT = 200  # characters of the text below a dated heading kept as the entry's text


@dataclass
class _DatedHeading:
    when: date
    line: int
    title: str  # the heading's words beside the date
    text: list[str]  # the lines below it

    @classmethod
    def start(cls, match: re.Match[str], line: int) -> _DatedHeading | None:
        try:
            when = parse_date(match[1])
        except ValueError:
            return None
        rest = match[match.re.groups].strip()
        # `### 2022-02-15, Saturday`: the weekday says nothing the date does not.
        return cls(when, line, "" if _WEEKDAY.fullmatch(rest) else rest, [])

    def entry(self, config: Config) -> LogEntry:
        below = " ".join(self.text)
        text = f"{self.title}: {below}" if self.title and below else self.title or below
        if len(text) > _DATED_TEXT:
            text = text[: _DATED_TEXT - 1].rstrip() + "…"
        gave, got = has_any_tag(text, config.gave_tags), has_any_tag(text, config.got_tags)
        return LogEntry(date=self.when, kind=None, text=text, line=self.line, gave=gave, got=got)


_WEEKDAY = re.compile(
    r"(?i)(mon|tues|wednes|thurs|fri|satur|sun)day|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
)


_DAY_OF_LONG_DATE = re.compile(r"\d{1,2}\.?")


def dated_words(first: str, rest: str) -> tuple[str, str]:
    """A log item's date and the words after it: its first word, or the three of a date written
    with its month's name (`21. Nov. 2026 call: …`)."""
    if _DAY_OF_LONG_DATE.fullmatch(first) and (match := LONG_DATE.match(f"{first} {rest}")):
        if month_named(match[2]) and not match.string[match.end() : match.end() + 1].isdigit():
            return match[0], match.string[match.end() :].removeprefix(":").strip()
    return first, rest


def _log_entry(first: str, rest: str, line: int, config: Config, problems: _Problems) -> LogEntry | None:
    first, rest = dated_words(first, rest)
    try:
        when = parse_date(first.rstrip(":"))
    except ValueError as exc:
        if first[:1].isdigit():
            problems.error(line, "bad-date", N_("log entry: {problem}"), problem=reason(exc))
        else:
            problems.warn(line, "log-undated", N_("log entry does not start with a date; it is not counted"))
        return None
    kind = None
    if match := _KIND.fullmatch(rest):
        kind, rest = match[1], match[2] or ""
    return LogEntry(
        date=when,
        kind=kind,
        text=rest.strip(),
        line=line,
        gave=has_any_tag(rest, config.gave_tags),
        got=has_any_tag(rest, config.got_tags),
    )


def has_tag(text: str, tag: str) -> bool:
    """`#gave` as a tag of its own in `text`, not `#gaveaway`."""
    return tag in text and _tag_pattern(tag).search(text) is not None


def has_any_tag(text: str, tags: tuple[str, ...]) -> bool:
    """Whether one of `tags` is a tag of its own in `text` (`Config.gave_tags`, `got_tags`)."""
    return any(has_tag(text, tag) for tag in tags)


@lru_cache(maxsize=16)
def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S){re.escape(tag)}(?![\w/-])")
