"""`vaultkit dashboard`: the agenda, the pictures and the give and take in one HTML file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import today_option, write_output
from vaultkit.cli.session import Session
from vaultkit.language import N_, _


@click.command(
    "dashboard",
    help=N_(
        "Write the dashboard: one HTML file to open in a browser, which needs no network.\n\n"
        "It shows the agenda, your network (zoom with the wheel or the buttons, drag to move; "
        "point at a person to read their brief), your circles against Dunbar's layers, the year "
        "week by week, and the give and take. It goes into the report folder as Dashboard.html "
        "unless --output names another file; a file that is not a dashboard vaultkit wrote is "
        "never written over."
    ),
)
@today_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help=N_("Write to FILE (atomically) instead of [report] folder/Dashboard.html; - is standard output."),
)
@click.pass_obj
def command(session: Session, today: date, output: str | None) -> None:
    from vaultkit.live.publish import DASHBOARD_FILE, write_dashboard
    from vaultkit.render.dashboard import dashboard_html

    page = dashboard_html(session.index, session.activity(today), session.config, session.root)
    session.tell_reading_problems()
    if output == "-":
        write_output(page, None)
        return
    # Said as `report` says its files: the default one by its place in the vault.
    shown = output or f"{session.config.report_folder}/{DASHBOARD_FILE}"
    path = Path(output) if output else session.root / shown
    written = write_dashboard(session.root, session.config, path, page)
    click.echo((_("wrote {path}") if written else _("unchanged {path}")).format(path=shown))
    click.echo(_("Open it in a browser: {url} (it needs no network)").format(url=path.resolve().as_uri()))
