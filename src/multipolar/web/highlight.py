"""Safe highlighting of an article's text: actors, event triggers and quotes as HTML spans.

The text is cut at every span boundary; each piece is escaped and wrapped in the marks of
the spans covering it, opened and closed inside the piece, so overlapping or nested spans
always give well-formed HTML. Nothing from the database reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Outer to inner order of marks when spans overlap.
KIND_ORDER = {"quote": 0, "actor": 1, "place": 2, "trigger": 3}


@dataclass(frozen=True)
class Span:
    """A highlighted range ``[start, end)`` of the text with its kind, tooltip and optional anchor/link."""

    start: int
    end: int
    kind: str
    title: str = ""
    anchor: str | None = None
    attrs: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def highlight(text: str, spans: list[Span]) -> Markup:
    """Return ``text`` as escaped HTML with each valid span wrapped in ``<mark class="hl-KIND">``.

    Spans outside the text, empty or of an unknown kind are ignored. The first piece of a span
    with an ``anchor`` carries ``id="anchor"``.
    """
    length = len(text)
    valid = [
        s
        for s in spans
        if s.kind in KIND_ORDER and isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end <= length
    ]
    cuts = sorted({0, length, *(s.start for s in valid), *(s.end for s in valid)})
    valid.sort(key=lambda s: (s.start, KIND_ORDER[s.kind], -s.end))
    out: list[str] = []
    anchored: set[str] = set()
    active: list[Span] = []
    next_span = 0
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > left]
        while next_span < len(valid) and valid[next_span].start <= left:
            if valid[next_span].end > left:
                active.append(valid[next_span])
            next_span += 1
        covering = sorted(active, key=lambda s: (KIND_ORDER[s.kind], s.start, -s.end))
        piece = str(escape(text[left:right]))
        for span in reversed(covering):
            piece = _open(span, anchored) + piece + "</mark>"
        out.append(piece)
    return Markup("".join(out))


def _open(span: Span, anchored: set[str]) -> str:
    attrs = [f'class="hl hl-{span.kind}"']
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    if span.anchor and span.anchor not in anchored:
        anchored.add(span.anchor)
        attrs.append(f'id="{escape(span.anchor)}"')
    for name, value in span.attrs:
        if name.replace("-", "").isalnum():
            attrs.append(f'{name}="{escape(value)}"')
    return f"<mark {' '.join(attrs)}>"


def article_spans(article: dict) -> list[Span]:
    """Return the highlight spans of a stored article: its quotes, actor mentions and event triggers."""
    spans: list[Span] = []
    for quote in article.get("quotes", []):
        speaker = quote.get("speaker_text") or quote.get("speaker_code") or "unknown speaker"
        spans.append(Span(_int(quote.get("start")), _int(quote.get("end")), "quote", f"{quote.get('kind')} quote by {speaker}"))
    for actor in article.get("actors", []):
        label = " ".join(str(p) for p in (actor.get("code"), actor.get("name"), actor.get("role")) if p)
        spans.append(Span(_int(actor.get("start")), _int(actor.get("end")), "actor", label or "actor"))
    for event in article.get("events", []):
        label = (
            f"{event.get('plover')} ({event.get('cameo') or '-'}): "
            f"{event.get('source_code') or '?'} \u2192 {event.get('target_code') or '?'}"
        )
        spans.append(
            Span(
                _int(event.get("trigger_start")),
                _int(event.get("trigger_end")),
                "trigger",
                label,
                anchor=f"ev-{event.get('id')}",
                attrs=(("data-event", str(event.get("id"))),),
            )
        )
    return spans


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
