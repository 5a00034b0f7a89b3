"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="multipolar",
    help="Turn news into event data about the international system, and measure that system.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
