"""The Python API: multipolar.code, multipolar.ingest and multipolar.open."""

from __future__ import annotations

import multipolar
from multipolar.records import CodedArticle, Event

STORY = (
    "Talks in Ankara\n\n"
    "ANKARA, June 3, 2024 - The foreign ministers of Turkey and Azerbaijan held talks in Ankara on Monday "
    "and signed an agreement on energy cooperation, officials said.\n\n"
    "Turkish Foreign Minister Hakan Fidan said the deal would \"bring our two nations even closer\".\n"
)


def test_code_returns_a_coded_article_with_the_given_date_as_fallback():
    coded = multipolar.code(STORY, date="2024-06-05")
    assert isinstance(coded, CodedArticle)
    assert coded.article.title == "Talks in Ankara"
    assert coded.article.date == "2024-06-03"  # the dateline wins over the fallback
    assert {"TUR", "AZE"} <= {m.country for m in coded.actors}
    payload = coded.to_dict()
    assert payload["id"] == coded.article.id and isinstance(payload["events"], list)


def test_code_keeps_an_error_instead_of_raising():
    coded = multipolar.code("")
    assert coded.errors and coded.errors[0].code == "E107"
    assert coded.events == ()


def test_ingest_and_open(tmp_path):
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    db = tmp_path / "api.duckdb"
    summary = multipolar.ingest_files(source, db=db)
    assert summary.articles_added == 1 and not summary.errors
    with multipolar.open(db, read_only=True) as store:
        events = store.events(actor="TUR", since="2024-01-01")
        assert all(isinstance(e, Event) for e in events)
        frame = events.to_pandas()
        assert len(frame) == len(events)
        assert store.articles()[0].title == "Talks in Ankara"
