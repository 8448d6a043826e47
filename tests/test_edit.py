from datetime import date

import pytest

from vaultkit.config import Config
from vaultkit.edit import editor as edit
from vaultkit.edit.editor import EditRefused, add_log_entry, set_field
from vaultkit.edit.fieldinput import InvalidValue, NewLogEntry, field_value, snooze_date
from vaultkit.edit.logplace import newest_first
from vaultkit.model import LogEntry
from vaultkit.parse.note import parse_note
from vaultkit.values import unlink

CONFIG = Config()


def set_text(text: str | bytes, key: str, value, config=CONFIG) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = set_field("People/A.md", data, key, value, config)
    return result.after.decode("utf-8")


def log_text(text: str, day: date, entry_text: str = "talked", **options) -> str:
    result = add_log_entry(
        "People/A.md", text.encode("utf-8"), NewLogEntry(day, entry_text, **options), CONFIG
    )
    return result.after.decode("utf-8")


def refusal(call, *args) -> str:
    with pytest.raises(EditRefused) as caught:
        call(*args)
    return str(caught.value)


# Setting a value on its own line


def test_a_value_is_replaced_on_its_own_line_keeping_comment_spacing_and_order():
    before = "---\nname: Marie   # how she signs\ncircle: close\n---\nbody\n"
    assert (
        set_text(before, "name", "Anna") == "---\nname: Anna    # how she signs\ncircle: close\n---\nbody\n"
    )


def test_quoting_style_is_kept_where_the_value_allows():
    assert set_text("---\nphone: '+49 1'\n---\n", "phone", "+49 2") == "---\nphone: '+49 2'\n---\n"
    assert set_text('---\norg: "[[A]]"\n---\n', "org", "[[B]]") == '---\norg: "[[B]]"\n---\n'


@pytest.mark.parametrize(
    "value, written",
    [
        ("NO", '"NO"'),
        ("01067", '"01067"'),
        ("a: b", '"a: b"'),
        ("[[Link]]", '"[[Link]]"'),
        (" x ", '" x "'),
        ("x # y", '"x # y"'),
        ("Kiel", "Kiel"),
    ],
)
def test_values_are_quoted_where_yaml_would_read_them_differently(value, written):
    after = set_text("---\nlocation: Berlin\n---\n", "location", value)
    assert after == f"---\nlocation: {written}\n---\n"
    assert parse_note("People/A.md", after.encode(), CONFIG).contact.location == unlink(value)


def test_a_missing_key_is_added_before_the_closing_line():
    assert set_text("---\nname: A\n...\nbody", "role", "Malerin") == "---\nname: A\nrole: Malerin\n...\nbody"


def test_front_matter_is_created_when_the_note_has_none():
    assert set_text("# A\n\ntext", "circle", "close") == "---\ncircle: close\n---\n# A\n\ntext"
    assert set_text("", "circle", "close") == "---\ncircle: close\n---\n"


def test_crlf_bom_and_a_missing_final_newline_are_kept():
    before = "\ufeff---\r\nname: A\r\n---\r\nbody"
    after = set_field("People/A.md", before.encode(), "role", "x", CONFIG).after
    assert after == "\ufeff---\r\nname: A\r\nrole: x\r\n---\r\nbody".encode()
    created = set_field("People/A.md", "\ufeff# A\r\n".encode(), "role", "x", CONFIG).after
    assert created == "\ufeff---\r\nrole: x\r\n---\r\n# A\r\n".encode()


def test_the_note_s_own_spelling_of_a_field_is_edited():
    before = "---\nlast contact: 2026-01-01\nbirthdate: 1990-01-01\n---\n"
    after = set_text(set_text(before, "last_contact", "2026-02-02"), "birthday", "1991-01-01")
    assert after == "---\nlast contact: 2026-02-02\nbirthdate: 1991-01-01\n---\n"


def test_an_empty_value_clears_the_key_and_keeps_the_comment_in_its_column():
    assert set_text("---\nrole: Malerin  # since 2020\n---\n", "role", None) == (
        "---\nrole:          # since 2020\n---\n"
    )
    assert (
        set_text("---\nrole: Malerin # since 2020\n---\n", "role", None) == "---\nrole: # since 2020\n---\n"
    )


def test_setting_the_value_a_note_already_holds_changes_nothing():
    result = set_field("People/A.md", b"---\ncircle: close\n---\n", "circle", "close", CONFIG)
    assert not result.changed
    assert result.changes == (edit.Change("circle", "close", "close"),)


