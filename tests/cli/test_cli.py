"""The command line end to end: code, ingest (idempotent, kill-safe), queries, export, summary."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from multipolar.cli import app

runner = CliRunner()
CONTENT_TABLES = ("articles", "sentences", "actors", "events", "quotes", "figures")


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, samples_dir) -> Path:
    db = tmp_path_factory.mktemp("db") / "samples.duckdb"
    result = runner.invoke(app, ["ingest", str(samples_dir), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the corpus holds deliberately broken files
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "article(s) added" in result.stdout
    return db


def test_code_seed_html_json(seed_html_path, seed_txt_path):
    result = runner.invoke(app, ["code", str(seed_html_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    coded = json.loads(result.stdout)
    assert coded["title"].startswith("Putin And Xi Sign Joint Plan")
    assert coded["date"] == "2024-05-16"
    assert coded["text"].rstrip().endswith("security guarantees for Ukraine.")
    for junk in ("IPOB", "Tompolo", "Tinubu", "Cookies"):
        assert junk not in coded["text"]
    countries = {a["country"] for a in coded["actors"]}
    assert {"RUS", "CHN", "UKR"} <= countries
    txt = json.loads(runner.invoke(app, ["code", str(seed_txt_path), "--format", "json"]).stdout)
    assert txt["text"] == coded["text"]
    assert txt["title"] == coded["title"]


def test_code_reads_jsonl_from_stdin_and_keeps_ids():
    lines = [
        {"id": "first", "text": "France and Germany signed a defence agreement in Paris on Monday.", "date": "2024-02-05"},
        {"id": "second", "text": "Protesters rallied outside the parliament in Nairobi against new taxes."},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = runner.invoke(app, ["code", "--input-format", "jsonl", "--format", "jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["first", "second"]
    assert records[0]["date"] == "2024-02-05"
    assert all(set(r) >= {"actors", "events", "quotes", "figures", "errors"} for r in records)


def test_code_reports_bad_input_and_continues(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Leaders meet\n\nThe leaders of Japan and India met in Tokyo to discuss trade and security ties.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["code", str(empty), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "E101" in result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(ids) == 2


def test_ingest_twice_changes_nothing(sample_db, samples_dir):
    before = _counts(sample_db)
    assert before["articles"] >= 40 and before["events"] > 0 and before["quotes"] > 0
    again = runner.invoke(app, ["ingest", str(samples_dir), "--db", str(sample_db)])
    assert "0 article(s) added" in again.stdout
    assert _counts(sample_db) == before


def test_queries_and_formats(sample_db):
    events = runner.invoke(app, ["events", "--db", str(sample_db), "--actor", "RUS", "--format", "jsonl"])
    assert events.exit_code == 0, events.output
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    sides = [(r["source_country"], r["target_country"], r["source_code"] or "", r["target_code"] or "") for r in rows]
    assert rows and all("RUS" in (sc, tc) or "RUS" in (s[:3], t[:3]) for sc, tc, s, t in sides)
    csv_out = runner.invoke(app, ["articles", "--db", str(sample_db), "--format", "csv", "--limit", "3"])
    assert csv_out.stdout.splitlines()[0].startswith("id,")
    assert len(csv_out.stdout.splitlines()) == 4
    table = runner.invoke(app, ["quotes", "--db", str(sample_db), "--limit", "5"])
    assert table.exit_code == 0 and "row(s)" in table.stdout
    since = runner.invoke(app, ["events", "--db", str(sample_db), "--since", "2025-01-01", "--format", "jsonl"])
    assert all(json.loads(line)["date"] >= "2025-01-01" for line in since.stdout.splitlines())
    summary = runner.invoke(app, ["summary", "--db", str(sample_db)])
    assert "top dyads" in summary.stdout and "articles" in summary.stdout


def test_export_parquet(sample_db, tmp_path):
    import pyarrow.parquet as pq

    result = runner.invoke(app, ["export", "--db", str(sample_db), "--format", "parquet", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "events.parquet").num_rows == _counts(sample_db)["events"]
    assert pq.read_table(tmp_path / "gdelt.parquet").num_rows > 0


def test_killed_ingest_resumes_to_the_same_counts(samples_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(samples_dir, corpus)
    db = tmp_path / "killed.duckdb"
    exe = [sys.executable, "-c", "from multipolar.cli import main; main()"]
    env = {**os.environ, "MULTIPOLAR_BATCH_SIZE": "2"}
    proc = subprocess.Popen([*exe, "ingest", str(corpus), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(9)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run([*exe, "ingest", str(corpus), "--db", str(db)], env=env, capture_output=True, check=False)
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*exe, "ingest", str(corpus), "--db", str(clean)], env=env, capture_output=True, check=False)
    assert _counts(db) == _counts(clean)
    assert _counts(clean)["articles"] >= 40


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["events", "--since", "notadate"], "E502"),
        (["events", "--limit", "-5"], "E503"),
        (["articles", "--db", "/nonexistent/place.duckdb"], "E505"),
    ],
)
def test_user_errors_are_one_line_not_a_traceback(sample_db, args, code):
    if "--db" not in args:
        args = [*args, "--db", str(sample_db)]
    exe = [sys.executable, "-c", "from multipolar.cli import main; main()"]
    done = subprocess.run([*exe, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert code in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [["events", "--no-such-option"], ["events", "--limit", "abc"], ["quotes", "--class", "bogus"]],
)
def test_usage_errors_print_usage_not_a_traceback(args):
    exe = [sys.executable, "-c", "from multipolar.cli import main; main()"]
    done = subprocess.run([*exe, *args, "--db", "/nonexistent/place.duckdb"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2
    assert "Usage:" in done.stderr and "Traceback" not in done.stderr


def test_rule_stats_table_keeps_its_counts_at_80_columns(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Russia and China signed a trade agreement in Beijing on Tuesday.\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "--stats", str(text)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "│" in line]
    assert rows and all(len(line) <= 80 for line in result.output.splitlines())
    assert "…" not in result.output  # counts and names are folded, never cut
    assert any(line.split("│")[3].strip().isdigit() for line in rows if "lexicon_verb" in line)


def test_code_table_never_cuts_codes_types_or_dates_at_80_columns():
    text = "Germany and Poland signed a border agreement in Warsaw on Friday, officials said."
    result = CliRunner().invoke(app, ["code", "-", "--date", "2024-06-07", "--format", "table"], input=text,
                                env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "…" not in "".join(line for line in result.output.splitlines() if "DEU" in line or "POL" in line)
    assert "2024-06-07" in result.output and ("DEU" in result.output and "POL" in result.output)


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "multipolar", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "multipolar" in done.stdout.lower()
