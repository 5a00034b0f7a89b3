"""The database schema, its version, and the migrations that reach it.

``MIGRATIONS[n]`` takes a database from schema version ``n`` to ``n + 1``. A new database runs
all of them; an older one runs the ones it lacks, inside one transaction.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

_V1 = [
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)
    """,
    """
    CREATE TABLE IF NOT EXISTS runs (
        id VARCHAR PRIMARY KEY,
        started_at TIMESTAMP,
        ended_at TIMESTAMP,
        status VARCHAR,           -- running | finished | interrupted (set when found running later)
        inputs VARCHAR,
        articles_added INTEGER DEFAULT 0,
        duplicates INTEGER DEFAULT 0,
        near_duplicates INTEGER DEFAULT 0,
        errors INTEGER DEFAULT 0
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS run_errors (
        run_id VARCHAR, origin VARCHAR, code VARCHAR, reason VARCHAR, stage VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR UNIQUE,
        title VARCHAR, text VARCHAR, date DATE, date_source VARCHAR, url VARCHAR, source VARCHAR,
        author VARCHAR, language VARCHAR, origin VARCHAR, near_duplicate_of VARCHAR,
        run_id VARCHAR, ingested_at TIMESTAMP
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS actors (
        id VARCHAR, article_id VARCHAR, sentence_index INTEGER, text VARCHAR, start INTEGER,
        "end" INTEGER, code VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR, name VARCHAR,
        role VARCHAR, entity_id VARCHAR, rule VARCHAR, resolved BOOLEAN
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS events (
        id VARCHAR, article_id VARCHAR, sentence_index INTEGER, date DATE, date_precision VARCHAR, plover VARCHAR,
        cameo VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, mode VARCHAR, context VARCHAR,
        modality VARCHAR, negated BOOLEAN,
        source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_text VARCHAR,
        source_name VARCHAR, source_start INTEGER, source_end INTEGER,
        target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_text VARCHAR,
        target_name VARCHAR, target_start INTEGER, target_end INTEGER,
        trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, sentence VARCHAR, rule VARCHAR,
        location_name VARCHAR, location_country VARCHAR, latitude DOUBLE, longitude DOUBLE,
        quote_id VARCHAR, mentions INTEGER
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS quotes (
        id VARCHAR, article_id VARCHAR, text VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER,
        speaker_code VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, speaker_text VARCHAR,
        speaker_name VARCHAR, medium_code VARCHAR, medium_text VARCHAR, listener_code VARCHAR,
        listener_text VARCHAR, verb VARCHAR, sentence_index INTEGER, event_ids VARCHAR[]
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS figures (
        id VARCHAR, article_id VARCHAR, kind VARCHAR, count DOUBLE, qualifier VARCHAR, who VARCHAR,
        unit VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER, event_id VARCHAR
    )
    """,
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS actors_article ON actors(article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
    "CREATE INDEX IF NOT EXISTS sentences_article ON sentences(article_id)",
    "CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id)",
]

# Version 2: event timing (current/history/future) and domestic flag; quote cue and cue class.
_V2 = [
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS timing VARCHAR DEFAULT 'current'",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS domestic BOOLEAN",
    "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS cue VARCHAR",
    "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS cue_class VARCHAR",
]

# Version 3: the rule that made each quote.
_V3 = [
    "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS rule VARCHAR",
]

# Version 4: the persistent near-duplicate index (MinHash signature and LSH band buckets of
# every stored original), so near-duplicates are found across runs, written with the article.
_V4 = [
    "CREATE TABLE IF NOT EXISTS near_signatures (article_id VARCHAR, signature BLOB)",
    "CREATE TABLE IF NOT EXISTS near_bands (band SMALLINT, bucket BIGINT, article_id VARCHAR)",
    "CREATE INDEX IF NOT EXISTS near_bands_bucket ON near_bands(bucket)",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4]

#: Tables of the near-duplicate index, keyed by ``article_id``.
INDEX_TABLES = ("near_signatures", "near_bands")

#: Tables holding coded content, in the order children are deleted/exported.
CONTENT_TABLES = ("articles", "sentences", "actors", "events", "quotes", "figures")
