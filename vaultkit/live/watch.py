"""Keep the living reports current while notes change, and answer queries in between.

Events only name paths; what a path holds is read from disk when a burst of events has died
down, so every editor's way of saving (write in place, temp file + rename, delete + create)
comes out the same. Only the notes that changed are read again, and only the contacts they name
are derived again (see `vaultkit.activity.Ledger`); a change of the config (`.vaultkit.toml`,
or the Obsidian settings it takes templates folders and daily notes from) re-reads all.

A query (see `vaultkit.live.server`) is answered in the same loop as the rebuilds, once its
cookie's event is seen: the changes before it are taken in at once, without waiting for the
burst to die down, and the reports follow when it has. In a large vault the reports made from
the whole network are drawn apart from the others, in a forked process (`vaultkit.live.apart`).
"""

from __future__ import annotations

import gc
import os
import queue
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from vaultkit import language
from vaultkit.activity import Activity, Ledger
from vaultkit.config import CONFIG_NAME, Config, ConfigError, load_config
from vaultkit.content import Content
from vaultkit.errors import TemplateError
from vaultkit.index import build_index, read_note, read_notes
from vaultkit.live import apart
from vaultkit.live.feed import KeptFeed
from vaultkit.live.protocol import COOKIES
from vaultkit.live.publish import (
    PUBLISHED,
    PublishError,
    Rendered,
    each_report,
    render_reports,
    write_reports,
)
from vaultkit.live.server import Query
from vaultkit.memory import give_back_free_memory
from vaultkit.model import Diagnostic, Index, Message, Note
from vaultkit.obsidian import DAILY_NOTES, PERIODIC_NOTES, TEMPLATER, TEMPLATES
from vaultkit.render.ics import forget_written_events
from vaultkit.shipped import USER_TEMPLATES
from vaultkit.vault import is_note, note_paths, without_cycle_collection

TEMPLATES_PREFIX = USER_TEMPLATES.as_posix() + "/"
COOKIES_PREFIX = COOKIES + "/"
COOKIE_WAIT = 3.0  # seconds a query waits for its cookie's event: as long as a client waits
RESCAN = "\0rescan"  # a folder moved or vanished: compare the vault with what is known
# The files `load_config` reads: a change of any of them is a change of the config.
CONFIG_FILES = frozenset((CONFIG_NAME, TEMPLATES, TEMPLATER, DAILY_NOTES, PERIODIC_NOTES))
# From this many contacts on, the reports made from the whole network are drawn apart from the
# others (`vaultkit.live.apart`): at 1,000 they take half a second, at 10,000 several.
DRAW_APART_FROM = 500


@dataclass
class Rebuild:
    # The notes and templates that changed; on the first build, every note read.
    changed: list[str]
    # The config files that changed: every note was read again, but did not change for that.
    config_changed: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    # Reports left as they were, each with why (a file vaultkit did not write, a link out).
    refused: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    problem: str | None = None  # the reports could not be rendered or written; the watcher carries on
    # Why the changed config could not be taken; the one before it is still in use.
    config_problem: str | None = None
    # The reports made from the whole network, drawn apart from the others after these changes.
    drawn: bool = False


