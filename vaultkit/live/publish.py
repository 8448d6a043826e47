"""Living reports: render the configured reports into the vault's report folder.

Each report becomes a Markdown note with front matter that marks it as generated; a file is
written (atomically) only when its content changed, so git sees no churn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vaultkit.activity import Activity, gather
from vaultkit.atomic import replace
from vaultkit.config import Config
from vaultkit.errors import VaultkitError
from vaultkit.index import incomplete_contacts
from vaultkit.model import Index
from vaultkit.render import render
from vaultkit.reports.agenda import agenda
from vaultkit.reports.stale import stale
from vaultkit.reports.tags import tags


@dataclass(frozen=True)
class Published:
    """One report the `report` command can write: a note or a feed in the report folder."""

    name: str  # as `[report] reports` names it
    file_name: str
    template: str  # the report whose result it renders
    build: Callable[[Index, Activity, Config], Any]


PUBLISHED = {
    report.name: report
    for report in (
        Published("agenda", "Agenda.md", "agenda", agenda),
        Published("stale", "Stale.md", "stale", stale),
        Published("tags", "Tags.md", "tags", tags),
        Published("ics", "vaultkit.ics", "agenda", agenda),
    )
}


def render_reports(index: Index, config: Config, today: date, root: Path) -> dict[str, str]:
    """{vault-relative path: content} of every configured report, from one derived activity."""
    activity = gather(index, today)
    incomplete = incomplete_contacts(index)
    rendered = {}
    for name in config.reports:
        report = PUBLISHED[name]
        result = report.build(index, activity, config)
        path = f"{config.report_folder}/{report.file_name}"
        fmt = "ics" if report.file_name.endswith(".ics") else "markdown"
        rendered[path] = render(result, report.template, fmt, root, today=today, incomplete=incomplete)
    return rendered


class PublishError(VaultkitError):
    """A report cannot be written: the report folder is in the way or not writable."""


def write_reports(root: Path, folder: str, rendered: dict[str, str]) -> list[str]:
    """Write each report whose content changed into `folder` (made if missing); return the paths
    written."""
    written = []
    for relative, text in rendered.items():
        path = root / relative
        data = text.encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == data:
                continue
            _make_folder(root, folder)
            replace(path, data)
        except OSError as exc:
            raise PublishError(f"cannot write {relative}: {exc.strerror or exc}") from None
        written.append(relative)
    return written


def _make_folder(root: Path, folder: str) -> None:
    try:
        (root / folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PublishError(f"[report] folder {folder!r} is a file, not a folder") from None
    except NotADirectoryError:
        raise PublishError(f"[report] folder {folder!r} lies below a file, not a folder") from None
    except OSError as exc:
        raise PublishError(f"cannot create [report] folder {folder!r}: {exc.strerror or exc}") from None
