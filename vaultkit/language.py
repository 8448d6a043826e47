"""The language vaultkit speaks, and how it says a day, a count or a list in it.

Sentences come from gettext catalogs (`vaultkit/locale/`, managed with Babel's `pybabel`);
dates, weekday names, plural forms, lists and numbers from Babel's CLDR data. English is the
language of the source: its dates stay ISO (`Sat 2026-11-21`), as vaultkit has always written
them. German writes them as people in Germany do (`Sa., 21.11.2026`, `21.11.`, `KW 47`).

One language per process at a time (`use`): the command line picks it once, a running watch
for each query it answers. Click's own words (`Usage:`, `Options`, its errors) come from the
same catalog, through the global gettext domain Click calls.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path

ENGLISH = "en"
GERMAN = "de"
SUPPORTED = (ENGLISH, GERMAN)
DOMAIN = "vaultkit"
LOCALE_FOLDER = Path(__file__).parent / "locale"
# The variables that name the user's locale, the first one set deciding (as POSIX has it).
# GNU's LANGUAGE is not among them: vaultkit sets it itself, for Click (see `use`).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGE_VARIABLE = "VAULTKIT_LANG"
# The CLDR locale of each language. British English lists `a, b and c`, as vaultkit always has.
_CLDR = {ENGLISH: "en_GB", GERMAN: "de_DE"}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def language_of(value: str | None) -> str | None:
    """The language a setting or locale names (`de`, `de_DE.UTF-8`, `DE-at`: `de`); None for
    none at all (empty, `C`, `POSIX`)."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    return None if code in ("", "c", "posix") else code


def chosen(explicit: str | None, configured: str | None, environment: Mapping[str, str]) -> str:
    """The language to speak: `--lang`, else `[ui] language`, else $VAULTKIT_LANG, else the
    locale, else English. A setting given that names no language vaultkit speaks (`fr`, `C`)
    is English, without a word: the config warns about its own setting, `--lang` is checked
    where it is given. An empty variable is one not set."""
    for setting in (explicit, configured):
        if setting is not None:
            language = language_of(setting)
            return language if language in SUPPORTED else ENGLISH
    for variable in (LANGUAGE_VARIABLE, *LOCALE_VARIABLES):
        if environment.get(variable):
            language = language_of(environment[variable])
            return language if language in SUPPORTED else ENGLISH
    return ENGLISH


@cache
def _translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_FOLDER, languages=[language], fallback=True)


_speaking = ENGLISH


def use(language: str) -> None:
    """Speak `language` (one of SUPPORTED) from now on, Click included."""
    global _speaking
    _speaking = language if language in SUPPORTED else ENGLISH
    # Click looks its words up with gettext's module functions, in the global domain, for the
    # language the environment names first: GNU's LANGUAGE.
    gettext.bindtextdomain(DOMAIN, str(LOCALE_FOLDER))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _speaking


def speaking() -> str:
    """The language spoken now."""
    return _speaking


def _(message: str) -> str:
    """`message` in the language spoken now."""
    return _translations(_speaking).gettext(message)


def n_(singular: str, plural: str, number: int) -> str:
    """The form of `singular`/`plural` that goes with `number`, in the language spoken now."""
    return _translations(_speaking).ngettext(singular, plural, number)


def N_(message: str) -> str:
    """Marks `message` for the catalog where it cannot be said yet (a constant made at import);
    `_` says it later."""
    return message


# --- Dates -----------------------------------------------------------------------------------


def day(when: date) -> str:
    """A day with its weekday: `Sat 2026-11-21`, `Sa., 21.11.2026`."""
    if _speaking == ENGLISH:
        return f"{_WEEKDAYS[when.weekday()]} {when.isoformat()}"
    return _babel_date(when, "EEE, dd.MM.yyyy")


def date_text(when: date) -> str:
    """A day: `2026-11-21`, `21.11.2026`."""
    return when.isoformat() if _speaking == ENGLISH else _babel_date(when, "dd.MM.yyyy")


def short_day(when: date) -> str:
    """A day of this year: `11-21`, `21.11.`."""
    return when.strftime("%m-%d") if _speaking == ENGLISH else _babel_date(when, "dd.MM.")


