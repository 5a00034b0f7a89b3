"""Ingest on Dask equals the single-process run row for row, survives a killed worker, reports a bad scheduler."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from multipolar.store import open_store
from multipolar.workflow import ingest_paths

from .corpus import dump, make_corpus

distributed = pytest.importorskip("dask.distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 single-threaded worker processes, shared by the tests of this module."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, samples_dir):
    folder = make_corpus(tmp_path_factory.mktemp("corpus") / "in", count=4)
    shutil.copy(samples_dir / "broken" / "empty.txt", folder / "empty.txt")
    return folder


@pytest.fixture(scope="module")
def single(tmp_path_factory, corpus):
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    with open_store(db) as store:
        summary = ingest_paths([corpus], store)
    assert summary.articles_added == 5 and summary.near_duplicates == 1
    return db


def test_dask_run_equals_single_process_run_and_rerun_codes_nothing(cluster, corpus, single, tmp_path, monkeypatch):
    from multipolar.scale import ingest_dask

    local, client = cluster
    db = tmp_path / "dask.duckdb"
    with open_store(db) as store:
        summary = ingest_dask([corpus], store, dask=local.scheduler_address, files_per_partition=2)
        assert summary.articles_added == 5 and summary.near_duplicates == 1
        assert [e.code for e in summary.errors] == ["E101"]
        again = ingest_dask([corpus], store, dask=local.scheduler_address, files_per_partition=2)
    assert again.articles_added == 0 and again.already_stored == 5
    assert dump(db) == dump(single)


def test_killed_worker_loses_nothing(cluster, corpus, single, tmp_path):
    from multipolar.scale import ingest_dask

    local, client = cluster
    db = tmp_path / "killed.duckdb"
    outcome: dict = {}

    def run() -> None:
        with open_store(db) as store:
            outcome["summary"] = ingest_dask([corpus], store, dask=local.scheduler_address, files_per_partition=1)

    thread = threading.Thread(target=run)
    thread.start()
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and thread.is_alive():
        for address, keys in client.processing().items():
            if any("code_partition" in str(k) for k in keys):
                victim = address
                break
        time.sleep(0.05)
    assert victim is not None and thread.is_alive(), "no partition was being coded"
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert outcome["summary"].articles_added == 5
    assert dump(db) == dump(single)


def test_out_parquet_dataset_equals_the_store_and_rerun_skips_partitions(cluster, corpus, single, tmp_path):
    from multipolar.scale import ingest_dask

    local, client = cluster
    out = tmp_path / "parquet"
    summary = ingest_dask([corpus], None, dask=local.scheduler_address, out_parquet=out, files_per_partition=3)
    parts = sorted(p for p in out.iterdir() if p.name.startswith("part-"))
    stamps = {p.name: (p / "errors.json").stat().st_mtime_ns for p in parts}
    ingest_dask([corpus], None, dask=local.scheduler_address, out_parquet=out, files_per_partition=3)
    assert {p.name: (p / "errors.json").stat().st_mtime_ns for p in out.iterdir() if p.name.startswith("part-")} == stamps
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no unfinished partition left"
    con = duckdb.connect()
    stored = duckdb.connect(str(single), read_only=True)
    for table, key in (("articles", "id"), ("events", "id"), ("quotes", "id")):
        from_parquet = sorted(
            r[0] for r in con.execute(f"SELECT {key} FROM read_parquet('{out}/part-*/{table}.parquet')").fetchall()
        )
        assert from_parquet == sorted(r[0] for r in stored.execute(f"SELECT {key} FROM {table}").fetchall())
        if table != "articles":  # the run's summary counts what the dataset holds
            assert getattr(summary, table) == len(from_parquet) > 0
    stored.close()


def test_unreachable_scheduler_is_one_line_within_ten_seconds(corpus, tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", "from multipolar.cli import main; main()", "ingest", str(corpus),
         "--db", str(tmp_path / "x.duckdb"), "--dask", "tcp://127.0.0.1:9"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 1 and elapsed < 10, (elapsed, done.stderr)
    lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    assert len([line for line in lines if "E910" in line]) == 1 and "Traceback" not in done.stderr
