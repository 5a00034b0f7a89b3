"""The one ingest engine: identity, persistent near-duplicates, skipping, isolation, long texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipolar import nlp
from multipolar.records import Article
from multipolar.store import open_store
from multipolar.workflow import ingest_paths

from .corpus import dump, make_corpus, near_copy, sample_texts, write_jsonl

LONG_ENOUGH = (
    "Ministers from both countries met in the capital on Tuesday and agreed to resume talks on the border. "
    "The foreign minister said the two governments would exchange prisoners before the end of the month. "
    "Officials described the meeting as constructive and said a second round would follow in the spring."
)


def _record(id_: str, text: str, date: str = "2024-03-01") -> dict:
    return {"id": id_, "title": f"Story {id_}", "date": date, "text": text}


def test_repeated_id_in_one_input_is_an_error_for_the_second_record(tmp_path: Path) -> None:
    records = [_record("a1", LONG_ENOUGH), _record("b2", LONG_ENOUGH.replace("Tuesday", "Monday")),
               _record("a1", LONG_ENOUGH.replace("spring", "autumn"))]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    with open_store(tmp_path / "t.duckdb") as store:
        summary = ingest_paths([source], store)
        texts = dict(store.connection.execute("SELECT id, text FROM articles").fetchall())
    assert summary.articles_added == 2 and summary.repeated_ids == 1
    [error] = summary.errors
    assert error.code == "E140" and error.origin.endswith("in.jsonl:3") and "in.jsonl:1" in error.reason
    assert "spring" in texts["a1"]


def test_same_id_with_new_content_in_a_later_run_is_a_counted_conflict_or_replaced(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "one.jsonl", [_record("x9", LONG_ENOUGH)])
    second = write_jsonl(tmp_path / "two.jsonl", [_record("x9", LONG_ENOUGH.replace("spring", "autumn"))])
    with open_store(tmp_path / "t.duckdb") as store:
        ingest_paths([first], store)
        conflict = ingest_paths([second], store)
        kept = store.connection.execute("SELECT text FROM articles WHERE id = 'x9'").fetchone()[0]
        replaced = ingest_paths([second], store, recode=True)
        rows = store.connection.execute("SELECT text FROM articles WHERE id = 'x9'").fetchall()
        runs = store.connection.execute("SELECT errors FROM runs ORDER BY started_at").fetchall()
    assert conflict.conflicts == 1 and [e.code for e in conflict.errors] == ["E141"] and "spring" in kept
    assert replaced.replaced == 1 and replaced.articles_recoded == 1 and replaced.articles_added == 0
    assert not replaced.errors
    assert len(rows) == 1 and "autumn" in rows[0][0]
    assert [r[0] for r in runs] == [0, 1, 0]


def test_near_duplicates_are_found_across_runs(tmp_path: Path) -> None:
    original = sample_texts()[0]
    copy = tmp_path / "copy" / "copy.txt"
    copy.parent.mkdir()
    copy.write_text(near_copy(original.read_text(encoding="utf-8")), encoding="utf-8")
    with open_store(tmp_path / "one.duckdb") as store:
        together = ingest_paths([original, copy.parent], store)
    with open_store(tmp_path / "two.duckdb") as store:
        ingest_paths([original], store)
        later = ingest_paths([copy.parent], store)
    assert together.near_duplicates == later.near_duplicates == 1
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "two.duckdb")


def test_stored_articles_are_not_coded_again_unless_recode(tmp_path: Path, monkeypatch) -> None:
    corpus = make_corpus(tmp_path / "in", count=2, near=False)
    with open_store(tmp_path / "t.duckdb") as store:
        ingest_paths([corpus], store)

        def no_coding(articles):
            raise AssertionError(f"coded again: {[a.id for a in articles]}")

        monkeypatch.setattr("multipolar.pipeline.code_batch", no_coding)
        again = ingest_paths([corpus], store)
        assert again.already_stored == 2 and again.articles_added == 0
        monkeypatch.undo()
        recoded = ingest_paths([corpus], store, recode=True)
        assert recoded.articles_added == 0 and recoded.articles_recoded == 2 and recoded.replaced == 2
        assert store.counts()["articles"] == 2


def test_a_coding_failure_costs_only_its_article(tmp_path: Path, monkeypatch) -> None:
    import multipolar.pipeline as pipeline

    corpus = make_corpus(tmp_path / "in", count=3, near=False)
    victim = sample_texts()[1].name
    real = pipeline.code_parsed

    def flaky(doc, article: Article):
        if article.origin and article.origin.endswith(victim):
            raise RuntimeError("boom")
        return real(doc, article)

    monkeypatch.setattr(pipeline, "code_parsed", flaky)
    with open_store(tmp_path / "t.duckdb") as store:
        summary = ingest_paths([corpus], store)
    assert summary.articles_added == 2
    [error] = summary.errors
    assert error.code == "E199" and error.origin.endswith(victim) and "boom" in error.reason


def test_split_text_keeps_every_character_and_cuts_at_boundaries() -> None:
    paragraph = "The envoy met the minister. They discussed the ceasefire at length."
    text = "\n\n".join([paragraph] * 40)
    pieces = nlp.split_text(text, 500)
    assert "".join(pieces) == text and all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    no_breaks = "word " * 400
    assert "".join(nlp.split_text(no_breaks, 300)) == no_breaks
    assert "".join(nlp.split_text("x" * 1000, 300)) == "x" * 1000


def test_long_text_is_parsed_in_chunks_with_whole_text_offsets(monkeypatch) -> None:
    import multipolar

    pairs = [("Russia", "China"), ("France", "Germany"), ("Japan", "India"), ("Brazil", "Argentina"),
             ("Kenya", "Ethiopia"), ("Egypt", "Jordan"), ("Poland", "Ukraine"), ("Canada", "Mexico")]
    body = "\n\n".join(
        f"{a} accused {b} of shelling border villages on Tuesday. {b} rejected the claim and recalled its ambassador."
        for a, b in pairs
    )
    whole = multipolar.code(body, date="2024-01-05")
    monkeypatch.setenv("MULTIPOLAR_CHUNK_CHARS", "1000")
    assert nlp.chunk_limit(nlp.load_pipeline()) == 1000
    chunked = multipolar.code(body, date="2024-01-05")
    assert not chunked.errors and chunked.article.text == whole.article.text
    assert len(whole.events) >= 8
    assert [(e.plover, e.trigger_start, e.source and e.source.code) for e in chunked.events] == [
        (e.plover, e.trigger_start, e.source and e.source.code) for e in whole.events
    ]
    text = chunked.article.text
    for event in chunked.events:
        assert text[event.trigger_start : event.trigger_end] == event.trigger
    for sentence in chunked.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("workers", [2])
def test_process_pool_gives_the_same_rows(tmp_path: Path, workers: int) -> None:
    corpus = make_corpus(tmp_path / "in", count=4)
    with open_store(tmp_path / "one.duckdb") as store:
        single = ingest_paths([corpus], store, batch_size=2)
    with open_store(tmp_path / "pool.duckdb") as store:
        pooled = ingest_paths([corpus], store, batch_size=2, workers=workers)
    assert pooled.articles_added == single.articles_added == 5 and pooled.near_duplicates == 1
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "pool.duckdb")


def test_text_past_spacy_max_length_is_never_parsed_whole(monkeypatch) -> None:
    import multipolar

    pipeline = nlp.load_pipeline()
    monkeypatch.setattr(pipeline, "max_length", 4000)
    paragraph = "Egypt accused Sudan of shelling villages near the border. Sudan denied the charge on Friday."
    text = "\n\n".join([paragraph.replace("villages", f"villages {i}") for i in range(160)])
    assert len(text) > 3 * pipeline.max_length
    coded = multipolar.code(text, date="2024-02-02")
    assert not coded.errors and coded.events
    assert all(text[s.start : s.end] == s.text for s in coded.sentences)
    assert len({e.id for e in coded.events}) == len(coded.events)
