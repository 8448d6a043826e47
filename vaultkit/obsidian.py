"""What a vault's own Obsidian settings say about it: its templates folders and its daily notes.

Obsidian keeps its settings as JSON in `.obsidian/`. They are read tolerantly: a file that is
missing, unreadable, not JSON or not shaped as expected counts as not there, and so does a value
that is not a folder inside the vault. An editor's setting never stops vaultkit.

Daily note formats are moment.js formats (`YYYY-MM-DD`, `dddd, MMMM Do YYYY`, `YYYY/MM/YYYY-MM-DD`);
`date_format` turns one into a pattern that reads the date back from a note's path.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

SETTINGS_FOLDER = ".obsidian"
TEMPLATES = f"{SETTINGS_FOLDER}/templates.json"  # the core Templates plugin
TEMPLATER = f"{SETTINGS_FOLDER}/plugins/templater-obsidian/data.json"
DAILY_NOTES = f"{SETTINGS_FOLDER}/daily-notes.json"  # the core Daily notes plugin
PERIODIC_NOTES = f"{SETTINGS_FOLDER}/plugins/periodic-notes/data.json"
DEFAULT_DAILY_FORMAT = "YYYY-MM-DD"  # Obsidian's, when the setting is empty


@dataclass(frozen=True)
class DailyNotes:
    """Where a daily notes plugin puts its notes, and how it names them."""

    folder: str  # vault-relative, without slashes at either end; "" for the vault root
    format: str  # moment.js; it may hold folders below `folder` (`YYYY/MM/YYYY-MM-DD`)
    source: str  # the settings file that says so


@dataclass(frozen=True)
class Settings:
    # (folder, settings file), in the order read: core Templates, then Templater.
    templates_folders: tuple[tuple[str, str], ...] = ()
    # The plugin that makes new daily notes first: Periodic Notes when enabled, then core Daily notes.
    daily_notes: tuple[DailyNotes, ...] = ()


def read_settings(root: Path) -> Settings:
    """What `root`'s `.obsidian/` says; an empty Settings for a vault without one."""
    if not os.path.isdir(root / SETTINGS_FOLDER):
        return Settings()
    templates = []
    for source, key in ((TEMPLATES, "folder"), (TEMPLATER, "templates_folder")):
        folder = _folder((_read_json(root / source) or {}).get(key))
        if folder:  # an empty templates folder is no templates folder
            templates.append((folder, source))
    daily: list[DailyNotes] = []
    for found in (*_periodic_daily_notes(root), _core_daily_notes(root)):
        if found is not None and all((d.folder, d.format) != (found.folder, found.format) for d in daily):
            daily.append(found)
    return Settings(tuple(templates), tuple(daily))


def _core_daily_notes(root: Path) -> DailyNotes | None:
    data = _read_json(root / DAILY_NOTES)
    return None if data is None else _daily_notes(data, DAILY_NOTES)


def _periodic_daily_notes(root: Path) -> list[DailyNotes | None]:
    data = _read_json(root / PERIODIC_NOTES) or {}
    found = []
    if isinstance(data.get("daily"), dict) and data["daily"].get("enabled") is True:
        found.append(_daily_notes(data["daily"], PERIODIC_NOTES))
    # Periodic Notes 1.x keeps its settings in calendar sets, the active one first.
    listed = data.get("calendarSets")
    sets = [s for s in listed if isinstance(s, dict)] if isinstance(listed, list) else []
    sets.sort(key=lambda s: s.get("id") != data.get("activeCalendarSet"))
    for calendar in sets:
        day = calendar.get("day")
        if isinstance(day, dict) and day.get("enabled") is True:
            found.append(_daily_notes(day, PERIODIC_NOTES))
    return found


def _daily_notes(settings: dict[str, Any], source: str) -> DailyNotes | None:
    folder = _folder(settings.get("folder", ""))
    form = settings.get("format")
    if folder is None or not isinstance(form, (str, type(None))):
        return None
    return DailyNotes(folder, form.strip() if form and form.strip() else DEFAULT_DAILY_FORMAT, source)


