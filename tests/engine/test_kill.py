"""A run killed with SIGKILL mid-run, then re-run, leaves what a clean run leaves (near-duplicates included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .corpus import dump, make_corpus

CHILD = """
import sys
from multipolar.store import open_store
from multipolar.workflow import ingest_paths

def report(progress):
    print("progress", progress.files_done, progress.files_total, progress.articles, flush=True)

with open_store(sys.argv[2]) as store:
    summary = ingest_paths([sys.argv[1]], store, batch_size=1, on_progress=report)
print("finished", summary.articles_added, summary.near_duplicates, flush=True)
"""


def _ingest(corpus: Path, db: Path, kill_after: int | None = None) -> tuple[list[str], int]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(corpus), str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    lines: list[str] = []
    assert child.stdout is not None
    for line in child.stdout:
        lines.append(line.strip())
        parts = line.split()
        if kill_after is not None and parts[0] == "progress" and int(parts[3]) >= kill_after:
            assert int(parts[1]) < int(parts[2]), "the run had already read every file"
            child.send_signal(signal.SIGKILL)
            break
    return lines, child.wait(timeout=300)


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", count=7)
    clean, _ = _ingest(corpus, tmp_path / "clean.duckdb")
    assert clean[-1] == "finished 8 1"
    killed_db = tmp_path / "killed.duckdb"
    lines, code = _ingest(corpus, killed_db, kill_after=3)
    assert code == -signal.SIGKILL and not any(line.startswith("finished") for line in lines)
    con = duckdb.connect(str(killed_db), read_only=True)
    stored, running = (
        con.execute("SELECT count(*) FROM articles").fetchone()[0],
        con.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0],
    )
    con.close()
    assert 3 <= stored < 8 and running == 1, "killed mid-run: some articles stored, the run left open"
    rerun, _ = _ingest(corpus, killed_db)
    assert rerun[-1].startswith("finished")
    assert dump(killed_db) == dump(tmp_path / "clean.duckdb")
