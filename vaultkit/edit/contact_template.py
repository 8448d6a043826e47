"""The contact template `new` and `import` fill in: the vault's own, where Obsidian shows it.

The template is `Contact.md` in the templates folder: the first folder Obsidian's Templates or
Templater settings name, else `[notes] templates` (`Templates/`). That is where `vaultkit init`
writes it and where Obsidian's template picker finds it, so there is one template, which the
user sees and edits. A vault without one gets the template vaultkit ships, the same file init
writes.

It is filled in as Obsidian's core Templates plugin fills it: `{{title}}` is the note's file
name, `{{date}}` and `{{time}}` are today and now in the formats of the plugin's settings, and
`{{date:FORMAT}}` or `{{time:FORMAT}}` use a moment.js format of their own. In the front matter
a filled-in value is quoted or escaped where YAML would read it otherwise, so that no name can
break the note. The name, tags and fields are then set by the editor, not by the template.

Anything else in double braces, and a Jinja tag `{% … %}`, is refused, naming its line: Obsidian
leaves `{{ title }}` (with spaces) or the former Jinja template's `{{ name | yaml }}` as it is, so
a note made from it would keep the braces, or not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from vaultkit.config import Config, load_config
from vaultkit.edit import yamltext
from vaultkit.edit.notetext import NoteText, split_lines
from vaultkit.errors import EXIT_FAILED, TemplateError
from vaultkit.fields import field_for
from vaultkit.language import N_, _, listed
from vaultkit.obsidian import TemplateFormats, format_moment, template_formats
from vaultkit.parse import frontmatter
from vaultkit.parse.frontmatter import FrontMatterError
from vaultkit.shipped import USER_TEMPLATES, shipped_templates

TEMPLATE_NOTE = "Contact.md"
SHIPPED_TEMPLATE = "contact-template.md"
# Where vaultkit used to look for a contact template of the vault's own (in Jinja).
FORMER_OVERRIDE = (USER_TEMPLATES / "contact.md").as_posix()

# Obsidian's placeholders: `{{title}}`, and `{{date}}` or `{{time}}` with an optional format.
_PLACEHOLDER = re.compile(r"\{\{(?:(?P<title>title)|(?P<kind>date|time)(?::(?P<format>.*?))?)\}\}", re.I)
_TEMPLATER = re.compile(r"<%.*?%>")
# What looks like a placeholder or a Jinja tag; those that are not Obsidian's are refused.
_BRACES = re.compile(r"\{\{(?!\{).*?\}\}|\{%.*?%\}")
# What a leftover placeholder most likely meant, by its first word.
_MEANT = {"title": "title", "name": "title", "date": "date", "today": "date", "time": "time", "now": "time"}
# When the template is checked before use: any day and time will do.
_PROBE_TIME = datetime(2000, 1, 1)
# Dates a template's {{date}} does not fill: only a person knows when they met someone or were
# last in touch, and an invented day would count as contact.
DATES_ONLY_A_PERSON_GIVES = ("met", "last_contact")
# A value after these starts there, so a quote after them opens a quoted scalar.
_VALUE_STARTS = ("", ":", "-", "[", "{", ",", "?")
# The placeholders Obsidian's core Templates plugin fills, as messages name them.
_OBSIDIAN_FILLS = ("{{title}}", "{{date}}", "{{time}}")


class ContactTemplateError(TemplateError):
    """The contact template cannot be read or filled in, so no note is written."""

    exit_code = EXIT_FAILED
    consequence = N_("nothing was written")


@dataclass(frozen=True)
class ContactTemplate:
    source: str
    # Where the template came from, as messages show it.
    origin: str
    formats: TemplateFormats = field(default_factory=TemplateFormats)

    def render(self, title: str, when: datetime) -> str:
        """The template filled in for a note named `title`, made at `when`. ContactTemplateError
        names the template line that cannot be filled in or does not read as front matter."""
        lines = split_lines(self.source)
        yaml_lines = range(1, self._closing_line() or 1)
        below_keys = _values_below_keys(lines, yaml_lines)
        for number, line in enumerate(lines):
            self._refuse_what_cannot_be_filled(line, number + 1)
            in_yaml = number in yaml_lines
            lines[number] = self._fill(line, title, when, in_yaml, below_key=number in below_keys)
        text = "".join(lines)
        try:
            NoteText.parse(text.encode("utf-8"))
        except FrontMatterError as exc:
            raise ContactTemplateError(
                self.origin,
                exc.line,
                _("filled in, its front matter cannot be read: {problem}").format(problem=exc.message),
            ) from None
        return text

    def check(self) -> ContactTemplate:
        """The template itself, once it is known to fill in to a note vaultkit can read."""
        self.render("Name", _PROBE_TIME)
        return self

    def _closing_line(self) -> int | None:
        """The index of the line that closes the front matter; None without front matter."""
        try:
            parts = frontmatter.split(self.source)
        except FrontMatterError as exc:
            raise ContactTemplateError(self.origin, exc.line, exc.message) from None
        return None if parts.yaml_text is None else parts.body_line - 2

    def _refuse_what_cannot_be_filled(self, line: str, number: int) -> None:
        if templater := _TEMPLATER.search(line):
            raise ContactTemplateError(
                self.origin,
                number,
                _(
                    "{command} is a Templater command, which vaultkit cannot run; "
                    "write {placeholders}, as Obsidian's core Templates plugin does"
                ).format(command=templater.group(), placeholders=listed(_OBSIDIAN_FILLS, "or")),
            )
        if leftover := _leftover(line):
            raise ContactTemplateError(self.origin, number, _not_filled(leftover))

    def _fill(self, line: str, title: str, when: datetime, in_yaml: bool, below_key: bool) -> str:
        key = line.split(":", 1)[0].strip() if in_yaml and ":" in line and not below_key else ""
        dated_by_a_person = bool(key) and field_for(key, {}) in DATES_ONLY_A_PERSON_GIVES

        def value(match: re.Match[str]) -> str:
            if match["title"]:
                text = title
            elif dated_by_a_person:
                text = ""  # the day the note is made is not the day you met
            else:
                default = self.formats.date if match["kind"].lower() == "date" else self.formats.time
                text = format_moment(match["format"] or default, when)
            return _as_yaml(text, line, match, below_key) if in_yaml else text

        return _PLACEHOLDER.sub(value, line)


def load_contact_template(root: Path, config: Config | None = None) -> ContactTemplate:
    """The vault's contact template, else the shipped one; checked to fill in to a readable note."""
    config = config or load_config(root)
    formats = template_formats(root)
    found = find_contact_template(root, config)
    if found is not None:
        return _read(root, found, formats).check()
    if (root / FORMER_OVERRIDE).is_file():
        raise ContactTemplateError(
            FORMER_OVERRIDE,
            None,
            _(
                "vaultkit now fills the template Obsidian shows, {place}; move this one there, with "
                "{title} where the name goes (vaultkit init writes one to start from)"
            ).format(place=template_places(config)[0], title=_OBSIDIAN_FILLS[0]),
        )
    return ContactTemplate(
        (shipped_templates() / SHIPPED_TEMPLATE).read_text("utf-8"), f"vaultkit/templates/{SHIPPED_TEMPLATE}"
    )


