"""What every command shares: the vault it runs on, its config and index, loaded once."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..config import Config, load_config
from ..index import find_vault, load_index
from ..model import Index
from .errors import UserError  # noqa: F401 (commands import it from here)


@dataclass
class Session:
    explicit_vault: str | None
    env_vault: str | None
    use_cache: bool = True
    _root: Path | None = field(default=None, init=False)
    _config: Config | None = field(default=None, init=False)
    _index: Index | None = field(default=None, init=False)

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = find_vault(Path.cwd(), self.explicit_vault, self.env_vault)
        return self._root

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.root)
        return self._config

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = load_index(self.root, self.config, use_cache=self.use_cache)
            # The index lives until the command ends: keep the cyclic collector from scanning
            # it again each time a report allocates.
            gc.freeze()
            for notice in self._index.notices:
                click.echo(f"vaultkit: {notice}", err=True)
        return self._index