class Watcher:
    """The vault's notes, index and activity, kept in memory and current with every change; the
    reports rewritten after each burst of changes, and queries answered in between."""

    def __init__(
        self,
        root: Path,
        clock: Callable[[], date],
        quiet: float = 0.3,
        asked_language: str | None = None,
        draw_apart_from: int | None = None,
        use_cache: bool = True,
    ):
        """`asked_language`: the `--lang` the watch was started with, if any; else the reports
        are in the config's language, or the user's (`vaultkit.language.chosen`).
        `draw_apart_from`: the contacts from which on the reports made from the whole network
        are drawn apart (where that is possible); DRAW_APART_FROM unless given. Not
        `use_cache` (`--no-cache`): every note is read afresh at the start, and nothing is
        kept in the vault's cache folder."""
        self.root = root
        self.clock = clock
        self.quiet = quiet
        self.asked_language = asked_language
        self._apart = apart.Apart() if apart.possible() else None
        self.draw_apart_from = DRAW_APART_FROM if draw_apart_from is None else draw_apart_from
        self.config = load_config(root)
        # Why the config on disk could not be taken: the one before it is still in use.
        self.config_problem: str | None = None
        self.notes: dict[str, Note] = {}
        self.index = build_index(str(root), [])
        self._ledger = Ledger(self.index, clock(), keep_derived=True)
        # What changed since the reports were last written, and whether every note was read again.
        self._unpublished: Rebuild | None = None
        self._everything_read = False
        self._rendered: Rendered = {}  # each report as last rendered, while no template changes
        self._feed = KeptFeed(root) if use_cache else None
        self.use_cache = use_cache
        # Counts every change taken in: an answer given for one generation holds for it alone.
        self.generation = 0
        self.cache_notice: Message | None = None  # what the last reading of every note said of the cache
        self.events: queue.Queue[str | Cookie | Query] = queue.Queue()
        self._observer: BaseObserver | None = None
        self._linked_watches: list[tuple[tuple[str, str], ObservedWatch]] = []  # (folder, target), its watch

    def build_all(self) -> Rebuild:
        """Read the whole vault and render every report. The calendar feed's events come from
        the cache where they are the same, and are kept in it for the next start."""
        started = time.perf_counter()
        self._unpublished = Rebuild(sorted(self._read_all()))
        self._everything_read = True
        rebuild = self._publish(started)
        self.keep_events()
        gc.freeze()  # what the first reports keep too, or the first change scans it all
        give_back_free_memory()
        return rebuild

    def keep_events(self) -> None:
        """Keep the calendar feed's events as written, for the next start."""
        if self._feed is not None and "ics" in self.config.reports:
            self._feed.keep()

    def take_config(self, config: Config) -> None:
        """`config`, equal to the one in use but for its warnings (a contacts folder made or
        removed since it was read)."""
        self.config = config
        self.generation += 1

    def activity(self) -> Activity:
        """Every contact's activity as of the clock's today."""
        return self._ledger.update(self.index, (), self.clock())

    def _read_all(self) -> list[str]:
        """Every note, through the note cache as a one-shot run reads them (unless
        `--no-cache`): a start as fast as a warm run, and the cache kept for the runs beside the
        watcher. The paths read."""
        notes, self.cache_notice = read_notes(self.root, self.config, self.use_cache)
        self.notes = {note.path: note for note in notes}
        self._take_in(None)
        give_back_free_memory()  # before the reports: what reading left free they would not reuse
        return list(self.notes)

    def _take_in(self, changed: set[str] | None) -> None:
        """The index and the activity made again after the notes at `changed` changed (None:
        after every note was read again)."""
        with without_cycle_collection():
            self.index = build_index(str(self.root), [self.notes[p] for p in sorted(self.notes)])
            if changed is None:
                self._ledger = Ledger(self.index, self.clock(), keep_derived=True)
            else:
                self._ledger.update(self.index, changed, self.clock())
        # What the watcher keeps has no reference cycles: frozen, the collector never scans it
        # again, neither while the reports are made nor while queries are answered; what is
        # replaced is still freed as soon as nothing refers to it. What has cycles (left by the
        # last answers) is collected first, so that it is not kept for good.
        if changed is not None:
            gc.collect()  # only what was made since the last freeze: a few milliseconds
        gc.freeze()
        self.generation += 1

    def _diagnostics(self, paths: Iterable[str]) -> list[Diagnostic]:
        return [d for path in paths if path in self.notes for d in self.notes[path].diagnostics]

    def observe(self) -> None:
        """Start seeing changes: from now on every change is queued, also those made while the
        first build reads the vault, and taken in once `serve` runs."""
        if self._observer is None:
            # A folder made while watchdog adds its watches (the cache's, at the first build) is
            # watched twice over; watchdog says so and takes the second, which is what it needs.
            warnings.filterwarnings("ignore", "Callback with id", RuntimeWarning, "watchdog")
            self._observer = Observer()
            self._observer.schedule(_Handler(self), str(self.root), recursive=True)
            self._watch_linked_folders()
            self._observer.start()

    def _watch_linked_folders(self) -> None:
        """watchdog does not follow links: a linked folder's notes are watched where they are.
        (Their events come on a watch of their own, in no order with a query's cookie: the
        answerer leaves such vaults to the command itself.)"""
        targets = self._linked_targets()
        if self._observer is None or targets == [watched for watched, _ in self._linked_watches]:
            return
        for _, watch in self._linked_watches:
            self._observer.unschedule(watch)
        self._linked_watches = [
            (
                (folder, target),
                self._observer.schedule(_Handler(self, folder, target), target, recursive=True),
            )
            for folder, target in targets
        ]

    def _linked_targets(self) -> list[tuple[str, str]]:
        """(vault folder, the folder outside the vault it links to) for `[contacts] linked_folders`."""
        root = os.path.realpath(self.root)
        found = []
        for folder in self.config.linked_folders:
            target = os.path.realpath(self.root / folder)
            if os.path.isdir(target) and os.path.commonpath((root, target)) != root:
                found.append((folder, target))
        return found

    def serve(
        self,
        on_rebuild: Callable[[Rebuild], None],
        stop: threading.Event,
        watching: Callable[[], None] | None = None,
        answer: Callable[[Query], None] | None = None,
    ) -> None:
        """Watch until `stop` is set, calling `on_rebuild` after each burst of changes and
        `answer` for each query (see `vaultkit.live.server`) once every change made before it
        is taken in; `watching` is called once every change from then on is seen."""
        # A run of one command leaves the cyclic collector off (`vaultkit.entry`); a watch runs
        # for days, and what its answers leave in cycles must not pile up.
        gc.enable()
        self.observe()
        if watching is not None:
            watching()
        burst: set[str] = set()
        quiet_from: float | None = None  # when the burst is over, unless more changes come
        cookies = _Cookies()
        try:
            while not stop.is_set():
                # Checked at every turn: a steady stream of queries must not hold the reports back.
                if quiet_from is not None and time.monotonic() >= quiet_from:
                    on_rebuild(self.apply(burst))
                    burst, quiet_from = set(), None
                    give_back_free_memory()
                if self._apart is not None and (drawn := self._apart.finished()) is not None:
                    on_rebuild(_as_rebuild(drawn))
                cookies.expire()
                wait = 0.1 if quiet_from is None else max(quiet_from - time.monotonic(), 0.0)
                try:
                    item = self.events.get(timeout=wait)
                except queue.Empty:
                    continue
                if isinstance(item, str):
                    burst.add(item)
                    quiet_from = time.monotonic() + self.quiet
                    continue
                ready = cookies.seen(item) if isinstance(item, Cookie) else cookies.asked(item)
                if ready is not None:
                    # Every change made before the query was sent is in the burst by now.
                    self.take_in(burst)
                    burst = set()
                    if answer is not None:
                        answer(ready)
                    else:
                        ready.refuse("this watcher answers no queries")
                    if self._unpublished is not None and quiet_from is None:
                        # The answer took in a change no event announced (the config read anew).
                        quiet_from = time.monotonic() + self.quiet
        finally:
            cookies.expire(everything=True)
            if self._apart is not None:
                self._apart.stop()
            if self._observer is not None:
                self._observer.stop()
                self._observer.join()
                self._observer, self._linked_watches = None, []
            self.keep_events()

    def apply(self, paths: set[str]) -> Rebuild:
        """Take a set of changed vault-relative paths into account and re-render."""
        started = time.perf_counter()
        self.take_in(paths)
        return self._publish(started)

    def take_in(self, paths: set[str]) -> None:
        """Read again what changed among `paths`; the reports are written by `apply`."""
        if not paths:
            return
        pending = self._unpublished or Rebuild([])
        self._unpublished = pending
        configs = paths & CONFIG_FILES
        if configs or any(path.startswith(TEMPLATES_PREFIX) for path in paths):
            self._rendered.clear()
        others = paths - CONFIG_FILES
        if configs:
            pending.config_changed = sorted({*pending.config_changed, *configs})
            try:
                self.config = load_config(self.root)
            except ConfigError as exc:
                # The notes that changed with it still count: read them with the config in use.
                pending.config_problem = "; ".join(d.format() for d in exc.diagnostics)
            else:
                pending.config_problem = None
            self.config_problem = pending.config_problem
            if self.config_problem is None:
                self._everything_read = True
                self._watch_linked_folders()  # linked_folders may have changed
                self._read_all()
                pending.changed = sorted({*pending.changed, *(others - {RESCAN})})
                return
        pending.changed = sorted({*pending.changed, *self._read_notes(others)})

    def _read_notes(self, paths: set[str]) -> set[str]:
        """Read again the notes among `paths`, and what a rescan finds changed; what changed."""
        paths = set(paths)
        if RESCAN in paths:
            paths.discard(RESCAN)
            present = set(note_paths(self.root, self.config))
            paths |= present ^ set(self.notes)
        notes = {p for p in paths if not p.startswith(TEMPLATES_PREFIX)}
        for path in notes:
            if (self.root / path).is_file() and is_note(path, self.config):
                self.notes[path] = read_note(self.root, path, self.config)
            else:
                self.notes.pop(path, None)
        if paths:
            self._take_in(notes)
        return paths

    def _publish(self, started: float) -> Rebuild:
        rebuild = self._unpublished or Rebuild([])
        self._unpublished = None
        # The config in use may say another language than the one the watch started with.
        language.use(language.chosen(self.asked_language, self.config.language, os.environ))
        # After every note was read again, what all of them say; else what the changed ones say.
        rebuild.diagnostics = self._diagnostics(
            sorted(self.notes) if self._everything_read else rebuild.changed
        )
        self._everything_read = False
        if rebuild.config_problem and not rebuild.changed:
            rebuild.seconds = time.perf_counter() - started
            return rebuild
        index, activity, config, root = self.index, self.activity(), self.config, self.root
        drawing_apart = self._draws_apart()
        try:
            # Each report written as soon as it is rendered: the agenda is not held back by the rest.
            for rendered in each_report(
                index,
                activity,
                config,
                root,
                self._rendered,
                drawn=False if drawing_apart else None,
                kept_feed=self._feed,  # at the first feed, also when the config asks for it later
            ):
                outcome = write_reports(root, config, rendered)
                rebuild.written.extend(outcome.written)
                rebuild.refused.update(outcome.refused)
        except (TemplateError, PublishError) as exc:
            rebuild.problem = str(exc)
        if drawing_apart and self._apart is not None and rebuild.problem is None:

            def write(rendered: dict[str, Content]) -> tuple[list[str], dict[str, str]]:
                outcome = write_reports(root, config, rendered)
                return outcome.written, outcome.refused

            self._apart.draw(lambda: self._drawn_in_child(index, activity, config), write)
        rebuild.seconds = time.perf_counter() - started
        return rebuild

    def _drawn_in_child(self, index: Index, activity: Activity, config: Config) -> dict[str, Content]:
        """The reports drawn apart, as the forked child draws them (`apart.Apart.draw`): it first
        lets go of what the watcher keeps for its next rebuilds, which the drawing never reads (the
        reports as last rendered, what they derived, the feed's events). The child's pages are its
        parent's, so what the drawing takes then fills the room they leave, not pages of its own:
        at 33,000 notes the child peaked at 206 MiB, 173 now, below the watcher's own peak."""
        self._rendered.clear()
        if activity.derived is not None:
            activity.derived.clear()
        forget_written_events()
        return render_reports(index, replace(activity, derived=None), config, self.root, drawn=True)

    def _draws_apart(self) -> bool:
        return (
            self._apart is not None
            and len(self.index.contacts) >= self.draw_apart_from
            and any(PUBLISHED[name].drawn for name in self.config.reports)
        )

    def drawn_apart(self) -> list[Rebuild]:
        """Wait until the reports being drawn apart are written; what was drawn since asked last."""
        return [_as_rebuild(drawn) for drawn in self._apart.wait()] if self._apart is not None else []

    def relevant(self, absolute: str, is_directory: bool) -> str | Cookie | None:
        """What an event concerns: a vault-relative path, a query's cookie, or None when it
        cannot matter."""
        try:
            relative = Path(absolute).relative_to(self.root).as_posix()
        except ValueError:
            return None
        if relative.startswith(COOKIES_PREFIX) and not is_directory:
            return Cookie(relative[len(COOKIES_PREFIX) :])
        if relative in CONFIG_FILES or relative.startswith(TEMPLATES_PREFIX):
            return relative
        if is_directory:
            hidden = any(part.startswith(".") for part in PurePosixPath(relative).parts)
            inside_reports = relative == self.config.report_folder or relative.startswith(
                self.config.report_folder + "/"
            )
            return None if hidden or inside_reports else RESCAN
        return relative if is_note(relative, self.config) else None


