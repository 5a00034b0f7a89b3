"""The world network, its blocs and the polarity of the system: page and API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request

from multipolar import analysis
from multipolar.analysis.network import top_nodes
from multipolar.analysis.polarity import summarise_polarity
from multipolar.web.data import Database, records
from multipolar.web.models import BlocMemberOut, BlocOut, CohesionOut, NetworkOut, PolarityOut, SensitivityOut
from multipolar.web.views.common import (
    CSV_RESPONSE,
    Format,
    SystemFreq,
    check_range,
    database,
    listing,
    render,
    render_text,
)

router = APIRouter()
#: Actors sent to the network page (the strongest); its top-N control starts at 50 of them.
NETWORK_PAGE_NODES = 120


def network_graph(db: Database, since: dt.date | None, until: dt.date | None, min_events: int = 1):
    """Return the signed network of the period as a graph (cached: the page and its blocs request share it)."""
    return db.cached("network_graph", lambda: analysis.build_graph(
        analysis.relation_edges(db, since, until, min_events=min_events)), since, until, min_events)


def network_core(db: Database, since: dt.date | None, until: dt.date | None, min_events: int = 1) -> tuple:
    """Return ``(graph, members, summary)`` of the period: the signed network and its blocs (cached)."""

    def compute() -> tuple:
        graph = network_graph(db, since, until, min_events)
        if since is None and until is None:  # the whole range's blocs are stored at ingest (the same result)
            members = analysis.blocs(db, min_events=min_events)
        else:
            members = analysis.detect_blocs(graph)
        return graph, members, analysis.bloc_summary(members, graph)

    return db.cached("network_core", compute, since, until, min_events)


def network_shape(db: Database, since: dt.date | None, until: dt.date | None, max_nodes: int = 40,
                  min_events: int = 1) -> dict[str, Any]:
    """Return the strongest ``max_nodes`` actors of the period with their positions, and their ties (no blocs; cached).

    Nodes: id, x, y, strength, events; edges: source, target and their counts and weights.
    """

    def compute() -> dict[str, Any]:
        if since is None and until is None:  # the whole range's graph comes with its blocs (kept on disk)
            graph = network_core(db, since, until, min_events)[0]
        else:
            graph = network_graph(db, since, until, min_events)
        shown = analysis.top_subgraph(graph, max_nodes)
        start = None
        if since is not None or until is not None:  # a window starts from the whole range's map (computed at start-up)
            whole = network_data(db, None, None, max_nodes=NETWORK_PAGE_NODES)
            start = {node["id"]: (node["x"], node["y"]) for node in whole["nodes"]}
        positions = analysis.layout(shown, start=start)
        nodes = [
            {"id": n, "x": positions[n][0], "y": positions[n][1],
             "strength": round(shown.nodes[n]["strength"], 3), "events": shown.nodes[n]["events"]}
            for n in sorted(shown.nodes)
        ]
        edges = [
            {"source": a, "target": b, **{k: d[k] for k in ("events", "cooperation", "conflict", "positive", "negative", "weight")}}
            for a, b, d in sorted(shown.edges(data=True))
        ]
        return {"nodes": nodes, "edges": edges}

    return db.cached("network_shape", compute, since, until, max_nodes, min_events)


def network_data(db: Database, since: dt.date | None, until: dt.date | None, max_nodes: int = 40,
                 min_events: int = 1) -> dict[str, Any]:
    """Return the network of the period: nodes with positions and blocs, edges, bloc summary and members."""

    def compute() -> dict[str, Any]:
        _, members, summary = network_core(db, since, until, min_events)
        shape = network_shape(db, since, until, max_nodes, min_events)
        bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
        nodes = [{"id": n["id"], "x": n["x"], "y": n["y"], "bloc": int(bloc_of.get(n["id"], 0)),
                  "strength": n["strength"], "events": n["events"]} for n in shape["nodes"]]
        return {"since": since, "until": until, "nodes": nodes, "edges": shape["edges"],
                "blocs": records(summary), "members": records(members)}

    return db.cached("network", compute, since, until, max_nodes, min_events)


def polarity_frame(db: Database, since: dt.date | None, until: dt.date | None, freq: str) -> pd.DataFrame:
    """Return the polarity series of the period as a DataFrame (cached)."""
    return db.cached("polarity", lambda: analysis.polarity(db, since, until, freq=freq), since, until, freq)


def polarity_data(db: Database, since: dt.date | None, until: dt.date | None, freq: str) -> list[dict[str, Any]]:
    """Return the polarity series of the period as records (cached)."""
    return records(polarity_frame(db, since, until, freq))


def cohesion_data(db: Database, since: dt.date | None, until: dt.date | None, freq: str) -> list[dict[str, Any]]:
    """Return each bloc's cohesion per period, blocs fixed on the whole period (cached)."""

    def compute() -> list[dict[str, Any]]:
        _, members, _ = network_core(db, since, until)
        return records(analysis.bloc_cohesion(db, members, since, until, freq=freq))

    return db.cached("cohesion", compute, since, until, freq)


