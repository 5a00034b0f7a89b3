"""Rendering of records and rows for the terminal: rich tables, CSV and JSON Lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from multipolar.errors import NOTICE_CODES
from multipolar.spreadsheet import neutralise_cell

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
            writer.writerow({c: neutralise_cell(_cell(row.get(c), 10_000)) for c in cols})
        return
    table = Table(title=title, show_lines=False, header_style="bold cyan")
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c), 60) for c in cols))
    console.print(table)
    console.print(f"[dim]{len(rows)} row(s)[/dim]")


def print_errors(messages: Sequence[str]) -> None:
    """Print one line per error message on standard error; expected skips (``NOTICE_CODES``) as notices."""
    for message in messages:
        code = message.split("[", 1)[1][:4] if "[E" in message else ""
        label = "[yellow]notice[/yellow]" if code in NOTICE_CODES else "[red]error[/red]"
        err_console.print(f"{label} {escape(message)}", highlight=False, markup=True, soft_wrap=True)
