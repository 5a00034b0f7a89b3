"""Compute, at start-up, the analyses behind the first pages a visitor opens (kept in memory and on disk)."""

from __future__ import annotations

import logging

from multipolar.web.data import Database

logger = logging.getLogger(__name__)


def precompute(db: Database, freqs: tuple[str, ...] = ("quarter", "month", "year", "week")) -> None:
    """Compute the overview, the network and figures pages for each period length in ``freqs``, the map, and the actor and dyad lists.

    These are the pages as first opened (no filters). Results go to the database's caches, on
    disk too, so later starts of the server find them.
    """
    from multipolar.web.data import EventFilter, FigureFilter
    from multipolar.web.resolve import known_actors
    from multipolar.web.views import actors, dyads, figures, geomap, network, overview

    db.actor_names()
    known_actors(db)
    overview.overview_data(db, None, None)
    for freq in freqs:
        network.network_page_data(db, None, None, freq)
    for freq in freqs:
        figures.figure_data(db, FigureFilter(), freq, 1, 50)
    geomap.map_data(db, EventFilter())
    actors.actor_list(db, None, None, 200)
    dyads.dyad_list(db, None, None, False, None, 200)
