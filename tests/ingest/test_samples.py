"""The bundled sample corpus reads cleanly: articles without junk, bad files with their codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from multipolar.ingest import Deduplicator, extract_article, read_documents
from multipolar.ingest.dates import find_dateline
from multipolar.records import Article, IngestError

JUNK = re.compile(
    r"we use cookies|site uses cookies|subscribe to|newsletter|related (posts|articles)|share this|all rights reserved",
    re.IGNORECASE,
)
EXPECTED_BROKEN = {
    "empty.txt": "E101",
    "image.png": "E102",
    "french.txt": "E108",
    "bad-lines.jsonl:2": "E105",
}


def _samples(samples_dir: Path, folder: str) -> Path:
    path = samples_dir / folder
    if not path.is_dir() or not any(path.iterdir()):
        pytest.skip(f"{path} is empty")
    return path


@pytest.mark.parametrize("folder", ["html", "text", "feeds"])
def test_sample_articles_are_clean(samples_dir: Path, folder: str) -> None:
    articles = [extract_article(d) for d in read_documents([_samples(samples_dir, folder)])]
    assert articles and all(isinstance(a, Article) for a in articles), [
        a for a in articles if not isinstance(a, Article)
    ]
    for article in articles:
        assert article.title and article.date, article.origin
        assert not JUNK.search(article.text), (article.origin, JUNK.search(article.text).group(0))


def test_sample_bad_inputs_give_their_codes(samples_dir: Path) -> None:
    codes: dict[str, str] = {}
    for item in read_documents([_samples(samples_dir, "broken")]):
        result = item if isinstance(item, IngestError) else extract_article(item)
        if isinstance(result, IngestError):
            codes[Path(result.origin).name] = result.code
    for name, code in EXPECTED_BROKEN.items():
        assert codes.get(name) == code, (name, codes)


def test_sample_wire_copies_are_near_duplicates(samples_dir: Path) -> None:
    dedup = Deduplicator()
    results = [dedup.check(extract_article(d)) for d in read_documents([_samples(samples_dir, "html")])]
    results += [dedup.check(extract_article(d)) for d in read_documents([_samples(samples_dir, "text")])]
    marked = [r for r in results if isinstance(r, Article) and r.near_duplicate_of]
    assert marked, "the samples hold one wire story published twice"
    assert not [r for r in results if isinstance(r, IngestError)]


def test_sample_text_datelines_leave_the_body(samples_dir: Path) -> None:
    articles = [extract_article(d) for d in read_documents([_samples(samples_dir, "text")])]
    for article in articles:
        assert isinstance(article, Article) and find_dateline(article.text) is None, article.origin
        assert article.date_source == "text", article.origin
    assert {"Wireline", "Northern Dispatch"} <= {article.source for article in articles}
