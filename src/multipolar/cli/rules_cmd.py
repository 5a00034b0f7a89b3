"""`multipolar rules [--stats CORPUS...]`: the rule tables, their examples and how often each rule fires.

Without ``--stats`` every rule of every table (``multipolar.rules.TABLES``: events, actors,
quotes) is listed with its summary and example. With ``--stats`` the corpus (files, folders,
globs, like ``code``) is coded and each rule is shown with its hit count and the number of
distinct sentences it fired on (events rules), or whose actors or quotes record it; a rule that fires on exactly one
sentence is flagged, since a rule written for one sentence is fitting, not coding.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from multipolar.cli.commands import app
from multipolar.cli.output import console, dumps, print_errors

if TYPE_CHECKING:
    from multipolar.records import CodedArticle

#: Modules that define rule tables; imported so that every table is registered.
RULE_MODULES = ("multipolar.events.coder", "multipolar.actors", "multipolar.quotes")
QUALIFIED = re.compile(r"\b((?:events|actors|quotes)\.[a-z_]+):([a-z_0-9]+)")


def load_tables() -> dict[str, Any]:
    """Import the stages that define rule tables and return ``multipolar.rules.TABLES``."""
    for module in RULE_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:  # a stage without rule tables yet
            continue
    from multipolar.rules import TABLES

    return TABLES


def recorded_rules(text: str | None) -> set[tuple[str, str]]:
    """Return the ``(table, rule)`` pairs named in a record's ``rule`` text."""
    return set(QUALIFIED.findall(text or ""))


def rule_statistics(
    paths: list[str], input_format: str | None = None, on_result: Callable[[CodedArticle], None] | None = None
) -> tuple[list[dict[str, Any]], int, int]:
    """Code ``paths`` and return one row per rule (table, rule, hits, sentences, once), the
    number of articles coded and the number of inputs that failed; ``on_result`` sees each
    coded article."""
    from multipolar.events import coder as event_coder
    from multipolar.records import IngestError
    from multipolar.rules import hit_counts, reset_counts
    from multipolar.workflow import code_inputs

    tables = load_tables()
    reset_counts()
    event_coder.track_sentences(True)
    sentences: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    articles = failures = 0
    for _document, result in code_inputs(paths, input_format=input_format):
        if isinstance(result, IngestError):
            failures += 1
            print_errors([result.message()])
            continue
        articles += 1
        if on_result is not None:
            on_result(result)
        records = [*result.events, *result.actors, *result.quotes]
        for record in records:
            index = getattr(record, "sentence_index", None)
            for pair in recorded_rules(getattr(record, "rule", None)):
                sentences[pair].add((result.article.id, -1 if index is None else index))
    for key, fired in (event_coder.SENTENCE_FIRINGS or {}).items():
        sentences[key] |= fired  # events rules: every sentence they fired on, event or not
    event_coder.track_sentences(False)
    rows = []
    for table, rule, hits in hit_counts():
        if table not in tables:
            continue
        seen = len(sentences.get((table, rule), ()))
        # a rule no record names (a filter, a modality check) is judged by its hit count
        once = seen == 1 or (seen == 0 and hits == 1)
        rows.append({"table": table, "rule": rule, "hits": hits, "sentences": seen, "once": once})
    return rows, articles, failures


@app.command("rules")
def rules_command(
    stats: Annotated[
        list[str] | None, typer.Option("--stats", help="Code this corpus (file, folder or glob; repeatable) and count hits per rule.")
    ] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", "-i", help="html | text | jsonl | rss | warc.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table | jsonl")] = "table",
) -> None:
    """List the rule tables with each rule's example, or (--stats) count how often each rule fires."""
    if output_format not in ("table", "jsonl"):
        raise typer.BadParameter(f"--format must be table or jsonl, not {output_format!r}")
    if not stats:
        tables = load_tables()
        rows = [{"table": t.name, "rule": r.name, "summary": r.summary, "example": r.example}
                for t in tables.values() for r in t.rules]
        if output_format == "jsonl":
            for row in rows:
                console.print(dumps(row), soft_wrap=True, highlight=False)
            return
        for table in tables.values():
            listing = Table(title=f"{table.name}: {table.description}", show_lines=False, expand=True)
            listing.add_column("rule", style="bold", no_wrap=True)
            listing.add_column("what it decides, and an example")
            for rule in table.rules:
                listing.add_row(rule.name, f"{rule.summary}\n[dim]{rule.example}[/dim]")
            console.print(listing)
        return
    rows, articles, failures = rule_statistics(stats, input_format)
    if output_format == "jsonl":
        for row in rows:
            console.print(dumps(row), soft_wrap=True, highlight=False)
    else:
        listing = Table(title=f"rule hits on {articles} articles", expand=False)
        for column in ("table", "rule", "hits", "sentences", "flag"):
            if column in ("hits", "sentences"):  # counts never fold or shrink; names fold (80 columns)
                listing.add_column(column, justify="right", no_wrap=True, min_width=len(column))
            else:
                listing.add_column(column, overflow="fold")
        for row in rows:
            flag = "[red]one sentence[/red]" if row["once"] else ("[dim]never[/dim]" if not row["hits"] else "")
            listing.add_row(row["table"], row["rule"], str(row["hits"]), str(row["sentences"]), flag)
        console.print(listing)
        once = sum(1 for row in rows if row["once"])
        never = sum(1 for row in rows if not row["hits"])
        console.print(f"{len(rows)} rules: {once} fire on exactly one sentence, {never} never fire")
    if failures:
        raise typer.Exit(code=1)
