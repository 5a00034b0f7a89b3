"""The scale benchmark's share of reading and glue: one instrumented `code` run, left as it was found."""

from __future__ import annotations

import json

from benchmark_scripts import load_benchmark_script
from multipolar import nlp, pipeline


def test_glue_seconds_splits_one_run_and_restores_the_pipeline(tmp_path):
    bench = load_benchmark_script("bench_scale")
    shard = tmp_path / "shard-00000.jsonl"
    texts = [
        "Russia and China signed a trade agreement in Moscow on Tuesday, the foreign ministry said.",
        "Police arrested 12 protesters outside parliament, officials said.",
    ]
    shard.write_text("".join(json.dumps({"id": f"t{n}", "text": t}) + "\n" for n, t in enumerate(texts)), "utf-8")
    ours = nlp.load_pipeline()
    stages = [pipeline.find_actors, pipeline.code_events, pipeline.extract_quotes, pipeline.extract_figures]
    whole, parse, coding = bench.glue_seconds(ours, [shard])
    assert parse > 0
    assert coding >= 0
    assert parse + coding <= whole
    assert "pipe" not in vars(ours)  # the pipeline's own nlp.pipe again
    assert [pipeline.find_actors, pipeline.code_events, pipeline.extract_quotes, pipeline.extract_figures] == stages
