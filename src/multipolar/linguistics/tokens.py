"""The word-level facts of a parsed document as plain strings, read once and kept on the doc.

Every ``doc[i]`` makes a new ``Token`` object, and every ``token.pos_`` or ``token.lemma_`` looks
its string up again; a stage that scans each sentence several times (the event stage asks every
word whether it can report an event, carry a frame, report a demand or an accusation) pays that
for each word and each question. ``token_facts(doc)`` reads the part of speech, tag, dependency
label, lowercase form and lowercase lemma of every token once, into lists indexed like the doc,
so such scans look at strings and make a ``Token`` only for the words that can matter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

_USER_DATA_KEY = "multipolar.linguistics.token_facts"


@dataclass(frozen=True)
class TokenFacts:
    """Per-token strings of one document, indexed by token position (``token.i``).

    ``pos[i] == doc[i].pos_``, ``tag[i] == doc[i].tag_``, ``dep[i] == doc[i].dep_``,
    ``lower[i] == doc[i].lower_`` and ``lemma[i] == doc[i].lemma_.lower()``.
    """

    pos: list[str]
    tag: list[str]
    dep: list[str]
    lower: list[str]
    lemma: list[str]


def _read_facts(doc: Doc) -> TokenFacts:
    if not len(doc):
        return TokenFacts([], [], [], [], [])
    strings = doc.vocab.strings
    columns = doc.to_array([POS, TAG, DEP, LOWER, LEMMA])

    def column(number: int, lowercase: bool = False) -> list[str]:
        # each distinct string key is looked up once; the rows index into the distinct keys
        keys, rows = numpy.unique(columns[:, number], return_inverse=True)
        names = [strings[key] for key in keys.tolist()]
        if lowercase:
            names = [name.lower() for name in names]
        return [names[row] for row in rows.tolist()]

    return TokenFacts(pos=column(0), tag=column(1), dep=column(2), lower=column(3), lemma=column(4, lowercase=True))


def token_facts(doc: Doc) -> TokenFacts:
    """Return the ``TokenFacts`` of ``doc``, reading them on the first call only.

    The parse must not change afterwards (no stage retags or relabels a coded document).
    """
    facts = doc.user_data.get(_USER_DATA_KEY)
    if facts is None:
        facts = doc.user_data[_USER_DATA_KEY] = _read_facts(doc)
    return facts
