"""``multipolar kb``: look names up in the knowledge base, import dictionaries, show counts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path

import typer

from multipolar.cli.commands import app
from multipolar.errors import Errors, MultipolarError
from multipolar.kb import get_kb, import_dictionary, user_kb_dir

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base of actors: how a name resolves, importing PETRARCH/Phoenix dictionaries, counts.",
    no_args_is_help=True,
)
app.add_typer(kb_app, name="kb")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise typer.BadParameter(Errors.E205.format(value=value)) from exc


@kb_app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help="A name or description: 'Putin', 'the Kremlin', 'the president of Ukraine'."),
    date: str | None = typer.Option(None, "--date", "-d", help="Resolve roles on this date (YYYY-MM-DD)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Show how NAME resolves (code, country, sector, role on the date) and why."""
    when = _check_date(date)
    if output_format not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    resolutions = get_kb().lookup(name, when)
    if output_format == "json":
        typer.echo(json.dumps([asdict(r) for r in resolutions], ensure_ascii=False, indent=2))
    elif resolutions:
        typer.echo(f"{name!r} on {when or 'no date (latest roles)'}:")
        for r in resolutions:
            role = f"  role {r.role}" if r.role else ""
            entity = f"  entry {r.entity_id}" if r.entity_id else ""
            typer.echo(f"  {r.code or '-':<12} country {r.country or '-':<4} sector {r.sector or '-':<4} "
                       f"{r.kind:<12} rule {r.rule}{entity}{role}")
            typer.echo(f"      why: {r.why}" + (f" [{r.source}]" if r.source else ""))
    if not resolutions:
        typer.echo(Errors.E204.format(name=name, date=when or "any date"), err=True)
        raise typer.Exit(1)


@kb_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="A PETRARCH/Phoenix dictionary (.txt)."),
    kind: str = typer.Option("actors", "--kind", "-k", help="actors (names with codes) or agents (sector words)."),
) -> None:
    """Convert a PETRARCH/Phoenix actor or agent dictionary into the user knowledge base.

    The result is written as YAML to $MULTIPOLAR_KB_DIR (default ~/.multipolar/kb) and loaded
    after the bundled files from then on."""
    try:
        result = import_dictionary(file, kind=kind)
    except MultipolarError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    for problem in result.problems:
        typer.echo(problem, err=True)
    typer.echo(f"imported {len(result.entries)} {kind} entries from {file} into {result.written} "
               f"({len(result.problems)} lines skipped)")


@kb_app.command("stats")
def stats(
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Show how many countries, organisations, people, roles and names the knowledge base holds."""
    kb = get_kb()
    counts = kb.stats()
    if output_format == "json":
        typer.echo(json.dumps({"counts": counts, "files": list(kb.files), "user_dir": str(user_kb_dir()),
                               "problems": list(kb.problems)}, indent=2))
        return
    for key, value in counts.items():
        typer.echo(f"{key:<16} {value}")
    typer.echo(f"user folder      {user_kb_dir()}")
    for problem in kb.problems:
        typer.echo(problem, err=True)
