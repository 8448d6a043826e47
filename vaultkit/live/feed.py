"""The calendar feed's events, kept in the vault's cache from one run to the next: writing every
event of a large vault's feed afresh takes seconds (icalendar takes about a millisecond an
event), and the next feed has most of them unchanged. A watch takes them when it starts and
keeps them after its rebuilds; a run of one command that makes the feed does the same."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from vaultkit.cache.events import keep_events, kept_events
from vaultkit.render.ics import forget_written_events, take_written_events, written_events


class KeptFeed:
    """The events of the vault at `root` as its cache keeps them."""

    def __init__(self, root: Path):
        self.root = root
        self._kept = _which(())  # which events the cache holds
        self._taken = False

    def take(self) -> None:
        """Use the kept events for the next feed made, instead of writing them again; once: after
        that, the feeds made keep their own events in memory."""
        if self._taken:
            return
        self._taken = True
        kept = kept_events(self.root)
        take_written_events(kept)
        self._kept = _which(kept)

    def keep(self) -> None:
        """Keep the events of the feeds last made, unless the cache holds those already:
        writing them costs as much memory again for a moment."""
        events = written_events()
        if _which(events) != self._kept:
            keep_events(self.root, events)
            self._kept = _which(events)

    def let_go(self) -> None:
        """Keep the events as `keep` does, then let go of them, as a run of one command can once
        its feed is written: 7 MiB at 33,000 notes, held while `report` draws the network."""
        self.keep()
        forget_written_events()


def _which(events: Iterable[str]) -> bytes:
    """Which events these are, by their digests (each names its event's text): one digest of
    them all, not a copy of each (15,700 at 33,000 notes)."""
    return hashlib.sha256("\0".join(sorted(events)).encode()).digest()
