"""Ingest throughput on the bundled sample corpus, with each stage's time beside spaCy's.

Run: .venv/bin/python benchmarks/bench_ingest.py [--repeat N]

Prints articles per second for a full `ingest` of the corpus into a fresh DuckDB file (models
and data loaded beforehand; `--repeat` runs), then, measured in the same run over the same
parsed documents, the time of each stage and its ratio to spaCy's own
parsing time (the machines are shared and noisy: compare the ratios, not the seconds).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from multipolar import nlp
from multipolar.actors import find_actors
from multipolar.events import code_events
from multipolar.ingest import input_files
from multipolar.pipeline import code_articles
from multipolar.quotes import extract_figures, extract_quotes
from multipolar.records import Article
from multipolar.store import open_store
from multipolar.workflow import extract_all, ingest_paths

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "multipolar" / "data" / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="timed ingest runs")
    args = parser.parse_args()
    articles = [a for _, a in extract_all(input_files([SAMPLES])) if isinstance(a, Article)]
    list(code_articles(articles[:1]))  # model, knowledge base, gazetteer and lexicon loaded before timing
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.duckdb") as store:
            started = time.perf_counter()
            summary = ingest_paths([SAMPLES], store)
            runs.append((summary.articles_added, time.perf_counter() - started))
    for added, elapsed in runs:
        print(f"ingest of the sample corpus: {added} articles in {elapsed:.2f}s = {added / elapsed:.1f} articles/s")

    t0 = time.perf_counter()
    articles = [a for _, a in extract_all(input_files([SAMPLES])) if isinstance(a, Article)]
    t_extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.parse([a.text for a in articles]))
    t_spacy = time.perf_counter() - t0
    find_actors(docs[0], articles[0])  # knowledge base loaded outside the timing
    t0 = time.perf_counter()
    mentions = [find_actors(d, a) for d, a in zip(docs, articles, strict=True)]
    t_actors = time.perf_counter() - t0
    code_events(docs[0], articles[0], mentions[0])
    t0 = time.perf_counter()
    events = [code_events(d, a, m) for d, a, m in zip(docs, articles, mentions, strict=True)]
    t_events = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, a, m, e in zip(docs, articles, mentions, events, strict=True):
        extract_quotes(d, a, m)
        extract_figures(d, a, m, e)
    t_quotes = time.perf_counter() - t0
    print(f"stages over {len(articles)} articles (ratio to spaCy parsing time):")
    for name, seconds in (("extract", t_extract), ("spaCy", t_spacy), ("actors", t_actors),
                          ("events", t_events), ("quotes+figures", t_quotes)):
        print(f"  {name:15s} {seconds:7.3f}s  {seconds / t_spacy:6.2f}x")


if __name__ == "__main__":
    main()
