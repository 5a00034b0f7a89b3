"""Dyads: the list of the busiest pairs, and one pair's page with its time series and quotes."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Query, Request

from multipolar import analysis
from multipolar.analysis.dyads import DYAD_COLUMNS
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
    views = dyad_views(found["detail"], freq, actor, partner)
    return {
        "actor": actor,
        "partner": partner,
        "freq": freq,
        **views,
        "events": records(found["events"]),
        "quotes": records(found["quotes"]),
    }


#: The summed columns of a dyad table (``goldstein_mean`` is recomputed from them), integers first.
_COUNTS = ("events", "cooperation", "conflict", "neutral", "scored")
_WEIGHTS = ("goldstein_sum", "weight", "cooperation_weight", "conflict_weight")


def dyad_views(detail: pd.DataFrame, freq: str, actor: str, partner: str) -> dict[str, list[dict[str, Any]]]:
    """Return the records of a dyad page's three views of ``detail`` (its rows by period, direction and type).

    ``directions`` (per direction), ``series`` (per period and direction, with zero rows for the
    periods between without events) and ``breakdown`` (per type, both directions): the records of
    ``combine`` and ``fill_periods`` (:mod:`multipolar.analysis.dyads`) on ``detail``, summed here
    over its few hundred rows at once rather than through three DataFrame group-bys.
    """
    pair = (min(actor, partner), max(actor, partner))
    rows = list(zip(detail["period"].tolist(), detail["source"].tolist(), detail["target"].tolist(),
                    detail["category"].tolist(), *(detail[c].tolist() for c in _COUNTS + _WEIGHTS), strict=True))
    directions: dict[tuple, list] = {}
    series: dict[tuple, list] = {}
    breakdown: dict[tuple, list] = {}
    for period, source, target, category, *values in rows:
        for totals, key in ((directions, (source, target)), (series, (period, source, target)),
                            (breakdown, (*pair, category))):
            found = totals.get(key)
            if found is None:
                totals[key] = list(values)
            else:
                for i, value in enumerate(values):
                    found[i] += value
    ordered = {
        "directions": _view_records(directions, ("source", "target")),
        "series": _view_records(series, ("period", "source", "target")),
        "breakdown": _view_records(breakdown, ("source", "target", "category")),
    }
    if ordered["series"]:
        ordered["series"] = _filled(ordered["series"], freq)
    return ordered


def _view_records(totals: dict[tuple, list], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Return summed rows as records, most events first (then by key), means and weights rounded as ``combine`` does."""
    if not totals:
        return []
    sums = np.array([values[len(_COUNTS):] for values in totals.values()], dtype="float64").reshape(len(totals), -1)
    scored = np.array([values[4] for values in totals.values()], dtype="float64")
    # the summed scores are multiples of 0.001 (each row's sum is rounded so): rounded to 6 decimals, the order
    # of the additions cannot move a mean such as 57 / 16 = 3.5625 off its half-way point before it is rounded
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.round(np.where(scored > 0, np.round(sums[:, 0], 6) / np.where(scored > 0, scored, 1.0), np.nan), 3)
    rounded = np.round(sums, 3)
    out = []
    for (key, values), weights, mean in zip(totals.items(), rounded.tolist(), means.tolist(), strict=True):
        record = dict(zip(keys, key, strict=True))
        record.update(zip(_COUNTS, (int(v) for v in values[:len(_COUNTS)]), strict=True))
        record.update(goldstein_sum=weights[0], goldstein_mean=None if math.isnan(mean) else mean, weight=weights[1],
                      cooperation_weight=weights[2], conflict_weight=weights[3])
        out.append({name: record[name] for name in (*keys, *DYAD_COLUMNS)})
    out.sort(key=lambda r: (-r["events"], *(r[k] for k in keys)))
    return out


def _filled(series: list[dict[str, Any]], freq: str) -> list[dict[str, Any]]:
    """Return ``series`` records with zero records for the periods without events of each direction, by period."""
    offsets = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
    periods = [p.date() for p in pd.date_range(min(r["period"] for r in series), max(r["period"] for r in series),
                                                freq=offsets[freq])]
    known = {(r["period"], r["source"], r["target"]): r for r in series}
    directions = list(dict.fromkeys((r["source"], r["target"]) for r in series))
    zero = {**{c: 0 for c in _COUNTS}, **{c: 0.0 for c in _WEIGHTS}, "goldstein_mean": None}
    filled = [known.get((period, *direction)) or {"period": period, "source": direction[0], "target": direction[1],
                                                    **zero}
              for period in periods for direction in sorted(directions)]
    return [{name: record[name] for name in ("period", "source", "target", *DYAD_COLUMNS)} for record in filled]


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
