"""Small corpora for engine tests, made from the bundled sample texts (our own writing)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "data" / "samples"
TABLES = ("articles", "sentences", "actors", "events", "quotes", "figures", "near_signatures", "near_bands")
VOLATILE = {"run_id", "ingested_at"}


def sample_texts() -> list[Path]:
    """Return the sample plain-text articles, sorted."""
    return sorted((SAMPLES / "text").glob("*.txt"))


def near_copy(text: str) -> str:
    """Return ``text`` republished: a new headline and its second and third paragraphs swapped."""
    paragraphs = text.strip().split("\n\n")
    body = paragraphs[1:]
    if len(body) >= 3:
        body[1], body[2] = body[2], body[1]
    return "\n\n".join(["A new headline for the same wire story", *body]) + "\n"


def make_corpus(folder: Path, count: int = 6, near: bool = True) -> Path:
    """Write ``count`` sample texts into ``folder`` (plus a near-duplicate of the first) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sample_texts()[:count]
    for path in texts:
        shutil.copy(path, folder / path.name)
    if near:
        (folder / "zz-near-copy.txt").write_text(near_copy(texts[0].read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write ``records`` as JSON Lines and return the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    """Return every content and index row of a database, sorted, without run ids and times."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if r[0] not in VOLATILE
            ]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(map(repr, con.execute(f"SELECT {quoted} FROM {table}").fetchall()))
        return out
    finally:
        con.close()
