"""Several processes on one database: writers queue or stop with one line, readers get in between."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import multipolar
from multipolar.errors import MultipolarError
from multipolar.records import Article, CodedArticle
from multipolar.store import open_store
from multipolar.store.access import ReadConnection, WriterLock

CLI = [sys.executable, "-c", "from multipolar.cli import main; main()"]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")


def _article(number: int) -> CodedArticle:
    text = f"Delegates met in Nairobi on day {number} to review a draft agreement on shared water resources."
    return CodedArticle(article=Article(id=f"a{number}", text=text, content_hash=f"hash{number}", date="2024-03-01"))


def _run(args: list[str], timeout: float = 2.0, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MULTIPOLAR_LOCK_TIMEOUT": str(timeout), **extra}
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, check=False, timeout=120)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    return " ".join(lines)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shared.duckdb"
    with open_store(path) as store:
        store.write([_article(1)])
    return path


@pytest.mark.slow
def test_a_second_writer_waits_then_stops_with_one_line(db: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Water Talks\n\nDelegates from Kenya and Ethiopia met in Nairobi on Thursday.\n", encoding="utf-8")
    with open_store(db):
        started = time.monotonic()
        done = _run(["ingest", str(story), "--db", str(db)], timeout=1.0)
        waited = time.monotonic() - started
    assert done.returncode == 1 and waited >= 1.0
    assert "[E130]" in _one_line(done.stderr) and str(os.getpid()) in done.stderr


def test_writers_queue_within_the_lock_timeout(db: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from multipolar.store import open_store; "
         "s = open_store(sys.argv[1]); print('ready', flush=True); time.sleep(1.5); s.close()", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    assert WriterLock(str(db)).is_taken()
    started = time.monotonic()
    with open_store(db, wait=30.0) as store:  # queued behind the holder, then served
        assert store.counts()["articles"] == 1
    assert time.monotonic() - started > 0.5
    holder.wait(timeout=30)


@pytest.mark.slow
def test_readers_read_between_write_batches(db: Path) -> None:
    with open_store(db) as store:
        with store.batch():
            store.write([_article(2)])
        done = _run(["articles", "--db", str(db), "--format", "jsonl"])
        assert done.returncode == 0, done.stderr
        assert done.stdout.count('"id"') == 2
        with store.batch():
            store.write([_article(3)])
    assert open_store(db, read_only=True).counts()["articles"] == 3


@pytest.mark.slow
def test_a_reader_facing_a_held_file_stops_with_one_line(db: Path) -> None:
    with open_store(db) as store:
        store.counts()  # the connection is open: the file is held
        done = _run(["articles", "--db", str(db)], timeout=0.5)
    assert done.returncode == 1
    assert "[E131]" in _one_line(done.stderr)


@pytest.mark.slow
def test_a_reader_retries_until_the_writer_lets_go(db: Path) -> None:
    store = open_store(db)
    store.counts()
    env = {**os.environ, "MULTIPOLAR_LOCK_TIMEOUT": "20"}
    reader = subprocess.Popen(
        [*CLI, "articles", "--db", str(db), "--format", "jsonl"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.5)
    store.release()
    out, err = reader.communicate(timeout=60)
    store.close()
    assert reader.returncode == 0, err
    assert '"a1"' in out


def test_open_is_read_only_unless_asked(db: Path, tmp_path: Path) -> None:
    with multipolar.open(db) as store:
        assert store.read_only
        with pytest.raises(Exception, match="read-only|read only"):
            store.connection.execute("DELETE FROM articles")
    with pytest.raises(MultipolarError, match="E505"):
        multipolar.open(tmp_path / "missing.duckdb")
    with multipolar.open(tmp_path / "new.duckdb", write=True) as store:
        store.write([_article(9)])
    with multipolar.open(tmp_path / "new.duckdb") as store:
        assert store.counts()["articles"] == 1


def test_the_dashboard_connection_lets_a_writer_in_between_requests(db: Path) -> None:
    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    client = TestClient(create_app(db, warm=False))
    assert client.get("/api/articles/a1").status_code == 200
    time.sleep(0.6)  # the idle read connection closes
    with open_store(db, wait=2.0) as store, store.batch():
        store.write([_article(4)])
    assert client.get("/api/articles/a4").status_code == 200


def test_read_connection_reopens_after_its_hold_time_while_a_writer_waits(db: Path) -> None:
    reader = ReadConnection(db, idle=5.0, hold=0.05)
    with reader.open() as first:
        first.execute("SELECT 1")
    time.sleep(0.1)
    with reader.open() as kept:
        assert kept is first  # no writer: the connection (and DuckDB's caches) stay
    lock = WriterLock(str(db)).acquire(wait=1.0)
    try:
        time.sleep(0.1)
        with reader.open() as second:
            assert second is not first
    finally:
        lock.release()
        reader.close()


def test_the_read_connection_stays_open_until_a_writer_comes(db: Path) -> None:
    import duckdb

    reader = ReadConnection(db, idle=0.05, poll=0.02)
    with reader.open() as first:
        assert first.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    time.sleep(0.3)  # idle for six times ``idle``: nobody else wants the file, so it stays open
    assert reader.is_open
    with reader.open() as again:
        assert again is first
    lock = WriterLock(str(db)).acquire(wait=1.0)  # a writer arrives and waits for the file
    try:
        deadline = time.monotonic() + 2.0
        while reader.is_open and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not reader.is_open
        writer = duckdb.connect(str(db))  # the file is free for the writer now
        writer.close()
    finally:
        lock.release()
    with reader.open() as reopened:  # and readers come back after it
        assert reopened.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    reader.close()


def test_the_dashboard_answers_503_while_a_writer_holds_the_file(db: Path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    monkeypatch.setenv("MULTIPOLAR_LOCK_TIMEOUT", "0.3")
    client = TestClient(create_app(db, warm=False))
    with open_store(db) as store:
        store.counts()  # holds the file read-write
        busy = client.get("/api/articles/a1")
        page = client.get("/articles/a1")
    assert busy.status_code == 503 and "E623" in busy.json()["detail"] and busy.headers["retry-after"] == "2"
    assert page.status_code == 503 and "E623" in page.text
    assert client.get("/api/articles/a1").status_code == 200


def test_release_can_keep_a_young_connection(db: Path) -> None:
    with open_store(db) as store:
        first = store.connection
        store.release(min_hold=60.0)
        assert store.connection is first
        store.release()
        assert store.connection is not first


@pytest.mark.slow
def test_a_reader_gets_in_while_an_ingest_runs(tmp_path: Path) -> None:
    """A real ingest releases the file between batches: a read-only process can query meanwhile."""
    import duckdb

    corpus = tmp_path / "news.jsonl"
    lines = []
    for number in range(300):
        text = (f"Officials from Kenya and Ethiopia met in Nairobi on day {number} to discuss a dam on a shared "
                f"river. The Ethiopian minister said talks would continue next month, and Kenya pledged "
                f"{number + 3} million dollars for a joint water study.")
        lines.append(f'{{"id": "n{number}", "date": "2024-03-01", "text": "{text}"}}')
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    env = {**os.environ, "MULTIPOLAR_BATCH_SIZE": "2"}
    ingest = subprocess.Popen([*CLI, "ingest", str(corpus), "--db", str(db)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reads_during_ingest = 0
    deadline = time.monotonic() + 300
    while ingest.poll() is None and time.monotonic() < deadline:
        if db.exists():
            try:
                connection = duckdb.connect(str(db), read_only=True)
            except duckdb.Error:
                pass  # the writer holds it for this moment
            else:
                try:
                    stored = connection.execute(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'"
                    ).fetchone()[0] and connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                    if 0 < stored < 300:  # part of the corpus stored: read between two batches
                        reads_during_ingest += 1
                finally:
                    connection.close()
        time.sleep(0.1)
    _, stderr = ingest.communicate(timeout=60)
    assert ingest.returncode == 0, stderr
    assert reads_during_ingest >= 1
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 300
