"""Time the analysis functions on a generated 100,000-event, 200-country, 10-year database.

Usage: python benchmarks/bench_analysis.py [--events 100000] [--countries 200] [--years 10]
       [--db /tmp/bench-analysis-100k.duckdb] [--repeat 3] [--no-refresh]

The database is generated once with :func:`multipolar.analysis.synthetic.world_events` and
reused when it exists. ``refresh_aggregates`` is timed and run first (as ingest does at the end
of a run) unless ``--no-refresh`` is given, which times the live computation instead. Each
function is called once cold (new store connection, empty process caches) and ``--repeat``
times warm; the table gives milliseconds against the 300 ms target: wall-clock cold and warm,
and the CPU time of the cold call (all threads of this process), which other processes on a
busy machine do not inflate. ``uptime``'s load average tells how busy the machine was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MS = 300.0
#: A date window that does not fall on period boundaries (as a user's slider gives).
WINDOW = ("2019-02-14", "2023-08-20")


def build(path: Path, events: int, countries: int, years: int) -> None:
    """Write the synthetic world to a new database at ``path``."""
    from multipolar.analysis.synthetic import world_events, write_events
    from multipolar.store import open_store

    started = time.perf_counter()
    with open_store(path) as store:
        articles = write_events(store, world_events(events, countries=countries, years=years, seed=3), batch_size=2000)
    print(f"generated {events:,} events in {articles:,} articles in {time.perf_counter() - started:.1f} s -> {path}")


def calls() -> dict[str, Callable]:
    """Return the timed calls: name -> function of an open store."""
    import multipolar.analysis as analysis

    return {
        "date_bounds": analysis.date_bounds,
        "dyads (top 50, undirected)": lambda s: analysis.dyads(s, directed=False, limit=50),
        "dyads RUS by month": lambda s: analysis.dyads(s, actor="RUS", freq="month"),
        "dyad_series RUS-USA": lambda s: analysis.dyad_series(s, "RUS", "USA"),
        "actors_table": analysis.actors_table,
        "actor_summary RUS": lambda s: analysis.actor_summary(s, "RUS"),
        "relations RUS": lambda s: analysis.relations(s, "RUS"),
        "actor_series RUS": lambda s: analysis.actor_series(s, "RUS"),
        "relation_edges": analysis.relation_edges,
        "blocs": analysis.blocs,
        "bloc_stability": analysis.bloc_stability,
        "polarity by quarter": analysis.polarity,
        "polarity by month": lambda s: analysis.polarity(s, freq="month"),
        "polarity by year": lambda s: analysis.polarity(s, freq="year"),
        "polarity_sensitivity": analysis.polarity_sensitivity,
        "bloc_cohesion by quarter": lambda s: analysis.bloc_cohesion(s, analysis.blocs(s)),
        "window: relation_edges by quarter": lambda s: analysis.relation_edges(s, WINDOW[0], WINDOW[1], freq="quarter"),
        "window: polarity by quarter": lambda s: analysis.polarity(s, WINDOW[0], WINDOW[1]),
        "window: polarity by month": lambda s: analysis.polarity(s, WINDOW[0], WINDOW[1], freq="month"),
        "window: relation_edges (live)": lambda s: analysis.relation_edges(s, WINDOW[0], WINDOW[1]),
        "window: blocs (live)": lambda s: analysis.blocs(s, WINDOW[0], WINDOW[1]),
        "window: dyads": lambda s: analysis.dyads(s, WINDOW[0], WINDOW[1], directed=False, limit=50),
    }


def main() -> None:
    """Build the database if needed, refresh the aggregates and print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--db", default="/tmp/bench-analysis-100k.duckdb")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-refresh", action="store_true", help="time the live computation (no aggregates)")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        build(path, args.events, args.countries, args.years)

    from multipolar.analysis import aggregates
    from multipolar.store import open_store

    with open_store(path) as store:
        if args.no_refresh:
            aggregates.clear_aggregates(store)
        else:
            started = time.perf_counter()
            aggregates.refresh_aggregates(store)
            print(f"refresh_aggregates: {time.perf_counter() - started:.1f} s")
    print(f"{'call':<36} {'cold ms':>8} {'cpu ms':>7} {'warm ms':>8}  within {TARGET_MS:.0f} ms")
    worst = 0.0
    for name, call in calls().items():
        aggregates.forget_cached()
        with open_store(path, read_only=True) as store:
            started, cpu = time.perf_counter(), time.process_time()
            call(store)
            cold = (time.perf_counter() - started) * 1000
            cold_cpu = (time.process_time() - cpu) * 1000
            warm_times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                call(store)
                warm_times.append((time.perf_counter() - started) * 1000)
        warm = statistics.median(warm_times) if warm_times else cold
        worst = max(worst, cold)
        print(f"{name:<36} {cold:>8.1f} {cold_cpu:>7.1f} {warm:>8.1f}  {'yes' if cold < TARGET_MS else 'NO'}")
    print(f"slowest cold call: {worst:.1f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
