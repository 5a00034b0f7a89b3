"""Time every dashboard page and API route, cold and warm, on a generated 100,000-event, 200-country, 10-year database.

Usage: python benchmarks/bench_web.py [--events 100000] [--countries 200] [--years 10]
                                      [--db /tmp/bench-web-200.duckdb] [--repeat 3]

The database is generated once (reused when the file exists): synthetic coded articles written
through the store like ingested ones (``multipolar.analysis.synthetic``), with ``--countries``
countries in two opposed blocs and an unaligned rest, activity skewed like real news (a few
countries in most events), events spread over ``--years`` years with quiet stretches, and
coordinates and casualty figures added so the map and figures pages have data; then the
analysis's per-period aggregates are stored in it (``refresh_aggregates``, as at the end of an
ingest run). Each URL is
requested ``--cold`` times cold (each time a new app and nothing remembered in this process:
the first request after start; the median is shown) and then ``--repeat`` times warm, wall and CPU milliseconds against the 300 ms target; a streamed download (CSV, Parquet)
answers when its first bytes are sent, so for it the time to the first bytes is measured. Two cold columns: "first" with nothing
computed before (an empty disk cache: the first visitor of a new database), and "cold" for a
server started after the start-up precompute of ``multipolar serve`` (``web/warm.py``) had filled
the disk cache of costly analyses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

TARGET_MS = 300.0


def world(countries: int, seed: int) -> tuple[list[str], dict[str, int]]:
    """Return ``countries`` ISO3 codes (real ones, from pycountry) and the group of each: 0 and 1 opposed blocs, 2 the rest."""
    import pycountry

    from multipolar.analysis import synthetic

    codes = sorted(c.alpha_3 for c in pycountry.countries)
    core = ["USA", "GBR", "FRA", "DEU", "JPN", "UKR", "RUS", "CHN", "IRN", "PRK", "BLR", "IND", "BRA", "ZAF", "TUR", "SAU"]
    rng = random.Random(seed)
    rest = [c for c in codes if c not in core]
    rng.shuffle(rest)
    chosen = (core + rest)[:countries]
    for country in pycountry.countries:  # names the synthetic articles can write
        if country.alpha_3 in chosen and country.alpha_3 not in synthetic.ACTORS:
            synthetic.ACTORS[country.alpha_3] = (country.name, f"the capital of {country.name}")
    group = {}
    for i, code in enumerate(chosen):
        if code in ("USA", "GBR", "FRA", "DEU", "JPN", "UKR") or (i >= len(core) and i % 5 == 0):
            group[code] = 0
        elif code in ("RUS", "CHN", "IRN", "PRK", "BLR") or (i >= len(core) and i % 5 == 1):
            group[code] = 1
        else:
            group[code] = 2
    return chosen, group


def draw_events(count: int, countries: list[str], group: dict[str, int], years: int, seed: int):
    """Return ``count`` synthetic events over ``years`` years: skewed activity, blocs, and quiet months."""
    from multipolar.analysis.synthetic import CONFLICTUAL, COOPERATIVE, SyntheticEvent

    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(countries))]  # Zipf-like: a few countries dominate
    first = dt.date(2015, 1, 1)
    days = 365 * years
    quiet = {rng.randrange(years * 12) for _ in range(years)}  # about one month a year with almost no news
    drawn = []
    while len(drawn) < count:
        day = rng.randrange(days)
        date = first + dt.timedelta(days=day)
        if (date.year - first.year) * 12 + date.month - 1 in quiet and rng.random() < 0.97:
            continue
        source, target = rng.choices(countries, weights, k=2)
        if source == target:
            continue
        same = group[source] == group[target] and group[source] < 2
        opposed = {group[source], group[target]} == {0, 1}
        cooperative = rng.random() < (0.85 if same else 0.25 if opposed else 0.65)
        plover = rng.choice(COOPERATIVE if cooperative else CONFLICTUAL)
        drawn.append(SyntheticEvent(date.isoformat(), source, target, plover, at_capital=rng.random() < 0.5))
    drawn.sort(key=lambda e: e.date)
    return drawn


def build(path: Path, events: int, countries: int, years: int) -> None:
    """Write the benchmark database at ``path``."""
    from multipolar.analysis.synthetic import write_events
    from multipolar.store import open_store

    started = time.perf_counter()
    codes, group = world(countries, seed=7)
    store = open_store(path)
    articles = write_events(store, draw_events(events, codes, group, years, seed=11), batch_size=2000)
    con = store.connection
    # coordinates: each located event near a point of its country (a stand-in for geolocation)
    con.execute("""UPDATE events SET latitude = (hash(location_country) % 120)::INTEGER - 50 + (hash(id) % 100)::INTEGER / 100.0,
                                     longitude = (hash(location_country || 'x') % 340)::INTEGER - 170
                                                 + (hash(id || 'y') % 100)::INTEGER / 100.0
                   WHERE location_country IS NOT NULL""")
    # casualty figures on a fifth of the assaults, coercions and mobilisations
    con.execute("""INSERT INTO figures (id, article_id, kind, count, qualifier, who, unit, text, start, "end", event_id)
                   SELECT id || 'f', article_id, ['killed', 'wounded', 'displaced'][1 + (hash(id) % 3)::INTEGER],
                          1 + (hash(id || 'n') % 400)::INTEGER, NULL, target_country || 'CVL', 'people', 'people', 0, 6, id
                   FROM events WHERE plover IN ('ASSAULT', 'COERCE', 'MOBILIZE') AND hash(id) % 5 = 0""")
    store.close()
    print(f"generated {events:,} events between {countries} countries over {years} years in {articles:,} articles "
          f"in {time.perf_counter() - started:.1f} s -> {path}")


def refresh(path: Path) -> None:
    """Store the analysis's per-period aggregates in the database, as an ingest run does at its end (once)."""
    from multipolar.analysis import aggregates, refresh_aggregates
    from multipolar.analysis.polarity import polarity_key
    from multipolar.store import open_store

    with open_store(path, read_only=True) as store:  # current, and made by a version that stores every period length
        week = polarity_key("week", min_events=1, domestic=False, options={})
        if aggregates.aggregates_fresh(store) and aggregates.stored(store, week) is not None:
            return
    started = time.perf_counter()
    with open_store(path) as store:
        written = refresh_aggregates(store)
    print(f"stored {len(written)} analysis aggregates (refresh_aggregates, run at the end of ingest) "
          f"in {time.perf_counter() - started:.1f} s")


