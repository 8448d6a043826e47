import os
import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from vaultkit.config import Config, ConfigError, _Validator, is_generated_note, load_config
from vaultkit.model import NO_CADENCE, Duration


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / ".vaultkit.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_config_means_defaults(tmp_path):
    assert load_config(tmp_path) == Config()


def test_shipped_config_template_is_valid_and_equals_the_defaults(tmp_path):
    shipped = (Path(__file__).parent.parent / "templates" / "vaultkit.toml").read_text()
    config = load_config(write_config(tmp_path, shipped))
    assert config.circle_cadences == Config().circle_cadences
    assert config.default_cadence == Duration(6, "m")
    assert config.date_pattern.pattern == Config().date_pattern.pattern


def test_settings_are_read(tmp_path):
    config = load_config(
        write_config(
            tmp_path,
            """
[contacts]
folders = ["Contacts/"]
[cadence]
default = "1y"
[cadence.circles]
family = "weekly"
reserve = "none"
[cadence.tags]
family = "2w"
kiel = "1m"
[fields]
geburtstag = "birthday"
[log]
heading = "Kontakte"
""",
        )
    )
    assert config.contact_folders == ("Contacts",)
    assert config.default_cadence == Duration(1, "y")
    assert config.circle_cadences == {"family": Duration(1, "w"), "reserve": NO_CADENCE}
    assert config.tag_cadences == (("family", Duration(2, "w")), ("kiel", Duration(1, "m")))
    assert config.field_aliases["geburtstag"] == "birthday"
    assert config.log_heading == "Kontakte"


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    root = write_config(
        tmp_path,
        """[contacts]
folders = "People"
colour = "blue"
[cadence]
default = "sometimes"
[fields]
geburtstag = "birthdayy"
[notes]
date_pattern = '(unclosed'
templates = "../outside"
[extra]
x = 1
""",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    found = {(d.line, d.message.split(" ")[0]) for d in caught.value.diagnostics}
    assert [d.line for d in caught.value.diagnostics] and all(
        d.path == ".vaultkit.toml" for d in caught.value.diagnostics
    )
    assert {d.line for d in caught.value.diagnostics} == {2, 3, 5, 7, 9, 10, 11}, found


REPORTS_APART = "; reports need a folder of their own"
TEMPLATES_UNREAD = "; notes in the templates folder are never read, so those contacts would be lost"


@pytest.mark.parametrize(
    "text, line, message",
    [
        (
            "[report]\nfolder = 'People'\n",
            2,
            "report.folder 'People' is the contacts folder 'People'" + REPORTS_APART,
        ),
        (
            "[report]\nfolder = 'people/Reports'\n",
            2,
            "report.folder 'people/Reports' lies inside the contacts folder 'People'" + REPORTS_APART,
        ),
        (
            "[contacts]\nfolders = ['Friends', '_vaultkit/People']\n",
            2,
            "report.folder '_vaultkit' holds the contacts folder '_vaultkit/People'" + REPORTS_APART,
        ),
        (
            "[notes]\ntemplates = '_vaultkit'\n",
            2,
            "report.folder '_vaultkit' is the templates folder '_vaultkit'" + REPORTS_APART,
        ),
        (
            "[notes]\ntemplates = 'Templates'\n[report]\nfolder = 'Templates/Reports'\n",
            4,
            "report.folder 'Templates/Reports' lies inside the templates folder 'Templates'" + REPORTS_APART,
        ),
        (
            "[notes]\ntemplates = 'People'\n",
            2,
            "notes.templates 'People' is the contacts folder 'People'" + TEMPLATES_UNREAD,
        ),
        (
            "[contacts]\nfolders = ['Templates/People']\n",
            2,
            "notes.templates 'Templates' holds the contacts folder 'Templates/People'" + TEMPLATES_UNREAD,
        ),
    ],
)
def test_report_templates_and_contacts_folders_are_kept_apart(tmp_path, text, line, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.message) == (line, message)


def test_folders_beside_each_other_or_templates_inside_contacts_are_fine(tmp_path):
    config = load_config(
        write_config(
            tmp_path, "[report]\nfolder = 'People Reports'\n[notes]\ntemplates = 'People/Templates'\n"
        )
    )
    assert (config.report_folder, config.templates_folder) == ("People Reports", "People/Templates")


def test_toml_syntax_error_names_its_line(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[contacts]\nfolders = [\n"))
    [problem] = caught.value.diagnostics
    assert problem.code == "config-syntax" and problem.line >= 2


def test_date_pattern_needs_a_capturing_group(tmp_path):
    with pytest.raises(ConfigError, match="group"):
        load_config(write_config(tmp_path, "[notes]\ndate_pattern = '^\\d{4}'\n"))


@pytest.mark.parametrize(
    "text, line",
    [
        ('[cadence.circles]\ninner = "2w"\n[cadence.tags]\ninner = "sometimes"\n', 4),
        ('[contacts]\ntags = ["person"]\n[cadence]\ndefault = "6m"\ntags = { inner = "sometimes" }\n', 5),
        (
            '[cadence]\ncircles = { inner = "2w" }\n\n[cadence.tags]\n# first the family\ninner = "sometimes"\n',
            6,
        ),
    ],
)
def test_a_problem_names_the_line_of_its_own_table_not_a_key_of_that_name_elsewhere(tmp_path, text, line):
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    assert [(d.line, d.message.split(":")[0]) for d in caught.value.diagnostics] == [(line, "inner")]


def test_the_owners_note_is_a_note_path_inside_the_vault(tmp_path):
    assert load_config(write_config(tmp_path, '[me]\nnote = "People/Ich.md"\n')).me_note == "People/Ich.md"
    for bad in ('"../Ich.md"', '"People"'):
        with pytest.raises(ConfigError):
            load_config(write_config(tmp_path, f"[me]\nnote = {bad}\n"))


def test_a_report_folder_that_holds_notes_vaultkit_did_not_write_is_refused_on_its_line(tmp_path):
    # `[report] folder = "Daily"` would leave every daily note unread: the report folder never is.
    (tmp_path / "Daily").mkdir()
    for day in ("2026-11-21", "2026-11-20"):
        (tmp_path / "Daily" / f"{day}.md").write_text("Met [[Anna]].\n")
    with pytest.raises(ConfigError) as caught:
        load_config(
            write_config(tmp_path, '[contacts]\nfolders = ["People"]\n\n[report]\nfolder = "Daily"\n')
        )
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.code, problem.message) == (
        5,
        "config-invalid",
        "report.folder 'Daily' holds notes vaultkit did not write, e.g. Daily/2026-11-20.md; vaultkit "
        "never reads the report folder, so they would not count: choose a folder of its own",
    )


def test_a_note_anywhere_below_the_report_folder_counts_and_one_is_enough(tmp_path, monkeypatch):
    reports = tmp_path / "Reports"
    (reports / "old").mkdir(parents=True)
    (reports / "Agenda.md").write_text("---\ngenerated_by: vaultkit\nreport: agenda\n---\n# Agenda\n")
    (reports / "old" / "Mine.md").write_text("---\ntitle: mine\ngenerated_by: vaultkit\n---\n")
    (reports / "old" / "More.md").write_text("mine too\n")
    (reports / "zebra.md").write_text("never read: one note is enough\n")
    opened = []
    real_open = open

    def counting_open(path, *args, **kwargs):
        opened.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[report]\nfolder = 'Reports'\n"))
    monkeypatch.undo()
    assert "e.g. Reports/old/More.md;" in caught.value.diagnostics[0].message
    assert [name for name in opened if name.endswith(".md")] == ["Agenda.md", "Mine.md", "More.md"]


def test_a_report_folder_of_vaultkits_own_reports_and_other_files_is_fine(tmp_path):
    reports = tmp_path / "Reports"
    (reports / ".obsidian").mkdir(parents=True)
    (reports / "Agenda.md").write_text("---\ngenerated_by: vaultkit\nreport: agenda\n---\n# Agenda\n")
    (reports / "Stale.md").write_text('---\ntitle: Mine\ngenerated_by: "vaultkit"  # my template\n---\n')
    (reports / "vaultkit.ics").write_text("BEGIN:VCALENDAR\r\n")
    (reports / ".scratch.md").write_text("hidden: not a note\n")
    (reports / ".obsidian" / "x.md").write_text("hidden folder\n")
    config = load_config(write_config(tmp_path, "[report]\nfolder = 'Reports'\n"))
    assert config.report_folder == "Reports"


def test_the_default_report_folder_is_not_looked_into(tmp_path):
    # Nothing named it; `report` refuses to write over a note of the user's there instead.
    (tmp_path / "_vaultkit").mkdir()
    (tmp_path / "_vaultkit" / "Agenda.md").write_text("# my own agenda\n")
    assert load_config(write_config(tmp_path, "[log]\nheading = 'Log'\n")).report_folder == "_vaultkit"


def test_a_report_folder_that_is_a_contacts_folder_is_one_problem_not_two(tmp_path):
    (tmp_path / "People").mkdir()
    (tmp_path / "People" / "Anna.md").write_text("# Anna\n")
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[report]\nfolder = 'People'\n"))
    [problem] = caught.value.diagnostics
    assert problem.message.startswith("report.folder 'People' is the contacts folder 'People'")


@pytest.mark.parametrize(
    "text, generated",
    [
        ("---\ngenerated_by: vaultkit\n---\n", True),
        ("\ufeff---\r\nreport: agenda\r\ngenerated_by: 'vaultkit'\r\n---\r\n", True),
        ("---\ntitle: x\n---\ngenerated_by: vaultkit\n", False),  # in the body, not the front matter
        ("generated_by: vaultkit\n", False),
        ("---\ngenerated_by: vaultkitty\n---\n", False),
        ("---\n  generated_by: vaultkit\n---\n", False),  # nested below another key
        ("", False),
    ],
)
def test_a_generated_note_says_so_in_its_front_matter(text, generated):
    assert is_generated_note(text.removeprefix("\ufeff")) is generated


def config_keys_documented_in(text: str) -> set[tuple[str, str]]:
    """(section, key) for every `key = …` line in `text`, commented out or not, by its table."""
    found, section = set(), None
    for line in text.splitlines():
        header = re.match(r"\s*\[([\w.]+)\]", line)
        if header:
            section, _, table = header.group(1).partition(".")
            if table:  # [cadence.circles] sets the key `circles` of [cadence]
                found.add((section, table))
        elif section and (key := re.match(r"[#\s]*([\w\"]+)\s*=", line)):
            found.add((section, key.group(1)))
    return found


def test_every_setting_is_documented_in_the_config_init_writes_and_in_the_readme():
    settings = {
        (section, key) for section, keys in _Validator.SECTIONS.items() if keys is not None for key in keys
    }
    shipped = (REPO / "templates" / "vaultkit.toml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1]
    readme_toml = readme.split("```toml", 1)[1].split("```", 1)[0]
    assert settings - config_keys_documented_in(shipped) == set()
    assert settings - config_keys_documented_in(readme_toml) == set()
