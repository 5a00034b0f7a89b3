"""Drive the real dashboard in headless Chromium (Debian's chromium, through Playwright)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db):
    """Serve the dashboard with uvicorn on 127.0.0.1 and a free port, in a thread."""
    import uvicorn

    from multipolar.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
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
    """A fresh page that fails the test on any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else (
            outside.append(route.request.url), route.abort())[1],
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not outside, f"the dashboard reached outside: {outside}"
    assert not errors, f"JavaScript errors: {errors}"


def test_dashboard_journey(server, page, tmp_path):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "The coded international system"
    page.wait_for_selector("#world-network svg circle", state="attached")
    assert page.locator("#world-network svg circle").count() >= 10
    assert page.locator("#polarity-trend svg path.mp-line").count() >= 1
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)

    page.click("nav >> text=Events")
    page.fill("input[name=actor]", "RUS")
    page.click("form.filters button")
    page.wait_for_url("**/events?*actor=RUS*")
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() > 0
    first_row = rows.first.inner_text()
    assert "RUS" in first_row
    page.screenshot(path=str(tmp_path / "events-rus.png"), full_page=True)

    link = page.locator("a.event-link").first
    href = link.get_attribute("href")
    event_id = href.split("#ev-")[1]
    link.click()
    page.wait_for_selector("#article-text")
    trigger = page.locator(f"mark.hl-trigger#ev-{event_id}")
    assert trigger.is_visible()
    assert trigger.evaluate("node => getComputedStyle(node).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("#article-text mark.hl-actor").count() >= 2
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    page.goto(server + "/dyads/RUS/USA")
    page.wait_for_selector("#dyad-series svg path.mp-line", state="attached")
    path = page.locator("#dyad-series svg path.mp-line").first.get_attribute("d")
    assert path.startswith("M") and "L" in path
    assert page.locator("#dyad-types svg rect.mp-bar").count() >= 1
    page.screenshot(path=str(tmp_path / "dyad.png"), full_page=True)

    for name in ("overview", "events-rus", "article", "dyad"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000


def test_hostile_article_shows_markup_as_text(server, page, tmp_path):
    page.goto(server + "/articles/hostile0article1")
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    assert '<script>alert("x")</script>' in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script").count() == 0
    assert page.locator("#article-text mark.hl-quote").count() == 1
    page.screenshot(path=str(tmp_path / "hostile-article.png"), full_page=True)


def test_network_and_actor_pages_draw(server, page, tmp_path):
    page.goto(server + "/network")
    page.wait_for_selector("#network svg line", state="attached")
    assert page.locator("#cohesion svg path.mp-line").count() >= 2
    page.screenshot(path=str(tmp_path / "network.png"), full_page=True)
    page.goto(server + "/actors/RUS")
    page.wait_for_selector("#actor-series svg path.mp-line", state="attached")
    page.screenshot(path=str(tmp_path / "actor.png"), full_page=True)
