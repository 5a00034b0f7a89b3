"""Actors: the most active actors, and one actor's profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from multipolar import analysis
from multipolar.web.data import Database, EventFilter, records
from multipolar.web.models import ActorPageOut, ActorRowOut, QuoteOut, RelationOut
from multipolar.web.resolve import resolve_actor
from multipolar.web.views.common import (
    CSV_RESPONSE,
    Format,
    Freq,
    check_range,
    code_param,
    database,
    listing,
    render,
)

router = APIRouter()


def actor_list(db: Database, since, until, limit: int) -> list[dict[str, Any]]:
    """Return the most active actors of the period (cached)."""
    return db.cached("actors", lambda: records(analysis.actors_table(db, since, until, limit=limit)), since, until, limit)


def actor_data(db: Database, actor: str, since, until, freq: str) -> dict[str, Any]:
    """Return an actor's summary, partners, adversaries, series, quotes and latest events (cached)."""
    return db.cached("actor", lambda: _actor_data(db, actor, since, until, freq), actor, since, until, freq)


def _actor_data(db: Database, actor: str, since, until, freq: str) -> dict[str, Any]:
    found = db.parallel(  # independent queries, run at once
        events=lambda: db.search_events(EventFilter(actor=actor, since=since, until=until), 1, 20, count=False)[1],
        relations=lambda: analysis.relations(db, actor, since, until),
        summary=lambda: analysis.actor_summary(db, actor, since, until),
        series=lambda: analysis.actor_series(db, actor, since, until, freq=freq),
        quotes=lambda: analysis.actor_quotes(db, actor, since, until),
    )
    relations = found["relations"]
    return {
        "actor": actor,
        "name": db.actor_name(actor),
        "freq": freq,
        "summary": records(found["summary"])[0],
        "partners": records(analysis.rank_partners(relations)),
        "adversaries": records(analysis.rank_adversaries(relations)),
        "series": records(found["series"]),
        "quotes": records(found["quotes"]),
        "events": records(found["events"]),
    }


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                db: Database = Depends(database)):
    """Render the list of the most active actors."""
    check_range(since, until)
    return render(request, "actors.html", {"rows": actor_list(db, since, until, 200), "names": db.actor_names(),
                                            "since": since, "until": until})


@router.get("/api/actors", response_model=list[ActorRowOut], responses=CSV_RESPONSE, tags=["actors"])
def api_actors(
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = Query(200, ge=1, le=10_000),
    format: Format = "json",
    db: Database = Depends(database),
):
    """Return the most active actors with their share of world events."""
    check_range(since, until)
    rows = actor_list(db, since, until, limit)
    return listing(rows, format, "actors") or rows


@router.get("/actors/{actor}", include_in_schema=False)
def actor_page(request: Request, actor: str = code_param("actor code"), since: dt.date | None = None,
               until: dt.date | None = None, freq: Freq = "month", db: Database = Depends(database)):
    """Render an actor's profile."""
    check_range(since, until)
    code = resolve_actor(db, actor)
    if code != actor:  # a name or another spelling: show the resolution in the address
        query = request.url.query
        return RedirectResponse(f"/actors/{code}" + (f"?{query}" if query else ""), status_code=307)
    data = actor_data(db, code, since, until, freq)
    return render(request, "actor.html", {**data, "since": since, "until": until})


@router.get("/api/actors/{actor}", response_model=ActorPageOut, tags=["actors"])
def api_actor(actor: str = code_param("actor code"), since: dt.date | None = None, until: dt.date | None = None,
              freq: Freq = "month", db: Database = Depends(database)):
    """Return an actor's profile: summary, partners, adversaries, series, quotes and latest events."""
    check_range(since, until)
    return actor_data(db, resolve_actor(db, actor), since, until, freq)


@router.get("/api/actors/{actor}/partners", response_model=list[RelationOut], responses=CSV_RESPONSE, tags=["actors"])
def api_partners(actor: str = code_param("actor code"), since: dt.date | None = None, until: dt.date | None = None,
                 adversaries: bool = False, limit: int = Query(50, ge=1, le=1000), format: Format = "json",
                 db: Database = Depends(database)):
    """Return the actor's partners ranked by cooperation (or adversaries by conflict with adversaries=true)."""
    check_range(since, until)
    rank = analysis.adversaries if adversaries else analysis.partners
    code = resolve_actor(db, actor)
    rows = records(rank(db, code, since, until, limit=limit))
    return listing(rows, format, f"{'adversaries' if adversaries else 'partners'}-{code}") or rows


@router.get("/api/actors/{actor}/quotes", response_model=list[QuoteOut], responses=CSV_RESPONSE, tags=["actors"])
def api_actor_quotes(actor: str = code_param("actor code"), since: dt.date | None = None,
                     until: dt.date | None = None, limit: int = Query(50, ge=1, le=1000), format: Format = "json",
                     cue_class: str | None = Query(
                         None, alias="class", pattern=r"^(speech|stance|cognition|document)(,(speech|stance|cognition|document))*$",
                         description="Attribution classes to keep, comma-separated: speech,stance,cognition,document."),
                     db: Database = Depends(database)):
    """Return quotes spoken by the actor, newest first (only the attribution classes named in ``class``)."""
    check_range(since, until)
    code = resolve_actor(db, actor)
    classes = cue_class.split(",") if cue_class else None
    rows = records(analysis.actor_quotes(db, code, since, until, limit=limit, cue_classes=classes))
    return listing(rows, format, f"quotes-{code}") or rows