# Refusals


@pytest.mark.parametrize(
    "text, key, line, message",
    [
        (
            "---\ncircle: close\nname: A\ncircle: inner\n---\n",
            "circle",
            4,
            "circle is set twice (lines 2 and 4)",
        ),
        (
            "---\nbirthday: 1990-01-01\nbirthdate: 1991-01-01\n---\n",
            "birthday",
            3,
            "'birthday' (line 2) and 'birthdate' (line 3) set the same field",
        ),
        ("---\nrole: [a, b]\n---\n", "role", 2, "role holds a list"),
        ("---\nrole:\n  - a\n---\n", "role", 2, "role holds a list"),
        ("---\nrole:\n  x: 1\n---\n", "role", 2, "role holds nested keys"),
        ("---\nrole: a\n  b\n---\n", "role", 2, "the value of role spans several lines"),
        ("---\nrole: |\n  a\n---\n", "role", 2, "the value of role spans several lines"),
        ('---\nrole: "a\n  b"\n---\n', "role", 2, "the value of role spans several lines"),
        ("---\nrole: &r a\nother: *r\n---\n", "role", 2, "uses a YAML anchor"),
        ("---\nrole: !!str a\n---\n", "role", 2, "uses a YAML anchor, alias, tag"),
        ("---\nname: A\n", "role", 1, "never closed"),
        ("---\n- a\n---\n", "role", 2, "front matter is a list"),
        ("---\nname: 'A\n---\n", "role", 2, "invalid YAML"),
        (
            '---\nname: A\nrole: "a\x01b"\n---\n',
            "role",
            3,
            "invalid YAML: unacceptable character #x0001: control characters are not allowed; vaultkit edits only",
        ),
        ("+++\ntitle = 'A'\n+++\n", "role", 1, "TOML front matter"),
    ],
)
def test_unsafe_edits_are_refused_with_the_line_to_fix(text, key, line, message):
    refused = refusal(set_text, text, key, "x")
    assert refused.startswith(f"People/A.md:{line}: ") and message in refused


def test_notes_that_are_not_utf8_or_are_binary_are_refused():
    assert refusal(set_text, "---\nname: Jürgen\n---\n".encode("latin-1"), "role", "x").startswith(
        "People/A.md:2: the file is not UTF-8 (byte 0xFC)"
    )
    assert refusal(set_text, b"\x89PNG\r\n\x00", "role", "x").startswith(
        "People/A.md:2: the file holds binary data"
    )


# Values typed on the command line


@pytest.mark.parametrize(
    "key, text, value",
    [
        ("last_contact", "21.11.2026", "2026-11-21"),  # a date, however typed, as ISO
        ("birthday", "--05-17", "--05-17"),
        ("cadence", "2w", "2w"),
        ("circle", "close", "close"),
        ("status", "Reserve", "Reserve"),
        ("paused", "yes", True),
        ("role", "  Malerin  ", "Malerin"),
        ("role", "", None),
        ("shoe size", "42", "42"),
    ],
)
def test_typed_values_are_checked_for_their_field(key, text, value):
    assert field_value(key, text, CONFIG) == value