def _read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in the file at `path`; None when there is none (missing, unreadable,
    not JSON, or JSON of another shape)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _folder(value: Any) -> str | None:
    """A folder setting as a vault-relative folder ("" for the root); None when it is no folder
    inside the vault."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    parts = [part for part in value.strip().replace("\\", "/").split("/") if part not in ("", ".")]
    if ".." in parts or (parts and re.fullmatch(r"[A-Za-z]:", parts[0])):  # C:/Users/…
        return None
    return "/".join(parts)


# --- moment.js formats -------------------------------------------------------------------------

# Month names and their short forms as moment writes them in English and German (`Jan.`).
_MONTH_NAMES = (
    ("january", "jan", "januar", "jän", "jänner"),
    ("february", "feb", "februar"),
    ("march", "mar", "märz", "mär", "mrz", "maerz"),
    ("april", "apr"),
    ("may", "mai"),
    ("june", "jun", "juni"),
    ("july", "jul", "juli"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct", "oktober", "okt"),
    ("november", "nov"),
    ("december", "dec", "dezember", "dez"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MONTH_NAME = "(?i:{})\\.?".format("|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)))
_ORDINAL = r"(?:st|nd|rd|th|\.)"
_WORD = r"[^\W\d_]+\.?"  # a weekday or era name, in any language

# moment's own tokenizer: [literal text], \escaped character, a token, or any other character.
_TOKENS = re.compile(
    r"\[([^\[]*)\]|\\(.)|(MMMM|MMM|MM|Mo|M|DDDD|DDDo|DDD|Do|DD|D|dddd|ddd|dd|do|d|YYYYYY|YYYYY|YYYY"
    r"|YY|Y|y{2,4}|yo|y|gggg|gg|GGGG|GG|wo|ww|w|Wo|WW|W|Qo|Q|E|e|HH|H|hh|h|kk|k|mm|m|ss|s|S{1,9}"
    r"|A|a|X|x|ZZ|Z|zz|z|N{1,5})|(.)",
    re.S,
)
# Tokens that give the date: what each matches and which part of the date it is.
_DATE_TOKENS = {
    "YYYYYY": (r"\d{4,6}", "year"),
    "YYYYY": (r"\d{4,5}", "year"),
    "YYYY": (r"\d{4}", "year"),
    "YY": (r"\d{2}", "yy"),
    "Y": (r"\d{1,6}", "year"),
    "MMMM": (_MONTH_NAME, "month name"),
    "MMM": (_MONTH_NAME, "month name"),
    "MM": (r"\d{2}", "month"),
    "Mo": (r"\d{1,2}" + _ORDINAL, "month"),
    "M": (r"\d{1,2}", "month"),
    "DD": (r"\d{2}", "day"),
    "Do": (r"\d{1,2}" + _ORDINAL + "?", "day"),
    "D": (r"\d{1,2}", "day"),
}
# Tokens that do not: only what they match.
_OTHER_TOKENS = {
    "DDDD": r"\d{3}",
    "DDDo": r"\d{1,3}" + _ORDINAL,
    "DDD": r"\d{1,3}",
    "dddd": _WORD,
    "ddd": _WORD,
    "dd": _WORD,
    "do": r"[0-6]" + _ORDINAL,
    "d": r"[0-6]",
    "gggg": r"\d{4}",
    "GGGG": r"\d{4}",
    "gg": r"\d{2}",
    "GG": r"\d{2}",
    "wo": r"\d{1,2}" + _ORDINAL,
    "Wo": r"\d{1,2}" + _ORDINAL,
    "Qo": r"[1-4]" + _ORDINAL,
    "Q": r"[1-4]",
    "E": r"[1-7]",
    "e": r"[0-6]",
    "A": r"(?i:am|pm)",
    "a": r"(?i:am|pm)",
    "X": r"\d+(?:\.\d+)?",
    "x": r"\d+",
    "ZZ": r"(?:Z|[+-]\d\d:?\d\d)",
    "Z": r"(?:Z|[+-]\d\d:?\d\d)",
    "zz": r"[A-Za-z]+",
    "z": r"[A-Za-z]+",
    **{hours: r"\d{1,2}" for hours in ("HH", "H", "hh", "h", "kk", "k", "mm", "m", "ss", "s")},
}


@dataclass(frozen=True)
class DateFormat:
    """A moment.js format as a pattern that reads the date it wrote back."""

    format: str
    pattern: re.Pattern[str]
    parts: tuple[tuple[str, str], ...]  # (group name, part of the date) for each date token
    # Whether a name that fits could hardly be anything but a date: a four-digit year or a month name.
    distinctive: bool

    def read(self, text: str) -> date | None:
        """The date `text` (all of it) was written as in this format; None when it is not, or
        when it names no real day (or two different ones, as `YYYY/YYYY-MM-DD` could)."""
        match = self.pattern.fullmatch(text)
        if match is None:
            return None
        found: dict[str, set[int]] = {"year": set(), "month": set(), "day": set()}
        for group, part in self.parts:
            value = match[group]
            if part == "month name":
                found["month"].add(MONTHS[value.rstrip(".").casefold()])
            elif part == "yy":  # as moment reads two-digit years: 69–99 are 1969–1999
                year = int(value)
                found["year"].add(year + (1900 if year > 68 else 2000))
            else:
                found[part].add(int(re.sub(r"\D", "", value)))
        if any(len(values) != 1 for values in found.values()):
            return None
        (year,), (month,), (day,) = found["year"], found["month"], found["day"]
        try:
            return date(year, month, day)
        except ValueError:
            return None

    def file_name(self) -> DateFormat | None:
        """The format of the file name alone, when the format also names folders; None when
        that part does not name a whole date."""
        return _file_name_format(self.format)


@lru_cache(maxsize=64)
def date_format(moment: str) -> DateFormat | None:
    """`moment` as a DateFormat; None when it does not name a year, a month and a day."""
    pieces = []
    parts: list[tuple[str, str]] = []
    for literal, escaped, token, other in _TOKENS.findall(moment):
        if token in _DATE_TOKENS:
            expression, part = _DATE_TOKENS[token]
            group = f"p{len(parts)}"
            pieces.append(f"(?P<{group}>{expression})")
            parts.append((group, part))
        elif token:
            pieces.append(_OTHER_TOKENS.get(token, _WORD if token[0] == "N" else r"\d+"))
        else:
            pieces.append(re.escape(literal or escaped or other))
    named = {"year" if part == "yy" else "month" if part == "month name" else part for _, part in parts}
    if named != {"year", "month", "day"}:
        return None
    try:
        pattern = re.compile("".join(pieces))
    except re.error:
        return None
    distinctive = any(part in ("year", "month name") for _, part in parts)
    return DateFormat(moment, pattern, tuple(parts), distinctive)


@lru_cache(maxsize=64)
def _file_name_format(moment: str) -> DateFormat | None:
    slashes = [m.start() for m in _TOKENS.finditer(moment) if m[4] == "/"]
    return date_format(moment[slashes[-1] + 1 :] if slashes else moment)


def daily_note_date(daily: DailyNotes, path: str) -> date | None:
    """The date of the note at vault-relative `path` if it is a daily note as `daily` names
    them: its path below the daily notes folder is the format (`Daily/2024/06/2024-06-14.md`)."""
    form = date_format(daily.format)
    if form is None:
        return None
    relative = _below(daily.folder, path)
    if relative is None:
        return None
    return form.read(_without_extension(relative))


def daily_name_date(daily: DailyNotes, path: str) -> date | None:
    """The date of a note named as `daily` names daily notes (the file name part of the format),
    wherever it lies below the daily notes folder, or anywhere in the vault when the format is
    distinctive (a four-digit year or a month name)."""
    form = date_format(daily.format)
    name_format = form.file_name() if form else None
    if name_format is None:
        return None
    if not name_format.distinctive and (not daily.folder or _below(daily.folder, path) is None):
        return None
    return name_format.read(_without_extension(PurePosixPath(path).name))


def _below(folder: str, path: str) -> str | None:
    if not folder:
        return path
    inside = (
        path[: len(folder)].casefold() == folder.casefold() and path[len(folder) : len(folder) + 1] == "/"
    )
    return path[len(folder) + 1 :] if inside else None


def _without_extension(path: str) -> str:
    return path[:-3] if path[-3:].lower() == ".md" else path


# --- the core Templates plugin ---------------------------------------------------------------

DEFAULT_TEMPLATE_DATE = "YYYY-MM-DD"  # what `{{date}}` and `{{time}}` write unless the settings say
DEFAULT_TEMPLATE_TIME = "HH:mm"


@dataclass(frozen=True)
class TemplateFormats:
    """The formats the core Templates plugin writes `{{date}}` and `{{time}}` in."""

    date: str = DEFAULT_TEMPLATE_DATE
    time: str = DEFAULT_TEMPLATE_TIME


def template_formats(root: Path) -> TemplateFormats:
    """The date and time formats `root`'s core Templates settings name; Obsidian's defaults
    for any that are missing or empty."""
    settings = _read_json(root / TEMPLATES) or {}
    return TemplateFormats(
        _format_setting(settings.get("dateFormat"), DEFAULT_TEMPLATE_DATE),
        _format_setting(settings.get("timeFormat"), DEFAULT_TEMPLATE_TIME),
    )


def _format_setting(value: Any, default: str) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else default


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = tuple(names[0].capitalize() for names in _MONTH_NAMES)


def format_moment(moment: str, when: datetime) -> str:
    """`when` written in the moment.js format `moment`, as Obsidian writes it in English.

    Tokens of time zones and locales vaultkit does not know are kept as written."""
    pieces = []
    for literal, escaped, token, other in _TOKENS.findall(moment):
        if token:
            pieces.append(_formatted(token, when))
        else:
            pieces.append(literal or escaped or other)
    return "".join(pieces)


def _formatted(token: str, when: datetime) -> str:
    weekday = when.isoweekday() % 7  # moment counts from Sunday
    iso_year, iso_week, _ = when.isocalendar()
    hour12 = when.hour % 12 or 12
    values: dict[str, str] = {
        "YYYY": f"{when.year:04d}",
        "YY": f"{when.year % 100:02d}",
        "Y": str(when.year),
        "MMMM": _MONTHS[when.month - 1],
        "MMM": _MONTHS[when.month - 1][:3],
        "MM": f"{when.month:02d}",
        "Mo": _ordinal(when.month),
        "M": str(when.month),
        "DDDD": f"{when.timetuple().tm_yday:03d}",
        "DDDo": _ordinal(when.timetuple().tm_yday),
        "DDD": str(when.timetuple().tm_yday),
        "DD": f"{when.day:02d}",
        "Do": _ordinal(when.day),
        "D": str(when.day),
        "dddd": _WEEKDAYS[when.weekday()],
        "ddd": _WEEKDAYS[when.weekday()][:3],
        "dd": _WEEKDAYS[when.weekday()][:2],
        "do": _ordinal(weekday),
        "d": str(weekday),
        "E": str(when.isoweekday()),
        "e": str(weekday),
        "GGGG": f"{iso_year:04d}",
        "GG": f"{iso_year % 100:02d}",
        "WW": f"{iso_week:02d}",
        "Wo": _ordinal(iso_week),
        "W": str(iso_week),
        "Q": str((when.month - 1) // 3 + 1),
        "Qo": _ordinal((when.month - 1) // 3 + 1),
        "HH": f"{when.hour:02d}",
        "H": str(when.hour),
        "hh": f"{hour12:02d}",
        "h": str(hour12),
        "kk": f"{when.hour or 24:02d}",
        "k": str(when.hour or 24),
        "mm": f"{when.minute:02d}",
        "m": str(when.minute),
        "ss": f"{when.second:02d}",
        "s": str(when.second),
        "A": "PM" if when.hour >= 12 else "AM",
        "a": "pm" if when.hour >= 12 else "am",
        "X": str(int(when.timestamp())),
        "x": str(int(when.timestamp() * 1000)),
    }
    if token.startswith("S"):
        return f"{when.microsecond:06d}"[: len(token)].ljust(len(token), "0")
    return values.get(token, token)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
