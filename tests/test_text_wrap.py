"""Text output wraps to the terminal: long lines go on under their own text, never under the
column to their left; output to a pipe is left as it is, for grep."""

import re
import shutil

import pytest
from click.testing import CliRunner

import vaultkit.cache.outputs
import vaultkit.index
import vaultkit.render.templates
import vaultkit.shipped
from tests.conftest import EXAMPLE_VAULT, person, settle
from vaultkit.cli import cli
from vaultkit.render.templates import columns, wrap

TODAY = ["--today", "2026-11-21"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args, vault=EXAMPLE_VAULT, env=None):
    result = CliRunner().invoke(cli, ["--vault", str(vault), *args, *TODAY], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_a_long_line_goes_on_under_its_own_text():
    line = "  Hans Becker  overdue: last contact 193 days ago; network circle, every 3m"
    assert wrap(line, 15, 40) == (
        "  Hans Becker  overdue: last contact 193\n"
        "               days ago; network circle,\n"
        "               every 3m"
    )


def test_a_line_that_fits_is_left_as_it_is_spaces_and_all():
    assert wrap("  a    b  ", 4, 10) == "  a    b  "
    assert wrap("one two three", 4, None) == "one two three"


def test_colour_codes_take_no_room():
    plain = "  Hans Becker  overdue: last contact 193 days ago; network circle, every 3m"
    styled = plain.replace("Hans Becker", "\x1b[1;31mHans Becker\x1b[0m").replace(
        "every", "\x1b[2mevery\x1b[0m"
    )
    assert ANSI.sub("", wrap(styled, 15, 40)) == wrap(plain, 15, 40)


def test_wide_characters_take_two_columns():
    wrapped = wrap("  名前  東京 大阪 京都 札幌 福岡 神戸", 4, 24).split("\n")
    assert wrapped == ["  名前  東京 大阪 京都", "    札幌 福岡 神戸"]
    assert max(columns(line) for line in wrapped) <= 24


def test_a_word_wider_than_the_room_left_stays_whole():
    assert wrap("  A  see https://example.org/a/very/long/address", 5, 30) == (
        "  A  see\n     https://example.org/a/very/long/address"
    )


def test_a_terminal_too_narrow_for_its_columns_still_leaves_room_for_some_words():
    wrapped = wrap("  Someone  " + "word " * 12, 11, 12).split("\n")
    assert all(columns(line) <= 11 + 20 for line in wrapped)
    assert len(wrapped) > 1


def test_agenda_on_an_80_column_terminal_wraps_under_the_reason_not_under_the_names():
    output = run("agenda", env={"COLUMNS": "80"})
    lines = output.splitlines()
    assert max(columns(line) for line in lines) <= 80
    assert (
        "  Priya Nair       overdue: last contact 62 days ago (2026-09-20, call: hiring\n"
        "                   plan, she gave me sharp feedback on my pitch…); close circle,\n"
        "                   every 1m\n"
        "                     interests: climbing, Carnatic music, climate tech\n"
    ) in output
    assert (
        "  Sat 2026-11-28  Priya Nair       task due in 7 days: Send Priya Nair the\n"
        "                                   article on heat pumps in co-ops\n"
        "                                   (Daily/2026-11-18.md)\n"
    ) in output


def test_stale_on_a_narrow_terminal_wraps_each_line_under_its_own_text():
    output = run("stale", env={"COLUMNS": "50"})
    assert max(columns(line) for line in output.splitlines()) <= 50
    assert (
        "  Lukas Meyer     150 days silent, last\n"
        "                  2026-06-24; every 3m\n"
        "                    last time (2026-06-24): bei\n"
        "                    der Kieler Woche getroffen,\n"
    ) in output


def test_show_on_an_80_column_terminal_wraps_under_the_text_and_keeps_paths_whole():
    output = run("show", "jurgen", env={"COLUMNS": "80"})
    assert max(columns(line) for line in output.splitlines()) <= 80
    assert (
        "  Sat 2026-09-26  Lesung Kulturzentrum Hansa\n"
        "                  Meetings/Lesung Kulturzentrum Hansa.md:1\n"
    ) in output


def test_a_narrow_brief_wraps_its_facts_under_their_values(vault):
    root = vault({"People/A.md": person(interests="[Segeln, Jazz, Stadtgeschichte, Kochen, Radfahren]")})
    output = run("show", "A", vault=root, env={"COLUMNS": "40"})
    assert (
        "  Interests:     Segeln, Jazz,\n                 Stadtgeschichte,\n                 Kochen, Radfahren\n"
        in output
    )


@pytest.mark.parametrize("command", [["agenda"], ["show", "jurgen"]])
def test_output_to_a_pipe_is_not_wrapped(command):
    assert max(columns(line) for line in run(*command).splitlines()) > 80


def test_a_kept_output_is_printed_again_only_at_the_width_it_was_made_for(vault, tmp_path, monkeypatch):
    monkeypatch.delenv("VAULTKIT_NO_CACHE")
    shipped = tmp_path / "shipped"  # settled, so that the output may be kept
    shutil.copytree(vaultkit.shipped.shipped_templates(), shipped)
    settle(shipped)
    monkeypatch.setattr(vaultkit.render.templates, "shipped_templates", lambda: shipped)
    monkeypatch.setattr(vaultkit.cache.outputs, "shipped_templates", lambda: shipped)
    root = vault(
        {"People/A.md": person(circle="close", log="- 2026-09-01 call: " + "a long talk " * 8 + "\n")}
    )
    settle(root)
    narrow = run("agenda", vault=root, env={"COLUMNS": "60"})
    wide = run("agenda", vault=root, env={"COLUMNS": "200"})
    assert narrow != wide
    monkeypatch.setattr(
        vaultkit.index, "load_index", lambda *args, **kwargs: pytest.fail("the notes were read")
    )
    assert run("agenda", vault=root, env={"COLUMNS": "60"}) == narrow
