import json

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING, meeting, person
from tests.golden import assert_golden
from vaultkit.cli import cli

TODAY = ["--today", "2026-11-21"]


def run(*args):
    return CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt, extension", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_agenda_on_the_example_vault_matches_its_golden_file(fmt, extension):
    result = run("agenda", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"agenda.{extension}", result.stdout)


@pytest.mark.parametrize("fmt, extension", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_show_on_the_example_vault_matches_its_golden_file(fmt, extension):
    result = run("show", "jurgen", *TODAY, "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"show.{extension}", result.stdout)


KINDS = (
    "overdue",
    "missed_follow_up",
    "due",
    "drifting",
    "introduced",
    "follow_up",
    "birthday",
    "anniversary",
    "met",
    "occasion",
    "meeting",
)


def test_agenda_json_follows_the_contract():
    document = json.loads(run("agenda", *TODAY, "--days", "7", "--format", "json").stdout)
    assert document["schema"] == "vaultkit.agenda/1"
    assert (document["today"], document["days"]) == ("2026-11-21", 7)
    for item in document["items"]:
        assert set(item) >= {"kind", "contact", "date", "reason", "talking_points"}
        assert item["kind"] in KINDS
    assert all(
        item["date"] <= "2026-11-28"
        for item in document["items"]
        if item["kind"] not in ("due", "overdue", "drifting")
    )


def test_text_output_has_no_colour_when_piped():
    assert "\x1b[" not in run("agenda", *TODAY).output


def test_agenda_writes_to_a_file(tmp_path):
    target = tmp_path / "agenda.md"
    result = run("agenda", *TODAY, "--format", "markdown", "--output", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", EXAMPLE_WARNING)
    assert target.read_text(encoding="utf-8").startswith(
        "---\ngenerated_by: vaultkit\nreport: agenda\nreport_date: 2026-11-21\n---\n# Agenda for Sat 2026-11-21"
    )


def test_show_json_follows_the_contract():
    document = json.loads(run("show", "Marie", *TODAY, "--format", "json").stdout)
    assert document["schema"] == "vaultkit.contact/1"
    assert (document["contact"], document["name"], document["circle"], document["last_contact"]) == (
        "Marie Lefèvre",
        "Marie Lefèvre",
        "close",
        "2026-10-14",
    )
    assert document["balance"] == {"gave": 2, "got": 1}
    assert document["interactions"][0] == {
        "date": "2026-10-14",
        "source": "Meetings/Atelierbesuch Galerie Nord.md",
        "text": "Atelierbesuch Galerie Nord",
        "line": 1,
    }
    assert {
        "date": "2026-12-01",
        "source": "People/Marie Lefèvre.md",
        "text": "next_contact",
        "line": 7,
    } in document["follow_ups"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_late_in_9999_names_the_birthday_without_a_next_one(fmt):
    result = run("show", "Marie", "--today", "9999-12-20", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert json.loads(result.stdout)["birthday"] == {"date": "1986-07-09", "next": None, "turns": None}
    else:
        assert "1986-07-09\n" in result.output


def test_show_names_a_birth_date_after_today_without_an_age(vault):
    root = vault({"People/A.md": "---\nbirthday: 2030-11-25\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "show", "A", *TODAY])
    assert "  Birthday:      2030-11-25\n" in result.output


@pytest.mark.parametrize("typed", ["JÜRGEN", "jurgen", "Jürgen Hoffmann", "hoff"])
def test_show_finds_people_by_any_case_accent_alias_or_word_start(typed):
    result = run("show", typed, *TODAY, "--format", "json")
    assert json.loads(result.stdout)["contact"] == "Jürgen Hoffmann"


def test_ambiguous_name_lists_candidates_and_exits_1():
    result = CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), "show", "kramer"])
    assert result.exit_code == 1
    assert result.output == (
        "vaultkit: 'kramer' is ambiguous; it may mean:\n"
        "  Ilse Kramer (People/Ilse Kramer.md)\n  Sophie Kramer (People/Sophie Kramer.md)\n"
    )


AMBIGUOUS_TOM = (
    "is ambiguous: People/Tom Whitfield.md and People/Sub/tom whitfield.md have the same file "
    "name, ignoring case and accents (vaultkit reads only People/Tom Whitfield.md); rename one of them"
)


def add_other_tom(root):
    """A second note with Tom Whitfield's file name, deeper in the contacts folder."""
    other = root / "People/Sub/tom whitfield.md"
    other.parent.mkdir()
    other.write_text("---\nname: Other Tom\nlast_contact: 2026-11-19\n---\n")


def test_show_of_a_file_name_two_notes_have_shows_the_one_in_the_fewest_folders_and_warns(example):
    add_other_tom(example)
    result = CliRunner().invoke(
        cli, ["--vault", str(example), "show", "tom whitfield", *TODAY, "--format", "json"]
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["name"], document["path"], document["last_contact"]) == (
        "Tom Whitfield",
        "People/Tom Whitfield.md",
        "2026-10-25",
    )
    assert all(i["source"] != "People/Sub/tom whitfield.md" for i in document["interactions"])
    assert result.stderr == f"vaultkit: 'tom whitfield' {AMBIGUOUS_TOM}\n{EXAMPLE_WARNING}"


@pytest.mark.parametrize("command", [["intros", "--for", "whitfield"], ["path", "Tom Whitfield"]])
def test_other_reports_on_a_file_name_two_notes_have_warn_too(example, command):
    add_other_tom(example)
    result = CliRunner().invoke(cli, ["--vault", str(example), *command, *TODAY])
    assert result.exit_code == 0
    assert result.stderr == f"vaultkit: {command[-1]!r} {AMBIGUOUS_TOM}\n{EXAMPLE_WARNING}"


INCOMPLETE = "; the note could not be read completely, so what is shown of it may be incomplete (vaultkit check says why)\n"


@pytest.mark.parametrize(
    "command", [["show", "Broken Example"], ["intros", "--for", "Broken Example"], ["path", "Broken Example"]]
)
def test_a_report_on_a_note_with_broken_yaml_names_the_error(command):
    result = run(*command, *TODAY)
    assert result.exit_code == 0
    assert result.stderr == (
        "vaultkit: People/Broken Example.md:4: invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar that starts on line 4)" + INCOMPLETE
    )


def test_show_names_each_value_of_the_note_it_could_not_read(vault):
    root = vault({"People/Ben.md": "---\ncircle: close\nlast_contact: 2026-02-30\nbirthday: 31.04.\n---\n"})
    result = CliRunner().invoke(cli, ["--vault", str(root), "show", "ben", *TODAY])
    assert "Circle:        close" in result.stdout
    assert result.stderr == (
        "vaultkit: People/Ben.md:3: last_contact: '2026-02-30' is not a real date (day is out of range for month)"
        + INCOMPLETE
        + "vaultkit: People/Ben.md:4: birthday: '31.04.' is not a real date (day is out of range for month)"
        + INCOMPLETE
    )


def test_unknown_name_exits_1():
    result = CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), "show", "Nobody Atall"])
    assert (result.exit_code, result.output) == (1, "vaultkit: no contact named 'Nobody Atall'\n")


def test_bad_today_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--vault", str(EXAMPLE_VAULT), "agenda", "--today", "2026-02-30"])
    assert result.exit_code == 2
    assert "not a real date" in result.output


def test_broken_user_template_names_the_template_and_line(vault):
    root = vault(
        {
            "People/A.md": "---\nbirthday: --11-25\n---\n",
            ".vaultkit/templates/agenda.txt.j2": "Agenda\n{% for x in %}\n",
        }
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "agenda", *TODAY])
    assert result.exit_code == 2
    assert result.output.startswith("vaultkit: ") and "agenda.txt.j2:2: template error" in result.output


