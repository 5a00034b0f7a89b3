"""Query commands over a stored database (`events`, `actors`, `quotes`, `articles`, `figures`) and `export`."""

from __future__ import annotations

from typing import Annotated

import typer

from multipolar import settings
from multipolar.cli.commands import app
from multipolar.cli.output import OUTPUT_FORMATS, console, err_console, print_errors, print_rows
from multipolar.errors import Errors, MultipolarError
from multipolar.records import CUE_CLASSES
from multipolar.store import FORMATS, export_tables, open_store

DbOption = Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")]
SinceOption = Annotated[str | None, typer.Option("--since", help="First date (ISO), inclusive.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last date (ISO), inclusive.")]
SiteOption = Annotated[str | None, typer.Option("--site", help="Article source name or URL contains this.")]
TextOption = Annotated[str | None, typer.Option("--text", help="Text search (case-insensitive).")]
LimitOption = Annotated[int, typer.Option("--limit", help="Rows to show.")]
OffsetOption = Annotated[int, typer.Option("--offset", help="Rows to skip.")]


def _check_format(fmt: str) -> None:
    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")


def _code_filter(value: str | None, option: str) -> str | None:
    """Return an actor filter for the store: codes (RUS, RUSGOV, IGO) as given, names resolved to their code.

    ``Russia`` becomes ``RUS`` (said on stderr); an unknown name exits with E610 and close matches.
    """
    if value is None:
        return None
    text = value.strip()
    if text.isupper() and text.isalnum() and len(text) >= 3:
        return text  # a code or code prefix: the store matches it as it is
    from multipolar.analysis.names import resolve_actor

    try:
        resolved = resolve_actor(text)
    except MultipolarError as exc:
        print_errors([str(exc)])
        raise typer.Exit(1) from exc
    err_console.print(f"[dim]{option} {resolved.note()}[/dim]")
    return resolved.code


def _type_filter(value: str | None) -> str | None:
    """Return the PLOVER type named by ``value``; an unknown type exits with E611 and the closest types."""
    if value is None:
        return None
    from multipolar.analysis.names import resolve_type

    try:
        return resolve_type(value)
    except MultipolarError as exc:
        print_errors([str(exc)])
        raise typer.Exit(1) from exc


def _store(db: str | None):
    return open_store(db or settings.get("db"), read_only=True)


