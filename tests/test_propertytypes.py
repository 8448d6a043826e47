import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT
from vaultkit.cli import cli
from vaultkit.edit.propertytypes import TYPES_FILE, PropertyTypes, property_types


def write_types(root, data: bytes):
    (root / TYPES_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / TYPES_FILE).write_bytes(data)


def test_types_are_read_by_property_name_in_any_case(tmp_path):
    write_types(
        tmp_path, b'{\n  "types": {\n    "Rating": "number",\n    "vip": "checkbox",\n    "odd": 3\n  }\n}'
    )
    types = property_types(tmp_path)
    assert types.problem is None
    assert (types.of("rating"), types.of("RATING"), types.of("vip")) == ("number", "number", "checkbox")
    assert types.of("odd") is None and types.of("role") is None


def test_a_vault_without_the_file_has_no_types_and_no_problem(tmp_path):
    assert property_types(tmp_path) == PropertyTypes()


@pytest.mark.parametrize(
    "data, problem",
    [
        (
            b'{\n  "types": {\n    "rating": "number",\n  }\n}',
            ".obsidian/types.json:4: not valid JSON (Expecting property name enclosed in double quotes)",
        ),
        (b'["rating"]', '.obsidian/types.json:1: expected {"types": {name: type}}'),
        (b'{"types": ["rating"]}', '.obsidian/types.json:1: expected {"types": {name: type}}'),
        (
            b'{"types": {"r\xe9sum\xe9": "text"}}',
            ".obsidian/types.json:1: cannot read Obsidian's property types (not UTF-8)",
        ),
    ],
)
def test_a_file_that_cannot_be_used_is_named_with_its_line_and_gives_no_types(tmp_path, data, problem):
    write_types(tmp_path, data)
    types = property_types(tmp_path)
    assert types.problem.startswith(problem)
    assert types.by_name == {}


def test_a_file_nested_too_deeply_to_read_is_named_and_gives_no_types(tmp_path):
    write_types(tmp_path, b'{"types": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    types = property_types(tmp_path)
    assert types.problem == (".obsidian/types.json:1: nested too deeply to read; property types are not used")
    assert types.by_name == {}


def test_set_with_a_types_file_nested_too_deeply_names_it_and_writes_text(tmp_path):
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    write_types(root, b"[" * 200_000)
    args = ["--vault", str(root), "set", "--today", "2026-11-21", "Ben Hughes", "rating", "4"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert (result.exit_code, result.output) == (
        0,
        "vaultkit: .obsidian/types.json:1: nested too deeply to read; property types are "
        "not used\nrating (unset) → 4 in People/Ben Hughes.md\n",
    )
    assert '\nrating: "4"\n' in (root / "People/Ben Hughes.md").read_text()
