"""Quotes: who said what, searchable by speaker, words, cue class and outlet, with downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from multipolar.web.data import QUOTE_SORTS, Database, QuoteFilter, records, sort_choice
from multipolar.web.models import QuotePage
from multipolar.web.views.common import (
    EXPORT_RESPONSE,
    Export,
    check_range,
    database,
    export,
    paging,
    query_string,
    render,
)

router = APIRouter()
#: The attribution cue classes of the quote stage, offered in the filter even before any quote has one.
CUE_CLASSES = ("speech", "stance", "cognition", "document")


def quote_filters(
    speaker: str | None = Query(None, max_length=100, description="speaker code, country or words of the name"),
    q: str | None = Query(None, max_length=200, description="words in the quote"),
    cue_class: str | None = Query(None, pattern=r"^[a-z]{1,20}$", description="speech, stance, cognition or document"),
    outlet: str | None = Query(None, max_length=200, description="the article's outlet"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    sort: str | None = Query(None, max_length=20, description="date, speaker, country, class, cue, outlet; -name descending"),
) -> QuoteFilter:
    """Return the quote filters of the request's query parameters."""
    check_range(since, until)
    return QuoteFilter(speaker=speaker or None, text=q or None, cue_class=cue_class or None, outlet=outlet or None,
                       since=since, until=until, sort=sort_choice(sort, QUOTE_SORTS))


def quote_list(db: Database, filters: QuoteFilter, page: int, per_page: int) -> dict[str, Any]:
    """Return one page of quotes: total, page, per_page, pages, quotes (cached)."""

    def compute() -> dict[str, Any]:
        total, frame = db.list_quotes(filters, page, per_page)
        return {**paging(total, page, per_page), "quotes": records(frame)}

    return db.cached("quote_list", compute, filters, page, per_page)


@router.get("/quotes", include_in_schema=False)
def quotes_page(request: Request, filters: QuoteFilter = Depends(quote_filters), page: int = Query(1, ge=1, le=1_000_000),
                per_page: int = Query(50, ge=1, le=500), db: Database = Depends(database)):
    """Render the quote list."""
    result = quote_list(db, filters, page, per_page)
    return render(request, "quotes.html", {
        "filters": filters, "result": result, "outlets": db.outlets(), "classes": [*CUE_CLASSES, *(c for c in db.cue_classes() if c not in CUE_CLASSES)],
        "prev_qs": query_string(request, page=page - 1) if page > 1 else None,
        "next_qs": query_string(request, page=page + 1) if page < result["pages"] else None,
        "csv_qs": query_string(request, format="csv", page=None, per_page=None),
        "parquet_qs": query_string(request, format="parquet", page=None, per_page=None),
    })


@router.get("/api/quotes", response_model=QuotePage, responses=EXPORT_RESPONSE, tags=["quotes"])
def api_quotes(filters: QuoteFilter = Depends(quote_filters), page: int = Query(1, ge=1, le=1_000_000),
               per_page: int = Query(50, ge=1, le=5000), format: Export = "json", db: Database = Depends(database)):
    """Return quotes matching the filters: one page as JSON, or all as CSV or Parquet."""
    if format != "json":
        return export(db, db.quote_export_sql(filters), format, "quotes")
    return quote_list(db, filters, page, per_page)
