"""Time every dashboard page and API listing on a generated database of 100,000 events.

Usage: python benchmarks/bench_web.py [--events 100000] [--db /tmp/bench-web.duckdb] [--repeat 5]

The database is generated once (synthetic articles with a bloc structure, written through the
store like ingested articles) and reused when it already exists. Each URL is requested once
cold (analysis caches empty) and then ``--repeat`` times warm; the table gives both in
milliseconds against the 300 ms target.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

TARGET_MS = 300.0


def build(path: Path, events: int) -> None:
    """Write ``events`` synthetic events to a new database at ``path``."""
    from multipolar.analysis.synthetic import random_events, write_events
    from multipolar.store import open_store

    started = time.perf_counter()
    store = open_store(path)
    articles = write_events(store, random_events(events, seed=11, start="2022-01-01", days=3 * 365), batch_size=1000)
    store.close()
    print(f"generated {events:,} events in {articles:,} articles in {time.perf_counter() - started:.1f} s -> {path}")


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/bench-web-100k.duckdb")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        build(path, args.events)

    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    client = TestClient(create_app(path, warm=False))  # no start-up warm-up: cold means cold
    article = client.get("/api/events", params={"actor": "RUS", "per_page": 1}).json()["events"][0]["article_id"]
    urls = [
        "/", "/events", "/events?actor=RUS", "/events?actor=RUS&plover=ASSAULT&since=2023-01-01&until=2023-06-30",
        "/events?text=expelled&page=3", "/events?place=Kyiv", f"/articles/{article}", "/dyads", "/dyads/RUS/USA",
        "/actors", "/actors/RUS", "/network", "/api/overview", "/api/events?actor=USA&format=csv",
        "/api/dyads/RUS/USA", "/api/polarity", "/api/network",
    ]
    print(f"{'page':<70} {'cold ms':>9} {'warm ms':>9}  within {TARGET_MS:.0f} ms")
    worst = 0.0
    colds: dict[str, float] = {}
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        cold = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        warm_times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url)
            warm_times.append((time.perf_counter() - started) * 1000)
        warm = statistics.median(warm_times)
        colds[url] = cold
        worst = max(worst, warm)
        print(f"{url:<70} {cold:>9.1f} {warm:>9.1f}  {'yes' if warm < TARGET_MS else 'NO'}")
    print(f"slowest warm page: {worst:.1f} ms (target {TARGET_MS:.0f} ms)")
    slow_cold = [url for url, cold in colds.items() if cold >= TARGET_MS]
    print(f"cold pages over the target: {', '.join(slow_cold) or 'none'}")

    from multipolar.web.app import warm_up
    from multipolar.web.data import Database

    fresh = Database(path)
    started = time.perf_counter()
    warm_up(fresh)
    print(f"start-up warm-up (overview and network pages, run by `serve` in the background): "
          f"{time.perf_counter() - started:.2f} s")
    fresh.close()


if __name__ == "__main__":
    main()
