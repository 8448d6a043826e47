"""The language vaultkit speaks: how it is chosen, and that the German catalog holds every
message in the code and templates, said with the same placeholders, compiled as written."""

from __future__ import annotations

import gettext
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from vaultkit import language
from vaultkit.language import chosen

ROOT = Path(__file__).parent.parent
CATALOG = ROOT / "vaultkit" / "locale" / "de" / "LC_MESSAGES" / "vaultkit.po"
COMPILED = CATALOG.with_suffix(".mo")
# As vaultkit/locale/babel.cfg and the README's `pybabel extract` have them.
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "counted": (2, 3), "gettext": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python"), ("**.j2", "jinja2")]
TEMPLATE_OPTIONS = {
    "**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
}


def _catalog():
    with CATALOG.open("rb") as file:
        return read_po(file)


def _extracted() -> dict[str, tuple[str, ...]]:
    """Every message the code and the templates say, by msgid, with its plural if it has one."""
    found: dict[str, tuple[str, ...]] = {}
    for folder in ("vaultkit", "templates"):
        for _, _, message, _, _ in extract_from_dir(
            ROOT / folder, METHODS, TEMPLATE_OPTIONS, KEYWORDS, strip_comment_tags=True
        ):
            forms = message if isinstance(message, tuple) else (message,)
            if forms[0]:
                found[forms[0]] = forms
    return found


def test_every_message_of_vaultkit_has_a_german_translation():
    catalog = _catalog()
    missing = []
    for msgid, forms in _extracted().items():
        entry = catalog.get(msgid)
        strings = (
            () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        )
        if (
            entry is None
            or "fuzzy" in entry.flags
            or not all(strings)
            or len(forms) != len(entry.id if isinstance(entry.id, tuple) else (entry.id,))
        ):
            missing.append(msgid)
    assert not missing, f"{len(missing)} messages without a German translation, e.g. {missing[:5]}"


_FIELDS = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


@pytest.mark.parametrize(
    "entry", [entry for entry in _catalog() if entry.id], ids=lambda entry: str(entry.id)[:40]
)
def test_a_translation_keeps_the_placeholders_of_its_message(entry):
    ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    wanted = set(_FIELDS.findall(ids[-1])) | set(_FIELDS.findall(ids[0]))
    for string in strings:
        if string:
            assert set(_FIELDS.findall(string)) <= wanted, string
            assert set(_FIELDS.findall(ids[0])) <= set(_FIELDS.findall(string)) or len(strings) > 1, string


def test_the_compiled_catalog_says_what_the_catalog_says():
    with COMPILED.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in _catalog():
        if not entry.id or "fuzzy" in entry.flags:
            continue
        if isinstance(entry.id, tuple):
            assert compiled.ngettext(entry.id[0], entry.id[1], 1) == (entry.string[0] or entry.id[0])
            assert compiled.ngettext(entry.id[0], entry.id[1], 5) == (entry.string[1] or entry.id[1])
        else:
            assert compiled.gettext(entry.id) == (entry.string or entry.id), entry.id


@pytest.mark.parametrize(
    ("explicit", "configured", "environment", "expected"),
    [
        (None, None, {}, "en"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "de"),
        (None, None, {"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, "en"),  # the first one set decides
        (None, None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT"}, "de"),
        (None, None, {"LANG": "fr_FR.UTF-8"}, "en"),  # not spoken: English, without a word
        (None, None, {"LANG": "de_DE.UTF-8", "VAULTKIT_LANG": "en"}, "en"),
        (None, "de", {"LANG": "en_GB.UTF-8", "VAULTKIT_LANG": "en"}, "de"),
        ("en", "de", {"LANG": "de_DE.UTF-8"}, "en"),
        ("DE", None, {}, "de"),
        ("fr", "de", {}, "en"),
        ("C", None, {"VAULTKIT_LANG": "de"}, "en"),  # said, and no language: English, as it warns
        ("", "de", {}, "en"),
        (None, "C", {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"VAULTKIT_LANG": "", "LANG": "de_DE.UTF-8"}, "de"),  # empty: not set
        (None, None, {"VAULTKIT_LANG": "C", "LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_is_lang_then_the_config_then_vaultkit_lang_then_the_locale(
    explicit, configured, environment, expected
):
    assert chosen(explicit, configured, environment) == expected


@pytest.fixture
def german():
    language.use("de")
    yield
    language.use("en")


def test_german_days_counts_and_lists_are_written_as_in_germany(german):
    assert language.day(date(2026, 11, 21)) == "Sa., 21.11.2026"
    assert language.short_day(date(2026, 11, 21)) == "21.11."
    assert language.week(date(2026, 11, 21)) == "KW 47"
    assert language.relative_days(-81) == "vor 81 Tagen"
    assert language.relative_days(4) == "in 4 Tagen"
    assert language.relative_days(1) == "morgen"
    assert language.number(12345) == "12.345"
    assert language.decimal(0.4234, 2) == "0,42"
    assert language.listed(["Anna", "Bo", "Cem"]) == "Anna, Bo und Cem"
    assert language.listed(["Anna", "Bo"], "or") == "Anna oder Bo"


def test_english_days_counts_and_lists_stay_as_vaultkit_wrote_them():
    assert language.speaking() == "en"
    assert language.day(date(2026, 11, 21)) == "Sat 2026-11-21"
    assert language.relative_days(-81) == "81 days ago"
    assert language.relative_days(1) == "tomorrow"
    assert language.number(12345) == "12345"
    assert language.decimal(0.4234, 2) == "0.42"
    assert language.listed(["Anna", "Bo", "Cem"]) == "Anna, Bo and Cem"
    assert language.listed(["a", "b", "c", "d"], limit=2) == "a, b and 2 more"


@pytest.mark.parametrize("count", [2, 3, 5])
@pytest.mark.parametrize("conjunction, style", [("and", "standard"), ("or", "or")])
def test_english_lists_are_written_as_cldr_writes_them_in_british_english(count, conjunction, style):
    from babel.lists import format_list

    names = ["Anna", "Bo Li", "Cem", "Dana", "Ed"][:count]
    assert language.listed(names, conjunction) == format_list(names, style=style, locale="en_GB")
