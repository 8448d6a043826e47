"""Keep the living reports current while notes change (watchdog glue).

Events only name paths; what a path holds is read from disk when a burst of events has died
down, so every editor's way of saving (write in place, temp file + rename, delete + create)
comes out the same. Only the notes that changed are read again; a change of the config
(`.vaultkit.toml`, or the Obsidian settings it takes templates folders and daily notes from)
re-reads all.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from vaultkit.config import CONFIG_NAME, ConfigError, load_config
from vaultkit.errors import TemplateError
from vaultkit.index import build_index, read_note, read_notes
from vaultkit.live.publish import PublishError, render_reports, write_reports
from vaultkit.model import Diagnostic, Note
from vaultkit.obsidian import DAILY_NOTES, PERIODIC_NOTES, TEMPLATER, TEMPLATES
from vaultkit.shipped import USER_TEMPLATES
from vaultkit.vault import is_note, note_paths

TEMPLATES_PREFIX = USER_TEMPLATES.as_posix() + "/"
RESCAN = "\0rescan"  # a folder moved or vanished: compare the vault with what is known
# The files `load_config` reads: a change of any of them is a change of the config.
CONFIG_FILES = frozenset((CONFIG_NAME, TEMPLATES, TEMPLATER, DAILY_NOTES, PERIODIC_NOTES))


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


class Watcher:
    def __init__(self, root: Path, clock: Callable[[], date], quiet: float = 0.3):
        self.root = root
        self.clock = clock
        self.quiet = quiet
        self.config = load_config(root)
        self.notes: dict[str, Note] = {}
        self.cache_notice: str | None = None  # what the last reading of every note said of the cache
        self.events: queue.Queue[str] = queue.Queue()

    def build_all(self) -> Rebuild:
        """Read the whole vault and render every report."""
        started = time.perf_counter()
        diagnostics = self._read_all()
        return self._publish(Rebuild(sorted(self.notes), diagnostics=diagnostics), started)

    def _read_all(self) -> list[Diagnostic]:
        """Every note, through the note cache as a one-shot run reads them: a start as fast as
        a warm run, and the cache kept for the runs beside the watcher."""
        notes, self.cache_notice = read_notes(self.root, self.config)
        self.notes = {note.path: note for note in notes}
        return [d for note in self.notes.values() for d in note.diagnostics]

    def serve(
        self,
        on_rebuild: Callable[[Rebuild], None],
        stop: threading.Event,
        watching: threading.Event | None = None,
    ) -> None:
        """Watch until `stop` is set, calling `on_rebuild` after each burst of changes; `watching`
        is set once every change from then on is seen."""
        observer = Observer()
        observer.schedule(_Handler(self), str(self.root), recursive=True)
        observer.start()
        if watching is not None:
            watching.set()
        try:
            while not stop.is_set():
                burst = self._next_burst(stop)
                if burst:
                    on_rebuild(self.apply(burst))
        finally:
            observer.stop()
            observer.join()

    def apply(self, paths: set[str]) -> Rebuild:
        """Take a set of changed vault-relative paths into account and re-render."""
        started = time.perf_counter()
        configs = sorted(paths & CONFIG_FILES)
        if not configs:
            return self._apply_notes(paths, started)
        others = paths - CONFIG_FILES
        try:
            self.config = load_config(self.root)
        except ConfigError as exc:
            # The notes that changed with it still count: read them with the config in use.
            rebuild = self._apply_notes(others, started) if others else Rebuild([])
            rebuild.config_changed = configs
            rebuild.config_problem = "; ".join(d.format() for d in exc.diagnostics)
            return rebuild
        return self._publish(
            Rebuild(sorted(others - {RESCAN}), configs, diagnostics=self._read_all()), started
        )

    def _apply_notes(self, paths: set[str], started: float) -> Rebuild:
        """Read again the notes among `paths`, and what a rescan finds changed; re-render."""
        paths = set(paths)
        if RESCAN in paths:
            paths.discard(RESCAN)
            present = set(note_paths(self.root, self.config))
            paths |= present ^ set(self.notes)
        notes = sorted(p for p in paths if not p.startswith(TEMPLATES_PREFIX))
        diagnostics: list[Diagnostic] = []
        for path in notes:
            if (self.root / path).is_file() and is_note(path, self.config):
                self.notes[path] = self._read(path)
                diagnostics.extend(self.notes[path].diagnostics)
            else:
                self.notes.pop(path, None)
        return self._publish(Rebuild(sorted(paths), diagnostics=diagnostics), started)

    def _publish(self, rebuild: Rebuild, started: float) -> Rebuild:
        index = build_index(str(self.root), [self.notes[p] for p in sorted(self.notes)])
        try:
            rendered = render_reports(index, self.config, self.clock(), self.root)
            outcome = write_reports(self.root, self.config, rendered)
            rebuild.written, rebuild.refused = outcome.written, outcome.refused
        except (TemplateError, PublishError) as exc:
            rebuild.problem = str(exc)
        rebuild.seconds = time.perf_counter() - started
        return rebuild

    def _read(self, path: str) -> Note:
        return read_note(self.root, path, self.config)

    def _next_burst(self, stop: threading.Event) -> set[str]:
        """The paths of one burst: events until none came for `quiet` seconds."""
        try:
            burst = {self.events.get(timeout=0.1)}
        except queue.Empty:
            return set()
        while not stop.is_set():
            try:
                burst.add(self.events.get(timeout=self.quiet))
            except queue.Empty:
                break
        return burst

    def relevant(self, absolute: str, is_directory: bool) -> str | None:
        """The vault-relative path an event concerns, or None when it cannot matter."""
        try:
            relative = Path(absolute).relative_to(self.root).as_posix()
        except ValueError:
            return None
        if relative in CONFIG_FILES or relative.startswith(TEMPLATES_PREFIX):
            return relative
        if is_directory:
            hidden = any(part.startswith(".") for part in PurePosixPath(relative).parts)
            inside_reports = relative == self.config.report_folder or relative.startswith(
                self.config.report_folder + "/"
            )
            return None if hidden or inside_reports else RESCAN
        return relative if is_note(relative, self.config) else None


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (
            event.is_directory and event.event_type in ("modified", "closed")
        ):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                relative = self.watcher.relevant(str(path), event.is_directory)
                if relative:
                    self.watcher.events.put(relative)
