"""Check a quote-attribution gold file and print its counts (optionally recall by kind and class).

Validates every record of a gold set such as ``benchmarks/data/quotes-dev2.jsonl``: field names and
types, unique ids, dates, quote kinds and attribution classes, that each quote's text occurs
verbatim in its passage (and, for direct and partial quotes, right inside quotation marks), and that
the speaker as written occurs in the passage. Then prints counts by kind, by class and by both::

    python benchmarks/check_quotes_set.py [--gold FILE] [--pred PRED.jsonl]

With ``--pred`` (the project's ``code --format jsonl`` output for the same records) it also prints
recall per kind and per class, matching gold to predicted quotes the way ``../shared/eval/score.py``
does (greedy in gold order, word-set Jaccard overlap of at least 0.5). Exit status 1 when the file
has errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "quotes-dev2.jsonl"

KINDS = ("direct", "partial", "indirect")
CLASSES = ("speech", "stance", "cognition", "document")
RECORD_KEYS = {"id", "date", "text", "quotes"}
QUOTE_REQUIRED = {"text", "kind", "class", "speaker", "speaker_names", "speaker_as_written"}
QUOTE_OPTIONAL = {"medium", "listener"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that", "his", "her", "its", "their"}
OPENING_MARKS = "\"“‘'"
CLOSING_MARKS = "\"”’'"
ID_PATTERN = re.compile(r"^qdev2-\d{3}$")
MATCH_THRESHOLD = 0.5


def load_records(path: Path) -> list[dict]:
    """Read one JSON object per non-empty line of ``path``."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _inside_marks(passage: str, text: str) -> bool:
    """True when some occurrence of ``text`` opens right after a quotation mark and closes at one."""
    start = passage.find(text)
    while start != -1:
        end = start + len(text)
        before = passage[start - 1] if start else ""
        after = passage[end : end + 2]
        closes = bool(after) and (
            after[0] in CLOSING_MARKS or (after[0] in ",.?!" and after[1:2] in CLOSING_MARKS)
        )
        if before and before in OPENING_MARKS and closes:
            return True
        start = passage.find(text, start + 1)
    return False


def _check_quote(rid: str, index: int, passage: str, quote: dict) -> list[str]:
    """Return the problems of one quote annotation."""
    where = f"{rid} quote {index + 1}"
    keys = set(quote)
    problems = [f"{where}: missing {sorted(QUOTE_REQUIRED - keys)}"] if QUOTE_REQUIRED - keys else []
    if keys - QUOTE_REQUIRED - QUOTE_OPTIONAL:
        problems.append(f"{where}: unknown fields {sorted(keys - QUOTE_REQUIRED - QUOTE_OPTIONAL)}")
    if problems:
        return problems
    text = quote["text"]
    if not isinstance(text, str) or not text.strip() or text != text.strip():
        problems.append(f"{where}: text is empty or has outer spaces")
    elif text not in passage:
        problems.append(f"{where}: text does not occur verbatim in the passage: {text!r}")
    elif quote["kind"] in ("direct", "partial") and not _inside_marks(passage, text):
        problems.append(f"{where}: {quote['kind']} text is not enclosed by quotation marks: {text!r}")
    if quote["kind"] not in KINDS:
        problems.append(f"{where}: kind {quote['kind']!r} not in {KINDS}")
    if quote["class"] not in CLASSES:
        problems.append(f"{where}: class {quote['class']!r} not in {CLASSES}")
    for field in ("speaker", "speaker_names"):
        names = quote[field]
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            problems.append(f"{where}: {field} must be a non-empty list of names")
        elif len(set(names)) != len(names):
            problems.append(f"{where}: {field} repeats a name")
    written = quote["speaker_as_written"]
    if not isinstance(written, str) or written not in passage:
        problems.append(f"{where}: speaker_as_written {written!r} does not occur in the passage")
    elif written.lower() in PRONOUNS:
        if written in quote["speaker"]:
            problems.append(f"{where}: a pronoun speaker must not be listed in speaker")
    elif quote["speaker"] and quote["speaker"][0] != written:
        problems.append(f"{where}: speaker must start with the speaker as written {written!r}")
    for field in QUOTE_OPTIONAL & keys:
        if not isinstance(quote[field], str) or not quote[field].strip():
            problems.append(f"{where}: {field} must be a non-empty string")
    return problems


