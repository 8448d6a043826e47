import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.edit import yamltext
from vaultkit.parse import frontmatter


@pytest.mark.parametrize(
    "value, written",
    [
        ("Marie Lefèvre", "Marie Lefèvre"),
        ("2026-11-21", "2026-11-21"),
        ("C# and Go", "C# and Go"),
        ("NO", '"NO"'),
        ("01067", '"01067"'),
        ("12:30", '"12:30"'),
        ("true", '"true"'),
        ("42", '"42"'),
        ("a: b", '"a: b"'),
        ("[[Galerie Nord]]", '"[[Galerie Nord]]"'),
        (" padded ", '" padded "'),
        ("x # not a comment", '"x # not a comment"'),
        ('O\'Brien: "x"', '"O\'Brien: \\"x\\""'),
        ("", '""'),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\x07"'),
        ("line\u2028break", '"line\\u2028break"'),
    ],
)
def test_values_are_plain_only_when_every_reader_agrees(value, written):
    assert yamltext.scalar(value) == written


def test_booleans_and_nothing_are_written_as_yaml_reads_them():
    assert (yamltext.scalar(True), yamltext.scalar(False), yamltext.scalar(None)) == ("true", "false", "")


@pytest.mark.parametrize(
    "value, written",
    [
        (4, "4"),
        (-12, "-12"),
        (2.5, "2.5"),
        (0.00001, "0.00001"),
        (1e16, "10000000000000000.0"),
    ],
)
def test_numbers_are_written_as_plain_yaml_numbers(value, written):
    assert yamltext.scalar(value) == written


@given(st.integers() | st.floats(allow_nan=False, allow_infinity=False))
def test_every_number_reads_back_as_itself_in_both_yaml_versions(value):
    assert yamltext.reads_back(yamltext.scalar(value), value)


def test_a_preferred_quoting_style_is_kept_where_the_value_allows():
    assert yamltext.scalar("Kiel", "double") == '"Kiel"'
    assert yamltext.scalar("it's", "single") == "'it''s'"
    assert yamltext.scalar("bell\x07", "single") == '"bell\\x07"'


def test_flow_lists_quote_only_items_that_need_it():
    assert yamltext.flow_list(["kunst", "a, b", "NO", "x]"]) == '[kunst, "a, b", "NO", "x]"]'


def test_keys_that_yaml_reads_as_something_else_are_not_plain():
    assert yamltext.plain_key("last contact")
    assert not yamltext.plain_key("true")
    assert not yamltext.plain_key("a: b")


one_line_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(one_line_text, st.sampled_from(["plain", "single", "double"]))
def test_every_text_reads_back_exactly(value, style):
    written = yamltext.scalar(value, style)
    assert frontmatter.load(f"k: {written}  # comment\n", 1).data == {"k": value}


@given(st.lists(one_line_text, max_size=5))
def test_every_list_reads_back_exactly(items):
    assert frontmatter.load(f"k: {yamltext.flow_list(items)}\n", 1).data == {"k": items}
