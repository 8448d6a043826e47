import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.parse import frontmatter
from vaultkit.parse.frontmatter import FrontMatterError, load, split


def test_front_matter_closed_by_dashes():
    parts = split("---\nname: A\n---\nbody\n")
    assert (parts.yaml_text, parts.body, parts.body_line) == ("name: A\n", "body\n", 4)


def test_front_matter_closed_by_dots():
    parts = split("---\nname: A\n...\nbody")
    assert (parts.yaml_text, parts.body, parts.body_line) == ("name: A\n", "body", 4)


def test_crlf_notes_split_on_the_same_lines():
    parts = split("---\r\nname: A\r\n---\r\nbody\r\n")
    assert (parts.yaml_text, parts.body, parts.body_line) == ("name: A\r\n", "body\r\n", 4)


def test_closing_line_at_end_of_file_without_newline():
    parts = split("---\nname: A\n---")
    assert (parts.yaml_text, parts.body, parts.body_line) == ("name: A\n", "", 4)


def test_no_front_matter_when_first_line_is_not_dashes():
    parts = split("# Title\n---\nname: A\n---\n")
    assert parts.yaml_text is None and parts.body_line == 1 and not parts.toml


def test_dashes_later_in_the_body_are_a_rule_not_front_matter():
    parts = split("---\na: 1\n---\ntext\n---\nmore\n")
    assert parts.yaml_text == "a: 1\n" and parts.body == "text\n---\nmore\n"


def test_toml_front_matter_is_recognised_but_not_read():
    parts = split("+++\ntitle = 'x'\n+++\n")
    assert parts.toml and parts.yaml_text is None


@pytest.mark.parametrize("text", ["---", "---\nname: A\n", "---\nname: A\n--\n"])
def test_unclosed_front_matter_is_an_error_on_line_1(text):
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    assert (caught.value.code, caught.value.line) == ("fm-unclosed", 1)


def test_yaml_error_line_is_the_file_line():
    with pytest.raises(FrontMatterError) as caught:
        load("name: A\ntags: [a\nrole: x\n", first_line=2)
    assert caught.value.code == "yaml-syntax"
    assert caught.value.line in (3, 4)
    assert "line 3" in caught.value.message


@pytest.mark.parametrize(
    "yaml_text, line, problem",
    [
        (
            'a: 1\nb: [2]\nname: "a\x01b"\n',
            4,
            "unacceptable character #x0001: control characters are not allowed",
        ),
        ("a: 1\nb: [2]\nnote: Ölfarbe \x1b[0m\n", 4, "unacceptable character #x001b"),
        ('a: 1\nb: "open\n', 3, "found unexpected end of stream (while scanning a quoted scalar"),
        ("a: 1\nb: [2, 3\nc: 4\n", 4, "did not find expected ',' or ']' (while parsing a flow sequence"),
        ("a: 1\nb: *nowhere\n", 3, "found undefined alias"),
    ],
)
def test_every_kind_of_yaml_error_is_one_line_on_the_line_to_fix(yaml_text, line, problem):
    with pytest.raises(FrontMatterError) as caught:
        load(yaml_text, first_line=2)
    assert (caught.value.code, caught.value.line) == ("yaml-syntax", line)
    assert caught.value.message.startswith(f"invalid YAML: {problem}")
    assert len(caught.value.message.splitlines()) == 1


def test_core_schema_keeps_yaml11_traps_as_text_and_remembers_them():
    loaded = load("a: NO\nb: 01067\nc: 12:30\nd: yes\ne: true\nf: 42\ng: '01067'\n", 2)
    assert loaded.data == {
        "a": "NO",
        "b": "01067",
        "c": "12:30",
        "d": "yes",
        "e": True,
        "f": 42,
        "g": "01067",
    }
    assert loaded.yaml11_surprises == {"NO", "01067", "12:30", "yes"}


def test_dates_stay_text_until_a_field_asks_for_a_date():
    assert load("d: 2026-02-30\n", 2).data == {"d": "2026-02-30"}


def test_key_lines_and_duplicates():
    loaded = load('name: A\n"last contact": 2026-01-01\ntags:\n  - x\nname: B\n', 2)
    assert loaded.key_lines == {"name": 6, "last contact": 3, "tags": 4}
    assert loaded.duplicates == [("name", 2, 6)]


def test_python_object_tags_are_refused():
    with pytest.raises(FrontMatterError) as caught:
        load("x: !!python/object/apply:os.system ['true']\n", 2)
    assert caught.value.code == "yaml-tag"