def test_user_template_overrides_the_shipped_one(vault):
    root = vault(
        {
            "People/A.md": "---\nbirthday: --11-25\n---\n",
            ".vaultkit/templates/agenda.txt.j2": "{% for i in agenda.items %}{{ i.contact }}: {{ i.kind }}\n{% endfor %}",
        }
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "agenda", *TODAY])
    assert result.output == "A: birthday\n"


def late_follow_ups(vault):
    return vault(
        {
            "People/Ann.md": person(circle="close", last_contact="2026-09-01"),
            "People/Bo.md": person(circle="close", last_contact="2026-10-15", next_contact="2026-11-10"),
            "Daily/2026-05-01.md": "- [ ] send [[Ann]] the photos 📅 2026-05-16\n",
        }
    )


def run_on(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), *args, *TODAY], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_missed_follow_ups_have_their_own_section_right_after_the_overdue_contacts(vault):
    assert run_on(late_follow_ups(vault), "agenda") == (
        "Agenda for Sat 2026-11-21, next 14 days\n"
        "\n"
        "Overdue\n"
        "  Ann  overdue: last contact 81 days ago (2026-09-01); close circle, every 1m\n"
        "\n"
        "Missed follow-ups\n"
        "  Ann  task was due 189 days ago (Sat 2026-05-16): send Ann the photos (Daily/2026-05-01.md)\n"
        "  Bo   follow-up was due 11 days ago (Tue 2026-11-10, next_contact)\n"
        "\n"
        "Due\n"
        "  Bo   due: last contact 37 days ago (2026-10-15); close circle, every 1m\n"
    )


