import csv
import io
import json
from datetime import date, datetime

import click
import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING
from tests.golden import assert_golden
from tests.test_agenda import person
from vaultkit.cli import COMMANDS, cli
from vaultkit.render import templates as render

TODAY = ["--today", "2026-11-21"]
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "csv": "csv"}


def run(*args, vault=EXAMPLE_VAULT):
    return CliRunner().invoke(cli, ["--vault", str(vault), *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_stale_on_the_example_vault_matches_its_golden_file(fmt):
    result = run("stale", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"stale.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_tags_on_the_example_vault_matches_its_golden_file(fmt):
    result = run("tags", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"tags.{EXTENSIONS[fmt]}", result.stdout_bytes.decode("utf-8"))


def test_tags_json_counts_nested_tags_for_parents_and_finds_variants():
    document = json.loads(run("tags", *TODAY, "--format", "json").stdout)
    assert document["schema"] == "vaultkit.tags/1"
    by_tag = {t["tag"]: t for t in document["tags"]}
    assert by_tag["kunst"]["members"] == ["Anke Brandt", "Jürgen Hoffmann", "Marie Lefèvre", "Nadine Schulz"]
    assert (by_tag["kiel"]["count"], by_tag["kiel"]["overdue"], by_tag["kiel"]["last_interaction"]) == (
        13,
        2,
        "2026-11-18",
    )
    assert document["untagged"] == ["Ben Hughes", "Broken Example", "Greta Sand"]
    assert document["variants"] == [["Kiel", "kiel"]]


def test_stale_json_lists_groups_and_never_contacted():
    document = json.loads(run("stale", *TODAY, "--after", "6m", "--format", "json").stdout)
    assert (document["schema"], document["today"], document["after"]) == (
        "vaultkit.stale/1",
        "2026-11-21",
        "6m",
    )
    silent = {c["contact"]: c["days_silent"] for g in document["groups"] for c in g["contacts"]}
    assert silent == {
        "Dr. Hans Becker": 193,
        "Birgit Lange": 344,
        "Mark Ellis": 721,
        "Andreas König": 529,
        "Julia Neumann": 234,
        "Carla Jensen": 195,
    }
    assert document["never_contacted"] == ["Ben Hughes", "Broken Example", "Emily Carter", "Greta Sand"]


def test_stale_rejects_a_duration_it_cannot_read():
    result = run("stale", "--after", "soon")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--after': expected a duration like 10d, 2w, 1m, 1y or monthly, got 'soon'"
        in result.output
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(vault):
    root = vault(
        {
            "People/=HYPERLINK(1).md": person(circle="close", last_contact="2026-01-01")
            + "## Log\n- 2026-01-01 +call: @home -sick\n"
        }
    )
    rows = list(csv.reader(io.StringIO(run("stale", *TODAY, "--format", "csv", vault=root).stdout)))
    assert rows[1][1:3] == ["'=HYPERLINK(1)", "'=HYPERLINK(1)"]
    # No function, no reference: nothing a spreadsheet runs.
    assert rows[1][rows[0].index("last_topic")] == "+call: @home -sick"


@pytest.mark.parametrize("fmt", ["csv", "ics"])
def test_agenda_csv_and_ics_on_the_example_vault_match_their_golden_files(fmt):
    result = run("agenda", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"agenda.{fmt}", result.stdout_bytes.decode("utf-8"))


def test_agenda_csv_has_one_row_per_item():
    rows = list(csv.DictReader(io.StringIO(run("agenda", *TODAY, "--format", "csv").stdout)))
    document = json.loads(run("agenda", *TODAY, "--format", "json").stdout)
    assert [(r["kind"], r["contact"], r["date"]) for r in rows] == [
        (i["kind"], i["contact"], i["date"]) for i in document["items"]
    ]


def events(output):
    return {str(e["summary"]): e for e in Calendar.from_ical(output).walk("VEVENT")}


def test_agenda_ics_parses_with_icalendar_and_holds_every_kind_of_event():
    calendar = Calendar.from_ical(run("agenda", *TODAY, "--format", "ics").stdout_bytes)
    assert (str(calendar["version"]), str(calendar["method"])) == ("2.0", "PUBLISH")
    found = events(run("agenda", *TODAY, "--format", "ics").stdout_bytes)
    marie = found["Birthday: Marie Lefèvre"]
    assert (marie.decoded("dtstart"), marie["rrule"]["freq"]) == (date(1986, 7, 9), ["YEARLY"])
    assert found["Get in touch: Hans Becker"].decoded("dtstart") == date(2026, 11, 21)
    assert found["Follow up: Marie Lefèvre"].decoded("dtstart") == date(2026, 12, 1)
    meeting = found["Vernissage Planung (Anke Brandt, Jürgen Hoffmann, Marie Lefèvre)"]
    assert meeting.decoded("dtstart") == date(2026, 11, 27)
    assert len({str(e["uid"]) for e in found.values()}) == len(found)
    # Every birthday recurs, not only the ones within --days; archived contacts have none.
    assert "Birthday: Priya Nair" in found and "Birthday: Michael Braun" not in found


def test_a_29_february_birthday_falls_on_28_february_in_other_years():
    katrin = events(run("agenda", *TODAY, "--format", "ics").stdout_bytes)["Birthday: Katrin Vogel"]
    rule = rrulestr(katrin["rrule"].to_ical().decode(), dtstart=datetime(1988, 2, 29))
    assert [day.date() for day in rule[:4]] == [
        date(1988, 2, 29),
        date(1989, 2, 28),
        date(1990, 2, 28),
        date(1991, 2, 28),
    ]


def test_an_event_on_the_calendar_s_last_day_lasts_that_day(vault):
    root = vault({"People/A.md": person(next_contact="9999-12-31")})
    result = run("agenda", "--today", "9999-12-25", "--format", "ics", vault=root)
    follow_up = events(result.stdout_bytes)["Follow up: A"]
    assert follow_up.decoded("dtstart") == date(9999, 12, 31) and "dtend" not in follow_up


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "--format", "text"],
        ["agenda", "--format", "json"],
        ["agenda", "--format", "ics"],
        ["show", "Edge"],
        ["show", "Edge", "--format", "json"],
        ["stale"],
        ["tags"],
        ["layers"],
        ["report"],
    ],
)
def test_a_birthday_on_the_calendar_s_last_day_leaves_every_report_working(example, args):
    (example / "People/Edge.md").write_text("---\nname: Edge\nbirthday: 9999-12-31\n---\n", encoding="utf-8")
    assert run(*args, *TODAY, vault=example).exit_code == 0


