"""Start-up: --help, --version and queries import no NLP; `code` on plain text imports only what it uses; caches are keyed by the data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import multipolar

PROBE = """
import sys
from multipolar.cli import main
sys.argv = ["multipolar", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("spacy", "thinc", "pandas", "trafilatura", "multipolar.pipeline") if m in sys.modules)
print("HEAVY", ",".join(heavy))
"""


def _probe(*args: str, cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "MULTIPOLAR_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=120)
    return done.stdout


def test_version_and_help_import_nothing_heavy(tmp_path: Path) -> None:
    first = _probe("--help", cache=tmp_path)  # builds the cached command table
    assert "ingest" in first and "events" in first
    assert "HEAVY \n" in _probe("--help", cache=tmp_path)
    version = _probe("--version", cache=tmp_path)
    assert f"multipolar {multipolar.__version__}" in version and "HEAVY \n" in version


def test_query_command_imports_no_nlp(tmp_path: Path) -> None:
    from multipolar.store import open_store

    db = tmp_path / "empty.duckdb"
    open_store(db).close()
    out = _probe("events", "--db", str(db), "--format", "jsonl", cache=tmp_path)
    heavy = out.rsplit("HEAVY", 1)[1].strip()
    assert "spacy" not in heavy and "multipolar.pipeline" not in heavy and "trafilatura" not in heavy


def test_full_app_still_has_every_command() -> None:
    import typer.main

    from multipolar.cli import app, command_table

    names = set(typer.main.get_group(app).commands)
    assert set(command_table()) <= names and {"ingest", "code", "events", "serve"} <= names


def test_cache_is_keyed_by_the_source_bytes(tmp_path: Path, monkeypatch) -> None:
    from multipolar.cache import cached

    monkeypatch.setenv("MULTIPOLAR_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    builds: list[int] = []

    def build() -> dict:
        builds.append(1)
        return {"value": source.read_text(encoding="utf-8")}

    assert cached("thing", [source], build) == {"value": "a: 1\n"}
    assert cached("thing", [source], build) == {"value": "a: 1\n"} and len(builds) == 1
    source.write_text("a: 2\n", encoding="utf-8")
    assert cached("thing", [source], build) == {"value": "a: 2\n"} and len(builds) == 2
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 2


def test_installations_sharing_a_cache_folder_keep_their_caches(tmp_path: Path, monkeypatch) -> None:
    """Going back to earlier data (another checkout, another version) reads its cache again,
    and no more than ``KEEP`` caches of one name stay in the folder."""
    from multipolar.cache import KEEP, cached

    monkeypatch.setenv("MULTIPOLAR_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    builds: list[str] = []

    def build() -> str:
        builds.append(source.read_text(encoding="utf-8"))
        return builds[-1]

    for text in ("a: 1\n", "a: 2\n", "a: 1\n", "a: 2\n"):
        source.write_text(text, encoding="utf-8")
        assert cached("thing", [source], build) == text
    assert builds == ["a: 1\n", "a: 2\n"]  # each version built once, then read
    for number in range(KEEP + 3):
        source.write_text(f"b: {number}\n", encoding="utf-8")
        cached("thing", [source], build)
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == KEEP


CODE_PROBE = """
import sys
from multipolar.cli import main
sys.argv = ["multipolar", "code", "-", "--date", "2024-06-07", "--format", "jsonl"]
try:
    main()
except SystemExit:
    pass
unused = ("pandas", "duckdb", "pyarrow", "trafilatura", "htmldate", "py3langid", "dateparser", "networkx",
          "matplotlib", "multipolar.store", "multipolar.analysis", "multipolar.web")
print("LOADED", ",".join(sorted(m for m in unused if m in sys.modules)))
"""


@pytest.mark.slow
def test_code_on_plain_english_text_imports_only_what_it_uses(tmp_path: Path) -> None:
    _probe("--help", cache=tmp_path)  # the first start builds the command table by importing every command
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "MULTIPOLAR_CACHE_DIR": str(tmp_path)}
    text = "The foreign ministers of Chile and Peru met in Lima on Monday to discuss trade.\n"
    done = subprocess.run([sys.executable, "-c", CODE_PROBE], input=text, capture_output=True, text=True, env=env,
                          timeout=300)
    assert '"events"' in done.stdout, done.stderr
    assert done.stdout.rstrip().endswith("LOADED"), done.stdout.rsplit("\n", 2)[-2:]


def test_place_index_cache_is_keyed_by_gazetteer_and_knowledge_base_files(tmp_path: Path, monkeypatch) -> None:
    from multipolar import gazetteer
    from multipolar.cache import source_key
    from multipolar.kb.loader import DATA_DIR

    monkeypatch.setenv("MULTIPOLAR_KB_DIR", str(tmp_path / "kb"))
    sources = gazetteer._index_sources()
    names = {path.name for path in sources}
    assert {"gazetteer.py", "region_names.tsv", "iso3166-2.json"} <= names
    assert any(path.parent == DATA_DIR for path in sources) and any(name.startswith("cities") for name in names)
    before = source_key("places-index", sources)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "people.yaml").write_text("people: []\n", encoding="utf-8")
    after = gazetteer._index_sources()
    assert len(after) == len(sources) + 1 and source_key("places-index", after) != before
