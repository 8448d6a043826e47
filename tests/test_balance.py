import json
from datetime import date

from click.testing import CliRunner

from tests.conftest import person
from vaultkit.cli import cli
from vaultkit.index import load_index
from vaultkit.render.speech import balance as speech
from vaultkit.reports.balance import balance

TODAY = date(2026, 11, 21)


def accounts(vault, files, today=TODAY):
    return {a.contact: a for a in balance(load_index(vault(files)), today).accounts}


def test_gave_and_got_are_counted_from_the_log_with_the_last_day_given(vault):
    found = accounts(
        vault,
        {
            "People/A.md": person(
                "- 2026-03-01 call: helped with the move #gave\n"
                "- 2026-05-01 mail: sent the article #gave\n"
                "- 2026-04-01 coffee: she paid #got\n"
                "- 2026-06-01 call: just talked\n"
            )
        },
    )
    a = found["A"]
    assert (a.gave, a.got, a.last_gave, a.last_got) == (2, 1, date(2026, 5, 1), date(2026, 4, 1))
    assert not a.only_taking and not a.never_given


def test_contact_who_only_gave_to_me_is_flagged_as_only_taking(vault):
    result = balance(
        load_index(
            vault(
                {
                    "People/Taker.md": person("- 2026-01-01 coffee: he helped me #got\n"),
                    "People/Even.md": person("- 2026-01-01 coffee: #got\n- 2026-02-01 call: #gave\n"),
                    "People/Quiet.md": person(),
                }
            )
        ),
        TODAY,
    )
    assert [a.contact for a in result.only_taking] == ["Taker"]
    assert [a.contact for a in result.untouched] == ["Quiet"]
    assert {a.contact for a in result.accounts if a.never_given} == {"Taker", "Quiet"}


def test_entries_after_today_and_archived_contacts_do_not_count(vault):
    found = accounts(
        vault,
        {
            "People/A.md": person("- 2026-12-24 visit: presents #gave\n"),
            "People/Old.md": person("- 2020-01-01 call: #got\n", status="archived"),
        },
    )
    assert (found["A"].gave, set(found)) == (0, {"A"})


def test_those_who_got_least_from_me_come_first(vault):
    result = balance(
        load_index(
            vault(
                {
                    "People/Giver.md": person("- 2026-01-01 a: #got\n- 2026-01-02 b: #got\n"),
                    "People/Owed.md": person("- 2026-01-01 a: #got\n"),
                    "People/Even.md": person("- 2026-01-01 a: #got\n- 2026-01-02 b: #gave\n"),
                    "People/Helped.md": person("- 2026-01-01 a: #gave\n"),
                    "People/Quiet.md": person(),
                }
            )
        ),
        TODAY,
    )
    assert [a.contact for a in result.accounts] == ["Giver", "Owed", "Even", "Helped", "Quiet"]


def test_gave_and_got_tags_follow_the_config(vault):
    root = vault(
        {
            ".vaultkit.toml": '[log]\ngave = "#gegeben"\ngot = "#bekommen"\n',
            "People/A.md": person("- 2026-01-01 a: #gegeben\n- 2026-01-02 b: #gave\n"),
        }
    )
    account = balance(load_index(root), TODAY).accounts[0]
    assert (account.gave, account.got) == (1, 0)


def test_cli_text_says_from_your_side_where_you_stand_and_lists_the_untouched(vault):
    root = vault(
        {
            "People/Ann.md": person("- 2026-01-01 a: #got\n"),
            "People/Bo.md": person("- 2026-02-03 a: #gave\n"),
            "People/Cy.md": person(),
        }
    )
    result = CliRunner().invoke(cli, ["--vault", str(root), "balance", "--today", "2026-11-21"])
    assert result.exit_code == 0
    assert result.output == (
        "Give and take on Sat 2026-11-21, from #gave and #got in the logs\n"
        "\n"
        "       you gave  you received  you last gave\n"
        "  Ann         0             1  never          you've only received\n"
        "  Bo          1             0  2026-02-03     you've only given\n"
        "\n"
        "Your turn to give (they've helped you, you haven't given back yet): Ann\n"
        "\n"
        "Nothing either way (no #gave or #got with them yet): Cy\n"
    )


def test_every_balance_is_said_from_your_side(vault):
    found = accounts(
        vault,
        {
            "People/Received.md": person("- 2026-01-01 a: #got\n- 2026-01-02 b: #got\n"),
            "People/Given.md": person("- 2026-01-01 a: #gave\n"),
            "People/Even.md": person("- 2026-01-01 a: #gave\n- 2026-01-02 b: #got\n"),
            "People/More.md": person("- 2026-01-01 a: #gave\n- 2026-01-02 b: #gave\n- 2026-01-03 c: #got\n"),
            "People/Less.md": person("- 2026-01-01 a: #gave\n- 2026-01-02 b: #got\n- 2026-01-03 c: #got\n"),
            "People/Quiet.md": person(),
        },
    )
    assert {contact: stands(account) for contact, account in found.items()} == {
        "Received": "you've only received",
        "Given": "you've only given",
        "Even": "even",
        "More": "you've given more",
        "Less": "you've received more",
        "Quiet": None,
    }


def stands(account):
    return speech.stands(account) if account.stands else None


def takers(count):
    return {f"People/Taker {n:02d}.md": person("- 2026-01-01 a: #got\n") for n in range(count)}


def test_text_names_the_first_few_takers_and_counts_the_rest(vault):
    root = vault(takers(20) | {f"People/Quiet {n:02d}.md": person() for n in range(12)})
    result = CliRunner().invoke(cli, ["--vault", str(root), "balance", "--today", "2026-11-21"])
    first_eight = ", ".join(f"Taker {n:02d}" for n in range(7)) + ", Taker 07"
    assert f"you haven't given back yet): {first_eight} and 12 more\n" in result.output
    assert "no #gave or #got with them yet): Quiet 00, " in result.output
    assert "Quiet 07 and 4 more\n" in result.output


def test_markdown_names_the_first_few_takers_and_json_has_them_all(vault):
    root = vault(takers(20))
    args = ["--vault", str(root), "balance", "--today", "2026-11-21", "--format"]
    markdown = CliRunner().invoke(cli, [*args, "markdown"]).output
    summary = markdown.split("## Your turn to give")[1]
    assert "[[Taker 07]] and 12 more\n" in summary and "[[Taker 08]]" not in summary
    document = json.loads(CliRunner().invoke(cli, [*args, "json"]).stdout)
    assert sum(c["only_taking"] for c in document["contacts"]) == 20


def test_cli_json_follows_the_balance_contract(vault):
    root = vault({"People/Ann.md": person("- 2026-01-01 a: #got\n")})
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "balance", "--today", "2026-11-21", "--format", "json"]
    )
    assert json.loads(result.output) == {
        "schema": "vaultkit.balance/1",
        "today": "2026-11-21",
        "contacts": [
            {
                "contact": "Ann",
                "name": "Ann",
                "gave": 0,
                "got": 1,
                "last_gave": None,
                "last_got": "2026-01-01",
                "only_taking": True,
                "never_given": True,
            }
        ],
        "incomplete": [],
    }


def test_cli_markdown_links_contacts(vault):
    root = vault({"People/Ann.md": person("- 2026-01-01 a: #got\n", name="Ann Smith")})
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "balance", "--today", "2026-11-21", "--format", "markdown"]
    )
    assert "| [[Ann\\|Ann Smith]] | 0 | 1 | never | you've only received |" in result.output
    assert "They've helped you, you haven't given back yet: [[Ann|Ann Smith]]\n" in result.output
