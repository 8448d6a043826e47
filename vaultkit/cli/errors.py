"""The one exception commands raise for a problem the user can fix."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (bad argument, unknown name); printed without a traceback."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code