@pytest.mark.parametrize(
    "key, text, message",
    [
        ("last_contact", "2026-02-30", "last_contact: '2026-02-30' is not a real date"),
        ("next contact", "soon", "next contact: expected a date"),
        ("birthdate", "31.02.", "birthdate: '31.02.' is not a real date"),
        ("cadence", "sometimes", "cadence: expected a duration"),
        (
            "circle",
            "besties",
            "circle: 'besties' is not a circle; the config has inner, close, network and reserve",
        ),
        ("status", "gone", "status: 'gone' is not one of active, reserve or archived"),
        ("paused", "maybe", "paused: expected true or false, got 'maybe'"),
        ("tags", "a", "tags holds a list; set changes single values"),
        ("alias", "a", "alias holds a list"),
        ("role", "two\nlines", "role must be one line"),
        ("true", "x", "'true' cannot be written as a front-matter key"),
        ("a: b", "x", "'a: b' cannot be written as a front-matter key"),
    ],
)
def test_values_that_do_not_fit_their_field_are_refused_before_reading_the_note(key, text, message):
    with pytest.raises(InvalidValue) as caught:
        field_value(key, text, CONFIG)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    "key, obsidian_type, text, value",
    [
        ("rating", "number", "4", 4),
        ("rating", "number", "-2", -2),
        ("rating", "number", "007", 7),
        ("rating", "number", "2.50", 2.5),
        ("rating", "number", "0.00001", 0.00001),
        ("vip", "checkbox", "yes", True),
        ("vip", "checkbox", "False", False),
        ("met_at", "date", "12.11.2026", "2026-11-12"),
        ("call", "datetime", "2026-11-21T14:30", "2026-11-21T14:30"),
        ("note", "text", "42", "42"),
        ("note", "unknown-type", "42", "42"),
        ("rating", "number", "", None),
        ("cadence", "number", "2w", "2w"),  # vaultkit's own fields keep vaultkit's rules
        ("last_contact", "date", "21.11.2026", "2026-11-21"),  # …and their dates are ISO where Obsidian says
        ("last_contact", None, "21.11.2026", "2026-11-21"),
        ("birthday", "date", "02.03.1950", "1950-03-02"),
        ("birthday", "date", "--05-17", "--05-17"),
        ("birthday", "text", "02.03.1950", "1950-03-02"),
        ("paused", "text", "no", False),
    ],
)
def test_other_properties_take_the_type_obsidian_gives_them(key, obsidian_type, text, value):
    written = field_value(key, text, CONFIG, obsidian_type)
    assert (type(written), written) == (type(value), value)


@pytest.mark.parametrize(
    "key, obsidian_type, text, message",
    [
        (
            "rating",
            "number",
            "four",
            "rating: expected a number like 3 or 2.5 (Obsidian's type for it), got 'four'",
        ),
        ("rating", "number", "2,5", "rating: expected a number"),
        ("rating", "number", "nan", "rating: expected a number"),
        ("rating", "number", "1.2.3", "rating: expected a number"),
        ("vip", "checkbox", "maybe", "vip: expected true or false, got 'maybe'"),
        ("met_at", "date", "soon", "met_at: expected a date"),
        ("call", "datetime", "2026-11-21", "call: expected a date and time like 2026-11-21T14:30"),
        ("call", "datetime", "2026-11-21T25:00", "call: expected a date and time"),
        ("topics", "multitext", "x", "topics holds a list; set changes single values"),
        ("keywords", "tags", "x", "keywords holds a list"),
    ],
)
def test_values_that_do_not_fit_obsidians_type_are_refused(key, obsidian_type, text, message):
    with pytest.raises(InvalidValue) as caught:
        field_value(key, text, CONFIG, obsidian_type)
    assert str(caught.value).startswith(message)


def test_a_contact_cannot_have_happened_after_today_but_may_be_planned_for_then():
    today = date(2026, 11, 21)
    for key in ("last_contact", "met", "last contact"):
        with pytest.raises(InvalidValue, match=r"2027-01-01 is after today \(2026-11-21\)"):
            field_value(key, "01.01.2027", CONFIG, today=today)
    assert field_value("last_contact", "2026-11-21", CONFIG, today=today) == "2026-11-21"
    assert field_value("next_contact", "2027-01-01", CONFIG, today=today) == "2027-01-01"
    assert field_value("last_contact", "2027-01-01", CONFIG) == "2027-01-01"  # imports pass no today
    with pytest.raises(InvalidValue, match=r"birthday: 2030-01-01 is after today \(2026-11-21\)"):
        field_value("birthday", "2030-01-01", CONFIG, today=today)
    assert field_value("birthday", "--12-24", CONFIG, today=today) == "--12-24"


def test_snooze_takes_a_duration_from_today_or_a_date_but_not_the_past():
    today = date(2026, 11, 21)
    assert snooze_date("2w", today) == date(2026, 12, 5)
    assert snooze_date("15.12.2026", today) == date(2026, 12, 15)
    for text, message in [
        ("2026-11-20", "2026-11-20 is in the past"),
        ("none", "snooze needs a duration"),
        ("later", "expected a duration like 2w"),
        ("9000y", "past the year 9999"),
    ]:
        with pytest.raises(InvalidValue, match=message):
            snooze_date(text, today)


@pytest.mark.parametrize("text", ["31.02.2027", "2027-02-31", "2027-13-01"])
def test_snooze_to_a_date_that_does_not_exist_says_so(text):
    with pytest.raises(InvalidValue) as caught:
        snooze_date(text, date(2026, 11, 21))
    assert str(caught.value).startswith(f"'{text}' is not a real date (")


