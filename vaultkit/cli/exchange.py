"""`vaultkit export` (and, with the edit machinery, `vaultkit import`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ..atomic import replace
from .output import resolve_today, today_option
from .session import Session


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["vcard", "csv", "json"]), required=True,
              help="vcard: vCard 4.0, one card per contact; csv: one row per contact; "
                   "json: the whole index (vaultkit.export/1).")  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (atomically) instead of standard output.")
@today_option
@click.pass_obj
def export_command(session: Session, fmt: str, output: Path | None, today: date | None) -> None:
    """Export every contact as vCard, CSV or JSON."""
    from ..exchange.export import to_csv, to_json, to_vcard

    index, day = session.index, resolve_today(today)
    if fmt == "vcard":
        text = to_vcard(index)
    elif fmt == "csv":
        text = to_csv(index, day)
    else:
        text = json.dumps(to_json(index, day), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        replace(output, text.encode("utf-8"))
