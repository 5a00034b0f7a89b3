"""Score the quote stage on a quotes development set, with recall per attribution class.

Codes each gold record with the CLI the scorer uses (``multipolar code --input-format jsonl
--format jsonl -``: ingest takes a headline off the text as the title, as for real input), or with
``--direct`` runs nlp -> actors -> quotes in-process on the whole text; writes the predictions as
JSONL and calls the shared scorer on them::

    .venv/bin/python benchmarks/eval_quotes.py [--gold PATH] [--pred OUT] [--show-misses N] [--direct]

Prints the scorer's report; its last line is the headline
``quotes: precision P recall R F1 F speaker S``. When the gold quotes carry a ``class`` field
(speech, stance, cognition, document; ``benchmarks/data/quotes-dev2.jsonl``), it first prints
recall and speaker accuracy per class and per kind, matching gold to predicted quotes with the
scorer's own functions (best word overlap >= 0.5, each prediction used once), and how often the
predicted ``cue_class`` agrees with the gold class on found quotes.
"""

from __future__ import annotations

import argparse
import importlib.util
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


def predict_cli(gold_path: Path, pred_path: Path) -> float:
    """Write the CLI's output for the gold records' ``id``, ``text`` and ``date`` to ``pred_path``; return seconds."""
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stdin = "".join(json.dumps({"id": r["id"], "text": r["text"], "date": r.get("date")}) + "\n" for r in records)
    command = [str(Path(sys.executable).with_name("multipolar")), "code", "--input-format", "jsonl", "--format", "jsonl", "-"]
    began = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    pred_path.write_text(done.stdout, encoding="utf-8")
    return time.perf_counter() - began


def _scorer():
    """Return the shared scorer as a module (its matching functions are reused here)."""
    spec = importlib.util.spec_from_file_location("quote_scorer", SHARED_EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def by_group(gold_path: Path, pred_path: Path) -> dict[str, dict[str, list[int]]]:
    """Return ``{group: {value: [found, total, speaker_ok, class_agrees]}}`` for the groups
    ``class`` and ``kind``, matching each record's gold quotes in order as the scorer does."""
    scorer = _scorer()
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = {str(p["id"]): p.get("quotes", []) for p in map(json.loads, pred_path.read_text().splitlines()) if p}
    table: dict[str, dict[str, list[int]]] = {"class": {}, "kind": {}}
    for record in gold:
        predicted = preds.get(str(record["id"]), [])
        used: set[int] = set()
        for quote in record["quotes"]:
            best, best_i = 0.0, None
            for i, candidate in enumerate(predicted):
                if i not in used and (o := scorer.overlap(quote["text"], candidate.get("text") or "")) > best:
                    best, best_i = o, i
            found = best >= 0.5 and best_i is not None
            if found:
                used.add(best_i)
            match = predicted[best_i] if found else {}
            speaker = found and scorer.speaker_ok(quote.get("speaker"), match.get("speaker"))
            agrees = found and match.get("cue_class") == quote.get("class")
            for group in table:
                row = table[group].setdefault(str(quote.get(group)), [0, 0, 0, 0])
                row[0] += found
                row[1] += 1
                row[2] += bool(speaker)
                row[3] += bool(agrees)
    return table


def print_groups(table: dict[str, dict[str, list[int]]]) -> None:
    """Print recall, speaker accuracy and class agreement per class and per kind."""
    for group, rows in table.items():
        print(f"recall by {group}:")
        for value, (found, total, speaker, agrees) in sorted(rows.items()):
            print(f"  {value:<10} recall {found / total:.3f} ({found}/{total})  speaker {speaker / max(found, 1):.3f}"
                  f"  predicted class agrees {agrees / max(found, 1):.3f}")


def main() -> int:
    """Run the benchmark; return the scorer's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED_EVAL / "quotes-dev.jsonl")
    parser.add_argument("--pred", type=Path, default=Path("/tmp/multipolar-quotes-pred.jsonl"))
    parser.add_argument("--show-misses", type=int, default=20)
    parser.add_argument("--direct", action="store_true", help="code in-process on the whole text, without ingest")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"gold set {args.gold} is absent", file=sys.stderr)
        return 2
    seconds = (predict if args.direct else predict_cli)(args.gold, args.pred)
    print(f"coded {args.gold.name} in {seconds:.2f}s -> {args.pred}")
    table = by_group(args.gold, args.pred)
    if set(table["class"]) != {"None"}:
        print_groups(table)
    scorer = SHARED_EVAL / "score.py"
    return subprocess.call(
        [sys.executable, str(scorer), "quotes", "--gold", str(args.gold), "--pred", str(args.pred),
         "--show-misses", str(args.show_misses)]
    )


if __name__ == "__main__":
    raise SystemExit(main())
