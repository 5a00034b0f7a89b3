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
- **Readers are short-lived.** The dashboard and API open the file read-only for a burst of
  queries (``ReadConnection``) and close it as soon as the burst ends; a reader that finds
  the file held retries until ``lock_timeout`` and then reports E131 in one line.
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


def connect(path: str, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Return a DuckDB connection to ``path``, retrying while another process holds the file.

    Retries with growing pauses for ``wait`` seconds (default: the ``lock_timeout`` setting),
    then raises ``MultipolarError`` E131, one line naming the holder.
    """
    wait = lock_timeout() if wait is None else wait
    deadline = time.monotonic() + wait
    pause = FIRST_PAUSE
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
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
        if self.held:
            return True
        if fcntl is None or not self.path.exists():
            return False
        with open(self.path, "a+") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return False


class ReadConnection:
    """Short-lived read-only access to a database for a multi-threaded reader (the dashboard).

    ``with reader.open() as con:`` gives a read-only connection. It is opened on first use and
    shared by the queries of a burst (a page makes several); it is closed once no query has
    run for ``idle`` seconds, and reopened after at most ``hold`` seconds, so a writer waiting
    for the file gets it between bursts. Queries are serialised by a lock.
    """

    def __init__(self, path: str | Path, idle: float = 0.3, hold: float = 1.0, wait: float | None = None) -> None:
        self.path = str(path)
        self.idle = idle
        self.hold = hold
        self.wait = wait
        self._lock = threading.RLock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        self._last_used = 0.0
        self._closer: threading.Timer | None = None

    @contextmanager
    def open(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a read-only connection, opening the file (with retries) when needed."""
        with self._lock:
            now = time.monotonic()
            if self._connection is not None and now - self._opened > self.hold:
                self._close_now()
            if self._connection is None:
                self._connection = connect(self.path, read_only=True, wait=self.wait)
                self._opened = time.monotonic()
            try:
                yield self._connection
            finally:
                self._last_used = time.monotonic()
                self._schedule_close()

    def _schedule_close(self) -> None:
        if self._closer is not None:
            self._closer.cancel()
        self._closer = threading.Timer(self.idle, self._close_if_idle)
        self._closer.daemon = True
        self._closer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._connection is not None and time.monotonic() - self._last_used >= self.idle * 0.9:
                self._close_now()

    def _close_now(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Close the connection now (it reopens on the next query)."""
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            self._close_now()
