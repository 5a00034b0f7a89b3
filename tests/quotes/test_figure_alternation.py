"""The figure pattern's word alternations are tries: they must match what the plain alternation
of the same words, longest first, matches (same spans, same groups), in every position."""

from __future__ import annotations

import random
import re

from multipolar.quotes.figures import _alternation, figure_lexicon

WORD_SETS = [
    ["more", "more than", "no more than", "about", "above", "at least", "at most", "up to", "upwards of", "some"],
    ["one", "ten", "tens of thousands", "thirteen", "thirty", "three", "hundreds", "hundreds of thousands", "a dozen", "a"],
    ["US $", "US$", "A$", "C$", "$", "€"],
    ["mn", "m", "bn", "k", "tn"],
]


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _texts(words: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [*words, "5", "x", "Than", "MORE", "ab", "thirt", "-"]
    return [rng.choice(["", " ", "  ", "x"]).join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
            for _ in range(count)]


def test_trie_alternation_matches_the_plain_alternation():
    for number, words in enumerate(WORD_SETS):
        for template in (r"(?P<w>{})", r"\b(?:(?P<w>{})\s+)?(?P<n>\d+|x)", r"(?P<w>{})\b"):
            trie = re.compile(template.format(_alternation(words)), re.I)
            plain = re.compile(template.format(_plain(words)), re.I)
            for text in _texts(words, 400, number):
                assert [(m.span(), m.groupdict()) for m in trie.finditer(text)] == [
                    (m.span(), m.groupdict()) for m in plain.finditer(text)], (words, template, text)


def test_figure_pattern_still_reads_qualified_amounts():
    pattern = figure_lexicon().pattern
    found = [(m["qual"], m["cur"], m["num"], (m["scale"] or "").strip())
             for m in pattern.finditer("No more than 40 died; about US$ 3bn was pledged, hundreds of thousands fled.")]
    assert found == [("No more than", None, "40", ""), ("about", "US$", "3", "bn"),
                     (None, None, "hundreds of thousands", "")]
