"""Normalisers for the values people write in notes: dates, birthdays, durations, names, links.

Each parser takes what YAML produced and returns a model value or raises ValueError with a
message fit to show a user.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from vaultkit.language import N_, _, listed
from vaultkit.model import NO_CADENCE, Birthday, Duration, Index, Message, Month, Shown

_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEARLESS = (
    re.compile(r"--(\d{2})-?(\d{2})"),  # --05-17, vCard --0517
    re.compile(r"(\d{2})-(\d{2})"),  # 05-17
)
_GERMAN_YEARLESS = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")  # 17.05.
# `[[Target#heading|shown text]]`, `![[embed]]`: (!, target, shown text). No bracket inside a
# part, so that a line of thousands of brackets costs linear time.
WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#^]*)(?:[#^][^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
# `10d`, `2 weeks`, `3 Monate`, `alle 2 Wochen`, `every 3 months`, `eine Woche`: folded, so
# case and umlauts do not matter.
_DURATION = re.compile(
    r"(?:(?:alle|every)\s+)?(?:([0-9]+)\s*|([a-z]+)\s+)"
    r"(d|w|m|y|days?|weeks?|months?|years?|tag(?:e|en)?|wochen?|monat(?:e|en)?|jahr(?:e|en)?)"
)
_UNITS = {"t": "d", "j": "y"}  # Tag(e) is days, Jahr(e) years; the other units' first letters are
# Numbers written as words, in German and English.
_NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        (
            # `jeden Monat`, `every week`: one, as vaultkit itself says a cadence.
            (
                "ein",
                "eine",
                "einen",
                "einem",
                "one",
                "a",
                "an",
                "jede",
                "jeden",
                "jedes",
                "jeder",
                "every",
                "each",
            ),
            ("zwei", "two"),
            ("drei", "three"),
            ("vier", "four"),
            ("funf", "five"),
            ("sechs", "six"),
            ("sieben", "seven"),
            ("acht", "eight"),
            ("neun", "nine"),
            ("zehn", "ten"),
            ("elf", "eleven"),
            ("zwolf", "twelve"),
        ),
        start=1,
    )
    for word in words
}
# Adverbs of a cadence, folded (`wöchentlich` is `wochentlich`).
_DURATION_WORDS = {
    "daily": Duration(1, "d"),
    "weekly": Duration(1, "w"),
    "biweekly": Duration(2, "w"),
    "fortnightly": Duration(2, "w"),
    "monthly": Duration(1, "m"),
    "bimonthly": Duration(2, "m"),
    "quarterly": Duration(3, "m"),
    "half-yearly": Duration(6, "m"),
    "semiannually": Duration(6, "m"),
    "yearly": Duration(1, "y"),
    "annually": Duration(1, "y"),
    "taglich": Duration(1, "d"),
    "wochentlich": Duration(1, "w"),
    "zweiwochentlich": Duration(2, "w"),
    "vierzehntagig": Duration(2, "w"),
    "14-tagig": Duration(2, "w"),
    "monatlich": Duration(1, "m"),
    "zweimonatlich": Duration(2, "m"),
    "vierteljahrlich": Duration(3, "m"),
    "quartalsweise": Duration(3, "m"),
    "halbjahrlich": Duration(6, "m"),
    "jahrlich": Duration(1, "y"),
}
_NO_DURATION = frozenset({"none", "never", "off", "keiner", "keine", "nie", "aus"})
# Umlauts written without the dots (`waechentlich`, `Maerz`) fold as written with them.
_UMLAUTS_SPELT_OUT = re.compile(r"(?<=[a-z])([aou])e")


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "Þ": "th",
    }
)


# Every link in the vault is folded to be resolved, and the same names recur in thousands of
# notes: remembering them makes folding nearly free.
@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: `Jürgen`, `JURGEN` and `jurgen` fold alike."""
    if not text.isascii():  # ASCII text is decomposed already, with no accents to drop
        decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


_NOT_ALNUM = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """`John Appleseed` -> `john-appleseed`: folded, every run of other characters than letters
    and digits one `-`. How tools name files and tags after people."""
    return _NOT_ALNUM.sub("-", fold(text)).strip("-")