def test_snooze_keeps_the_way_the_note_writes_dates():
    for before, after in [
        ("2026-12-01", "2026-12-15"),
        ("'[[2026-12-01]]'", "'[[2026-12-15]]'"),
        ("01.12.2026", "15.12.2026"),
    ]:
        result = edit.snooze(
            "People/A.md", f"---\nsnooze_until: {before}\n---\n".encode(), date(2026, 12, 15), CONFIG
        )
        assert result.after.decode() == f"---\nsnooze_until: {after}\n---\n"


# The log

MARIE = """---
last_contact: 2026-09-10
---
# Marie

## Log
- 2026-09-10 call: exhibition
- 2026-03-03 call: the dog
  - the vet helped
- 2026-01-10 coffee: met Paul

## Ideas
"""


def test_a_log_written_newest_first_gets_the_entry_in_date_order():
    assert log_text(MARIE, date(2026, 11, 21)).split("\n")[5:8] == [
        "## Log",
        "- 2026-11-21 talked",
        "- 2026-09-10 call: exhibition",
    ]
    assert log_text(MARIE, date(2026, 5, 1)).split("\n")[6:9] == [
        "- 2026-09-10 call: exhibition",
        "- 2026-05-01 talked",
        "- 2026-03-03 call: the dog",
    ]
    assert log_text(MARIE, date(2025, 1, 1)).split("\n")[8:13] == [
        "  - the vet helped",
        "- 2026-01-10 coffee: met Paul",
        "- 2025-01-01 talked",
        "",
        "## Ideas",
    ]


def test_any_other_log_gets_the_entry_after_the_last_one_not_later():
    oldest_first = "## Log\n* 2026-01-10 a\n* 2026-03-03 b\n  continued\nlazily\n\nAfter the list.\n"
    assert log_text(oldest_first, date(2026, 11, 21)) == (
        "---\nlast_contact: 2026-11-21\n---\n## Log\n* 2026-01-10 a\n* 2026-03-03 b\n  continued\nlazily\n"
        "* 2026-11-21 talked\n\nAfter the list.\n"
    )
    assert "* 2026-01-10 a\n* 2026-02-01 talked\n* 2026-03-03 b" in log_text(oldest_first, date(2026, 2, 1))


@pytest.mark.parametrize(
    "log, day, vault_newest_first, expected",
    [
        ("- 2026-05-10 a\n", date(2026, 11, 21), True, "- 2026-11-21 talked\n- 2026-05-10 a\n"),
        ("- 2026-05-10 a\n", date(2026, 1, 1), True, "- 2026-05-10 a\n- 2026-01-01 talked\n"),
        ("- 2026-05-10 a\n", date(2026, 11, 21), False, "- 2026-05-10 a\n- 2026-11-21 talked\n"),
        (
            "- 2026-05-10 a\n- 2026-05-10 b\n",
            date(2026, 11, 21),
            True,
            "- 2026-11-21 talked\n- 2026-05-10 a\n- 2026-05-10 b\n",
        ),
        # A log that shows its own order keeps it, whatever the vault does.
        (
            "- 2026-01-10 a\n- 2026-05-10 b\n",
            date(2026, 11, 21),
            True,
            "- 2026-01-10 a\n- 2026-05-10 b\n- 2026-11-21 talked\n",
        ),
    ],
)
def test_a_log_too_short_to_show_its_order_takes_the_vaults(log, day, vault_newest_first, expected):
    note = f"---\n---\n## Log\n{log}"
    result = add_log_entry(
        "People/A.md", note.encode(), NewLogEntry(day, "talked"), CONFIG, vault_newest_first
    )
    assert result.after.decode().split("## Log\n", 1)[1] == expected


def test_the_vaults_log_order_is_what_most_logs_that_show_one_are_written_in():
    def log(*days):
        return [LogEntry(date(2026, 1, day), None, "x", line) for line, day in enumerate(days, 1)]

    assert newest_first([log(9, 1), log(5, 4, 2), log(1, 3)])
    assert not newest_first([log(9, 1), log(1, 3)])  # a tie keeps the usual order
    assert not newest_first([log(9), log(4, 4), log(), log(1, 2)])  # short and same-day logs show none
    assert not newest_first([])


