"""Analysis commands: `dyads`, `profile`, `network`, `blocs`, `polarity` and `report`.

Each command only parses options and calls a function of ``multipolar.analysis`` (or
``multipolar.web.report``), printing the DataFrame it returns as a table, CSV or JSON Lines.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from multipolar import analysis, settings
from multipolar.cli.commands import app
from multipolar.cli.output import OUTPUT_FORMATS, console, err_console, print_errors, print_rows
from multipolar.errors import Errors, MultipolarError
from multipolar.store import open_store
from multipolar.web.data import records

DbOption = Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")]
SinceOption = Annotated[str | None, typer.Option("--since", help="First event date (ISO), inclusive.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last event date (ISO), inclusive.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")]
FreqOption = Annotated[str | None, typer.Option("--by", help="Period: day | week | month | quarter | year.")]
LimitOption = Annotated[int, typer.Option("--limit", help="Rows to show.")]
DomesticOption = Annotated[
    bool, typer.Option("--domestic", help="Also count domestic events (source and target in one country).")
]


def resolve_actor_option(value: str | None, option: str = "--actor") -> str | None:
    """Return the analysis key for an actor option given as a name or code, telling stderr how it was read.

    Raises the coded E610 error (with close matches) for an unknown actor.
    """
    if value is None:
        return None
    from multipolar.analysis.names import resolve_actor

    resolved = resolve_actor(value)
    if resolved.changed:
        err_console.print(f"[dim]{option} {resolved.note()}[/dim]")
    return resolved.code


def _open(db: str | None):
    path = db or settings.get("db")
    from pathlib import Path

    if not Path(path).exists():
        raise MultipolarError(Errors.E603.format(path=path))
    return open_store(path, read_only=True)


#: Columns a terminal table shows of a dyad table (CSV and JSON Lines give every column).
DYAD_TABLE_COLUMNS = ("source", "target", "category", "events", "cooperation", "conflict", "goldstein_mean",
                      "weight")
#: The same split by period (the Goldstein mean gives way to the period).
DYAD_PERIOD_TABLE_COLUMNS = ("period", "source", "target", "category", "events", "cooperation", "conflict", "weight")
#: Columns a terminal table shows of a polarity table.
POLARITY_TABLE_COLUMNS = ("period", "status", "events", "actors", "blocs", "unaligned", "poles", "balance")


def _show(frame: pd.DataFrame, fmt: str, title: str, table_columns: tuple[str, ...] | None = None) -> None:
    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")
    columns = None
    if fmt == "table" and table_columns:
        columns = [c for c in table_columns if c in frame.columns]
    print_rows(records(frame), fmt, columns, title=title)


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
    domestic: DomesticOption = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Count events per dyad: by PLOVER type or CAMEO root, Goldstein sum and mean, cooperation and conflict.

    --actor and --partner take names or codes (Russia, RUS, RUSGOV -> RUS, UN -> IGOUNO).
    """

    def action() -> None:
        if split not in (None, "plover", "cameo_root"):
            raise typer.BadParameter("--split must be plover or cameo_root")
        actor_key = resolve_actor_option(actor, "--actor")
        partner_key = resolve_actor_option(partner, "--partner")
        with _open(db) as store:
            frame = analysis.dyads(store, since, until, freq=freq, directed=directed, actor=actor_key,
                                   partner=partner_key, by=split, min_events=min_events, limit=limit,
                                   domestic=domestic)
        _show(frame, fmt, "dyads", DYAD_PERIOD_TABLE_COLUMNS if freq else DYAD_TABLE_COLUMNS)

    _run(action)


