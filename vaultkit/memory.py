"""Memory a run no longer uses, handed back to the system.

Python returns freed objects to the C allocator, which keeps the space for later: once a large
vault is read, and after each rebuild of a watch, megabytes lie free inside the process's heap
(the notes' pickles, what parsing dropped) and still count as its memory, while what comes next
takes new memory of Python's own. glibc's `malloc_trim` gives the unused pages back (on other
systems nothing is done)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache


def give_back_free_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: a run that prints kept output never needs it

    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # None on a C library without it (musl)
    except OSError:
        return None
