"""Read and validate `.vaultkit.toml`; every problem is collected before anything runs."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from vaultkit.errors import VaultkitError
from vaultkit.fields import KNOWN_FIELDS
from vaultkit.language import ENGLISH, N_, SUPPORTED, language_of
from vaultkit.model import GENERATED_BY, Diagnostic, Duration, Listed, Message, Shown, reason
from vaultkit.obsidian import DailyNotes, read_settings
from vaultkit.place import CONFIG_NAME
from vaultkit.values import parse_duration

# `network`: the hubs report with the pictures; `pictures`: Network.svg, Layers.svg and Year.svg.
REPORTS = ("agenda", "stale", "tags", "ics", "network", "pictures")
# What `[report] reports` may name: the defaults, and the dashboard (an HTML file, when asked for).
KNOWN_REPORTS = (*REPORTS, "dashboard")

# A date anywhere in a note's file name: 2024-06-14, 14.06.2024, 14. Juni 2024 (a month's name in
# German or English: values.parse_date), or eight digits that make a day of 1900–2100
# (20240614). `[notes] date_pattern` replaces it.
DEFAULT_DATE_PATTERN = re.compile(
    r"(?<!\d)(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.? ?[^\W\d_]{3,}\.? \d{4}"
    r"|(?:19\d\d|20\d\d|2100)\d{4})(?!\d)"
)

# The front-matter line that marks a note as a report vaultkit wrote (vaultkit.render puts it in).
_GENERATED_LINE = re.compile(rf"generated_by:[ \t]*(['\"]?){GENERATED_BY}\1[ \t]*(#.*)?")
# As much of a note as is read to find that line: front matter is never longer (vaultkit.parse).
_FRONT_MATTER_CHARS = 64 * 1024

# When a calendar reminds of an event, counted from the start of its (all-day) event's day: by
# default at 09:00 on the day, which is when most of them are meant to be acted on.
DEFAULT_ALARM = timedelta(hours=9)
# `[ics] alarm`: "09:00" on the day, "1d" (at 09:00) or "1w 18:00" before it.
_ALARM = re.compile(r"(?:(\d{1,3})\s*([dw]))?\s*(?:(\d{1,2}):(\d{2}))?")


def _default_circles() -> dict[str, Duration | str]:
    return {
        "inner": Duration(2, "w"),
        "close": Duration(1, "m"),
        "network": Duration(3, "m"),
        "reserve": "none",
    }


@dataclass(frozen=True)
class Config:
    contact_folders: tuple[str, ...] = ("People",)
    contact_categories: tuple[str, ...] = ("[[People]]",)
    contact_tags: tuple[str, ...] = ("person",)
    default_cadence: Duration | str = Duration(6, "m")
    circle_cadences: dict[str, Duration | str] = field(default_factory=_default_circles)
    # Ordered: the first rule whose tag a contact carries wins.
    tag_cadences: tuple[tuple[str, Duration | str], ...] = ()
    # The vault's [fields] table, its key -> vaultkit's; built-in synonyms are in vaultkit.fields.
    field_aliases: dict[str, str] = field(default_factory=dict)
    log_heading: str = "Log"
    gave_tag: str = "#gave"
    got_tag: str = "#got"
    date_pattern: re.Pattern[str] = DEFAULT_DATE_PATTERN
    templates_folder: str = "Templates"  # [notes] templates
    # Never read either: the templates folders Obsidian's settings name (core Templates, Templater).
    obsidian_templates: tuple[str, ...] = ()
    # Obsidian's daily notes settings, the plugin that makes new daily notes first.
    daily_notes: tuple[DailyNotes, ...] = ()
    report_folder: str = "_vaultkit"
    reports: tuple[str, ...] = REPORTS
    # The vault owner's own note ([me] note): not a contact to be reminded of.
    me_note: str | None = None
    # Folders the owner linked into the vault from elsewhere on purpose ([contacts]
    # linked_folders): vaultkit reads and writes through these links. It reads no other folder
    # that links out of the vault, and writes through no other link that leads out of it.
    linked_folders: tuple[str, ...] = ()
    # Each ICS event's reminder, from the start of its day ([ics] alarm); None for no reminders.
    ics_alarm: timedelta | None = DEFAULT_ALARM
    # `[ui] language`: the language vaultkit speaks in this vault (vaultkit.language); None: the
    # user's. Not in the repr, which keys the note cache: what a note holds is the same in any.
    language: str | None = field(default=None, repr=False)
    # What `check` should say of the config without refusing it (not part of what it means).
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)

    @property
    def gave_tags(self) -> tuple[str, ...]:
        """The tags that mark help given in a log: by default `#gave` and its German `#gegeben`,
        whatever language vaultkit speaks; a tag set in `[log] gave` instead of them."""
        return ("#gave", "#gegeben") if self.gave_tag == "#gave" else (self.gave_tag,)

    @property
    def got_tags(self) -> tuple[str, ...]:
        """The tags that mark help received: `#got` and `#bekommen`, or the one of `[log] got`."""
        return ("#got", "#bekommen") if self.got_tag == "#got" else (self.got_tag,)

    @property
    def templates_folders(self) -> tuple[str, ...]:
        """Every templates folder, whose notes are never read: `[notes] templates` and Obsidian's."""
        return (self.templates_folder, *self.obsidian_templates)


