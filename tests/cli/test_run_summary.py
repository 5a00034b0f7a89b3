"""The closing line of `ingest`: a re-code says re-coded, not added; expected skips are notices, not failures."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from multipolar.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "data" / "samples"


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name in ("2023-03-31-imf-approves-ukraine-loan.txt", "2024-06-04-modi-third-term.txt"):
        shutil.copy(SAMPLES / "text" / name, folder / name)
    shutil.copy(SAMPLES / "broken" / "french.txt", folder / "french.txt")  # another language: an expected skip
    return folder


def _said(result) -> str:
    return " ".join(result.output.split())


def test_a_recode_says_recoded_and_replaced_not_added(tmp_path):
    corpus, db = _corpus(tmp_path / "news"), str(tmp_path / "news.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output  # a skipped French article is no failure
    assert "2 article(s) added" in _said(first) and "re-coded" not in _said(first)
    assert "0 error(s), 1 notice(s)" in _said(first)
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert "0 article(s) added" in _said(again) and "2 already stored" in _said(again)
    recoded = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--recode"])
    assert recoded.exit_code == 0, recoded.output
    assert "0 article(s) added, 2 re-coded (2 stored version(s) replaced)" in _said(recoded)


def test_a_real_failure_still_exits_1(tmp_path):
    corpus = _corpus(tmp_path / "news")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "1 error(s), 1 notice(s)" in _said(result)