def month_day(month: int, day_of_month: int) -> str:
    """A day of no year in particular (a birthday without one): `--05-17`, `17. Mai`."""
    if _speaking == ENGLISH:
        return f"--{month:02d}-{day_of_month:02d}"
    return _babel_date(date(2000, month, day_of_month), "d. MMMM")


def month(when: date, with_year: bool = True) -> str:
    """The month of a day: `December 2026`, `Dezember 2026`; without its year `December`."""
    return _babel_date(when, "LLLL y" if with_year else "LLLL")


def short_month(when: date) -> str:
    """The month of a day, short: `Nov`, `Nov`; `Sept`, `Sep`."""
    return _babel_date(when, "LLL")


def weekday(when: date) -> str:
    """The weekday of a day, short: `Mon`, `Mo.`."""
    return _WEEKDAYS[when.weekday()] if _speaking == ENGLISH else _babel_date(when, "EEE")


def week(when: date) -> str:
    """The ISO week of a day: `week 47`, `KW 47`."""
    return _("week {number}").format(number=when.isocalendar().week)


def relative_days(days: int) -> str:
    """A distance in days from today: `today`, `tomorrow`, `in 4 days`, `193 days ago`; in
    German also `übermorgen` and `vorgestern`, which CLDR has and English has not."""
    if _speaking != ENGLISH:
        from babel import Locale

        named = Locale.parse(_CLDR[_speaking])._data["date_fields"]["day"]["relative"]
        if days in named:
            return str(named[days])
    elif days in (-1, 0, 1):
        return ("yesterday", "today", "tomorrow")[days + 1]
    if _speaking == ENGLISH:
        return f"in {counted(days, 'day', 'days')}" if days > 0 else f"{counted(-days, 'day', 'days')} ago"
    from datetime import timedelta

    from babel.dates import format_timedelta

    # A threshold no count reaches: always in days, never rounded to "6 months".
    return str(
        format_timedelta(
            timedelta(days=days),
            granularity="day",
            threshold=10**9,
            add_direction=True,
            locale=_CLDR[_speaking],
        )
    )


def _babel_date(when: date, pattern: str) -> str:
    from babel.dates import format_date

    return str(format_date(when, pattern, locale=_CLDR[_speaking]))


# --- Counts and lists ------------------------------------------------------------------------


def number(value: int) -> str:
    """`12345`, `12.345`: German groups thousands; English has always written them plain."""
    if _speaking == ENGLISH:
        return str(value)
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_CLDR[_speaking]))


def decimal(value: float, places: int) -> str:
    """`0.42`, `0,42`: a number to `places` decimal places."""
    if _speaking == ENGLISH:
        return f"{value:.{places}f}"
    from babel.numbers import format_decimal

    pattern = "0." + "0" * places if places else "0"
    return str(format_decimal(round(value, places), format=pattern, locale=_CLDR[_speaking]))


def counted(amount: int, singular: str, plural: str) -> str:
    """`1 note`, `3 notes`; `1 Notiz`, `3 Notizen`: the number and the form that goes with it."""
    return f"{number(amount)} {n_(singular, plural, amount)}"


def listed(items: Sequence[str], conjunction: str = "and", *, limit: int | None = None) -> str:
    """`a`, `a and b`, `a, b and c` (`or`: `a, b or c`); beyond `limit` items, `a, b, c and 9
    more`, in the language spoken now."""
    items = list(items)
    if limit is not None and len(items) > limit:
        more = len(items) - limit
        items = [*items[:limit], n_("{count} more", "{count} more", more).format(count=number(more))]
        conjunction = "and"
    if len(items) < 2:
        return "".join(items)
    if _speaking == ENGLISH:  # as CLDR's en_GB has it, without loading its data (40 ms a run)
        return f"{', '.join(items[:-1])} {'or' if conjunction == 'or' else 'and'} {items[-1]}"
    from babel.lists import format_list

    return str(format_list(items, style="or" if conjunction == "or" else "standard", locale=_CLDR[_speaking]))
