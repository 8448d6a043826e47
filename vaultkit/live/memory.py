"""Memory a watcher no longer uses, handed back to the system.

Python returns freed objects to the C allocator, which keeps the space for later: after the
first reading of a large vault, and after each rebuild, tens of megabytes lie free inside the
process's heap and still count as its memory. glibc's `malloc_trim` gives the unused pages back
(on other systems nothing is done)."""

from __future__ import annotations

import ctypes
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
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # None on a C library without it (musl)
    except OSError:
        return None
