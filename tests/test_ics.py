"""The agenda's calendar feed: one event per birthday, dates that hold on any day, reminders."""

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from tests.conftest import EXAMPLE_VAULT, meeting, person
from vaultkit.cli import cli
from vaultkit.config import Config, ConfigError, load_config, parse_alarm

# What reads true only on the day the feed was made; a calendar shows the event on other days.
RELATIVE = re.compile(r"\b(today|tomorrow|yesterday|ago|in \d+ (day|week|month)s?|\d+ days?)\b", re.I)


def feed(root=EXAMPLE_VAULT, today="2026-11-21"):
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "agenda", "--today", today, "--format", "ics"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def vevents(output):
    return Calendar.from_ical(output).walk("VEVENT")


def descriptions(output):
    return [
        str(component["description"])
        for component in Calendar.from_ical(output).walk()
        if "description" in component
    ]


def every_kind_of_event(vault):
    """A vault whose feed holds each kind of event, missed follow-ups and a snooze included."""
    return vault(
        {
            "People/Overdue.md": person(circle="close", last_contact="2026-08-01"),
            "People/Due.md": person(circle="close", last_contact="2026-10-14", interests="[Segeln]"),
            "People/Planned.md": person(next_contact="2026-11-25"),
            "People/Missed.md": person(next_contact="2026-11-02"),
            "People/Birthday.md": person(birthday="1980-11-25", interests="[Jazz]"),
            "People/Snoozed.md": person(circle="close", last_contact="2026-01-01", snooze_until="2026-12-15"),
            "Daily/2026-11-10.md": "- [ ] send [[Due]] the photos 📅 2026-11-28\n"
            "- [ ] call [[Missed]] back 📅 2026-11-12\n",
            "Meetings/2026-11-27 Lunch.md": meeting("2026-11-27", "Due", "Planned"),
        }
    )


def test_a_birthday_within_the_window_is_one_yearly_event(vault):
    root = vault({"People/A.md": person(birthday="1980-11-25", interests="[Jazz, Segeln]")})
    found = vevents(feed(root))
    assert [str(event["summary"]) for event in found] == ["Birthday: A"]
    (birthday,) = found
    assert (birthday.decoded("dtstart"), birthday["rrule"]["freq"]) == (date(1980, 11, 25), ["YEARLY"])
    # What to talk about, which a reminder of its own used to carry, is on the birthday event.
    assert str(birthday["description"]) == "born 1980\ninterests: Jazz, Segeln"


def test_a_due_contact_with_a_birthday_has_one_birthday_and_one_reminder(vault):
    root = vault({"People/A.md": person(circle="close", last_contact="2026-10-01", birthday="1980-11-25")})
    summaries = sorted(str(event["summary"]) for event in vevents(feed(root)))
    assert summaries == ["Birthday: A", "Get in touch: A"]
    uids = [str(event["uid"]) for event in vevents(feed(root))]
    assert len(set(uids)) == len(uids)


def test_the_example_feed_says_no_relative_day_anywhere():
    texts = descriptions(feed())
    assert len(texts) > 30
    assert [text for text in texts if RELATIVE.search(text)] == []


def test_every_kind_of_event_gives_dates_not_days_from_now(vault):
    found = sorted(
        (event.decoded("dtstart"), str(event["summary"]), str(event.get("description", "")))
        for event in vevents(feed(every_kind_of_event(vault)))
    )
    assert found == [
        (date(1980, 11, 25), "Birthday: Birthday", "born 1980\ninterests: Jazz"),
        (date(2026, 11, 2), "Follow up: Missed", "follow-up planned for 2026-11-02 (next_contact)"),
        (
            date(2026, 11, 12),
            "Follow up: Missed",
            "task due 2026-11-12: call Missed back (Daily/2026-11-10.md)",
        ),
        (
            date(2026, 11, 21),
            "Get in touch: Due",
            "due since 2026-11-14: last contact 2026-10-14; close circle, every 1m\ninterests: Segeln",
        ),
        (
            date(2026, 11, 21),
            "Get in touch: Overdue",
            "overdue since 2026-09-16: last contact 2026-08-01; close circle, every 1m",
        ),
        (date(2026, 11, 25), "Follow up: Planned", "follow-up planned for 2026-11-25 (next_contact)"),
        (
            date(2026, 11, 27),
            "2026-11-27 Lunch (Due, Planned)",
            "Meeting note: Meetings/2026-11-27 Lunch.md\n\nDue\ninterests: Segeln\n\nPlanned",
        ),
        (
            date(2026, 11, 28),
            "Follow up: Due",
            "task due 2026-11-28: send Due the photos (Daily/2026-11-10.md)\ninterests: Segeln",
        ),
    ]


