"""A note as lines that keep their own endings, with the front matter located and loaded.

Editing lines instead of re-serialising YAML is what keeps every other byte: comments, key
order, quoting, BOM, CRLF or LF, and whether the file ends with a newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from vaultkit.edit.yamltext import Style
from vaultkit.language import N_
from vaultkit.parse import frontmatter
from vaultkit.parse.frontmatter import FrontMatterError


@dataclass
class NoteText:
    bom: bool
    # Every line with its ending; only the last line may have none.
    lines: list[str]
    # Index of the line that closes the front matter; None when the note has none.
    closing: int | None
    data: dict[str, Any]
    # Top-level key -> file line (1 is the first line), and keys written twice.
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int, int]]

    @classmethod
    def parse(cls, data: bytes) -> NoteText:
        """Raises FrontMatterError for anything vaultkit cannot read completely."""
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise FrontMatterError(line, "binary", N_("the file holds binary data (NUL bytes)"))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FrontMatterError(
                line,
                "not-utf8",
                N_("the file is not UTF-8 (byte 0x{byte:02X}); save it as UTF-8 first"),
                byte=data[exc.start],
            ) from None
        bom = text.startswith("\ufeff")
        text = text[1:] if bom else text
        parts = frontmatter.split(text)
        if parts.toml:
            raise FrontMatterError(1, "fm-toml", N_("TOML front matter (+++) is not read by vaultkit"))
        lines = split_lines(text)
        if parts.yaml_text is None:
            return cls(bom, lines, None, {}, {}, [])
        loaded = frontmatter.load(parts.yaml_text, 2)
        return cls(bom, lines, parts.body_line - 2, loaded.data, loaded.key_lines, loaded.duplicates)

    @property
    def newline(self) -> str:
        """The ending new lines get: the first line's (CRLF notes stay CRLF)."""
        return "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"

    @property
    def body_start(self) -> int:
        return 0 if self.closing is None else self.closing + 1

    @property
    def body(self) -> str:
        return "".join(self.lines[self.body_start :])

    def content(self, index: int) -> str:
        """Line `index` without its ending."""
        return self.lines[index].rstrip("\n").removesuffix("\r")

    def replace(self, index: int, content: str) -> None:
        line = self.lines[index]
        self.lines[index] = content + line[len(line.rstrip("\n").removesuffix("\r")) :]

    def insert(self, index: int, contents: list[str]) -> None:
        """Insert lines before line `index`; at the end of a file without a final newline the
        file still ends without one."""
        newline = self.newline
        if index == len(self.lines) and self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += newline
            added = [content + newline for content in contents]
            added[-1] = contents[-1]
        else:
            added = [content + newline for content in contents]
        self.lines[index:index] = added
        if self.closing is not None and index <= self.closing:
            self.closing += len(contents)
            # Keys below the new lines move down with them, so that the next edit finds them.
            self.key_lines = {k: n + len(contents) if n > index else n for k, n in self.key_lines.items()}
            self.duplicates = [
                (
                    k,
                    first + len(contents) if first > index else first,
                    again + len(contents) if again > index else again,
                )
                for k, first, again in self.duplicates
            ]

    def add_front_matter(self) -> None:
        """Open an empty front-matter block at the top of a note that has none."""
        self.lines[0:0] = ["---" + self.newline, "---" + self.newline]
        self.closing = 1

    def to_bytes(self) -> bytes:
        return (("\ufeff" if self.bom else "") + "".join(self.lines)).encode("utf-8")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split on LF only (as the front-matter splitter does)."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


@dataclass(frozen=True)
class ValueLine:
    """A top-level `key: value  # comment` line, taken apart so the value can be swapped."""

    head: str  # the key and its colon, as written
    spacing: str  # between the colon and the value
    token: str  # the value as written: plain, 'single' or "double" quoted, or empty
    gap: str  # between the value and the comment
    comment: str

    KEY = frontmatter.TOP_LEVEL_KEY

    @classmethod
    def parse(cls, line: str) -> ValueLine | None:
        """None unless the line holds exactly one value (not an unclosed quote, no text after it)."""
        match = cls.KEY.match(line)
        if not match:
            return None
        rest = line[match.end() :]
        value = rest.lstrip(" \t")
        spacing = rest[: len(rest) - len(value)]
        if value[:1] in ('"', "'"):
            end = _closing_quote(value)
            if end is None:
                return None
            token = value[:end]
        elif value[:1] in ("", "#"):
            token = ""
        else:
            comment = re.search(r"[ \t]#", value)
            token = (value[: comment.start()] if comment else value).rstrip(" \t")
        after = value[len(token) :]
        comment_text = after.lstrip(" \t")
        if comment_text and not comment_text.startswith("#"):
            return None
        return cls(line[: match.end()], spacing, token, after[: len(after) - len(comment_text)], comment_text)

    @property
    def style(self) -> Style:
        return {'"': "double", "'": "single"}.get(self.token[:1], "plain")  # type: ignore[return-value]

    def with_value(self, value: str) -> str:
        """The line with `value` instead; an aligned comment stays in its column if it fits."""
        line = self.head + ((self.spacing if self.token else " ") + value if value else "")
        if not self.comment:
            return line
        gap = (self.gap if self.token else self.spacing) or " "
        if len(gap) > 1 and "\t" not in gap:
            column = len(self.head) + len(self.spacing) + len(self.token) + len(self.gap)
            gap = " " * max(1, column - len(line))
        return line + gap + self.comment


def _closing_quote(value: str) -> int | None:
    """Index after the quote that closes the scalar `value` opens, or None if it stays open."""
    quote, position = value[0], 1
    while position < len(value):
        char = value[position]
        if quote == '"' and char == "\\":
            position += 2
        elif char == quote and quote == "'" and value[position + 1 : position + 2] == "'":
            position += 2
        elif char == quote:
            return position + 1
        else:
            position += 1
    return None
