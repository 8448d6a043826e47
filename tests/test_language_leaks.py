"""No English of vaultkit's in its German output, and no German of its own in its English.

Every report, `check` and `--help`, run on the example vault in both languages, is searched for
the phrases of the catalog in the other language: every two words that follow each other in a
message, between its placeholders and punctuation. A pair the notes themselves hold (the
example vault is half German) or that both languages share (`vCard-Datei`, `Dunbar's`) says
nothing, and is left out.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from tests.test_language import _catalog
from vaultkit.cli import cli

TODAY = ["--today", "2026-11-21"]
ATTENDEES = "example-vault/Events/kulturabend-attendees.txt"
COMMANDS = {
    "agenda": ["agenda"],
    "show": ["show", "jurgen"],
    "reconnect": ["reconnect", "Mark Ellis"],
    "reconnect-sie": ["reconnect", "Birgit Lange"],
    "stale": ["stale"],
    "tags": ["tags"],
    "intros": ["intros"],
    "path": ["path", "Lena Petersen"],
    "hubs": ["hubs"],
    "event": ["event", ATTENDEES],
    "balance": ["balance"],
    "give": ["give"],
    "layers": ["layers"],
    "goals": ["goals"],
    "meetup": ["meetup"],
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%s")
_BREAK = re.compile(r"[^\w\s'’-]+")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _runs(message: str) -> set[str]:
    """Every two words that follow each other in `message`, between its placeholders and
    punctuation."""
    runs = set()
    for piece in _BREAK.split(_PLACEHOLDER.sub("|", message)):
        words = piece.split()
        for first, second in zip(words, words[1:]):
            if _WORD.search(first) and _WORD.search(second):
                runs.add(f"{first} {second}")
    return runs


def _notes_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in EXAMPLE_VAULT.rglob("*.md"))


def _phrases() -> tuple[set[str], set[str]]:
    """The English and the German runs of the catalog, but those both languages or the notes have."""
    english: set[str] = set()
    german: set[str] = set()
    for entry in _catalog():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        said = set().union(*map(_runs, ids))
        translated = set().union(*map(_runs, [string for string in strings if string]))
        english |= said - translated
        german |= translated - said
    notes = _notes_text()
    return {run for run in english if run not in notes}, {run for run in german if run not in notes}


ENGLISH, GERMAN = _phrases()


def _output(language: str, args: list[str], fmt: str) -> str:
    result = CliRunner().invoke(
        cli, ["--vault", str(EXAMPLE_VAULT), "--lang", language, *args, *TODAY, "--format", fmt]
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout + result.stderr


def _leaks(text: str, phrases: set[str]) -> list[str]:
    flat = " ".join(text.split())
    return sorted(phrase for phrase in phrases if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", flat))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("report", list(COMMANDS))
def test_a_german_report_says_nothing_in_english(monkeypatch, report, fmt):
    monkeypatch.chdir(REPO)
    assert _leaks(_output("de", COMMANDS[report], fmt), ENGLISH) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("report", list(COMMANDS))
def test_an_english_report_says_nothing_in_german(monkeypatch, report, fmt):
    monkeypatch.chdir(REPO)
    assert _leaks(_output("en", COMMANDS[report], fmt), GERMAN) == []


@pytest.mark.parametrize("language, phrases", [("de", ENGLISH), ("en", GERMAN)])
def test_check_speaks_one_language(language, phrases):
    assert _leaks(_output(language, ["check"], "text"), phrases) == []


@pytest.mark.parametrize(
    "command",
    [
        [],
        *([name] for name in dict.fromkeys(args[0] for args in COMMANDS.values())),
        ["check"],
        ["import"],
        ["set"],
        ["review"],
    ],
)
@pytest.mark.parametrize("language, phrases", [("de", ENGLISH), ("en", GERMAN)])
def test_help_speaks_one_language(command, language, phrases):
    result = CliRunner().invoke(cli, ["--lang", language, *command, "--help"])
    assert result.exit_code == 0
    assert _leaks(result.output, phrases) == []


# A review run through every choice, with --dry-run: the example vault stays as it is.
REVIEW_KEYS = {
    "de": "b\nz\n3 Wochen\nr\na\ne\nAnruf: kurz gesprochen\nx\nü\nq\n",
    "en": "k\ns\n3w\nr\na\nl\ncall: a short chat\nx\nn\nq\n",
}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("language, phrases", [("de", ENGLISH), ("en", GERMAN)])
def test_review_speaks_one_language(monkeypatch, language, phrases, fmt):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        cli,
        ["--vault", str(EXAMPLE_VAULT), "--lang", language, "review", *TODAY, "--dry-run", "--format", fmt],
        input=REVIEW_KEYS[language],
    )
    assert result.exit_code == 0, result.output
    assert _leaks(result.stdout + result.stderr, phrases) == []


def test_the_phrases_searched_for_are_many():
    # A catalog read wrongly would find no phrase, and every test above would pass.
    assert len(ENGLISH) > 100 and len(GERMAN) > 100
