"""``figure_matches`` runs the figure pattern near numbers only: it must yield exactly what
``pattern.finditer`` yields (same spans, same groups), whatever comes before the numbers."""

from __future__ import annotations

import random

from multipolar.quotes.figures import figure_lexicon, figure_matches
from multipolar.quotes.lexicon import load_yaml


def _pieces() -> list[str]:
    data = load_yaml("figures.yaml")
    words = [str(w) for key in ("qualifiers", "number_words", "vague_numbers", "currencies", "scales") for w in data[key]]
    return [*words, "12", "1,500", "3.5", "twenty-one", "x", "seat", "%", "per cent", "roundabout", "Fifty"]


def _same(text: str) -> None:
    lexicon = figure_lexicon()
    expected = [(m.span(), m.groupdict()) for m in lexicon.pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in figure_matches(text, lexicon)] == expected, text


def test_figure_matches_equal_finditer_on_word_salad():
    rng = random.Random(7)
    pieces = _pieces()
    spaces = ["", " ", "  ", "\n", " \n\t ", "-", "\u2009", " " * 40]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(spaces) for _ in range(rng.randint(1, 10)))
        _same(rng.choice([text, text.upper(), text.title()]))


def test_figure_matches_equal_finditer_on_sentences():
    for text in [
        "No more than 40 died; about US$ 3bn was pledged, hundreds of thousands fled.",
        "At least\n\n\n          12 people were killed and some 3,000 displaced in 2023.",
        "",
        "No numbers here at all.",
        "nearly                                                     € 5 million in aid",
    ]:
        _same(text)
