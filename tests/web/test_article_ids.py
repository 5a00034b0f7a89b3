"""Article ids from JSONL input may hold any characters but '/': pages and links still work."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from multipolar.records import Article, CodedArticle, content_hash
from multipolar.store import open_store
from multipolar.web import create_app


def test_odd_article_id_page_and_api(tmp_path):
    text = "Officials from Peru and Chile met in Lima on Tuesday to discuss water rights."
    odd_id = "feed item #7 (draft) ünï"
    article = Article(id=odd_id, text=text, content_hash=content_hash(text), title="Water talks", date="2024-04-02")
    db = tmp_path / "odd.duckdb"
    with open_store(db) as store:
        store.write([CodedArticle(article)])
    client = TestClient(create_app(db))
    page = client.get("/articles/" + quote(odd_id))
    assert page.status_code == 200 and "Water talks" in page.text
    assert client.get("/api/articles/" + quote(odd_id)).json()["id"] == odd_id


def test_partner_alone_filters_on_either_side(tmp_path):
    from multipolar.records import ActorRef, Event

    def coded(n: int, source: str, target: str) -> CodedArticle:
        text = f"Story {n}: {source} and {target} held talks on trade."
        article = Article(id=f"s{n}", text=text, content_hash=content_hash(text), date="2024-01-0" + str(n))
        event = Event(
            id=f"e{n}", article_id=article.id, sentence_index=0, plover="CONSULT", cameo="040", goldstein=1.0,
            source=ActorRef(source, source, None, source), target=ActorRef(target, target, None, target),
            trigger="talks", trigger_start=0, trigger_end=5, sentence=text, rule="test",
        )
        return CodedArticle(article, events=(event,))

    db = tmp_path / "p.duckdb"
    with open_store(db) as store:
        store.write([coded(1, "PER", "CHL"), coded(2, "BRA", "ARG")])
    client = TestClient(create_app(db))
    rows = client.get("/api/events", params={"partner": "CHL"}).json()
    listed = rows["events"] if isinstance(rows, dict) else rows
    assert [r["id"] for r in listed] == ["e1"]