def test_missed_follow_ups_in_markdown_json_and_csv(vault):
    root = late_follow_ups(vault)
    markdown = run_on(root, "agenda", "--format", "markdown")
    assert markdown.index("## Overdue") < markdown.index("## Missed follow-ups") < markdown.index("## Due")
    assert "- [[Bo]]: follow-up was due 11 days ago (Tue 2026-11-10, next_contact)\n" in markdown
    kinds = [item["kind"] for item in json.loads(run_on(root, "agenda", "--format", "json"))["items"]]
    assert kinds == ["overdue", "missed_follow_up", "missed_follow_up", "due"]
    rows = run_on(root, "agenda", "--format", "csv").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == kinds


def test_coming_up_says_each_day_once(vault):
    root = vault(
        {
            "People/Greta.md": person(
                birthday="--11-25", next_contact="2026-12-01", last_contact="2026-11-20"
            ),
            "Meetings/2026-11-28 Lunch mit Greta.md": meeting("2026-11-28", "Greta"),
        }
    )
    assert run_on(root, "agenda").endswith(
        "Coming up\n"
        "  Wed 2026-11-25  Greta  birthday: in 4 days\n"
        "  Sat 2026-11-28  Greta  planned: Lunch mit Greta in 7 days\n"
        "  Tue 2026-12-01  Greta  follow-up due in 10 days (next_contact)\n"
    )


def test_show_says_the_circle_once_and_that_a_contact_on_reserve_gets_no_reminders(vault):
    root = vault(
        {
            "People/Mark.md": person(circle="reserve", status="reserve", last_contact="2024-11-30"),
            "People/Birgit.md": person(circle="network", status="reserve", last_contact="2025-12-12"),
        }
    )
    mark = run_on(root, "show", "Mark")
    assert "  Circle:        reserve\n  Standing:      on reserve: no reminders except birthdays\n" in mark
    birgit = run_on(root, "show", "Birgit")
    assert "  Circle:        network\n  Standing:      on reserve: no reminders except birthdays\n" in birgit
    assert "Cadence" not in mark + birgit


@pytest.mark.parametrize(
    "field, standing",
    [
        ("status: archived", "archived: no reminders, not even birthdays"),
        ("paused: true", "paused: no reminders except birthdays"),
    ],
)
def test_show_of_an_archived_or_paused_contact_presents_no_cadence(vault, field, standing):
    key, value = field.split(": ")
    root = vault({"People/A.md": person(circle="network", last_contact="2023-04-02", **{key: value})})
    text = run_on(root, "show", "A")
    assert "Cadence" not in text
    assert f"  Circle:        network\n  Standing:      {standing}\n" in text
    markdown = run_on(root, "show", "A", "--format", "markdown")
    assert "Cadence" not in markdown and "every 3m" not in markdown
    assert f"- **Standing:** {standing}\n" in markdown


def test_show_of_a_snoozed_contact_says_until_when(vault):
    root = vault(
        {"People/A.md": person(circle="close", last_contact="2026-01-01", snooze_until="2026-12-15")}
    )
    text = run_on(root, "show", "A")
    assert "  Cadence:       close circle, every 1m\n  Standing:      snoozed until Tue 2026-12-15\n" in text


