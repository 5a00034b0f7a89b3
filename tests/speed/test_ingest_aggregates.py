"""Ingest stores the analysis aggregates at the end of a run, and skips them when nothing changed."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from multipolar.cli import app

runner = CliRunner()


class aggregates_off:  # noqa: N801 (a context manager read as a phrase)
    """Compute analyses live inside the block (no stored or remembered results)."""

    def __enter__(self):
        from multipolar.analysis import aggregates

        aggregates._enabled.off = True

    def __exit__(self, *exc):
        from multipolar.analysis import aggregates

        aggregates._enabled.off = False


def _corpus(samples_dir, folder):
    folder.mkdir()
    for path in sorted((samples_dir / "text").glob("*.txt"))[:4]:
        shutil.copy(path, folder / path.name)
    return folder


def test_ingest_stores_fresh_aggregates_and_a_rerun_skips_them(samples_dir, tmp_path):
    from multipolar import analysis
    from multipolar.analysis import aggregates
    from multipolar.store import open_store

    corpus = _corpus(samples_dir, tmp_path / "corpus")
    db = tmp_path / "run.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "analysis aggregates" in first.stdout
    with open_store(db, read_only=True) as store:
        aggregates.forget_cached()
        assert store.frame("SELECT count(*) AS n FROM events").iloc[0]["n"] > 0
        assert aggregates.aggregates_fresh(store)
        stored = aggregates.stored_edges(store, "month")
        assert stored is not None and not stored.empty
        with aggregates_off():
            live = analysis.relation_edges(store, freq="month")
        key = ["period", "source", "target"]
        assert stored.sort_values(key, ignore_index=True).equals(live.sort_values(key, ignore_index=True))

    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "0 article(s) added" in again.stdout
    assert "analysis aggregates" not in again.stdout  # nothing added: the stored aggregates are still current


def test_aggregates_are_stored_by_a_fresh_process(samples_dir, tmp_path, monkeypatch):
    """The coding process never imports the analysis at the end of a run on a database file."""
    from multipolar.cli import ingest_cmd

    corpus = _corpus(samples_dir, tmp_path / "corpus")
    in_process = []
    monkeypatch.setattr(ingest_cmd, "_store_aggregates", lambda store: in_process.append(store))
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "apart.duckdb")])
    assert result.exit_code == 0, result.output
    assert "analysis aggregates" in result.stdout and in_process == []
    memory = runner.invoke(app, ["ingest", str(corpus), "--db", ":memory:"])
    assert memory.exit_code == 0, memory.output
    assert len(in_process) == 1  # an in-memory database: nothing outlives the process, stored here


def test_ingest_that_adds_events_recomputes(samples_dir, tmp_path):
    from multipolar.analysis import aggregates
    from multipolar.store import open_store

    corpus = _corpus(samples_dir, tmp_path / "corpus")
    db = tmp_path / "run.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    with open_store(db, read_only=True) as store:
        old = aggregates.fingerprint(store)
    more = tmp_path / "more"
    more.mkdir()
    for path in sorted((samples_dir / "text").glob("*.txt"))[4:7]:
        shutil.copy(path, more / path.name)
    assert runner.invoke(app, ["ingest", str(more), "--db", str(db)]).exit_code == 0
    with open_store(db, read_only=True) as store:
        aggregates.forget_cached()
        assert aggregates.fingerprint(store) != old
        assert aggregates.aggregates_fresh(store)
