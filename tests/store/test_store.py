"""The DuckDB store: transactions, idempotence, migrations, typed queries and exports."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from multipolar.errors import MultipolarError
from multipolar.records import (
    ActorMention,
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Figure,
    Location,
    Quote,
    Sentence,
    content_hash,
)
from multipolar.store import SCHEMA_VERSION, export_tables, open_store


def _coded(n: int, date: str = "2024-03-01", source: str = "RUS", target: str = "UKR") -> CodedArticle:
    text = f"Article number {n}: forces of {source} shelled a town in {target} on Monday."
    art = Article(id=f"a{n}", text=text, content_hash=content_hash(text), title=f"Title {n}", date=date,
                  source="Test Wire", url=f"https://example.org/{n}", language="en")
    src = ActorRef(f"{source}MIL", source, "MIL", "forces", start=0, end=6)
    tgt = ActorRef(f"{target}CVL", target, "CVL", "a town", start=30, end=36)
    event = Event(
        id=f"e{n}", article_id=art.id, sentence_index=0, plover="ASSAULT", cameo="195", goldstein=-10.0,
        source=src, target=tgt, trigger="shelled", trigger_start=20, trigger_end=27, sentence=text,
        rule="test", date=date, location=Location("Kharkiv", "UKR", 49.99, 36.23),
    )
    quote = Quote(id=f"q{n}", article_id=art.id, text="We will respond", kind="direct", start=1, end=5,
                  speaker=ActorRef("UKRGOV", "UKR", "GOV", "the president", name="Volodymyr Zelenskyy"))
    figure = Figure(id=f"f{n}", article_id=art.id, kind="killed", count=3, text="three people", start=2, end=4,
                    qualifier="at least", who="UKRCVL")
    mention = ActorMention("forces", 0, 6, f"{source}MIL", source, "MIL", "group", "test-rule", sentence_index=0)
    return CodedArticle(art, (Sentence(art.id, 0, 0, len(text), text),), (mention,), (event,), (quote,), (figure,))


def test_write_is_idempotent_and_counts(tmp_path):
    db = tmp_path / "t.duckdb"
    with open_store(db) as store:
        batch = [_coded(i) for i in range(5)]
        first = store.write(batch, "run1")
        again = store.write(batch, "run2")
        counts = store.counts()
    assert (first.articles, first.events, first.quotes) == (5, 5, 5)
    assert (again.articles, again.skipped) == (0, 5)
    assert counts["articles"] == counts["events"] == counts["quotes"] == counts["figures"] == 5


def test_failed_batch_is_retried_article_by_article(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([_coded(1)])
        bad = _coded(2)
        broken = CodedArticle(bad.article, events=(bad.events[0].__class__(**{**bad.events[0].__dict__, "mentions": "x"}),))
        result = store.write([_coded(3), broken, _coded(4)])
        counts = store.counts()
        stored = {row[0] for row in store.connection.execute("SELECT id FROM articles").fetchall()}
    assert result.articles == 2 and [e.code for e in result.errors] == ["E510"]
    assert bad.article.id not in stored and len(stored) == 3
    assert counts["articles"] == 3 and counts["events"] == 3


def test_typed_queries_and_filters(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([_coded(1, "2023-01-05"), _coded(2, "2024-06-01", "CHN", "TWN")])
        rus = store.events(actor="RUS")
        assert [e.id for e in rus] == ["e1"]
        assert rus[0].source.code == "RUSMIL" and rus[0].location.name == "Kharkiv"
        assert [e.id for e in store.events(since="2024-01-01")] == ["e2"]
        assert [e.id for e in store.events(target="TWN", plover="assault")] == ["e2"]
        assert len(store.events(text="shelled a town in TWN")) == 1
        assert store.events(site="example.org").to_pandas().shape[0] == 2
        assert store.events(cameo="19").to_arrow().num_rows == 2
        assert store.quotes(speaker="UKRGOV")[0].speaker.name == "Volodymyr Zelenskyy"
        assert store.figures(kind="killed")[0].qualifier == "at least"
        assert [a.id for a in store.articles(actor="CHN")] == ["a2"]
        assert store.actors(country="RUS")[0].rule == "test-rule"


def test_new_database_gets_schema_and_newer_is_refused(tmp_path):
    path = tmp_path / "t.duckdb"
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(MultipolarError, match="E500"):
        open_store(path)


def test_read_only_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(MultipolarError, match="no such database"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports(tmp_path, fmt):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([_coded(1), _coded(2)])
        files = export_tables(store, tmp_path / "out", fmt)
    names = {f.stem for f in files}
    assert {"articles", "events", "quotes", "figures", "gdelt"} <= names
    gdelt = tmp_path / "out" / f"gdelt.{fmt}"
    if fmt == "parquet":
        table = pq.read_table(gdelt)
        assert table.num_rows == 2 and table.column("QuadClass").to_pylist() == [4, 4]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in gdelt.read_text().splitlines()]
        assert rows[0]["EventRootCode"] == "19" and rows[0]["Actor1CountryCode"] == "RUS"
    else:
        header = gdelt.read_text().splitlines()[0]
        assert header.startswith("GLOBALEVENTID,SQLDATE,MonthYear,Year,FractionDate,Actor1Code")


def test_text_filters_take_wildcards_literally_and_bad_input_is_a_clear_error(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([_coded(1), _coded(2)])
        assert len(store.events(text="%")) == 0
        assert len(store.events(text="_")) == 0
        assert len(store.events(text="number 1:")) == 1
        with pytest.raises(MultipolarError, match="E502"):
            store.events(since="notadate")
        with pytest.raises(MultipolarError, match="E503"):
            store.events(limit=-5)


def test_month_and_year_event_dates_keep_their_precision(tmp_path):
    import dataclasses

    coded = _coded(1, "2024-05-16")
    month = dataclasses.replace(coded.events[0], id="m", date="2023-11")
    year = dataclasses.replace(coded.events[0], id="y", date="2016")
    undated = dataclasses.replace(coded.events[0], id="u", date=None)
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([dataclasses.replace(coded, events=(month, year, undated))])
        rows = store.frame("SELECT id, CAST(date AS VARCHAR) AS date, date_precision FROM events ORDER BY id")
    assert rows.to_dict("records") == [
        {"id": "m", "date": "2023-11-01", "date_precision": "month"},
        {"id": "u", "date": "2024-05-16", "date_precision": "article"},
        {"id": "y", "date": "2016-01-01", "date_precision": "year"},
    ]


def test_export_into_a_file_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with open_store(tmp_path / "t.duckdb") as store, pytest.raises(MultipolarError, match="E504"):
        export_tables(store, blocker / "out", "csv")


def test_literal_percent_sign_is_found(tmp_path):
    import dataclasses

    coded = _coded(1)
    text = "Inflation in Ankara reached 70% as the lira fell."
    article = dataclasses.replace(coded.article, text=text, content_hash="h-percent")
    with open_store(tmp_path / "t.duckdb") as store:
        store.write([dataclasses.replace(coded, article=article)])
        assert [a.id for a in store.articles(text="70%")] == ["a1"]
        assert len(store.articles(text="7_%")) == 0


def test_to_pandas_keeps_dates_as_dates_and_offsets_as_integers(tmp_path):
    """Offsets stay integers where some rows have none; dates are datetime.date values."""
    import dataclasses
    import datetime as dt

    import pandas as pd

    from multipolar.analysis.synthetic import SyntheticEvent, coded_article

    coded = coded_article(1, [SyntheticEvent("2024-05-01", "USA", "GBR", "AID"),
                              SyntheticEvent("2024-05-01", "USA", "FRA", "AID")])
    no_target = dataclasses.replace(coded.events[1], target=None)
    coded = dataclasses.replace(coded, events=(coded.events[0], no_target))
    with open_store(tmp_path / "types.duckdb") as store:
        store.write([coded])
        result = store.events()
    frame = result.to_pandas()
    assert isinstance(frame["date"].iloc[0], dt.date)
    assert str(frame["target_start"].dtype) == "Int32" and frame["target_start"].isna().sum() == 1
    assert str(frame["trigger_start"].dtype) == "Int32"
    assert pd.api.types.is_integer_dtype(frame["sentence_index"])
    assert str(result.to_arrow().schema.field("date").type) == "date32[day]"


def test_db_memory_limit_setting_bounds_duckdb(tmp_path, monkeypatch):
    def limit(path) -> str:
        with open_store(path) as store:
            return store.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    default = limit(tmp_path / "default.duckdb")
    monkeypatch.setenv("MULTIPOLAR_DB_MEMORY_LIMIT", "100MB")
    bounded = limit(tmp_path / "bounded.duckdb")
    assert bounded.startswith("95.3 MiB") and bounded != default


def _memory_limit(store) -> str:
    return store.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_memory_limited_holds_across_reopenings_and_is_lifted_after(tmp_path):
    with open_store(tmp_path / "limited.duckdb") as store:
        default = _memory_limit(store)
        with store.memory_limited("64MB"):
            assert _memory_limit(store) == "61.0 MiB"
            store.write([_coded(1), _coded(2)])
            store.release()  # between batches the connection is closed; the next one keeps the limit
            assert _memory_limit(store) == "61.0 MiB"
            store.write([_coded(3)])
        assert _memory_limit(store) == default
        store.release()
        assert _memory_limit(store) == default
        assert store.connection.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_memory_limited_keeps_the_db_memory_limit_setting_after(tmp_path, monkeypatch):
    monkeypatch.setenv("MULTIPOLAR_DB_MEMORY_LIMIT", "100MB")
    with open_store(tmp_path / "set.duckdb") as store:
        with store.memory_limited("32MB"):
            assert _memory_limit(store) == "30.5 MiB"
        assert _memory_limit(store) == "95.3 MiB"


def test_memory_limited_leaves_in_memory_and_empty_limits_alone(tmp_path):
    with open_store(":memory:") as store:  # its rows live in DuckDB's memory: no limit may evict them
        default = _memory_limit(store)
        with store.memory_limited("16MB"):
            assert _memory_limit(store) == default
    with open_store(tmp_path / "empty.duckdb") as store:
        default = _memory_limit(store)
        with store.memory_limited("  "):
            assert _memory_limit(store) == default


def test_ingest_writes_within_the_ingest_limit(tmp_path, monkeypatch):
    from multipolar.workflow import ingest_paths

    monkeypatch.setenv("MULTIPOLAR_INGEST_DB_MEMORY_LIMIT", "50MB")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n, (country, city) in enumerate((("Chile", "Santiago"), ("Kenya", "Nairobi"), ("Norway", "Oslo"))):
        (corpus / f"{n}.txt").write_text(
            f"The government of {country} summoned the ambassador of Peru in {city} on Tuesday "
            f"after a dispute over fishing rights, officials said in a statement.\n", encoding="utf-8"
        )
    seen: list[str] = []
    with open_store(tmp_path / "run.duckdb") as store:
        summary = ingest_paths([corpus], store, batch_size=1, on_progress=lambda _p: seen.append(_memory_limit(store)))
        after = _memory_limit(store)
    assert summary.articles_added == 3
    assert "47.6 MiB" in seen and after != "47.6 MiB"
