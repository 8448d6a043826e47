import json
from datetime import date

from click.testing import CliRunner

from tests.conftest import person
from vaultkit.cli import cli
from vaultkit.index import load_index
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


def test_cli_text_marks_takers_and_lists_the_untouched(vault):
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
        "       gave  got  last given\n"
        "  Ann     0    1  never       only taking\n"
        "  Bo      1    0  2026-02-03\n"
        "\n"
        "Only taking (they gave, you never did): Ann\n"
        "\n"
        "Never given anything (nothing either way): Cy\n"
    )


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
    }


def test_cli_markdown_links_contacts(vault):
    root = vault({"People/Ann.md": person("- 2026-01-01 a: #got\n", name="Ann Smith")})
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "balance", "--today", "2026-11-21", "--format", "markdown"]
    )
    assert "| [[Ann\\|Ann Smith]] (only taking) | 0 | 1 | never |" in result.output
    assert "They gave, you never did: [[Ann]]" in result.output
