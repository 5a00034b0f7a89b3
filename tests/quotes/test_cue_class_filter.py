"""Keeping only some attribution classes: the store query, `multipolar quotes --class` and the API."""

from __future__ import annotations

import json

import pytest

import multipolar
from multipolar.store import open_store

STORY = (
    "Turkish Foreign Minister Hakan Fidan accused the shipping firms of ignoring the sanctions. "
    "\"We will not look away,\" Fidan said in Ankara. "
    "A report published on Friday found that four tankers had switched off their transponders. "
    "Fidan believes the trade will move to smaller ports.\n"
)


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory):
    """A database holding the story above, coded by the pipeline."""
    folder = tmp_path_factory.mktemp("cues")
    (folder / "story.txt").write_text("Fidan presses shipping firms\n\n" + STORY, encoding="utf-8")
    db = folder / "cues.duckdb"
    summary = multipolar.ingest_files(folder / "story.txt", db=db)
    assert summary.articles_added == 1
    return db


def test_store_keeps_the_classes_asked_for(coded_db):
    with open_store(coded_db, read_only=True) as store:
        every = store.quotes()
        stances = store.quotes(cue_class="stance")
        beliefs_and_findings = store.quotes(cue_class=["cognition", "document"])
    assert {q.cue_class for q in every} == {"speech", "stance", "cognition", "document"}
    assert [q.text for q in stances] == ["the shipping firms of ignoring the sanctions"]
    assert {q.cue_class for q in beliefs_and_findings} == {"cognition", "document"}
    assert all(q.rule and q.cue for q in every)


def test_cli_class_option(coded_db):
    from typer.testing import CliRunner

    from multipolar.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", str(coded_db), "--class", "speech,stance", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert rows and {r["cue_class"] for r in rows} == {"speech", "stance"}
    wrong = runner.invoke(app, ["quotes", "--db", str(coded_db), "--class", "rumour"])
    assert wrong.exit_code != 0 and "E401" in wrong.output


def test_api_class_parameter(coded_db):
    from fastapi.testclient import TestClient

    from multipolar.web import create_app

    with open_store(coded_db, read_only=True) as store:
        article_id = store.articles()[0].id
    with TestClient(create_app(coded_db, warm=False)) as client:
        page = client.get(f"/articles/{article_id}").text
        every = client.get("/api/actors/TUR/quotes").json()
        stances = client.get("/api/actors/TUR/quotes", params={"class": "stance"}).json()
        bad = client.get("/api/actors/TUR/quotes", params={"class": "rumour"})
    assert {q["cue_class"] for q in every} >= {"speech", "stance", "cognition"}
    assert stances and {q["cue_class"] for q in stances} == {"stance"}
    assert bad.status_code == 422
    assert "(indirect, stance)" in page and "(indirect, document)" in page