def resolve(index: Index, text: str) -> tuple[str, ...]:
    """The contact ids a link target may mean (empty: unknown): its folded id, name or alias.
    For a name someone types, `lookup` tries more."""
    return index.names.get(fold(text), ())


def name_words(text: str) -> list[str]:
    """The folded words of a name; a comma only parts them: `Groß, Jürgen` -> gross, jurgen."""
    return fold(text.replace(",", " ")).split()


def name_key(text: str) -> str:
    """The words of a name, folded and sorted: word order and commas do not matter."""
    return " ".join(sorted(name_words(text)))


def lookup(index: Index, text: str, *, by_word_start: bool = False) -> tuple[str, ...]:
    """The contact ids a typed name means: empty when nobody, several when it is ambiguous.

    The first of these that finds anyone decides:
    1. the folded id, name or alias (`resolve`);
    2. the same words in any order, commas ignored: `Groß, Jürgen` is Jürgen Groß;
    3. each typed word a whole word of an id, name or alias: `Paul` is Paul Weber, unless
       another contact has a Paul in their name too (then it is ambiguous);
    4. only `by_word_start`, for commands that read: each typed word starts a word of an id,
       name or alias (`hoff` finds Jürgen Hoffmann). Commands that write stop before it: they
       never guess.
    """
    if found := same_name(index, text):
        return found
    typed = name_words(text)
    if not typed:
        return ()
    if found := _name_words_of(index).having_all(typed):
        return found
    return word_start_matches(index, text) if by_word_start else ()


def same_name(index: Index, text: str) -> tuple[str, ...]:
    """The contacts whose id, name or alias is `text`, in any word order (`lookup`'s first two
    steps): the names a new contact may not have."""
    if found := resolve(index, text):
        return found
    typed = name_words(text)
    return _name_words_of(index).in_any_order.get(" ".join(sorted(typed)), ()) if typed else ()


def word_start_matches(index: Index, text: str) -> tuple[str, ...]:
    """Ids of contacts with an id, name or alias each of whose typed words starts a word of it."""
    wanted = name_words(text)
    if not wanted:
        return ()
    found: dict[str, None] = {}
    for key, ids in index.names.items():
        words = _key_words(key)
        if all(any(word.startswith(part) for word in words) for part in wanted):
            found.update(dict.fromkeys(ids))
    return tuple(found)


@dataclass(frozen=True)
class _NameWords:
    """What `lookup` needs beyond `Index.names`, made from it when a name is first looked up."""

    names: dict[str, tuple[str, ...]]  # the Index.names they are made from
    in_any_order: dict[str, tuple[str, ...]]  # name_key -> ids
    keys_with: dict[str, tuple[str, ...]]  # a word -> the Index.names keys that have it

    def having_all(self, typed: list[str]) -> tuple[str, ...]:
        """The ids of the names that have every one of the `typed` words."""
        wanted = set(typed)
        fewest = min((self.keys_with.get(word, ()) for word in wanted), key=len)
        keys = [key for key in fewest if wanted <= set(_key_words(key))]
        return tuple(dict.fromkeys(i for key in keys for i in self.names[key]))


# Made for the last index names were looked up in: a run has one index, however many names it
# looks up (an event's whole attendee list); another index has them made anew.
_made: list[_NameWords] = []


def _name_words_of(index: Index) -> _NameWords:
    if _made and _made[0].names is index.names:
        return _made[0]
    in_any_order: dict[str, dict[str, None]] = {}
    keys_with: dict[str, list[str]] = {}
    for key, ids in index.names.items():
        words = _key_words(key)
        in_any_order.setdefault(" ".join(sorted(words)), {}).update(dict.fromkeys(ids))
        for word in dict.fromkeys(words):
            keys_with.setdefault(word, []).append(key)
    made = _NameWords(
        index.names,
        {key: tuple(ids) for key, ids in in_any_order.items()},
        {word: tuple(keys) for word, keys in keys_with.items()},
    )
    _made[:] = [made]
    return made


def _key_words(key: str) -> list[str]:
    """The words of an `Index.names` key, folded already."""
    return key.replace(",", " ").split()


def email_key(email: str) -> str | None:
    """What two ways of writing one email address have in common: case does not matter."""
    return fold(email).removeprefix("mailto:") or None


