"""Helpers of the speed tests: a synthetic database with stored aggregates, and live (uncached) answers."""

from __future__ import annotations

from pathlib import Path


def refreshed_synthetic_db(folder: Path, name: str, events: int, seed: int, days: int) -> Path:
    """Write ``events`` seeded synthetic events from 2023-01-01 over ``days`` to a new store, store its aggregates, return its path."""
    from multipolar import analysis
    from multipolar.analysis.synthetic import random_events, write_events
    from multipolar.store import open_store

    path = folder / name
    with open_store(path) as store:
        write_events(store, random_events(events, seed=seed, start="2023-01-01", days=days))
        analysis.refresh_aggregates(store, stability_samples=2)
    return path


def computed_live(function):
    """Return ``function()`` computed from the events, with no stored or remembered aggregate used."""
    from multipolar.analysis import aggregates

    aggregates.forget_cached()
    aggregates._enabled.off = True
    try:
        return function()
    finally:
        aggregates._enabled.off = False
