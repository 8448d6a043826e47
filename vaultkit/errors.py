"""The problems that end a command, and the exit codes they end it with.

Problems in notes are Diagnostics, collected and returned. Problems outside the notes (no
vault, a bad config, a refused edit, a broken template) are exceptions of one base,
`VaultkitError`; the CLI's one exit point turns each into one message and its exit code.
"""

from __future__ import annotations

from collections.abc import Callable

EXIT_OK = 0
EXIT_FAILED = 1  # check found errors, a write was refused, NAME or a file is not there
EXIT_USAGE = 2  # bad arguments, a bad config, a value that does not fit its field
EXIT_INTERNAL = 70  # a bug: the message asks for --debug
EXIT_INTERRUPTED = 130  # Ctrl-C


class VaultkitError(Exception):
    """A problem the user can fix; shown as one message, without a traceback."""

    exit_code = EXIT_USAGE
    # Said after the message, when the command did not do what it was asked; marked for the
    # catalog, and said by `messages` in the language it is given.
    consequence: str | None = None

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def messages(self, say: Callable[[str], str] = str) -> list[str]:
        """The lines the exit point prints, the consequence said by `say` (the language's `_`:
        this module lies below the one that speaks)."""
        text = str(self)
        return [f"vaultkit: {text}; {say(self.consequence)}" if self.consequence else f"vaultkit: {text}"]


class LocatedError(VaultkitError):
    """A problem tied to a place in a file: prints as `where:line: message`."""

    def __init__(self, where: str, line: int | None, message: str, exit_code: int | None = None):
        super().__init__(message, exit_code)
        self.where = where
        self.line = line
        self.message = message

    def __str__(self) -> str:
        place = self.where if self.line is None else f"{self.where}:{self.line}"
        return f"{place}: {self.message}"


class TemplateError(LocatedError):
    """A template (usually a vault's own override) cannot be loaded or rendered."""
