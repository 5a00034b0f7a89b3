"""`multipolar code`: code articles and print the result, storing nothing."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from multipolar import settings
from multipolar.cli.commands import app
from multipolar.cli.output import console, dumps, print_errors
from multipolar.records import CodedArticle, Document, IngestError


def _error_record(document: Document | None, error: IngestError) -> dict:
    return {
        "id": (document.id if document and document.id else None) or error.origin,
        "title": document.title if document else None,
        "date": document.date if document else None,
        "url": document.url if document else None,
        "language": None,
        "text": "",
        "actors": [],
        "events": [],
        "quotes": [],
        "figures": [],
        "errors": [error.message()],
    }


def _render_table(coded: CodedArticle) -> None:
    art = coded.article
    console.print(
        Panel(
            f"[bold]{art.title or '(no title)'}[/bold]\n{art.date or 'no date'} · {art.source or ''} "
            f"{art.url or ''}\n[dim]{len(art.text.split())} words, id {art.id}[/dim]",
            title="article",
        )
    )
    console.print(_table(
        "actors", ("text", "code", "kind", "name", "role", "rule"), {"code", "kind"},
        [(m.text, m.code or "?", m.kind, m.name or "", m.role or "", m.rule) for m in coded.actors],
    ))
    console.print(_table(
        "events", ("source", "plover", "cameo", "target", "trigger", "modality", "date", "place"),
        {"source", "plover", "cameo", "target", "modality", "date"},
        [
            (
                e.source.code if e.source else "-",
                e.plover + (" (neg)" if e.negated else ""),
                f"{e.cameo or ''} {e.goldstein if e.goldstein is not None else ''}".strip(),
                e.target.code if e.target else "-",
                e.trigger,
                e.modality,
                e.date or "",
                e.location.name if e.location else "",
            )
            for e in coded.events
        ],
    ))
    quotes = Table(title="quotes", header_style="bold cyan")
    for col in ("speaker", "kind", "text"):
        quotes.add_column(col, overflow="fold")
    for q in coded.quotes:
        who = (q.speaker.name or q.speaker.text) + f" [{q.speaker.code}]" if q.speaker else "?"
        quotes.add_row(who, q.kind, q.text)
    console.print(quotes)
    if coded.figures:
        figures = Table(title="figures", header_style="bold cyan")
        for col in ("kind", "count", "qualifier", "who", "text"):
            figures.add_column(col)
        for f in coded.figures:
            figures.add_row(f.kind, f"{f.count:g}", f.qualifier or "", f.who or "", f.text)
        console.print(figures)


def _table(title: str, columns: tuple[str, ...], whole: set[str], rows: list[tuple[str, ...]]) -> Table:
    """Return a table whose ``whole`` columns (codes, types, dates) are never cut or split; the
    other columns fold their text to fit the terminal."""
    table = Table(title=title, header_style="bold cyan")
    for index, column in enumerate(columns):
        if column in whole:
            width = max([len(column), *(len(row[index]) for row in rows)])
            table.add_column(column, no_wrap=True, min_width=width)
        else:
            table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


@app.command("code")
def code_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs; '-' reads standard input.")],
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help="json | jsonl | table (default: table on a terminal, else jsonl).")
    ] = None,
    input_format: Annotated[
        str | None, typer.Option("--input-format", "-i", help="html | text | jsonl | rss | warc (default: by extension or content).")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="Article date (ISO) when neither metadata nor text gives one.")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use (setting 'model').")] = None,
) -> None:
    """Code articles (actors, events, quotes, figures) and print them; nothing is stored."""
    from multipolar.workflow import code_inputs

    settings.configure(model=model)
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in ("json", "jsonl", "table"):
        raise typer.BadParameter(f"--format must be json, jsonl or table, not {fmt!r}")
    failures = 0
    collected: list[dict] = []
    for document, result in code_inputs(paths, input_format=input_format, default_date=date):
        if isinstance(result, IngestError):
            failures += 1
            print_errors([result.message()])
            record = _error_record(document, result)
        else:
            if result.errors:
                failures += 1
                print_errors([e.message() for e in result.errors])
            record = result.to_dict()
            if document is not None and document.id:
                record["id"] = document.id
        if fmt == "jsonl":
            sys.stdout.write(dumps(record) + "\n")
            sys.stdout.flush()
        elif fmt == "json":
            collected.append(record)
        elif not isinstance(result, IngestError):
            _render_table(result)
    if fmt == "json":
        sys.stdout.write(dumps(collected[0] if len(collected) == 1 else collected, indent=2) + "\n")
    if failures:
        raise typer.Exit(code=1)

