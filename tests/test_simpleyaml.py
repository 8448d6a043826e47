"""The simple front-matter reader must read exactly what the full YAML loader reads, or step aside."""

from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE_VAULT
from tests.corpus import SHAPES
from vaultkit.parse import frontmatter, simpleyaml


def full(text):
    loader = frontmatter._Loader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return ({} if data is None else data), loader.surprises


def simple(text):
    """What the simple reader makes of `text`; where it answers, its key lines are checked
    against those the full path finds."""
    surprises = set()
    loaded = simpleyaml.load(text, lambda value: frontmatter._plain_value(value, surprises))
    if loaded is None:
        return None, surprises
    data, lines = loaded
    assert (lines, []) == frontmatter._top_level_keys(text, 0), text
    return data, surprises


def assert_same_or_none(text):
    data, surprises = simple(text)
    if data is None:
        return False
    try:
        expected = full(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise AssertionError(f"simple reader accepted what YAML refuses: {text!r}: {exc}") from None
    assert (data, surprises) == expected, text
    assert [type(v) for v in data.values()] == [type(v) for v in expected[0].values()], text
    return True


KEYS = st.sampled_from(
    [
        "name",
        "tags",
        "last contact",
        "a-b",
        "x_y",
        "no",
        "on",
        "true",
        "null",
        "Null",
        "y",
        "key ",
        "k",
        "Ü",
        "1a",
        "_",
    ]
)
TRICKY = st.text(alphabet=":#[]{},'\"&*!|>%@`- ?~.\\/\tx0Öü\x85\u2028", max_size=8)
WORDS = st.sampled_from(
    [
        "Marie",
        "Côte d'Azur",
        "O'Brien",
        "2026-03-03",
        "01067",
        "12:30",
        "NO",
        "yes",
        "off",
        "~",
        "null",
        "true",
        "False",
        "42",
        "-5",
        "+3",
        "0",
        "007",
        "1_000",
        "3.14",
        ".5",
        ".inf",
        "1e3",
        "--05-17",
        "a: b",
        "a #b",
        "a#b",
        "[[Marie]]",
        "x,y",
        "-",
        "?",
        ":",
        "a:",
        "",
        "Hansa Tech, GmbH",
        "+49 431 000",
        "[]",
        "-x",
        "?x",
        ":x",
        "a - b",
    ]
)
SCALAR = st.one_of(WORDS, TRICKY, st.text(max_size=10))


@st.composite
def values(draw):
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(SCALAR)
    if kind == 1:
        quote = draw(st.sampled_from(['"', "'"]))
        return quote + draw(SCALAR) + quote + draw(st.sampled_from(["", " ", " # c", "x"]))
    items = draw(
        st.lists(
            st.one_of(SCALAR, SCALAR.map(lambda s: f'"{s}"'), SCALAR.map(lambda s: f"'{s}'")), max_size=4
        )
    )
    separator = draw(st.sampled_from([", ", ",", " , "]))
    return (
        "["
        + separator.join(items)
        + draw(st.sampled_from(["]", ",]", " ]", ""]))
        + draw(st.sampled_from(["", " # c", " x"]))
    )


@st.composite
def block_items(draw):
    """`  - item` lines: mostly one indentation, sometimes another, blank or comment lines
    between, items plain, quoted, nested or empty."""
    indent = draw(st.sampled_from(["", "  ", "    ", " "]))
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            lines.append(draw(st.sampled_from(["", "# c", "  # c", "   "])))
            continue
        here = draw(st.sampled_from(["  ", "   ", "", "\t"])) if shape == 1 else indent
        marker = draw(st.sampled_from(["-", "-  ", "-\t"])) if shape == 2 else "- "
        item = draw(st.one_of(SCALAR, SCALAR.map(lambda s: f'"{s}"'), SCALAR.map(lambda s: f"'{s}'")))
        item = draw(values()) if shape == 3 else item
        lines.append(f"{here}{marker}{item}".rstrip(" ") if shape != 4 else f"{here}- {item}  ")
    return lines


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            lines.append(
                draw(st.sampled_from(["", "# comment", "  # indented", "  - item", "- item", "   "]))
            )
        else:
            key = draw(KEYS)
            gap = draw(st.sampled_from([": ", ":", ":  ", " : ", ":\t"]))
            lines.append(f"{key}{gap}{draw(values())}".rstrip(" ") if shape < 8 else f"{key}{gap}")
            if shape >= 8:  # a block list below the key, as Obsidian writes lists
                lines.extend(draw(block_items()))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + (newline if lines else "")


@settings(max_examples=1500, deadline=None)
@given(documents())
@example("name: Marie\ntags: [kunst, kiel]\nlast contact: 2026-03-03\n")
@example("phone: 01067123\nlocation: NO\nrole: 12:30\n")
@example('knows: ["[[Paul Weber]]", \'[[Anke]]\']\norg: "[[Galerie Nord]]"\n')
@example("name: \t\nrole: -\tx\n")
@example("tags: [?x, -y]\n")
@example("name: a\u2028b\nrole: c\u2029d\n")
@example("phone: " + "1" * 4301 + "\n")
@example("name" + " " * 3000 + ": A\n")
@example("tags:\n  - person\n  - kiel\naliases:\n- Ann\n")
@example("tags:\n  - a\n - b\n")
@example("k:\n  - a\n    - b\n")
@example("k:\n\n  - a\n# c\n  - 'b'\nx: 1\n")
def test_simple_reader_agrees_with_yaml_or_steps_aside(text):
    assert_same_or_none(text)


@st.composite
def obsidian_documents(draw):
    """Front matter as Obsidian writes it: distinct keys, lists as `  - item` lines, words
    people write, now and then something the simple reader must leave to YAML."""
    lines = []
    for key in draw(
        st.lists(
            st.sampled_from(["name", "tags", "aliases", "email", "knows", "org", "met"]),
            unique=True,
            max_size=5,
        )
    ):
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(WORDS)}".rstrip(" "))
            continue
        lines.append(f"{key}:")
        indent = draw(st.sampled_from(["  ", "", "    "]))
        for _ in range(draw(st.integers(0, 4))):
            word = draw(st.one_of(WORDS, WORDS.map(lambda s: f'"{s}"'), WORDS.map(lambda s: f"'{s}'")))
            here = indent if draw(st.integers(0, 9)) else draw(st.sampled_from([" ", "   ", "\t"]))
            lines.append(f"{here}- {word}".rstrip(" "))
    return "\n".join(lines) + "\n"


@settings(max_examples=1500, deadline=None)
@given(obsidian_documents())
def test_simple_reader_agrees_with_yaml_on_block_lists_or_steps_aside(text):
    assert_same_or_none(text)


def test_simple_reader_takes_every_valid_note_of_the_example_vault():
    texts = {
        path.name: frontmatter.split(path.read_text(encoding="utf-8")).yaml_text
        for path in Path(EXAMPLE_VAULT).rglob("*.md")
        if "Templates" not in path.parts
    }
    declined = {name for name, text in texts.items() if text is not None and not assert_same_or_none(text)}
    assert declined == {"Broken Example.md"}


def test_simple_reader_on_the_corpus():
    for shape in SHAPES:
        try:
            text = shape.content.decode("utf-8").lstrip("\ufeff")
            parts = frontmatter.split(text)
        except (UnicodeDecodeError, frontmatter.FrontMatterError):
            continue
        if parts.yaml_text is not None and len(parts.yaml_text) < 10_000:
            data, _ = simple(parts.yaml_text)
            if data is not None:
                assert (data, simple(parts.yaml_text)[1]) == full(parts.yaml_text), shape.name
