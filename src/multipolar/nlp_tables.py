"""Table-driven stand-ins for two spaCy components: the same annotations, less Python per token.

spaCy's ``attribute_ruler`` applies its tag map (fine tag -> coarse POS and morphology) through
the ``Matcher`` and sets every token's attributes one match at a time in Python; its rule
``lemmatizer`` asks a Python method for every token. On real-length news the two take about a
seventh of the whole parse. This module rebuilds both from the loaded model's own data:

- :class:`AttributeTable`: the tag-map rows of the ruler (one token, ``TAG`` only, setting
  ``POS``/``MORPH``) become an array lookup applied to the whole document at once; the other
  rows (word-specific exceptions) stay ``Matcher`` patterns applied in the ruler's order, after
  the tag map, exactly as the ruler does (it matches once, before it sets anything).
- :class:`LemmaTable`: the lemma of a token depends only on its word, POS and morphology
  (spaCy's own cache key), so each new triple is asked of the model's lemmatizer once and
  remembered; the other tokens get their lemma from the table, set in one array write.

Both are used only when they can be exact (the ruler's tag-map rows come before its other rows;
the lemmatizer is in ``rule`` mode without ``overwrite``), else the original component stays.
The ``fast_components`` setting turns them off. ``tests/engine/test_nlp_tables.py`` checks the
annotations are identical to the original components' on sample text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.lemmatizer import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

_TABLE_ATTRS = frozenset({POS, MORPH})


def _is_tag_row(pattern_set: list, attrs: dict, index: int) -> bool:
    """Return True for a tag-map row: one one-token pattern on ``TAG`` alone setting POS/MORPH."""
    if index != 0 or len(pattern_set) != 1 or len(pattern_set[0]) != 1:
        return False
    token = pattern_set[0][0]
    return list(token) == ["TAG"] and isinstance(token["TAG"], str) and bool(attrs) and set(attrs) <= _TABLE_ATTRS


_READ = [LOWER, TAG, DEP, IS_SPACE]  # the token attributes exception rows may test, in this column order
_COLUMN = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_POSITION = {column: number for number, column in enumerate(_READ)}  # attribute -> its column in _READ


@dataclass(frozen=True)
class Condition:
    """One test of a pattern token: the attribute at ``offset`` is (``IN``), is not (``NOT_IN``),
    or matches (``REGEX``) the values, as spaCy's ``Matcher`` compares them."""

    offset: int
    column: int
    kind: str
    values: frozenset[int] = frozenset()
    regex: re.Pattern | None = None

    def holds_at(self, row: list[int]) -> bool:
        """Return True when an ``IN``/``NOT_IN`` condition holds for one row of ``to_array(_READ)`` (as a list)."""
        return (row[_POSITION[self.column]] in self.values) == (self.kind == "IN")

    @cached_property
    def value_array(self) -> numpy.ndarray:
        """The ``IN``/``NOT_IN`` values as an array of the ``to_array`` type, built once."""
        return numpy.fromiter(self.values, dtype=numpy.uint64)

    def mask(self, values: numpy.ndarray, vocab, seen: dict[int, bool]) -> numpy.ndarray:
        """Return the tokens (rows of ``values``) for which the condition holds; ``seen`` keeps a
        regular expression's answers by word, for the life of the table."""
        column = values[:, _POSITION[self.column]]
        if self.kind == "REGEX":
            unique, inverse = numpy.unique(column, return_inverse=True)
            answers = []
            for value in unique.tolist():
                answer = seen.get(value)
                if answer is None:
                    answer = seen[value] = bool(self.regex.search(vocab.strings[value]))
                answers.append(answer)
            return numpy.array(answers, dtype=bool)[inverse]
        if len(self.values) == 1:
            inside = column == next(iter(self.values))
        else:
            inside = numpy.isin(column, self.value_array)
        return inside if self.kind == "IN" else ~inside


def _conditions(pattern: list[dict]) -> tuple[Condition, ...] | None:
    """Return the conditions of a fixed-length ``Matcher`` pattern, or None if it uses anything else."""
    found = []
    for offset, token in enumerate(pattern):
        if not token:
            return None
        for key, value in token.items():
            column = _COLUMN.get(key)
            if column is None:
                return None
            if isinstance(value, bool) and key == "IS_SPACE":
                found.append(Condition(offset, column, "IN", frozenset({int(value)})))
                continue
            if isinstance(value, str):
                value = {"IN": [value]}
            if not isinstance(value, dict) or len(value) != 1 or key == "IS_SPACE":
                return None
            (operator, options), = value.items()
            if operator == "REGEX" and isinstance(options, str) and key == "LOWER":
                found.append(Condition(offset, column, "REGEX", regex=re.compile(options)))
            elif operator in ("IN", "NOT_IN") and all(isinstance(o, str) for o in options):
                found.append(Condition(offset, column, operator, frozenset(get_string_id(o) for o in options)))
            else:
                return None
    return tuple(found)