def test_a_follow_up_keeps_its_event_when_its_day_has_passed(vault):
    root = vault({"People/A.md": person(), "Daily/2026-11-10.md": "- [ ] call [[A]] back 📅 2026-11-25\n"})
    (before,) = vevents(feed(root, "2026-11-21"))
    (after,) = vevents(feed(root, "2026-11-28"))
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("dtstart") == before.decoded("dtstart") == date(2026, 11, 25)


def test_a_last_contact_with_a_topic_names_it_after_the_date(vault):
    root = vault({"People/A.md": person(circle="close", log="- 2026-10-01 call: the boat #gave\n")})
    (reminder,) = vevents(feed(root))
    assert str(reminder["description"]) == (
        "overdue since 2026-11-16: last contact 2026-10-01 (call: the boat #gave); close circle, every 1m"
    )


def alarms(output):
    found = [(str(event["summary"]), event.walk("VALARM")) for event in vevents(output)]
    return {
        summary: [(str(a["action"]), str(a["description"]), a.decoded("trigger")) for a in each]
        for summary, each in found
    }


def test_each_event_reminds_at_nine_on_its_day_by_default():
    found = alarms(feed())
    assert len(found) > 20
    assert all(each == [("DISPLAY", summary, timedelta(hours=9))] for summary, each in found.items())


@pytest.mark.parametrize(
    "alarm, trigger, line",
    [
        ("1d", timedelta(hours=-15), "TRIGGER:-PT15H"),
        ("1w 18:00", -timedelta(days=7) + timedelta(hours=18), "TRIGGER:-P6DT6H"),
        ("0d 00:00", timedelta(0), "TRIGGER:P0D"),
        ("07:30", timedelta(hours=7, minutes=30), "TRIGGER:PT7H30M"),
    ],
)
def test_the_config_sets_when_each_event_reminds(vault, alarm, trigger, line):
    root = vault(
        {
            ".vaultkit.toml": f'[ics]\nalarm = "{alarm}"\n',
            "People/A.md": person(circle="close", last_contact="2026-10-01", birthday="1980-12-01"),
        }
    )
    output = feed(root)
    assert alarms(output) == {
        "Birthday: A": [("DISPLAY", "Birthday: A", trigger)],
        "Get in touch: A": [("DISPLAY", "Get in touch: A", trigger)],
    }
    assert output.count(f"{line}\r\n".encode()) == 2


def test_alarm_none_leaves_the_events_without_reminders(vault):
    root = vault(
        {
            ".vaultkit.toml": '[ics]\nalarm = "none"\n',
            "People/A.md": person(circle="close", last_contact="2026-10-01", birthday="1980-12-01"),
        }
    )
    output = feed(root)
    assert len(vevents(output)) == 2 and b"VALARM" not in output