def test_ics_uids_stay_the_same_when_the_dates_move(vault):
    root = vault(
        {
            "People/A.md": person(circle="close", last_contact="2026-10-01", birthday="1980-12-01"),
            "Daily/2026-11-20.md": "- [ ] call [[A]] about the boat 📅 2026-11-25\n",
        }
    )
    before = {
        e["summary"]: str(e["uid"])
        for e in events(run("agenda", *TODAY, "--format", "ics", vault=root).stdout_bytes).values()
    }
    note = root / "Daily/2026-11-20.md"
    note.write_text("Intro line.\n- [ ] call [[A]] about the boat 📅 2026-11-27\n", encoding="utf-8")
    later = run("agenda", "--today", "2026-11-23", "--format", "ics", vault=root).stdout_bytes
    after = {e["summary"]: str(e["uid"]) for e in events(later).values()}
    assert set(before) == {"Birthday: A", "Get in touch: A", "Follow up: A"}
    assert after == before


def test_ics_is_only_offered_for_the_agenda():
    result = run("stale", "--format", "ics")
    assert result.exit_code == 2
    assert "'ics' is not one of" in result.output


def test_a_template_in_the_vault_overrides_the_shipped_one(vault):
    root = vault(
        {
            "People/A.md": person(circle="close", last_contact="2026-01-01"),
            ".vaultkit/templates/stale.txt.j2": "{% for g in stale.groups %}{% for c in g.contacts %}"
            "{{ c.name }} has been quiet for {{ c.days_silent }} days\n"
            "{% endfor %}{% endfor %}",
        }
    )
    assert run("stale", *TODAY, vault=root).stdout == "A has been quiet for 324 days\n"
    assert run("stale", *TODAY, "--format", "markdown", vault=root).stdout.startswith(
        "---\ngenerated_by: vaultkit\nreport: stale\nreport_date: 2026-11-21\n---\n# Stale contacts"
    )


@pytest.mark.parametrize("before", ["", '{% set e = "" %}{{ e }}'])
def test_a_user_template_s_long_front_matter_gets_vaultkit_s_mark_in_it(vault, before):
    """Made in pieces, a report still has one front matter, however long the template makes
    it and whatever the template writes first (an empty value, a value made whole)."""
    long = "x" * 300_000
    root = vault(
        {
            "People/A.md": person(circle="close", last_contact="2026-01-01"),
            ".vaultkit/templates/stale.md.j2": before
            + '{{ "---\ntitle: mine\nnote: " ~ "'
            + long
            + '" ~ "\n---\n" }}body\n',
        }
    )
    text = run("stale", *TODAY, "--format", "markdown", vault=root).stdout
    assert (
        text
        == f"---\ngenerated_by: vaultkit\nreport: stale\nreport_date: 2026-11-21\ntitle: mine\nnote: {long}\n---\nbody\n"
    )


