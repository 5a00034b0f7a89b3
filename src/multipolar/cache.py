"""Compiled forms of the data files, cached on disk: the knowledge base, lexicons, gazetteer.

``cached(name, sources, build)`` returns ``build()``'s result, pickled under the ``cache_dir``
setting in a file keyed by the SHA-256 of the source files' bytes (size and modification time
for files over 2 MB), the multipolar version and
the Python version. Any change to a data file gives a new key, so a stale cache is never read;
a cache that cannot be read or written is rebuilt (and the build is the answer). The ``KEEP``
most recent caches of each name are kept, so installations sharing the folder do not evict
each other's.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from multipolar import settings

T = TypeVar("T")
LARGE_FILE = 2_000_000
KEEP = 4  # caches of one name kept side by side (other versions or data)
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Return the cache folder (the ``cache_dir`` setting, ``~`` expanded)."""
    return Path(str(settings.get("cache_dir"))).expanduser()


def source_key(name: str, sources: Iterable[str | Path], extra: str = "") -> str:
    """Return the cache key of ``name`` built from ``sources`` (their bytes) and ``extra``."""
    from multipolar import __version__

    digest = hashlib.sha256(f"{name}|{__version__}|{sys.version_info[:2]}|{extra}".encode())
    for source in sources:
        path = Path(source)
        digest.update(str(path.name).encode())
        try:
            stat = path.stat()
            if stat.st_size > LARGE_FILE:  # third-party data (the gazetteer): size and time suffice
                digest.update(f"{stat.st_size}|{stat.st_mtime_ns}".encode())
            else:
                digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:24]


def _load_without_gc(handle) -> object:
    """Unpickle ``handle`` with the cyclic garbage collector paused: the hundred thousand objects of
    the place index would otherwise trigger it many times over (the load takes about a third)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)  # noqa: S301 - our own file, keyed by the data's hash
    finally:
        if was_enabled:
            gc.enable()


def _prune(path: Path, name: str) -> None:
    """Delete the older caches of ``name``, keeping the ``KEEP`` most recently written.

    Two installations (two versions, two checkouts with other data) sharing one cache folder
    would otherwise delete each other's cache on every run and rebuild it the next time: about
    2 s more for every cold ``code``.
    """
    others = sorted(
        (old for old in path.parent.glob(f"{name}-*.pickle") if old != path),
        key=lambda old: old.stat().st_mtime if old.exists() else 0.0,
        reverse=True,
    )
    for old in others[KEEP - 1 :]:
        old.unlink(missing_ok=True)


def cached(name: str, sources: Iterable[str | Path], build: Callable[[], T], extra: str = "") -> T:
    """Return ``build()``, read from or written to the on-disk cache keyed by ``sources``."""
    if os.environ.get("MULTIPOLAR_NO_CACHE"):
        return build()
    path = cache_dir() / f"{name}-{source_key(name, sources, extra)}.pickle"
    try:
        with path.open("rb") as handle:
            return _load_without_gc(handle)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or incompatible cache: rebuild it
        log.debug("cache %s unreadable (%s); rebuilding", path, exc)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _prune(path, name)
    except Exception as exc:  # read-only home, unpicklable value: work without the cache
        log.debug("cache %s not written (%s)", path, exc)
    return value
