"""Analysis commands: `dyads`, `profile`, `network`, `blocs`, `polarity` and `report`.

Each command only parses options and calls a function of ``multipolar.analysis`` (or
``multipolar.web.report``), printing the DataFrame it returns as a table, CSV or JSON Lines.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from multipolar import analysis, settings
from multipolar.cli.app import app
from multipolar.cli.output import OUTPUT_FORMATS, console, print_errors, print_rows
from multipolar.errors import Errors, MultipolarError
from multipolar.store import open_store
from multipolar.web.data import records

DbOption = Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")]
SinceOption = Annotated[str | None, typer.Option("--since", help="First event date (ISO), inclusive.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last event date (ISO), inclusive.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")]
FreqOption = Annotated[str | None, typer.Option("--by", help="Period: day | week | month | quarter | year.")]
LimitOption = Annotated[int, typer.Option("--limit", help="Rows to show.")]


def _open(db: str | None):
    path = db or settings.get("db")
    from pathlib import Path

    if not Path(path).exists():
        raise MultipolarError(Errors.E603.format(path=path))
    return open_store(path, read_only=True)


def _show(frame: pd.DataFrame, fmt: str, title: str) -> None:
    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")
    print_rows(records(frame), fmt, title=title)


def _run(action) -> None:
    """Run ``action``; print a coded error and exit 1 on a user-facing error."""
    try:
        action()
    except MultipolarError as exc:
        print_errors([str(exc)])
        raise typer.Exit(1) from exc


@app.command("dyads")
def dyads_command(
    actor: Annotated[str | None, typer.Option("--actor", help="Keep dyads with this country or IGO code.")] = None,
    partner: Annotated[str | None, typer.Option("--partner", help="With --actor: only this pair.")] = None,
    directed: Annotated[bool, typer.Option("--directed/--undirected", help="Keep source and target apart.")] = False,
    freq: FreqOption = None,
    split: Annotated[str | None, typer.Option("--split", help="Split by plover or cameo_root.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[int, typer.Option("--min-events", help="Drop dyads with fewer events.")] = 1,
    limit: LimitOption = 50,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Count events per dyad: by PLOVER type or CAMEO root, Goldstein sum and mean, cooperation and conflict."""

    def action() -> None:
        if split not in (None, "plover", "cameo_root"):
            raise typer.BadParameter("--split must be plover or cameo_root")
        with _open(db) as store:
            frame = analysis.dyads(store, since, until, freq=freq, directed=directed, actor=actor and actor.upper(),
                                   partner=partner and partner.upper(), by=split, min_events=min_events, limit=limit)
        _show(frame, fmt, "dyads")

    _run(action)


@app.command("profile")
def profile_command(
    actor: Annotated[str, typer.Argument(help="Country (ISO3) or IGO code, e.g. RUS.")],
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 10,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Show an actor's share of world events, its partners and adversaries ranked, and its quotes."""

    def action() -> None:
        code = actor.upper()
        with _open(db) as store:
            _show(analysis.actor_summary(store, code, since, until), fmt, f"{code}: summary")
            _show(analysis.partners(store, code, since, until, limit=limit), fmt, f"{code}: partners")
            _show(analysis.adversaries(store, code, since, until, limit=limit), fmt, f"{code}: adversaries")
            quotes = analysis.actor_quotes(store, code, since, until, limit=limit)
            _show(quotes[["date", "speaker_text", "text", "article_id"]], fmt, f"{code}: quotes")

    _run(action)


@app.command("network")
def network_command(
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[int, typer.Option("--min-events", help="Drop ties with fewer events.")] = 1,
    limit: LimitOption = 100,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """List the signed ties of the relation network (cooperation positive, conflict negative)."""

    def action() -> None:
        with _open(db) as store:
            edges = analysis.relation_edges(store, since, until, min_events=min_events)
        _show(edges.head(limit), fmt, "network")

    _run(action)


@app.command("blocs")
def blocs_command(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: FreqOption = None,
    penalty: Annotated[float, typer.Option("--negative-penalty", help="Cost of conflict inside a bloc.")] = 1.0,
    min_alignment: Annotated[float, typer.Option("--min-alignment", help="Below this share of its cooperation inside its bloc an actor is unaligned.")] = 0.6,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Detect blocs by signed community detection; with --by, show each bloc's cohesion per period."""

    def action() -> None:
        with _open(db) as store:
            graph = analysis.relation_network(store, since, until)
            members = analysis.detect_blocs(graph, negative_penalty=penalty, min_alignment=min_alignment)
            _show(analysis.bloc_summary(members, graph), fmt, "blocs")
            if fmt == "table":
                console.print("[dim]bloc 0 lists the unaligned actors; it is not a bloc.[/dim]")
            if freq:
                _show(analysis.bloc_cohesion(store, members, since, until, freq=freq), fmt, f"cohesion by {freq}")

    _run(action)


@app.command("polarity")
def polarity_command(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: FreqOption = "quarter",
    sensitivity: Annotated[bool, typer.Option("--sensitivity", help="Also compare month, quarter and year.")] = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Measure polarity per period: effective number of poles, within/across-bloc shares, balance."""

    def action() -> None:
        with _open(db) as store:
            _show(analysis.polarity(store, since, until, freq=freq), fmt, f"polarity by {freq}")
            if sensitivity:
                _show(analysis.polarity_sensitivity(store, since, until), fmt, "sensitivity to the period length")

    _run(action)


@app.command("report")
def report_command(
    out: Annotated[str, typer.Option("--out", "-o", help="HTML file to write.")] = "report.html",
    since: SinceOption = None,
    until: UntilOption = None,
    freq: Annotated[str, typer.Option("--by", help="Period of the dyad series.")] = "month",
    png: Annotated[bool, typer.Option("--png/--no-png", help="Also write PNG charts (needs matplotlib).")] = True,
    db: DbOption = None,
) -> None:
    """Write a standalone HTML report (inline SVG charts) and each chart as SVG/PNG beside it."""
    from multipolar.web.report import write_report

    def action() -> None:
        with _open(db) as store:
            result = write_report(store, out, since, until, freq=freq, png=png)
        kinds = "SVG and PNG" if result.png else ("SVG (install matplotlib for PNG)" if png else "SVG")
        console.print(f"wrote {result.html} and {len(result.charts)} chart files ({kinds}) in {result.charts[0].parent}")

    _run(action)
