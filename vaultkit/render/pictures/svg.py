"""A small SVG writer: elements as text, every attribute and text escaped on the way in.

The pictures are coordinates worked out in Python (`vaultkit.reports.pictures.picture`); writing them
here keeps the escaping in one place (`xml.sax.saxutils`), where no loop of a template can
forget it, and numbers in one format (a tenth at most: `12.5`, `12`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from vaultkit.model import GENERATED_BY
from vaultkit.words import printable

# What XML 1.0 cannot hold, besides what `printable` replaces already.
_NOT_IN_XML = re.compile("[\ufffe\uffff]")
_INSTEAD = "\ufffd"
FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'


def text(value: str) -> str:
    """Note text as XML character data: shown as written, never markup."""
    return escape(_NOT_IN_XML.sub(_INSTEAD, printable(value)))


def number(value: float) -> str:
    written = f"{round(value, 1):.1f}"
    written = written[:-2] if written.endswith(".0") else written
    return "0" if written == "-0" else written


def attributes(values: dict[str, object]) -> str:
    """` name="value"` for each value that is not None; `class_` is `class`, `_` in other names
    a `-` (`text_anchor`: `text-anchor`)."""
    written = []
    for name, value in values.items():
        if value is None:
            continue
        name = "class" if name == "class_" else name.replace("_", "-")
        shown = (
            number(value) if isinstance(value, float | int) and not isinstance(value, bool) else str(value)
        )
        written.append(f" {name}={quoteattr(_NOT_IN_XML.sub(_INSTEAD, printable(shown)))}")
    return "".join(written)


class Svg:
    """One picture: its elements in the order drawn, `finish()` its file as UTF-8 in pieces."""

    def __init__(self, kind: str, width: float, height: float, title: str, style: str) -> None:
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(width)} {number(height)}"'
            f"{attributes({'width': width, 'height': height, 'class_': f'vaultkit-picture vaultkit-{kind}'})}"
            f' data-generated-by="{GENERATED_BY}" role="img">',
            f"<title>{text(title)}</title>",
            f"<style>{style}</style>",
        ]
        # What is drawn so far, a line an element, as UTF-8: a large network is 100,000 elements,
        # which took 16 MiB as texts, and as much again joined, where its file is 4.5 MB.
        self._drawn: list[bytes] = []

    def open(self, tag: str, **values: object) -> None:
        self._put(f"<{tag}{attributes(values)}>")

    def close(self, tag: str) -> None:
        self._put(f"</{tag}>")

    def add(self, tag: str, content: str | None = None, **values: object) -> None:
        """An element; `content` is text (escaped here), None an empty element."""
        if content is None:
            self._put(f"<{tag}{attributes(values)}/>")
        else:
            self._put(f"<{tag}{attributes(values)}>{text(content)}</{tag}>")

    def _put(self, element: str) -> None:
        self.parts.append(element)
        if len(self.parts) == _AT_ONCE:
            self._write()

    def _write(self) -> None:
        self._drawn.append(("\n".join(self.parts) + "\n").encode("utf-8"))
        self.parts = []

    def drawn(self) -> Sequence[bytes]:
        """What is drawn and not yet taken, as UTF-8 in pieces: a large picture can be written
        while it is drawn."""
        drawn = self._drawn
        if not drawn:
            return ()
        self._drawn = []
        return drawn

    def finish(self) -> tuple[bytes, ...]:
        """The rest of the file."""
        self.parts.append("</svg>")
        self._write()
        return tuple(self.drawn())


_AT_ONCE = 4096  # elements joined and encoded together


def style(kind: str, rules: str) -> str:
    """The picture's CSS: its own `rules` and the colours every picture shares, in light and in
    dark (`prefers-color-scheme`), each rule scoped to this kind of picture so that the SVG can
    sit inline in a page among others. Names have a halo of the background's colour: they stay
    readable where the theme and the system's preference disagree."""
    scope = f".vaultkit-{kind}"
    shared = (
        f"{scope}{{--ink:#24292f;--muted:#57606a;--halo:#ffffff;--line:#8c959f;--dot:#6e7781;"
        "--due:#bf8700;--overdue:#cf222e;--drifting:#8250df;--me:#0969da;--met:#1a7f37;"
        "--l0:#ebedf0;--l1:#9be9a8;--l2:#40c463;--l3:#30a14e;--l4:#216e39;"
        f"font-family:{FONTS};font-size:11px}}"
        f"@media (prefers-color-scheme: dark){{{scope}{{--ink:#d0d7de;--muted:#8b949e;--halo:#1e1e1e;"
        "--line:#6e7681;--dot:#8b949e;--due:#d29922;--overdue:#f85149;--drifting:#a371f7;"
        "--me:#4493f8;--met:#3fb950;--l0:#2d333b;--l1:#0e4429;--l2:#006d32;--l3:#26a641;"
        "--l4:#39d353}}"
        f"{scope} text{{fill:var(--ink);paint-order:stroke;stroke:var(--halo);stroke-width:3px;"
        "stroke-linejoin:round}"
        f"{scope} .muted{{fill:var(--muted)}}"
    )
    return shared + rules.replace("SCOPE", scope)
