"""The article, quote, figure and map views, event filters, sorting, downloads and 404s with close matches."""

from __future__ import annotations

import csv
import io
import math

import pyarrow.parquet as pq
import pytest

from multipolar.web import svg
from multipolar.web.charting import bloc_series, period_series


def test_article_list_reaches_every_article(client):
    first = client.get("/api/articles", params={"per_page": 500}).json()
    assert first["total"] > 500  # synthetic articles (up to 4 events of one day each) and the hand-written one
    everyone = set()
    for page in range(1, first["pages"] + 1):
        everyone |= {a["id"] for a in client.get("/api/articles", params={"per_page": 500, "page": page}).json()["articles"]}
    assert len(everyone) == first["total"]
    assert "hostile0article1" in everyone


def test_article_search_outlet_and_sort(client):
    found = client.get("/api/articles", params={"q": "Kharkiv"}).json()
    assert [a["id"] for a in found["articles"]] == ["hostile0article1"]
    handwritten = client.get("/api/articles", params={"outlet": "handwritten"}).json()
    assert handwritten["total"] == 1 and handwritten["articles"][0]["outlet"] == "handwritten"
    by_events = client.get("/api/articles", params={"sort": "-events", "per_page": 20}).json()["articles"]
    counts = [a["events"] for a in by_events]
    assert counts == sorted(counts, reverse=True)
    oldest = client.get("/api/articles", params={"sort": "date", "per_page": 5}).json()["articles"]
    assert [a["date"] for a in oldest] == sorted(a["date"] for a in oldest)
    page = client.get("/articles", params={"q": "Kharkiv"})
    assert page.status_code == 200 and "&lt;img src=x" in page.text


def test_quotes_by_speaker_and_words(client):
    ukraine = client.get("/api/quotes", params={"speaker": "UKR", "per_page": 200}).json()
    assert ukraine["total"] > 0 and all(q["speaker_country"] == "UKR" for q in ukraine["quotes"])
    firm = client.get("/api/quotes", params={"q": "stand firm"}).json()
    assert [q["id"] for q in firm["quotes"]] == ["hostilequote0001"]
    assert client.get("/api/quotes", params={"cue_class": "speech"}).json()["total"] == 0  # no cue classes stored here
    assert client.get("/quotes", params={"speaker": "UKR"}).status_code == 200


def test_event_filters_cameo_mode_goldstein_outlet_and_sort(client):
    hard = client.get("/api/events", params={"cameo": "19", "per_page": 200}).json()
    assert hard["total"] > 0 and all(e["cameo"].startswith("19") for e in hard["events"])
    scored = client.get("/api/events", params={"goldstein_min": -6, "goldstein_max": -4, "per_page": 200}).json()
    assert scored["total"] > 0 and all(-6 <= e["goldstein"] <= -4 for e in scored["events"])
    outlet = client.get("/api/events", params={"outlet": "handwritten"}).json()
    assert [e["id"] for e in outlet["events"]] == ["hostileevent0001"]
    ordered = [e["goldstein"] for e in client.get("/api/events", params={"sort": "goldstein", "per_page": 100}).json()["events"]]
    assert ordered == sorted(ordered) and ordered[0] == -10
    assert client.get("/api/events", params={"goldstein_min": 3, "goldstein_max": -3}).status_code == 422
    assert client.get("/api/events", params={"cameo": "19a"}).status_code == 422


def test_downloads_have_every_row(client):
    total = client.get("/api/events", params={"actor": "RUS"}).json()["total"]
    assert total > 100
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"actor": "RUS", "format": "csv"}).text)))
    assert len(rows) == total
    table = pq.read_table(io.BytesIO(client.get("/api/events", params={"actor": "RUS", "format": "parquet"}).content))
    assert table.num_rows == total and "goldstein" in table.column_names
    articles = list(csv.DictReader(io.StringIO(client.get("/api/articles", params={"format": "csv"}).text)))
    assert len(articles) == first_total(client)


def test_csv_cells_that_look_like_formulas_are_neutralised():
    import pyarrow as pa

    from multipolar.web.views.common import stream_download

    batch = pa.RecordBatch.from_pydict({"text": ["=HYPERLINK(\"x\")", "plain", "@SUM(1)", None], "score": [-5.0, 1.0, 2.0, 3.0]})
    response = stream_download(iter([batch]), "csv", "t")

    async def body() -> bytes:
        return b"".join([chunk async for chunk in response.body_iterator])

    import asyncio

    rows = list(csv.DictReader(io.StringIO(asyncio.run(body()).decode())))
    assert rows[0]["text"] == "'=HYPERLINK(\"x\")" and rows[1]["text"] == "plain" and rows[2]["text"] == "'@SUM(1)"
    assert rows[0]["score"] == "-5"  # numbers stay numbers


