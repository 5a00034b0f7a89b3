"""The parts of speech, lemmas, word forms and dependencies of a document's tokens, read once.

A rule that looks for one part of speech or one word list among all the tokens of a document
would make a ``Token`` object for every word and read its strings through the string store.
``token_facts(doc)`` reads the document's parts of speech, tags, lemmas, lowercase forms, heads
and dependency labels as arrays of ids in one call and keeps them in ``doc.user_data`` (dropped with
the rest by ``release_document``): the rule asks it for the indices of the candidates, found
with array operations, and makes ``Token`` objects for those alone. ``children(i)`` lists a
token's children by index: ``token.children`` walks every token between the leftmost and the
rightmost word of the token's subtree, making a ``Token`` of each, on every call.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import hash_string
from spacy.tokens import Doc

_USER_DATA_KEY = "multipolar.linguistics.tokens"

# the lowercased lemma of each lemma id, kept across documents (an id names the same string in
# every document, and the string store's lookup costs more than a dictionary's); cleared past
# ``_MEMORY_LIMIT`` entries
_LEMMAS: dict[int, str] = {}
_MEMORY_LIMIT = 100_000


class TokenFacts:
    """The parts of speech, tags, lemmas, lowercase forms, heads, children and dependency labels
    of one document's tokens, by token index."""

    def __init__(self, doc: Doc) -> None:
        self._strings = doc.vocab.strings
        columns = doc.to_array([POS, LEMMA, LOWER, DEP, TAG]) if len(doc) else numpy.zeros((0, 5), dtype=numpy.uint64)
        self._pos, self._lemma, self._lower, self._dep, self._tag = (columns[:, k] for k in range(5))
        self._heads = doc.to_array(HEAD).astype(numpy.int64) if len(doc) else numpy.zeros(0, dtype=numpy.int64)
        self._children: list[list[int]] | None = None
        self._with_pos: dict[tuple[str, ...], list[int]] = {}

    def with_pos(self, *tags: str) -> list[int]:
        """Return the indices of the tokens whose coarse part of speech (``pos_``) is one of ``tags``."""
        found = self._with_pos.get(tags)
        if found is None:
            chosen = numpy.zeros(len(self._pos), dtype=bool)
            for tag in tags:
                chosen |= self._pos == POS_IDS[tag]
            found = self._with_pos[tags] = numpy.flatnonzero(chosen).tolist()
        return list(found)

    def with_lower(self, words: Iterable[str]) -> list[int]:
        """Return the indices of the tokens whose lowercase form (``lower_``) is one of ``words``."""
        hashes = {hash_string(word) for word in words}
        return [i for i, word in enumerate(self._lower.tolist()) if word in hashes]

    def pos(self, i: int) -> str:
        """Return ``doc[i].pos_``."""
        return POS_NAMES[int(self._pos[i])]

    def lemma(self, i: int) -> str:
        """Return ``doc[i].lemma_.lower()``."""
        key = int(self._lemma[i])
        lemma = _LEMMAS.get(key)
        if lemma is None:
            if len(_LEMMAS) > _MEMORY_LIMIT:  # a bound on memory over a long run of documents
                _LEMMAS.clear()
            lemma = _LEMMAS[key] = self._strings[key].lower()
        return lemma

    def lower(self, i: int) -> str:
        """Return ``doc[i].lower_``."""
        return self._strings[int(self._lower[i])]

    def dep(self, i: int) -> str:
        """Return ``doc[i].dep_``."""
        return self._strings[int(self._dep[i])]

    def tag(self, i: int) -> str:
        """Return ``doc[i].tag_``."""
        return self._strings[int(self._tag[i])]

    def head(self, i: int) -> int:
        """Return ``doc[i].head.i``."""
        return i + int(self._heads[i])

    def subtree(self, i: int) -> list[int]:
        """Return the indices of ``doc[i].subtree``, in its order (each token after its left
        children's subtrees and before its right children's: index order unless the parse crosses)."""
        found: list[int] = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:
            node, placed = stack.pop()
            if placed:
                found.append(node)
                continue
            below = self.children(node)
            stack += [(c, False) for c in reversed(below) if c > node]
            stack.append((node, True))
            stack += [(c, False) for c in reversed(below) if c < node]
        return found

    def children(self, i: int) -> list[int]:
        """Return the indices of ``doc[i].children``, in order (do not change the list)."""
        if self._children is None:
            children: list[list[int]] = [[] for _ in range(len(self._heads))]
            for child, offset in enumerate(self._heads.tolist()):
                if offset:  # a root is its own head
                    children[child + offset].append(child)
            self._children = children
        return self._children[i]


def token_facts(doc: Doc) -> TokenFacts:
    """Return the ``TokenFacts`` of ``doc``, reading them on the first call only."""
    facts = doc.user_data.get(_USER_DATA_KEY)
    if facts is None:
        facts = doc.user_data[_USER_DATA_KEY] = TokenFacts(doc)
    return facts
