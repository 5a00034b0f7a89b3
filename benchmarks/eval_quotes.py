"""Score the quote stage on the quotes development set.

Runs nlp -> actors -> quotes directly on each gold record (without the CLI), writes the
predictions as JSONL and calls the shared scorer on them::

    .venv/bin/python benchmarks/eval_quotes.py [--gold PATH] [--pred OUT] [--show-misses N]

Prints the scorer's report; its last line is the headline
``quotes: precision P recall R F1 F speaker S``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from multipolar import nlp
from multipolar.actors import find_actors
from multipolar.quotes import extract_quotes
from multipolar.records import Article, content_hash

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = (ROOT / ".." / "shared" / "eval").resolve()


def predict(gold_path: Path, pred_path: Path) -> float:
    """Write one ``{"id", "quotes"}`` line per gold record to ``pred_path``; return seconds spent."""
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [
        Article(id=str(r["id"]), text=r["text"], content_hash=content_hash(r["text"]), date=r.get("date"))
        for r in records
    ]
    began = time.perf_counter()
    with pred_path.open("w", encoding="utf-8") as out:
        for article, doc in zip(articles, nlp.parse([a.text for a in articles]), strict=True):
            mentions = find_actors(doc, article)
            quotes = extract_quotes(doc, article, mentions)
            out.write(json.dumps({"id": article.id, "quotes": [asdict(q) for q in quotes]}) + "\n")
    return time.perf_counter() - began


def main() -> int:
    """Run the benchmark; return the scorer's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED_EVAL / "quotes-dev.jsonl")
    parser.add_argument("--pred", type=Path, default=Path("/tmp/multipolar-quotes-pred.jsonl"))
    parser.add_argument("--show-misses", type=int, default=20)
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"gold set {args.gold} is absent", file=sys.stderr)
        return 2
    seconds = predict(args.gold, args.pred)
    print(f"coded {args.gold.name} in {seconds:.2f}s -> {args.pred}")
    scorer = SHARED_EVAL / "score.py"
    return subprocess.call(
        [sys.executable, str(scorer), "quotes", "--gold", str(args.gold), "--pred", str(args.pred),
         "--show-misses", str(args.show_misses)]
    )


if __name__ == "__main__":
    raise SystemExit(main())
