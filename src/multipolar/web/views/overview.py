"""The overview: counts, latest events, the world network and the polarity trend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Request

from multipolar import analysis
from multipolar.web.data import Database, EventFilter, records
from multipolar.web.models import OverviewOut
from multipolar.web.views.common import check_range, database, render
from multipolar.web.views.network import network_data, polarity_data

router = APIRouter()


def overview_data(db: Database, since: dt.date | None, until: dt.date | None) -> dict[str, Any]:
    """Return counts, date range, latest events, top dyads, polarity by quarter and the network (computed at once)."""
    found = db.parallel(
        bounds=lambda: db.cached("bounds", lambda: analysis.date_bounds(db)),
        latest=lambda: db.cached(
            "latest", lambda: records(db.search_events(EventFilter(since=since, until=until), 1, 10, count=False)[1]),
            since, until),
        top=lambda: db.cached(
            "top_dyads", lambda: records(analysis.dyads(db, since, until, directed=False, limit=10)), since, until),
        counts=lambda: db.cached("counts", db.counts),
        counted=lambda: db.cached("counted", lambda: analysis.counted_events(db)),
        polarity=lambda: polarity_data(db, since, until, "quarter"),
        network=lambda: network_data(db, since, until),
    )
    first, last = found["bounds"]
    return {
        "counts": {**found["counts"], "counted_events": found["counted"]},  # counted: what the analyses count
        "first_date": first,
        "last_date": last,
        "latest": found["latest"],
        "top_dyads": found["top"],
        "polarity": found["polarity"],
        "network": found["network"],
    }


@router.get("/", include_in_schema=False)
def overview_page(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                  db: Database = Depends(database)):
    """Render the overview page."""
    check_range(since, until)
    return render(request, "overview.html", {"since": since, "until": until, **overview_data(db, since, until)})


@router.get("/api/overview", response_model=OverviewOut, tags=["overview"])
def api_overview(since: dt.date | None = None, until: dt.date | None = None, db: Database = Depends(database)):
    """Return the overview: counts, latest events, top dyads, polarity by quarter and the world network."""
    check_range(since, until)
    return overview_data(db, since, until)