@app.command("profile")
def profile_command(
    actor: Annotated[str, typer.Argument(help="Country or organisation name or code: Russia, RUS, IGOUNO.")],
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 10,
    domestic: DomesticOption = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Show an actor's share of world events, its partners and adversaries ranked, and its quotes."""

    def action() -> None:
        code = resolve_actor_option(actor, "actor")
        with _open(db) as store:
            _show(analysis.actor_summary(store, code, since, until, domestic=domestic), fmt, f"{code}: summary")
            _show(analysis.partners(store, code, since, until, limit=limit, domestic=domestic), fmt,
                  f"{code}: partners")
            _show(analysis.adversaries(store, code, since, until, limit=limit, domestic=domestic), fmt,
                  f"{code}: adversaries")
            quotes = analysis.actor_quotes(store, code, since, until, limit=limit)
            _show(quotes[["date", "speaker_text", "text", "article_id"]], fmt, f"{code}: quotes")

    _run(action)


@app.command("network")
def network_command(
    since: SinceOption = None,
    until: UntilOption = None,
    min_events: Annotated[int, typer.Option("--min-events", help="Drop ties with fewer events.")] = 1,
    limit: LimitOption = 100,
    domestic: DomesticOption = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """List the signed ties of the relation network (cooperation positive, conflict negative)."""

    def action() -> None:
        with _open(db) as store:
            edges = analysis.relation_edges(store, since, until, min_events=min_events, domestic=domestic)
        _show(edges.head(limit), fmt, "network")

    _run(action)


@app.command("blocs")
def blocs_command(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: FreqOption = None,
    penalty: Annotated[float, typer.Option("--negative-penalty", help="Cost of conflict inside a bloc.")] = 1.0,
    min_alignment: Annotated[float, typer.Option("--min-alignment", help="Below this share of its cooperation inside its bloc an actor is unaligned.")] = 0.6,
    stability: Annotated[int, typer.Option("--stability", help="Bootstrap resamples for each actor's bloc stability (0: none).")] = 0,
    domestic: DomesticOption = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Detect blocs by signed community detection; with --by, show each bloc's cohesion per period."""

    def action() -> None:
        options = {k: v for k, v in (("negative_penalty", penalty), ("min_alignment", min_alignment))
                   if v != {"negative_penalty": 1.0, "min_alignment": 0.6}[k]}
        with _open(db) as store:
            graph = analysis.relation_network(store, since, until, domestic=domestic)
            members = analysis.blocs(store, since, until, domestic=domestic, **options)
            _show(analysis.bloc_summary(members, graph), fmt, "blocs")
            if fmt == "table":
                console.print("[dim]bloc 0 lists the unaligned actors; it is not a bloc.[/dim]")
            if stability:
                table = analysis.bloc_stability(store, since, until, samples=stability, domestic=domestic, **options)
                _show(table, fmt, f"bloc stability over {stability} bootstrap resamples of the events")
            if freq:
                _show(analysis.bloc_cohesion(store, members, since, until, freq=freq, domestic=domestic), fmt,
                      f"cohesion by {freq}")

    _run(action)


@app.command("polarity")
def polarity_command(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: FreqOption = "quarter",
    sensitivity: Annotated[bool, typer.Option("--sensitivity", help="Also compare month, quarter and year.")] = False,
    stability: Annotated[int, typer.Option("--stability", help="Bootstrap resamples for an interval on the number of poles over the window (0: none).")] = 0,
    min_period_events: Annotated[int | None, typer.Option("--min-period-events", help="Periods with fewer events get no measures (setting 'min_period_events').")] = None,
    domestic: DomesticOption = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Measure polarity per period: effective number of poles, within/across-bloc shares, balance.

    Periods with fewer events than --min-period-events are listed as "too few events".
    """

    def action() -> None:
        with _open(db) as store:
            _show(analysis.polarity(store, since, until, freq=freq, domestic=domestic,
                                    min_period_events=min_period_events), fmt, f"polarity by {freq}",
                  POLARITY_TABLE_COLUMNS)
            if stability:
                _show(analysis.poles_interval(store, since, until, samples=stability, domestic=domestic), fmt,
                      f"effective number of poles over the window, {stability} bootstrap resamples")
            if sensitivity:
                _show(analysis.polarity_sensitivity(store, since, until, domestic=domestic), fmt,
                      "sensitivity to the period length")

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


@app.command("refresh")
def refresh_command(
    db: DbOption = None,
    samples: Annotated[int, typer.Option("--stability", help="Bootstrap resamples stored for bloc stability.")] = 30,
    domestic: Annotated[bool, typer.Option("--domestic", help="Also store the results including domestic events.")] = False,
) -> None:
    """Compute and store the analysis aggregates (blocs, polarity, edges per period) so pages and commands answer fast.

    Ingest does this at the end of a run; run it by hand after changing settings such as
    min_period_events, or on a database written by an older version.
    """

    def action() -> None:
        import time

        path = db or settings.get("db")
        from pathlib import Path

        if not Path(path).exists():
            raise MultipolarError(Errors.E603.format(path=path))
        started = time.perf_counter()
        with open_store(path) as store:
            written = analysis.refresh_aggregates(store, domestic_too=domestic, stability_samples=samples)
        console.print(f"stored {len(written)} aggregate results in {time.perf_counter() - started:.1f} s")

    _run(action)
