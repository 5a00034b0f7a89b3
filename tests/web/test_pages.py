"""The dashboard's pages and JSON API through FastAPI's TestClient."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import HOSTILE_TITLE

PAGES = ["/", "/events", "/events?actor=RUS", "/dyads", "/dyads/RUS/USA", "/actors", "/actors/RUS", "/network",
         "/articles/hostile0article1"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<main>" in response.text
    assert "http://" not in response.text.replace("http://www.w3.org/2000/svg", "")  # nothing from outside
    assert "https://" not in response.text


def test_overview_counts_and_network(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["events"] == 3001
    assert len(data["latest"]) == 10
    assert {n["id"] for n in data["network"]["nodes"]} >= {"RUS", "USA", "CHN"}
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in data["network"]["nodes"])
    assert data["polarity"] and all(p["poles"] >= 1 for p in data["polarity"])


def test_world_blocs_are_found(client):
    members = {m["actor"]: m["bloc"] for m in client.get("/api/blocs").json()}
    assert members["USA"] == members["GBR"] == members["DEU"] != 0
    assert members["RUS"] == members["CHN"] == members["IRN"] != 0
    assert members["USA"] != members["RUS"]


def test_event_search_filters_and_pages(client):
    everything = client.get("/api/events", params={"actor": "RUS", "per_page": 20}).json()
    assert everything["total"] > 20 and len(everything["events"]) == 20 and everything["pages"] > 1
    assert all("RUS" in (e["source_country"], e["target_country"]) for e in everything["events"])
    second = client.get("/api/events", params={"actor": "RUS", "per_page": 20, "page": 2}).json()
    assert {e["id"] for e in second["events"]}.isdisjoint(e["id"] for e in everything["events"])
    as_source = client.get("/api/events", params={"actor": "rus", "side": "source"}).json()
    assert all(e["source_country"] == "RUS" for e in as_source["events"])
    assaults = client.get("/api/events", params={"plover": "ASSAULT", "since": "2023-03-01", "until": "2023-03-31"}).json()
    assert assaults["total"] > 0
    assert all(e["plover"] == "ASSAULT" and "2023-03-01" <= e["date"] <= "2023-03-31" for e in assaults["events"])
    place = client.get("/api/events", params={"place": "kyiv"}).json()
    assert place["total"] > 0 and all(e["location_name"] == "Kyiv" for e in place["events"])
    words = client.get("/api/events", params={"text": "expelled diplomats"}).json()
    assert words["total"] > 0 and all("expelled diplomats" in e["sentence"] for e in words["events"])
    literal = client.get("/api/events", params={"text": "100%_"}).json()
    assert literal["total"] == 0
    pair = client.get("/api/events", params={"actor": "RUS", "partner": "USA"}).json()
    assert all({e["source_country"], e["target_country"]} == {"RUS", "USA"} for e in pair["events"])


def test_empty_form_fields_mean_no_filter(client):
    response = client.get("/events?actor=RUS&partner=&plover=&since=&until=&place=&text=")
    assert response.status_code == 200
    assert "events · page 1" in response.text


def test_csv_download_of_listings(client):
    for url in ("/api/events?actor=RUS&format=csv", "/api/dyads?format=csv", "/api/actors?format=csv",
                "/api/blocs?format=csv", "/api/polarity?format=csv", "/api/dyads/RUS/USA/series?format=csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows, url


def test_article_view_escapes_and_highlights(client):
    response = client.get("/articles/hostile0article1")
    html = response.text
    assert HOSTILE_TITLE not in html
    assert "&lt;img src=x onerror=alert(1)&gt; Russia &amp; Ukraine" in html
    assert "<script>alert" not in html
    assert 'id="ev-hostileevent0001"' in html
    assert 'class="hl hl-trigger"' in html and 'class="hl hl-quote"' in html
    data = client.get("/api/articles/hostile0article1").json()
    assert data["events"][0]["plover"] == "ASSAULT"
    assert data["related"] and all("RUS" in r["countries"] or "UKR" in r["countries"] for r in data["related"])


def test_dyad_and_actor_api(client):
    dyad = client.get("/api/dyads/USA/RUS").json()
    assert {(d["source"], d["target"]) for d in dyad["directions"]} <= {("USA", "RUS"), ("RUS", "USA")}
    assert sum(d["events"] for d in dyad["directions"]) == sum(d["events"] for d in dyad["breakdown"])
    actor = client.get("/api/actors/RUS").json()
    assert actor["summary"]["events"] > 0 and 0 < actor["summary"]["share"] < 1
    assert actor["partners"][0]["cooperation_weight"] >= actor["partners"][-1]["cooperation_weight"]
    assert actor["quotes"]


def test_unknown_and_bad_input(client):
    assert client.get("/articles/nothing-here").status_code == 404
    assert client.get("/api/articles/nothing-here").json() == {"detail": "no article nothing-here"}
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"since": "2024-02-01", "until": "2024-01-01"}).status_code == 422
    assert client.get("/api/events", params={"per_page": 100000}).status_code == 422
    assert client.get("/events", params={"per_page": 5000}).status_code == 422  # pages stay small
    assert client.get("/api/actors/R%27US").status_code == 422
    page = client.get("/dyads/RUS/%3Cb%3Ebold")
    assert page.status_code == 422 and "<b>bold" not in page.text


def test_no_sql_or_file_access(client):
    assert client.get("/static/../data.py").status_code == 404
    assert client.get("/api/sql", params={"q": "select 1"}).status_code == 404
    spec = client.get("/openapi.json").json()
    assert not any("sql" in path for path in spec["paths"])
    assert "/api/events" in spec["paths"] and "/api/network" in spec["paths"]


def test_events_of_one_article_download(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events?article=hostile0article1&format=csv").text)))
    assert [r["id"] for r in rows] == ["hostileevent0001"]


def test_serve_command_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from multipolar.cli import app as cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "E603" in result.output
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text
