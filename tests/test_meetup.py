"""Meet-ups: who may come (only those who want contact), who goes together (a shared place, org,
tag or circle; better, ties), what each gets from the others, and the agenda's line."""

from datetime import date

from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, meeting, person
from vaultkit import language
from vaultkit.activity import gather
from vaultkit.cli import cli
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.render.speech import meetup as say
from vaultkit.reports.network.graph import links_among, network
from vaultkit.reports.network.intros import between, intros
from vaultkit.reports.network.meetup import SCORES, may_gather, meetups, wanting

TODAY = date(2026, 11, 21)
CONFIG = '[cadence]\ndefault = "1m"\n'
OVERDUE = "- 2026-09-01 call: hi\n"  # a month's cadence: overdue since mid-October
DUE = "- 2026-10-15 call: hi\n"  # due since 2026-11-15, not overdue yet
IN_TOUCH = "- 2026-11-10 call: hi\n"


def proposals(vault, files, **options):
    root = vault({".vaultkit.toml": CONFIG, **files})
    index, config = load_index(root), load_config(root)
    return meetups(index, gather(index, TODAY), config, **options).proposals


def members(proposal):
    return [member.contact.id for member in proposal.members]


def test_nobody_snoozed_archived_paused_on_reserve_or_not_due_is_proposed(vault):
    files = {
        "People/Anna.md": person(OVERDUE, location="Kiel"),
        "People/Ben.md": person(DUE, location="Kiel"),
        "People/Cleo.md": person(DUE, location="Kiel"),
        "People/Snoozed.md": person(OVERDUE, location="Kiel", snooze_until="2026-12-31"),
        "People/Archived.md": person(OVERDUE, location="Kiel", status="archived"),
        "People/Paused.md": person(OVERDUE, location="Kiel", paused="true"),
        "People/Reserve.md": person(OVERDUE, location="Kiel", status="reserve"),
        "People/Recent.md": person(IN_TOUCH, location="Kiel"),
        "People/Never.md": person(location="Kiel"),
    }
    (only,) = proposals(vault, files)
    assert members(only) == ["Anna", "Ben", "Cleo"]
    assert [(m.wants, m.last) for m in only.members] == [
        ("overdue", date(2026, 9, 1)),
        ("due", date(2026, 10, 15)),
        ("due", date(2026, 10, 15)),
    ]


def test_two_who_want_contact_are_no_meet_up(vault):
    files = {
        "People/Anna.md": person(OVERDUE, location="Kiel"),
        "People/Ben.md": person(DUE, location="Kiel"),
        "People/Recent.md": person(IN_TOUCH, location="Kiel"),
    }
    assert proposals(vault, files) == ()


def test_three_who_each_share_something_with_one_other_only_are_no_meet_up(vault):
    # Anna and Ben live in Kiel, Ben and Cleo share a tag, Cleo and Anna an org: no three share one.
    files = {
        "People/Anna.md": person(OVERDUE, location="Kiel", org="Werft"),
        "People/Ben.md": person(OVERDUE, location="Kiel", tags="[chor]"),
        "People/Cleo.md": person(DUE, tags="[chor]", org="Werft"),
    }
    root = vault({".vaultkit.toml": CONFIG, **files})
    index, config = load_index(root), load_config(root)
    who = wanting(index, gather(index, TODAY), config)
    assert len(who) == 3 and not may_gather(who, config)
    assert proposals(vault, files) == ()
    files["People/Dora.md"] = person(DUE, location="Kiel-Gaarden")  # in Kiel too
    assert members(proposals(vault, files)[0]) == ["Anna", "Ben", "Dora"]


def test_people_who_know_each_other_or_could_help_each_other_go_together_first(vault):
    # Anna is as overdue as Ben and first by name, but only Ben is tied to the others.
    files = {
        "People/Anna.md": person(OVERDUE, location="Kiel"),
        "People/Ben.md": person(OVERDUE, location="Kiel", needs="[Steuerberatung]"),
        "People/Cleo.md": person(DUE, location="Kiel", knows='["[[Dora]]"]'),
        "People/Dora.md": person(DUE, location="Kiel", offers="[Steuerberatung]"),
    }
    (only,) = proposals(vault, files, size=3)
    assert members(only) == ["Ben", "Cleo", "Dora"]
    assert [(t.a.id, t.b.id, t.link and t.link.kind, t.score) for t in only.ties] == [
        ("Ben", "Dora", None, SCORES["same"]),
        ("Cleo", "Dora", "knows", SCORES["knows"]),
    ]
    # 2 + 1 + 1 for wanting contact, 3 for knowing each other, 3 for a need met, 2 for the place.
    assert only.score == 2 + 1 + 1 + SCORES["knows"] + SCORES["same"] + SCORES["place"]