def sensitivity_data(db: Database, since: dt.date | None, until: dt.date | None) -> list[dict[str, Any]]:
    """Return the polarity sensitivity table (cached)."""
    def compute() -> list[dict[str, Any]]:
        series = {freq: polarity_frame(db, since, until, freq) for freq in ("month", "quarter", "year")}
        return records(summarise_polarity(series))

    return db.cached("sensitivity", compute, since, until)


@router.get("/network", include_in_schema=False)
def network_page(
    request: Request,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: SystemFreq = "quarter",
    db: Database = Depends(database),
):
    """Render the network, blocs, cohesion and polarity page.

    For a date window the blocs (found afresh for each window, the costliest part) come by a
    second request from the page (:func:`network_blocs`): the map, polarity and sensitivity show
    at once, then the nodes take their bloc colours and the bloc table and cohesion chart appear.
    """
    check_range(since, until)
    if since is None and until is None:
        return render(request, "network.html", network_page_data(db, since, until, freq))
    return render(request, "network.html", network_window_data(db, since, until, freq))


def period_query(since: dt.date | None, until: dt.date | None) -> str:
    """Return the query string naming a period (``since=…&until=…``, empty for the whole range) for the page's download links."""
    from urllib.parse import urlencode

    return urlencode({key: value for key, value in (("since", since), ("until", until)) if value})


def network_page_data(db: Database, since: dt.date | None, until: dt.date | None, freq: str) -> dict[str, Any]:
    """Return everything on the network page: network, polarity, cohesion and sensitivity.

    The costly independent parts (the whole-period network and the polarity series of each
    period length) are computed at once on worker threads first.
    """
    tasks = {f"polarity-{f}": (lambda f=f: polarity_frame(db, since, until, f)) for f in {freq, "month", "quarter", "year"}}
    db.parallel(core=lambda: network_core(db, since, until), **tasks)
    return {
        "since": since,
        "until": until,
        "freq": freq,
        "network": network_data(db, since, until, max_nodes=NETWORK_PAGE_NODES),
        "polarity": polarity_data(db, since, until, freq),
        "cohesion": cohesion_data(db, since, until, freq),
        "sensitivity": sensitivity_data(db, since, until),
        "period_query": period_query(since, until),
    }


