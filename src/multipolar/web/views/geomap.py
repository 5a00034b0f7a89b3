"""The map: events per country (choropleth) and located events as points, filtered like the event search.

Drawn on the server as SVG from bundled Natural Earth shapes (``web/geo.py``): no tiles, no CDN.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from multipolar.web import geo
from multipolar.web.data import Database, EventFilter, records
from multipolar.web.models import MapOut
from multipolar.web.svg import map_svg
from multipolar.web.views.common import database, query_string, render
from multipolar.web.views.events import event_filters, hidden_text, modalities, modes

router = APIRouter()


def map_data(db: Database, filters: EventFilter) -> dict[str, Any]:
    """Return events per country and located events grouped by place for ``filters`` (cached)."""

    def compute() -> dict[str, Any]:
        countries = records(db.map_counts(filters))
        points = records(db.map_points(filters))
        return {"countries": countries, "points": points, "located": sum(p["events"] for p in points),
                "events": sum(c["events"] for c in countries), "hidden": db.hidden_events(filters)}

    return db.cached("map", compute, filters)


@router.get("/map", include_in_schema=False)
def map_page(request: Request, filters: EventFilter = Depends(event_filters), db: Database = Depends(database)):
    """Render the world map of the events matching the filters."""
    data = map_data(db, filters)
    shapes = geo.world()
    points = []
    for point in data["points"]:
        x, y = geo.project(point["longitude"], point["latitude"])
        points.append({**point, "x": x, "y": y})
    counts = {row["country"]: row["events"] for row in data["countries"]}
    unmapped = sorted(code for code in counts if code not in shapes)
    base = query_string(request, sort=None, page=None, place=None)
    svg = map_svg(shapes, counts, points, "Events by country and place", width=geo.WIDTH, height=geo.HEIGHT,
                  link="/events?" + (base + "&" if base else "") + "place=")
    return render(request, "map.html", {
        "filters": filters, "data": data, "svg": Markup(svg), "unmapped": unmapped,
        "types": db.plover_types(), "modes": modes(db), "modalities": modalities(db), "outlets": db.outlets(),
        "query": query_string(request),
        "hidden_total": sum(data["hidden"].values()), "hidden_text": hidden_text(data["hidden"]),
        "show_all_qs": query_string(request, timing="any", modality="any", domestic="true"),
        "counted_qs": query_string(request, timing=None, modality=None, domestic=None),
    })


@router.get("/api/map", response_model=MapOut, tags=["map"])
def api_map(filters: EventFilter = Depends(event_filters), db: Database = Depends(database)):
    """Return events per country (where they happened) and located events grouped by place, filtered like /api/events."""
    return map_data(db, filters)
