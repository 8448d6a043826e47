"""The README's examples of editing commands are real: run them and compare the output."""

import re
import shlex
import shutil

from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from vaultkit.cli import cli


def editing_examples() -> list[tuple[str, str]]:
    """(command, output) pairs from the console blocks of "Editing notes safely"."""
    section = (REPO / "README.md").read_text().split("## Editing notes safely", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


def test_readme_editing_examples_print_what_the_readme_shows(tmp_path):
    examples = editing_examples()
    assert examples[0] == ("cp -r example-vault /tmp/vault", "")
    shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    for command, output in examples[1:]:
        args = [arg.replace("/tmp/vault", str(tmp_path / "vault")) for arg in shlex.split(command)]
        assert args[0] == "vaultkit"
        result = CliRunner().invoke(cli, args[1:], catch_exceptions=False)
        assert result.output == output, command
    assert len(examples) >= 10


def test_the_german_section_shows_the_german_agenda_as_it_is(monkeypatch):
    monkeypatch.chdir(REPO)
    section = (REPO / "README.md").read_text().split("## Auf Deutsch", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```console\n(.*?)```", section, re.S)
    command, _, shown = block.partition("\n")
    args = shlex.split(command.removeprefix("$ "))
    assert args[0] == "vaultkit"
    result = CliRunner().invoke(cli, args[1:], catch_exceptions=False)
    assert result.stdout.startswith(shown)
    assert len(shown.splitlines()) >= 8


# `printf KEYS | vaultkit ARGS | tail -n 12`: the keys and the cut are optional.
_REVIEW_LINE = re.compile(
    r"(?:printf (?P<keys>'[^']*'|\"[^\"]*\") \| )?(?P<command>vaultkit .*?)"
    r"(?: \| (?P<cut>head|tail) -n (?P<lines>\d+))?"
)


def test_the_periodic_review_in_the_readme_is_real(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    section = (REPO / "README.md").read_text().split("### The periodic review", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    assert len(blocks) == 3
    chunks = [chunk for block in blocks for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]]
    assert chunks[0] == "cp -r example-vault /tmp/vault\n"
    shutil.copytree(EXAMPLE_VAULT, tmp_path / "vault")
    for chunk in chunks[1:]:
        line, _, shown = chunk.partition("\n")
        parts = _REVIEW_LINE.fullmatch(line)
        assert parts, line
        keys = shlex.split(parts["keys"])[0].replace("\\n", "\n") if parts["keys"] else None
        args = [arg.replace("/tmp/vault", str(tmp_path / "vault")) for arg in shlex.split(parts["command"])]
        output = CliRunner().invoke(cli, args[1:], input=keys, catch_exceptions=False).stdout
        lines = output.splitlines(keepends=True)
        if parts["cut"] == "head":
            lines = lines[: int(parts["lines"])]
        elif parts["cut"] == "tail":
            lines = lines[-int(parts["lines"]) :]
        assert "".join(lines) == shown, line
