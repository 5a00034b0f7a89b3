"""`multipolar explain FILE`: the highlighted, rule-by-rule view of an article's events."""

from __future__ import annotations

from typer.testing import CliRunner

from multipolar.cli import app
from multipolar.cli.explain_cmd import event_line, highlighted_sentence
from multipolar.records import ActorRef, Event, Sentence


def _event() -> Event:
    return Event(
        id="e1", article_id="a", sentence_index=0, plover="ACCUSE", cameo="111", goldstein=-2.0,
        source=ActorRef("FRA", "FRA", None, "France", start=0, end=6),
        target=ActorRef("RUS", "RUS", None, "Russia", start=17, end=23),
        trigger="condemned", trigger_start=7, trigger_end=16, sentence="France condemned Russia.",
        rule="verbs.yaml:verb:condemn->111",
    )


def test_highlighted_sentence_styles_the_spans():
    text = highlighted_sentence(Sentence("a", 0, 0, 24, "France condemned Russia."), [_event()])
    styled = {(span.start, span.end, str(span.style)) for span in text.spans}
    assert (0, 6, "bold cyan") in styled
    assert (17, 23, "bold magenta") in styled
    assert (7, 16, "bold yellow underline") in styled


def test_event_line_names_code_and_rule():
    line = event_line(_event()).plain
    assert "FRA —ACCUSE→ RUS" in line
    assert "CAMEO 111" in line and "Goldstein -2" in line
    assert "rule verbs.yaml:verb:condemn->111" in line


def test_explain_command_on_a_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "France condemns Russian strikes\n\nFrance condemned Russia on Tuesday after the attack on Kyiv.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["explain", str(path), "--date", "2024-05-16"])
    assert result.exit_code == 0, result.output
    assert "ACCUSE" in result.output and "rule events.trigger:lexicon_verb" in result.output
    assert "2024-05-14" in result.output  # "on Tuesday" before Thursday 16 May


def test_explain_command_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1
