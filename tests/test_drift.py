"""Drift: a contact's own rhythm, measured from its interactions, and a silence far beyond it,
named by the agenda and by `stale` while the cadence is not due yet."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

import vaultkit.reports.agenda
import vaultkit.reports.stale
from tests.conftest import meeting, person
from vaultkit import language
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render import ics
from vaultkit.render.speech import agenda as say
from vaultkit.render.speech import drift as drift_words
from vaultkit.reports.agenda import agenda
from vaultkit.reports.drift import drift as real_drift
from vaultkit.reports.stale import stale

TODAY = date(2026, 11, 21)
LAST = date(2026, 9, 5)  # 77 days, 11 weeks, before TODAY


def history(last: date, *gaps: int) -> str:
    """A log: an entry on `last`, and one `gaps[0]` days before it, `gaps[1]` before that, …"""
    days = [last]
    for gap in gaps:
        days.append(days[-1] - timedelta(days=gap))
    return "".join(f"- {day.isoformat()} call: round {n}\n" for n, day in enumerate(days))


def agenda_of(vault, files, today=TODAY):
    root = vault(files)
    index = load_index(root)
    return agenda(index, gather(index, today), load_config(root), 14)


def drifting(vault, files, today=TODAY):
    return [
        (item.contact, item.date, item.drift.usual_gap_days, item.drift.silent_days, item.drift.rhythm.gaps)
        for item in agenda_of(vault, files, today).of_kind("drifting")
        if item.drift
    ]


def test_a_silence_of_three_times_the_usual_gap_is_named_while_the_cadence_is_not_due(vault):
    # network = 3m: due on 2026-12-05. Every 3 weeks until 2026-09-05, then 11 weeks silent.
    files = {"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")}
    assert drifting(vault, files) == [("Jonas", date(2026, 11, 7), 21, 77, 4)]


def test_drift_starts_on_the_day_the_silence_reaches_three_usual_gaps(vault):
    files = {"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")}
    assert drifting(vault, files, today=date(2026, 11, 6)) == []
    assert drifting(vault, files, today=date(2026, 11, 7)) == [("Jonas", date(2026, 11, 7), 21, 63, 4)]


def test_three_gaps_are_no_rhythm_yet(vault):
    files = {"People/Jonas.md": person(history(LAST, 21, 21, 21), circle="network")}
    assert drifting(vault, files) == []


def test_an_irregular_history_has_no_rhythm_to_drift_from(vault):
    # The usual gap is 30 days, but only 60 and 30 are within a factor of two of it.
    files = {"People/Jonas.md": person(history(date(2026, 8, 1), 7, 60, 14, 90, 30), circle="network")}
    assert drifting(vault, files) == []


def test_one_long_gap_in_a_regular_history_keeps_the_rhythm(vault):
    # A holiday of ten weeks among gaps of three: the usual gap is still three weeks.
    files = {"People/Jonas.md": person(history(LAST, 21, 70, 21, 21, 21), circle="network")}
    assert drifting(vault, files) == [("Jonas", date(2026, 11, 7), 21, 77, 5)]


def test_only_the_latest_interaction_days_tell_the_rhythm(vault):
    # Weekly for eight weeks after years of yearly meetings: the rhythm is the weekly one.
    yearly = "".join(f"- {year}-03-01 call: yearly\n" for year in range(2015, 2025))
    files = {"People/Jonas.md": person(history(date(2026, 10, 1), *[7] * 8) + yearly, circle="network")}
    assert drifting(vault, files) == [("Jonas", date(2026, 10, 29), 7, 51, 8)]


def test_a_silence_within_the_rhythm_is_not_named(vault):
    files = {"People/Jonas.md": person(history(date(2026, 10, 1), 21, 21, 21, 21), circle="network")}
    assert drifting(vault, files) == []


def test_a_silence_is_far_beyond_a_short_rhythm_only_after_four_weeks(vault):
    # Every 3 days: three times that is 9 days, but a fortnight's silence is a holiday.
    files = {"People/Jonas.md": person(history(date(2026, 11, 1), 3, 3, 3, 3), cadence="3m")}
    assert drifting(vault, files) == []
    assert drifting(vault, files, today=date(2026, 11, 29)) == [("Jonas", date(2026, 11, 29), 3, 28, 4)]


def test_a_contact_due_or_overdue_is_named_by_its_cadence_alone(vault):
    files = {
        # close = 1m: overdue after 1m and 15 days. Weekly until 2026-09-05.
        "People/Over.md": person(history(LAST, 7, 7, 7, 7), circle="close"),
        # network = 3m: due from 2026-11-20. Every 3 weeks until 2026-08-20.
        "People/Due.md": person(history(date(2026, 8, 20), 21, 21, 21, 21), circle="network"),
    }
    result = agenda_of(vault, files)
    assert [(item.kind, item.contact) for item in result.items] == [("overdue", "Over"), ("due", "Due")]
    assert all(item.drift is None for item in result.items)


@pytest.mark.parametrize(
    "field",
    [
        {"status": "archived"},
        {"status": "reserve"},
        {"circle": "reserve"},
        {"paused": "true"},
        {"snooze_until": "2027-01-01"},
        {"cadence": "none"},
    ],
    ids=lambda field: "-".join(f"{k}={v}" for k, v in field.items()),
)
def test_contacts_decided_about_or_without_cadence_do_not_drift(vault, field):
    fields = {"circle": "network", **field}
    files = {
        "People/Jonas.md": person(history(LAST, 21, 21, 21, 21), **fields),
        ".vaultkit.toml": '[cadence.circles]\nnetwork = "3m"\nreserve = "none"\n',
    }
    assert drifting(vault, files) == []
    root = vault(files)
    index = load_index(root)
    assert stale(index, gather(index, TODAY), load_config(root)).drifting == ()


def test_meetings_count_once_a_day_like_every_interaction(vault):
    # The log and a meeting note on the same days: still one interaction a day, every 3 weeks.
    files = {
        "People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network"),
        **{
            f"Meetings/{day.isoformat()} Doppelkopf.md": meeting(day.isoformat(), "Jonas")
            for day in (LAST, LAST - timedelta(days=21))
        },
    }
    assert drifting(vault, files) == [("Jonas", date(2026, 11, 7), 21, 77, 4)]


def test_the_furthest_beyond_its_rhythm_comes_first(vault):
    files = {
        # 77 days after a rhythm of 21: 3.7 times.
        "People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network"),
        # 60 days after a rhythm of 14: 4.3 times.
        "People/Anna.md": person(history(date(2026, 9, 22), 14, 14, 14, 14), circle="network"),
    }
    assert [contact for contact, *_ in drifting(vault, files)] == ["Anna", "Jonas"]


def test_the_reason_says_the_rhythm_the_silence_and_the_last_contact_in_both_languages(vault):
    files = {"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")}
    (item,) = agenda_of(vault, files).of_kind("drifting")
    english = (say.reason(item), say.undated_reason(item), say.dated_reason(item))
    language.use("de")
    try:
        german = (say.reason(item), say.undated_reason(item), say.dated_reason(item))
    finally:
        language.use("en")
    reason = "usually every 3 weeks, now silent for 11 weeks; last contact 2026-09-05 (call: round 0)"
    assert english == (
        reason,
        reason,
        "quieter than usual since 2026-11-07: last contact 2026-09-05 (call: round 0); usually every 3 weeks",
    )
    grund = "sonst alle 3 Wochen, jetzt seit 11 Wochen still; letzter Kontakt am 05.09.2026 (call: round 0)"
    assert german == (
        grund,
        grund,
        "stiller als sonst seit 07.11.2026: letzter Kontakt am 05.09.2026 (call: round 0); sonst alle 3 Wochen",
    )


@pytest.mark.parametrize(
    "days, english, german",
    [
        (1, "every day", "jeden Tag"),
        (10, "every 10 days", "alle 10 Tage"),
        (7, "every week", "jede Woche"),
        (14, "every 2 weeks", "alle 2 Wochen"),
        (60, "every 9 weeks", "alle 9 Wochen"),
        (91, "every 3 months", "alle 3 Monate"),
        (30 * 12, "every 12 months", "alle 12 Monate"),
        (730, "every 2 years", "alle 2 Jahre"),
    ],
)
def test_a_rhythm_is_said_in_the_unit_that_reads_naturally(days, english, german):
    assert drift_words.every(days) == english
    language.use("de")
    try:
        assert drift_words.every(days) == german
    finally:
        language.use("en")


@pytest.mark.parametrize(
    "days, english, german",
    [
        (28, "silent for 4 weeks", "seit 4 Wochen still"),
        (77, "silent for 11 weeks", "seit 11 Wochen still"),
        (120, "silent for 4 months", "seit 4 Monaten still"),
        (800, "silent for 2 years", "seit 2 Jahren still"),
    ],
)
def test_a_silence_is_said_in_the_unit_that_reads_naturally(days, english, german):
    assert drift_words.silent_for(days) == english
    language.use("de")
    try:
        assert drift_words.silent_for(days) == german
    finally:
        language.use("en")


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), *args, "--today", TODAY.isoformat()])


def test_the_agenda_lists_contacts_quieter_than_usual_after_the_due_ones(vault):
    root = vault(
        {
            "People/Jonas.md": person(
                history(LAST, 21, 21, 21, 21), circle="network", interests="[Doppelkopf]"
            ),
            "People/Due.md": person(last_contact="2026-08-20", circle="network"),
        }
    )
    lines = run(root, "agenda").stdout.splitlines()
    start = lines.index("Quieter than usual")
    assert lines.index("Due") < start
    assert lines[start + 1 : start + 3] == [
        "  Jonas  usually every 3 weeks, now silent for 11 weeks; last contact 2026-09-05 (call: round 0)",
        "           interests: Doppelkopf",
    ]
    german = run(root, "--lang", "de", "agenda").stdout.splitlines()
    start = german.index("Stiller als sonst")
    assert german[start + 1] == (
        "  Jonas  sonst alle 3 Wochen, jetzt seit 11 Wochen still; letzter Kontakt am 05.09.2026 (call: round 0)"
    )


def test_the_agenda_json_gives_the_figures(vault):
    root = vault({"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")})
    (item,) = json.loads(run(root, "agenda", "--format", "json").stdout)["items"]
    assert (item["kind"], item["date"], item["days"], item["rhythm"], item["rule"]) == (
        "drifting",
        "2026-11-07",
        -14,
        {"usual_gap_days": 21, "silent_days": 77, "gaps": 4},
        None,
    )


def test_the_calendar_reminds_of_a_drifting_contact_today_as_of_a_due_one(vault):
    root = vault({"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")})
    index = load_index(root)
    (event,) = ics.calendar_events(agenda(index, gather(index, TODAY), load_config(root), 14))
    assert (event.key, event.day, event.summary) == ("reminder/Jonas", TODAY, "Get in touch: Jonas")
    assert event.description.startswith("quieter than usual since 2026-11-07: last contact 2026-09-05")


def test_stale_lists_contacts_quieter_than_usual_apart_from_those_past_their_maximum(vault):
    root = vault(
        {
            "People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network"),
            "People/Over.md": person(history(LAST, 7, 7, 7, 7), circle="close"),
        }
    )
    index = load_index(root)
    result = stale(index, gather(index, TODAY), load_config(root))
    assert [(g.circle, [c.contact for c in g.contacts]) for g in result.groups] == [("close", ["Over"])]
    assert [
        (c.contact, c.days_silent, c.drift.usual_gap_days if c.drift else None) for c in result.drifting
    ] == [("Jonas", 77, 21)]
    assert all(c.drift is None for g in result.groups for c in g.contacts)
    text = run(root, "stale").stdout
    assert (
        "Quieter than usual\n"
        "  Jonas  usually every 3 weeks, now silent for 11 weeks, last 2026-09-05; network circle, every 3m\n"
    ) in text
    german = run(root, "--lang", "de", "stale").stdout
    assert (
        "Stiller als sonst\n"
        "  Jonas  sonst alle 3 Wochen, jetzt seit 11 Wochen still, zuletzt am 05.09.2026; Kreis network, alle 3 Monate\n"
    ) in german


def test_stale_after_a_period_asks_for_that_silence_alone(vault):
    root = vault({"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")})
    result = run(root, "stale", "--after", "6m").stdout
    assert "Quieter than usual" not in result and "Jonas" not in result


def test_a_watcher_derives_the_drift_of_a_contact_once(vault, monkeypatch):
    root = vault({"People/Jonas.md": person(history(LAST, 21, 21, 21, 21), circle="network")})
    index = load_index(root)
    activity = replace(gather(index, TODAY), derived={})
    config = load_config(root)
    calls = []
    for module in (vaultkit.reports.agenda, vaultkit.reports.stale):
        monkeypatch.setattr(module, "drift", lambda *args: calls.append(1) or real_drift(*args))
    first = agenda(index, activity, config, 14)
    second = agenda(index, activity, config, 30)  # another agenda: its items derived again, the drift kept
    stale(index, activity, config)
    assert calls == [1]
    assert first.of_kind("drifting")[0].drift is second.of_kind("drifting")[0].drift
