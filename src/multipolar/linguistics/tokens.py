"""The word-level facts of a parsed document as plain strings, read once and kept on the doc.

Every ``doc[i]`` makes a new ``Token`` object, and every ``token.pos_`` or ``token.lemma_`` looks
its string up again; a stage that scans each sentence several times (the event stage asks every
word whether it can report an event, carry a frame, report a demand or an accusation) pays that
for each word and each question. ``token_facts(doc)`` reads the part of speech, tag, dependency
label, lowercase form and lowercase lemma of every token once, into lists indexed like the doc,
so such scans look at strings and make a ``Token`` only for the words that can matter.

``token_memo(doc)`` is a dictionary kept on the document for the results of pure functions of
its parse, by ``(function name, token index)``: what a stage's rules ask of one word again and
again (its objects, its auxiliaries) is then worked out once per document.

The same facts answer by index what would otherwise take a ``Token`` per word: the tokens of some
parts of speech or word forms (``with_pos``, ``with_lower``), a token's head, its children and its
subtree (``head``, ``children``, ``subtree``; ``token.children`` makes a ``Token`` of every word
between the leftmost and the rightmost word of the subtree, on every call).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token

_USER_DATA_KEY = "multipolar.linguistics.token_facts"
_MEMO_KEY = "multipolar.linguistics.token_memo"
_CHILDREN_KEY = "multipolar.linguistics.children"


@dataclass
class TokenFacts:
    """Per-token strings of one document, indexed by token position (``token.i``).

    ``pos[i] == doc[i].pos_``, ``tag[i] == doc[i].tag_``, ``dep[i] == doc[i].dep_``,
    ``lower[i] == doc[i].lower_``, ``lemma[i] == doc[i].lemma_.lower()``, ``space[i] == doc[i].is_space``
    and ``punct[i] == doc[i].is_punct``.
    """

    pos: list[str]
    tag: list[str]
    dep: list[str]
    lower: list[str]
    lemma: list[str]
    space: list[bool]
    punct: list[bool]
    heads: list[int] = field(default_factory=list)
    _children: list[list[int]] | None = field(default=None, repr=False, compare=False)
    _with_pos: dict[tuple[str, ...], list[int]] = field(default_factory=dict, repr=False, compare=False)

    def with_pos(self, *tags: str) -> list[int]:
        """Return the indices of the tokens whose coarse part of speech (``pos_``) is one of ``tags``.

        Example: ``with_pos("VERB")`` of "Oslo hosted the talks." is ``[1]``.
        """
        found = self._with_pos.get(tags)
        if found is None:
            wanted = set(tags)
            found = self._with_pos[tags] = [i for i, pos in enumerate(self.pos) if pos in wanted]
        return list(found)

    def with_lower(self, words: Iterable[str]) -> list[int]:
        """Return the indices of the tokens whose lowercase form (``lower_``) is one of ``words``."""
        wanted = set(words)
        return [i for i, word in enumerate(self.lower) if word in wanted]

    def head(self, i: int) -> int:
        """Return ``doc[i].head.i`` (a root is its own head)."""
        return self.heads[i]

    def children(self, i: int) -> list[int]:
        """Return the indices of ``doc[i].children``, in order (do not change the list)."""
        if self._children is None:
            children: list[list[int]] = [[] for _ in self.heads]
            for child, head in enumerate(self.heads):
                if head != child:
                    children[head].append(child)
            self._children = children
        return self._children[i]

    def subtree(self, i: int) -> list[int]:
        """Return the indices of ``doc[i].subtree`` in spaCy's order: each token after its left
        children's subtrees and before its right children's (index order unless the parse crosses)."""
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


#: strings (and lowercased lemmas) by string-store key, kept across documents: a key is the hash
#: of its string, the same in every store; emptied when large, so memory does not grow with the input
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_MAX_NAMES = 200_000


def _read_facts(doc: Doc) -> TokenFacts:
    if not len(doc):
        return TokenFacts([], [], [], [], [], [], [])
    strings = doc.vocab.strings
    if len(_NAMES) > _MAX_NAMES or len(_LOWERED) > _MAX_NAMES:
        _NAMES.clear()
        _LOWERED.clear()
    columns = doc.to_array([POS, TAG, DEP, LOWER, LEMMA])
    flags = doc.to_array([IS_SPACE, IS_PUNCT]).astype(bool)
    heads = [i + offset for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist())]

    def column(number: int, known: dict[int, str], lowercase: bool = False) -> list[str]:
        keys = columns[:, number].tolist()
        for key in set(keys).difference(known):  # look each new key up once per process
            known[key] = strings[key].lower() if lowercase else strings[key]
        return [known[key] for key in keys]

    return TokenFacts(pos=column(0, _NAMES), tag=column(1, _NAMES), dep=column(2, _NAMES), lower=column(3, _NAMES),
                      lemma=column(4, _LOWERED, lowercase=True), space=flags[:, 0].tolist(), punct=flags[:, 1].tolist(),
                      heads=heads)


def token_facts(doc: Doc) -> TokenFacts:
    """Return the ``TokenFacts`` of ``doc``, reading them on the first call only.

    The parse must not change afterwards (no stage retags or relabels a coded document).
    """
    facts = doc.user_data.get(_USER_DATA_KEY)
    if facts is None:
        facts = doc.user_data[_USER_DATA_KEY] = _read_facts(doc)
    return facts


def token_memo(doc: Doc) -> dict[tuple[str, int], Any]:
    """Return the memo of ``doc``: results of pure functions of its parse, by ``(function name, token index)``.

    Only for functions that read nothing but the parse (no lexicon, no mentions); the memo goes
    with the document's other facts (``release_document``).
    """
    memo = doc.user_data.get(_MEMO_KEY)
    if memo is None:
        memo = doc.user_data[_MEMO_KEY] = {}
    return memo


_Result = TypeVar("_Result")
_MISSING = object()


def remembered(kind: str, token: Token, compute: Callable[[Token], _Result]) -> _Result:
    """Return ``compute(token)``, worked out once per document, ``kind`` and token (kept in ``token_memo``).

    Only for pure functions of the parse. Example: ``remembered("objects", verb, find_objects)``
    calls ``find_objects(verb)`` the first time and returns the same object afterwards.
    """
    memo = token_memo(token.doc)
    key = (kind, token.i)
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        found = memo[key] = compute(token)
    return found  # type: ignore[return-value]

def children_of(token: Token) -> tuple[Token, ...]:
    """Return ``tuple(token.children)``, made once per document and token.

    spaCy makes new ``Token`` objects for a token's children on every ``token.children``; the
    event rules walk the same words' children again and again.
    """
    doc = token.doc
    table = doc.user_data.get(_CHILDREN_KEY)
    if table is None:
        table = doc.user_data[_CHILDREN_KEY] = [None] * len(doc)
    found = table[token.i]
    if found is None:
        found = table[token.i] = tuple(token.children)
    return found


def release_token_caches(doc: Doc) -> None:
    """Drop ``doc``'s token memo and children (a stage done with the document calls this).

    The cached ``Token`` objects refer back to the document, so while they are kept every
    garbage-collector pass walks them; a stage that made them for its own rules drops them when
    it returns. The token facts (plain strings) stay for the stages that follow.
    """
    for key in (_MEMO_KEY, _CHILDREN_KEY):
        doc.user_data.pop(key, None)