def test_each_member_says_what_they_would_get_and_could_give(vault):
    files = {
        "People/Carla.md": person(DUE, location="Kiel", needs="[Illustration]", interests="[Hunde]"),
        "People/Marie.md": person(DUE, location="Kiel", offers="[Illustration]", interests="[Hunde]"),
        "People/Katrin.md": person(DUE, location="Kiel", interests="[hunde]"),
    }
    (only,) = proposals(vault, files)
    carla, katrin, marie = only.members
    assert say.gets(carla) == [
        "looking for Illustration: Marie offers Illustration",
        "into Hunde, like Katrin and Marie",
    ]
    assert say.gives(carla) == []
    assert say.gives(marie) == ["could help Carla with Illustration"]
    assert say.gets(katrin) == ["into Hunde, like Carla and Marie"]
    assert say.why(marie) == "due, last contact 2026-10-15"


def test_a_person_is_in_one_proposal_only(vault):
    # Seven due in Kiel, four of them in the choir too: two groups of three, one left over.
    files = {
        f"People/{name}.md": person(DUE, location="Kiel", tags="[chor]" if n < 4 else "[]")
        for n, name in enumerate(["Anna", "Ben", "Cleo", "Dora", "Emil", "Finn", "Gesa"])
    }
    found = proposals(vault, files, size=3)
    everyone = [contact for proposal in found for contact in members(proposal)]
    assert len(found) == 2 and len(everyone) == len(set(everyone)) == 6
    # The choir shares the place and a tag: it scores more, and comes first.
    assert members(found[0]) == ["Anna", "Ben", "Cleo"]
    assert [g.kind for g in found[0].shared] == ["place", "tag"]
    assert found[0].score > found[1].score


def test_nobody_living_elsewhere_joins_and_a_district_is_in_its_city(vault):
    files = {
        "People/Anna.md": person(DUE, tags="[tech]", location="Kiel-Friedrichsort"),
        "People/Ben.md": person(DUE, tags="[tech]", location="Kiel"),
        "People/Cleo.md": person(DUE, tags="[tech]"),  # nobody knows where: may join anyone
        "People/Dora.md": person(OVERDUE, tags="[tech]", location="Berlin"),
    }
    (only,) = proposals(vault, files)
    assert members(only) == ["Anna", "Ben", "Cleo"]
    assert [(g.kind, g.name) for g in only.shared] == [("tag", "tech")]


def test_a_contact_quieter_than_usual_wants_contact_too(vault):
    rhythm = "".join(f"- 2026-{month:02d}-01 Doppelkopf\n" for month in range(3, 9))
    files = {
        ".vaultkit.toml": '[cadence]\ndefault = "1y"\n',
        "People/Jonas.md": person(rhythm, location="Kiel"),
        "People/Anna.md": person("- 2025-09-01 call: hi\n", location="Kiel"),
        "People/Ben.md": person("- 2025-09-01 call: hi\n", location="Kiel"),
    }
    root = vault(files)
    index, config = load_index(root), load_config(root)
    (only,) = meetups(index, gather(index, TODAY), config).proposals
    assert [(m.contact.id, m.wants) for m in only.members] == [
        ("Anna", "due"),
        ("Ben", "due"),
        ("Jonas", "drifting"),
    ]


