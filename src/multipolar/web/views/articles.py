"""Articles: the searchable list of every article, and one article with highlighted text, its events and related articles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from multipolar.web.data import ARTICLE_SORTS, ArticleFilter, Database, records, sort_choice
from multipolar.web.highlight import article_spans, highlight
from multipolar.web.models import ArticleOut, ArticlePage
from multipolar.web.views.common import (
    EXPORT_RESPONSE,
    Export,
    check_range,
    database,
    export,
    optional_code,
    paging,
    query_string,
    render,
)

router = APIRouter()
ARTICLE_ID = Path(..., pattern=r"^[^/\\]{1,256}$", description="article id")


def article_filters(
    q: str | None = Query(None, max_length=200, description="words in the title or text"),
    outlet: str | None = Query(None, max_length=200, description="the outlet (source) of the article"),
    actor: str | None = optional_code("articles mentioning this country or actor code"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    sort: str | None = Query(None, max_length=20, description="date, title, outlet, events, quotes, figures; -name descending"),
) -> ArticleFilter:
    """Return the article-list filters of the request's query parameters."""
    check_range(since, until)
    return ArticleFilter(text=q or None, outlet=outlet or None, since=since, until=until,
                         actor=actor.upper() if actor else None, sort=sort_choice(sort, ARTICLE_SORTS))


def article_list(db: Database, filters: ArticleFilter, page: int, per_page: int) -> dict[str, Any]:
    """Return one page of the article list: total, page, per_page, pages, articles (cached)."""

    def compute() -> dict[str, Any]:
        total, frame = db.list_articles(filters, page, per_page)
        return {**paging(total, page, per_page), "articles": records(frame)}

    return db.cached("article_list", compute, filters, page, per_page)


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, filters: ArticleFilter = Depends(article_filters),
                  page: int = Query(1, ge=1, le=1_000_000), per_page: int = Query(50, ge=1, le=500),
                  db: Database = Depends(database)):
    """Render the list of articles with search, outlet filter, sorting and paging."""
    result = article_list(db, filters, page, per_page)
    return render(request, "articles.html", {
        "filters": filters, "result": result, "outlets": db.outlets(),
        "prev_qs": query_string(request, page=page - 1) if page > 1 else None,
        "next_qs": query_string(request, page=page + 1) if page < result["pages"] else None,
        "csv_qs": query_string(request, format="csv", page=None, per_page=None),
        "parquet_qs": query_string(request, format="parquet", page=None, per_page=None),
    })


@router.get("/api/articles", response_model=ArticlePage, responses=EXPORT_RESPONSE, tags=["articles"])
def api_articles(filters: ArticleFilter = Depends(article_filters), page: int = Query(1, ge=1, le=1_000_000),
                 per_page: int = Query(50, ge=1, le=5000), format: Export = "json", db: Database = Depends(database)):
    """Return articles matching the filters with their counts: one page as JSON, or all as CSV or Parquet."""
    if format != "json":
        return export(db, db.article_export_sql(filters), format, "articles")
    return article_list(db, filters, page, per_page)


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
