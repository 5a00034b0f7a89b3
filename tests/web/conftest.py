"""A dashboard database: a synthetic world with blocs plus one hand-written article full of markup."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# the dashboard keeps costly analyses on disk: in tests, in a folder of their own
os.environ.setdefault("MULTIPOLAR_CACHE_DIR", tempfile.mkdtemp(prefix="multipolar-web-cache-"))

from multipolar.analysis.synthetic import random_events, write_events
from multipolar.records import (
    ActorMention,
    ActorRef,
    Article,
    CodedArticle,
    Event,
    Quote,
    Sentence,
    content_hash,
)
from multipolar.store import open_store

HOSTILE_TITLE = "<img src=x onerror=alert(1)> Russia & Ukraine"
HOSTILE_TEXT = 'Russia attacked Ukraine <script>alert("x")</script> near Kharkiv. "We stand firm," Ukraine said.'


def hostile_article() -> CodedArticle:
    """Return an article whose title and text hold HTML that must be shown as text."""
    text = HOSTILE_TEXT
    article = Article(id="hostile0article1", text=text, content_hash=content_hash(text), title=HOSTILE_TITLE,
                      date="2023-06-15", source="handwritten", language="en")
    russia = ActorRef("RUS", "RUS", "GOV", "Russia", "Russia", 0, 6)
    ukraine = ActorRef("UKR", "UKR", "GOV", "Ukraine", "Ukraine", 16, 23)
    first_end = text.index("Kharkiv.") + len("Kharkiv.")
    quote_start = text.index("We stand")
    speaker_start = text.rindex("Ukraine")
    return CodedArticle(
        article=article,
        sentences=(Sentence(article.id, 0, 0, first_end, text[:first_end]),
                   Sentence(article.id, 1, first_end + 1, len(text), text[first_end + 1:])),
        actors=(
            ActorMention("Russia", 0, 6, "RUS", "RUS", "GOV", "country", "test", name="Russia", sentence_index=0),
            ActorMention("Ukraine", 16, 23, "UKR", "UKR", "GOV", "country", "test", name="Ukraine", sentence_index=0),
            ActorMention("Ukraine", speaker_start, speaker_start + 7, "UKR", "UKR", "GOV", "country", "test",
                         name="Ukraine", sentence_index=1),
        ),
        events=(
            Event(id="hostileevent0001", article_id=article.id, sentence_index=0, plover="ASSAULT", cameo="190",
                  goldstein=-10.0, source=russia, target=ukraine, trigger="attacked", trigger_start=7,
                  trigger_end=15, sentence=text[:first_end], rule="test", date="2023-06-15"),
        ),
        quotes=(
            Quote(id="hostilequote0001", article_id=article.id, text="We stand firm", kind="direct",
                  start=quote_start, end=quote_start + len("We stand firm"),
                  speaker=ActorRef("UKR", "UKR", "GOV", "Ukraine", "Ukraine", speaker_start, speaker_start + 7),
                  verb="said", sentence_index=1),
        ),
    )


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    """Path of the dashboard test database (3,000 synthetic events over 2023 and the hostile article)."""
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    store = open_store(path)
    write_events(store, random_events(3000, seed=3, start="2023-01-01", days=365))
    store.write([hostile_article()])
    store.close()
    return str(path)


@pytest.fixture(scope="session")
def app(web_db):
    """The dashboard app over :func:`web_db`."""
    from multipolar.web import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app):
    """A TestClient of the dashboard."""
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


SAMPLES = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "data" / "samples"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """Path of a database holding the bundled sample corpus, ingested like a user would (spaCy model needed)."""
    pytest.importorskip("spacy")
    import multipolar

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    summary = multipolar.ingest_files([SAMPLES], db=path)
    assert summary.articles_added >= 40, summary
    return str(path)
