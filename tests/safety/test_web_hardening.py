"""Dashboard hardening: security headers, Host allow-list, token, formula-safe CSV."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from multipolar.records import ActorRef, Article, CodedArticle, Event
from multipolar.spreadsheet import neutralise_cell
from multipolar.store import export_tables, open_store
from multipolar.web import create_app
from multipolar.web.security import allowed_hosts_for, host_name, is_loopback
from multipolar.web.views.common import to_csv

FORMULAS = ['=HYPERLINK("http://attacker.example/","x")', "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "web.duckdb"
    with open_store(path) as store:
        store.write(
            [
                CodedArticle(
                    article=Article(
                        id="formula", text="Delegates met in Nairobi on Thursday.", content_hash="h1",
                        title=FORMULAS[0], date="2024-03-01", source="@wire",
                    ),
                    events=(
                        Event(
                            id="e1", article_id="formula", sentence_index=0, plover="CONSULT", cameo="040",
                            goldstein=1.0, source=ActorRef("KEN", "KEN", "GOV", "=Kenya"),
                            target=ActorRef("ETH", "ETH", "GOV", "@Ethiopia"), trigger="+met", trigger_start=10,
                            trigger_end=13, sentence="-Delegates met in Nairobi on Thursday.", rule="test:formula",
                        ),
                    ),
                )
            ]
        )
    return path


def _client(db: Path, **options) -> TestClient:
    return TestClient(create_app(db, warm=False, **options), follow_redirects=False)


@pytest.mark.parametrize("path", ["/", "/api/articles/formula", "/static/multipolar.css", "/no-such-page"])
def test_every_response_carries_the_security_headers(db: Path, path: str) -> None:
    response = _client(db).get(path)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", ""])
def test_a_foreign_host_header_is_refused(db: Path, host: str) -> None:
    response = _client(db).get("/api/articles/formula", headers={"host": host})
    assert response.status_code == 400 and "E620" in response.text
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "LOCALHOST:1"])
def test_loopback_hosts_are_accepted(db: Path, host: str) -> None:
    assert _client(db).get("/api/articles/formula", headers={"host": host}).status_code == 200


def test_allowed_hosts_can_be_extended(db: Path) -> None:
    client = _client(db, allowed_hosts=allowed_hosts_for("127.0.0.1", ["news-desk.internal"]))
    assert client.get("/", headers={"host": "news-desk.internal:8000"}).status_code == 200
    assert client.get("/", headers={"host": "elsewhere.internal"}).status_code == 400


def test_host_helpers() -> None:
    assert host_name("[::1]:8000") == "::1" and host_name("Example.ORG:80") == "example.org"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    assert "10.0.0.5" in allowed_hosts_for("10.0.0.5")


def test_with_a_token_every_route_needs_it(db: Path) -> None:
    client = _client(db, token="s3cret-token")
    for path in ("/", "/api/articles/formula", "/static/multipolar.css", "/openapi.json"):
        refused = client.get(path)
        assert refused.status_code == 401 and "E621" in refused.text
    assert client.get("/api/articles/formula", headers={"x-multipolar-token": "wrong"}).status_code == 401
    assert client.get("/api/articles/formula", headers={"x-multipolar-token": "s3cret-token"}).status_code == 200


def test_the_token_link_sets_a_cookie_and_drops_the_token_from_the_address(db: Path) -> None:
    client = _client(db, token="s3cret-token")
    response = client.get("/events?token=s3cret-token&plover=PROTEST")
    assert response.status_code == 303
    assert response.headers["location"] == "/events?plover=PROTEST"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/api/articles/formula").status_code == 200  # the cookie now goes with each request
    assert _client(db, token="s3cret-token").get("/?token=nope").status_code == 401


@pytest.mark.slow
def test_serve_off_loopback_without_a_token_is_refused(db: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "MULTIPOLAR_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-c", "from multipolar.cli import main; main()", "serve", "--db", str(db), "--host", "0.0.0.0"],
        env=env, capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 2 and "[E622]" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_cells_are_neutralised(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Nairobi", "", "'quoted", -2.5, 7, None, "a=b", "x-y"])
def test_other_cells_are_left_alone(value) -> None:
    assert neutralise_cell(value) == value


def test_the_web_csv_helper_neutralises_cells() -> None:
    rows = [{"title": text, "goldstein": -3.5, "tags": ["=x"]} for text in FORMULAS]
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [row["title"] for row in parsed] == ["'" + text for text in FORMULAS]
    assert {row["goldstein"] for row in parsed} == {"-3.5"}


def test_csv_exports_neutralise_text_columns(db: Path, tmp_path: Path) -> None:
    with open_store(db, read_only=True) as store:
        [path] = export_tables(store, tmp_path, "csv", ["articles"])
        export_tables(store, tmp_path, "jsonl", ["articles"])
    [row] = list(csv.DictReader(path.open(encoding="utf-8")))
    assert row["title"] == "'" + FORMULAS[0] and row["source"] == "'@wire"
    assert FORMULAS[0].replace('"', '\\"') in (tmp_path / "articles.jsonl").read_text(encoding="utf-8")


def test_the_csv_download_of_the_api_is_neutralised(db: Path) -> None:
    client = _client(db)
    response = client.get("/api/events", params={"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and rows[0]["article_title"] == "'" + FORMULAS[0]
    for row in rows:
        assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in row.values() if cell)


def test_the_cli_csv_keeps_numbers_and_neutralises_text(capsys) -> None:
    from multipolar.cli.output import print_rows

    print_rows([{"title": FORMULAS[0], "goldstein": -3.5, "count": -2, "tags": ["-x"]}], "csv")
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["goldstein"] == "-3.5" and row["count"] == "-2"
    assert row["title"] == "'" + FORMULAS[0] and row["tags"] == "'-x"
