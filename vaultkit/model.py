"""The values vaultkit passes around: plain frozen dataclasses and one named tuple, no behaviour
beyond formatting."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

from vaultkit import language
from vaultkit.language import N_
from vaultkit.words import escaped, listed, shown

Severity = Literal["error", "warning"]
# The front matter of every Markdown report vaultkit writes says `generated_by: vaultkit`: such a
# note is never read as a contact or as an interaction with the people it names.
GENERATED_BY = "vaultkit"


@dataclass(frozen=True, slots=True)
class Message:
    """Words said when they are shown, not when they are made: an English template (marked for
    the catalog with `N_`) and the values to fill in. What is kept for later (a note's
    diagnostics in the note cache, what a watch holds) is said in the language spoken when it
    is shown, never in the one of the run that made it. `str()` says it.

    A value is said as it is, but for these: a Message is said in turn, a `Shown` value as
    `shown` quotes it, a `Listed` one as a list, a date as the language writes one, and a
    number placed as `{count:,}` with its thousands grouped as the language groups them."""

    template: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, /, **values: Any) -> Message:
        return cls(template, tuple(values.items()))

    def __str__(self) -> str:
        return said(self.template, self.values)


@dataclass(frozen=True, slots=True)
class Shown:
    """A value someone wrote, quoted in a message as `shown` says it when the message is said
    (`nothing`, `a list ('x')`: words of the language spoken then)."""

    value: Any


@dataclass(frozen=True, slots=True)
class Listed:
    """Items named in a message as a list (`a, b or c`), each said in turn."""

    items: tuple[Any, ...]
    conjunction: str = "and"


def reason(exc: Exception) -> Message | str:
    """What an exception says, to be said later: its Message, if it was raised with one."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else str(exc)


# What Python says of a date that does not exist, in the catalog so that it is said in German too.
_PYTHON_WORDS = frozenset({N_("month must be in 1..12"), N_("day is out of range for month")})
_YEAR_OUT_OF_RANGE = re.compile(r"year (-?\d+) is out of range")


def python_words(problem: Exception | str) -> Message | str:
    """Python's own words for a value it refuses (`month must be in 1..12`), to be said in the
    language spoken when they are shown where the catalog has them, else as Python said them."""
    text = str(problem)
    if text in _PYTHON_WORDS:
        return Message(text)
    if found := _YEAR_OUT_OF_RANGE.fullmatch(text):
        return Message.of(N_("year {year} is out of range"), year=found[1])
    return text


def said(template: str, values: tuple[tuple[str, Any], ...] = ()) -> str:
    """`template` in the language spoken now, with `values` filled in as `Message` says them.
    A message without values may be plain text made elsewhere, whose braces are its own."""
    translated = language._(template)
    if not values:
        try:
            return _SAYING.vformat(translated, (), {})
        except (KeyError, IndexError, ValueError, AttributeError):
            return translated
    return _SAYING.vformat(translated, (), dict(values))


def _say(value: Any) -> Any:
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, Shown):
        return shown(value.value)
    if isinstance(value, Listed):
        return listed([str(_say(item)) for item in value.items], value.conjunction)
    if isinstance(value, date):
        return language.date_text(value)
    return value


class _Saying(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int) and language.speaking() != language.ENGLISH:
            return language.number(value)
        return format(_say(value), format_spec)


_SAYING = _Saying()


