"""`vaultkit dashboard` without a browser: what the HTML holds, escapes and refers to, and how
the file is written. tests/test_dashboard_browser.py opens it in Chromium."""

from __future__ import annotations

import json
import os
from datetime import date
from html.parser import HTMLParser

import pytest

from tests.conftest import EXAMPLE_VAULT, write_vault
from tests.dashboards import HOSTILE_FILES, HOSTILE_NAME, TODAY, briefs_in, make_dashboard, run
from vaultkit.activity import gather
from vaultkit.config import load_config
from vaultkit.index import load_index
from vaultkit.reports.brief import brief
from vaultkit.reports.network.give import ideas, strongest

# Where a page would fetch from: only attributes like these load anything.
LOADING = {"src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset", "background"}


class Parts(HTMLParser):
    """Every attribute value, style and script of a page, to look for what it would load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[str, str]] = []
        self._in: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self.styles += [value or "" for name, value in attrs if name == "style"]
        if tag in ("style", "script"):
            self._in = (tag, dict(attrs).get("type") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and self._in[0] == "style":
            self.styles.append(data)
        elif self._in:
            self.scripts.append((self._in[1], data))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("dashboard") / "dashboard.html"
    return make_dashboard(EXAMPLE_VAULT, out).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = write_vault(tmp_path_factory.mktemp("hostile") / "vault", HOSTILE_FILES)
    return make_dashboard(root, root.parent / "dashboard.html").read_text(encoding="utf-8")


def test_the_page_refers_to_nothing_outside_itself(example):
    parts = Parts()
    parts.feed(example)
    loading = [(tag, name, value) for tag, name, value in parts.attributes if name in LOADING]
    assert loading == []
    assert parts.styles and all("url(" not in style and "@import" not in style for style in parts.styles)
    code = [text for kind, text in parts.scripts if kind != "application/json"]
    assert code and all(
        word not in text for text in code for word in ("//", "fetch(", "XMLHttpRequest", "import(")
    )
    # Namespaces name, they do not load: the only addresses outside text.
    addresses = [value for _, name, value in parts.attributes if "http" in value or value.startswith("//")]
    assert set(addresses) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_the_page_is_marked_as_vaultkit_s_and_holds_every_part(example):
    head = example[: example.index("</head>")]
    assert '<meta name="generator" content="vaultkit">' in head
    for part in ("agenda", "network", "brief", "layers", "year", "balance"):
        assert f'id="{part}"' in example
    assert example.count("<svg") >= 3
    assert "Hans Becker" in example and "Overdue" in example and "Give and take" in example


def test_a_hostile_name_is_text_everywhere(hostile):
    assert HOSTILE_NAME not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "<img" not in hostile and "<b>" not in hostile
    # The page's own two scripts, the briefs and the code, and no other.
    assert hostile.count("<script") == 2
    assert "A &amp; B &#34;x&#34;" in hostile or "A &amp; B &quot;x&quot;" in hostile


def test_the_briefs_cannot_end_their_script_and_read_back_as_written(hostile):
    raw = hostile.split('<script type="application/json" id="briefs">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    briefs = briefs_in(hostile)
    assert sorted(briefs) == ["People/Amp.md", "People/Eve.md", "People/Plain.md"]
    assert briefs["People/Eve.md"].startswith(HOSTILE_NAME)
    assert "</script><script>alert(2)</script>" in briefs["People/Eve.md"]
    assert briefs["People/Amp.md"].startswith('A & B "x"')


def test_in_german_every_word_is_german(tmp_path):
    html = make_dashboard(EXAMPLE_VAULT, tmp_path / "d.html", "--lang", "de").read_text(encoding="utf-8")
    assert '<html lang="de">' in html
    for german in ("Überfällig", "Fällig", "Demnächst", "Dein Netzwerk", "Steckbrief", "Beziehungskonto"):
        assert german in html
    english = (
        "Overdue",
        "Coming up",
        "Your network",
        "Zoom in",
        "Whole picture",
        "Give and take",
        "you gave",
    )
    assert [word for word in english if word in html] == []
    assert "Kreis" in briefs_in(html)["People/Priya Nair.md"]


def test_standard_output_with_a_dash_and_the_same_page_each_time(tmp_path):
    first = run("--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", *TODAY, "-o", "-")
    assert first.exit_code == 0
    assert first.stdout.startswith("<!DOCTYPE html>")
    again = run("--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", *TODAY, "-o", "-")
    assert again.stdout == first.stdout


def test_without_output_it_goes_into_the_report_folder(tmp_path):
    root = write_vault(tmp_path / "vault", HOSTILE_FILES)
    result = run("--no-cache", "--vault", str(root), "dashboard", *TODAY)
    assert result.exit_code == 0, result.output
    page = root / "_vaultkit" / "Dashboard.html"
    assert result.stdout == (
        f"wrote _vaultkit/Dashboard.html\nOpen it in a browser: {page.resolve().as_uri()} (it needs no network)\n"
    )
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run("--no-cache", "--vault", str(root), "dashboard", *TODAY)
    assert result.stdout.startswith("unchanged _vaultkit/Dashboard.html\n")


def test_a_file_that_is_not_a_dashboard_is_never_written_over(tmp_path):
    mine = tmp_path / "mine.html"
    mine.write_text("<html><body>my own page</body></html>", encoding="utf-8")
    result = run("--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", *TODAY, "-o", str(mine))
    assert result.exit_code == 1
    assert f"not writing {mine}: it is not a dashboard vaultkit wrote" in result.stderr
    assert mine.read_text(encoding="utf-8") == "<html><body>my own page</body></html>"


def test_a_dashboard_whose_head_a_template_made_long_is_still_known_as_vaultkit_s(tmp_path):
    page = tmp_path / "d.html"
    padding = "<!-- " + "x" * 200_000 + " -->"  # the mark past the first reads of the file
    page.write_text(
        f"<!DOCTYPE html><html><head>{padding}"
        f'<meta name="generator" content="vaultkit"></head><body>old</body></html>',
        encoding="utf-8",
    )
    result = run("--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", *TODAY, "-o", str(page))
    assert result.exit_code == 0, result.output
    written = page.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and padding not in written


@pytest.mark.parametrize("at", [0, 65_536 - 3, 65_536, 3 * 65_536 - 7])
def test_the_end_of_a_head_is_found_wherever_the_reads_cut_the_file(tmp_path, at):
    from vaultkit.live.publish import _html_head

    text = b"<html><head>" + b"h" * at + b"</head><body>" + b"b" * 200_000 + b"</body></html>"
    page = tmp_path / "page.html"
    page.write_bytes(text)
    with open(page, "rb") as file:
        head = _html_head(file)
    end = text.index(b"</head>") + len(b"</head>")
    assert head[:end] == text[:end] and len(head) < len(text)
    page.write_bytes(text.replace(b"</head>", b"</HEAD>"))  # no end it knows: all of it
    with open(page, "rb") as file:
        assert _html_head(file) == text.replace(b"</head>", b"</HEAD>")


def test_a_page_that_names_vaultkit_only_after_its_head_is_not_written_over(tmp_path):
    mine = tmp_path / "mine.html"
    body = "<p>" + "y" * 200_000 + "</p>"
    text = f'<html><head><title>mine</title></head><body>{body}<meta name="generator" content="vaultkit"></body></html>'
    mine.write_text(text, encoding="utf-8")
    result = run("--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", *TODAY, "-o", str(mine))
    assert result.exit_code == 1
    assert "it is not a dashboard vaultkit wrote" in result.stderr
    assert mine.read_text(encoding="utf-8") == text


def test_the_file_is_replaced_whole_not_written_into(tmp_path):
    page = make_dashboard(EXAMPLE_VAULT, tmp_path / "d.html")
    before = page.read_bytes()
    os.link(page, tmp_path / "earlier.html")  # the old file, by a second name
    result = run(
        "--no-cache", "--vault", str(EXAMPLE_VAULT), "dashboard", "--today", "2026-11-22", "-o", str(page)
    )
    assert result.exit_code == 0, result.output
    assert page.read_bytes() != before
    assert (tmp_path / "earlier.html").read_bytes() == before  # a new file took its place
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_inside_the_vault_it_never_writes_through_a_link_out_of_it(tmp_path):
    root = write_vault(tmp_path / "vault", HOSTILE_FILES)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "site").symlink_to(outside)
    result = run("--no-cache", "--vault", str(root), "dashboard", *TODAY, "-o", str(root / "site" / "d.html"))
    assert result.exit_code == 1
    assert "outside the vault, and vaultkit never writes through such a link" in result.stderr
    assert list(outside.iterdir()) == []


def test_each_brief_is_the_one_show_would_give():
    config = load_config(EXAMPLE_VAULT)
    index = load_index(EXAMPLE_VAULT, config)
    activity = gather(index, date(2026, 11, 21))
    giving = strongest(ideas(index, activity))
    for contact_id in index.contacts:
        assert brief(index, activity, config, contact_id, giving) == brief(
            index, activity, config, contact_id
        )


def test_report_writes_the_dashboard_too_when_the_config_asks_for_it(tmp_path):
    files = {**HOSTILE_FILES, ".vaultkit.toml": '[report]\nreports = ["agenda", "dashboard"]\n'}
    root = write_vault(tmp_path / "vault", files)
    result = run("--no-cache", "--vault", str(root), "report", *TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote _vaultkit/Agenda.md\nwrote _vaultkit/Dashboard.html\n"
    page = (root / "_vaultkit" / "Dashboard.html").read_text(encoding="utf-8")
    assert page == run("--no-cache", "--vault", str(root), "dashboard", *TODAY, "-o", "-").stdout
    again = run("--no-cache", "--vault", str(root), "report", *TODAY)
    assert again.stdout == "unchanged _vaultkit/Agenda.md\nunchanged _vaultkit/Dashboard.html\n"


def test_report_leaves_an_html_file_of_someone_else_s_alone(tmp_path):
    files = {
        **HOSTILE_FILES,
        ".vaultkit.toml": '[report]\nreports = ["dashboard"]\n',
        "_vaultkit/Dashboard.html": "<html>mine</html>",
    }
    root = write_vault(tmp_path / "vault", files)
    result = run("--no-cache", "--vault", str(root), "report", *TODAY)
    assert result.exit_code == 1
    assert "not writing _vaultkit/Dashboard.html: it is not a dashboard vaultkit wrote" in result.stderr
    assert (root / "_vaultkit" / "Dashboard.html").read_text(encoding="utf-8") == "<html>mine</html>"


def test_the_briefs_written_an_entry_at_a_time_are_the_json_of_them_all():
    from vaultkit.render.dashboard import script_json_pieces

    briefs = {"People/A.md": "</script><b>&</b> “said” \u2028", "People/B.md": "", "People/Ä.md": "Jürgen\n"}
    pieces = list(script_json_pieces(sorted(briefs.items())))
    whole = json.dumps(briefs, ensure_ascii=False, sort_keys=True)
    assert "".join(pieces) == whole.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert len(pieces) == 5 and json.loads("".join(pieces)) == briefs
    assert "".join(script_json_pieces([])) == "{}"


def test_a_streamed_value_is_printed_as_it_is_where_the_template_puts_it_and_made_only_then(tmp_path):
    from vaultkit.content import PIECE
    from vaultkit.render.templates import template_pieces
    from vaultkit.shipped import USER_TEMPLATES

    folder = tmp_path / USER_TEMPLATES
    folder.mkdir(parents=True)
    (folder / "page.html.j2").write_text("<p>{{ title }}</p>\n{{ big }}\n<p>after</p>\n", encoding="utf-8")
    made = []

    def big():
        for number in range(3):
            made.append(number)
            yield "<i>" + "x" * PIECE + "</i>"

    pieces = template_pieces("page.html.j2", tmp_path, streamed={"big": big()}, title="<Title>")
    assert next(pieces) == "<p>&lt;Title&gt;</p>\n" and made == [0]  # what came before, once it ends
    assert next(pieces) == "<i>" + "x" * PIECE + "</i>" and made == [0]
    rest = "".join(pieces)
    assert made == [0, 1, 2]
    assert rest == "".join("<i>" + "x" * PIECE + "</i>" for _ in range(2)) + "\n<p>after</p>\n"
