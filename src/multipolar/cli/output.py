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
    if isinstance(value, list | tuple) and all(isinstance(v, str | int | float) for v in value):
        text = ", ".join(str(v) for v in value)
    else:
        text = value if isinstance(value, str) else (dumps(value) if isinstance(value, list | dict) else str(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _csv_cell(value: Any) -> str:
    """Return ``value`` as CSV text: numbers as they are (a negative Goldstein stays a number),
    any other text neutralised when a spreadsheet would read it as a formula."""
    text = _cell(value, 10_000)
    return text if isinstance(value, int | float) else neutralise_cell(text)


#: A cell is "atomic" (a code, a date, a number, an id) when it has no space and at most this many characters:
#: such cells are never split across lines.
ATOMIC_WIDTH = 24
#: The narrowest a column of free text may become before the table is shown one record at a time.
MIN_TEXT_WIDTH = 16


def _atomic(cells: Sequence[str]) -> bool:
    return all(" " not in cell and len(cell) <= ATOMIC_WIDTH for cell in cells)


def _header(column: str) -> str:
    """Return a column name that wraps at word boundaries ("goldstein_mean" -> "goldstein mean")."""
    return column.replace("_", " ")


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, title: str | None = None) -> None:
    """Print ``rows`` as a table, CSV or JSON Lines on standard output.

    Tables fit the terminal (80 columns when it is not one): codes, dates, numbers and ids
    are never split, free text folds at word boundaries, and when even that does not fit,
    each row is printed as a block of ``column: value`` lines.
    """
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(dumps(row) + "\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in cols})
        return
    cells = {c: [_cell(row.get(c), 300) for row in rows] for c in cols}
    width = console.width
    atomic = {c: _atomic(cells[c]) for c in cols}
    needed = {
        c: max([len(v) for v in cells[c]] + [max(len(w) for w in _header(c).split() or [""])])
        for c in cols
    }
    fixed = sum(needed[c] for c in cols if atomic[c])
    free = [c for c in cols if not atomic[c]]
    borders = 3 * len(cols) + 1
    if fixed + borders + MIN_TEXT_WIDTH * len(free) > width:
        _print_records(rows, cols, cells, title)
        return
    table = Table(title=title, show_lines=bool(free), header_style="bold cyan")
    for col in cols:
        if atomic[col]:
            widest = max((len(v) for v in cells[col]), default=0)
            header = _header(col) if len(col) <= widest else "\n".join(_header(col).split())
            table.add_column(header, no_wrap=True, min_width=needed[col], overflow="ellipsis")
        else:
            table.add_column(_header(col), overflow="fold", ratio=1, min_width=MIN_TEXT_WIDTH)
    for index in range(len(rows)):
        table.add_row(*(cells[c][index] for c in cols))
    console.print(table)
    console.print(f"[dim]{len(rows)} row(s)[/dim]")


def _print_records(rows: Sequence[dict[str, Any]], cols: list[str], cells: dict[str, list[str]], title: str | None) -> None:
    """Print each row as ``column: value`` lines (values fold at word boundaries)."""
    if title:
        console.print(f"[bold]{title}[/bold]", highlight=False)
    key_width = max((len(c) for c in cols), default=0)
    for index in range(len(rows)):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="cyan", no_wrap=True, min_width=key_width)
        grid.add_column(overflow="fold")
        for col in cols:
            grid.add_row(col, cells[col][index])
        console.print(f"[dim]-- {index + 1} --[/dim]")
        console.print(grid)
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
