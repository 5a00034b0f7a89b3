"""Exports of the stored tables in the formats users already load elsewhere."""

from __future__ import annotations

from pathlib import Path

from multipolar.errors import Errors, MultipolarError
from multipolar.store.store import Store

FORMATS = ("csv", "jsonl", "parquet")

#: A GDELT 2.0 events-like view: the column names GDELT users know, filled from our events.
#: Country codes are ISO 3166 alpha-3 (as CAMEO actor codes are), also for ActionGeo (GDELT
#: uses FIPS there). IsRootEvent marks events of the article's first sentence. QuadClass is the
#: PLOVER quad class of the event's type, read from the one ontology (1 verbal cooperation,
#: 2 material cooperation, 3 verbal conflict, 4 material conflict): CAMEO 02 appeals and 10
#: demands are PLOVER REQUEST, verbal conflict (3), where GDELT puts appeals in 1. Rows are the
#: events the analyses count (asserted, timing "current", a date inside the sane window: no
#: 1938 rows); the full ``events`` table keeps every event.
GDELT_SQL_TEMPLATE = """
SELECT
    e.id AS GLOBALEVENTID,
    CAST(strftime(e.date, '%Y%m%d') AS INTEGER) AS SQLDATE,
    CAST(strftime(e.date, '%Y%m') AS INTEGER) AS MonthYear,
    year(e.date) AS Year,
    round(year(e.date) + (dayofyear(e.date) - 1) / 365.0, 4) AS FractionDate,
    e.source_code AS Actor1Code,
    coalesce(e.source_name, e.source_text) AS Actor1Name,
    e.source_country AS Actor1CountryCode,
    e.source_sector AS Actor1Type1Code,
    e.target_code AS Actor2Code,
    coalesce(e.target_name, e.target_text) AS Actor2Name,
    e.target_country AS Actor2CountryCode,
    e.target_sector AS Actor2Type1Code,
    CASE WHEN e.sentence_index = 0 THEN 1 ELSE 0 END AS IsRootEvent,
    e.cameo AS EventCode,
    substr(e.cameo, 1, 3) AS EventBaseCode,
    e.cameo_root AS EventRootCode,
    {quad_case} AS QuadClass,
    e.goldstein AS GoldsteinScale,
    e.mentions AS NumMentions,
    1 AS NumSources,
    1 AS NumArticles,
    e.location_name AS ActionGeo_FullName,
    e.location_country AS ActionGeo_CountryCode,
    e.latitude AS ActionGeo_Lat,
    e.longitude AS ActionGeo_Long,
    e.plover AS PloverType,
    e.mode AS PloverMode,
    e.negated AS Negated,
    e.modality AS Modality,
    e.date_precision AS DatePrecision,
    e.timing AS Timing,
    e.domestic AS Domestic,
    CAST(strftime(a.ingested_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
    a.url AS SOURCEURL
FROM events e JOIN articles a ON a.id = e.article_id
WHERE {counted}
ORDER BY e.date, e.id
"""


def gdelt_sql() -> str:
    """Return the GDELT-like query, its QuadClass and its row filter taken from the ontology and the analysis rules."""
    from multipolar.analysis.base import COUNTED_EVENT_SQL
    from multipolar.ontology import plover_types

    cases = " ".join(f"WHEN '{name}' THEN {kind.quad_code}" for name, kind in plover_types().items())
    return GDELT_SQL_TEMPLATE.format(quad_case=f"CASE e.plover {cases} END", counted=COUNTED_EVENT_SQL)


TABLE_QUERIES = {
    "articles": "SELECT * FROM articles ORDER BY date, id",
    "sentences": "SELECT * FROM sentences ORDER BY article_id, idx",
    "actors": "SELECT * FROM actors ORDER BY article_id, start",
    "events": "SELECT * FROM events ORDER BY date, id",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, start",
    "figures": "SELECT * FROM figures ORDER BY article_id, start",
    "runs": "SELECT * FROM runs ORDER BY started_at",
    "run_errors": "SELECT * FROM run_errors ORDER BY run_id, origin",
}

#: Tables whose query is built when exported (from the ontology and the analysis rules).
BUILT_QUERIES = {"gdelt": gdelt_sql}


def export_tables(store: Store, out_dir: str | Path, fmt: str, tables: list[str] | None = None) -> list[Path]:
    """Write each table (default: all, plus the GDELT-like ``gdelt``) to ``out_dir``; return the files."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MultipolarError(Errors.E504.format(path=out, detail=exc.strerror or exc)) from exc
    written = []
    options = {"csv": "FORMAT CSV, HEADER", "jsonl": "FORMAT JSON", "parquet": "FORMAT PARQUET"}[fmt]
    known = [*TABLE_QUERIES, *BUILT_QUERIES]
    for name in tables or known:
        if name not in known:
            raise ValueError(f"unknown table {name!r}; use one of {', '.join(known)}")
        query = TABLE_QUERIES[name] if name in TABLE_QUERIES else BUILT_QUERIES[name]()
        target = out / f"{name}.{fmt}"
        escaped = str(target).replace("'", "''")
        store.connection.execute(f"COPY ({query}) TO '{escaped}' ({options})")
        written.append(target)
    return written