def template_places(config: Config) -> tuple[str, ...]:
    """Where a vault's contact template may be, in the order looked at; init writes the first."""
    folders = dict.fromkeys((*config.obsidian_templates, config.templates_folder))
    return tuple(PurePosixPath(folder, TEMPLATE_NOTE).as_posix() for folder in folders)


def find_contact_template(root: Path, config: Config) -> str | None:
    """The vault's own contact template, vault-relative; None when it has none."""
    for place in template_places(config):
        if (found := _find(root, place)) is not None:
            return found
    return None


def _find(root: Path, place: str) -> str | None:
    """`place` as it is in the vault, its file name in any case (`contact.md` on Linux too)."""
    folder = PurePosixPath(place).parent
    try:
        names = [entry.name for entry in (root / folder).iterdir() if entry.is_file()]
    except OSError:
        return None
    wanted = PurePosixPath(place).name.casefold()
    matching = sorted(name for name in names if name.casefold() == wanted)
    return (folder / matching[0]).as_posix() if matching else None


def _read(root: Path, place: str, formats: TemplateFormats) -> ContactTemplate:
    try:
        source = (root / place).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ContactTemplateError(
            place, None, _("cannot read the template: {reason}").format(reason=exc.strerror or exc)
        ) from None
    except UnicodeDecodeError:
        raise ContactTemplateError(
            place, None, _("the template is not UTF-8; save it as UTF-8 first")
        ) from None
    return ContactTemplate(source, place, formats)