def test_a_log_heading_inside_a_code_block_is_not_where_entries_go():
    example = "# A\n```\n## Log\n- 2026-01-01 example\n```\n"
    assert log_text(example + "## Log\n- 2026-02-02 real\n", date(2026, 3, 3)).endswith(
        "```\n## Log\n- 2026-02-02 real\n- 2026-03-03 talked\n"
    )
    assert log_text(example, date(2026, 3, 3)).endswith("```\n\n## Log\n- 2026-03-03 talked\n")


def test_an_empty_log_section_gets_the_entry_after_its_text():
    assert log_text("---\n---\n## Log\nWhat we talked about.\n\n## Next\n", date(2026, 11, 21)) == (
        "---\nlast_contact: 2026-11-21\n---\n## Log\nWhat we talked about.\n- 2026-11-21 talked\n\n## Next\n"
    )
    assert log_text("---\n---\n### log", date(2026, 11, 21)) == (
        "---\nlast_contact: 2026-11-21\n---\n### log\n- 2026-11-21 talked"
    )


def test_a_missing_log_heading_is_added_at_the_end_keeping_the_final_newline_state():
    assert log_text("---\nname: A\n---\nText.\n", date(2026, 11, 21)).endswith(
        "---\nText.\n\n## Log\n- 2026-11-21 talked\n"
    )
    assert log_text("---\nname: A\n---\nText.", date(2026, 11, 21)).endswith(
        "---\nText.\n\n## Log\n- 2026-11-21 talked"
    )
    assert log_text("---\nname: A\n---\n", date(2026, 11, 21)).endswith("---\n## Log\n- 2026-11-21 talked\n")


def test_a_crlf_note_gets_crlf_lines():
    after = log_text(MARIE.replace("\n", "\r\n"), date(2026, 11, 21))
    assert after == log_text(MARIE, date(2026, 11, 21)).replace("\n", "\r\n")


def test_kind_and_balance_are_written_the_way_the_log_reads_them():
    after = log_text(MARIE, date(2026, 11, 21), "helped with the flyer", kind="call", balance="gave")
    assert "- 2026-11-21 call: helped with the flyer #gave\n" in after
    entry = parse_note("People/A.md", after.encode(), CONFIG).contact.log[0]
    assert (entry.kind, entry.text, entry.gave, entry.got) == (
        "call",
        "helped with the flyer #gave",
        True,
        False,
    )
    assert "- 2026-11-21 she helped #got\n" in log_text(
        MARIE, date(2026, 11, 21), "she helped #got", balance="got"
    )


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            NewLogEntry(date(2026, 1, 1), "Re: lunch"),
            "the text starts with 'Re:', which the log reads as the kind",
        ),
        (NewLogEntry(date(2026, 1, 1), "x", kind="phone call"), "the kind 'phone call' must be one word"),
        (NewLogEntry(date(2026, 1, 1), "two\nlines"), "the log text must be one line"),
        (NewLogEntry(date(2026, 1, 1), "  "), "the log text is empty"),
    ],
)
def test_entries_that_would_read_back_differently_are_refused(entry, message):
    with pytest.raises(InvalidValue, match=message):
        add_log_entry("People/A.md", MARIE.encode(), entry, CONFIG)


def test_last_contact_only_moves_forward():
    later = add_log_entry("People/A.md", MARIE.encode(), NewLogEntry(date(2026, 11, 21), "x"), CONFIG)
    assert later.changes == (edit.Change("last_contact", "2026-09-10", "2026-11-21"),)
    for day in (date(2026, 9, 10), date(2026, 1, 1)):
        result = add_log_entry("People/A.md", MARIE.encode(), NewLogEntry(day, "x"), CONFIG)
        assert result.changes == (edit.Change("last_contact", "2026-09-10", "2026-09-10"),)
        assert "last_contact: 2026-09-10\n" in result.after.decode()


def test_an_empty_last_contact_is_not_given_a_date_older_than_the_log():
    text = "---\nname: A\n---\n## Log\n- 2026-10-20 coffee\n"
    result = add_log_entry("People/A.md", text.encode(), NewLogEntry(date(2026, 10, 1), "x"), CONFIG)
    assert result.changes == (edit.Change("last_contact", None, None),)
    assert result.after.decode() == "---\nname: A\n---\n## Log\n- 2026-10-01 x\n- 2026-10-20 coffee\n"
    assert "last_contact: 2026-11-21" in log_text(text, date(2026, 11, 21))


