"""vaultkit follows a vault's own Obsidian settings, and stays out of `git status`."""

import json
import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from vaultkit.cache.notes import fingerprint
from vaultkit.cli import cli
from vaultkit.config import Config, ConfigError, load_config
from vaultkit.index import load_index
from vaultkit.obsidian import (
    DAILY_NOTES,
    PERIODIC_NOTES,
    TEMPLATER,
    TEMPLATES,
    DailyNotes,
    Settings,
    date_format,
    read_settings,
)
from vaultkit.vault import is_note, note_paths


def obsidian(root, settings_files: dict[str, object]):
    """Write `.obsidian/` settings: {path: JSON value, or raw text}."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    files = {path: v if isinstance(v, str) else json.dumps(v) for path, v in settings_files.items()}
    write_vault(root, files)
    return root


# --- reading the settings -------------------------------------------------------------------


def test_a_vault_without_obsidian_settings_has_none(tmp_path):
    assert read_settings(tmp_path) == Settings()
    (tmp_path / ".obsidian").mkdir()
    assert read_settings(tmp_path) == Settings()


def test_the_core_templates_folder_is_read(tmp_path):
    obsidian(tmp_path, {TEMPLATES: {"folder": "Meta/Templates"}})
    assert read_settings(tmp_path).templates_folders == (("Meta/Templates", TEMPLATES),)


def test_templaters_templates_folder_is_read_after_the_core_one(tmp_path):
    obsidian(tmp_path, {TEMPLATES: {"folder": "Templates"}, TEMPLATER: {"templates_folder": "Templater"}})
    assert read_settings(tmp_path).templates_folders == (("Templates", TEMPLATES), ("Templater", TEMPLATER))


@pytest.mark.parametrize(
    "value, folder",
    [("/Meta/Templates/", "Meta/Templates"), ("  Extras/ ", "Extras"), ("a//b/./c", "a/b/c")],
)
def test_slashes_around_a_folder_setting_do_not_matter(tmp_path, value, folder):
    obsidian(tmp_path, {TEMPLATER: {"templates_folder": value}})
    assert read_settings(tmp_path).templates_folders == ((folder, TEMPLATER),)


@pytest.mark.parametrize("value", ["", "/", ".", None, 7, ["Templates"], "../Elsewhere", "C:/Templates"])
def test_an_empty_or_foreign_templates_folder_is_no_templates_folder(tmp_path, value):
    obsidian(tmp_path, {TEMPLATES: {"folder": value}, TEMPLATER: {"templates_folder": value}})
    assert read_settings(tmp_path).templates_folders == ()


def test_the_daily_notes_folder_and_format_are_read(tmp_path):
    obsidian(tmp_path, {DAILY_NOTES: {"folder": "Journal/", "format": "DD.MM.YYYY", "template": "T"}})
    assert read_settings(tmp_path).daily_notes == (DailyNotes("Journal", "DD.MM.YYYY", DAILY_NOTES),)


@pytest.mark.parametrize("settings_text", ["{}", '{"format": ""}', '{"format": "  ", "folder": ""}'])
def test_daily_notes_without_a_format_or_folder_are_obsidians_default(tmp_path, settings_text):
    obsidian(tmp_path, {DAILY_NOTES: settings_text})
    assert read_settings(tmp_path).daily_notes == (DailyNotes("", "YYYY-MM-DD", DAILY_NOTES),)


def test_periodic_notes_daily_settings_come_before_the_core_ones_when_enabled(tmp_path):
    obsidian(
        tmp_path,
        {
            DAILY_NOTES: {"folder": "Old Daily"},
            PERIODIC_NOTES: {"daily": {"enabled": True, "folder": "Periodic/Daily", "format": "YYYYMMDD"}},
        },
    )
    assert read_settings(tmp_path).daily_notes == (
        DailyNotes("Periodic/Daily", "YYYYMMDD", PERIODIC_NOTES),
        DailyNotes("Old Daily", "YYYY-MM-DD", DAILY_NOTES),
    )


def test_periodic_notes_daily_settings_are_ignored_when_not_enabled(tmp_path):
    obsidian(tmp_path, {PERIODIC_NOTES: {"daily": {"enabled": False, "folder": "P", "format": "YYYY"}}})
    assert read_settings(tmp_path).daily_notes == ()


def test_periodic_notes_calendar_sets_are_read_the_active_one_first(tmp_path):
    day = {"enabled": True, "folder": "", "format": ""}
    obsidian(
        tmp_path,
        {
            PERIODIC_NOTES: {
                "activeCalendarSet": "Work",
                "calendarSets": [
                    {"id": "Default", "day": {**day, "folder": "Home"}},
                    {"id": "Work", "day": {**day, "folder": "Work"}},
                    "not a set",
                ],
            }
        },
    )
    assert [d.folder for d in read_settings(tmp_path).daily_notes] == ["Work", "Home"]


@pytest.mark.parametrize("path", [TEMPLATES, TEMPLATER, DAILY_NOTES, PERIODIC_NOTES])
@pytest.mark.parametrize(
    "content", ["{not json", "", "[1, 2]", '"text"', "null", "[" * 100_000, b"\xff\xfe{}"]
)
def test_a_malformed_settings_file_is_ignored(tmp_path, path, content):
    obsidian(tmp_path, {path: content} if isinstance(content, str) else {})
    if isinstance(content, bytes):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    assert read_settings(tmp_path) == Settings()
    assert load_config(tmp_path) == Config()


def test_a_settings_file_that_is_a_folder_is_ignored(tmp_path):
    (tmp_path / TEMPLATES).mkdir(parents=True)
    (tmp_path / DAILY_NOTES).mkdir(parents=True)
    assert read_settings(tmp_path) == Settings()


def test_wrongly_typed_daily_settings_are_ignored(tmp_path):
    obsidian(
        tmp_path,
        {
            DAILY_NOTES: {"folder": 3, "format": "YYYY-MM-DD"},
            PERIODIC_NOTES: {"daily": {"enabled": True, "format": ["YYYY"]}, "calendarSets": 5},
        },
    )
    assert read_settings(tmp_path).daily_notes == ()


# --- the config -------------------------------------------------------------------------------


def test_without_a_vaultkit_toml_the_obsidian_settings_make_the_config(tmp_path):
    obsidian(
        tmp_path,
        {
            TEMPLATES: {"folder": "Meta/Templates"},
            TEMPLATER: {"templates_folder": "Meta/Templater"},
            DAILY_NOTES: {"folder": "Journal", "format": "YYYY/MM/YYYY-MM-DD"},
        },
    )
    config = load_config(tmp_path)
    assert config.templates_folder == "Templates"
    assert config.templates_folders == ("Templates", "Meta/Templates", "Meta/Templater")
    assert config.daily_notes == (DailyNotes("Journal", "YYYY/MM/YYYY-MM-DD", DAILY_NOTES),)
    assert config.warnings == ()


def test_obsidians_templates_folders_add_to_the_configured_one(tmp_path):
    obsidian(tmp_path, {TEMPLATES: {"folder": "templates"}, TEMPLATER: {"templates_folder": "Tpl"}})
    (tmp_path / ".vaultkit.toml").write_text('[notes]\ntemplates = "Vorlagen"\n')
    # The same folder in another case is named once.
    assert load_config(tmp_path).templates_folders == ("Vorlagen", "templates", "Tpl")
    (tmp_path / ".vaultkit.toml").write_text('[notes]\ntemplates = "Templates"\n')
    assert load_config(tmp_path).templates_folders == ("Templates", "Tpl")


@pytest.mark.parametrize("folder", ["People", "people", ""])
def test_an_obsidian_templates_folder_holding_the_contacts_is_read_with_a_warning(tmp_path, folder):
    obsidian(tmp_path, {TEMPLATER: {"templates_folder": f"{folder}"}, TEMPLATES: {"folder": "."}})
    (tmp_path / ".vaultkit.toml").write_text('[contacts]\nfolders = ["People/Friends"]\n')
    (tmp_path / "People" / "Friends").mkdir(parents=True)
    config = load_config(tmp_path)  # no ConfigError
    assert config.templates_folders == ("Templates",)
    if folder:
        assert [(w.path, w.code) for w in config.warnings] == [(TEMPLATER, "obsidian-templates")]
        assert "holds the contacts folder 'People/Friends'" in config.warnings[0].message
    else:
        assert config.warnings == ()


def test_the_report_folder_rules_still_hold_for_the_configured_templates_folder(tmp_path):
    obsidian(tmp_path, {TEMPLATER: {"templates_folder": "_vaultkit"}})
    assert load_config(tmp_path).templates_folders == ("Templates", "_vaultkit")  # not an error
    (tmp_path / ".vaultkit.toml").write_text('[report]\nfolder = "Templates/Reports"\n')
    with pytest.raises(ConfigError, match="lies inside the templates folder 'Templates'"):
        load_config(tmp_path)


def test_obsidian_settings_change_the_cache_fingerprint(tmp_path):
    before = fingerprint(load_config(tmp_path))
    obsidian(tmp_path, {DAILY_NOTES: {"format": "DD.MM.YYYY"}})
    assert fingerprint(load_config(tmp_path)) != before


# --- which notes are read ---------------------------------------------------------------------


def test_folder_names_are_skipped_without_regard_to_case(vault):
    root = vault(
        {
            "templates/Meeting.md": "x",
            "meta/TEMPLATER/Daily.md": "x",
            "_VaultKit/Agenda.md": "x",
            "Notes/templates/Kept.md": "x",
            "People/Anna.md": "x",
        }
    )
    obsidian(root, {TEMPLATER: {"templates_folder": "Meta/Templater"}})
    config = load_config(root)
    assert note_paths(root, config) == ["Notes/templates/Kept.md", "People/Anna.md"]
    assert not is_note("TEMPLATES/x.md", config) and not is_note("meta/templater/sub/x.md", config)


# --- moment.js formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, text, day",
    [
        ("YYYY-MM-DD", "2024-06-14", date(2024, 6, 14)),
        ("YYYYMMDD", "20240614", date(2024, 6, 14)),
        ("DD.MM.YYYY", "14.06.2024", date(2024, 6, 14)),
        ("D.M.YY", "4.6.24", date(2024, 6, 4)),
        ("D.M.YY", "4.6.89", date(1989, 6, 4)),
        ("dddd, MMMM Do YYYY", "Friday, June 14th 2024", date(2024, 6, 14)),
        ("ddd D MMM YYYY", "Fri 1 Mar 2024", date(2024, 3, 1)),
        ("Do MMMM YYYY", "14. März 2024", date(2024, 3, 14)),
        ("DD. MMM YYYY", "03. Dez. 2024", date(2024, 12, 3)),
        ("dddd, D. MMMM YYYY", "Freitag, 14. Juni 2024", date(2024, 6, 14)),
        ("[Journal] YYYY-MM-DD", "Journal 2024-06-14", date(2024, 6, 14)),
        ("[Day] YYYY-[W]ww-DD.MM", "Day 2024-W24-14.06", date(2024, 6, 14)),
        ("YYYY/MM/YYYY-MM-DD", "2024/06/2024-06-14", date(2024, 6, 14)),
        ("YYYY/MMMM/YYYY-MM-DD dddd", "2024/June/2024-06-14 Friday", date(2024, 6, 14)),
        ("YYYY-MM-DD HHmm", "2024-06-14 2247", date(2024, 6, 14)),
        ("YYYY\\MM\\DD", "2024M6D14", date(2024, 6, 14)),  # \M and \D: a literal M and D
        ("YYYY\\MMM\\DDD", "2024M06D14", date(2024, 6, 14)),
    ],
)
def test_a_moment_format_reads_back_the_date_it_wrote(moment, text, day):
    assert date_format(moment).read(text) == day


@pytest.mark.parametrize(
    "moment, text",
    [
        ("YYYY-MM-DD", "2024-02-30"),  # no such day
        ("YYYYMMDD", "20231399"),
        ("YYYY-MM-DD", "2024-06-14 extra"),  # all of it, or nothing
        ("YYYY/MM/YYYY-MM-DD", "2024/05/2024-06-14"),  # two different months
        ("MMMM D, YYYY", "Juneish 14, 2024"),
    ],
)
def test_a_moment_format_reads_no_date_from_what_it_did_not_write(moment, text):
    assert date_format(moment).read(text) is None


@pytest.mark.parametrize("moment", ["YYYY-[W]ww", "gggg-MM-DD", "[YYYY-MM-DD]", "MM-DD", "", "YYYY-MM"])
def test_a_format_without_a_year_month_and_day_dates_nothing(moment):
    assert date_format(moment) is None


def test_a_format_with_folders_has_a_file_name_part():
    assert date_format("YYYY/MM/YYYY-MM-DD").file_name().format == "YYYY-MM-DD"
    assert date_format("YYYY/MM/DD").file_name() is None
    assert date_format("[a/b] YYYY-MM-DD").file_name().format == "[a/b] YYYY-MM-DD"


# --- end to end -------------------------------------------------------------------------------

BROKEN_TEMPLATE = "---\ndate: {{date}}\npeople: [{{title}}]\n---\n# {{title}}\n"


def test_a_templates_folder_named_only_by_templater_is_not_read_by_check(vault):
    root = vault({"Extras/Templater/Meeting.md": BROKEN_TEMPLATE, "People/Anna.md": "---\nname: Anna\n---\n"})
    unread = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert unread.exit_code == 1 and "Extras/Templater/Meeting.md:" in unread.output  # it is broken
    obsidian(root, {TEMPLATER: {"templates_folder": "/Extras/Templater/"}})
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "Extras/" not in result.output
    assert result.output.endswith("checked 1 note (1 contact): 0 errors, 0 warnings\n")
    assert result.exit_code == 0


def test_the_index_dates_daily_notes_by_the_vaults_daily_notes_format(vault):
    daily = "Journal/2024/Juni/Freitag, 14.06.24.md"
    root = vault({daily: "Met [[Anna]].\n", "People/Anna.md": "# Anna\n"})
    assert {n.path: n.date for n in load_index(root).notes}[daily] is None
    obsidian(root, {DAILY_NOTES: {"folder": "Journal", "format": "YYYY/MMMM/dddd, DD.MM.YY"}})
    assert {n.path: n.date for n in load_index(root).notes}[daily] == date(2024, 6, 14)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_read_only_commands_leave_git_status_clean(vault, monkeypatch):
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)
    root = vault({"People/Anna.md": "---\nname: Anna\n---\n", "Daily/2024-06-14.md": "Met [[Anna]].\n"})
    obsidian(root, {DAILY_NOTES: {"folder": "Daily"}})

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
        return done.stdout

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "vault")
    for _ in range(2):  # the run that makes the cache, and one that reuses it
        result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
        assert result.exit_code == 0, result.output
    assert (root / ".vaultkit" / "cache" / "notes.sqlite").is_file()
    assert git("status", "--porcelain", "--untracked-files=all") == ""


def test_a_cache_folder_where_no_gitignore_can_be_written_still_caches(vault, monkeypatch):
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)
    root = vault({"People/Anna.md": "# Anna\n"})
    (root / ".vaultkit" / "cache" / ".gitignore").mkdir(parents=True)  # not writable as a file
    result = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert result.exit_code == 0 and result.stderr == ""
    assert (root / ".vaultkit" / "cache" / "notes.sqlite").is_file()


def test_an_existing_cache_gitignore_is_left_as_it_is(vault, monkeypatch):
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)
    root = vault({"People/Anna.md": "# Anna\n", ".vaultkit/cache/.gitignore": "# mine\n*\n"})
    CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert (root / ".vaultkit" / "cache" / ".gitignore").read_text() == "# mine\n*\n"
