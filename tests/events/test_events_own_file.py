"""Our own event gold set (benchmarks/data/events-own.jsonl) is well formed, balanced and split."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_scripts import load_benchmark_script

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "benchmarks" / "data" / "events-own.jsonl"

checker = load_benchmark_script("check_events_set")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return checker.load_records(GOLD_PATH)


def test_every_record_is_valid(records):
    assert checker.check_records(records) == []


def test_set_is_large_and_covers_every_type(records):
    table = checker.counts(records)
    assert len(records) >= 160
    for plover_type in checker.PLOVER_TYPES:
        assert table["type"][plover_type] >= 5, plover_type
    assert 0.08 <= table["type"]["none"] / len(records) <= 0.2


def test_halves_are_about_equal(records):
    splits = checker.counts(records)["split"]
    assert abs(splits["tune"] - splits["check"]) <= len(records) * 0.1


def test_hard_cases_are_present(records):
    cases = checker.counts(records)["case"]
    for case in ("support-verb", "aspect", "motion", "mutual", "embedded", "wrapper", "purpose", "hope"):
        assert cases[case] >= 1, case


@pytest.mark.parametrize(
    "change",
    [
        {"split": "dev"},
        {"cases": ["made-up"]},
        {"date": "06/12/2026"},
        {"events": [{"type": "FIGHT", "cameo": None, "sources": ["USA"], "targets": []}]},
        {"events": [{"type": "ASSAULT", "cameo": None, "sources": ["usa"], "targets": []}]},
    ],
)
def test_checker_reports_bad_records(change):
    record = {
        "id": "own-999", "date": "2025-01-01", "split": "tune", "cases": ["plain"],
        "text": "The army shelled a village near the border on Monday.",
        "events": [{"type": "ASSAULT", "cameo": None, "sources": ["USA"], "targets": []}],
    }
    assert checker.check_record(record) == []
    assert checker.check_record({**record, **change})


def test_checker_writes_one_half(tmp_path):
    out = tmp_path / "tune.jsonl"
    assert checker.main(["--split", "tune", "--write", str(out)]) == 0
    half = checker.load_records(out)
    assert half and all(record["split"] == "tune" for record in half)