def _severity(severity: Severity) -> str:
    """`error`, `Fehler`: the word the summary counts (`1 error`), in the language spoken now."""
    if severity == "error":
        return language.n_("error", "errors", 1)
    return language.n_("warning", "warnings", 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a note or the config, always tied to a file line. Its message is a
    `Message`'s template and values, said when it is shown: a note's diagnostics are kept in
    the note cache, and shown in whatever language a later run speaks."""

    path: str
    line: int
    severity: Severity
    code: str
    template: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def error(cls, path: str, line: int, code: str, template: str, /, **values: Any) -> Diagnostic:
        return cls(path, line, "error", code, template, tuple(values.items()))

    @classmethod
    def warning(cls, path: str, line: int, code: str, template: str, /, **values: Any) -> Diagnostic:
        return cls(path, line, "warning", code, template, tuple(values.items()))

    @property
    def message(self) -> str:
        """The message in the language spoken now."""
        return said(self.template, self.values)

    def format(self) -> str:
        """`path:line: severity code message`. A file name with a line break or an escape
        sequence in it shows them escaped, so that it can neither forge nor hide other lines;
        a message quotes what it quotes escaped already (see `escaped`). The severity is said
        in the language (`Fehler`, and German sets a colon after the code); the code never is:
        it is what searches, scripts and the README's list of codes go by."""
        return said(
            N_("{path}:{line}: {severity} {code} {message}"),
            (
                ("path", escaped(self.path)),
                ("line", self.line),
                ("severity", _severity(self.severity)),
                ("code", self.code),
                ("message", self.message),
            ),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Birthday:
    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Month:
    """A month of one year: a date people know only to its month (`2027-01`, `Januar 2027`)."""

    year: int
    month: int

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Occasion:
    """A date worth remembering, as a contact's note lists it under `## Occasions`: a day, with
    or without its year, remembered every year; or a month, shown while it lasts."""

    when: Birthday | Month
    what: str
    line: int


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar period: `amount` days, weeks, months or years."""

    amount: int
    unit: Literal["d", "w", "m", "y"]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True, slots=True)
class LogEntry:
    date: date
    kind: str | None
    text: str
    line: int
    gave: bool = False
    got: bool = False


@dataclass(frozen=True, slots=True)
class News:
    """Something that happened in the owner's life, as their own note tells it: a log entry
    tagged `#news`, or an item of its `## News` list."""

    date: date
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Goal:
    """What the owner wants from their network, as their note's `goals` says it: the words,
    and the keywords in brackets that say it in other words (`Mentor für die Gründung
    [gründung, startup]`)."""

    text: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Owner:
    """The vault owner, as their own note (`[me] note`) says: what they have been up to, what
    they can give and what they are looking for. Not a contact: nobody reminds you of yourself."""

    path: str
    name: str
    news: tuple[News, ...] = ()  # newest first
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()


# How a contact is addressed in German (`anrede: du` or `anrede: Sie`); None: not said.
Anrede = Literal["du", "Sie"]


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    path: str
    name: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    circle: str | None = None
    # None: not set; NO_CADENCE: explicitly "none".
    cadence: Duration | str | None = None
    cadence_max: Duration | str | None = None
    last_contact: date | None = None
    next_contact: date | None = None
    snooze_until: date | None = None
    reviewed: date | None = None  # the day of the last periodic review (`vaultkit review`)
    paused: bool = False
    status: str = "active"
    birthday: Birthday | None = None
    org: str | None = None
    role: str | None = None
    email: str | None = None  # the first of `emails`
    phone: str | None = None  # the first of `phones`
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()  # `org` is the first
    location: str | None = None  # the first of `locations`
    locations: tuple[str, ...] = ()
    met: date | None = None
    how_met: str | None = None
    introduced_by: str | None = None
    knows: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    # What an address book holds besides: kept so that an import loses nothing and an export
    # gives it back.
    uid: str | None = None
    urls: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()  # postal addresses, one line each
    department: str | None = None
    anniversary: Birthday | None = None
    occasions: tuple[Occasion, ...] = ()  # under the note's `## Occasions` heading
    connected: date | None = None  # the day of a LinkedIn connection: no interaction
    notes: str | None = None  # the text under the note's `## Notes` heading
    anrede: Anrede | None = None
    log: tuple[LogEntry, ...] = ()
    # The note has errors (broken YAML, an impossible date, no read permission): what it holds
    # was not read completely, so reports must not present what is missing as fact.
    incomplete: bool = False
    # Line of each top-level front-matter key, by vaultkit's key name.
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    # Every front-matter key as written (after key aliases), known or not.
    properties: dict[str, Any] = field(default_factory=dict, compare=False)
    # Why the note is a contact (`folder People`, `tag person`), and the key each field was
    # written as in it where that is not the field's own name (`birthday` -> `Geburtstag`), for
    # `check` to say what it understood.
    found_by: str = field(default="", compare=False)
    written_as: dict[str, str] = field(default_factory=dict, compare=False)


NO_CADENCE = "none"


MentionKind = Literal["mention", "property", "task", "done"]


class Mention(NamedTuple):
    """A link in a note that may name a person; resolved against the index later.

    A named tuple, not a dataclass like the rest: a large vault has three for every note, and
    loading them from the note cache through a dataclass's `__init__` took a fifth of the
    loading. As a tuple, it equals a plain tuple of its fields."""

    # The link target as written: a name, a path when `by_path` (a Markdown link, a wikilink
    # with a folder), a tag like `people/john-appleseed` when `by_tag`.
    target: str
    line: int  # 0: in front matter, no line known
    text: str  # the line it stands on, as a person reads it
    kind: MentionKind
    # An open task's due date, or a done task's completion date (✅).
    date: date | None = None
    by_path: bool = False
    by_tag: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """What the index keeps of one Markdown file."""

    path: str
    id: str
    date: date | None
    contact: Contact | None
    # Those of a contact's note, the owner's and one that says what it is (`kind: org`, which
    # `check` counts). Other notes are read for their date and the people they name; nothing
    # reads their properties again, which took a tenth of a large vault's index.
    properties: dict[str, Any]
    mentions: tuple[Mention, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    owner: Owner | None = None  # the owner's own note (`[me] note`) is no contact, but this


@dataclass(frozen=True)
class Index:
    """Everything a report needs, built once per run by `vaultkit.index.load_index`."""

    root: str
    # Every note read, but those left out for having a contact's file name (see `left_out`).
    notes: tuple[Note, ...]
    contacts: dict[str, Contact]
    # Folded id, name or alias -> the ids it may mean (more than one: ambiguous).
    names: dict[str, tuple[str, ...]]
    diagnostics: tuple[Diagnostic, ...]
    files: int
    # Messages about the run rather than the notes (e.g. a cache that had to be rebuilt).
    notices: tuple[str, ...] = ()
    # Contact id -> paths of the other contact notes with its file name (ignoring case and
    # accents): they are left out, and the id is ambiguous until one is renamed.
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The owner's own note, when the config names one and it is there.
    owner: Owner | None = None
