"""How the reports say their facts (vaultkit.render.speech): English as vaultkit always wrote
it, German as people write it, from the same facts."""

from __future__ import annotations

from datetime import date

import pytest

from vaultkit import language
from vaultkit.cadence import Cadence
from vaultkit.model import Duration
from vaultkit.render.speech import cadence, path, stale
from vaultkit.reports.network.graph import Link

NETWORK = Cadence(Duration(3, "m"), Duration(6, "m"), "circle", "network")
OWN = Cadence(Duration(1, "w"), None, "own")


@pytest.fixture
def german():
    language.use("de")
    yield
    language.use("en")


def test_a_cadence_in_english_is_the_rule_and_the_periods_as_notes_write_them():
    assert cadence.described(NETWORK) == NETWORK.describe() == "network circle, every 3m, at most 6m"
    assert cadence.under_heading(NETWORK, "network") == "every 3m, at most 6m"
    assert cadence.under_heading(OWN, "network") == "own cadence, every 1w"
    assert cadence.described(Cadence(Duration(2, "w"), None, "tag", "family")) == "tag rule family, every 2w"
    assert cadence.described(Cadence(Duration(6, "m"), None, "default")) == "vault default, every 6m"


def test_a_cadence_in_german_says_its_periods_in_words(german):
    assert cadence.described(NETWORK) == "Kreis network, alle 3 Monate, spätestens nach 6 Monaten"
    assert cadence.described(OWN) == "eigener Rhythmus, jede Woche"
    assert cadence.period(Cadence(Duration(1, "m"), Duration(1, "y"), "default")) == (
        "jeden Monat, spätestens nach einem Jahr"
    )
    assert (
        cadence.described(Cadence(Duration(10, "d"), None, "tag", "family"))
        == "Tag-Regel family, alle 10 Tage"
    )


def test_silent_for_a_period_in_german_takes_the_dative(german):
    assert stale.silent_for(Duration(6, "m")) == "6 Monaten"
    assert stale.silent_for(Duration(1, "y")) == "einem Jahr"
    assert stale.silent_for(Duration(1, "w")) == "einer Woche"


def test_a_meeting_link_names_its_day_when_the_note_name_does_not(german):
    met = Link("met", "Anke", "Lena", "Kunstnacht", date(2025, 9, 19))
    assert path.link(met) == "Anke und Lena waren beide bei Kunstnacht (19.09.2025)"
    assert path.link(Link("introduced", "Marie", "Paul")) == "Marie hat Paul vorgestellt"
    language.use("en")
    assert path.link(met) == "Anke and Lena were at Kunstnacht (2025-09-19)"
