"""The date of a dated note (a daily or meeting note): from its properties, its path or its body.

`note_date` takes the first of these that gives a real date:

1. the `date` property, else the `datetime` property (an empty or unusable one is passed over,
   so that it never hides the date in the file name; reporting it is the caller's business);
2. the daily notes format of Obsidian's settings, for a note whose path below the daily notes
   folder is written in it (`Daily/2024/06/2024-06-14.md` for `YYYY/MM/YYYY-MM-DD`);
3. the file name, by `[notes] date_pattern`; by default a date anywhere in it
   (`2024-06-14`, `Meeting - 2024-06-14 2247`, `20230312`, `14.06.2024`), the first real one;
4. the file name in the daily notes format (its file name part, without the folders): below the
   daily notes folder at any depth, and anywhere in the vault when the format is distinctive,
   that is has a four-digit year or a month name (`dddd, MMMM Do YYYY`); after rule 3, so that
   such a format only dates notes the file name rule cannot;
5. an inline `date` field (Dataview's `date:: 2023-03-05`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from vaultkit.config import Config
from vaultkit.obsidian import daily_name_date, daily_note_date
from vaultkit.values import parse_date

_EIGHT_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def note_date(path: str, properties: dict[str, Any], inline: dict[str, Any], config: Config) -> date | None:
    """The date of the note at vault-relative POSIX `path`, or None for an undated note.

    `properties` are its front matter with vaultkit's key names, `inline` its inline fields."""
    for key in ("date", "datetime"):
        if (found := _usable(properties.get(key))) is not None:
            return found
    for daily in config.daily_notes:
        if (found := daily_note_date(daily, path)) is not None:
            return found
    if (found := name_date(config.date_pattern, _stem(path))) is not None:
        return found
    for daily in config.daily_notes:
        if (found := daily_name_date(daily, path)) is not None:
            return found
    value = inline.get("date")
    for item in value if isinstance(value, list) else [value]:
        if (found := _usable(item)) is not None:
            return found
    return None


def name_date(pattern: re.Pattern[str], name: str) -> date | None:
    """The first real date that `pattern`'s first group captures in `name`; eight digits
    (20230312) are read as YYYYMMDD."""
    for match in pattern.finditer(name):
        text = match.group(1)
        if text is None:
            continue
        if digits := _EIGHT_DIGITS.fullmatch(text):
            text = "-".join(digits.groups())
        if (found := _usable(text)) is not None:
            return found
    return None


def _usable(value: Any) -> date | None:
    if value is None or value == "" or isinstance(value, (bool, list, dict)):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name[-3:].lower() == ".md" else name
