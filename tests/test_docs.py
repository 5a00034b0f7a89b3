"""The README documents every command and every setting (datasette-style docs check)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from multipolar.cli import app
from multipolar.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    group = typer.main.get_command(app)
    missing = [name for name in group.commands if f"multipolar {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme():
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_readme_gives_the_two_setup_commands_and_ci_calls_the_test_one():
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
