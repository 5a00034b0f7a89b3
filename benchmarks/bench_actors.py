"""Benchmark: time spent resolving actors next to the time spent in spaCy, on the same articles.

Run from the project root::

    .venv/bin/python benchmarks/bench_actors.py [--repeat 3]

It reads the bundled sample corpus (``src/multipolar/data/samples``: html, text and feeds; the
seed article repeated when the corpus is absent), parses every article with the project's
spaCy pipeline (``nlp.parse``), then runs ``find_actors`` on the parsed documents, and prints
both times and their ratio. The knowledge base and the gazetteer are loaded once before
timing (that one-off cost is printed apart). Target: resolution adds less than 20% of the
spaCy time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "multipolar" / "data" / "samples"
SEED = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"


def load_articles() -> list:
    """Return the sample corpus as Articles (the seed article ten times if there is no corpus)."""
    from multipolar.ingest import document_from_string, extract_article, read_documents
    from multipolar.records import Article, IngestError

    folders = [SAMPLES / name for name in ("html", "text", "feeds")]
    paths = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir()) if p.is_file()]
    articles = []
    if paths:
        for document in read_documents(paths):
            if isinstance(document, IngestError):
                continue
            article = extract_article(document)
            if isinstance(article, Article) and article.text:
                articles.append(article)
    if not articles and SEED.exists():
        article = extract_article(document_from_string(SEED.read_text(encoding="utf-8"), origin="seed"))
        articles = [article] * 10
    return articles


def main() -> int:
    """Print spaCy time, resolution time and their ratio; return 0 when the ratio is under 20%."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds; the best round is reported")
    args = parser.parse_args()

    from multipolar import nlp
    from multipolar.actors import find_actors
    from multipolar.gazetteer import find_city
    from multipolar.kb import get_kb

    articles = load_articles()
    if not articles:
        print("no articles to time: the sample corpus and the seed article are both absent")
        return 1
    started = time.perf_counter()
    get_kb()
    find_city("Kyiv")
    nlp.load_pipeline()
    one_off = time.perf_counter() - started

    best_spacy = best_actors = float("inf")
    mentions = 0
    for _ in range(max(args.repeat, 1)):
        started = time.perf_counter()
        docs = list(nlp.parse([a.text for a in articles]))
        best_spacy = min(best_spacy, time.perf_counter() - started)
        started = time.perf_counter()
        mentions = sum(len(find_actors(doc, article)) for doc, article in zip(docs, articles, strict=True))
        best_actors = min(best_actors, time.perf_counter() - started)
    words = sum(len(a.text.split()) for a in articles)
    ratio = best_actors / best_spacy
    print(f"articles {len(articles)}  words {words}  actor mentions {mentions}")
    print(f"one-off load (knowledge base, gazetteer, spaCy model) {one_off:.2f} s")
    print(f"spaCy parsing    {best_spacy:.3f} s (best of {args.repeat})")
    print(f"actor resolution {best_actors:.3f} s (best of {args.repeat})")
    print(f"resolution / spaCy = {ratio:.1%} (target < 20%)")
    return 0 if ratio < 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
