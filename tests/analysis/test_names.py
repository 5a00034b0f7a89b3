"""Actor and type parameters as names or codes; unknown ones are coded errors with close matches."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from multipolar.analysis.names import actor_name, resolve_actor, resolve_type, type_suggestions
from multipolar.cli import app
from multipolar.errors import MultipolarError

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "code"),
    [("RUS", "RUS"), ("rus", "RUS"), ("Russia", "RUS"), ("russia", "RUS"), ("Russian", "RUS"),
     ("the United States", "USA"), ("United Kingdom", "GBR"), ("Britain", "GBR"), ("UN", "IGOUNO"),
     ("United Nations", "IGOUNO"), ("IGOUNO", "IGOUNO"), ("RUSGOV", "RUS"), ("USAMIL", "USA")],
)
def test_names_and_codes_resolve_to_the_analysis_key(text, code):
    resolved = resolve_actor(text)
    assert resolved.code == code
    assert resolved.how and code in resolved.note()


def test_an_actor_code_explains_that_analyses_group_by_country():
    resolved = resolve_actor("RUSGOV")
    assert resolved.changed and "by country" in resolved.how
    assert not resolve_actor("RUS").changed
    assert actor_name("RUS") == "Russia" and actor_name("XXX") is None


@pytest.mark.parametrize(("text", "suggested"), [("Frnace", "FRA"), ("Germny", "DEU"), ("Rusia", "RUS")])
def test_unknown_actors_list_close_matches(text, suggested):
    with pytest.raises(MultipolarError) as caught:
        resolve_actor(text)
    assert str(caught.value).startswith("[E610]") and suggested in str(caught.value)


def test_codes_known_only_to_the_database_are_accepted():
    assert resolve_actor("XKX", known_codes=["XKX"]).code == "XKX"
    with pytest.raises(MultipolarError):
        resolve_actor("QQQ")


@pytest.mark.parametrize(
    ("text", "expected"), [("ATTACK", "ASSAULT"), ("attacks", "ASSAULT"), ("bombing", "ASSAULT"),
                           ("sanctions", "SANCTION"), ("meeting", "CONSULT"), ("ATACK", "ASSAULT"),
                           ("demand", "REQUEST"), ("ASAULT", "ASSAULT")],
)
def test_unknown_types_suggest_the_closest_type(text, expected):
    with pytest.raises(MultipolarError) as caught:
        resolve_type(text)
    assert str(caught.value).startswith("[E611]")
    assert type_suggestions(text)[0] == expected
    assert f"did you mean {expected}" in str(caught.value)


def test_types_in_any_case():
    assert resolve_type("assault") == "ASSAULT" and resolve_type(" Agree ") == "AGREE"


def test_cli_resolves_names_and_refuses_unknown_ones(world_db):
    result = runner.invoke(app, ["dyads", "--actor", "Russia", "--db", world_db])
    assert result.exit_code == 0, result.output
    assert "'Russia' -> RUS" in result.stderr and "USA" in result.stdout
    result = runner.invoke(app, ["dyads", "--actor", "RUSGOV", "--db", world_db])
    assert result.exit_code == 0 and "USA" in result.stdout and "RUSGOV" in result.stderr
    result = runner.invoke(app, ["events", "--type", "ATTACK", "--db", world_db])
    assert result.exit_code == 1 and "E611" in result.stderr and "ASSAULT" in result.stderr
    result = runner.invoke(app, ["profile", "Frnace", "--db", world_db])
    assert result.exit_code == 1 and "E610" in result.stderr and "FRA" in result.stderr
    result = runner.invoke(app, ["events", "--actor", "russia", "--type", "assault", "--db", world_db])
    assert result.exit_code == 0 and "ASSAULT" in result.stdout


def _widths(text: str) -> list[int]:
    return [len(line) for line in text.splitlines()]


@pytest.mark.parametrize(
    "args",
    [["dyads"], ["dyads", "--by", "month", "--actor", "RUS"], ["polarity", "--by", "month"], ["blocs"],
     ["events", "--limit", "5"], ["profile", "USA"], ["network"]],
)
def test_tables_fit_80_columns_and_never_split_codes_or_dates(world_db, args):
    result = runner.invoke(app, [*args, "--db", world_db], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(_widths(result.stdout)) <= 80
    lines = result.stdout.splitlines()
    for line in lines:
        for cell in line.split("│"):
            word = cell.strip()
            if word[:2] == "20" and "-" in word:  # a date cell is whole: 2024-01-01
                assert len(word) == 10, line
    assert not any(line.strip("│ ").startswith(("SA", "US")) and len(line.strip("│ ")) == 1 for line in lines)