def _agenda(root, *args):
    result = CliRunner().invoke(cli, ["--vault", str(root), "agenda", "--today", "2026-11-21", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_agenda_names_the_meet_up_of_three_due_people_but_not_of_two(vault):
    files = {
        ".vaultkit.toml": CONFIG,
        "People/Anna.md": person(OVERDUE, location="Kiel"),
        "People/Ben.md": person(DUE, location="Kiel"),
        "People/Recent.md": person(IN_TOUCH, location="Kiel"),
    }
    root = vault(files)
    assert "Meet-up" not in _agenda(root)
    (root / "People/Cleo.md").write_text(person(DUE, location="Kiel"), encoding="utf-8")
    text = _agenda(root)
    assert "\nMeet-up\n  Anna, Ben and Cleo are all in Kiel: see them together instead of one by one" in text
    assert "Recent" not in text.split("Meet-up", 1)[1]
    assert "- [[Anna]], [[Ben]]" not in _agenda(root, "--format", "markdown")  # names said, not linked
    assert "## Meet-up\n\n- Anna, Ben and Cleo are all in Kiel" in _agenda(root, "--format", "markdown")


def test_the_meet_up_speaks_german(vault):
    files = {
        ".vaultkit.toml": CONFIG,
        "People/Anna.md": person(OVERDUE, location="Kiel", needs="[Werkstattplatz]"),
        "People/Ben.md": person(DUE, location="Kiel", offers="[Werkstattplatz im Winter]"),
        "People/Cleo.md": person(DUE, location="Kiel", circle="close"),
    }
    root = vault(files)
    try:
        result = CliRunner().invoke(
            cli, ["--vault", str(root), "--lang", "de", "meetup", "--today", "2026-11-21"]
        )
        agenda = _agenda(root, "--lang", "de")
    finally:
        language.use("en")
    assert result.stdout.startswith(
        "Treffen für Sa., 21.11.2026: wen du zusammen statt einzeln treffen könntest"
    )
    assert "Kiel: 3 Personen" in result.stdout and "alle in Kiel" in result.stdout
    assert "überfällig, letzter Kontakt 01.09.2026" in result.stdout
    assert "sucht Werkstattplatz: Ben bietet Werkstattplatz im Winter" in result.stdout
    assert "könnte Anna mit Werkstattplatz im Winter helfen" in result.stdout
    assert "Anna, Ben und Cleo sind alle in Kiel: triff sie zusammen statt einzeln" in agenda


def test_links_among_a_few_are_the_network_s_links_but_shared_orgs():
    index = load_index(EXAMPLE_VAULT)
    activity = gather(index, TODAY)
    whole = network(index, activity)
    ids = sorted(index.contacts)
    among = links_among(index, activity, ids)
    for a in ids:
        expected = {b: why.kind for b, why in whole.links.get(a, {}).items() if why.kind != "colleagues"}
        found = {b: why.kind for b, why in among.links.get(a, {}).items()}
        # A pair of colleagues who met is a meeting here, a shared org there.
        assert {b: kind for b, kind in found.items() if b in expected} == expected
        assert all(kind == "met" for b, kind in found.items() if b not in expected)
    assert among.links["Anke Brandt"]["Hannah Richter"].place == "2025-09-19 Kunstnacht Kiel"


def test_between_two_gives_what_intros_gives_for_that_pair():
    index = load_index(EXAMPLE_VAULT)
    for intro in intros(index, network(index, gather(index, TODAY))).items:
        assert sorted((r for _, r in between(intro.a, intro.b)), key=repr) == sorted(intro.because, key=repr)


def test_two_who_were_at_a_meeting_together_are_tied(vault):
    files = {
        "People/Anna.md": person(OVERDUE, location="Kiel"),
        "People/Ben.md": person(DUE, location="Kiel"),
        "People/Cleo.md": person(DUE, location="Kiel"),
        "Meetings/Sommerfest.md": meeting("2026-06-01", "Ben", "Cleo"),
    }
    (only,) = proposals(vault, files)
    (tie,) = only.ties
    assert (tie.a.id, tie.b.id, tie.link.kind, tie.link.place, tie.score) == (
        "Ben",
        "Cleo",
        "met",
        "Sommerfest",
        SCORES["met"],
    )
    assert say.links(only) == ["Ben and Cleo were at Sommerfest (2026-06-01)"]


def test_a_watcher_s_meet_ups_after_each_edit_are_those_worked_out_afresh(vault):
    """A watcher keeps each ground's group while its people, their notes and activity stay as
    they were: after every edit, its meet-ups (and the agenda's) are those of a fresh run."""
    from vaultkit.live.watch import Watcher
    from vaultkit.reports.agenda import agenda

    kiel = {f"People/Kiel {n}.md": person(OVERDUE, location="Kiel", tags="[chor]") for n in range(7)}
    # More than one group's worth, each knowing the next: the second group needs their links too.
    hamburg = {
        f"People/Hamburg {n}.md": person(
            DUE, location="Hamburg", org="Hansa", knows=f'["[[Hamburg {n + 1}]]"]'
        )
        for n in range(10)
    }
    root = vault({".vaultkit.toml": CONFIG, **kiel, **hamburg})
    watcher = Watcher(root, lambda: TODAY)
    watcher.build_all()

    def edit(path: str, text: str) -> None:
        (root / path).parent.mkdir(exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
        watcher.apply({path})

    def proposals_now(activity):
        return [p.as_json() for p in meetups(watcher.index, activity, watcher.config).proposals]

    def assert_fresh() -> None:
        index, config = load_index(root), load_config(root)
        fresh = gather(index, TODAY)
        assert proposals_now(watcher.activity()) == [
            p.as_json() for p in meetups(index, fresh, config).proposals
        ]
        kept_agenda = agenda(watcher.index, watcher.activity(), watcher.config).meetup
        fresh_agenda = agenda(index, fresh, config).meetup
        assert (kept_agenda and kept_agenda.as_json()) == (fresh_agenda and fresh_agenda.as_json())

    assert_fresh()
    hamburg_group = meetups(watcher.index, watcher.activity(), watcher.config).proposals
    edit("People/Kiel 0.md", person(IN_TOUCH, location="Kiel", tags="[chor]"))  # in touch now
    assert_fresh()
    # Hamburg's people did not change: their group is the one worked out before.
    assert any(
        kept is proposal
        for kept in hamburg_group
        for proposal in meetups(watcher.index, watcher.activity(), watcher.config).proposals
    )
    edit("Meetings/Probe.md", meeting("2026-06-01", "Kiel 5", "Kiel 6"))  # two of them met, long ago
    assert_fresh()
    edit("People/Kiel 3.md", person(OVERDUE, location="Kiel", tags="[chor]", knows='["[[Kiel 4]]"]'))
    assert_fresh()
    edit("People/Hamburg 1.md", person(DUE, location="Kiel", org="Hansa"))  # moved to Kiel
    assert_fresh()
    edit("People/Kiel 6.md", person(OVERDUE, location="Kiel", tags="[chor]", introduced_by="Kiel 2"))
    assert_fresh()
    edit("Meetings/Probe.md", meeting("2026-06-01", "Kiel 5", "Hamburg 2"))  # another was there
    assert_fresh()
