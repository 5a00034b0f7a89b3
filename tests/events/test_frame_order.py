"""Frames combine in sentence order, and the helpers that climb the parse stop at its root.

spaCy builds a new ``Token`` object on every ``.head``, so a walk up the tree must compare
indices (``token.head.i == token.i``), never identity; these tests pin both behaviours.
"""

from __future__ import annotations

import pytest

from multipolar.linguistics.syntax import governing_subject, speaker_of

ACTORS = {
    "Kenya": ("KEN", "KEN", "country"),
    "Somalia": ("SOM", "SOM", "country"),
    "Serbia": ("SRB", "SRB", "country"),
    "Kosovo": ("XKX", "XKX", "country"),
    "Peru": ("PER", "PER", "country"),
    "Chile": ("CHL", "CHL", "country"),
}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya rejected an offer from Somalia to hold talks on the maritime border.",
        "Serbia rejected a proposal by Kosovo to open negotiations next month.",
        "Peru has again rejected an offer by Chile to resume negotiations.",
    ],
)
def test_outer_frame_takes_the_embedded_meeting(code_text, sentence):
    events = code_text(sentence, ACTORS)
    rejections = [e for e in events if e.plover == "REJECT"]
    assert rejections, [(e.plover, e.cameo, e.rule) for e in events]
    assert rejections[0].cameo == "125", [(e.plover, e.cameo, e.rule) for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials met.",
        "The ministers of both countries met again in Geneva on Friday.",
        "Talks resumed quietly after a long pause.",
    ],
)
def test_walks_up_the_parse_stop_at_the_root(parse, sentence):
    doc = parse(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.head.i == root.i and root.head is not root  # why identity cannot be used
    assert speaker_of(root) is None or speaker_of(root).i != root.i
    for token in doc:
        governing_subject(token)  # terminates and does not loop past the root
