"""Memory stays flat over a run: coded documents are freed at once and free heap goes back after every batch."""

from __future__ import annotations

import gc
import platform
import sys
from pathlib import Path

import pytest

from multipolar import memory, pipeline, workflow
from multipolar.records import Article
from multipolar.store import open_store

from .corpus import write_jsonl

TEXT = ("Germany and Poland signed a border agreement in Warsaw on Friday. "
        "The Polish foreign minister said talks with Berlin would continue next month.")


def _documents_alive() -> int:
    from spacy.tokens import Doc

    return sum(1 for item in gc.get_objects() if isinstance(item, Doc))


def test_coded_documents_are_freed_without_the_cycle_collector() -> None:
    articles = [Article(id=f"m{n}", text=TEXT.replace("Friday", day), content_hash=f"m{n}")
                for n, day in enumerate(("Monday", "Tuesday", "Friday"))]
    pipeline.code_batch(articles[:1])  # the model and tables loaded before counting
    gc.collect()
    gc.disable()
    try:
        before = _documents_alive()
        coded = pipeline.code_batch(articles)
        after = _documents_alive()
    finally:
        gc.enable()
    assert all(c.events for c in coded)
    assert after == before  # no parsed document outlives its coding (each holds its arrays and tensor)


def test_free_memory_goes_back_after_every_coded_and_written_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"pipeline": 0, "workflow": 0}

    def counter(name: str):
        def release() -> bool:
            calls[name] += 1
            return True
        return release

    monkeypatch.setattr(pipeline, "release_free_memory", counter("pipeline"))
    monkeypatch.setattr(workflow, "release_free_memory", counter("workflow"))
    records = [{"id": f"r{n}", "title": f"Story {n}", "date": "2024-03-01", "text": TEXT.replace("Friday", day)}
               for n, day in enumerate(("Monday", "Tuesday", "Wednesday"))]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    with open_store(tmp_path / "t.duckdb") as store:
        summary = workflow.ingest_paths([source], store, batch_size=1)
    assert summary.articles_added == 3
    assert calls == {"pipeline": 3, "workflow": 3}


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_free_memory_is_returned_on_glibc() -> None:
    assert memory.release_free_memory() is True
