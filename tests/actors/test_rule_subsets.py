"""The actor stage runs only the ``HEAD`` and ``DESCRIBE`` rules that can answer an item or a word
(``head_rules``, ``describe_rules``, by the needs in ``HEAD_NEEDS`` and ``DESCRIBE_NEEDS``). Those
needs must be right: every rule left out must answer ``None`` there. Each test codes the sample
articles with a ``first_among`` that first runs every left-out rule and checks just that."""

from __future__ import annotations

import pytest

from multipolar import nlp
from multipolar.actors import describe, resolve
from multipolar.records import Article


@pytest.fixture(scope="module")
def sample_docs(samples_dir):
    texts = [path.read_text(encoding="utf-8") for path in sorted((samples_dir / "text").glob("*.txt"))]
    assert texts
    return [(doc, Article(id=f"s{n}", text=text, content_hash=f"s{n}"))
            for n, (text, doc) in enumerate(zip(texts, nlp.parse(texts), strict=True))]


def _checking(table, monkeypatch) -> list[int]:
    """Make ``table.first_among`` check that the rules it leaves out answer ``None``; return a
    one-element list counting the rules so checked."""
    checked = [0]
    original = table.first_among

    def first_among(names, *args):
        for rule in table:
            if rule.name not in names:
                assert rule.func(*args) is None, f"{table.name}:{rule.name} answers where it is left out"
                checked[0] += 1
        return original(names, *args)

    monkeypatch.setattr(table, "first_among", first_among)
    return checked


def test_needs_name_every_rule():
    assert set(resolve.HEAD_NEEDS) == {rule.name for rule in resolve.HEAD}
    assert set(describe.DESCRIBE_NEEDS) == {rule.name for rule in describe.DESCRIBE}


@pytest.mark.parametrize("table", [resolve.HEAD, describe.DESCRIBE], ids=["head", "describe"])
def test_rules_left_out_cannot_answer(table, sample_docs, monkeypatch):
    checked = _checking(table, monkeypatch)
    for doc, article in sample_docs:
        resolve.find_actors(doc, article)
    assert checked[0] > 100