def test_show_of_a_due_contact_says_since_when(vault):
    root = vault({"People/A.md": person(circle="close", last_contact="2026-10-15")})
    assert "  Standing:      due since Sun 2026-11-15, overdue from Mon 2026-11-30\n" in run_on(
        root, "show", "A"
    )


def test_show_says_no_day_twice_and_marks_missed_follow_ups(vault):
    root = vault(
        {
            "People/Greta.md": person(circle="close", last_contact="2026-08-01", next_contact="2026-11-15"),
            "Meetings/2026-11-05 Stammtisch Kiel.md": meeting("2026-11-05", "Greta"),
            "Meetings/2026-11-28 Lunch mit Greta.md": meeting("2026-11-28", "Greta"),
            "Daily/2026-11-12.md": meeting("2026-11-12", "Greta"),
        }
    )
    text = run_on(root, "show", "Greta")
    assert (
        "Open follow-ups\n"
        "  Sun 2026-11-15  missed: get in touch (next_contact)  People/Greta.md:4\n"
        "\n"
        "Planned\n"
        "  Sat 2026-11-28  Lunch mit Greta  Meetings/2026-11-28 Lunch mit Greta.md\n"
        "\n"
        "Last interactions\n"
        "  Thu 2026-11-12  in touch  Daily/2026-11-12.md:1\n"
        "  Thu 2026-11-05  Stammtisch Kiel  Meetings/2026-11-05 Stammtisch Kiel.md:1\n"
        "  Sat 2026-08-01  in touch (last_contact)  People/Greta.md:3\n"
    ) in text
    markdown = run_on(root, "show", "Greta", "--format", "markdown")
    assert "- 2026-11-05: Stammtisch Kiel ([[Meetings/2026-11-05 Stammtisch Kiel]])\n" in markdown


def test_the_agenda_ends_with_one_line_for_the_contacts_nobody_has_been_in_touch_with(vault):
    people = {f"People/New {n}.md": person(circle="inner") for n in range(1, 13)}
    root = vault({**people, "People/Bo.md": person(circle="close", last_contact="2026-10-01")})
    assert run_on(root, "agenda").endswith(
        "  Bo  overdue: last contact 51 days ago (2026-10-01); close circle, every 1m\n"
        "\n"
        "12 contacts nobody has been in touch with yet wait to be sorted: vaultkit stale lists them.\n"
    )
    assert run_on(root, "agenda", "--format", "markdown").endswith(
        "- [[Bo]]: overdue: last contact 51 days ago (2026-10-01); close circle, every 1m\n"
        "\n"
        "12 contacts nobody has been in touch with yet wait to be sorted: `vaultkit stale` lists them.\n"
    )
    assert json.loads(run_on(root, "agenda", "--format", "json"))["never_in_touch"] == 12


def test_one_contact_nobody_has_been_in_touch_with_is_not_everyone_in_touch(vault):
    root = vault({"People/New.md": person(connected="2024-03-03")})
    assert run_on(root, "agenda") == (
        "Agenda for Sat 2026-11-21, next 14 days\n"
        "\n"
        "Nothing to do: nobody is due, no birthdays, follow-ups or meetings ahead.\n"
        "\n"
        "1 contact nobody has been in touch with yet waits to be sorted: vaultkit stale lists them.\n"
    )
    root = vault({"People/New.md": person(last_contact="2026-11-20")})
    assert "Nothing to do: everyone is in touch, no birthdays" in run_on(root, "agenda")


def test_stale_shows_the_day_of_a_linkedin_connection_with_how_they_met(vault):
    root = vault(
        {
            "People/Lea Voss.md": person(connected="2024-03-03", how_met="PyCon DE"),
            "People/Kai Storm.md": person(connected="2024-03-04"),
            "People/Ute Lind.md": person(),
        }
    )
    assert run_on(root, "stale").endswith(
        "Never in touch: a first message\n"
        "  Kai Storm  connected on LinkedIn 2024-03-04\n"
        "  Lea Voss   met: PyCon DE; connected on LinkedIn 2024-03-03\n"
        "  Ute Lind\n"
    )
    assert run_on(root, "stale", "--format", "markdown").endswith(
        "- [[Kai Storm]]: connected on LinkedIn 2024-03-04\n"
        "- [[Lea Voss]]: met PyCon DE; connected on LinkedIn 2024-03-03\n"
        "- [[Ute Lind]]\n"
    )
