"""Comparing what people write about needs, offers and interests.

`Ausstellungsorte` is an `Ausstellungsort` and a `backend developer` fits `backend development`:
each word is compared by its English and its German Snowball stem (vaults mix the two), after
case and accent folding, and little words (`in`, `für`, `the`) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from vaultkit.values import fold

_WORD = re.compile(r"\w+")
_LITTLE_WORDS = frozenset(
    fold(
        "a an and at by for from in of on or the to with "
        "am an auf aus bei das dem den der des die ein eine einen für im in mit oder und vom von zu zum zur"
    ).split()
)

Fit = Literal["same", "part"]


@dataclass(frozen=True)
class Term:
    text: str
    stems: tuple[tuple[str, ...], ...]  # per content word: its stem in each language

    @classmethod
    def of(cls, text: str) -> Term:
        words = [w for w in _WORD.findall(fold(text)) if w not in _LITTLE_WORDS]
        return cls(text, tuple(_stems(w) for w in words))


def fit(a: Term, b: Term) -> Fit | None:
    """ "same" when both say the same, "part" when one says part of the other, else None."""
    if not a.stems or not b.stems:
        return None
    a_in_b = all(any(_same_word(x, y) for y in b.stems) for x in a.stems)
    b_in_a = all(any(_same_word(x, y) for y in a.stems) for x in b.stems)
    if a_in_b and b_in_a:
        return "same"
    return "part" if a_in_b or b_in_a else None


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    # A vault repeats its words across many notes; stemming is the slow part of matching.
    return tuple(stemmer.stemWord(word) for stemmer in _stemmers())


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, ...]:
    import Stemmer  # only the commands that compare terms need it

    return Stemmer.Stemmer("english"), Stemmer.Stemmer("german")


def _same_word(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x == y for x, y in zip(a, b))
