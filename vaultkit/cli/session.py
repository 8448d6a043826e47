"""What every command shares: the vault it runs on, its config, index and kept output, loaded once."""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultkit.cache import outputs as outputcache
from vaultkit.config import Config, load_config
from vaultkit.content import Content, Spool, replayable
from vaultkit.language import _, n_, number
from vaultkit.memory import give_back_free_memory
from vaultkit.model import Index
from vaultkit.place import VAULT_MARKERS, find_vault, is_marked
from vaultkit.vault import Files, scan, without_cycle_collection
from vaultkit.words import counted, listed, printable

if TYPE_CHECKING:
    from vaultkit.activity import Activity
    from vaultkit.edit import PropertyTypes


def reading_problems(index: Index, config: Config, named: set[str]) -> list[str]:
    """What every answer must say it could not read: notes with errors (but those `named`
    already, each problem on its own line), or no contacts at all."""
    problems = []
    left_out = {path for paths in index.left_out.values() for path in paths}
    broken = sorted({d.path for d in index.diagnostics if d.severity == "error"} - left_out - named)
    if left_out - named:
        paths = sorted(left_out - named)
        problems.append(
            n_(
                "{count} contact note left out for having another contact's file name: {notes} "
                "(vaultkit check says which)",
                "{count} contact notes left out for having another contact's file name: {notes} "
                "(vaultkit check says which)",
                len(paths),
            ).format(count=number(len(paths)), notes=listed(paths, limit=3))
        )
    if broken:
        problems.append(
            n_(
                "{count} note could not be read completely, so what it holds may be missing or wrong "
                "here: {notes} (vaultkit check says why)",
                "{count} notes could not be read completely, so what they hold may be missing or wrong "
                "here: {notes} (vaultkit check says why)",
                len(broken),
            ).format(count=number(len(broken)), notes=listed(broken, limit=3))
        )
    if not index.contacts:
        problems.append(_no_contacts(index, config))
    return problems


def _no_contacts(index: Index, config: Config) -> str:
    if not index.files:
        return _("no contacts found: the vault has no notes")
    ways = [_("in {folder}/").format(folder=folder) for folder in config.contact_folders]
    ways += [_("tagged #{tag}").format(tag=tag.lstrip("#")) for tag in config.contact_tags]
    ways += [
        _("with categories {category}").format(category=category) for category in config.contact_categories
    ]
    if not ways:
        return _("no contacts found: the config names no contacts folder, tag or category")
    return _(
        "no contacts found in {notes}: a contact is a note {ways} (see 'Your existing vault' in the README)"
    ).format(notes=counted(index.files, "note", "notes"), ways=listed(ways, "or"))


@dataclass(frozen=True)
class Terminal:
    """What a report's text depends on of where it goes: whether standard output is a terminal,
    the environment (NO_COLOR, COLUMNS), and the terminal's width, asked only when needed."""

    stdout_tty: bool
    environment: Mapping[str, str]
    columns: Callable[[], int]

    @classmethod
    def of_this_process(cls) -> Terminal:
        return cls(sys.stdout.isatty(), os.environ, lambda: shutil.get_terminal_size().columns)


# What a run printed, kept for the next run that asks the same: the content and the warnings.
Kept = dict[str, tuple[Content, tuple[str, ...]]]