def urls(client) -> list[str]:
    """Return every page and API route to time (with real ids from the database)."""
    event = client.get("/api/events", params={"actor": "RUS", "per_page": 1}).json()["events"][0]
    article = event["article_id"]
    return [
        "/", "/api/overview",
        "/events", "/api/events", "/events?actor=RUS", "/events?actor=RUS&plover=ASSAULT&since=2020-01-01&until=2020-06-30",
        "/events?cameo=19&goldstein_max=-5&sort=goldstein", "/events?text=expelled&page=3", "/events?place=RUS",
        "/api/events?format=csv", "/api/events?actor=USA&format=csv", "/api/events?plover=ASSAULT&format=parquet",
        f"/articles/{article}", f"/api/articles/{article}", "/articles", "/api/articles", "/articles?q=Russia&sort=-events",
        "/quotes", "/api/quotes", "/quotes?speaker=RUS",
        "/figures", "/api/figures", "/figures?freq=week",
        "/map", "/api/map", "/map?plover=ASSAULT&since=2020-01-01",
        "/dyads", "/api/dyads", "/dyads/RUS/USA", "/api/dyads/RUS/USA", "/api/dyads/RUS/USA/series",
        "/actors", "/api/actors", "/actors/RUS", "/api/actors/RUS", "/api/actors/RUS/partners", "/api/actors/RUS/quotes",
        "/network", "/network?freq=week", "/network?since=2019-01-01&until=2020-12-31",
        "/network/blocs?since=2019-01-01&until=2020-12-31&freq=quarter", "/api/network", "/api/blocs",
        "/api/blocs/summary", "/api/blocs/cohesion", "/api/polarity", "/api/polarity?freq=week", "/api/polarity/sensitivity",
    ]


def first_byte(app, url: str) -> tuple[float, float]:
    """Request ``url`` from the ASGI ``app``; return the wall and CPU milliseconds until its first body bytes.

    The test client gathers a whole response before returning, so a stream's first bytes are
    timed here on the application itself. The rest of the stream is read and dropped.
    """
    import asyncio
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": parts.path, "raw_path": parts.path.encode(), "query_string": parts.query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    status: list[int] = []
    answered: list[tuple[float, float]] = []
    started, cpu = time.perf_counter(), time.process_time()

    async def receive():
        await asyncio.sleep(3600)  # the client never disconnects: the stream runs to its end
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])
        elif message["type"] == "http.response.body" and not answered and (
            message.get("body") or not message.get("more_body")
        ):
            answered.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))

    asyncio.run(app(scope, receive, send))
    assert status and status[0] == 200 and answered, (url, status)
    return answered[0]


