"""``multipolar kb lookup|import|stats`` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multipolar.cli.commands import app
from multipolar.kb import reset_cache

DICTIONARIES = Path(__file__).resolve().parent / "dictionaries"


@pytest.fixture()
def runner(tmp_path, monkeypatch):
    import multipolar.cli.kb_cmd  # noqa: F401  (registers the kb commands)

    monkeypatch.setenv("MULTIPOLAR_KB_DIR", str(tmp_path / "kb"))
    yield CliRunner()
    reset_cache()


def test_lookup_table_and_json(runner):
    result = runner.invoke(app, ["kb", "lookup", "the Kremlin", "--date", "2024-05-16"])
    assert result.exit_code == 0, result.output
    assert "RUSGOV" in result.output and "why:" in result.output
    result = runner.invoke(app, ["kb", "lookup", "Ukrainian refugees", "--format", "json"])
    [resolution] = json.loads(result.output)
    assert resolution["code"] == "UKRREF" and resolution["rule"] == "description"


def test_lookup_unknown_name_and_bad_date(runner):
    result = runner.invoke(app, ["kb", "lookup", "Zzyzx Qwerty"])
    assert result.exit_code == 1 and "[E204]" in result.output
    result = runner.invoke(app, ["kb", "lookup", "Russia", "--date", "16/05/2024"])
    assert result.exit_code == 2 and "E205" in result.output


def test_import_then_lookup_then_stats(runner, tmp_path):
    result = runner.invoke(app, ["kb", "import", str(DICTIONARIES / "sample.actors.txt")])
    assert result.exit_code == 0, result.output
    assert "imported 4 actors entries" in result.output and "[E201]" in result.output
    assert (tmp_path / "kb" / "people.sample.yaml").exists()
    result = runner.invoke(app, ["kb", "lookup", "Anna Vostrova", "--date", "2005-01-01", "--format", "json"])
    assert json.loads(result.output)[0]["code"] == "RUSGOV"
    result = runner.invoke(app, ["kb", "stats", "--format", "json"])
    stats = json.loads(result.output)
    assert stats["counts"]["people"] > 0 and stats["counts"]["imported actors"] == 1
    assert any(f.endswith("people.sample.yaml") for f in stats["files"])


def test_import_missing_file(runner, tmp_path):
    result = runner.invoke(app, ["kb", "import", str(tmp_path / "nope.txt"), "--kind", "agents"])
    assert result.exit_code == 2 and "[E202]" in result.output
