"""A note's tags in every form Obsidian accepts.

In front matter: a YAML list, a comma-separated or space-separated string, with or without `#`
(`tags: [person]`, `tags: people, 2023-06,`, `tags: "#people #person"`). In the body: `#tag`
outside code and links. Tags keep their case here; compare them folded.
"""

from __future__ import annotations

import re
from typing import Any

from vaultkit.parse.markdown import blank_code_spans, in_code_blocks

# Obsidian: a tag is `#` and then letters, digits, `_`, `-` and `/`, not only digits. It starts a
# word (`a#b`, `page/#part` are no tags); `# Title` and `## Log` are headings, not tags. (The
# look back at the character before the `#` comes after it: a pattern that starts with a
# look-behind is tried at every character of the line, one that starts with `#` only at each `#`.)
_INLINE_TAG = re.compile(r"#(?<![\w#&/\]]#)([\w/-]*[^\W\d][\w/-]*)")
_TAG_SEPARATORS = re.compile(r"[,\s]+")
# No bracket inside a part: a line of thousands of `[[` or `](` costs linear time.
_LINK_TARGET = re.compile(r"\[\[[^\[\]]*\]\]|\]\((?:<[^<>\n]*>|[^()<>]*)\)")


def tags_of(value: Any) -> tuple[str, ...]:
    """The tags a front-matter `tags` value holds, without `#`; the order kept, duplicates not."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    found: dict[str, None] = {}
    for item in items:
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            for word in _TAG_SEPARATORS.split(str(item)):
                tag = word.strip().lstrip("#")
                if tag:
                    found[tag] = None
    return tuple(found)


def inline_tags(body: str, body_line: int) -> tuple[tuple[str, int], ...]:
    """(tag, file line) of each `#tag` in the body outside code, links and quoted URLs."""
    if "#" not in body:
        return ()
    found: list[tuple[str, int]] = []
    lines = body.split("\n")
    for offset, (line, code) in enumerate(zip(lines, in_code_blocks(lines))):
        if code or "#" not in line:
            continue
        visible = blank_code_spans(line)
        visible = _LINK_TARGET.sub(" ", visible) if "](" in visible or "[[" in visible else visible
        found.extend((match.group(1), body_line + offset) for match in _INLINE_TAG.finditer(visible))
    return tuple(found)
