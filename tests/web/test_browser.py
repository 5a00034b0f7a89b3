"""Drive the real dashboard in headless Chromium (Debian's chromium, through Playwright).

Every page is checked for JavaScript errors and console errors, and a screenshot of it is saved
to ``tests/web/screenshots/`` (git-ignored; override with ``MULTIPOLAR_SCREENSHOTS``).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("MULTIPOLAR_SCREENSHOTS") or Path(__file__).parent / "screenshots")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(db_path: str):
    """Serve the dashboard over ``db_path`` with uvicorn on 127.0.0.1 in a thread; yield its address."""
    import uvicorn

    from multipolar.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_db):
    """The dashboard over the synthetic test database."""
    yield from _serve(web_db)


@pytest.fixture(scope="module")
def sample_server(sample_db):
    """The dashboard over the bundled sample corpus."""
    yield from _serve(sample_db)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium, or a skip when Debian's chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    """A fresh page that fails the test on any request leaving 127.0.0.1 and on any JavaScript or console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "file://")) else (
            outside.append(route.request.url), route.abort())[1],
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    yield page
    context.close()
    assert not outside, f"the dashboard reached outside: {outside}"
    assert not errors, f"browser errors: {errors}"


def shot(page, name: str) -> Path:
    """Save a full-page screenshot as ``SCREENSHOTS/<name>.png`` and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    return path


def no_nan(page) -> None:
    """Fail when any drawn SVG element has a NaN or undefined coordinate."""
    bad = page.evaluate("""() => Array.from(document.querySelectorAll('svg *')).filter(n =>
        ['x', 'y', 'cx', 'cy', 'x1', 'x2', 'y1', 'y2', 'd', 'width', 'height', 'r'].some(a =>
          /NaN|undefined|Infinity/.test(n.getAttribute(a) || ''))).length""")
    assert bad == 0, f"{bad} SVG elements with NaN positions on {page.url}"


def test_dashboard_journey(server, page):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "The coded international system"
    page.wait_for_selector("#world-network svg circle", state="attached")
    assert page.locator("#world-network svg circle").count() >= 10
    assert page.locator("#polarity-trend svg path.mp-line").count() >= 1
    no_nan(page)
    shot(page, "synthetic-overview")

    page.click("nav >> text=Events")
    page.fill("input[name=actor]", "RUS")
    page.click("form.filters button")
    page.wait_for_url("**/events?*actor=RUS*")
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() > 0
    assert "RUS" in rows.first.inner_text()

    link = page.locator("a.event-link").first
    event_id = link.get_attribute("href").split("#ev-")[1]
    link.click()
    page.wait_for_selector("#article-text")
    trigger = page.locator(f"mark.hl-trigger#ev-{event_id}")
    assert trigger.is_visible()
    assert trigger.evaluate("node => getComputedStyle(node).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("#article-text mark.hl-actor").count() >= 2

    page.goto(server + "/dyads/RUS/USA")
    page.wait_for_selector("#dyad-series svg path.mp-line", state="attached")
    path = page.locator("#dyad-series svg path.mp-line").first.get_attribute("d")
    assert path.startswith("M") and "L" in path
    assert page.locator("#dyad-types svg rect.mp-bar").count() >= 1
    no_nan(page)


def test_event_filters_and_sorting(server, page):
    page.goto(server + "/events?cameo=19&goldstein_max=-5")
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() > 0
    cameos = page.locator("table.events-table tbody tr td:nth-child(5)").all_inner_texts()
    assert cameos and all(c.startswith("19") for c in cameos)
    page.click("table.events-table thead a.sort >> text=Goldstein")
    page.wait_for_url(re.compile(r".*sort=goldstein.*"))
    scores = [float(t) for t in page.locator("table.events-table tbody td.num").all_inner_texts()]
    assert scores == sorted(scores)
    page.click("table.events-table thead a.sort >> text=Goldstein")
    page.wait_for_url(re.compile(r".*sort=-goldstein.*"))
    scores = [float(t) for t in page.locator("table.events-table tbody td.num").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)
    page.fill("input[name=cameo]", "")
    page.select_option("select[name=plover]", "COERCE")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*plover=COERCE.*"))
    assert "COERCE" in page.locator("table.events-table tbody tr").first.inner_text()
    shot(page, "synthetic-events-filtered")


def test_map_draws_countries_and_filters(server, page):
    page.goto(server + "/map")
    paths = page.locator("#world-map svg path")
    assert paths.count() > 150
    shaded = page.locator("#world-map svg path[data-events]:not([data-events='0'])")
    assert shaded.count() >= 10
    everything = int(page.locator("#world-map svg path[data-code=UKR]").get_attribute("data-events"))
    page.select_option("select[name=plover]", "ASSAULT")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*plover=ASSAULT.*"))
    assaults = int(page.locator("#world-map svg path[data-code=UKR]").get_attribute("data-events"))
    assert 0 < assaults < everything
    no_nan(page)
    shot(page, "synthetic-map")
    page.locator("#world-map svg path[data-code=UKR]").dispatch_event("click")
    page.wait_for_url(re.compile(r".*/events\?.*place=UKR.*"))
    assert "plover=ASSAULT" in page.url


def test_network_controls_filter_and_zoom(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#network svg line", state="attached")
    edges = page.locator("#network svg line").count()
    page.fill(".network-controls input[name=top]", "5")
    page.dispatch_event(".network-controls input[name=top]", "input")
    assert page.locator("#network svg circle").count() == 5
    page.fill(".network-controls input[name=top]", "60")
    page.dispatch_event(".network-controls input[name=top]", "input")
    page.locator(".network-controls input[name=min_weight]").evaluate(
        "node => { node.value = Math.floor(node.max / 3); node.dispatchEvent(new Event('input')); }")
    assert page.locator("#network svg line").count() < edges
    shot(page, "synthetic-network")
    page.fill(".network-controls input[name=focus]", "RUS")
    page.dispatch_event(".network-controls input[name=focus]", "input")
    labels = page.locator("#network svg text.mp-label").evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert "RUS" in labels and len(labels) < 17
    page.click(".network-controls button[data-zoom='1.5']")
    assert "scale(1.5)" in page.locator("#network svg g").first.get_attribute("transform")
    assert page.locator("#cohesion svg path.mp-line").count() >= 2
    no_nan(page)
    shot(page, "synthetic-network-rus-zoomed")


def test_a_date_window_network_gets_its_blocs_by_a_second_request(server, page):
    page.goto(server + "/network?since=2023-02-01&until=2023-09-30&freq=month")
    page.wait_for_selector("#bloc-rows tr td a", state="attached")  # the bloc table, filled by the second request
    page.wait_for_selector("#cohesion svg path.mp-line", state="attached")
    coloured = page.locator("#network svg circle.mp-node:not(.bloc-0)").count()
    assert coloured >= 5  # the nodes took their bloc colours
    assert "finding the blocs" not in page.locator("main").inner_text()
    no_nan(page)
    shot(page, "synthetic-network-window")


def test_tables_sort_in_the_browser(server, page):
    page.goto(server + "/actors")
    page.click("table.sortable thead th >> text=Events")
    counts = [int(t.replace(",", "")) for t in page.locator("table.sortable tbody td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts)
    page.click("table.sortable thead th >> text=Events")
    counts = [int(t.replace(",", "")) for t in page.locator("table.sortable tbody td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    page.click("table.sortable thead th >> text=Actor")
    actors = page.locator("table.sortable tbody td:nth-child(1)").all_inner_texts()
    assert actors == sorted(actors, key=str.lower)
    shot(page, "synthetic-actors-sorted")


def test_hostile_article_shows_markup_as_text(server, page):
    page.goto(server + "/articles/hostile0article1")
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    assert '<script>alert("x")</script>' in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script").count() == 0
    assert page.locator("#article-text mark.hl-quote").count() == 1


@pytest.mark.slow
def test_sample_corpus_every_page(sample_server, sample_db, page, tmp_path):
    """Every page on the sample corpus draws without errors; a screenshot of each is saved."""
    pages = {
        "overview": "/", "events": "/events", "map": "/map", "articles": "/articles", "quotes": "/quotes",
        "figures": "/figures?freq=year", "dyads": "/dyads", "actors": "/actors", "actor": "/actors/RUS",
        "network": "/network", "dyad": "/dyads/RUS/UKR", "figures-default": "/figures",
        "events-all": "/events?timing=any&modality=any&domestic=true",
        "map-all": "/map?timing=any&modality=any&domestic=true",
    }
    for name, url in pages.items():
        response = page.goto(sample_server + url)
        assert response.status == 200, url
        no_nan(page)
        shot(page, f"sample-{name}")

    # the event search shows what the analyses count and links to the events it hides
    def total() -> int:
        return int(page.locator(".pager strong").first.inner_text().replace(",", ""))

    page.goto(sample_server + "/events")
    counted = total()
    hidden = page.locator("#hidden-events")
    assert "more hidden" in hidden.inner_text()
    hidden_count = int(hidden.locator("strong").inner_text().replace(",", ""))
    hidden.locator("a").click()
    page.wait_for_url(re.compile(r".*timing=any.*"))
    assert page.locator("select[name=timing]").input_value() == "any"
    assert total() == counted + hidden_count and "only the counted events" in page.locator("#hidden-events").inner_text()
    page.select_option("select[name=modality]", "asserted")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*modality=asserted.*"))
    assert counted < total() < counted + hidden_count
    shot(page, "sample-events-scope")

    page.goto(sample_server + "/articles")
    assert page.locator("table.articles-table tbody tr").count() >= 40
    first = page.locator("table.articles-table tbody tr a").first
    first.click()
    page.wait_for_selector("#article-text")
    shot(page, "sample-article")

    page.goto(sample_server + "/articles")
    outlet = page.locator("select[name=outlet] option").nth(1).get_attribute("value")
    page.select_option("select[name=outlet]", outlet)
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*outlet=.*"))
    outlets = page.locator("table.articles-table tbody tr td:nth-child(3)").all_inner_texts()
    assert outlets and set(outlets) == {outlet}
    page.goto(sample_server + "/articles?sort=-events")
    counts = [int(t.replace(",", "")) for t in page.locator("table.articles-table tbody tr td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    page.fill("input[name=q]", "grain")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*q=grain.*"))
    titles = page.locator("table.articles-table tbody tr td:nth-child(2)").all_inner_texts()
    assert titles and any("grain" in t.lower() for t in titles)

    page.goto(sample_server + "/quotes?speaker=RUS")
    rows = page.locator("table.quotes-table tbody tr")
    assert rows.count() > 0 and all("RUS" in t for t in page.locator("table.quotes-table tbody tr td:nth-child(3)").all_inner_texts())
    shot(page, "sample-quotes-rus")

    page.goto(sample_server + "/figures?freq=year")
    drawn = page.locator(".chart-area svg path.mp-line").count() + page.locator(".chart-area svg circle").count()
    assert drawn >= 1
    assert page.locator("table.figures-table tbody tr").count() > 0

    from multipolar.store import open_store
    from multipolar.web.report import write_report

    with open_store(sample_db, read_only=True) as store:
        result = write_report(store, tmp_path / "report.html", png=False)
    page.goto(result.html.as_uri())
    assert page.locator("figure.chart svg").count() >= 4
    no_nan(page)
    shot(page, "sample-report")
