"""Benchmark: time the quote stage against spaCy's own parsing time on the sample corpus.

The quotes issue's target: extracting quotes takes less than 0.15 of spaCy's parse time. The
script parses the sample corpus (``src/multipolar/data/samples/text`` and ``html``, or the seed
article when the corpus is absent), resolves actors (not timed: another stage), then times
``extract_quotes`` on the same parsed documents in the same run. Lexicons and rule tables are
loaded before timing (they load once per process); the best of ``--repeat`` runs is reported
for both sides::

    .venv/bin/python benchmarks/bench_quotes.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "multipolar" / "data" / "samples"
SEED = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"
TARGET = 0.15


def load_articles():
    """Return the sample corpus as ``Article`` records (seed article as the fallback)."""
    from multipolar.records import Article, content_hash

    texts: list[tuple[str, str]] = []
    for path in sorted((SAMPLES / "text").glob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    html = sorted((SAMPLES / "html").glob("*.html"))
    if html:
        from multipolar.ingest import document_from_string, extract_article

        for path in html:
            article = extract_article(document_from_string(path.read_text(encoding="utf-8", errors="replace")))
            if hasattr(article, "text") and article.text:
                texts.append((path.name, article.text))
    if not texts and SEED.exists():
        texts.append((SEED.name, SEED.read_text(encoding="utf-8")))
    return [Article(id=name, text=text, content_hash=content_hash(text), date="2024-05-16") for name, text in texts]


def main() -> None:
    """Print spaCy time, quote-stage time and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    from multipolar import nlp
    from multipolar.actors import find_actors
    from multipolar.quotes import extract_quotes

    articles = load_articles()
    texts = [a.text for a in articles]
    nlp.load_pipeline()
    list(nlp.parse(texts[:1]))  # warm-up
    docs = list(nlp.parse(texts[:1]))
    extract_quotes(docs[0], articles[0], find_actors(docs[0], articles[0]))  # loads lexicons

    spacy_best = quotes_best = float("inf")
    n_quotes = 0
    for _ in range(options.repeat):
        started = time.perf_counter()
        docs = list(nlp.parse(texts))
        spacy_best = min(spacy_best, time.perf_counter() - started)
        mentions = [find_actors(doc, article) for doc, article in zip(docs, articles, strict=True)]
        started = time.perf_counter()
        n_quotes = sum(len(extract_quotes(d, a, m)) for d, a, m in zip(docs, articles, mentions, strict=True))
        quotes_best = min(quotes_best, time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(articles)} articles, {words} words, {n_quotes} quotes")
    print(f"spaCy parse  : {spacy_best:.3f} s")
    print(f"quote stage  : {quotes_best:.3f} s")
    print(f"ratio quotes/spaCy: {quotes_best / spacy_best:.3f} (target < {TARGET:.2f})")


if __name__ == "__main__":
    main()