@pytest.mark.parametrize(
    "template, line, message",
    [
        ("Stale\n{% for g in stale.groups %}\n", 2, "Unexpected end of template"),
        ("Stale\n\n{{ stale.nothing_here }}\n", 3, "has no attribute 'nothing_here'"),
        ("Stale\n{{ stale.today + 1 }}\n", 2, "unsupported operand type(s) for +"),
        ("Stale\n{{ stale.__class__.__mro__ }}\n", 2, "access to attribute '__class__'"),
    ],
)
def test_a_broken_user_template_names_the_template_and_line(vault, template, line, message):
    root = vault({"People/A.md": person(), ".vaultkit/templates/stale.txt.j2": template})
    result = CliRunner().invoke(cli, ["--vault", str(root), "stale", *TODAY])
    assert result.exit_code == 2
    where = root / ".vaultkit" / "templates" / "stale.txt.j2"
    assert result.output.startswith(f"vaultkit: {where}:{line}: template error: ")
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["agenda", "stale", "tags"])
def test_output_writes_the_report_to_a_file_atomically(tmp_path, command):
    target = tmp_path / f"{command}.csv"
    target.write_text("old", encoding="utf-8")
    result = run(command, *TODAY, "--format", "csv", "--output", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", EXAMPLE_WARNING)
    assert target.read_bytes().decode("utf-8") == run(command, *TODAY, "--format", "csv").stdout_bytes.decode(
        "utf-8"
    )
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_output_through_a_symlink_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "agenda.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("agenda", *TODAY, "--output", str(link)).stdout == ""
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == run("agenda", *TODAY).stdout


# Every command that takes --output, with the arguments it needs besides.
WITH_OUTPUT = {
    "agenda": [],
    "show": ["Priya Nair"],
    "stale": [],
    "tags": [],
    "intros": [],
    "path": ["Priya Nair"],
    "hubs": [],
    "event": [str(EXAMPLE_VAULT / "Events" / "kulturabend-attendees.txt")],
    "balance": [],
    "give": [],
    "layers": [],
    "reconnect": ["Mark Ellis"],
    "goals": [],
    "meetup": [],
    "export": ["--format", "csv"],
    "dashboard": [],
}
# Without --output these write a file, not to standard output (tests/test_dashboard.py).
WRITES_A_FILE = {"dashboard"}


def test_every_command_with_output_is_covered_by_the_output_tests():
    context = click.Context(cli)
    commands = {
        name for name in COMMANDS if "output" in {p.name for p in cli.get_command(context, name).params}
    }
    assert commands == set(WITH_OUTPUT)


@pytest.mark.parametrize("command", [command for command in WITH_OUTPUT if command not in WRITES_A_FILE])
def test_output_dash_prints_to_standard_output(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    printed = run(command, *WITH_OUTPUT[command], *TODAY).stdout
    assert run(command, *WITH_OUTPUT[command], *TODAY, "-o", "-").stdout == printed
    assert list(tmp_path.iterdir()) == []


def test_output_dot_slash_dash_is_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("tags", *TODAY, "--output", "./-").stdout == ""
    assert (tmp_path / "-").read_text(encoding="utf-8") == run("tags", *TODAY).stdout


@pytest.mark.parametrize("command", WITH_OUTPUT)
def test_output_into_a_missing_folder_is_a_clear_error(tmp_path, command):
    target = tmp_path / "no" / "out.txt"
    result = CliRunner().invoke(
        cli, ["--vault", str(EXAMPLE_VAULT), command, *WITH_OUTPUT[command], *TODAY, "--output", str(target)]
    )
    assert (result.exit_code, result.stderr.removeprefix(EXAMPLE_WARNING)) == (
        2,
        f"vaultkit: cannot write {target}: No such file or directory\n",
    )


def test_counts_of_one_are_singular():
    assert (
        run("agenda", *TODAY, "--days", "1").stdout.splitlines()[0] == "Agenda for Sat 2026-11-21, next 1 day"
    )
    assert (
        run("agenda", *TODAY, "--days", "2", "--format", "markdown").stdout.splitlines()[7] == "Next 2 days."
    )


def test_text_columns_line_up_for_wide_and_combining_characters(vault):
    names = ("王小明", "Ann", "Zoe\u0308", "Party 🎉")  # Zoë with a combining diaeresis
    root = vault({f"People/{name}.md": person(circle="close", last_contact="2026-01-01") for name in names})
    lines = [line for line in run("stale", *TODAY, vault=root).stdout.splitlines() if "days silent" in line]
    assert len(lines) == 4
    assert len({render.columns(line.split("324 days silent")[0]) for line in lines}) == 1


def test_columns_counts_terminal_cells():
    assert [
        render.columns(text)
        for text in ("Ann", "王小明", "🎉", "Zoe\u0308", "a\u200db", "Jürgen Groß", "Ærøskøbing", "Jü王")
    ] == [3, 6, 2, 3, 2, 11, 10, 4]


def test_a_report_template_that_is_not_utf8_or_breaks_is_a_message_for_agenda_and_report(vault):
    root = vault(
        {"People/A.md": "---\nbirthday: --11-25\n---\n", ".vaultkit/templates/agenda.txt.j2": b"\xff\xfe"}
    )
    agenda = CliRunner().invoke(cli, ["--vault", str(root), "agenda", "--today", "2026-11-21"])
    assert agenda.exit_code == 2
    assert agenda.output.startswith("vaultkit: template agenda.txt.j2: cannot read it: ")
    (root / ".vaultkit/templates/agenda.md.j2").write_text("{{ nope(")
    report = CliRunner().invoke(cli, ["--vault", str(root), "report", "--today", "2026-11-21"])
    assert report.exit_code == 2
    assert report.output.startswith("vaultkit: ") and "agenda.md.j2:1: template error" in report.output
