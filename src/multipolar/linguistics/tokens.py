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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token

_USER_DATA_KEY = "multipolar.linguistics.token_facts"
_MEMO_KEY = "multipolar.linguistics.token_memo"
_CHILDREN_KEY = "multipolar.linguistics.children"


@dataclass(frozen=True)
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

    def column(number: int, known: dict[int, str], lowercase: bool = False) -> list[str]:
        keys = columns[:, number].tolist()
        for key in set(keys).difference(known):  # look each new key up once per process
            known[key] = strings[key].lower() if lowercase else strings[key]
        return [known[key] for key in keys]

    return TokenFacts(pos=column(0, _NAMES), tag=column(1, _NAMES), dep=column(2, _NAMES), lower=column(3, _NAMES),
                      lemma=column(4, _LOWERED, lowercase=True), space=flags[:, 0].tolist(), punct=flags[:, 1].tolist())


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
    """Drop ``doc``'s token facts, memo and children (a stage done with the document calls this).

    The cached tokens refer back to the document, so while they are kept every garbage-collector
    pass walks them; a stage that made them for its own rules drops them when it returns.
    """
    for key in (_USER_DATA_KEY, _MEMO_KEY, _CHILDREN_KEY):
        doc.user_data.pop(key, None)