# Fewer digits than this are an extension or a short code, no evidence of one person.
PHONE_DIGITS = 6


# The `(0)` of `+49 (0)431 …`: the trunk zero, dialled only within the country, written after
# the country code.
_TRUNK_ZERO = re.compile(r"^(\s*(?:tel:)?\s*(?:\+|00)\s*\d{1,3})[\s./-]*\(\s*0\s*\)", re.IGNORECASE)


def phone_key(phone: str) -> str | None:
    """What two ways of writing one phone number have in common: its digits, `+` for an
    international number, written `+49` or `0049` (`+49 (431) 555-1818` is `+494315551818`),
    without the `(0)` written after its country code (`+49 (0)431 …` is `+49 431 …`).
    A national number (`0431 5551818`) stays as it is: its country is not guessed. None for
    too few digits to tell."""
    phone = _TRUNK_ZERO.sub(r"\1 ", phone, count=1)
    digits = "".join(ch for ch in phone if ch in "0123456789")
    if len(digits) < PHONE_DIGITS:
        return None
    if phone.lstrip().removeprefix("tel:").lstrip().startswith("+"):
        return "+" + digits
    return "+" + digits[2:] if digits.startswith("00") else digits


# Names shorter than this many letters are one letter away from too many others to say so.
NEAR_NAME_LETTERS = 5