def check_records(records: list[dict]) -> list[str]:
    """Return every problem found in the gold records (an empty list when the file is valid)."""
    problems: list[str] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        rid = str(record.get("id", f"line {number}"))
        if set(record) != RECORD_KEYS:
            problems.append(f"{rid}: fields {sorted(record)} differ from {sorted(RECORD_KEYS)}")
            continue
        if not ID_PATTERN.match(rid):
            problems.append(f"{rid}: id does not look like qdev2-NNN")
        if rid in seen:
            problems.append(f"{rid}: duplicate id")
        seen.add(rid)
        if record["date"] is not None:
            try:
                dt.date.fromisoformat(record["date"])
            except (TypeError, ValueError):
                problems.append(f"{rid}: date {record['date']!r} is not YYYY-MM-DD or null")
        passage = record["text"]
        if not isinstance(passage, str) or not passage.strip():
            problems.append(f"{rid}: empty passage")
            continue
        if not isinstance(record["quotes"], list):
            problems.append(f"{rid}: quotes must be a list")
            continue
        spans = Counter(q.get("text") for q in record["quotes"])
        problems += [f"{rid}: quote text annotated twice: {t!r}" for t, n in spans.items() if n > 1]
        for index, quote in enumerate(record["quotes"]):
            problems += _check_quote(rid, index, passage, quote)
    return problems


def _has_headline(passage: str) -> bool:
    """True when the passage opens with a line of its own that does not end a sentence."""
    first, _, rest = passage.strip().partition("\n")
    return bool(rest.strip()) and not first.rstrip().endswith((".", "?", "!"))


def counts(records: list[dict]) -> dict[str, Counter]:
    """Count the quotes by kind, class, kind and class, and a few speaker forms."""
    quotes = [q for r in records for q in r["quotes"]]
    forms: Counter = Counter()
    for q in quotes:
        written = q["speaker_as_written"]
        if written.lower() in ("who", "which", "that"):
            forms["relative pronoun"] += 1
        elif written.lower() in PRONOUNS:
            forms["pronoun"] += 1
        forms["with medium"] += "medium" in q
        forms["with listener"] += "listener" in q
    passages = Counter(
        {
            "passages": len(records),
            "without attribution": sum(not r["quotes"] for r in records),
            "with headline": sum(_has_headline(r["text"]) for r in records),
        }
    )
    return {
        "passages": passages,
        "kind": Counter(q["kind"] for q in quotes),
        "class": Counter(q["class"] for q in quotes),
        "kind x class": Counter(f"{q['kind']}/{q['class']}" for q in quotes),
        "speaker forms": forms,
    }


def _norm_words(text: str) -> set[str]:
    """Lowercased words with punctuation removed, as the shared scorer compares them."""
    return set(re.sub(r"\W+", " ", text.lower()).split())


def _overlap(left: str, right: str) -> float:
    """Jaccard overlap of the two texts' word sets."""
    a, b = _norm_words(left), _norm_words(right)
    return len(a & b) / max(len(a | b), 1)


def recall_by_group(records: list[dict], predictions: list[dict]) -> dict[str, dict[str, tuple[int, int]]]:
    """Return (found, total) per kind and per class, matching gold quotes as the shared scorer does."""
    by_id = {str(p.get("id")): p.get("quotes") or [] for p in predictions}
    found: dict[str, dict[str, list[int]]] = {"kind": {}, "class": {}}
    for record in records:
        predicted = by_id.get(str(record["id"]), [])
        used: set[int] = set()
        for gold in record["quotes"]:
            best, best_index = 0.0, None
            for index, quote in enumerate(predicted):
                if index not in used:
                    score = _overlap(gold["text"], quote.get("text") or "")
                    if score > best:
                        best, best_index = score, index
            hit = best >= MATCH_THRESHOLD and best_index is not None
            if hit:
                used.add(best_index)
            for group in ("kind", "class"):
                tally = found[group].setdefault(gold[group], [0, 0])
                tally[0] += hit
                tally[1] += 1
    return {g: {k: (v[0], v[1]) for k, v in sorted(t.items())} for g, t in found.items()}


def main() -> int:
    """Check the gold file, print its counts and, with ``--pred``, recall per kind and class."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--pred", type=Path, help="saved `code --format jsonl` output for the same records")
    args = parser.parse_args()
    records = load_records(args.gold)
    problems = check_records(records)
    for problem in problems:
        print("ERROR", problem)
    table = counts(records)
    total = sum(table["kind"].values())
    print(f"{args.gold.name}: {len(records)} passages, {total} attributions")
    for title, counter in table.items():
        print(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    if args.pred:
        for group, tallies in recall_by_group(records, load_records(args.pred)).items():
            line = ", ".join(f"{k} {hit}/{n} ({hit / n:.2f})" for k, (hit, n) in tallies.items())
            print(f"  recall by {group}: {line}")
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
