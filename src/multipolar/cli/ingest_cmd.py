"""`multipolar ingest`, `multipolar demo` and `multipolar summary`: fill a database and describe it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from multipolar import settings
from multipolar.cli.commands import app
from multipolar.cli.output import console, print_errors

if TYPE_CHECKING:
    from multipolar.store import Store
    from multipolar.workflow import Progress as RunProgress
    from multipolar.workflow import RunSummary

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

DbOption = Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")]


def _run_with_progress(
    paths: list[str],
    store: Store | None,
    input_format: str | None,
    date: str | None,
    workers: int = 1,
    dask: str | None = None,
    out_parquet: str | None = None,
    recode: bool = False,
) -> RunSummary:
    progress = Progress(
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[articles]} articles · {task.fields[rate]:.1f} art/s · "
                   "[red]{task.fields[errors]} errors[/red] · {task.fields[notices]} notices"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    with progress:
        task = progress.add_task("ingest", total=None, articles=0, errors=0, notices=0, rate=0.0)

        def update(report: RunProgress) -> None:
            elapsed = progress.tasks[task].elapsed or 0.0
            progress.update(
                task,
                total=report.files_total,
                completed=report.files_done,
                articles=report.articles,
                errors=report.errors,
                notices=report.notices,
                rate=(report.articles / elapsed) if elapsed else 0.0,
            )

        if dask:
            from multipolar.scale import ingest_dask

            return ingest_dask(
                paths, store, dask=dask, out_parquet=out_parquet, input_format=input_format,
                default_date=date, recode=recode, on_progress=update,
            )
        from multipolar.workflow import ingest_paths

        return ingest_paths(
            paths, store, input_format=input_format, default_date=date, on_progress=update,
            workers=workers, recode=recode,
        )


def _store_aggregates(store: Store) -> None:
    """Hook at the end of every ingest run (single process, --workers, --dask): store the analysis aggregates.

    Skipped when the stored ones already match the events (a run that added nothing).
    """
    import time

    from multipolar.analysis import aggregates

    started = time.perf_counter()
    written = aggregates.refresh_after_ingest(store)
    if written is not None:
        console.print(f"[dim]stored {len(written)} analysis aggregates in {time.perf_counter() - started:.1f}s[/dim]")


def _aggregates_in_fresh_process(db_path: str, overrides: dict) -> int | None:
    """Body of the fresh process of :func:`store_aggregates_apart`: return how many aggregates were stored."""
    from multipolar.analysis import aggregates
    from multipolar.store import open_store

    settings.configure(**overrides)
    with open_store(db_path) as store:
        written = aggregates.refresh_after_ingest(store)
    return None if written is None else len(written)


def store_aggregates_apart(db_path: str) -> None:
    """Store the aggregates of the database file ``db_path`` from a fresh process, once the run has closed it.

    The coding process holds the model, the knowledge base and the heap of a long run; computing
    the aggregates beside them added the analysis libraries and the aggregates' own working
    memory to the run's peak (20,000 articles: 817 MB at the end of the run against at most
    604 MB sampled while coding; the aggregates alone, in their own process, 342 MB). A fresh
    process (``spawn``: nothing inherited but the settings) keeps the two peaks apart. Skipped,
    as in-process, when the stored aggregates already match the events.
    """
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    from multipolar.errors import Errors, MultipolarError

    overrides = settings.effective()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            written = pool.submit(_aggregates_in_fresh_process, db_path, overrides).result()
        except Exception as exc:
            raise MultipolarError(Errors.E606.format(path=db_path, detail=f"{type(exc).__name__}: {exc}")) from exc
    if written is not None:
        console.print(f"[dim]stored {written} analysis aggregates in {time.perf_counter() - started:.1f}s[/dim]")


def print_run(summary: RunSummary) -> None:
    """Print the closing summary of an ingest run."""
    print_errors([e.message() for e in summary.errors])
    console.print(
        f"[bold]run {summary.run_id}[/bold]: {summary.files} file(s), {summary.documents} document(s); "
        f"[green]{summary.articles_added} article(s) added[/green], "
        + (f"[green]{summary.articles_recoded} re-coded[/green] ({summary.replaced} stored version(s) replaced), "
           if summary.articles_recoded or summary.replaced else "")
        + f"{summary.already_stored} already stored, "
        f"{summary.duplicates} duplicate(s), {summary.near_duplicates} near-duplicate(s) linked, "
        f"{summary.conflicts} id conflict(s), {summary.repeated_ids} repeated id(s), "
        f"{summary.events} event(s), {summary.quotes} quote(s), "
        f"[red]{summary.failures} error(s)[/red], "
        f"[yellow]{summary.notices} notice(s)[/yellow] (expected skips) in {summary.seconds:.1f}s "
        f"({summary.articles_per_second:.1f} articles/s)"
    )


def print_summary(store: Store, top: int = 10) -> None:
    """Print what a database holds: table counts, top dyads, recent errors."""
    counts = store.counts()
    table = Table(title=f"multipolar database {store.path}", header_style="bold cyan")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in ("articles", "sentences", "actors", "events", "quotes", "figures", "runs", "run_errors"):
        table.add_row(name, str(counts[name]))
    console.print(table)
    from multipolar import analysis
    from multipolar.cli.query_cmd import hidden_note

    hidden = store.hidden_events()
    if hidden:
        note = hidden_note(hidden, "multipolar events --all lists them")
        console.print(f"[dim]events counted by the analyses: {counts['events'] - sum(hidden.values()):,} of "
                      f"{counts['events']:,}; {note}[/dim]", highlight=False)
    # the same counting rule as every analysis: asserted, current, inside the article's time, international
    dyads = analysis.dyads(store, directed=True, limit=top)
    dyad_table = Table(title="top dyads (events the analyses count)", header_style="bold cyan")
    columns = ("source", "target", "events", "cooperation", "conflict", "goldstein_sum", "weight")
    for col in columns:
        dyad_table.add_column(col, justify="left" if col in ("source", "target") else "right")
    for row in dyads[list(columns)].itertuples(index=False):
        dyad_table.add_row(*(f"{v:g}" if isinstance(v, float) else str(v) for v in row))
    console.print(dyad_table)
    errors = store.frame(
        "SELECT origin, code, reason FROM run_errors ORDER BY run_id, origin LIMIT 20"
    )
    if len(errors):
        err_table = Table(title="input errors (first 20)", header_style="bold red")
        for col in ("origin", "code", "reason"):
            err_table.add_column(col, overflow="fold")
        for row in errors.itertuples(index=False):
            err_table.add_row(*(str(v) for v in row))
        console.print(err_table)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs; '-' reads standard input.")],
    db: DbOption = None,
    input_format: Annotated[str | None, typer.Option("--input-format", "-i", help="html | text | jsonl | rss | warc.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date (ISO) for articles that give none.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", help="Articles per batch and transaction.")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Code on this many local processes (one writer).")] = 1,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Code on Dask: a scheduler address (tcp://host:8786) or local:N for N local workers."),
    ] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", hidden=True, help="Same as --dask ADDRESS.")] = None,
    out_parquet: Annotated[
        str | None,
        typer.Option("--out-parquet", help="With --dask: leave a Parquet dataset in this folder instead of loading the database."),
    ] = None,
    recode: Annotated[
        bool, typer.Option("--recode", help="Code stored articles again; replace an id stored with other content.")
    ] = False,
) -> None:
    """Read, code and store articles; re-running on the same input stores nothing twice."""
    from multipolar.store import open_store

    settings.configure(model=model, batch_size=batch_size)
    dask = dask or scheduler
    if workers < 1:
        raise typer.BadParameter("--workers must be 1 or more")
    if out_parquet and not dask:
        raise typer.BadParameter("--out-parquet goes with --dask")
    if out_parquet:
        summary = _run_with_progress(paths, None, input_format, date, workers, dask, out_parquet, recode)
    else:
        from multipolar.store.access import IN_MEMORY

        path = db or settings.get("db")
        with open_store(path) as store:
            summary = _run_with_progress(paths, store, input_format, date, workers, dask, out_parquet, recode)
            if store.path == IN_MEMORY:  # nothing outlives this process: store them here
                _store_aggregates(store)
        if store.path != IN_MEMORY:
            store_aggregates_apart(str(store.path))
    print_run(summary)
    if summary.failures:  # expected skips alone (another language, ...) are no failure
        raise typer.Exit(code=1)


@app.command("demo")
def demo_command(
    db: Annotated[str, typer.Option("--db", help="DuckDB file to fill.")] = "multipolar-demo.duckdb",
) -> None:
    """Ingest the bundled sample corpus (its broken files included) and print the database summary."""
    from multipolar.store import open_store

    with open_store(db) as store:
        summary = _run_with_progress([str(SAMPLES)], store, None, None)
        _store_aggregates(store)
        print_run(summary)
        console.print("[dim]The sample corpus holds a few deliberately broken files; their errors are expected.[/dim]")
        print_summary(store)


@app.command("summary")
def summary_command(db: DbOption = None, top: Annotated[int, typer.Option(help="Dyads to list.")] = 10) -> None:
    """Print what a database holds: counts, top dyads and input errors."""
    from multipolar.store import open_store

    with open_store(db or settings.get("db"), read_only=True) as store:
        print_summary(store, top)