def test_last_contact_is_added_when_missing_and_keeps_the_note_s_spelling_and_style():
    assert log_text("# A\n", date(2026, 11, 21)).startswith("---\nlast_contact: 2026-11-21\n---\n# A\n")
    after = log_text("---\nlast contact: '[[2026-01-01]]'\n---\n", date(2026, 11, 21))
    assert after.startswith("---\nlast contact: '[[2026-11-21]]'\n---\n")


def test_a_last_contact_that_is_not_a_date_is_refused_rather_than_overwritten():
    text = "---\nname: A\nlast_contact: last spring\n---\n"
    assert refusal(log_text, text, date(2026, 11, 21)) == (
        "People/A.md:3: last_contact is not a date ('last spring'); fix it, then log again"
    )


# Writing


def test_write_refuses_when_the_note_changed_on_disk_after_it_was_read(tmp_path):
    note = tmp_path / "People/A.md"
    note.parent.mkdir()
    note.write_bytes(b"---\nname: A\n---\n")
    planned = set_field("People/A.md", edit.read(tmp_path, "People/A.md"), "role", "x", CONFIG)
    note.write_bytes(b"---\nname: A\nrole: typed in Obsidian\n---\n")
    assert refusal(edit.write, tmp_path, planned) == (
        "People/A.md: the note changed on disk after vaultkit read it (saved in an editor?); "
        "run the command again"
    )
    assert note.read_bytes() == b"---\nname: A\nrole: typed in Obsidian\n---\n"


def test_write_keeps_permissions_and_writes_through_symlinks(tmp_path):
    real = tmp_path / "elsewhere/A.md"
    real.parent.mkdir()
    real.write_bytes(b"---\nname: A\n---\n")
    real.chmod(0o600)
    (tmp_path / "People").mkdir()
    (tmp_path / "People/A.md").symlink_to(real)
    edit.write(tmp_path, set_field("People/A.md", edit.read(tmp_path, "People/A.md"), "role", "x", CONFIG))
    assert (tmp_path / "People/A.md").is_symlink()
    assert real.read_bytes() == b"---\nname: A\nrole: x\n---\n"
    assert real.stat().st_mode & 0o777 == 0o600


def test_the_diff_is_a_unified_diff_of_the_text():
    result = set_field("People/A.md", b"---\r\nname: A\r\n---\r\n", "role", "x", CONFIG)
    assert result.diff() == (
        "--- a/People/A.md\n+++ b/People/A.md\n@@ -1,3 +1,4 @@\n ---\n name: A\n+role: x\n ---\n"
    )


# Verification: a flaw in the editor is caught before anything is written


def test_a_value_that_would_not_read_back_as_intended_is_refused(monkeypatch):
    monkeypatch.setattr("vaultkit.edit.yamltext.scalar", lambda value, style="plain": "something else")
    assert refusal(set_text, "---\nrole: a\n---\n", "role", "b") == (
        "People/A.md: the edit would change more of the front matter than intended; please report this"
    )
    monkeypatch.setattr("vaultkit.edit.yamltext.scalar", lambda value, style="plain": '"unclosed')
    assert refusal(set_text, "---\nrole: a\n---\n", "role", "b").startswith(
        "People/A.md:2: the edit would leave the note unreadable (invalid YAML"
    )


def test_a_log_entry_placed_outside_the_body_is_refused(monkeypatch):
    monkeypatch.setattr("vaultkit.edit.editor.log_insertion", lambda *args: (1, "-", []))
    assert refusal(log_text, MARIE, date(2026, 1, 1)).startswith(
        "People/A.md:3: the edit would leave the note unreadable (invalid YAML"
    )
    monkeypatch.setattr("vaultkit.edit.editor.log_insertion", lambda *args: (5, "-", ["## Other"]))
    assert refusal(log_text, MARIE, date(2026, 1, 1)) == (
        "People/A.md: the new log entry would not read back as written; please report this"
    )


@pytest.mark.parametrize("word", ["true", "Yes", "on", "y", "1", "false", "NO", "off", "n", "0"])
def test_set_takes_every_true_or_false_word_the_reader_takes(word):
    written = field_value("paused", word, CONFIG)
    note = parse_note("People/A.md", f"---\npaused: {word}\n---\n".encode(), CONFIG)
    assert written is note.contact.paused and not note.diagnostics