def test_map_counts_countries_and_follows_filters(client):
    everything = client.get("/api/map").json()
    by_country = {c["country"]: c["events"] for c in everything["countries"]}
    assert by_country["UKR"] > 0 and everything["events"] == sum(by_country.values())
    assaults = {c["country"]: c["events"] for c in client.get("/api/map", params={"plover": "ASSAULT"}).json()["countries"]}
    assert 0 < assaults["UKR"] < by_country["UKR"]
    page = client.get("/map", params={"plover": "ASSAULT"})
    assert page.status_code == 200
    assert page.text.count("<path") > 150 and 'data-code="UKR"' in page.text
    assert "http" not in page.text.replace("http://www.w3.org/2000/svg", "")  # no tiles, no CDN


def test_figures_page_and_series(client):
    data = client.get("/api/figures").json()
    assert data["total"] == 0 and data["series"] == []
    assert client.get("/figures").status_code == 200


@pytest.mark.parametrize(("url", "match"), [
    ("/api/actors/RUSX", "RUS"), ("/api/actors/Rusia", "RUS"), ("/api/dyads/RUS/UKX", "UKR"),
    ("/api/events?plover=ASSAUL", "ASSAULT"), ("/api/events?actor=Chna", "CHN"),
])
def test_unknown_things_are_404_with_close_matches(client, url, match):
    response = client.get(url)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert match in [m["code"] for m in detail["matches"]], detail
    assert match in detail["message"]


def test_unknown_actor_page_links_close_matches(client):
    response = client.get("/actors/Rusia")
    assert response.status_code == 404 and 'href="/actors/RUS"' in response.text


