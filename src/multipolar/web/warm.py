"""Compute, at start-up, the analyses behind the first pages a visitor opens (kept in memory and on disk)."""

from __future__ import annotations

import logging

from multipolar.web.data import Database

logger = logging.getLogger(__name__)


def precompute(db: Database, freqs: tuple[str, ...] = ("quarter", "month", "year", "week")) -> None:
    """Compute the overview, the network page for each period length in ``freqs``, and the actor and dyad lists.

    Results go to the database's caches, on disk too, so later starts of the server find them.
    """
    from multipolar.web.resolve import known_actors
    from multipolar.web.views import actors, dyads, network, overview

    db.actor_names()
    known_actors(db)
    overview.overview_data(db, None, None)
    for freq in freqs:
        network.network_page_data(db, None, None, freq)
    actors.actor_list(db, None, None, 200)
    dyads.dyad_list(db, None, None, False, None, 200)
