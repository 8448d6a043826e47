"""docs/json.md shows real output: every example must still match what the commands print."""

import json
import re

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from vaultkit.cli import cli

EXAMPLE = re.compile(r"`vaultkit --vault example-vault ([^`]+)`[^\n]*:\n\n```json\n(.*?)\n```", re.S)
LISTS = {
    "vaultkit.agenda/1": ["items"],
    "vaultkit.stale/1": ["groups"],
    "vaultkit.tags/1": ["tags"],
    "vaultkit.give/1": ["ideas"],
    "vaultkit.review/1": ["candidates"],
}


def examples():
    return EXAMPLE.findall((REPO / "docs" / "json.md").read_text(encoding="utf-8"))


def test_every_report_has_an_example():
    assert {json.loads(body)["schema"] for _, body in examples()} == set(LISTS)


@pytest.mark.parametrize("command, body", examples())
def test_documented_example_matches_the_real_output(command, body):
    shown = json.loads(body)
    real = json.loads(CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), *command.split()]).stdout)
    for key in LISTS[shown["schema"]]:
        real_items = real.pop(key)
        for item in shown.pop(key):
            if "contacts" in item:  # a stale group: its contacts are a shortened list too
                (group,) = [g for g in real_items if g["circle"] == item["circle"]]
                assert all(c in group["contacts"] for c in item["contacts"])
            else:
                assert item in real_items
    assert shown == real
