"""The analysis commands and the standalone HTML report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multipolar.cli import app
from multipolar.web.report import write_report

runner = CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_dyads_command(world_db):
    result = runner.invoke(app, ["dyads", "--db", world_db, "--actor", "usa", "--partner", "RUS", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.output)
    assert rows == [pytest.approx(rows[0])] and rows[0]["events"] == 5 and rows[0]["conflict"] == 5


def test_blocs_and_polarity_commands(world_db):
    result = runner.invoke(app, ["blocs", "--db", world_db, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    blocs = {row["bloc"]: row["members"] for row in _jsonl(result.output)}
    assert blocs[0] == ["IND"]
    assert sorted(sorted(m) for b, m in blocs.items() if b) == [["CHN", "IRN", "PRK", "RUS"], ["DEU", "FRA", "GBR", "USA"]]
    result = runner.invoke(app, ["polarity", "--db", world_db, "--by", "quarter", "--sensitivity", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.output)
    assert [r["blocs"] for r in rows if "blocs" in r] == [2, 2]
    assert [r["freq"] for r in rows if "freq" in r] == ["month", "quarter", "year"]


def test_profile_and_network_commands(world_db):
    result = runner.invoke(app, ["profile", "USA", "--db", world_db, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.output)
    assert rows[0]["actor"] == "USA" and rows[0]["events"] == 23
    result = runner.invoke(app, ["network", "--db", world_db, "-f", "csv"])
    assert result.exit_code == 0 and result.output.startswith("source,target,events")


def test_user_errors_are_coded(world_db, tmp_path):
    result = runner.invoke(app, ["dyads", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "E603" in result.output
    result = runner.invoke(app, ["dyads", "--db", world_db, "--by", "fortnight"])
    assert result.exit_code == 1 and "E601" in result.output
    result = runner.invoke(app, ["report", "--db", world_db, "--since", "2030-01-01", "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "E604" in result.output


def test_report_is_standalone_with_chart_files(world, tmp_path):
    out = tmp_path / "report.html"
    result = write_report(world, out, since="2024-01-01", until="2024-06-30", png=False)
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") >= 5
    inline_icon = '<link rel="icon" href="data:,">'  # stops the browser asking the server for a favicon
    assert "<script" not in html and "src=" not in html and "<link" not in html.replace(inline_icon, "")
    assert "unaligned" in html and "IND" in html
    names = sorted(p.name for p in result.charts)
    assert {"network.svg", "dyads.svg", "cohesion.svg", "polarity.svg"} <= set(names)
    assert all(p.read_text(encoding="utf-8").startswith("<svg") for p in result.charts)


def test_report_command_writes_png_when_matplotlib_is_there(world_db, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out" / "r.html"
    result = runner.invoke(app, ["report", "--db", world_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    pngs = list((tmp_path / "out" / "r_charts").glob("*.png"))
    assert len(pngs) >= 4 and all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)