@dataclass
class Session:
    explicit_vault: str | None
    env_vault: str | None
    use_cache: bool = True
    terminal: Terminal = field(default_factory=Terminal.of_this_process)
    clock: Callable[[], date] = date.today
    # Output kept in memory, by a running `watch` for the state its index is in; None: output is
    # kept in the vault's cache folder.
    kept: Kept | None = None
    _root: Path | None = field(default=None, init=False)
    _config: Config | None = field(default=None, init=False)
    _config_told: bool = field(default=False, init=False)
    _files: Files | None = field(default=None, init=False)
    _index: Index | None = field(default=None, init=False)
    _state: str | None = field(default=None, init=False)  # "": no output may be kept or reused
    _activity: Activity | None = field(default=None, init=False)
    _property_types: PropertyTypes | None = field(default=None, init=False)
    # What this run said on standard error about its output, kept and said again with it.
    _warnings: list[str] = field(default_factory=list, init=False)
    _named_notes: set[str] = field(default_factory=set, init=False)
    # Whether to name the config's warnings; `check` lists them with the rest.
    tell_config_warnings: bool = True
    # The notes and folders that are symbolic links, when a command asks the walk for them (`check`).
    links: list[str] | None = None

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = find_vault(Path.cwd(), self.explicit_vault, self.env_vault)
            if not (self.explicit_vault or self.env_vault or is_marked(self._root)):
                # Most likely a command run outside any vault: read the folder, but leave no
                # cache behind in it (the home folder, say, or /).
                self.use_cache = False
                click.echo(
                    _(
                        "vaultkit: no {markers} in {folder} or above; reading this folder as the vault, "
                        "without a cache (vaultkit init makes it one)"
                    ).format(markers=listed(VAULT_MARKERS, "or"), folder=self._root),
                    err=True,
                )
        return self._root

    @classmethod
    def served(
        cls,
        root: Path,
        config: Config,
        index: Index,
        activity: Activity,
        terminal: Terminal,
        today: date,
        kept: Kept,
    ) -> Session:
        """A session over what a running `watch` holds in memory, for a query it answers."""
        session = cls(None, None, use_cache=False, terminal=terminal, clock=lambda: today, kept=kept)
        session._root, session._config, session._index, session._activity = root, config, index, activity
        return session

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.root)
        if not self._config_told:
            self._config_told = True
            if self.tell_config_warnings:
                for warning in self._config.warnings:
                    click.echo(
                        printable(f"vaultkit: {warning.path}:{warning.line}: {warning.message}"), err=True
                    )
        return self._config

    @property
    def files(self) -> Files:
        """The notes with their stamps, from one walk of the vault per run (let go once the
        index and the output's state have what they need of it: see `index`)."""
        if self._files is None:
            self._files = scan(self.root, self.config, self.links)
        return self._files

    @property
    def index(self) -> Index:
        if self._index is None:
            from vaultkit.index import load_index  # the parser, when notes are read

            root = self.root  # first: finding it may turn the cache off
            with without_cycle_collection():
                self._index = load_index(root, self.config, use_cache=self.use_cache, files=self.files)
                # The index lives until the command ends: frozen before the collector is back
                # on, it is never scanned, neither at once nor each time a report allocates.
                gc.freeze()
            # The walk has told the index all it needs: its paths and stamps (11 MiB at 33,000
            # notes) can go to the reports. What output may be kept is asked before the index is
            # loaded (see `emit`); a command that asks only later keeps none (`_output_key`).
            self._files = None
            give_back_free_memory()  # at 33,000 notes parsed, 8 MiB the reports would not reuse
            for notice in self._index.notices:
                click.echo(printable(f"vaultkit: {notice}"), err=True)
        return self._index

    def activity(self, today: date) -> Activity:
        """The activity of every contact as of `today`, derived once for the whole run."""
        if self._activity is None or self._activity.today != today:
            from vaultkit.activity import gather

            self._activity = gather(self.index, today)
        return self._activity

    @property
    def property_types(self) -> PropertyTypes:
        """The types Obsidian gives properties in this vault; a file it cannot use is named once."""
        if self._property_types is None:
            from vaultkit.edit import property_types  # the writer, only for commands that write

            self._property_types = property_types(self.root)
            if self._property_types.problem:
                click.echo(printable(f"vaultkit: {self._property_types.problem}"), err=True)
        return self._property_types

    def tell_reading_problems(self) -> None:
        """Warn of what a report could not read: notes with errors, or no contacts at all."""
        for problem in reading_problems(self.index, self.config, self._named_notes):
            self.warn(problem)

    def named_note(self, path: str) -> None:
        """The note at `path` has been warned about on its own: it need not be counted again."""
        self._named_notes.add(path)

    def warn(self, message: str) -> None:
        """Say on standard error what this run's output cannot show. It is kept with the
        output: every run that prints that output again says it again."""
        self._warnings.append(message)
        click.echo(printable(f"vaultkit: {message}"), err=True)

    def earlier_output(self, request: str) -> Content | None:
        """What an earlier run printed for `request` on a vault in the same state, if kept;
        what that run warned about is said again."""
        if self.kept is not None:
            self.config  # noqa: B018 (its warnings are said first, as a run that reads the cache does)
            kept = self.kept.get(request)
        else:
            key = self._output_key(request)
            kept = outputcache.find(self.root, key) if key else None
        if kept is None:
            return None
        text, warnings = kept
        for warning in warnings:
            self.warn(warning)
        return text

    def keep_output(self, request: str, output: Content | Iterator[bytes]) -> Content | Iterator[bytes]:
        """Keep `output` for the next run that asks `request` of the vault in the same state;
        what is to be printed now (pieces still to be made, spooled as they are: see
        `outputcache.spooled`)."""
        if self.kept is not None:
            kept = self.kept[request] = (replayable(output), tuple(self._warnings))
            return kept[0]
        key = self._output_key(request)
        if not key:
            return output
        if not isinstance(output, (str, tuple, Spool)):
            output = outputcache.spooled(self.root, output)
        outputcache.keep(self.root, key, output, tuple(self._warnings))
        return output

    def _output_key(self, request: str) -> str | None:
        root = self.root  # first: finding it may turn the cache off
        if not self.use_cache:
            return None
        if self._state is None and self._index is not None:
            # The walk the index was read from is gone: a walk now might see a later state,
            # and the output made from the index would be kept for that.
            self._state = ""
        if self._state is None:
            self._state = outputcache.vault_state(root, self.config, self.files) or ""
        return outputcache.output_key(self._state, request) if self._state else None
