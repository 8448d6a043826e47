"""Living reports: render the configured reports into the vault's report folder.

Each report becomes a Markdown note with front matter that marks it as generated; a file is
written (atomically) only when its content changed, so git sees no churn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .atomic import replace
from .config import Config
from .model import Index
from .render import render_template
from .reports.agenda import agenda

GENERATED_BY = "vaultkit"


@dataclass(frozen=True)
class Published:
    """One report the `report` command can write: a note or a feed in the report folder."""

    name: str
    file_name: str
    build: Callable[[Index, Config, date], Any]


PUBLISHED = {
    report.name: report
    for report in (
        Published("agenda", "Agenda.md", lambda index, config, today: agenda(index, config, today)),
    )
}


def render_reports(index: Index, config: Config, today: date, root: Path) -> dict[str, str]:
    """{vault-relative path: content} of every configured report."""
    rendered = {}
    for name in config.reports:
        report = PUBLISHED.get(name)
        if report is None:
            continue
        result = report.build(index, config, today)
        body = render_template(f"{name}.md.j2", root, **{name: result})
        path = f"{config.report_folder}/{report.file_name}"
        rendered[path] = _front_matter(name, today) + body
    return rendered


def write_reports(root: Path, rendered: dict[str, str]) -> list[str]:
    """Write each report whose content changed; return the paths written."""
    written = []
    for relative, text in rendered.items():
        path = root / relative
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        replace(path, data)
        written.append(relative)
    return written


def _front_matter(name: str, today: date) -> str:
    return (f"---\ngenerated_by: {GENERATED_BY}\nreport: {name}\nreport_date: {today.isoformat()}\n"
            "---\n")  # fmt: skip
