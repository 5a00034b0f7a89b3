"""`multipolar ontology`: print the PLOVER types, the CAMEO codes or the CAMEO -> PLOVER mapping."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from multipolar.cli.commands import app
from multipolar.cli.output import dumps, print_errors, print_rows
from multipolar.ontology.tables import VIEWS, context_rows, table_rows

ONTOLOGY_FORMATS = ("table", "json")


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return rows with mode mappings flattened to a comma list (for the table view)."""
    return [
        {key: ", ".join(value) if isinstance(value, dict) else value for key, value in row.items()}
        for row in rows
    ]


@app.command("ontology")
def ontology_command(
    view: Annotated[str, typer.Argument(help=f"Table to print: {', '.join(VIEWS)}.")] = "plover",
    code: Annotated[
        str | None,
        typer.Option(
            "--code", help="CAMEO code or prefix (cameo, mapping) or PLOVER type (plover, mapping)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output: table or json.")] = "table",
) -> None:
    """Print the PLOVER event types, the CAMEO codes with Goldstein scores, or the mapping."""
    if view not in VIEWS:
        raise typer.BadParameter(f"{view!r} is not one of {', '.join(VIEWS)}", param_hint="VIEW")
    if fmt not in ONTOLOGY_FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not one of {', '.join(ONTOLOGY_FORMATS)}", param_hint="--format"
        )
    try:
        rows = table_rows(view, code)
    except ValueError as exc:
        print_errors([str(exc)])
        raise typer.Exit(code=1) from exc
    show_contexts = view == "plover" and code is None
    if fmt == "json":
        payload: Any = {"types": rows, "contexts": context_rows()} if show_contexts else rows
        sys.stdout.write(dumps(payload, indent=2) + "\n")
        return
    print_rows(_plain(rows), "table", title=f"ontology: {view}" + (f" ({code})" if code else ""))
    if show_contexts:
        print_rows(context_rows(), "table", title="PLOVER contexts")
