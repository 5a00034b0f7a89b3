"""The article view: highlighted text, coded events beside it, and related articles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from multipolar.web.data import Database, records
from multipolar.web.highlight import article_spans, highlight
from multipolar.web.models import ArticleOut
from multipolar.web.views.common import database, render

router = APIRouter()
ARTICLE_ID = Path(..., pattern=r"^[^/\\]{1,256}$", description="article id")


def article_data(db: Database, article_id: str) -> dict[str, Any]:
    """Return the article with actors, events, quotes, figures and related articles (cached); 404 if absent."""
    article = db.cached("article", lambda: _article_data(db, article_id), article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    return article


def _article_data(db: Database, article_id: str) -> dict[str, Any] | None:
    article = db.article(article_id)
    if article is not None:
        article["related"] = records(db.related_articles(article_id))
    return article


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str = ARTICLE_ID, db: Database = Depends(database)):
    """Render an article with its highlights and events."""
    article = article_data(db, article_id)
    body = highlight(article["text"] or "", article_spans(article))
    return render(request, "article.html", {"article": article, "body": body})


@router.get("/api/articles/{article_id}", response_model=ArticleOut, tags=["articles"])
def api_article(article_id: str = ARTICLE_ID, db: Database = Depends(database)):
    """Return an article with its actors, events, quotes, figures and related articles."""
    return article_data(db, article_id)
