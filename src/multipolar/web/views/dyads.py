"""Dyads: the list of the busiest pairs, and one pair's page with its time series and quotes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from multipolar import analysis
from multipolar.analysis.dyads import combine, fill_periods
from multipolar.web.data import Database, EventFilter, records
from multipolar.web.models import DyadOut, DyadPageOut
from multipolar.web.resolve import resolve_actor, resolve_dyad
from multipolar.web.views.common import (
    CSV_RESPONSE,
    Format,
    Freq,
    check_range,
    code_param,
    database,
    listing,
    optional_code,
    render,
)

router = APIRouter()


def dyad_list(db: Database, since, until, directed: bool, actor: str | None, limit: int) -> list[dict[str, Any]]:
    """Return the busiest dyads of the period (cached)."""
    return db.cached(
        "dyads",
        lambda: records(analysis.dyads(db, since, until, directed=directed, actor=actor, limit=limit)),
        since, until, directed, actor, limit,
    )


def dyad_data(db: Database, actor: str, partner: str, since, until, freq: str) -> dict[str, Any]:
    """Return both directions, the series, the PLOVER breakdown, latest events and quotes of a dyad (cached)."""
    return db.cached("dyad", lambda: _dyad_data(db, actor, partner, since, until, freq), actor, partner, since, until, freq)


def _dyad_data(db: Database, actor: str, partner: str, since, until, freq: str) -> dict[str, Any]:
    # one query split by period, direction and type (the three views are sums of it), the latest
    # events and the quotes: independent, so they run at once
    found = db.parallel(
        detail=lambda: analysis.dyads(db, since, until, freq=freq, actor=actor, partner=partner, by="plover"),
        events=lambda: db.search_events(EventFilter(actor=actor, partner=partner, since=since, until=until), 1, 30,
                                        count=False)[1],
        quotes=lambda: db.dyad_quotes(actor, partner),
    )
    detail = found["detail"]
    directions = combine(detail, ["source", "target"])
    series = combine(detail, ["period", "source", "target"])
    if not series.empty:
        series = fill_periods(series, freq, ["source", "target"])
    breakdown = combine(detail.assign(source=min(actor, partner), target=max(actor, partner)), ["source", "target", "category"])
    return {
        "actor": actor,
        "partner": partner,
        "freq": freq,
        "directions": records(directions),
        "series": records(series),
        "breakdown": records(breakdown),
        "events": records(found["events"]),
        "quotes": records(found["quotes"]),
    }


@router.get("/dyads", include_in_schema=False)
def dyads_page(
    request: Request,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = optional_code("keep dyads with this actor"),
    directed: bool = False,
    db: Database = Depends(database),
):
    """Render the list of the busiest dyads."""
    check_range(since, until)
    rows = dyad_list(db, since, until, directed, resolve_actor(db, actor) if actor else None, 200)
    return render(request, "dyads.html", {"rows": rows, "since": since, "until": until, "actor": actor,
                                           "directed": directed})


@router.get("/api/dyads", response_model=list[DyadOut], responses=CSV_RESPONSE, tags=["dyads"])
def api_dyads(
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = optional_code("keep dyads with this actor"),
    directed: bool = False,
    freq: Freq | None = None,
    limit: int = Query(200, ge=1, le=10_000),
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return dyads with their counts (per period with freq), busiest first."""
    check_range(since, until)
    code = resolve_actor(db, actor) if actor else None
    if freq is None:
        rows = dyad_list(db, since, until, directed, code, limit)
    else:
        rows = records(analysis.dyads(db, since, until, freq=freq, directed=directed, actor=code, limit=limit))
    return listing(rows, format, "dyads") or rows


@router.get("/dyads/{actor}/{partner}", include_in_schema=False)
def dyad_page(
    request: Request,
    actor: str = code_param("first actor"),
    partner: str = code_param("second actor"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "month",
    db: Database = Depends(database),
):
    """Render one dyad's page."""
    check_range(since, until)
    first, second = resolve_dyad(db, actor, partner)
    data = dyad_data(db, first, second, since, until, freq)
    names = {code: db.actor_name(code) for code in (data["actor"], data["partner"])}
    return render(request, "dyad.html", {**data, "names": names, "since": since, "until": until})


@router.get("/api/dyads/{actor}/{partner}", response_model=DyadPageOut, tags=["dyads"])
def api_dyad(
    actor: str = code_param("first actor"),
    partner: str = code_param("second actor"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "month",
    db: Database = Depends(database),
):
    """Return one dyad: both directions, its time series, PLOVER breakdown, latest events and quotes."""
    check_range(since, until)
    first, second = resolve_dyad(db, actor, partner)
    return dyad_data(db, first, second, since, until, freq)


@router.get("/api/dyads/{actor}/{partner}/series", response_model=list[DyadOut], responses=CSV_RESPONSE, tags=["dyads"])
def api_dyad_series(
    actor: str = code_param("first actor"),
    partner: str = code_param("second actor"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "month",
    directed: bool = False,
    by: str | None = Query(None, pattern="^(plover|cameo_root)$", description="split each period by type"),
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return the dyad's counts per period (directed or not, optionally split by PLOVER type or CAMEO root)."""
    check_range(since, until)
    a, b = resolve_dyad(db, actor, partner)
    if by is None:
        frame = analysis.dyad_series(db, a, b, since, until, freq=freq, directed=directed)
    else:
        frame = analysis.dyads(db, since, until, freq=freq, directed=directed, actor=a, partner=b, by=by)
    rows = records(frame)
    return listing(rows, format, f"dyad-{a}-{b}") or rows
