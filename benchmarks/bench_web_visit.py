"""Time dashboard pages as one visitor reads them: one server, a pause between pages.

Usage: python benchmarks/bench_web_visit.py [--db /tmp/bench-web-200.duckdb] [--pause 1.0]

Unlike ``bench_web.py`` (a new app for every cold request), this keeps one app and waits
``--pause`` seconds before each page, as a reader does: what it measures is what the server
keeps between requests (the read connection and DuckDB's caches while no writer wants the
file). The start-up precompute of ``multipolar serve`` runs first. Build the database with
``bench_web.py``. Prints wall and CPU milliseconds per page.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

PAGES = ["/map", "/actors/RUS", "/dyads/RUS/USA", "/network?freq=week", "/network?since=2019-01-01&until=2020-12-31",
         "/actors/CHN", "/dyads/CHN/USA", "/figures", "/events?actor=CHN"]


def main() -> None:
    """Precompute, then request each page once after a pause and print its wall and CPU time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench-web-200.duckdb")
    parser.add_argument("--pause", type=float, default=1.0)
    args = parser.parse_args()
    os.environ["MULTIPOLAR_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-web-visit-")

    from fastapi.testclient import TestClient

    from multipolar.web import create_app
    from multipolar.web.data import Database
    from multipolar.web.warm import precompute

    fresh = Database(args.db)
    precompute(fresh)
    fresh.close()
    print(f"{'page':<50} {'wall ms':>9} {'cpu ms':>9}")
    with TestClient(create_app(args.db, warm=False)) as client:
        client.get("/api/actors/USA")  # the server has answered once
        for url in PAGES:
            time.sleep(args.pause)
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            print(f"{url:<50} {(time.perf_counter() - started) * 1000:>9.1f} {(time.process_time() - cpu) * 1000:>9.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
