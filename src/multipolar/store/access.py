"""Sharing one DuckDB file between processes: one writer at a time, readers in between.

DuckDB lets one process open a database file read-write, or many processes open it
read-only, never both at once. multipolar shares a file as follows:

- **Writers queue.** A process that writes (an ingest, ``multipolar.open(path, write=True)``)
  first takes the file's writer lock, ``<db>.writer.lock`` (an OS file lock, freed when the
  process ends, even when it is killed). A second writer waits for it up to ``lock_timeout``
  seconds and then stops with one line (E130).
- **Writers hold the file only while writing.** ``Store.release()`` closes the read-write
  connection between batches (the next statement reopens it), so readers get the file
  while the next batch is being coded.
- **Readers make way.** The dashboard and API keep the file open read-only
  (``ReadConnection``) while no writer holds or waits for the writer lock; once one does, they
  close it as soon as a burst of queries ends. A reader that finds the file held retries until
  ``lock_timeout`` and then reports E131 in one line.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from multipolar import settings
from multipolar.errors import Errors, MultipolarError

try:  # POSIX file locks; elsewhere DuckDB's own lock (E131) keeps writers apart
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

IN_MEMORY = ":memory:"
# First and longest pause between two attempts to open a held file, in seconds.
FIRST_PAUSE = 0.02
LONGEST_PAUSE = 0.2
#: Seconds a writer that released the file waits before reopening it, so that readers retrying
#: every LONGEST_PAUSE get in between two batches.
READER_WINDOW = 0.25
_HOLDER = re.compile(r"PID (\d+)")


def lock_timeout() -> float:
    """Return the setting ``lock_timeout``: seconds to wait for a file another process holds."""
    return float(settings.get("lock_timeout"))


def _is_lock_conflict(exc: Exception) -> bool:
    """Return True when DuckDB refused to open a file because another connection holds it."""
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


def _holder(exc: Exception) -> str:
    """Return who holds the file, from DuckDB's message ("process 1234"), or a plain phrase."""
    text = str(exc)
    found = _HOLDER.search(text)
    if found:
        return f"process {found.group(1)}"
    if "different configuration" in text:
        return "this process has it open in the other mode (read-only against read-write)"
    return "another process"


def connection_config(memory_limit: str | None = None) -> dict[str, str]:
    """Return the DuckDB configuration of a connection: ``memory_limit`` from ``memory_limit``, else the ``db_memory_limit`` setting.

    Empty (the default) keeps DuckDB's own limit, 80% of the machine's memory. The limit bounds
    DuckDB's buffer cache and working memory (larger sorts and joins spill to a temporary file).
    Example: ``connection_config("64MB") == {"memory_limit": "64MB"}``.
    """
    limit = (memory_limit or str(settings.get("db_memory_limit"))).strip()
    return {"memory_limit": limit} if limit else {}


def connect(
    path: str, read_only: bool, wait: float | None = None, memory_limit: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Return a DuckDB connection to ``path``, retrying while another process holds the file.

    Retries with growing pauses for ``wait`` seconds (default: the ``lock_timeout`` setting),
    then raises ``MultipolarError`` E131, one line naming the holder. ``memory_limit`` (e.g.
    ``64MB``) replaces the ``db_memory_limit`` setting for this connection.
    """
    wait = lock_timeout() if wait is None else wait
    deadline = time.monotonic() + wait
    pause = FIRST_PAUSE
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=connection_config(memory_limit))
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_conflict(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise MultipolarError(Errors.E131.format(path=path, detail=_holder(exc), seconds=wait)) from None
        time.sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


class WriterLock:
    """The writer lock of one database file (``<db>.writer.lock``): one writing process at a time."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.path = Path(f"{db_path}.writer.lock")
        self._file: Any = None

    @property
    def held(self) -> bool:
        """Return True while this object holds the lock."""
        return self._file is not None

    def acquire(self, wait: float | None = None) -> WriterLock:
        """Take the lock, waiting up to ``wait`` seconds (default ``lock_timeout``); raise E130 when it stays taken."""
        if fcntl is None or self.db_path == IN_MEMORY or self.held:
            return self
        wait = lock_timeout() if wait is None else wait
        deadline = time.monotonic() + wait
        handle = open(self.path, "a+")  # noqa: SIM115 - kept open while the lock is held
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() + pause > deadline:
                    holder = self._recorded_holder(handle)
                    handle.close()
                    raise MultipolarError(
                        Errors.E130.format(pid=holder, path=self.db_path, seconds=wait)
                    ) from None
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    @staticmethod
    def _recorded_holder(handle: Any) -> str:
        handle.seek(0)
        return handle.read().strip() or "unknown"

    def release(self) -> None:
        """Give the lock up (the lock file stays; it is empty of meaning once unlocked)."""
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)  # type: ignore[union-attr]
            self._file.close()
            self._file = None

    def is_taken(self) -> bool:
        """Return True when some process (this one included) holds the writer lock now."""
        return self.held or writer_active(self.db_path)


def writer_active(db_path: str) -> bool:
    """Return True when a process holds (or waits at the file for) the writer lock of ``db_path``.

    A writer takes ``<db>.writer.lock`` before it opens the file, so a taken lock means a writer
    is writing or waiting for readers to let go. The check costs one ``open`` and one ``flock``.
    """
    if fcntl is None or db_path == IN_MEMORY:
        return False
    try:
        descriptor = os.open(f"{db_path}.writer.lock", os.O_RDONLY)
    except OSError:  # no lock file: no writer ever came
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # closing drops the shared lock taken for the test
    return False


class ReadConnection:
    """Read-only access to a database for a multi-threaded reader (the dashboard).

    ``with reader.open() as con:`` gives a read-only connection, opened on first use and shared
    by all queries (serialised by a lock). While no writer holds or waits for the file's writer
    lock, the connection stays open, and DuckDB's caches with it. Once a writer comes, the
    connection is closed as soon as no query has run for ``idle`` seconds (a watcher looks
    every ``poll`` seconds), and a busy connection is reopened after at most ``hold`` seconds,
    so the writer gets the file between bursts of queries.
    """

    def __init__(self, path: str | Path, idle: float = 0.3, hold: float = 1.0, wait: float | None = None,
                 poll: float = 0.1) -> None:
        self.path = str(path)
        self.idle = idle
        self.hold = hold
        self.wait = wait
        self.poll = min(poll, idle)
        self._lock = threading.RLock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        self._last_used = 0.0
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def is_open(self) -> bool:
        """Return True while the read-only connection is open."""
        return self._connection is not None

    @contextmanager
    def open(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a read-only connection, opening the file (with retries) when needed."""
        with self._lock:
            now = time.monotonic()
            if self._connection is not None and now - self._opened > self.hold and writer_active(self.path):
                self._close_now()
            if self._connection is None:
                self._connection = connect(self.path, read_only=True, wait=self.wait)
                self._opened = time.monotonic()
            try:
                yield self._connection
            finally:
                self._last_used = time.monotonic()
                self._start_watcher()

    def _start_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._stop.clear()
            self._watcher = threading.Thread(target=self._watch, name="multipolar-read-watch", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """Close the open connection once it is idle and a writer wants the file; then stop."""
        while not self._stop.wait(self.poll):
            with self._lock:
                if self._connection is None:
                    return
                if time.monotonic() - self._last_used >= self.idle * 0.9 and writer_active(self.path):
                    self._close_now()
                    return

    def _close_now(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Close the connection now (it reopens on the next query)."""
        with self._lock:
            self._stop.set()
            self._close_now()