class ConfigError(VaultkitError):
    """The config has problems; each one is a Diagnostic naming the key and line."""

    def __init__(self, diagnostics: list[Diagnostic]):
        diagnostics = sorted(diagnostics, key=lambda d: d.line)
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics

    def __str__(self) -> str:
        # In the language spoken when it is shown.
        return "\n".join(d.format() for d in self.diagnostics)

    def messages(self, say: Callable[[str], str] = str) -> list[str]:
        return [
            *(d.format() for d in self.diagnostics),
            "vaultkit: " + say(N_("fix the config above; nothing was run")),
        ]


def load_config(root: Path) -> Config:
    """The vault's config: `.vaultkit.toml`, then what Obsidian's own settings add to it."""
    return _with_obsidian_settings(root, _load_toml(root))


def _load_toml(root: Path) -> Config:
    path = root / CONFIG_NAME
    if not path.exists():
        return Config()
    if not path.is_file():
        raise ConfigError(
            [_problem(1, "config-unreadable", N_("cannot read the config: it is a folder, not a file"))]
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            [_problem(1, "config-unreadable", N_("cannot read the config: {problem}"), problem=str(exc))]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc), text)
        raise ConfigError(
            [_problem(line, "config-syntax", N_("not valid TOML: {problem}"), problem=_toml_problem(exc))]
        ) from None
    validator = _Validator(text, root)
    config = validator.validate(data)
    warnings: list[Diagnostic] = []
    missing = [folder for folder in config.contact_folders if not (root / folder).is_dir()]
    if missing and "folders" in data.get("contacts", {}):
        line = validator.line_of("folders")
        warnings.extend(
            Diagnostic.warning(
                CONFIG_NAME,
                line,
                "missing-folder",
                N_("contacts folder {folder} does not exist in the vault; no contact is read from it"),
                folder=repr(folder),
            )
            for folder in missing
        )
    if config.me_note and not (root / config.me_note).is_file():
        warnings.append(
            Diagnostic.warning(
                CONFIG_NAME,
                validator.line_of("note", "me"),
                "missing-note",
                N_("[me] note {path} is not in the vault; your news, offers and needs are not read"),
                path=repr(config.me_note),
            )
        )
    return replace(config, warnings=(*config.warnings, *warnings)) if warnings else config