def network_window_data(db: Database, since: dt.date | None, until: dt.date | None, freq: str) -> dict[str, Any]:
    """Return the network page of a date window without its blocs: the network uncoloured, polarity, sensitivity.

    ``blocs_url`` names the request giving the blocs, their table and the cohesion chart.
    """
    from urllib.parse import urlencode

    tasks = {f"polarity-{f}": (lambda f=f: polarity_frame(db, since, until, f)) for f in {freq, "month", "quarter", "year"}}
    found = db.parallel(shape=lambda: network_shape(db, since, until, max_nodes=NETWORK_PAGE_NODES), **tasks)
    nodes = [{**node, "bloc": 0} for node in found["shape"]["nodes"]]
    query = urlencode({key: value for key, value in (("since", since), ("until", until), ("freq", freq)) if value})
    return {
        "since": since,
        "until": until,
        "freq": freq,
        "network": {"nodes": nodes, "edges": found["shape"]["edges"], "blocs": []},
        "polarity": polarity_data(db, since, until, freq),
        "cohesion": [],
        "sensitivity": sensitivity_data(db, since, until),
        "blocs_url": f"/network/blocs?{query}",
        "period_query": period_query(since, until),
    }


@router.get("/network/blocs", include_in_schema=False)
def network_blocs(
    request: Request,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: SystemFreq = "quarter",
    db: Database = Depends(database),
):
    """Return the blocs of the network page's period: each shown actor's bloc, the bloc table rows and the cohesion chart (HTML)."""
    check_range(since, until)
    graph, members, summary = network_core(db, since, until)
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    # the page's nodes are the strongest actors (as in network_shape): their blocs need no layout
    shown = sorted(top_nodes(graph, NETWORK_PAGE_NODES))
    network = {"blocs": records(summary)}
    context = {"network": network, "cohesion": cohesion_data(db, since, until, freq), "freq": freq}
    return {"bloc_of": {node: int(bloc_of.get(node, 0)) for node in shown},
            "blocs": render_text(request, "_network_blocs.html", context),
            "cohesion": render_text(request, "_network_cohesion.html", context)}


@router.get("/api/network", response_model=NetworkOut, tags=["network"])
def api_network(
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_nodes: int = Query(60, ge=2, le=300),
    min_events: int = Query(1, ge=1, le=10_000),
    db: Database = Depends(database),
):
    """Return the signed relation network of the period with node positions and blocs."""
    check_range(since, until)
    return network_data(db, since, until, max_nodes=max_nodes, min_events=min_events)


@router.get("/api/blocs", response_model=list[BlocMemberOut], responses=CSV_RESPONSE, tags=["network"])
def api_blocs(
    since: dt.date | None = None,
    until: dt.date | None = None,
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return each actor's bloc (0 = unaligned) over the period."""
    check_range(since, until)
    rows = network_data(db, since, until)["members"]
    return listing(rows, format, "blocs") or rows


@router.get("/api/blocs/summary", response_model=list[BlocOut], tags=["network"])
def api_bloc_summary(since: dt.date | None = None, until: dt.date | None = None, db: Database = Depends(database)):
    """Return one row per bloc: members, leader and cohesion."""
    check_range(since, until)
    return network_data(db, since, until)["blocs"]


@router.get("/api/blocs/cohesion", response_model=list[CohesionOut], responses=CSV_RESPONSE, tags=["network"])
def api_cohesion(
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: SystemFreq = "quarter",
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return each bloc's cohesion per period (blocs fixed over the whole period)."""
    check_range(since, until)
    rows = cohesion_data(db, since, until, freq)
    return listing(rows, format, "cohesion") or rows


@router.get("/api/polarity", response_model=list[PolarityOut], responses=CSV_RESPONSE, tags=["network"])
def api_polarity(
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: SystemFreq = "quarter",
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return the polarity measures per period."""
    check_range(since, until)
    rows = polarity_data(db, since, until, freq)
    return listing(rows, format, "polarity") or rows


@router.get("/api/polarity/sensitivity", response_model=list[SensitivityOut], responses=CSV_RESPONSE, tags=["network"])
def api_sensitivity(
    since: dt.date | None = None,
    until: dt.date | None = None,
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return the polarity measures summarised per period length (month, quarter, year)."""
    check_range(since, until)
    rows = sensitivity_data(db, since, until)
    return listing(rows, format, "polarity-sensitivity") or rows
