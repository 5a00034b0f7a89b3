"""What every stage needs to know about one parsed document, computed once and kept on the doc.

``layer_of(doc)`` returns the document's ``DocumentLayer``: the character offsets of its
paragraphs, sentences and tokens (for "which sentence holds this character" lookups) and the
datelines that open its paragraphs ("KYIV, May 3 (Wire) -"), found with the ingest stage's own
dateline reader (``multipolar.ingest.dates.find_dateline``). The first call computes it and
stores it in ``doc.user_data``; the actor, event and quote stages all get the same object.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

_USER_DATA_KEY = "multipolar.linguistics.layer"
_ENTITIES_KEY = "multipolar.linguistics.entities"


@dataclass(frozen=True)
class DatelineSpan:
    """A dateline opening a paragraph: where it is in the text and which place it names.

    ``start`` is where the dateline's first word begins, ``end`` just after its dash (or colon); ``place_start``/``place_end`` cover the place ("KYIV"), when it names one.
    """

    start: int
    end: int
    place: str | None
    place_start: int | None
    place_end: int | None
    date: str | None
    outlet: str | None


@dataclass
class DocumentLayer:
    """Offsets and datelines of one parsed document (see the module docstring)."""

    text: str
    paragraph_starts: list[int]
    sentence_starts: list[int]
    token_starts: list[int]
    datelines: list[DatelineSpan] = field(default_factory=list)
    #: ``(first token, end token)`` of each sentence, as ``doc.sents`` gives them; ``None`` for a
    #: document without sentence boundaries (``doc.sents`` raises there)
    sentence_bounds: list[tuple[int, int]] | None = None

    def sentence_of(self, char: int) -> int:
        """Return the index of the sentence holding the character at ``char``."""
        return max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)

    def token_at(self, char: int) -> int:
        """Return the index of the token holding (or just before) the character at ``char``."""
        return max(bisect.bisect_right(self.token_starts, char) - 1, 0)

    def paragraph_of(self, char: int) -> int:
        """Return the index of the paragraph (text between line breaks) holding ``char``."""
        return max(bisect.bisect_right(self.paragraph_starts, char) - 1, 0)

    def dateline_at(self, char: int) -> DatelineSpan | None:
        """Return the dateline covering the character at ``char``, or None."""
        for dateline in self.datelines:
            if dateline.start <= char < dateline.end:
                return dateline
        return None

    def in_dateline(self, char: int) -> bool:
        """Return True when the character at ``char`` belongs to a dateline."""
        return self.dateline_at(char) is not None

    def dateline_spans(self) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` character ranges of the datelines, in text order."""
        return [(d.start, d.end) for d in self.datelines]


def paragraph_starts(text: str) -> list[int]:
    """Return the offsets where the paragraphs (lines) of ``text`` begin."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def find_datelines(text: str, starts: list[int] | None = None) -> list[DatelineSpan]:
    """Return the datelines opening the paragraphs of ``text``, read by the ingest stage's rules."""
    # imported here: the ingest package imports this layer's word lists, so a module-level import
    # would be circular
    from multipolar.ingest.dates import find_dateline

    found: list[DatelineSpan] = []
    for start in starts if starts is not None else paragraph_starts(text):
        end = text.find("\n", start)
        paragraph = text[start:] if end < 0 else text[start:end]
        if not paragraph.strip():
            continue
        dateline = find_dateline(paragraph)
        if dateline is None:
            continue
        lead = len(paragraph) - len(paragraph.lstrip())
        place_start = place_end = None
        if dateline.place:
            offset = paragraph.find(dateline.place, lead)
            place_start, place_end = start + offset, start + offset + len(dateline.place)
        length = len(paragraph[: dateline.length].rstrip())
        found.append(DatelineSpan(start + lead, start + length, dateline.place, place_start, place_end,
                                  dateline.date, dateline.outlet))
    return found


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character ranges of the datelines opening paragraphs of ``text``."""
    return [(d.start, d.end) for d in find_datelines(text)]


def _sentences(doc: Doc) -> tuple[list[int], list[tuple[int, int]] | None]:
    """Return the sentence start offsets (at least ``[0]``) and token bounds (``None`` without boundaries)."""
    try:
        sents = list(doc.sents)
    except ValueError:  # a pipeline without sentence boundaries: one sentence
        return [0], None
    return [s.start_char for s in sents] or [0], [(s.start, s.end) for s in sents]


def layer_of(doc: Doc) -> DocumentLayer:
    """Return the ``DocumentLayer`` of ``doc``, computing it on the first call only."""
    layer = doc.user_data.get(_USER_DATA_KEY)
    if layer is None:
        text = doc.text
        paragraphs = paragraph_starts(text)
        starts, bounds = _sentences(doc)
        layer = DocumentLayer(
            text=text,
            paragraph_starts=paragraphs,
            sentence_starts=starts,
            token_starts=doc.to_array([IDX]).tolist() if len(doc) else [],
            datelines=find_datelines(text, paragraphs),
            sentence_bounds=bounds,
        )
        doc.user_data[_USER_DATA_KEY] = layer
    return layer


def sentences(doc: Doc) -> list[Span]:
    """Return the sentences of ``doc``, as ``doc.sents`` yields them, from the layer's bounds.

    ``doc.sents`` walks every token of the document on each call; the stages ask for the
    sentences several times per document. Raises ``ValueError`` like ``doc.sents`` when the
    document has no sentence boundaries.
    """
    bounds = layer_of(doc).sentence_bounds
    if bounds is None:
        return list(doc.sents)
    return [Span(doc, start, end) for start, end in bounds]


def span_text(span: Span) -> str:
    """Return ``span.text`` (a slice of the layer's text rather than a join of its tokens)."""
    return layer_of(span.doc).text[span.start_char : span.end_char]


def entities(doc: Doc) -> tuple[Span, ...]:
    """Return ``doc.ents``, built on the first call only (no stage changes the entities).

    spaCy builds the tuple anew, one ``Span`` per entity, on every ``doc.ents``: the event
    stage asks once per event, so the whole document's entities were rebuilt each time.
    """
    found = doc.user_data.get(_ENTITIES_KEY)
    if found is None:
        found = doc.user_data[_ENTITIES_KEY] = tuple(doc.ents)
    return found


def release_document(doc: Doc) -> None:
    """Drop what the stages kept on a document they are done with (its layer, its entities, ...).

    The entities are spans of the document kept inside the document, a reference cycle: without
    this, each coded document, with its token arrays and tensor, would wait for the garbage
    collector's cycle pass instead of being freed as soon as its batch is coded.
    """
    doc.user_data.clear()


def entities_within(span: Span) -> list[Span]:
    """Return the entities that lie wholly inside ``span``: ``span.ents``, from the cached tuple."""
    found = []
    for ent in entities(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                found.append(ent)
            else:
                break
    return found
