"""Highlighting escapes everything and stays well-formed when spans overlap."""

from __future__ import annotations

from html.parser import HTMLParser

from multipolar.web.highlight import Span, article_spans, highlight


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text += data


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


def test_markup_in_text_is_escaped():
    text = 'Russia <script>alert("x")</script> attacked & left'
    html = str(highlight(text, [Span(0, 6, "actor", 'code "RUS" <b>')]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'title="code &#34;RUS&#34; &lt;b&gt;"' in html
    parsed = _parse(html)
    assert parsed.text == text
    assert set(parsed.tags) == {"mark"}


def test_overlapping_and_nested_spans_give_balanced_html():
    text = "The minister said Russia attacked Ukraine today."
    spans = [
        Span(4, 41, "quote"),
        Span(18, 24, "actor"),
        Span(25, 33, "trigger", anchor="ev-1"),
        Span(20, 30, "actor"),  # overlaps the trigger's start
        Span(34, 41, "actor"),
    ]
    html = str(highlight(text, spans))
    parsed = _parse(html)
    assert parsed.text == text
    assert html.count('id="ev-1"') == 1


def test_invalid_spans_are_ignored():
    text = "Short text."
    spans = [Span(-1, 3, "actor"), Span(5, 100, "actor"), Span(4, 4, "actor"), Span(0, 5, "unknown")]
    assert str(highlight(text, spans)) == "Short text."


def test_article_spans_anchor_each_event():
    article = {
        "quotes": [{"start": 0, "end": 4, "kind": "direct", "speaker_text": "X"}],
        "actors": [{"start": 0, "end": 2, "code": "RUS", "name": "Russia"}],
        "events": [{"id": "e1", "trigger_start": 5, "trigger_end": 9, "plover": "ASSAULT", "cameo": "190"}],
    }
    kinds = [s.kind for s in article_spans(article)]
    assert kinds == ["quote", "actor", "trigger"]
    html = str(highlight("abcd efgh", article_spans(article)))
    assert 'id="ev-e1"' in html and 'data-event="e1"' in html


def test_any_spans_keep_the_text_and_balance_the_tags():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab <>&\"'\n"))
    kinds = st.sampled_from(["quote", "actor", "place", "trigger", "bogus"])

    @settings(max_examples=200, deadline=None, database=None)
    @given(st.text(alphabet, max_size=40), st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45), kinds), max_size=8))
    def check(text, raw_spans):
        spans = [Span(a, b, kind, title="<t>", anchor=f"a{i}") for i, (a, b, kind) in enumerate(raw_spans)]
        html = str(highlight(text, spans))
        parsed = _parse(html)
        assert parsed.text == text
        assert set(parsed.tags) <= {"mark"}

    check()
