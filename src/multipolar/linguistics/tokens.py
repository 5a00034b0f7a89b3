"""The string attributes of a document's tokens, read once per document.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``token.head`` or child it yields, and
reads each string attribute (``pos_``, ``lemma_``, ``lower_``) through the string store every
time. The rules that scan every token of a document for one part of speech or one word list
ask ``token_facts(doc)`` instead: plain lists by token index, built from one array read and
kept in ``doc.user_data`` (dropped with the rest by ``release_document``), and the document's
tokens made once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Token

_USER_DATA_KEY = "multipolar.linguistics.tokens"

# the string of a part-of-speech id, and of a word's or a lemma's hash (lowercased), kept across
# documents: a hash names the same string in every document, and the string store's lookup costs
# more than a dictionary's; cleared past ``_MEMORY_LIMIT`` entries
_POS: dict[int, str] = {}
_LEMMAS: dict[int, str] = {}
_WORDS: dict[int, str] = {}
_MEMORY_LIMIT = 200_000


@dataclass(frozen=True)
class TokenFacts:
    """Per-token strings of one document, by token index (see the module docstring).

    ``pos[i]`` is ``doc[i].pos_``, ``lemma[i]`` is ``doc[i].lemma_.lower()``, ``lower[i]`` is
    ``doc[i].lower_``; ``tokens[i]`` is ``doc[i]``, made once.
    """

    tokens: list[Token]
    pos: list[str]
    lemma: list[str]
    lower: list[str]
    _with_pos: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def with_pos(self, *tags: str) -> tuple[int, ...]:
        """Return the indices of the tokens whose coarse part of speech is one of ``tags``, in order."""
        found = self._with_pos.get(tags)
        if found is None:
            found = self._with_pos[tags] = tuple(i for i, pos in enumerate(self.pos) if pos in tags)
        return found


def token_facts(doc: Doc) -> TokenFacts:
    """Return the ``TokenFacts`` of ``doc``, computing them on the first call only."""
    facts = doc.user_data.get(_USER_DATA_KEY)
    if facts is None:
        facts = doc.user_data[_USER_DATA_KEY] = _read(doc)
    return facts


def _read(doc: Doc) -> TokenFacts:
    if not len(doc):
        return TokenFacts([], [], [], [])
    if len(_LEMMAS) + len(_WORDS) > _MEMORY_LIMIT:  # a bound on memory over a long run of documents
        _LEMMAS.clear()
        _WORDS.clear()
    strings = doc.vocab.strings
    columns = doc.to_array([POS, LEMMA, LOWER])
    return TokenFacts(
        list(doc),
        _strings(columns[:, 0], _POS, POS_NAMES.__getitem__),
        _strings(columns[:, 1], _LEMMAS, lambda lemma_id: strings[lemma_id].lower()),
        _strings(columns[:, 2], _WORDS, strings.__getitem__),
    )


def _strings(ids: numpy.ndarray, known: dict[int, str], name: Callable[[int], str]) -> list[str]:
    """Return the string of each of ``ids``: from ``known``, else ``name(id)`` (then kept in ``known``)."""
    distinct, where = numpy.unique(ids, return_inverse=True)
    names = []
    for key in distinct.tolist():
        text = known.get(key)
        if text is None:
            text = known[key] = name(key)
        names.append(text)
    return numpy.array(names, dtype=object)[where].tolist()