def configured_language(root: Path) -> str | None:
    """`[ui] language` as `.vaultkit.toml` says it, read before anything else (the help of a
    command is in it); None when it says none or cannot be read, which loading it tells."""
    try:
        data = tomllib.loads((root / CONFIG_NAME).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    setting = data.get("ui", {}).get("language") if isinstance(data.get("ui"), dict) else None
    return setting if isinstance(setting, str) else None


def _first_note_not_generated(folder: Path, relative: str) -> str | None:
    """The vault-relative path of the first note (by name, depth first) below `folder` that is
    not a report vaultkit wrote; None when there is none. Reads no further than that note."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return None  # missing or not a folder: `report` says so when it writes
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = f"{relative}/{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                found = _first_note_not_generated(Path(entry.path), path)
                if found is not None:
                    return found
            elif entry.name.lower().endswith(".md") and not _generated_file(entry.path):
                return path
        except OSError:
            continue
    return None


def _generated_file(path: str) -> bool:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return is_generated_note(handle.read(_FRONT_MATTER_CHARS))
    except OSError:
        return False  # what vaultkit cannot read back, it cannot have written


def is_generated_note(text: str) -> bool:
    """Whether note text opens with front matter that says `generated_by: vaultkit`: a report
    vaultkit wrote, which it may write again (and never reads as notes)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return False
    for line in lines[1:]:
        line = line.rstrip()
        if line in ("---", "..."):
            return False
        if _GENERATED_LINE.fullmatch(line):
            return True
    return False


def _with_obsidian_settings(root: Path, config: Config) -> Config:
    """`config` with the templates folders and daily notes that `.obsidian/` names.

    A setting of Obsidian's is never a config error: a templates folder that is or holds a
    contacts folder is read after all, with a warning, as skipping it would lose those contacts."""
    settings = read_settings(root)
    templates: list[str] = []
    warnings = list(config.warnings)
    for folder, source in settings.templates_folders:
        if any(_relation(folder, known) == "is" for known in (*config.templates_folders, *templates)):
            continue
        holding = [c for c in config.contact_folders if _relation(folder, c) in ("is", "holds")]
        if holding:
            warnings.append(
                Diagnostic.warning(
                    source,
                    1,
                    "obsidian-templates",
                    N_(
                        "the templates folder {folder} is the contacts folder {contacts}; vaultkit reads "
                        "it as notes all the same"
                    )
                    if _relation(folder, holding[0]) == "is"
                    else N_(
                        "the templates folder {folder} holds the contacts folder {contacts}; vaultkit "
                        "reads it as notes all the same"
                    ),
                    folder=repr(folder),
                    contacts=repr(holding[0]),
                )
            )
            continue
        templates.append(folder)
    if not templates and not settings.daily_notes and len(warnings) == len(config.warnings):
        return config
    return replace(
        config,
        obsidian_templates=tuple(templates),
        daily_notes=settings.daily_notes,
        warnings=tuple(warnings),
    )


def _problem(line: int, code: str, template: str, /, **values: Any) -> Diagnostic:
    return Diagnostic.error(CONFIG_NAME, line, code, template, **values)


# What report.folder is to a contacts or the templates folder, by relation and folder.
_REPORT_FOLDER_AMONG = {
    ("is", "contacts folder"): N_(
        "report.folder {report} is the contacts folder {folder}; reports need a folder of their own"
    ),
    ("lies inside", "contacts folder"): N_(
        "report.folder {report} lies inside the contacts folder {folder}; reports need a folder of their own"
    ),
    ("holds", "contacts folder"): N_(
        "report.folder {report} holds the contacts folder {folder}; reports need a folder of their own"
    ),
    ("is", "templates folder"): N_(
        "report.folder {report} is the templates folder {folder}; reports need a folder of their own"
    ),
    ("lies inside", "templates folder"): N_(
        "report.folder {report} lies inside the templates folder {folder}; reports need a folder of their own"
    ),
    ("holds", "templates folder"): N_(
        "report.folder {report} holds the templates folder {folder}; reports need a folder of their own"
    ),
}


def _relation(folder: str, other: str) -> str | None:
    """How `folder` and `other` nest ("is", "lies inside", "holds"), or None; case is ignored, as
    it is by the file systems of macOS and Windows."""
    folder, other = folder.casefold(), other.casefold()
    if folder == other:
        return "is"
    if folder.startswith(other + "/"):
        return "lies inside"
    if other.startswith(folder + "/"):
        return "holds"
    return None


# What Python's TOML reader says most often, for the catalog, so that it is said in German too.
_TOML_WORDS = frozenset(
    {
        N_("Invalid value"),
        N_("Invalid statement"),
        N_("Expected newline or end of document after a statement"),
        N_("Expected '=' after a key in a key/value pair"),
        N_("Expected ']' at the end of a table declaration"),
        N_("Expected ']]' at the end of an array declaration"),
        N_("Unclosed array"),
        N_("Unclosed inline table"),
        N_("Unterminated string"),
        N_("Cannot overwrite a value"),
        N_("Invalid initial character for a key part"),
        N_("Invalid date or datetime"),
    }
)
_TOML_AT_LINE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)")
_TOML_AT_END = re.compile(r"(.*) \(at end of document\)")