@pytest.mark.parametrize("value", ['"soon"', '"1m"', '"25:00"', '"9:75"', '"9"', '""', "1"])
def test_an_alarm_vaultkit_cannot_read_is_a_config_error_on_its_line(tmp_path, value):
    (tmp_path / ".vaultkit.toml").write_text(f'[report]\nfolder = "_vaultkit"\n\n[ics]\nalarm = {value}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    (problem,) = caught.value.diagnostics
    assert (problem.path, problem.line, problem.code) == (".vaultkit.toml", 5, "config-invalid")
    assert problem.message.startswith('ics.alarm must be a time on the day of the event like "09:00"')


def test_the_command_line_names_the_line_of_a_bad_alarm(vault):
    root = vault({".vaultkit.toml": '[ics]\nalarm = "tomorrow"\n', "People/A.md": person()})
    result = CliRunner().invoke(cli, ["--vault", str(root), "agenda", "--format", "ics"])
    assert result.exit_code != 0
    assert ".vaultkit.toml:2: error config-invalid ics.alarm must be" in result.output
    assert "got 'tomorrow'" in result.output


@pytest.mark.parametrize(
    "text, offset",
    [
        ("09:00", timedelta(hours=9)),
        (" 1D ", timedelta(hours=9 - 24)),
        ("2w", timedelta(days=-14, hours=9)),
        ("3d 23:59", timedelta(days=-3, hours=23, minutes=59)),
        ("none", None),
        ("off", None),
        ("keine", None),  # German, as a cadence takes it
        ("Nie", None),
    ],
)
def test_alarm_values(text, offset):
    assert parse_alarm(text) == offset


def test_the_feed_is_strict_rfc_5545_lines():
    output = feed()
    assert output.endswith(b"\r\n") and b"\n" not in output.replace(b"\r\n", b"")
    assert max(len(line) for line in output.split(b"\r\n")) <= 75  # octets, not characters


def test_the_config_init_writes_names_the_default_alarm(tmp_path):
    shipped = (Path(__file__).parent.parent / "templates" / "vaultkit.toml").read_text()
    (tmp_path / ".vaultkit.toml").write_text(shipped)
    assert '\n[ics]\nalarm = "09:00"\n' in re.sub(r"\n#[^\n]*", "", shipped)
    assert load_config(tmp_path).ics_alarm == Config().ics_alarm == timedelta(hours=9)


def test_a_feed_made_again_writes_only_the_events_that_changed_and_the_same_bytes(monkeypatch):
    from vaultkit.activity import gather
    from vaultkit.index import load_index
    from vaultkit.render import ics
    from vaultkit.reports.agenda import agenda

    config = load_config(EXAMPLE_VAULT)
    index = load_index(EXAMPLE_VAULT, config)

    def feed() -> str:
        today = date(2026, 11, 21)
        return b"".join(ics.ics_feed(agenda(index, gather(index, today), config, 14), "agenda")).decode()

    first = feed()
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    assert feed() == first and written == []  # nothing changed: every event as it was
    ics._written.clear()
    assert feed() == first and len(written) == first.count("BEGIN:VEVENT")  # written afresh: alike


def test_the_events_kept_for_the_next_feed_are_those_of_the_last_two_feeds(monkeypatch):
    """A feed for another day (or language) leaves the last feed's events kept, but a third
    feed lets the first one's go: a watch running for days keeps no more than two feeds."""
    from vaultkit.activity import gather
    from vaultkit.index import load_index
    from vaultkit.render import ics
    from vaultkit.reports.agenda import agenda

    config = load_config(EXAMPLE_VAULT)
    index = load_index(EXAMPLE_VAULT, config)

    def feed(day: int) -> str:
        today = date(2026, 11, day)
        return b"".join(ics.ics_feed(agenda(index, gather(index, today), config, 14), "agenda")).decode()

    ics.take_written_events({"an event no feed has": b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"})
    first = feed(21)
    assert "an event no feed has" not in ics.written_events()
    written = []
    real = ics._event
    monkeypatch.setattr(ics, "_event", lambda *args: written.append(args) or real(*args))
    feed(22)
    written.clear()
    assert feed(21) == first and written == []  # the day before's still kept
    feed(22), feed(23)
    written.clear()
    assert feed(21) == first and len(written) == first.count("BEGIN:VEVENT")  # let go: written afresh
    assert len(ics.written_events()) <= 2 * first.count("BEGIN:VEVENT")
    feed(21)  # the same feed again, each digest made anew: one copy of each is kept, not two
    kept = {id(digest) for digest in ics._written}
    assert ics._last_feed and all(id(digest) in kept for digest in ics._last_feed)


def test_a_feed_is_made_one_event_at_a_time_and_holds_its_events_as_kept(vault):
    """A large vault's feed is megabytes: its events are not held as events and texts all at
    once, nor joined into one more copy of what is kept for the next feed."""
    import tracemalloc

    from vaultkit.activity import gather
    from vaultkit.index import load_index
    from vaultkit.render import ics
    from vaultkit.reports.agenda import agenda

    notes = {
        f"People/Person {n:04}.md": f"---\nbirthday: 1980-{n % 12 + 1:02}-{n % 28 + 1:02}\n---\n"
        for n in range(1500)
    }
    notes["Daily/2026-11-20.md"] = "".join(
        f"- [ ] send [[Person {n:04}]] the slides of our talk on the {'harbour ' * 20}📅 2026-11-{n % 9 + 22}\n"
        for n in range(1500)
    )
    root = vault(notes)
    index = load_index(root)
    made = agenda(index, gather(index, date(2026, 11, 21)), load_config(root), 14)
    ics.ics_feed(made, "agenda")  # each event written once: what is measured is the feed made again
    tracemalloc.start()
    try:
        pieces = ics.ics_feed(made, "agenda")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = sum(map(len, pieces))
    assert len(pieces) == 3002 and size > 1_000_000  # the head, a birthday and a follow-up each, the end
    kept = {id(event) for event in ics.written_events().values()}
    assert all(id(event) in kept for event in pieces[1:-1])
    # Made as a list, the events took twice the feed's size, and joined, the feed once more: 3.5
    # times its size here. One at a time, what is left is mostly their digests and their table.
    assert peak < size


def test_a_contact_whose_file_name_is_not_utf8_gets_its_event_too(tmp_path):
    root = tmp_path / "vault"
    (root / "People").mkdir(parents=True)
    (root / "People" / "Anna.md").write_text(person(birthday="1990-11-25"), encoding="utf-8")
    name = os.fsdecode(b"People/Ren\xe9.md")  # Latin-1, as an old disk or a zip may name it
    (root / name).write_text(person(birthday="1985-11-26"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "--no-cache", "agenda", "--format", "ics", "--today", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    uids = [str(event["uid"]) for event in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 2
