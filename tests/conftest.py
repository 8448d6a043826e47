from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vaultkit import language

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "example-vault"
# One small vault per scenario (minimal, broken notes, duplicates, categories, …), read in place.
FIXTURE_VAULTS = Path(__file__).resolve().parent / "fixtures" / "vaults"
# What every report on the example vault says on standard error: its one broken note, on purpose.
EXAMPLE_WARNING = (
    "vaultkit: 1 note could not be read completely, so what it holds may be missing or wrong here: "
    "People/Broken Example.md (vaultkit check says why)\n"
)
# The same, said in German.
EXAMPLE_WARNING_GERMAN = (
    "vaultkit: 1 Notiz nicht vollständig gelesen; was sie enthält, kann hier fehlen oder falsch sein: "
    "People/Broken Example.md (vaultkit check sagt, warum)\n"
)
PAST_NS = 1_700_000_000 * 10**9  # November 2023: long settled, so caches may trust the stamps


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Build a vault from {relative path: text or bytes}."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def person(log: str | None = None, **fields: object) -> str:
    """A contact note with `fields` as front matter and, given `log`, a `## Log` list."""
    front = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\n{front}---\n" + ("" if log is None else f"## Log\n{log}")


def meeting(day: str, *people: str, body: str = "") -> str:
    """A meeting note dated `day` that lists `people` in its front matter, as Obsidian users do."""
    listed = ", ".join(f'"[[{name}]]"' for name in people)
    return f"---\ndate: {day}\npeople: [{listed}]\n---\n{body}"


@pytest.fixture
def vault(tmp_path: Path):
    """Call with a {path: content} dict; returns the vault folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_vault(tmp_path / "vault", files)

    return make


def settle(root: Path, when_ns: int = PAST_NS, paths: list[Path] | None = None) -> None:
    """Give notes and templates an old mtime, as files have that were not edited just now."""
    for path in paths or [*root.rglob("*.md"), *root.rglob("*.j2")]:
        os.utime(path, ns=(when_ns, when_ns))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example vault to change at will, its notes long settled."""
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_VAULT, root, ignore=shutil.ignore_patterns("cache"))
    settle(root)
    return root


@pytest.fixture(autouse=True)
def no_cache_in_shared_folders(request, monkeypatch):
    """Tests read example-vault/ in place: keep them from leaving a cache in the repository.

    The cache tests (test_cache.py, test_output_cache.py) work on copies and use the cache.
    """
    if request.module.__name__.split(".")[-1] not in ("test_cache", "test_output_cache"):
        monkeypatch.setenv("VAULTKIT_NO_CACHE", "1")


@pytest.fixture(autouse=True)
def no_terminal_width(monkeypatch):
    """Text output wraps at $COLUMNS: the width of the terminal running the tests must not show."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch):
    """vaultkit speaks the language of the machine it runs on: the output the tests expect is
    English, whatever the machine's locale, unless a test asks for German."""
    for name in ("LC_ALL", "LC_MESSAGES", "VAULTKIT_LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    language.use(language.ENGLISH)
    yield
    language.use(language.ENGLISH)
