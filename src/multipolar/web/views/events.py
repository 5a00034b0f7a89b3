"""Event search with filters, sorting and paging; every event links to its article; downloads of every match."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from multipolar.analysis.base import EventScope
from multipolar.web.data import EVENT_SORTS, Database, EventFilter, records, sort_choice
from multipolar.web.models import EventPage
from multipolar.web.resolve import resolve_filter_actor, resolve_type
from multipolar.web.views.common import (
    EXPORT_RESPONSE,
    Export,
    check_range,
    database,
    optional_code,
    paging,
    query_string,
    render,
    stream_download,
)

router = APIRouter()
MAX_PER_PAGE = 500
Side = Literal["any", "source", "target"]
Timing = Literal["current", "history", "future", "any"]

#: Words of the hidden-event reasons (``EventScope``), for the page's "N events hidden" line.
HIDDEN_LABELS = {"not_asserted": "not asserted (negated, conditional, questioned, denied, planned)",
                 "history_future": "history or future", "out_of_time": "dated outside their article's time",
                 "domestic": "domestic", "counted": "counted by the analyses"}


def event_scope(
    timing: Timing = Query("current", description="current (counted by the analyses), history, future or any"),
    modality: str = Query("asserted", pattern=r"^[a-z_]{1,32}$",
                          description="asserted (counted by the analyses), any, negated, or one modality (threatened, ...)"),
    domestic: bool = Query(False, description="include domestic events (one country on both sides)"),
) -> EventScope:
    """Return the event scope of the request: by default exactly the events the analyses count."""
    return EventScope(timing=None if timing == "any" else timing, modality=None if modality == "any" else modality,
                      domestic=domestic)


def event_filters(
    actor: str | None = optional_code("country or actor code on either side"),
    partner: str | None = optional_code("the other side (with actor)"),
    side: Side = "any",
    plover: str | None = Query(None, max_length=32, description="PLOVER event type, e.g. ASSAULT"),
    cameo: str | None = Query(None, pattern=r"^[0-9]{1,4}$", description="CAMEO code or prefix, e.g. 19 or 190"),
    mode: str | None = Query(None, max_length=32, description="PLOVER mode, e.g. aerial"),
    goldstein_min: float | None = Query(None, ge=-10, le=10, description="lowest Goldstein score"),
    goldstein_max: float | None = Query(None, ge=-10, le=10, description="highest Goldstein score"),
    outlet: str | None = Query(None, max_length=200, description="the article's outlet (source)"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = Query(None, max_length=100, description="place name (substring) or ISO3 country"),
    text: str | None = Query(None, max_length=200, description="words in the sentence or article title"),
    article: str | None = Query(None, max_length=128, description="only the events of this article id"),
    sort: str | None = Query(None, max_length=20, description="date, goldstein, plover, cameo, source, target, mode; -name for descending"),
    scope: EventScope = Depends(event_scope),
    db: Database = Depends(database),
) -> EventFilter:
    """Return the event filters of the request's query parameters.

    Actors may be codes or names; an unknown actor or event type is a 404 listing close matches,
    an impossible range a 422.
    """
    check_range(since, until)
    if goldstein_min is not None and goldstein_max is not None and goldstein_min > goldstein_max:
        from fastapi import HTTPException

        raise HTTPException(status_code=422, detail="goldstein_min must not be above goldstein_max")
    return EventFilter(
        actor=resolve_filter_actor(db, actor) if actor else None,
        partner=resolve_filter_actor(db, partner) if partner else None,
        side=side,
        plover=resolve_type(db, plover) if plover else None,
        since=since,
        until=until,
        place=place or None,
        text=text or None,
        article_id=article or None,
        cameo=cameo or None,
        mode=mode or None,
        goldstein_min=goldstein_min,
        goldstein_max=goldstein_max,
        outlet=outlet or None,
        sort=sort_choice(sort, EVENT_SORTS),
        scope=scope,
    )


def search(db: Database, filters: EventFilter, page: int, per_page: int) -> dict[str, Any]:
    """Return one page of matching events: total, page, per_page, pages, events (cached)."""
    return db.cached("search", lambda: _search(db, filters, page, per_page), filters, page, per_page)


def _search(db: Database, filters: EventFilter, page: int, per_page: int) -> dict[str, Any]:
    if filters.text and filters.scope.counted:  # words scan every sentence: count and page in one pass
        total, hidden, frame = db.counted_search(filters, page, per_page)
        return {**paging(total, page, per_page), "events": records(frame), "hidden": hidden}
    total, hidden = db.event_counts(filters)
    _, frame = db.search_events(filters, page, per_page, count=False)
    return {**paging(total, page, per_page), "events": records(frame), "hidden": hidden}


def hidden_text(hidden: dict[str, int]) -> str:
    """Return the hidden events in words, largest first: "12 history or future, 3 domestic" ('' when none)."""
    parts = sorted(hidden.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{count:,} {HIDDEN_LABELS.get(reason, reason)}" for reason, count in parts if count)


def modes(db: Database) -> list[str]:
    """Return the PLOVER modes present in the database (cached)."""
    frame = db.cached("modes", lambda: db.frame("SELECT DISTINCT mode FROM events WHERE mode IS NOT NULL ORDER BY 1"))
    return list(frame["mode"])


def modalities(db: Database) -> list[str]:
    """Return the event modalities present in the database besides "asserted" (cached)."""
    frame = db.cached("modalities", lambda: db.frame(
        "SELECT DISTINCT modality FROM events WHERE modality IS NOT NULL AND modality <> 'asserted' ORDER BY 1"))
    return list(frame["modality"])


@router.get("/events", include_in_schema=False)
def events_page(
    request: Request,
    filters: EventFilter = Depends(event_filters),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
    db: Database = Depends(database),
):
    """Render the event search page."""
    result = search(db, filters, page, per_page)
    return render(
        request,
        "events.html",
        {
            "filters": filters,
            "result": result,
            "types": db.plover_types(),
            "modes": modes(db),
            "modalities": modalities(db),
            "outlets": db.outlets(),
            "prev_qs": query_string(request, page=page - 1) if page > 1 else None,
            "next_qs": query_string(request, page=page + 1) if page < result["pages"] else None,
            "hidden_total": sum(result["hidden"].values()),
            "hidden_text": hidden_text(result["hidden"]),
            "show_all_qs": query_string(request, timing="any", modality="any", domestic="true", page=None),
            "counted_qs": query_string(request, timing=None, modality=None, domestic=None, page=None),
            "csv_qs": query_string(request, format="csv", page=None, per_page=None),
            "parquet_qs": query_string(request, format="parquet", page=None, per_page=None),
        },
    )


@router.get("/api/events", response_model=EventPage, responses=EXPORT_RESPONSE, tags=["events"])
def api_events(
    filters: EventFilter = Depends(event_filters),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=5000),
    format: Export = "json",
    db: Database = Depends(database),
):
    """Return events matching the filters: one page as JSON, or every match as CSV or Parquet (format=csv|parquet)."""
    if format != "json":
        return stream_download(db.stream_events(filters), format, "events")
    return search(db, filters, page, per_page)
