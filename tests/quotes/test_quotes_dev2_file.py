"""The second quote development set (benchmarks/data/quotes-dev2.jsonl) is well formed and balanced."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_scripts import load_benchmark_script

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "benchmarks" / "data" / "quotes-dev2.jsonl"

checker = load_benchmark_script("check_quotes_set")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return checker.load_records(GOLD_PATH)


def test_every_record_is_valid(records):
    assert checker.check_records(records) == []


def test_set_is_large_and_covers_every_kind_and_class(records):
    table = checker.counts(records)
    assert table["passages"]["passages"] >= 44
    assert sum(table["kind"].values()) >= 260
    assert 2 <= table["passages"]["without attribution"] <= 4
    assert table["passages"]["with headline"] >= 4
    for kind in checker.KINDS:
        assert table["kind"][kind] >= 40, kind
    for cls in checker.CLASSES:
        assert table["class"][cls] >= 15, cls
    assert table["speaker forms"]["relative pronoun"] >= 4
    assert table["speaker forms"]["pronoun"] >= 8


def test_direct_quotes_are_about_a_third(records):
    kinds = checker.counts(records)["kind"]
    assert 0.25 <= kinds["direct"] / sum(kinds.values()) <= 0.45


def _record(text: str, quote: dict) -> dict:
    base = {
        "kind": "indirect",
        "class": "speech",
        "speaker": ["Ann Lee"],
        "speaker_names": ["Ann Lee"],
        "speaker_as_written": "Ann Lee",
    }
    return {"id": "qdev2-900", "date": "2025-01-02", "text": text, "quotes": [base | quote]}


def test_checker_rejects_a_span_not_in_the_passage():
    bad = _record("Ann Lee said the port would reopen on Monday.", {"text": "the port would open on Monday"})
    assert any("verbatim" in p for p in checker.check_records([bad]))


def test_checker_rejects_a_direct_quote_outside_quotation_marks():
    bad = _record(
        'Ann Lee said: "We will wait." Then she left.', {"text": "Then she left.", "kind": "direct"}
    )
    assert any("quotation marks" in p for p in checker.check_records([bad]))


def test_checker_rejects_unknown_class_and_listed_pronoun():
    text = "She said the talks were over."
    bad = _record(
        text,
        {
            "text": "the talks were over",
            "class": "rumour",
            "speaker": ["She", "Ann Lee"],
            "speaker_as_written": "She",
        },
    )
    problems = checker.check_records([bad])
    assert any("class" in p for p in problems)
    assert any("pronoun" in p for p in problems)


def test_checker_accepts_a_curly_partial_quote():
    good = _record(
        "Ann Lee called the vote “a farce”, aides said.",
        {"text": "a farce", "kind": "partial", "class": "stance"},
    )
    assert checker.check_records([good]) == []


def test_recall_by_group_matches_like_the_scorer():
    gold = [
        _record("Ann Lee said the port would reopen on Monday.", {"text": "the port would reopen on Monday"})
    ]
    found = checker.recall_by_group(
        gold, [{"id": "qdev2-900", "quotes": [{"text": "port would reopen Monday"}]}]
    )
    missed = checker.recall_by_group(gold, [{"id": "qdev2-900", "quotes": [{"text": "the vote on Monday"}]}])
    assert found["class"]["speech"] == (1, 1)
    assert missed["kind"]["indirect"] == (0, 1)
