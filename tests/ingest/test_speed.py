"""Extraction speed: small pages must go through read + extract in seconds."""

from __future__ import annotations

import time
from pathlib import Path

from multipolar.ingest import extract_article, read_documents
from multipolar.records import Article

from .helpers import story_html

PAGES = 200


def test_two_hundred_small_pages_in_seconds(tmp_path: Path) -> None:
    for number in range(PAGES):
        page = story_html(title=f"Trade Reform Plan, Part {number}").replace("Tuesday", f"day {number}")
        (tmp_path / f"page-{number:03d}.html").write_text(page, encoding="utf-8")
    extract_article(next(iter(read_documents([tmp_path / "page-000.html"]))))  # load models once
    started = time.perf_counter()
    articles = [extract_article(document) for document in read_documents([tmp_path])]
    elapsed = time.perf_counter() - started
    assert len(articles) == PAGES and all(isinstance(a, Article) for a in articles)
    rate = PAGES / elapsed
    print(f"\nread+extract: {PAGES} pages in {elapsed:.2f} s = {rate:.0f} articles/s")
    assert elapsed < 30, f"{rate:.1f} articles/s is too slow"