def _toml_problem(exc: tomllib.TOMLDecodeError) -> Message | str:
    """What the TOML reader says, where it says it, to be said in the language spoken."""
    text = str(exc)
    if found := _TOML_AT_LINE.fullmatch(text):
        return Message.of(
            N_("{problem} (at line {line}, column {column})"),
            problem=_toml_words(found[1]),
            line=int(found[2]),
            column=int(found[3]),
        )
    if found := _TOML_AT_END.fullmatch(text):
        return Message.of(N_("{problem} (at end of document)"), problem=_toml_words(found[1]))
    return text


def _toml_words(text: str) -> Message | str:
    return Message(text) if text in _TOML_WORDS else text


def _line_from_message(message: str, text: str) -> int:
    match = re.search(r"line (\d+)", message)
    if match:
        return int(match.group(1))
    return max(1, len(text.splitlines())) if "end of document" in message else 1


class _Validator:
    """Turns parsed TOML into a Config, collecting every problem with the line it is on."""

    SECTIONS = {
        "contacts": {"folders", "categories", "tags", "linked_folders"},
        "cadence": {"default", "circles", "tags"},
        "fields": None,  # any key
        "log": {"heading", "gave", "got"},
        "notes": {"date_pattern", "templates"},
        "report": {"folder", "reports"},
        "me": {"note"},
        "ics": {"alarm"},
        "ui": {"language"},
    }

    def __init__(self, text: str, root: Path):
        self.lines = text.splitlines()
        self.root = root  # the vault, for what a setting means there
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        # The table whose keys are being read, so that a problem points at the key there and not
        # at a key of the same name in another table ([cadence.circles] inner, [cadence.tags] inner).
        self.section: str | None = None

    @contextmanager
    def within(self, section: str) -> Iterator[None]:
        outer, self.section = self.section, section
        try:
            yield
        finally:
            self.section = outer

    def validate(self, data: dict[str, Any]) -> Config:
        for section, value in data.items():
            if section not in self.SECTIONS:
                self.fail(section, N_("unknown section [{section}]"), section=section)
            elif not isinstance(value, dict):
                self.fail(section, N_("[{section}] must be a table"), section=section)
        for section, allowed in self.SECTIONS.items():
            table = data.get(section)
            if allowed is not None and isinstance(table, dict):
                with self.within(section):
                    for key in table:
                        if key not in allowed:
                            self.fail(key, N_("unknown key {section}.{key}"), section=section, key=key)
        kwargs = self._values(data)
        if self.separate_report_folder(kwargs):  # a contacts or templates folder is refused already
            self.keep_notes_out_of_the_report_folder(kwargs)
        self.keep_contacts_out_of_templates(kwargs)
        if self.problems:
            raise ConfigError(self.problems)
        return Config(**kwargs, warnings=tuple(self.warnings))

    def _values(self, data: dict[str, Any]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}

        def take(name: str, section: str, key: str, convert: Callable[[str, Any], Any]) -> None:
            table = data.get(section)
            if isinstance(table, dict) and key in table:
                with self.within(section):
                    value = convert(key, table[key])
                if value is not None:
                    kwargs[name] = value

        take("contact_folders", "contacts", "folders", self.folder_list)
        take("contact_categories", "contacts", "categories", self.string_list)
        take("contact_tags", "contacts", "tags", self.string_list)
        take("linked_folders", "contacts", "linked_folders", self.folder_list)
        take("default_cadence", "cadence", "default", self.duration)
        take("circle_cadences", "cadence", "circles", self.durations)
        take("tag_cadences", "cadence", "tags", lambda key, value: tuple(self.durations(key, value).items()))
        if isinstance(data.get("fields"), dict):
            with self.within("fields"):
                kwargs["field_aliases"] = self.field_aliases(data["fields"])
        take("log_heading", "log", "heading", self.string)
        take("gave_tag", "log", "gave", self.string)
        take("got_tag", "log", "got", self.string)
        take("date_pattern", "notes", "date_pattern", self.pattern)
        take("templates_folder", "notes", "templates", self.folder)
        take("report_folder", "report", "folder", self.folder)
        take("reports", "report", "reports", self.report_names)
        take("me_note", "me", "note", self.note_path)
        take("language", "ui", "language", self.language)
        if isinstance(data.get("ics"), dict) and "alarm" in data["ics"]:
            # Not `take`: "none" is a value here, and take drops a None.
            with self.within("ics"):
                kwargs["ics_alarm"] = self.alarm("alarm", data["ics"]["alarm"])
        return kwargs

    def separate_report_folder(self, kwargs: dict[str, Any]) -> bool:
        """The report folder must neither be nor hold nor lie inside a contacts folder or the
        templates folder: reports would be written among the contacts, or hide them (the report
        folder is never read). Whether it is apart from them."""
        report = kwargs.get("report_folder", Config.report_folder)
        others = [
            ("contacts", "folders", "contacts folder", folder)
            for folder in kwargs.get("contact_folders", Config.contact_folders)
        ]
        others.append(
            (
                "notes",
                "templates",
                "templates folder",
                kwargs.get("templates_folder", Config.templates_folder),
            )
        )
        apart = True
        for section, key, what, folder in others:
            relation = _relation(report, folder)
            if relation:
                where = ("report", "folder") if "report_folder" in kwargs else (section, key)
                self.fail_in(
                    where[0],
                    where[1],
                    _REPORT_FOLDER_AMONG[(relation, what)],
                    report=repr(report),
                    folder=repr(folder),
                )
                apart = False
        return apart

    def keep_notes_out_of_the_report_folder(self, kwargs: dict[str, Any]) -> None:
        """The report folder is never read, so a folder that holds notes vaultkit did not write (a
        daily notes folder, say) would hide them from every report. Only a folder the config names
        is looked into: a note in the default one is kept safe by `report`, which never overwrites it."""
        folder = kwargs.get("report_folder")
        if folder is None:
            return
        foreign = _first_note_not_generated(self.root / folder, folder)
        if foreign is not None:
            self.fail_in(
                "report",
                "folder",
                N_(
                    "report.folder {folder} holds notes vaultkit did not write, e.g. {note}; vaultkit never "
                    "reads the report folder, so they would not count: choose a folder of its own"
                ),
                folder=repr(folder),
                note=foreign,
            )

    def keep_contacts_out_of_templates(self, kwargs: dict[str, Any]) -> None:
        """The templates folder is never read, so it must not be or hold a contacts folder (a
        templates folder inside one, People/Templates, is fine)."""
        templates = kwargs.get("templates_folder", Config.templates_folder)
        for folder in kwargs.get("contact_folders", Config.contact_folders):
            relation = _relation(templates, folder)
            if relation in ("is", "holds"):
                where = ("notes", "templates") if "templates_folder" in kwargs else ("contacts", "folders")
                self.fail_in(
                    where[0],
                    where[1],
                    N_(
                        "notes.templates {templates} is the contacts folder {folder}; notes in the templates "
                        "folder are never read, so those contacts would be lost"
                    )
                    if relation == "is"
                    else N_(
                        "notes.templates {templates} holds the contacts folder {folder}; notes in the "
                        "templates folder are never read, so those contacts would be lost"
                    ),
                    templates=repr(templates),
                    folder=repr(folder),
                )

    def fail(self, key: str, template: str, /, **values: Any) -> None:
        """A problem with `key` of the table being read."""
        self.fail_in(self.section, key, template, **values)

    def fail_in(self, section: str | None, key: str, template: str, /, **values: Any) -> None:
        """A problem with `key` of the table `section`."""
        line = self.line_of(key, section)
        self.problems.append(_problem(line, "config-invalid", template, **values))

    def line_of(self, key: str, section: str | None = None) -> int:
        """The line that sets `key` in the table `section` (dotted, as `cadence.tags`); for a
        table written inline (`tags = { family = "2w" }`), the line that sets the table."""
        if section is None:
            span = 0, len(self.lines)
        elif (found := self._span(section)) is None:
            parent, _, name = section.rpartition(".")
            return self.line_of(name, parent or None)
        else:
            span = found
        pattern = re.compile(rf"^\s*(\[\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
        for number in range(*span):
            if pattern.match(self.lines[number]):
                return number + 1
        return max(span[0], 1)  # the table's header

    def _span(self, section: str) -> tuple[int, int] | None:
        """The lines of a table after its `[header]`, up to the next header; None without one."""
        parts = r"\s*\.\s*".join(rf"[\"']?{re.escape(part)}[\"']?" for part in section.split("."))
        header = re.compile(rf"^\s*\[\s*{parts}\s*\]")
        for number, line in enumerate(self.lines):
            if header.match(line):
                end = next(
                    (
                        later
                        for later in range(number + 1, len(self.lines))
                        if self.lines[later].lstrip().startswith("[")
                    ),
                    len(self.lines),
                )
                return number + 1, end
        return None

    def string(self, key: str, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.fail(key, N_("{key} must be a non-empty string, got {value}"), key=key, value=Shown(value))
        return None

    def language(self, key: str, value: Any) -> str | None:
        """`[ui] language`: one vaultkit speaks, else a warning and the user's language."""
        setting = self.string(key, value)
        if setting is None:
            return None
        language = language_of(setting)
        if language not in SUPPORTED:
            self.warnings.append(
                Diagnostic.warning(
                    CONFIG_NAME,
                    self.line_of(key, self.section),
                    "unknown-language",
                    N_(
                        "ui.language {setting} is not a language vaultkit speaks (en, de); it speaks English here"
                    ),
                    setting=repr(setting),
                )
            )
            return ENGLISH
        return language

    def string_list(self, key: str, value: Any) -> tuple[str, ...] | None:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.fail(key, N_("{key} must be a list of strings, got {value}"), key=key, value=Shown(value))
        return None

    def folder(self, key: str, value: Any) -> str | None:
        text = self.string(key, value)
        if text is None:
            return None
        parts = Path(text).parts
        if Path(text).is_absolute() or ".." in parts:
            self.fail(
                key, N_("{key} must be a folder inside the vault, got {value}"), key=key, value=repr(text)
            )
            return None
        return text.strip("/")

    def note_path(self, key: str, value: Any) -> str | None:
        path = self.folder(key, value)
        if path is not None and not path.lower().endswith(".md"):
            self.fail(
                key,
                N_('{key} must be the path of a note in the vault, like "People/Ich.md", got {value}'),
                key=key,
                value=repr(path),
            )
            return None
        return path

    def folder_list(self, key: str, value: Any) -> tuple[str, ...] | None:
        items = self.string_list(key, value)
        if items is None:
            return None
        folders = [self.folder(key, item) for item in items]
        return None if None in folders else tuple(f for f in folders if f is not None)

    def duration(self, key: str, value: Any) -> Duration | str | None:
        try:
            return parse_duration(value)
        except ValueError as exc:
            self.fail(key, "{key}: {problem}", key=key, problem=reason(exc))
            return None

    def durations(self, key: str, value: Any) -> dict[str, Duration | str]:
        if not isinstance(value, dict):
            self.fail(key, N_("cadence.{key} must be a table of name = duration"), key=key)
            return {}
        with self.within(f"{self.section}.{key}"):
            parsed = {name: self.duration(name, item) for name, item in value.items()}
        return {name: item for name, item in parsed.items() if item is not None}

    def field_aliases(self, value: dict[str, Any]) -> dict[str, str]:
        aliases = {}
        for yours, ours in value.items():
            if ours not in KNOWN_FIELDS:
                self.fail(
                    yours,
                    N_("fields.{key} maps to {value}, which is not a vaultkit field (one of {fields})"),
                    key=yours,
                    value=Shown(ours),
                    fields=Listed(tuple(KNOWN_FIELDS), "or"),
                )
            else:
                aliases[yours] = ours
        return aliases

    def report_names(self, key: str, value: Any) -> tuple[str, ...] | None:
        names = self.string_list(key, value)
        unknown = [name for name in names or () if name not in KNOWN_REPORTS]
        if unknown:
            named = [repr(name) for name in unknown]
            self.fail(
                key,
                N_("unknown report {named}; the reports are {reports}")
                if len(named) == 1
                else N_("unknown reports {named}; the reports are {reports}"),
                named=Listed(tuple(named)),
                reports=Listed(KNOWN_REPORTS),
            )
            return None
        return names

    def alarm(self, key: str, value: Any) -> timedelta | None:
        try:
            return parse_alarm(value)
        except ValueError:
            self.fail(
                key,
                N_(
                    'ics.{key} must be a time on the day of the event like "09:00", a time before it like '
                    '"1d" or "1w 18:00", or "none"; got {value}'
                ),
                key=key,
                value=Shown(value),
            )
            return None

    def pattern(self, key: str, value: Any) -> re.Pattern[str] | None:
        text = self.string(key, value)
        if text is None:
            return None
        try:
            compiled = re.compile(text)
        except re.error as exc:
            self.fail(
                key, N_("{key} is not a valid regular expression: {problem}"), key=key, problem=str(exc)
            )
            return None
        if compiled.groups < 1:
            self.fail(key, N_("{key} needs a group that captures the YYYY-MM-DD date"), key=key)
            return None
        return compiled


def parse_alarm(value: object) -> timedelta | None:
    """`[ics] alarm` as the time from the start of the event's day: "09:00" is 9 hours after,
    "1d" 09:00 the day before, "1w 18:00" that time a week before; None for "none"."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if text in ("none", "never", "off", "keiner", "keine", "nie", "aus"):
        return None
    match = _ALARM.fullmatch(text)
    if not text or not match:
        raise ValueError(f"not an alarm: {value!r}")
    amount, unit, hours, minutes = match.groups()
    at = timedelta(hours=int(hours), minutes=int(minutes)) if hours else DEFAULT_ALARM
    if at >= timedelta(days=1) or (minutes and int(minutes) >= 60):
        raise ValueError(f"not a time of day: {value!r}")
    days_before = int(amount or 0) * (7 if unit == "w" else 1)
    return at - timedelta(days=days_before)
