"""The FILE a command reads: a file, or - for standard input, as - is standard output for --output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.language import N_, _

STANDARD_INPUT = N_("standard input")


def file_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    """FILE, passed on as given (text): a file that exists, or -."""
    return click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))(function)


@dataclass(frozen=True)
class Source:
    path: Path | None  # None: standard input
    data: bytes
    given: str = "-"  # FILE as typed: `./-` names a file, though its Path reads `-`

    @property
    def name(self) -> str:
        """How messages name it: the path as given, or `standard input`."""
        return _(STANDARD_INPUT) if self.path is None else self.given

    @property
    def file_name(self) -> str:
        """The file's own name without its folder, or `standard input`."""
        return _(STANDARD_INPUT) if self.path is None else self.path.name


def read_source(file: str) -> Source:
    """The bytes of FILE; a file that cannot be read is a VaultkitError."""
    # Compared as text: Path("./-") == Path("-"), but ./- names a file.
    if file == "-":
        return Source(None, sys.stdin.buffer.read())
    path = Path(file)
    try:
        return Source(path, path.read_bytes(), file)
    except OSError as exc:
        raise VaultkitError(
            _("cannot read {file}: {reason}").format(file=file, reason=exc.strerror or exc), EXIT_FAILED
        ) from None
