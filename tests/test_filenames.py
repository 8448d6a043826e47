import pytest

from vaultkit.edit.filenames import note_stem


@pytest.mark.parametrize(
    "name, stem",
    [
        ("Marie Lefèvre", "Marie Lefèvre"),
        ("../../x", "x"),
        ("a/b", "a b"),
        ("a\\b", "a b"),
        ('O\'Brien: "x"', "O'Brien x"),
        ("Who? <me> | *you*", "Who me you"),
        ("[[Link]]#heading^block", "Link heading block"),
        (".hidden", "hidden"),
        ("ends with dots...", "ends with dots"),
        ("tab\tand\nnewline", "tab and newline"),
        ("Console", "Console"),
    ],
)
def test_names_become_file_names_without_separators_or_rejected_characters(name, stem):
    assert note_stem(name) == stem


@pytest.mark.parametrize("name", ["", "   ", ':*?"<>|', "..", "/"])
def test_names_with_nothing_usable_are_refused(name):
    with pytest.raises(ValueError, match="nothing usable"):
        note_stem(name)


@pytest.mark.parametrize("name", ["CON", "con", "nul.txt", "COM1", "LPT9 ", "Aux"])
def test_windows_device_names_are_refused(name):
    with pytest.raises(ValueError, match="device name"):
        note_stem(name)


def test_names_too_long_for_a_file_system_are_refused():
    with pytest.raises(ValueError, match="too long"):
        note_stem("ä" * 101)
    assert note_stem("ä" * 100) == "ä" * 100
