from pathlib import Path

import pytest

from vaultkit.config import Config, ConfigError, load_config
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