def spelled_alike_possible(name: str) -> bool:
    """Whether a name one letter away from `name` may be the same person misspelt: not for a
    short name, nor one with a digit (a number tells two people apart on purpose: `Anna 2`)."""
    return sum(map(str.isalpha, name)) >= NEAR_NAME_LETTERS and not any(ch.isdigit() for ch in name)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion or substitution of a letter, or one swap of two
    neighbouring letters, turns `a` into `b` (not when they are equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    return a[start + 1 :] == b[start + 1 :] or (
        a[start + 2 :] == b[start + 2 :] and a[start : start + 2] == b[start : start + 2][::-1]
    )


def shared_file_name(index: Index, contact_id: str) -> str | None:
    """When other contact notes have the file name of `contact_id` (ignoring case and accents),
    a clause naming them all for a message; None when the file name is the contact's own."""
    others = index.left_out.get(contact_id)
    if not others:
        return None
    path = index.contacts[contact_id].path
    return _(
        "{paths} have the same file name, ignoring case and accents (vaultkit reads only {path})"
    ).format(paths=listed([path, *others]), path=path)


def link_target(value: str) -> str | None:
    """The note a `[[Target#heading|text]]` link points to, or None when `value` is no link."""
    if "[[" not in value:
        return None  # most values: no need for the pattern
    match = WIKILINK.fullmatch(value.strip())
    return match.group(2).strip() if match and not match.group(1) else None


def unlink(value: str) -> str:
    """`[[Galerie Nord]]` -> `Galerie Nord`; a path link names its note by the file name
    (`[[Companies/Acme Corp|Acme]]` -> `Acme Corp`); plain text stays as it is."""
    target = link_target(value)
    if not target:
        return value.strip()
    name = target.rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name


class Unreadable(ValueError):
    """A value in no form its parser reads. What it says is a Message (its `words`), said when
    it is shown: a note's diagnostics keep it, and a later run may speak another language;
    `str()` and `said()` say it in the language spoken now."""

    def __init__(self, message: str, **fields: object):
        self.words = Message.of(message, **fields)
        super().__init__(self.words)

    def said(self) -> str:
        return str(self.words)


def said(problem: ValueError) -> str:
    """What a parser's ValueError says, in the language spoken now."""
    return problem.said() if isinstance(problem, Unreadable) else str(problem)


class NotARealDate(Unreadable):
    """A date written in a known form whose day does not exist, like 31.02.2027."""


def parse_date(value: object) -> date:
    """A day: `2026-03-03`, `03.03.2026`, `3. März 2026`, `3. Mär. 2026`, `3 March 2026`
    (month names in German or English, any case), in a `[[link]]` too."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise Unreadable(N_("expected a date like 2026-03-03, got {value}"), value=Shown(value))
    return _date_in(value)


# Every note's date, log entries and date fields are read from text, and the same days recur.
@lru_cache(maxsize=1 << 14)
def _date_in(value: str) -> date:
    text = unlink(value)
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), value)
    if match := GERMAN_DATE.fullmatch(text):
        return _make_date(int(match[3]), int(match[2]), int(match[1]), value)
    if (match := LONG_DATE.fullmatch(text)) and (month := month_named(match[2])):
        return _make_date(int(match[3]), month, int(match[1]), value)
    raise Unreadable(N_("expected a date like 2026-03-03 or 03.03.2026, got {value}"), value=repr(value))


# `21. November 2026`, `21. Nov. 2026`, `21 November 2026`: a day, a month's name, a year.
LONG_DATE = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]{3,}\.?)\s*(\d{4})")
# `17. Mai`: a day of no year in particular.
_LONG_YEARLESS = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]{3,}\.?)")


def month_named(word: str) -> int | None:
    """The month `word` names: its name or abbreviation in German (Austria's too) or English as
    CLDR has them (`März`, `Mär`, `Sept.`, `Jänner`, `May`), in any case, the dot after an
    abbreviation optional, umlauts spelt out or not (`Maerz`); None when it names none."""
    folded = fold(word.rstrip("."))
    return _month_names().get(folded) or _month_names().get(_UMLAUTS_SPELT_OUT.sub(r"\1", folded))


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    from babel.dates import get_month_names

    return {
        fold(name.rstrip(".")): month
        for locale in ("de", "de_AT", "en")  # Austria's Jänner
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for month, name in get_month_names(width, context, locale=locale).items()
    }


def search_date(pattern: re.Pattern[str], text: str) -> date | None:
    """The date `pattern`'s first group captures in `text`, or None (also for an impossible one)."""
    match = pattern.search(text)
    if not match:
        return None
    try:
        return parse_date(match.group(1))
    except ValueError:
        return None


def parse_birthday(value: object) -> Birthday:
    """A day with or without its year: `1984-05-17`, `--05-17`, `05-17`, `17.05.`, `17. Mai`,
    `17. Mai 1984`, or any date `parse_date` reads."""
    if isinstance(value, (date, datetime)):
        return Birthday(value.month, value.day, value.year)
    if not isinstance(value, str):
        raise Unreadable(
            N_("expected a birthday like 1984-05-17 or --05-17, got {value}"), value=Shown(value)
        )
    text = value.strip()
    for pattern in _YEARLESS:
        if match := pattern.fullmatch(text):
            return _make_birthday(int(match[1]), int(match[2]), value)
    if match := _GERMAN_YEARLESS.fullmatch(text):
        return _make_birthday(int(match[2]), int(match[1]), value)
    if (match := _LONG_YEARLESS.fullmatch(text)) and (month := month_named(match[2])):
        return _make_birthday(month, int(match[1]), value)
    try:
        full = parse_date(text)
    except ValueError:
        raise Unreadable(
            N_("expected a birthday like 1984-05-17, --05-17, 05-17 or 17.05., got {value}"),
            value=repr(value),
        ) from None
    return Birthday(full.month, full.day, full.year)


# A month of one year: `2027-01`, `01/2027`, `1.2027`, `Januar 2027`, `Jan. 2027`.
_NUMBERED_MONTHS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})"),
    re.compile(r"(?P<month>\d{1,2})[/.](?P<year>\d{4})"),
)
_NAMED_MONTH = re.compile(r"([^\W\d_]{3,}\.?)\s*(\d{4})")


def parse_month(value: object) -> Month:
    """A month of one year: `2027-01`, `01/2027`, `01.2027`, `Januar 2027`, `Jan. 2027`,
    `January 2027` (month names as `month_named` reads them)."""
    text = unlink(value).strip() if isinstance(value, str) else ""
    for pattern in _NUMBERED_MONTHS:
        if match := pattern.fullmatch(text):
            return _make_month(int(match["year"]), int(match["month"]), value)
    if (match := _NAMED_MONTH.fullmatch(text)) and (month := month_named(match[1])):
        return _make_month(int(match[2]), month, value)
    raise Unreadable(N_("expected a month like 2027-01 or Januar 2027, got {value}"), value=Shown(value))


