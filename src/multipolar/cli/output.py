"""Rendering of records and rows for the terminal: rich tables, CSV and JSON Lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

OUTPUT_FORMATS = ("table", "csv", "jsonl")

console = Console()
err_console = Console(stderr=True)


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dumps(value: Any, indent: int | None = None) -> str:
    """Return ``value`` as JSON text (dates as ISO strings, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default, indent=indent)


def _cell(value: Any, width: int = 80) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else (dumps(value) if isinstance(value, list | dict) else str(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, title: str | None = None) -> None:
    """Print ``rows`` as a rich table, CSV or JSON Lines on standard output."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(dumps(row) + "\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c), 10_000) for c in cols})
        return
    table = Table(title=title, show_lines=False, header_style="bold cyan")
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c), 60) for c in cols))
    console.print(table)
    console.print(f"[dim]{len(rows)} row(s)[/dim]")


def print_errors(messages: Sequence[str]) -> None:
    """Print one line per error message on standard error."""
    for message in messages:
        err_console.print(f"[red]error[/red] {message}", highlight=False, markup=True, soft_wrap=True)
