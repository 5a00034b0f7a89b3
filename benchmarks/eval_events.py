"""Dev tool: code the gold event sentences with the event stage and score them.

Builds an ``Article`` per gold record, parses it, resolves actors, codes events, writes the JSONL
the scorer reads and runs ``../shared/eval/score.py`` on it (by PLOVER type and by CAMEO root)::

    .venv/bin/python benchmarks/eval_events.py [--gold FILE] [--out FILE] [--show-misses N]

With ``--corpus PATH`` (files or folders, repeatable; e.g. ``src/multipolar/data/samples``) it
instead codes a corpus with no gold and prints the figures the event-coding issue asks for: the
share of events with both source and target (and with a target), asserted events dated after
their article (must be 0), events by timing and by domestic flag, and how many rules fire on
exactly one sentence (see ``multipolar rules --stats``)::

    .venv/bin/python benchmarks/eval_events.py --corpus src/multipolar/data/samples
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def code_gold(gold_path: Path, out_path: Path) -> float:
    """Write the coded events of every gold record to ``out_path``; return the seconds it took."""
    from multipolar import nlp
    from multipolar.actors import find_actors
    from multipolar.events import code_events
    from multipolar.records import Article, content_hash

    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [
        Article(id=str(r["id"]), text=r["text"], content_hash=content_hash(r["text"]), date=r.get("date"))
        for r in records
    ]
    started = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        for article, doc in zip(articles, nlp.parse([a.text for a in articles]), strict=True):
            mentions = find_actors(doc, article)
            events = code_events(doc, article, mentions)
            out.write(json.dumps({"id": article.id, "events": [asdict(e) for e in events]}) + "\n")
    return time.perf_counter() - started


def corpus_figures(paths: list[str]) -> dict[str, object]:
    """Return the sample-corpus figures for ``paths`` (see the module docstring)."""
    from collections import Counter

    from multipolar.cli.rules_cmd import rule_statistics

    collected: list = []
    rows, articles, _failures = rule_statistics(paths, on_result=lambda coded: collected.extend(coded.events))
    events = [e for e in collected if not e.negated]
    both = sum(1 for e in events if e.source is not None and e.target is not None)
    with_target = sum(1 for e in events if e.target is not None)
    future_asserted = [e for e in events if e.timing == "future" and e.modality in ("asserted", "reported")]
    return {
        "articles": articles,
        "events": len(events),
        "both_sides": round(both / len(events), 3) if events else 0.0,
        "with_target": round(with_target / len(events), 3) if events else 0.0,
        "asserted_after_article": len(future_asserted),
        "timing": dict(Counter(e.timing for e in events)),
        "domestic": dict(Counter(str(e.domestic) for e in events)),
        "rules_once": sorted(f"{r['table']}:{r['rule']}" for r in rows if r["once"]),
        "rules_never": sum(1 for r in rows if not r["hits"]),
        "rules": len(rows),
    }


def main() -> int:
    """Code and score the gold set (or report corpus figures); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "events-dev.jsonl")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "multipolar-eval-events.jsonl")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--by", choices=["plover", "cameo", "both"], default="both")
    parser.add_argument("--corpus", action="append", help="code this corpus and print its figures instead")
    options = parser.parse_args()
    if options.corpus:
        for key, value in corpus_figures(options.corpus).items():
            print(f"{key:>24}: {value}")
        return 0
    if not options.gold.exists():
        print(f"{options.gold} is absent", file=sys.stderr)
        return 2
    seconds = code_gold(options.gold, options.out)
    print(f"coded {options.gold.name} in {seconds:.2f} s -> {options.out}")
    status = 0
    for by in (("plover", "cameo") if options.by == "both" else (options.by,)):
        command = [sys.executable, str(SHARED / "eval" / "score.py"), "events", "--gold", str(options.gold),
                   "--pred", str(options.out), "--by", by, "--show-misses", str(options.show_misses if by == "plover" else 0)]
        status = max(status, subprocess.call(command))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