class AttributeTable:
    """The attribute ruler's tag map as an array lookup, its exceptions as ``Matcher`` rows."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        patterns = ruler.patterns
        tag_rows = [i for i, p in enumerate(patterns) if _is_tag_row(p["patterns"], ruler.attrs[i], p["index"])]
        other_rows = [i for i in range(len(patterns)) if i not in set(tag_rows)]
        #: exact only when every tag-map row is applied before every exception row
        self.exact = not tag_rows or not other_rows or max(tag_rows) < min(other_rows)
        self.pos: dict[int, int] = {}
        self.morph: dict[int, int] = {}
        for i in tag_rows:  # a later row for the same tag wins, as in the ruler
            tag = self.vocab.strings.add(patterns[i]["patterns"][0][0]["TAG"])
            attrs = ruler.attrs[i]
            if POS in attrs:
                self.pos[tag] = attrs[POS]
            if MORPH in attrs:
                self.morph[tag] = self.vocab.strings.add(attrs[MORPH]) if isinstance(attrs[MORPH], str) else attrs[MORPH]
        self.attrs = {i: (ruler.attrs[i], ruler.indices[i]) for i in other_rows}
        #: one-word rows, by the lowercase word they need: [(row, conditions on TAG/DEP)]
        self.words: dict[int, list[tuple[int, tuple[Condition, ...]]]] = {}
        #: other fixed-length rows: (row, length, conditions)
        self.sequences: list[tuple[int, int, tuple[Condition, ...]]] = []
        self.matcher = Matcher(self.vocab)  # rows with operators this table does not read
        for i in other_rows:
            for pattern in patterns[i]["patterns"]:
                conditions = _conditions(pattern)
                if conditions is None:
                    self.matcher.add(str(i), [pattern])
                    continue
                word = next((c for c in conditions if c.column == LOWER and c.offset == 0 and c.kind == "IN"), None)
                rest = tuple(c for c in conditions if c is not word)
                if len(pattern) == 1 and word is not None and ruler.indices[i] == 0 and all(c.kind != "REGEX" for c in rest):
                    for lower in word.values:
                        self.words.setdefault(lower, []).append((i, rest))
                else:
                    self.sequences.append((i, len(pattern), conditions))
        self.anchors = numpy.array(sorted(self.words), dtype=numpy.uint64)
        self.regex_answers: dict[int, dict[int, bool]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        matches = [
            (int(self.vocab.strings[key]), start, end)
            for key, start, end in (self.matcher(doc, allow_missing=True) if len(self.matcher) else ())
        ]
        values = doc.to_array(_READ)
        anchored = numpy.flatnonzero(numpy.isin(values[:, 0], self.anchors))
        for i, row in zip(anchored.tolist(), values[anchored].tolist(), strict=True):
            for number, conditions in self.words[row[0]]:
                if all(c.holds_at(row) for c in conditions):
                    matches.append((number, i, i + 1))
        for number, length, conditions in self.sequences:
            found = numpy.ones(len(doc) - length + 1, dtype=bool) if len(doc) >= length else None
            if found is None:
                continue
            for condition in conditions:
                if not found.any():
                    break  # no start left: the other conditions cannot add one
                seen = self.regex_answers.setdefault(id(condition), {})
                found &= condition.mask(values, self.vocab, seen)[condition.offset : condition.offset + len(found)]
            matches += [(number, s, s + length) for s in numpy.flatnonzero(found).tolist()]
        matches.sort()
        self._apply_tag_map(doc)  # the tag-map rows come first in the ruler: applied first
        for number, start, end in matches:
            attrs, index = self.attrs[number]
            if 0 <= index < end - start:
                token = doc[start + index]  # the span's token, without making the span
            elif -(end - start) <= index < 0:
                token = doc[end + index]
            else:
                token = Span(doc, start, end)[index]  # out of the span: raises as the ruler does
            set_token_attrs(token, attrs)
        return doc

    def _apply_tag_map(self, doc: Doc) -> None:
        values = doc.to_array([TAG, POS, MORPH])
        tags, inverse = numpy.unique(values[:, 0], return_inverse=True)
        for column, table in ((1, self.pos), (2, self.morph)):
            if not table:
                continue
            known = numpy.array([int(t) in table for t in tags], dtype=bool)[inverse]
            mapped = numpy.array([table.get(int(t), 0) for t in tags], dtype=values.dtype)[inverse]
            values[:, column] = numpy.where(known, mapped, values[:, column])
        doc.from_array([POS, MORPH], values[:, 1:])

    def pipe(self, docs, batch_size: int = 128):
        """Yield the annotated ``docs``."""
        for doc in docs:
            yield self(doc)


class LemmaTable:
    """The rule lemmatizer with a table of answers keyed by (word, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.exact = lemmatizer.mode == "rule" and not lemmatizer.overwrite
        self.table: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        table, strings = self.table, self.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma:
                continue  # set by the attribute ruler: the lemmatizer keeps it
            key = (orth, pos, morph)
            found = table.get(key)
            if found is None:
                found = table[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        """Yield the lemmatized ``docs``."""
        for doc in docs:
            yield self(doc)


_SOURCES = {"multipolar_attribute_table": "attribute_ruler", "multipolar_lemma_table": "lemmatizer"}


@Language.factory("multipolar_attribute_table")
def _attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


@Language.factory("multipolar_lemma_table")
def _lemma_table(nlp: Language, name: str) -> LemmaTable:
    return LemmaTable(nlp.get_pipe("lemmatizer"))


def use_tables(nlp: Language) -> list[str]:
    """Replace ``attribute_ruler`` and ``lemmatizer`` in ``nlp`` by their tables where exact; return what was replaced.

    The table is built from the original component, put in its place under its name (so
    timings and ``nlp.pipe_names`` read the same), and the original removed.
    """
    replaced = []
    for factory, name in _SOURCES.items():
        original = nlp.get_pipe(name) if name in nlp.pipe_names else None
        if not isinstance(original, AttributeRuler if name == "attribute_ruler" else Lemmatizer):
            continue
        temporary = f"{name}_table"
        table = nlp.add_pipe(factory, name=temporary, before=name)
        if not table.exact:
            nlp.remove_pipe(temporary)
            continue
        nlp.remove_pipe(name)
        nlp.rename_pipe(temporary, name)
        replaced.append(name)
    return replaced
