"""Property-based tests: arbitrary input never raises, spans stay inside the text, coding is deterministic."""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from multipolar.ingest import document_from_string, extract_article, read_documents
from multipolar.ingest.boilerplate import clean_paragraphs, normalise_space, split_paragraphs, split_title
from multipolar.ingest.decoding import DecodeFailure, decode_bytes, looks_wrong
from multipolar.ingest.language import identify
from multipolar.records import Article, Document, IngestError

FAST = settings(max_examples=int(os.environ.get("MULTIPOLAR_PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news-like text, so that generated inputs reach the deeper paths (tags, quotes, JSON).
PIECES = [
    "The", "minister", "of", "France", "said", "Russia", "attacked", "Ukraine", "on", "Monday", ".", ",",
    '"', "“", "”", "talks", "with", "China", "in", "Geneva", "killed", "12", "people", "<p>", "</p>",
    "<div>", "<script>", "</script>", "<noscript>", "&amp;", "&lol;", "<!ENTITY", "{", "}", "[", "]",
    '"text":', "\n", "\n\n", "\t", "\x00", "\ufffd", "Ã©", "中国", "ไทย", "\u202e", "WARC/1.0", "\r\n",
]
newsish = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), newsish)
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".rss", ".warc", ".txt.gz", ".jsonl.gz", ""]


def _results_are_records(results: list) -> None:
    for item in results:
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, IngestError):
            assert item.code.startswith("E") and "\n" not in item.message()


@FAST
@given(data=st.one_of(st.binary(max_size=600), newsish.map(lambda t: t.encode("utf-8"))), suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        results = list(read_documents([path]))
        _results_are_records(results)
        for document in results:
            if isinstance(document, Document):
                assert isinstance(extract_article(document), (Article, IngestError))


@FAST
@given(lines=st.lists(st.one_of(newsish, st.text(max_size=80), st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 3000))), max_size=12))
def test_jsonl_lines_are_isolated(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        try:
            results = list(read_documents([path]))
        except UnicodeEncodeError:  # pragma: no cover - lone surrogates cannot be written as UTF-8
            return
        _results_are_records(results)


@FAST
@given(data=st.binary(max_size=2000))
def test_decoding_gives_text_or_a_decode_failure(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeFailure as failure:
        assert failure.kind in ("binary", "undecodable")
        return
    assert isinstance(decoded.text, str) and 0 <= decoded.confidence <= 1
    looks_wrong(decoded.text)


@FAST
@given(text=any_text)
def test_the_cleaner_never_raises_and_keeps_text_inside(text: str) -> None:
    paragraphs = split_paragraphs(text)
    assert all(isinstance(p, str) for p in paragraphs)
    title, rest = split_title(paragraphs)
    cleaned = clean_paragraphs(rest, title=title)
    for paragraph in cleaned.paragraphs:
        assert paragraph == normalise_space(paragraph)
    identify(text)


@FAST
@given(text=any_text, as_html=st.booleans())
def test_extraction_never_raises(text: str, as_html: bool) -> None:
    document = document_from_string(text, input_format="html" if as_html else "text")
    result = extract_article(document)
    assert isinstance(result, (Article, IngestError))
    if isinstance(result, Article):
        assert result.text.strip() and result.language


def _spans_inside(coded) -> None:
    text = coded.article.text
    size = len(text)
    for sentence in coded.sentences:
        assert 0 <= sentence.start <= sentence.end <= size
    for mention in coded.actors:
        assert 0 <= mention.start <= mention.end <= size
        assert text[mention.start : mention.end] == mention.text
    for event in coded.events:
        assert 0 <= event.trigger_start <= event.trigger_end <= size
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        for ref in (event.source, event.target):
            if ref is not None and ref.start is not None:
                assert 0 <= ref.start <= ref.end <= size
    for quote in coded.quotes:
        assert 0 <= quote.start <= quote.end <= size
    for figure in coded.figures:
        assert 0 <= figure.start <= figure.end <= size


SENTENCES = [
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing at least 12 civilians.",
    "The French foreign minister said Paris would send 200 troops to Chad.",
    '"We will not accept this," the Chinese ambassador told reporters in Geneva.',
    "Protesters marched on parliament in Nairobi, and police arrested 40 people.",
    "Iran and Saudi Arabia agreed to restore diplomatic relations, officials in Beijing said.",
    "The United Nations condemned the attack and called for talks.",
]
articles = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join),
    st.lists(st.one_of(st.sampled_from(SENTENCES), newsish), min_size=1, max_size=4).map("\n\n".join),
    st.text(max_size=300),
)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("MULTIPOLAR_CODING_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles)
def test_coding_never_raises_keeps_spans_inside_and_is_deterministic(text: str) -> None:
    import multipolar

    first = multipolar.code(text, date="2024-05-16")
    _spans_inside(first)
    second = multipolar.code(text, date="2024-05-16")
    assert first.to_dict() == second.to_dict()
