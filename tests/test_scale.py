"""Ingest on Dask workers gives the same database as the single-process run."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from multipolar.store import open_store
from multipolar.workflow import ingest_paths

pytest.importorskip("dask.distributed")

TABLES = ("articles", "sentences", "actors", "events", "quotes", "figures")


def _counts(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.mark.slow
def test_distributed_ingest_matches_local(samples_dir, tmp_path):
    from multipolar.scale import ingest_distributed

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((samples_dir / "text").glob("*.txt"))[:6]:
        shutil.copy(path, corpus / path.name)
    shutil.copy(samples_dir / "broken" / "empty.txt", corpus / "empty.txt")
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with open_store(local_db) as store:
        local = ingest_paths([corpus], store)
    with open_store(dask_db) as store:
        distributed = ingest_distributed([corpus], store, workers=2, files_per_task=2)
        again = ingest_distributed([corpus], store, workers=1, files_per_task=4)
    assert distributed.articles_added == local.articles_added == 6
    assert [e.code for e in distributed.errors] == ["E101"]
    assert again.articles_added == 0 and again.already_stored == 6
    assert _counts(dask_db) == _counts(local_db)
