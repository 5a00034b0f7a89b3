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


#: At most this many error lines are printed; the rest are counted by code in one closing line
#: (all of them stay in the database's ``run_errors`` table).
MAX_ERROR_LINES = 200


def _code_of(message: str) -> str:
    start = message.find("[E")
    end = message.find("]", start)
    return message[start + 1 : end] if start >= 0 and end > start else ""


def print_errors(messages: Sequence[str], limit: int = MAX_ERROR_LINES) -> None:
    """Print one line per error message on standard error; expected skips (``NOTICE_CODES``) as notices.

    Past ``limit`` lines, the remaining messages are summed up by code in one line.
    """
    for message in messages[:limit]:
        label = "[yellow]notice[/yellow]" if _code_of(message) in NOTICE_CODES else "[red]error[/red]"
        err_console.print(f"{label} {escape(message)}", highlight=False, markup=True, soft_wrap=True)
    rest = messages[limit:]
    if rest:
        counts: dict[str, int] = {}
        for message in rest:
            code = _code_of(message) or "other"
            counts[code] = counts.get(code, 0) + 1
        detail = ", ".join(f"{count:,} {code}" for code, count in sorted(counts.items()))
        err_console.print(
            f"[red]error[/red] ... and {len(rest):,} more ({detail}); all are in the run_errors table "
            "(multipolar summary, multipolar export --table run_errors)",
            highlight=False, markup=True, soft_wrap=True,
        )
