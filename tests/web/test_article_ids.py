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
