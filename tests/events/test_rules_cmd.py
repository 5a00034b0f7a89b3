"""`multipolar rules [--stats CORPUS]` and the rule steps `explain` prints."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from multipolar.cli import app
from multipolar.cli.explain_cmd import rule_steps


def test_rules_lists_every_table_with_examples():
    result = CliRunner().invoke(app, ["rules", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    tables = {row["table"] for row in rows}
    assert {"events.trigger", "events.source", "events.target", "events.modality"} <= tables
    assert all(row["example"] for row in rows)


def test_rules_stats_counts_hits_and_flags_one_sentence_rules(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Chile condemns Peru\n\nChile condemned Peru on Tuesday. Oman held talks with Qatar in Muscat.\n"
        "Kenya received weapons from Benin last week.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "--stats", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = {f"{r['table']}:{r['rule']}": r for r in map(json.loads, filter(str.strip, result.output.splitlines()))}
    assert rows["events.trigger:lexicon_verb"]["hits"] >= 1
    assert rows["events.source:giver_of_received"]["sentences"] == 1
    assert rows["events.source:giver_of_received"]["once"] is True
    assert rows["events.trigger:motion_for_event"]["hits"] == 0 and not rows["events.trigger:motion_for_event"]["once"]


def test_rules_stats_table_output_names_the_flag(tmp_path):
    (tmp_path / "b.txt").write_text("Ghana threatened to attack Togo on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "--stats", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "fire on exactly one sentence" in result.output


def test_rule_steps_split_decisions_not_patterns():
    rule = "events.frame:frame_embeds_act(threaten)+events.trigger:support_verb_event_noun[realised+verbs.yaml:noun:attack->190]+events.source:clause_subject"
    assert rule_steps(rule) == [
        "events.frame:frame_embeds_act(threaten)",
        "events.trigger:support_verb_event_noun[realised+verbs.yaml:noun:attack->190]",
        "events.source:clause_subject",
    ]
