"""Pair quotation marks in a text: straight and curly, balanced or not.

One pair of marks is one quoted span. Marks are paired within a paragraph (a line of the text):
an opening mark that is never closed runs to the end of its paragraph (or to the end of the last
sentence before the next opening mark), and a closing mark with no opening one reaches back to the
start of its sentence. Single quotation marks are only paired outside double ones, so a quote
nested inside a quote stays part of the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPENING_SINGLE = "‘"
CLOSING_SINGLE = "’"
STRAIGHT_SINGLE = "'"
_OPEN_AFTER = "([{—–-/:"
_CLOSE_BEFORE = ",.;:!?)]}—–…"
# A sentence ends at . ! ? (and any closing marks) before white space, but not after an initial
# ("U.S.", "J. Smith") or a title ("Mr.", "Gen.").
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bCol)"
    r"(?<!\bLt)(?<!\bGov)(?<!\bPres)(?<!\bProf)(?<!\bSgt)(?<!\bCapt)"
    r"[.!?][\"”’)\]]*\s+"
)
_PARAGRAPH = re.compile(r"[^\n]+")
_SINGLE_MARK = re.compile("[‘’']")
_DOUBLE_MARK = re.compile("[" + re.escape(OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE) + "]")


@dataclass(frozen=True)
class MarkedSpan:
    """The content between a pair of quotation marks (offsets exclude the marks).

    ``open_at``/``close_at`` are the offsets of the marks, ``None`` where a mark is missing;
    ``paragraph`` numbers the line the span is in.
    """

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    paragraph: int

    @property
    def unclosed(self) -> bool:
        """Return True when the opening mark was never closed."""
        return self.close_at is None

    @property
    def unopened(self) -> bool:
        """Return True when the closing mark had no opening one."""
        return self.open_at is None


def _straight_role(text: str, pos: int, lo: int, hi: int) -> str:
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + 1] if pos + 1 < hi else " "
    if (before.isspace() or before in _OPEN_AFTER) and not after.isspace():
        return "open"
    if (after.isspace() or after in _CLOSE_BEFORE) and not before.isspace():
        return "close"
    return "either"


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Return the offset where the sentence holding ``pos`` starts (not before ``floor``)."""
    start = floor
    for match in SENTENCE_END.finditer(text, floor, pos):
        start = match.end()
    return start


def _last_sentence_end(text: str, lo: int, hi: int) -> int | None:
    """Return the end offset of the last full sentence between ``lo`` and ``hi``, if any."""
    end = None
    for match in SENTENCE_END.finditer(text, lo, hi):
        end = match.start() + 1
    return end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair(text: str, marks: list[tuple[int, str]], lo: int, hi: int, paragraph: int) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    floor = lo
    open_at: int | None = None
    nested = 0
    for index, (pos, role) in enumerate(marks):
        if nested and role != "open":
            nested -= 1
            continue
        if open_at is None:
            if role == "close":
                start, end = _trimmed(text, _sentence_start(text, pos, floor), pos)
                if end > start:
                    spans.append(MarkedSpan(start, end, None, pos, paragraph))
                floor = pos + 1
            else:
                open_at = pos
            continue
        if role == "open":
            closes_left = sum(1 for _, later in marks[index + 1 :] if later != "open")
            if closes_left >= nested + 2 and text[open_at] in OPENING_DOUBLE:
                nested += 1
                continue
            cut = _last_sentence_end(text, open_at + 1, pos) or pos
            start, end = _trimmed(text, open_at + 1, cut)
            if end > start:
                spans.append(MarkedSpan(start, end, open_at, None, paragraph))
            open_at = pos
            continue
        start, end = _trimmed(text, open_at + 1, pos)
        if end > start:
            spans.append(MarkedSpan(start, end, open_at, pos, paragraph))
        floor = pos + 1
        open_at = None
    if open_at is not None:
        start, end = _trimmed(text, open_at + 1, hi)
        if end > start:
            spans.append(MarkedSpan(start, end, open_at, None, paragraph))
    return spans


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    marks = []
    for match in _DOUBLE_MARK.finditer(text, lo, hi):  # the mark characters only, in order
        pos = match.start()
        char = text[pos]
        if char in OPENING_DOUBLE:
            marks.append((pos, "open"))
        elif char in CLOSING_DOUBLE:
            marks.append((pos, "close"))
        elif char == STRAIGHT_DOUBLE:
            marks.append((pos, _straight_role(text, pos, lo, hi)))
    return marks


def _single_spans(text: str, lo: int, hi: int, paragraph: int, taken: list[MarkedSpan]) -> list[MarkedSpan]:
    """Pair single marks (curly, or straight ones that open a word) lying outside the double-quoted spans."""
    inner = [((s.open_at if s.open_at is not None else s.start), (s.close_at if s.close_at is not None else s.end))
             for s in taken]
    spans = []
    open_at: int | None = None
    for match in _SINGLE_MARK.finditer(text, lo, hi):
        pos = match.start()
        if any(a <= pos <= b for a, b in inner):
            continue
        char = text[pos]
        before = text[pos - 1] if pos > lo else " "
        after = text[pos + 1] if pos + 1 < hi else " "
        opens = char == OPENING_SINGLE or (char == STRAIGHT_SINGLE and after.isalpha())
        if opens and open_at is None and (before.isspace() or before in _OPEN_AFTER):
            open_at = pos
        elif (
            char != OPENING_SINGLE
            and open_at is not None
            and not before.isspace()
            and (after.isspace() or after in _CLOSE_BEFORE)
        ):
            start, end = _trimmed(text, open_at + 1, pos)
            if end > start:
                spans.append(MarkedSpan(start, end, open_at, pos, paragraph))
            open_at = None
    return spans


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Return the quoted spans of ``text`` in order, one per pair of quotation marks."""
    spans: list[MarkedSpan] = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        lo, hi = match.span()
        doubles = _pair(text, _double_marks(text, lo, hi), lo, hi, paragraph)
        spans.extend(doubles)
        if _SINGLE_MARK.search(text, lo, hi):
            spans.extend(_single_spans(text, lo, hi, paragraph, doubles))
    spans.sort(key=lambda s: s.start)
    return spans