def test_actor_names_resolve_to_codes(client):
    response = client.get("/actors/Russia", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/actors/RUS"
    assert client.get("/api/events", params={"actor": "Russia", "per_page": 1}).json()["total"] > 0
    compound = client.get("/actors/RUSGOV", follow_redirects=False)  # analyses group actors by country
    assert compound.status_code == 307 and compound.headers["location"] == "/actors/RUS"
    assert client.get("/actors/Russian", follow_redirects=False).headers["location"] == "/actors/RUS"


def test_period_series_marks_periods_with_too_few_events():
    rows = [{"period": "2023-01-01", "events": 50, "poles": 2.5}, {"period": "2023-04-01", "events": 3, "poles": 7.0},
            {"period": "2023-07-01", "events": 40, "poles": float("nan")}]
    data = period_series(rows, {"poles": "poles"}, minimum=10)
    assert data["thin"] == [["2023-04-01", 3]]
    assert data["series"][0]["values"] == [["2023-01-01", 2.5], ["2023-04-01", None], ["2023-07-01", None]]
    cohesion = [{"period": "2023-01-01", "bloc": 1, "events": 2, "cohesion": 1.0},
                {"period": "2023-01-01", "bloc": 2, "events": 30, "cohesion": 0.5}]
    blocs = bloc_series(cohesion, minimum=10)
    assert blocs["series"][0]["values"] == [["2023-01-01", None]] and blocs["thin"] == []


def test_line_svg_uses_real_time_and_never_nan():
    points = [("2020-01-01", 1.0), ("2020-02-01", 2.0), ("2021-06-01", 3.0), ("2021-07-01", float("nan"))]
    drawing = svg.line_svg([svg.Series("a", points)], "t", thin=[("2021-07-01", 2)])
    assert "nan" not in drawing.lower()
    path = drawing.split('<path d="')[1].split('"')[0]
    assert path.count("M") == 2  # the 16-month gap breaks the line
    xs = [float(p.split(",")[0]) for p in path.replace("M", " ").replace("L", " ").split()]
    assert (xs[1] - xs[0]) * 10 < xs[2] - xs[1]  # one month is far shorter than sixteen
    assert "too few events" in drawing
    assert all(math.isfinite(float(v)) for v in xs)


def first_total(client) -> int:
    """Return the number of articles in the test database."""
    return client.get("/api/articles").json()["total"]


def test_a_window_network_page_sends_its_blocs_by_a_second_request(client):
    window = "since=2023-02-01&until=2023-09-30&freq=month"
    page = client.get(f"/network?{window}").text
    assert f'data-blocs-url="/network/blocs?{window.replace("&", "&amp;")}"' in page
    assert "finding the blocs of this period" in page
    blocs = client.get(f"/network/blocs?{window}").json()
    network = client.get("/api/network?since=2023-02-01&until=2023-09-30&max_nodes=120").json()
    assert blocs["bloc_of"] == {node["id"]: node["bloc"] for node in network["nodes"]}
    assert any(bloc > 0 for bloc in blocs["bloc_of"].values())
    for bloc in network["blocs"]:  # the table rows: one per bloc, with its members
        assert all(f'href="/actors/{member}"' in blocs["blocs"] for member in bloc["members"])
    assert 'id="cohesion"' in blocs["cohesion"] and 'data-chart="line"' in blocs["cohesion"]
    whole = client.get("/network").text  # the whole range is drawn in one request, as before
    assert "data-blocs-url" not in whole and "finding the blocs" not in whole and 'id="cohesion"' in whole


def test_a_window_blocs_request_equals_the_plain_computation(client, web_db):
    import datetime as dt

    from multipolar import analysis
    from multipolar.web.data import Database, records

    since, until = dt.date(2023, 2, 1), dt.date(2023, 9, 30)
    db = Database(web_db)
    try:
        graph = analysis.build_graph(analysis.relation_edges(db, since, until))
        members = analysis.detect_blocs(graph)
        summary = records(analysis.bloc_summary(members, graph))
        cohesion = [{**row, "period": row["period"].isoformat()}
                    for row in records(analysis.bloc_cohesion(db, members, since, until, freq="month"))]
    finally:
        db.close()
    shown = sorted(analysis.top_subgraph(graph, 120).nodes)
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    blocs = client.get("/network/blocs?since=2023-02-01&until=2023-09-30&freq=month").json()
    assert blocs["bloc_of"] == {node: int(bloc_of[node]) for node in shown}
    assert client.get("/api/blocs?since=2023-02-01&until=2023-09-30").json() == records(members)
    assert client.get("/api/blocs/summary?since=2023-02-01&until=2023-09-30").json() == summary
    assert client.get("/api/blocs/cohesion?since=2023-02-01&until=2023-09-30&freq=month").json() == cohesion


def test_a_window_network_page_downloads_carry_its_dates(client):
    page = client.get("/network?since=2023-02-01&until=2023-09-30&freq=month").text
    window = "since=2023-02-01&amp;until=2023-09-30"
    assert f'href="/api/blocs?format=csv&amp;{window}"' in page
    assert f'href="/api/blocs/summary?{window}"' in page
    assert f'href="/api/polarity/sensitivity?format=csv&amp;{window}"' in page
    assert f'href="/api/polarity?format=csv&amp;freq=month&amp;{window}"' in page
    only_since = client.get("/network?since=2023-02-01").text
    assert 'href="/api/blocs/summary?since=2023-02-01"' in only_since
    whole = client.get("/network").text  # the whole range: no dates in the links
    assert 'href="/api/blocs?format=csv"' in whole and 'href="/api/blocs/summary"' in whole


@pytest.mark.parametrize("freq", ["month", "quarter", "week"])
@pytest.mark.parametrize("pair", [("RUS", "USA"), ("CHN", "RUS"), ("USA", "ZZZ")])
def test_dyad_page_views_equal_the_dataframe_sums(web_db, freq, pair):
    from multipolar import analysis
    from multipolar.analysis.dyads import combine, fill_periods
    from multipolar.web.data import Database, records
    from multipolar.web.views.dyads import dyad_views

    actor, partner = pair
    db = Database(web_db)
    try:
        detail = analysis.dyads(db, freq=freq, actor=actor, partner=partner, by="plover")
    finally:
        db.close()
    series = combine(detail, ["period", "source", "target"])
    expected = {
        "directions": records(combine(detail, ["source", "target"])),
        "series": records(fill_periods(series, freq, ["source", "target"]) if not series.empty else series),
        "breakdown": records(combine(detail.assign(source=min(pair), target=max(pair)), ["source", "target", "category"])),
    }
    views = dyad_views(detail, freq, actor, partner)
    if partner != "ZZZ":
        assert len(views["series"]) > 5 and views["breakdown"]
    for name, rows in expected.items():
        assert len(views[name]) == len(rows)
        for got, want in zip(views[name], rows, strict=True):
            assert list(got) == list(want)
            # a mean exactly half-way (57 / 16 = 3.5625) is rounded from the exact sum here, from a float sum there
            assert got["goldstein_mean"] == pytest.approx(want["goldstein_mean"], abs=0.0011)
            assert {**got, "goldstein_mean": None} == {**want, "goldstein_mean": None}
