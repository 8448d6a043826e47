"""Nothing flooded: a big LinkedIn import leaves the agenda as it was, but for one line."""

import csv
import difflib
import io
import json
from datetime import date, timedelta

from click.testing import CliRunner

from vaultkit.cli import cli

TODAY = "2026-11-20"
FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Farid", "Greta", "Hannes", "Ines", "Jonas"]
LAST = ["Adler", "Brandt", "Conrad", "Dietz", "Ebert", "Fuchs", "Graf", "Horn", "Imhof", "Jäger"]


def linkedin_export(rows: int) -> str:
    """A Connections.csv as LinkedIn writes it: a notes preamble, then one row per connection."""
    out = io.StringIO()
    out.write(
        'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for number in range(rows):
        first = f"{FIRST[number % 10]}{number // 100 or ''}"
        last = f"{LAST[number // 10 % 10]}-{number % 7}"
        connected = date(2015, 1, 1) + timedelta(days=number * 7)
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{first.lower()}-{number}",
                f"{first.lower()}.{number}@example.org" if number % 3 == 0 else "",
                f"Firma {number % 40}",
                "Entwicklerin" if number % 2 else "Berater",
                connected.strftime("%d %b %Y"),
            ]
        )
    return out.getvalue()


def run(root, *args, **kwargs):
    return CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False, **kwargs)


def test_500_linkedin_connections_add_one_line_to_the_agenda_at_most(example, tmp_path):
    before = run(example, "agenda", "--today", TODAY).output
    export = tmp_path / "Connections.csv"
    export.write_text(linkedin_export(500), encoding="utf-8")
    summary = json.loads(run(example, "import", str(export), "--json", "--today", TODAY).output)
    assert len(summary["created"]) == 500, summary["skipped"][:3]
    after = run(example, "agenda", "--today", TODAY).output
    changed = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("+ ", "- "))
    ]
    added = [line for line in changed if line.startswith("+ ")]
    assert len(added) == 1 and len(changed) <= 2, changed
    assert "500" in added[0] or str(500 + _never_in_touch(before)) in added[0]


def _never_in_touch(agenda: str) -> int:
    for line in agenda.splitlines():
        words = line.split()
        if words and words[0].isdigit() and "touch" in line:
            return int(words[0])
    return 0


def test_the_connection_day_is_kept_and_is_no_interaction(example, tmp_path):
    export = tmp_path / "Connections.csv"
    export.write_text(linkedin_export(1), encoding="utf-8")
    run(example, "import", str(export), "--today", TODAY)
    note = (example / "People" / "Anna Adler-0.md").read_text()
    assert "connected: 2015-01-01" in note and "\nmet:\n" in note
    brief = run(example, "show", "Anna Adler-0", "--format", "json", "--today", TODAY)
    assert brief.exit_code == 0, brief.output
    assert json.loads(brief.stdout)["last_contact"] is None