def _leftover(line: str) -> str | None:
    """The first `{{…}}` or `{%…%}` on a template line that is not a placeholder Obsidian fills."""
    for match in _BRACES.finditer(line):
        if not _PLACEHOLDER.fullmatch(match.group()):
            return match.group()
    return None


def _not_filled(leftover: str) -> str:
    """Why `leftover` is refused, and what to write instead."""
    if leftover.startswith("{%"):
        return _(
            "{tag} is a Jinja tag, which vaultkit no longer runs; "
            "write {placeholders}, as Obsidian's core Templates plugin does"
        ).format(tag=leftover, placeholders=listed(_OBSIDIAN_FILLS, "or"))
    inside = leftover[2:-2].strip()
    first_word = re.split(r"[\s|:]", inside, maxsplit=1)[0].lower()
    if _PLACEHOLDER.fullmatch("{{" + inside + "}}"):
        hint = _("write it {placeholder}, without spaces inside the braces").format(
            placeholder="{{" + inside + "}}"
        )
    elif first_word in _MEANT:
        hint = _("use {placeholder}").format(placeholder="{{" + _MEANT[first_word] + "}}")
    else:
        hint = _("they fill only {placeholders}, and vaultkit sets tags and other fields itself").format(
            placeholders=listed(_OBSIDIAN_FILLS)
        )
    return _("{text} is not a placeholder vaultkit or Obsidian fills; {hint}").format(
        text=leftover, hint=hint
    )


def _as_yaml(text: str, line: str, match: re.Match[str], below_key: bool) -> str:
    """`text` for the place of `match` on front-matter `line`, so that YAML reads it as `text`;
    `below_key` says the line holds the value of the `key:` above it."""
    before = _PLACEHOLDER.sub("x", line[: match.start()])  # another placeholder is plain text
    after = line[match.end() :].rstrip("\r\n")
    context = _context(before)
    if context == "double":
        return text.replace("\\", "\\\\").replace('"', '\\"')
    if context == "single":
        return text.replace("'", "''")
    if (
        context == "flow"
        and before.rstrip()[-1:] in ("[", ",", ":")
        and after.lstrip()[:1] in ("]", ",", "}")
    ):
        return yamltext.flow_list([text])[1:-1]
    starts_value = before.rstrip()[-1:] in (":", "-") or (below_key and not before.strip())
    if context == "plain" and starts_value and _ends_value(after):
        return yamltext.scalar(text)
    return text  # in a comment, or part of a longer value: as Obsidian writes it


def _values_below_keys(lines: list[str], yaml_lines: range) -> set[int]:
    """The front-matter lines that are, on their own, the value of a `key:` on the line above:
    indented under it, with no more of the value after them."""
    content = [n for n in yaml_lines if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    found: set[int] = set()
    for key, number, following in zip(content, content[1:], [*content[2:], None]):
        key_indent = _indent(lines[key])
        if (
            _opens_block_value(lines[key])
            and _indent(lines[number]) > key_indent
            and (following is None or _indent(lines[following]) <= key_indent)
        ):
            found.add(number)
    return found


def _opens_block_value(line: str) -> bool:
    """True for `key:` (or `- key:`) with nothing after it: its value starts on a line below."""
    text = line.rstrip()
    return text.endswith(":") and _context(text[:-1]) == "plain"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _context(before: str) -> str:
    """What the text after `before` on a front-matter line is inside: "double" or "single"
    quotes, a "flow" list or mapping, a "comment", or a "plain" value."""
    quote, depth, previous, position = "", 0, "", 0
    while position < len(before):
        char = before[position]
        if (quote == '"' and char == "\\") or (quote == "'" and before[position : position + 2] == "''"):
            position += 1  # an escaped character, or '' for a quote inside single quotes
        elif quote and char == quote:
            quote = ""
        elif not quote and char in "\"'" and previous in _VALUE_STARTS:
            quote = char
        elif not quote and char == "#" and (position == 0 or before[position - 1] in " \t"):
            return "comment"
        elif not quote and char in "[{":
            depth += 1
        elif not quote and char in "]}":
            depth = max(depth - 1, 0)
        if not char.isspace():
            previous = char
        position += 1
    return {'"': "double", "'": "single"}.get(quote) or ("flow" if depth else "plain")


def _ends_value(after: str) -> bool:
    rest = after.lstrip(" \t")
    return not rest or (rest.startswith("#") and after[:1] in (" ", "\t"))
