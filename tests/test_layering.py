"""Only the CLI (`vaultkit.cli`, and `vaultkit.entry` before it) prints, exits or reads the clock; the library below it gets `today` passed in.

(Which stage may import which, and that only the CLI imports click, is import-linter's job: see
[tool.importlinter] in pyproject.toml.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vaultkit"
CLOCK_READERS = {"today", "now", "utcnow"}


def _bound_names(tree: ast.AST) -> dict[str, str]:
    """Local name -> what it is: `datetime`, `datetime.date`, `sys`, `os`, … (imports only)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "sys", "os"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.AST, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute) and (base := _dotted(node.value, names)):
        return f"{base}.{node.attr}"
    return None


def cli_only_calls(source: str) -> list[tuple[int, str]]:
    """(line, what) for each print, exit or reading of today's date in `source`."""
    tree = ast.parse(source)
    names = _bound_names(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("print", "exit", "quit")
        ):
            found.append((node.lineno, f"{node.func.id}()"))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id == "SystemExit":
                found.append((node.lineno, "raise SystemExit"))
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node, names) or ""
            clock = node.attr in CLOCK_READERS and dotted.rsplit(".", 1)[0] in (
                "datetime.date",
                "datetime.datetime",
            )
            if (
                clock
                or dotted in ("sys.exit", "os._exit")
                or dotted.startswith(("sys.stdout.", "sys.stderr."))
            ):
                found.append((node.lineno, dotted.removeprefix("datetime.")))
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
        ("import datetime\nday = datetime.date.today()", "date.today"),
        ("from datetime import date as D\nday = D.today()", "date.today"),
        ("import sys\nsys.stdout.write('x')", "sys.stdout.write"),
        ("raise SystemExit(1)", "raise SystemExit"),
        ("import os\nos._exit(1)", "os._exit"),
    ],
)
def test_the_check_finds_each_thing_only_the_cli_may_do(source, what):
    assert [found for _, found in cli_only_calls(source)] == [what]


def test_a_date_passed_in_is_not_reading_the_clock():
    assert cli_only_calls("def f(today):\n    return today.year, today.today\n") == []


# The process a watcher forks to draw the network ends itself so, skipping the watcher's own
# clean-up: it is not the command ending.
CHILD_ENDS = {("vaultkit/live/apart.py", "os._exit")}


def test_only_the_cli_prints_exits_or_reads_the_clock():
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        # The command line: the click layer, and the first step before it.
        if PACKAGE / "cli" not in path.parents and path != PACKAGE / "entry.py"
        for line, what in cli_only_calls(path.read_text(encoding="utf-8"))
        if (path.relative_to(PACKAGE.parent).as_posix(), what) not in CHILD_ENDS
    ]
    assert offences == []
