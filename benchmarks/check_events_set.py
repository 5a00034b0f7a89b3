"""Check our own event gold file, print its counts, and write its tune or check half.

Validates every record of ``benchmarks/data/events-own.jsonl`` (the format of
``../shared/eval/events-dev.jsonl`` plus the fields ``split`` and ``cases``): field names and types,
unique ids, dates, PLOVER types, actor codes, split names and case labels. Then prints counts by
type, by split and by case::

    python benchmarks/check_events_set.py [--gold FILE]
    python benchmarks/check_events_set.py --split tune --write /tmp/events-own-tune.jsonl

The written half can be scored with ``../shared/eval/score.py events --gold /tmp/events-own-tune.jsonl``.
Exit status 1 when the file has errors.
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
DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "events-own.jsonl"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SPLITS = ("tune", "check")
CASES = (
    "plain", "support-verb", "aspect", "motion", "mutual", "coordination", "embedded",
    "object-type", "announced", "conditional", "wrapper", "agentless", "exchange",
    # cases of sentences without an event
    "purpose", "hope", "condition", "forecast", "background", "refusal-say", "question",
    "hypothetical", "fear", "request-content",
)
RECORD_KEYS = {"id", "date", "text", "events", "split", "cases"}
EVENT_KEYS = {"type", "cameo", "sources", "targets"}
GROUP_CODES = {"IGO", "NGO", "IMG", "MNC"}
CODE_PATTERN = re.compile(r"^[A-Z]{3}$")
ID_PATTERN = re.compile(r"^own-\d{3}$")


def load_records(path: Path) -> list[dict]:
    """Read one JSON object per non-empty line of ``path``."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _check_event(where: str, event: dict) -> list[str]:
    """Return the problems of one gold event."""
    if set(event) != EVENT_KEYS:
        return [f"{where}: event fields {sorted(event)} != {sorted(EVENT_KEYS)}"]
    problems = []
    if event["type"] not in PLOVER_TYPES:
        problems.append(f"{where}: type {event['type']!r} is not a PLOVER type")
    for side in ("sources", "targets"):
        codes = event[side]
        if not isinstance(codes, list) or any(not isinstance(c, str) or not CODE_PATTERN.match(c) for c in codes):
            problems.append(f"{where}: {side} must be a list of three-letter codes: {codes!r}")
    return problems


def check_record(record: dict) -> list[str]:
    """Return the problems of one record (empty when it is valid)."""
    rid = str(record.get("id"))
    if set(record) != RECORD_KEYS:
        return [f"{rid}: fields {sorted(record)} != {sorted(RECORD_KEYS)}"]
    problems = []
    if not ID_PATTERN.match(rid):
        problems.append(f"{rid}: id is not own-NNN")
    try:
        dt.date.fromisoformat(record["date"])
    except (TypeError, ValueError):
        problems.append(f"{rid}: date {record['date']!r} is not YYYY-MM-DD")
    text = record["text"]
    if not isinstance(text, str) or len(text.split()) < 6 or text != text.strip():
        problems.append(f"{rid}: text is too short or has outer spaces")
    if record["split"] not in SPLITS:
        problems.append(f"{rid}: split {record['split']!r} not in {SPLITS}")
    if not record["cases"] or any(case not in CASES for case in record["cases"]):
        problems.append(f"{rid}: unknown cases {record['cases']!r}")
    if not isinstance(record["events"], list) or len(record["events"]) > 1:
        problems.append(f"{rid}: events must be a list of at most one gold event")
        return problems
    for event in record["events"]:
        problems.extend(_check_event(rid, event))
    return problems


def check_records(records: list[dict]) -> list[str]:
    """Return the problems of the whole file: each record's, duplicate ids and duplicate texts."""
    problems = [problem for record in records for problem in check_record(record)]
    for what in ("id", "text"):
        seen = Counter(str(record.get(what)) for record in records)
        problems.extend(f"duplicate {what}: {value}" for value, n in seen.items() if n > 1)
    return problems


def counts(records: list[dict]) -> dict[str, Counter]:
    """Counts by type, split and case; sentences without an event are counted as type ``none``."""
    table: dict[str, Counter] = {"type": Counter(), "split": Counter(), "case": Counter()}
    for record in records:
        types = [event["type"] for event in record["events"]] or ["none"]
        table["type"].update(types)
        table["split"][record["split"]] += 1
        table["case"].update(record["cases"])
    return table


def main(argv: list[str] | None = None) -> int:
    """Validate, print counts, and optionally write one half of the set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--split", choices=SPLITS, help="the half to write with --write")
    parser.add_argument("--write", type=Path, help="write the records of --split here")
    args = parser.parse_args(argv)
    records = load_records(args.gold)
    problems = check_records(records)
    for problem in problems:
        print("ERROR", problem, file=sys.stderr)
    for name, counter in counts(records).items():
        print(f"{name}: " + ", ".join(f"{key} {n}" for key, n in sorted(counter.items())))
    if args.write:
        if not args.split:
            parser.error("--write needs --split")
        half = [record for record in records if record["split"] == args.split]
        with args.write.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in half)
        print(f"wrote {len(half)} {args.split} records to {args.write}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