def test_deep_nesting_is_refused_without_crashing():
    with pytest.raises(FrontMatterError) as caught:
        load("a: " + "[" * 30000 + "]" * 30000 + "\n", 2)
    assert caught.value.code == "fm-too-deep"


def test_moderate_nesting_below_the_limit_loads():
    depth = frontmatter.MAX_DEPTH - 2
    assert load("a: " + "[" * depth + "]" * depth + "\n", 2).data["a"]


def test_self_referencing_alias_is_refused():
    with pytest.raises(FrontMatterError) as caught:
        load("a: &a [*a]\n", 2)
    assert caught.value.code == "fm-alias-bomb"


def test_small_alias_use_is_fine():
    assert load("a: &x [1, 2]\nb: *x\n", 2).data == {"a": [1, 2], "b": [1, 2]}


_line = st.text(
    alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=20
)


@given(
    st.lists(_line, max_size=8),
    st.lists(_line, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["---", "..."]),
)
def test_split_recovers_front_matter_and_body_with_their_line_numbers(fm_lines, body_lines, newline, closer):
    fm_lines = [line for line in fm_lines if line.rstrip() not in ("---", "...")]
    front = "".join(line + newline for line in fm_lines)
    body = newline.join(body_lines)
    parts = split("---" + newline + front + closer + newline + body)
    assert parts.yaml_text == front
    assert parts.body == body
    assert parts.body_line == len(fm_lines) + 3


@given(st.text(max_size=200))
def test_split_never_fails_except_on_unclosed_front_matter(text):
    try:
        parts = split(text)
    except FrontMatterError as exc:
        assert exc.code == ("cr-line-ends" if frontmatter.LONE_CR.search(text) else "fm-unclosed")
        return
    if parts.yaml_text is None:
        assert parts.body == text
    else:
        assert text.endswith(parts.body)


@given(st.text(max_size=300))
def test_load_either_returns_a_mapping_or_raises_a_front_matter_error(text):
    try:
        loaded = load(text, 2)
    except FrontMatterError as exc:
        assert exc.line >= 2
        assert len(exc.message.splitlines()) == 1
        return
    assert isinstance(loaded.data, dict)


def test_keys_without_a_value_are_found_on_their_line_in_crlf_notes_too():
    loaded = load("name: A\r\nbirthday:\r\nrole:   \r\n", first_line=2)
    assert loaded.key_lines == {"name": 2, "birthday": 3, "role": 4}


@pytest.mark.parametrize(
    "yaml_text, line, code, problem",
    [
        ("a: 1\nb: !!python/name:os.system x\n", 3, "yaml-tag", "the YAML tag !!python/name:os.system is"),
        ("a: 1\nb: [2]\nc: !!int seven\n", 4, "yaml-value", "!!int cannot be 'seven' (invalid literal"),
        ("a: 1\nb: [2]\nc: !!timestamp 2026-13-45\n", 4, "yaml-value", "!!timestamp cannot be '2026-13-45'"),
        ("a: 1\nb: [2]\nc: !!bool maybe\n", 4, "yaml-value", "!!bool cannot be 'maybe'"),
        ("a: 1\nb: [2]\nc: " + "9" * 4301 + "\n", 4, "yaml-value", "a number of more than 4,300 digits"),
    ],
)
def test_a_value_yaml_cannot_take_is_left_out_with_its_line(yaml_text, line, code, problem):
    loaded = load(yaml_text, 2, strict=False)
    assert [(p.line, p.code) for p in loaded.problems] == [(line, code)]
    assert loaded.problems[0].message.startswith(problem)
    assert loaded.data["a"] == 1 and list(loaded.data.values())[-1] is None
    with pytest.raises(FrontMatterError) as caught:
        load(yaml_text, 2)
    assert (caught.value.line, caught.value.code) == (line, code)


def test_the_longest_number_python_reads_is_still_a_number():
    assert load("a: " + "9" * 4300 + "\n", 2).data["a"] == 10**4300 - 1


@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029"])
def test_yaml_lines_are_mapped_to_file_lines(line_break):
    with pytest.raises(FrontMatterError) as caught:
        load(f'a: "x{line_break}y{line_break}z"\nb: [1\nc: 2\n', 2)
    assert caught.value.line == 4  # `c: 2`, where the flow list should have closed
    assert "that starts on line 3" in caught.value.message