def _as_rebuild(drawn: apart.Drawn) -> Rebuild:
    return Rebuild(
        [],
        written=drawn.written,
        refused=drawn.refused,
        seconds=drawn.seconds,
        problem=drawn.problem,
        drawn=True,
    )


@dataclass(frozen=True)
class Cookie:
    """A file a client made in the cookie folder: its event comes after every change made
    before it, so a query waiting for it may be answered once it is seen."""

    name: str


class _Cookies:
    """The queries waiting for their cookie, and the cookies seen before their query came."""

    def __init__(self) -> None:
        self.waiting: dict[str, tuple[Query, float]] = {}
        self.early: dict[str, float] = {}

    def asked(self, query: Query) -> Query | None:
        if self.early.pop(query.cookie, None) is not None:
            return query
        self.waiting[query.cookie] = (query, time.monotonic())
        return None

    def seen(self, cookie: Cookie) -> Query | None:
        waiting = self.waiting.pop(cookie.name, None)
        if waiting is None:
            self.early.setdefault(cookie.name, time.monotonic())
            return None
        return waiting[0]

    def expire(self, everything: bool = False) -> None:
        """Give up on queries whose cookie never came (the client falls back to reading the
        vault itself), and forget cookies whose query never came."""
        now = time.monotonic()
        for name, (query, since) in list(self.waiting.items()):
            if everything or now - since > COOKIE_WAIT:
                del self.waiting[name]
                query.refuse("its cookie was never seen")
        for name, since in list(self.early.items()):
            if everything or now - since > COOKIE_WAIT:
                del self.early[name]


class _Handler(FileSystemEventHandler):
    """Hands each event that matters to the watcher; on a linked folder's own watch (`folder`
    links to `target`), its paths as the vault reads them, through the link."""

    def __init__(self, watcher: Watcher, folder: str | None = None, target: str | None = None):
        self.watcher = watcher
        self.folder = folder
        self.target = target

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (
            event.is_directory and event.event_type in ("modified", "closed")
        ):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and self.folder is not None and self.target is not None:
                within = os.path.relpath(os.fsdecode(path), self.target)
                path = os.path.join(self.watcher.root, self.folder, within) if within != "." else ""
            if path:
                relative = self.watcher.relevant(str(path), event.is_directory)
                if relative:
                    self.watcher.events.put(relative)