@app.command("events")
def events_command(
    actor: Annotated[str | None, typer.Option("--actor", help="Country (RUS) or actor code prefix (RUSGOV, IGO) on either side.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source country or code prefix.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Target country or code prefix.")] = None,
    plover: Annotated[str | None, typer.Option("--type", "--plover", help="PLOVER event type (ASSAULT, AGREE, ...).")] = None,
    cameo: Annotated[str | None, typer.Option("--cameo", help="CAMEO code prefix (19, 057, ...).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: SiteOption = None,
    text: TextOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    timing: Annotated[str, typer.Option("--timing", help="current (counted by the analyses) | history | future | any")] = "current",
    modality: Annotated[
        str, typer.Option("--modality", help="asserted (counted by the analyses) | any | negated | one modality (threatened, ...)")
    ] = "asserted",
    domestic: Annotated[bool, typer.Option("--domestic", help="Include domestic events (one country on both sides).")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Every stored event: any timing and modality, domestic too.")] = False,
) -> None:
    """List stored events matching the filters, newest first.

    By default only the events the analyses count: asserted, timing "current" inside the
    article's time, international; how many others match is said on stderr (--all shows them).
    --actor, --source and --target take codes or code prefixes (RUS, RUSGOV, IGO) or names
    (Russia, the United Nations); --type takes a PLOVER type in any case.
    """
    from multipolar.analysis.base import ALL_EVENTS, TIMINGS, EventScope

    _check_format(fmt)
    if timing not in (*TIMINGS, "any"):
        raise typer.BadParameter(f"--timing must be one of {', '.join((*TIMINGS, 'any'))}, not {timing!r}")
    actor, source, target = (_code_filter(actor, "--actor"), _code_filter(source, "--source"),
                             _code_filter(target, "--target"))
    plover = _type_filter(plover)
    scope = ALL_EVENTS if show_all else EventScope(
        timing=None if timing == "any" else timing, modality=None if modality == "any" else modality.lower(),
        domestic=domestic)
    filters = {"actor": actor, "source": source, "target": target, "plover": plover, "cameo": cameo,
               "since": since, "until": until, "site": site, "text": text}
    with _store(db) as store:
        rows = store.events(**filters, limit=limit, offset=offset, scope=scope).to_dicts()
        hidden = store.hidden_events(**filters, scope=scope)
    columns = None if fmt != "table" else [
        "date", "source_code", "plover", "cameo", "target_code", "sentence",
    ]
    print_rows(rows, fmt, columns, title="events")
    if hidden:
        err_console.print(f"[dim]{hidden_note(hidden)}[/dim]", highlight=False)


#: The hidden-event reasons in words (``EventScope``), for the note under an event listing.
HIDDEN_WORDS = {"not_asserted": "not asserted", "history_future": "history/future",
                "out_of_time": "dated outside their article's time", "domestic": "domestic",
                "counted": "counted by the analyses"}


def hidden_note(hidden: dict[str, int], hint: str = "--all shows them; the analyses count only the listed kind") -> str:
    """Return the note on events a listing hides: "12 more event(s) match, hidden: 9 history/future, 3 domestic (HINT)"."""
    total = sum(hidden.values())
    parts = ", ".join(f"{n:,} {HIDDEN_WORDS.get(reason, reason)}"
                      for reason, n in sorted(hidden.items(), key=lambda item: (-item[1], item[0])) if n)
    return f"{total:,} more event(s) match, hidden: {parts} ({hint})"


@app.command("actors")
def actors_command(
    code: Annotated[str | None, typer.Option("--code", help="Actor code prefix (RUSGOV, IGO).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 country.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="country | person | organisation | place | group | reference")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: SiteOption = None,
    text: TextOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List stored actor mentions matching the filters."""
    _check_format(fmt)
    with _store(db) as store:
        rows = store.actors(
            code=code, country=country, kind=kind, since=since, until=until, site=site, text=text,
            limit=limit, offset=offset,
        ).to_dicts()
    columns = None if fmt != "table" else ["article_id", "text", "code", "country", "sector", "kind", "name", "role", "rule"]
    print_rows(rows, fmt, columns, title="actors")


def _cue_classes(value: str | None) -> list[str] | None:
    """Return the attribution classes named in ``--class`` (comma list); exit with E404 on an unknown one."""
    if not value:
        return None
    classes = [c.strip().lower() for c in value.split(",") if c.strip()]
    unknown = [c for c in classes if c not in CUE_CLASSES]
    if unknown:
        raise typer.BadParameter(Errors.E401.format(value=", ".join(unknown), known=", ".join(CUE_CLASSES)))
    return classes


@app.command("quotes")
def quotes_command(
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker code prefix (RUSGOV), country or name.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct | partial | indirect")] = None,
    cue_class: Annotated[
        str | None,
        typer.Option("--class", help="Attribution classes to keep, comma-separated: speech,stance,cognition,document."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: SiteOption = None,
    text: TextOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List stored quotes matching the filters."""
    _check_format(fmt)
    classes = _cue_classes(cue_class)
    with _store(db) as store:
        rows = store.quotes(
            speaker=speaker, kind=kind, since=since, until=until, site=site, text=text, limit=limit, offset=offset,
            cue_class=classes,
        ).to_dicts()
    columns = None if fmt != "table" else [
        "speaker_name", "speaker_text", "speaker_code", "kind", "cue_class", "cue", "medium_text", "text"
    ]
    print_rows(rows, fmt, columns, title="quotes")


@app.command("figures")
def figures_command(
    kind: Annotated[str | None, typer.Option("--kind", help="killed | wounded | displaced | arrested | deployed | money")] = None,
    who: Annotated[str | None, typer.Option("--who", help="Actor code prefix the figure concerns.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List stored figures (people killed, displaced, ...; money amounts)."""
    _check_format(fmt)
    with _store(db) as store:
        rows = store.figures(kind=kind, who=who, since=since, until=until, limit=limit, offset=offset).to_dicts()
    columns = None if fmt != "table" else ["article_id", "kind", "count", "qualifier", "who", "unit", "text"]
    print_rows(rows, fmt, columns, title="figures")


@app.command("articles")
def articles_command(
    actor: Annotated[str | None, typer.Option("--actor", help="Articles mentioning this actor code or country.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    site: SiteOption = None,
    text: TextOption = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List stored articles matching the filters (--actor: a code, code prefix or name)."""
    _check_format(fmt)
    actor = _code_filter(actor, "--actor")
    with _store(db) as store:
        rows = store.articles(
            since=since, until=until, site=site, text=text, actor=actor, limit=limit, offset=offset
        ).to_dicts()
    columns = None if fmt != "table" else ["id", "date", "source", "title", "url", "near_duplicate_of"]
    print_rows(rows, fmt, columns, title="articles")


@app.command("export")
def export_command(
    out: Annotated[str, typer.Option("--out", help="Folder to write the files into.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | jsonl | parquet")] = "csv",
    table: Annotated[list[str] | None, typer.Option("--table", help="Only these tables (repeatable); 'gdelt' is the GDELT-like event table.")] = None,
    db: DbOption = None,
) -> None:
    """Export the stored tables (and a GDELT-like event table) as CSV, JSON Lines or Parquet."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    with _store(db) as store:
        try:
            files = export_tables(store, out, fmt, table or None)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    for path in files:
        console.print(f"wrote {path}")
