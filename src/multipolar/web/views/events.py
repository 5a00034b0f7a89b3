"""Event search with filters and paging; every event links to its article."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from multipolar.web.data import Database, EventFilter, records
from multipolar.web.models import EventPage
from multipolar.web.views.common import (
    CSV_RESPONSE,
    Format,
    check_range,
    database,
    listing,
    optional_code,
    query_string,
    render,
)

router = APIRouter()
MAX_PER_PAGE = 500
MAX_DOWNLOAD = 5000


def _filters(actor, partner, side, plover, since, until, place, text, article=None) -> EventFilter:
    check_range(since, until)
    return EventFilter(
        actor=actor.upper() if actor else None,
        partner=partner.upper() if partner else None,
        side=side,
        plover=plover.upper() if plover else None,
        since=since,
        until=until,
        place=place or None,
        text=text or None,
        article_id=article or None,
    )


def search(db: Database, filters: EventFilter, page: int, per_page: int) -> dict[str, Any]:
    """Return one page of matching events: total, page, per_page, pages, events (cached)."""
    return db.cached("search", lambda: _search(db, filters, page, per_page), filters, page, per_page)


def _search(db: Database, filters: EventFilter, page: int, per_page: int) -> dict[str, Any]:
    total, frame = db.search_events(filters, page, per_page)
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, math.ceil(total / per_page)),
            "events": records(frame)}


Side = Literal["any", "source", "target"]


@router.get("/events", include_in_schema=False)
def events_page(
    request: Request,
    actor: str | None = optional_code("country or actor code on either side"),
    partner: str | None = optional_code("the other side (with actor)"),
    side: Side = "any",
    plover: str | None = Query(None, max_length=32),
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = Query(None, max_length=100),
    text: str | None = Query(None, max_length=200),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
    db: Database = Depends(database),
):
    """Render the event search page."""
    filters = _filters(actor, partner, side, plover, since, until, place, text)
    result = search(db, filters, page, per_page)
    return render(
        request,
        "events.html",
        {
            "filters": filters,
            "result": result,
            "types": db.plover_types(),
            "prev_qs": query_string(request, page=page - 1) if page > 1 else None,
            "next_qs": query_string(request, page=page + 1) if page < result["pages"] else None,
            "csv_qs": query_string(request, format="csv", page=None, per_page=MAX_DOWNLOAD),
            "max_download": MAX_DOWNLOAD,
        },
    )


@router.get("/api/events", response_model=EventPage, responses=CSV_RESPONSE, tags=["events"])
def api_events(
    actor: str | None = optional_code("country or actor code on either side"),
    partner: str | None = optional_code("the other side (with actor)"),
    side: Side = "any",
    plover: str | None = Query(None, max_length=32, description="PLOVER event type, e.g. ASSAULT"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = Query(None, max_length=100, description="place name (substring) or ISO3 country"),
    text: str | None = Query(None, max_length=200, description="words in the sentence or article title"),
    article: str | None = Query(None, max_length=128, description="only the events of this article id"),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=MAX_DOWNLOAD),
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return events matching the filters, newest first, one page at a time (CSV with format=csv)."""
    filters = _filters(actor, partner, side, plover, since, until, place, text, article)
    result = search(db, filters, page, per_page)
    return listing(result["events"], format, "events") or result
