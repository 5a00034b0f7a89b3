"""Figures: people killed, wounded and displaced over time by country (an ACLED-style view), and every figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from multipolar.web.data import CASUALTY_KINDS, FIGURE_SORTS, Database, FigureFilter, records, sort_choice
from multipolar.web.models import FigurePage
from multipolar.web.views.common import (
    EXPORT_RESPONSE,
    Export,
    Freq,
    check_range,
    database,
    export,
    optional_code,
    paging,
    query_string,
    render,
)

router = APIRouter()
#: Countries drawn as lines in each chart of the figures page (the rest are in the table and downloads).
TOP_COUNTRIES = 6


def figure_filters(
    kind: str | None = Query(None, pattern=r"^[a-z]{1,20}$", description="killed, wounded, displaced, arrested, ..."),
    country: str | None = optional_code("ISO3 country the figure concerns"),
    outlet: str | None = Query(None, max_length=200, description="the article's outlet"),
    since: dt.date | None = None,
    until: dt.date | None = None,
    sort: str | None = Query(None, max_length=20, description="date, kind, count, country, outlet; -name descending"),
) -> FigureFilter:
    """Return the figure filters of the request's query parameters."""
    check_range(since, until)
    return FigureFilter(kind=kind or None, country=country.upper() if country else None, outlet=outlet or None,
                        since=since, until=until, sort=sort_choice(sort, FIGURE_SORTS))


def figure_data(db: Database, filters: FigureFilter, freq: str, page: int, per_page: int) -> dict[str, Any]:
    """Return one page of figures and the casualty series by period, country and kind (cached)."""

    def compute() -> dict[str, Any]:
        total, frame = db.list_figures(filters, page, per_page)
        series = records(db.figure_series(filters, freq))
        return {**paging(total, page, per_page), "freq": freq, "figures": records(frame), "series": series}

    return db.cached("figures", compute, filters, freq, page, per_page)


def kind_charts(series: list[dict[str, Any]], top: int = TOP_COUNTRIES) -> list[dict[str, Any]]:
    """Return one line chart per casualty kind: the ``top`` countries by total people, one line each."""
    palette = ["#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"]
    charts = []
    for kind in CASUALTY_KINDS:
        rows = [r for r in series if r["kind"] == kind]
        totals: dict[str, float] = {}
        for r in rows:
            totals[r["country"]] = totals.get(r["country"], 0.0) + float(r["people"])
        leaders = sorted(totals, key=lambda c: (-totals[c], c))[:top]
        lines = [
            {"name": country, "color": palette[i % len(palette)],
             "values": [[str(r["period"]), float(r["people"])] for r in rows if r["country"] == country]}
            for i, country in enumerate(leaders)
        ]
        charts.append({"kind": kind, "data": {"series": lines, "yLabel": "people"}, "total": sum(totals.values()),
                       "countries": len(totals)})
    return charts


@router.get("/figures", include_in_schema=False)
def figures_page(request: Request, filters: FigureFilter = Depends(figure_filters), freq: Freq = "month",
                 page: int = Query(1, ge=1, le=1_000_000), per_page: int = Query(50, ge=1, le=500),
                 db: Database = Depends(database)):
    """Render the figures page: casualty charts by country over time and the list of figures."""
    data = figure_data(db, filters, freq, page, per_page)
    return render(request, "figures.html", {
        "filters": filters, "result": data, "freq": freq, "charts": kind_charts(data["series"]),
        "outlets": db.outlets(), "kinds": figure_kinds(db),
        "prev_qs": query_string(request, page=page - 1) if page > 1 else None,
        "next_qs": query_string(request, page=page + 1) if page < data["pages"] else None,
        "csv_qs": query_string(request, format="csv", page=None, per_page=None, freq=None),
        "parquet_qs": query_string(request, format="parquet", page=None, per_page=None, freq=None),
    })


def figure_kinds(db: Database) -> list[str]:
    """Return the figure kinds present in the database (cached)."""
    frame = db.cached("figure_kinds", lambda: db.frame("SELECT DISTINCT kind FROM figures WHERE kind IS NOT NULL ORDER BY 1"))
    return list(frame["kind"])


@router.get("/api/figures", response_model=FigurePage, responses=EXPORT_RESPONSE, tags=["figures"])
def api_figures(filters: FigureFilter = Depends(figure_filters), freq: Freq = "month",
                page: int = Query(1, ge=1, le=1_000_000), per_page: int = Query(50, ge=1, le=5000),
                format: Export = "json", db: Database = Depends(database)):
    """Return figures matching the filters with the casualty series by period and country (all rows as CSV/Parquet)."""
    if format != "json":
        return export(db, db.figure_export_sql(filters), format, "figures")
    return figure_data(db, filters, freq, page, per_page)
