"""Read and validate `.vaultkit.toml`; every problem is collected before anything runs."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from .model import Diagnostic, Duration
from .values import parse_duration

CONFIG_NAME = ".vaultkit.toml"

KNOWN_FIELDS = (
    "name", "aliases", "tags", "circle", "cadence", "cadence_max", "last_contact",
    "next_contact", "snooze_until", "paused", "status", "birthday", "org", "role", "email",
    "phone", "location", "met", "how_met", "introduced_by", "knows", "interests", "offers",
    "needs", "categories", "date", "people",
)  # fmt: skip

# Spellings common in existing vaults; a vault's [fields] table adds to these.
DEFAULT_FIELD_ALIASES = {
    "birthdate": "birthday",
    "last contact": "last_contact",
    "last-contact": "last_contact",
    "next contact": "next_contact",
    "next-contact": "next_contact",
    "snooze until": "snooze_until",
    "how met": "how_met",
    "introduced by": "introduced_by",
    "alias": "aliases",
    "tag": "tags",
    "company": "org",
    "organization": "org",
}


REPORTS = ("agenda", "stale", "tags", "ics")


def _default_circles() -> dict[str, Duration | str]:
    return {"inner": Duration(2, "w"), "close": Duration(1, "m"), "network": Duration(3, "m"),
            "reserve": "none"}  # fmt: skip


@dataclass(frozen=True)
class Config:
    contact_folders: tuple[str, ...] = ("People",)
    contact_categories: tuple[str, ...] = ("[[People]]",)
    contact_tags: tuple[str, ...] = ("person",)
    default_cadence: Duration | str = Duration(6, "m")
    circle_cadences: dict[str, Duration | str] = field(default_factory=_default_circles)
    # Ordered: the first rule whose tag a contact carries wins.
    tag_cadences: tuple[tuple[str, Duration | str], ...] = ()
    field_aliases: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELD_ALIASES))
    log_heading: str = "Log"
    gave_tag: str = "#gave"
    got_tag: str = "#got"
    date_pattern: re.Pattern[str] = re.compile(r"^(\d{4}-\d{2}-\d{2})")
    templates_folder: str = "Templates"
    report_folder: str = "_vaultkit"
    reports: tuple[str, ...] = REPORTS
    # What `check` should say of the config without refusing it (not part of what it means).
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)


class ConfigError(Exception):
    """The config has problems; each one is a Diagnostic naming the key and line."""

    def __init__(self, diagnostics: list[Diagnostic]):
        diagnostics = sorted(diagnostics, key=lambda d: d.line)
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    if not path.exists():
        return Config()
    if not path.is_file():
        raise ConfigError([_problem(1, "config-unreadable", "cannot read the config: it is a folder, not a file")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([_problem(1, "config-unreadable", f"cannot read the config: {exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc), text)
        raise ConfigError([_problem(line, "config-syntax", f"not valid TOML: {exc}")]) from None
    validator = _Validator(text)
    config = validator.validate(data)
    missing = [folder for folder in config.contact_folders if not (root / folder).is_dir()]
    if missing and "folders" in data.get("contacts", {}):
        line = validator.line_of("folders")
        return replace(config, warnings=tuple(
            Diagnostic(CONFIG_NAME, line, "warning", "missing-folder",
                       f"contacts folder {folder!r} does not exist in the vault; no contact is read from it")
            for folder in missing))  # fmt: skip
    return config


def _problem(line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(CONFIG_NAME, line, "error", code, message)


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


def _line_from_message(message: str, text: str) -> int:
    match = re.search(r"line (\d+)", message)
    if match:
        return int(match.group(1))
    return max(1, len(text.splitlines())) if "end of document" in message else 1


class _Validator:
    """Turns parsed TOML into a Config, collecting every problem with the line it is on."""

    SECTIONS = {
        "contacts": {"folders", "categories", "tags"},
        "cadence": {"default", "circles", "tags"},
        "fields": None,  # any key
        "log": {"heading", "gave", "got"},
        "notes": {"date_pattern", "templates"},
        "report": {"folder", "reports"},
    }

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.problems: list[Diagnostic] = []

    def validate(self, data: dict[str, Any]) -> Config:
        for section, value in data.items():
            if section not in self.SECTIONS:
                self.fail(section, f"unknown section [{section}]")
            elif not isinstance(value, dict):
                self.fail(section, f"[{section}] must be a table")
        for section, allowed in self.SECTIONS.items():
            table = data.get(section)
            if allowed is not None and isinstance(table, dict):
                for key in table:
                    if key not in allowed:
                        self.fail(key, f"unknown key {section}.{key}")
        kwargs = self._values(data)
        self.separate_report_folder(kwargs)
        self.keep_contacts_out_of_templates(kwargs)
        if self.problems:
            raise ConfigError(self.problems)
        return Config(**kwargs)

    def _values(self, data: dict[str, Any]) -> dict[str, Any]:
        def table(name: str) -> dict[str, Any]:
            value = data.get(name, {})
            return value if isinstance(value, dict) else {}

        contacts, cadence, log, notes = table("contacts"), table("cadence"), table("log"), table("notes")
        kwargs: dict[str, Any] = {}
        self.take(kwargs, "contact_folders", contacts, "folders", self.folder_list)
        self.take(kwargs, "contact_categories", contacts, "categories", self.string_list)
        self.take(kwargs, "contact_tags", contacts, "tags", self.string_list)
        self.take(kwargs, "default_cadence", cadence, "default", self.duration)
        circles = cadence.get("circles")
        if circles is not None:
            kwargs["circle_cadences"] = self.durations("circles", circles)
        rules = cadence.get("tags")
        if rules is not None:
            kwargs["tag_cadences"] = tuple(self.durations("tags", rules).items())
        if "fields" in data and isinstance(data["fields"], dict):
            kwargs["field_aliases"] = {**DEFAULT_FIELD_ALIASES, **self.field_aliases(data["fields"])}
        self.take(kwargs, "log_heading", log, "heading", self.string)
        self.take(kwargs, "gave_tag", log, "gave", self.string)
        self.take(kwargs, "got_tag", log, "got", self.string)
        self.take(kwargs, "date_pattern", notes, "date_pattern", self.pattern)
        self.take(kwargs, "templates_folder", notes, "templates", self.folder)
        self.take(kwargs, "report_folder", table("report"), "folder", self.folder)
        self.take(kwargs, "reports", table("report"), "reports", self.report_names)
        return kwargs

    def separate_report_folder(self, kwargs: dict[str, Any]) -> None:
        """The report folder must neither be nor hold nor lie inside a contacts folder or the
        templates folder: reports would be written among the contacts, or hide them (the report
        folder is never read)."""
        report = kwargs.get("report_folder", Config.report_folder)
        others = [("folders", "contacts folder", folder)
                  for folder in kwargs.get("contact_folders", Config.contact_folders)]
        others.append(("templates", "templates folder", kwargs.get("templates_folder", Config.templates_folder)))
        for key, what, folder in others:
            relation = _relation(report, folder)
            if relation:
                self.fail("folder" if "report_folder" in kwargs else key,
                          f"report.folder {report!r} {relation} the {what} {folder!r}; "
                          "reports need a folder of their own")  # fmt: skip

    def keep_contacts_out_of_templates(self, kwargs: dict[str, Any]) -> None:
        """The templates folder is never read, so it must not be or hold a contacts folder (a
        templates folder inside one, People/Templates, is fine)."""
        templates = kwargs.get("templates_folder", Config.templates_folder)
        for folder in kwargs.get("contact_folders", Config.contact_folders):
            relation = _relation(templates, folder)
            if relation in ("is", "holds"):
                self.fail("templates" if "templates_folder" in kwargs else "folders",
                          f"notes.templates {templates!r} {relation} the contacts folder {folder!r}; "
                          "notes in the templates folder are never read, so those contacts would be lost")  # fmt: skip

    def take(self, kwargs: dict[str, Any], name: str, table: dict[str, Any], key: str,
             convert: Callable[[str, Any], Any]) -> None:  # fmt: skip
        if key in table:
            value = convert(key, table[key])
            if value is not None:
                kwargs[name] = value

    def fail(self, key: str, message: str) -> None:
        self.problems.append(_problem(self.line_of(key), "config-invalid", message))

    def line_of(self, key: str) -> int:
        pattern = re.compile(rf"^\s*(\[\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return 1

    def string(self, key: str, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.fail(key, f"{key} must be a non-empty string, got {value!r}")
        return None

    def string_list(self, key: str, value: Any) -> tuple[str, ...] | None:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.fail(key, f"{key} must be a list of strings, got {value!r}")
        return None

    def folder(self, key: str, value: Any) -> str | None:
        text = self.string(key, value)
        if text is None:
            return None
        parts = Path(text).parts
        if Path(text).is_absolute() or ".." in parts:
            self.fail(key, f"{key} must be a folder inside the vault, got {text!r}")
            return None
        return text.strip("/")

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
            self.fail(key, f"{key}: {exc}")
            return None

    def durations(self, key: str, value: Any) -> dict[str, Duration | str]:
        if not isinstance(value, dict):
            self.fail(key, f"cadence.{key} must be a table of name = duration")
            return {}
        parsed = {name: self.duration(name, item) for name, item in value.items()}
        return {name: item for name, item in parsed.items() if item is not None}

    def field_aliases(self, value: dict[str, Any]) -> dict[str, str]:
        aliases = {}
        for yours, ours in value.items():
            if ours not in KNOWN_FIELDS:
                self.fail(yours, f"fields.{yours} maps to {ours!r}, which is not a vaultkit field "
                                 f"(one of {', '.join(KNOWN_FIELDS)})")  # fmt: skip
            else:
                aliases[yours] = ours
        return aliases

    def report_names(self, key: str, value: Any) -> tuple[str, ...] | None:
        names = self.string_list(key, value)
        unknown = [name for name in names or () if name not in REPORTS]
        if unknown:
            self.fail(key, f"unknown report {', '.join(map(repr, unknown))}; "
                           f"reports are {', '.join(REPORTS)}")  # fmt: skip
            return None
        return names

    def pattern(self, key: str, value: Any) -> re.Pattern[str] | None:
        text = self.string(key, value)
        if text is None:
            return None
        try:
            compiled = re.compile(text)
        except re.error as exc:
            self.fail(key, f"{key} is not a valid regular expression: {exc}")
            return None
        if compiled.groups < 1:
            self.fail(key, f"{key} needs a group that captures the YYYY-MM-DD date")
            return None
        return compiled
