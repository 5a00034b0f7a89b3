"""On the bundled sample corpus (coded for real), the report renders and blocs and polarity are computed."""

from __future__ import annotations

import pytest

import multipolar.analysis as analysis
from multipolar.store import open_store
from multipolar.web.report import write_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def samples_db(samples_dir, tmp_path_factory) -> str:
    """The sample corpus ingested once into a fresh database."""
    from multipolar.workflow import ingest_paths

    path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    with open_store(path) as store:
        summary = ingest_paths([samples_dir], store)
    assert summary.articles_added >= 40 and summary.events > 0
    return str(path)


def test_samples_blocs_polarity_and_report(samples_db, tmp_path):
    with open_store(samples_db, read_only=True) as store:
        graph = analysis.relation_network(store)
        assert graph.number_of_nodes() >= 10
        members = analysis.detect_blocs(graph)
        assert (members["bloc"] > 0).sum() >= 4  # some actors do form blocs
        assert set(members["actor"]) == set(graph.nodes)
        table = analysis.polarity(store, freq="year")
        assert len(table) >= 2 and (table["poles"].dropna() >= 1).all()
        assert ((table["within_share"].dropna() >= 0) & (table["within_share"].dropna() <= 1)).all()
        top = analysis.dyads(store, directed=False, limit=1).iloc[0]
        assert top["events"] >= 3
        result = write_report(store, tmp_path / "samples.html", png=False)
    html = result.html.read_text(encoding="utf-8")
    assert html.count("<svg") >= 5 and "<script" not in html
    assert f"{top['source']} – {top['target']}" in html
