"""Only the CLI prints, exits or reads the clock; the library below it gets `today` passed in.

(Which stage may import which, and that only the CLI imports click, is import-linter's job: see
[tool.importlinter] in pyproject.toml.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vaultkit"
CLOCKS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")}


def cli_only_calls(source: str) -> list[tuple[int, str]]:
    """(line, what) for each print, exit or reading of today's date in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Name) and called.id in ("print", "exit", "quit"):
            found.append((node.lineno, f"{called.id}()"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in CLOCKS or (node.value.id, node.attr) == ("sys", "exit"):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return found


@pytest.mark.parametrize(
    "source, what",
    [
        ("print('hi')", "print()"),
        ("import sys\nsys.exit(1)", "sys.exit"),
        ("exit(2)", "exit()"),
        ("from datetime import date\nday = date.today()", "date.today"),
        ("from datetime import date\nclock = date.today", "date.today"),
        ("import datetime as dt\nfrom datetime import datetime\nnow = datetime.now()", "datetime.now"),
    ],
)
def test_the_check_finds_each_thing_only_the_cli_may_do(source, what):
    assert [found for _, found in cli_only_calls(source)] == [what]


def test_a_date_passed_in_is_not_reading_the_clock():
    assert cli_only_calls("def f(today):\n    return today.year, today.today\n") == []


def test_only_the_cli_prints_exits_or_reads_the_clock():
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if PACKAGE / "cli" not in path.parents
        for line, what in cli_only_calls(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
