"""`multipolar ontology` through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from multipolar.cli import app

runner = CliRunner()


def test_plover_table_lists_types_and_contexts() -> None:
    result = runner.invoke(app, ["ontology", "plover"])
    assert result.exit_code == 0, result.output
    for word in ("ASSAULT", "CONSULT", "material conflict", "PLOVER contexts", "human_security"):
        assert word in result.output


def test_plover_json_has_16_types() -> None:
    result = runner.invoke(app, ["ontology", "plover", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["types"]) == 16
    assert any(row["context"] == "cbrn" for row in payload["contexts"])


def test_cameo_code_prefix_as_json() -> None:
    result = runner.invoke(app, ["ontology", "cameo", "--code", "19", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {row["code"] for row in rows} == {
        "19",
        "190",
        "191",
        "192",
        "193",
        "194",
        "195",
        "1951",
        "1952",
        "196",
    }
    assert next(row for row in rows if row["code"] == "190")["goldstein"] == -10.0


def test_mapping_by_plover_type() -> None:
    result = runner.invoke(app, ["ontology", "mapping", "--code", "SANCTION", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {row["plover"] for row in rows} == {"SANCTION"}
    assert any(row["cameo"] == "163" and row["mode"] == "discontinue" for row in rows)


def test_mapping_falls_back_to_parent_code() -> None:
    result = runner.invoke(app, ["ontology", "mapping", "--code", "0439"])
    assert result.exit_code == 0, result.output
    assert "Host a visit" in result.output


def test_unknown_code_and_bad_arguments_fail() -> None:
    assert runner.invoke(app, ["ontology", "cameo", "--code", "9999"]).exit_code == 1
    assert runner.invoke(app, ["ontology", "verbs"]).exit_code != 0
    assert runner.invoke(app, ["ontology", "cameo", "--format", "xml"]).exit_code != 0