def _make_month(year: int, month: int, original: object) -> Month:
    _make_date(year, month, 1, original)
    return Month(year, month)


def parse_occasion_date(value: object) -> Birthday | Month:
    """When an occasion is: a day with or without its year, as `parse_birthday` reads it, or a
    month of one year, as `parse_month` does."""
    text = unlink(value) if isinstance(value, str) else value
    for parse in (parse_month, parse_date):
        try:
            when = parse(text)
        except NotARealDate:
            raise
        except ValueError:
            continue
        return when if isinstance(when, Month) else Birthday(when.month, when.day, when.year)
    try:
        return parse_birthday(text)
    except NotARealDate:
        raise
    except ValueError:
        raise Unreadable(
            N_("expected a date like 2019-06-15, --06-15, 15.06., 2027-01 or Januar 2027, got {value}"),
            value=Shown(value),
        ) from None


def parse_anniversary(value: object) -> Birthday:
    """A day that returns every year, with or without its year, as `parse_birthday` reads it;
    an impossible one is said to be so (`2016-13-01`), not mistaken for another form."""
    if isinstance(value, str):
        try:
            full = parse_date(value.strip())
        except NotARealDate:
            raise
        except ValueError:
            pass
        else:
            return Birthday(full.month, full.day, full.year)
    try:
        return parse_birthday(value)
    except NotARealDate:
        raise
    except ValueError:
        raise Unreadable(
            N_("expected a day like 2016-11-28, --11-28 or 28.11., got {value}"), value=Shown(value)
        ) from None


# What `paused: yes` and `set NAME paused ja` may say, besides YAML's true and false.
_TRUE = frozenset({"true", "yes", "on", "y", "1", "ja", "j", "an", "wahr"})
_FALSE = frozenset({"false", "no", "off", "n", "0", "nein", "aus", "falsch"})


def parse_flag(value: object) -> bool:
    """A checkbox: true or false, also written yes/no, on/off, y/n, 1/0, ja/nein, an/aus
    (any case)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise Unreadable(N_("expected true or false, got {value}"), value=Shown(value))


def parse_duration(value: object) -> Duration | str:
    """A cadence: `10d`, `2w`, `1m`, `1y`, `monthly`…, or NO_CADENCE for `none`; in German
    too (`10 Tage`, `alle 2 Wochen`, `monatlich`, `keiner`), in any case."""
    if not isinstance(value, str):
        raise Unreadable(N_("expected a duration like 2w, 1m or monthly, got {value}"), value=Shown(value))
    text = fold(value)
    for written in dict.fromkeys((text, _UMLAUTS_SPELT_OUT.sub(r"\1", text))):
        if written in _NO_DURATION:
            return NO_CADENCE
        if written in _DURATION_WORDS:
            return _DURATION_WORDS[written]
        match = _DURATION.fullmatch(written)
        amount = (int(match[1]) if match[1] else _NUMBER_WORDS.get(match[2], 0)) if match else 0
        if match and amount:
            unit = match[3][0]
            return Duration(amount, _UNITS.get(unit, unit))  # type: ignore[arg-type]
    raise Unreadable(
        N_("expected a duration like 10d, 2w, 1m, 1y or monthly, got {value}"), value=repr(value)
    )


def _make_date(year: int, month: int, day: int, original: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NotARealDate(
            N_("{value} is not a real date ({reason})"), value=repr(original), reason=_why_not(year, month)
        ) from None


def _why_not(year: int, month: int) -> Message:
    """Why there is no such day, in the words Python's `date` has for it."""
    if not 1 <= month <= 12:
        return Message(N_("month must be in 1..12"))
    if year < 1:
        return Message(N_("year 0 is out of range"))
    return Message(N_("day is out of range for month"))


def _make_birthday(month: int, day: int, original: object) -> Birthday:
    # 2000 is a leap year, so 29 February is accepted without a year.
    _make_date(2000, month, day, original)
    return Birthday(month, day)


def same_objects(kept: Sequence[object], now: Sequence[object]) -> bool:
    """Whether `kept` holds the very objects `now` does, in the same order: what a watcher
    keeps from one change to the next holds while the objects it came from stay the same."""
    return len(kept) == len(now) and all(a is b for a, b in zip(kept, now))
