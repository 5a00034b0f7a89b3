"""`multipolar explain FILE`: show why each event was coded, sentence by sentence.

Every sentence that produced events is printed with its source (cyan), target (magenta),
trigger (yellow) and place (green) highlighted, followed by one line per event: who did what to
whom, the CAMEO code with its name and Goldstein score, modality, date, place and the rule that
fired.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text

from multipolar.cli.commands import app
from multipolar.cli.output import console, print_errors
from multipolar.records import CodedArticle, Event, Sentence

SOURCE_STYLE = "bold cyan"
TARGET_STYLE = "bold magenta"
TRIGGER_STYLE = "bold yellow underline"
PLACE_STYLE = "green"


def _cameo_name(code: str | None) -> str:
    """Return the CAMEO code's name from the ontology, or an empty string."""
    if not code:
        return ""
    from multipolar import ontology

    entry = ontology.cameo(code)
    return entry.name if entry is not None else ""


def highlighted_sentence(sentence: Sentence, events: list[Event]) -> Text:
    """Return the sentence as rich ``Text`` with the events' spans styled."""
    text = Text(sentence.text.rstrip())

    def mark(start: int | None, end: int | None, style: str) -> None:
        """Style the article span ``start:end`` when it lies inside this sentence."""
        if start is None or end is None:
            return
        left, right = start - sentence.start, end - sentence.start
        if 0 <= left < right <= len(text.plain):
            text.stylize(style, left, right)

    for event in events:
        if event.location is not None:
            mark(event.location.start, event.location.end, PLACE_STYLE)
        if event.source is not None:
            mark(event.source.start, event.source.end, SOURCE_STYLE)
        if event.target is not None:
            mark(event.target.start, event.target.end, TARGET_STYLE)
        mark(event.trigger_start, event.trigger_end, TRIGGER_STYLE)
    return text


def event_line(event: Event) -> Text:
    """Return one event as a readable line: source -PLOVER/CAMEO-> target, then the details."""
    line = Text()
    line.append(event.source.code or event.source.text if event.source else "?", SOURCE_STYLE)
    name = _cameo_name(event.cameo)
    verb = f" —{event.plover}{' (negated)' if event.negated else ''}→ "
    line.append(verb, "bold")
    line.append(event.target.code or event.target.text if event.target else "-", TARGET_STYLE)
    goldstein = f", Goldstein {event.goldstein:+g}" if event.goldstein is not None else ""
    line.append(f"   CAMEO {event.cameo or '?'} {name}{goldstein}", "dim")
    details = [f"modality {event.modality}"]
    if event.mode:
        details.append(f"mode {event.mode}")
    if event.date:
        details.append(f"date {event.date}")
    if event.location is not None:
        where = event.location.name + (f" ({event.location.country})" if event.location.country else "")
        if event.location.latitude is not None and event.location.longitude is not None:
            where += f" {event.location.latitude:.2f},{event.location.longitude:.2f}"
        details.append(f"place {where}")
    if event.timing != "current":
        details.append(f"timing {event.timing}")
    if event.domestic is not None:
        details.append("domestic" if event.domestic else "international")
    if event.mentions > 1:
        details.append(f"reported {event.mentions} times")
    line.append("\n    " + " · ".join(details))
    for decision in rule_steps(event.rule):
        line.append(f"\n    rule {decision}", "italic dim")
    return line


def rule_steps(rule: str) -> list[str]:
    """Return the decisions recorded in an event's ``rule``, one qualified rule (``table:rule``) each.

    "events.trigger:lexicon_verb[...]+events.source:clause_subject" -> two steps; a ``+`` inside a
    step's brackets (the lexicon pattern) does not split it.
    """
    return [step for step in re.split(r"\+(?=events\.|actors\.|quotes\.)", rule) if step]


def explain(coded: CodedArticle, show_all: bool = False) -> None:
    """Print the explained view of one coded article on the console."""
    article = coded.article
    header = f"[bold]{article.title or '(no title)'}[/bold]  {article.date or 'no date'}  id {article.id}"
    legend = (
        f"[{SOURCE_STYLE}]source[/] [{TARGET_STYLE}]target[/] [{TRIGGER_STYLE}]trigger[/] "
        f"[{PLACE_STYLE}]place[/]  ·  {len(coded.events)} events"
    )
    console.print(Panel(f"{header}\n{legend}", title="multipolar explain"))
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in coded.events:
        by_sentence[event.sentence_index].append(event)
    for sentence in coded.sentences:
        events = by_sentence.get(sentence.index, [])
        if not events and not show_all:
            continue
        body = Text()
        body.append_text(highlighted_sentence(sentence, events))
        for event in events:
            body.append("\n")
            body.append_text(event_line(event))
        console.print(Panel(body, title=f"sentence {sentence.index}", title_align="left",
                            border_style="yellow" if events else "dim"))
    if not coded.events:
        console.print("[dim]no events coded[/dim]")


@app.command("explain")
def explain_command(
    file: Annotated[Path, typer.Argument(help="An article: HTML or plain text.")],
    date: Annotated[str | None, typer.Option("--date", help="Article date (ISO) when the text gives none.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also show sentences without events.")] = False,
) -> None:
    """Show each coded event in its sentence: source, target, trigger, place and the rule that fired."""
    import multipolar

    try:
        content = file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print_errors([f"{file}: {exc.strerror or exc}"])
        raise typer.Exit(code=1) from exc
    coded = multipolar.code(content, date=date)
    if coded.errors:
        print_errors([e.message() for e in coded.errors])
        if not coded.article.text:
            raise typer.Exit(code=1)
    explain(coded, show_all=show_all)