def main() -> None:
    """Build the database if needed, then time each URL cold and warm and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--db", default="/tmp/bench-web-200.duckdb")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", type=int, default=3, help="cold requests per URL, each on a new app (median)")
    parser.add_argument("--skip-uncached", action="store_true", help="skip the pass without any precomputed result")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="time only the URLs containing TEXT (repeatable)")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        build(path, args.events, args.countries, args.years)
    refresh(path)

    import os
    import shutil
    import tempfile

    from fastapi.testclient import TestClient

    from multipolar.analysis.aggregates import forget_cached
    from multipolar.web import create_app
    from multipolar.web.data import Database
    from multipolar.web.warm import precompute

    def cold_and_warm(url: str, cache: str | None = None) -> tuple[float, float, float, float]:
        """Return the first request's wall and CPU milliseconds and the median warm wall and CPU milliseconds.

        A streamed download (``format=csv|parquet``) answers when its first bytes are sent, so for
        it the time to the first body chunk is measured (:func:`first_byte`); the whole download
        takes as long as its size. Each cold request starts from a copy of the disk cache folder
        ``cache`` (None: an empty one), so no cold request finds what an earlier one stored.
        """
        def timed(app, client) -> tuple[float, float]:
            if "format=" in url:
                return first_byte(app, url)
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.text[:200])
            return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000

        colds, warm = [], []
        for number in range(args.cold):
            forget_cached()  # nothing this process remembered from earlier URLs: as in a newly started server
            folder = tempfile.mkdtemp(prefix="bench-web-cold-")
            if cache is not None:
                shutil.copytree(cache, folder, dirs_exist_ok=True)
            os.environ["MULTIPOLAR_CACHE_DIR"] = folder
            app = create_app(path, warm=False)
            with TestClient(app) as client:  # a new app: the first request after start
                colds.append(timed(app, client))
                if number == args.cold - 1:  # then the same URL again on the last app
                    warm = [timed(app, client) for _ in range(args.repeat)]
        return (statistics.median(w for w, _ in colds), statistics.median(c for _, c in colds),
                statistics.median(w for w, _ in warm), statistics.median(c for _, c in warm))

    # pass 1: nothing computed before (an empty disk cache): what the very first visitor of a new database waits
    os.environ["MULTIPOLAR_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-web-nocache-")
    with TestClient(create_app(path, warm=False)) as probe:
        targets = [url for url in urls(probe) if not args.only or any(text in url for text in args.only)]
    first = {}
    if not args.skip_uncached:
        for url in targets:
            first[url] = cold_and_warm(url)[0]  # from an empty disk cache each time: nothing carried over

    # the start-up precompute that `multipolar serve` runs (it fills the disk cache for later starts)
    precomputed = tempfile.mkdtemp(prefix="bench-web-cache-")
    os.environ["MULTIPOLAR_CACHE_DIR"] = precomputed
    fresh = Database(path)
    started = time.perf_counter()
    precompute(fresh)
    fresh.close()
    print(f"start-up precompute (web/warm.py: overview, network and figures pages per period length, map, lists): "
          f"{time.perf_counter() - started:.1f} s")

    # pass 2: a server started after that precompute (a restart, or once the start-up thread is done)
    print(f"load average before the timed pass: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (wall times grow with it; CPU times much less)")
    print("(downloads, format=csv|parquet: time to the first bytes of the stream)")
    print(f"{'page':<62} {'first ms':>9} {'cold ms':>9} {'cold cpu':>9} {'warm ms':>9} {'warm cpu':>9}"
          f"  cold < {TARGET_MS:.0f} ms")
    colds: dict[str, float] = {}
    for url in targets:
        cold, cold_cpu, warm, warm_cpu = cold_and_warm(url, precomputed)
        colds[url] = cold
        uncached = f"{first[url]:>9.1f}" if url in first else f"{'-':>9}"
        print(f"{url:<62} {uncached} {cold:>9.1f} {cold_cpu:>9.1f} {warm:>9.1f} {warm_cpu:>9.1f}"
              f"  {'yes' if cold < TARGET_MS else 'NO'}", flush=True)
    slow = [url for url, cold in colds.items() if cold >= TARGET_MS]
    print(f"slowest cold: {max(colds.values()):.1f} ms; cold pages over {TARGET_MS:.0f} ms: {', '.join(slow) or 'none'}")
    print(f"load average after the timed pass: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if first:
        print(f"without the precompute (first visitor of a new database): slowest {max(first.values()):.1f} ms; "
              f"over {TARGET_MS:.0f} ms: {', '.join(u for u, c in first.items() if c >= TARGET_MS) or 'none'}")


if __name__ == "__main__":
    main()
