"""The models' matrix products through numpy (the ``matrix_library`` setting) give BLIS's annotations."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from multipolar import nlp, settings
from multipolar.blas import single_threaded_blas
from multipolar.errors import MultipolarError

from .pipelines import two_copies

MODEL = settings.get("model")
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

# Written for this test: names the recogniser must find (people, places, organisations, dates,
# money), a long sentence with clauses, a quotation, lower-case text and a list without verbs.
TEXTS = [
    "The foreign ministers of Brazil and South Africa met in Pretoria on 3 March 2025 and "
    "agreed to open talks on a customs union before the end of the year.",
    '"We will not accept any outside pressure," the deputy prime minister told parliament, '
    "adding that the government had already spent $2.4 billion on the programme.",
    "after the floods, aid workers from the Red Cross said that about 12,000 people had left "
    "their villages in the north and that two bridges near Kandahar had collapsed.",
    "Prices rose. Talks stalled. Nobody in Brussels, Paris or Warsaw expected a quick deal, "
    "although Chancellor Friedrich Merz called the proposal a good start.",
    "Apples, pears, three kilos of rice; a map of the Horn of Africa.",
    "",
]


def _layers(pipeline):
    return [layer for _name, c in pipeline.pipeline if getattr(c, "model", None) is not None
            and hasattr(c.model, "walk") for layer in c.model.walk()]


@pytest.fixture(scope="module")
def pipelines():
    plain, numpy_backed = two_copies()
    return plain, numpy_backed, nlp.use_numpy_products(numpy_backed)


def test_every_model_layer_leaves_blis(pipelines):
    plain, numpy_backed, changed = pipelines
    assert changed == len(_layers(numpy_backed)) > 50
    assert all(not layer.ops.use_blis for layer in _layers(numpy_backed))
    assert all(layer.ops.use_blis for layer in _layers(plain))


def test_annotations_are_identical(pipelines):
    plain, numpy_backed, _ = pipelines
    expected_docs = list(plain.pipe(TEXTS, batch_size=2))
    with single_threaded_blas():
        got_docs = list(numpy_backed.pipe(TEXTS, batch_size=2))
    for expected, got in zip(expected_docs, got_docs, strict=True):
        assert numpy.array_equal(expected.to_array(COLUMNS), got.to_array(COLUMNS)), expected.text
        assert [(e.text, e.label_) for e in expected.ents] == [(e.text, e.label_) for e in got.ents]
    assert {e.label_ for d in got_docs for e in d.ents} >= {"GPE", "DATE", "PERSON", "MONEY", "ORG"}


def test_setting_chooses_the_library(monkeypatch):
    nlp._load.cache_clear()
    try:
        assert all(not layer.ops.use_blis for layer in _layers(nlp.load_pipeline()))
        monkeypatch.setenv("MULTIPOLAR_MATRIX_LIBRARY", "blis")
        assert all(layer.ops.use_blis for layer in _layers(nlp.load_pipeline()))
        monkeypatch.setenv("MULTIPOLAR_MATRIX_LIBRARY", "mkl")
        with pytest.raises(MultipolarError, match=r"\[E901\].*'mkl'"):
            nlp.load_pipeline()
    finally:
        nlp._load.cache_clear()


def test_parse_gives_the_annotations_of_either_library(monkeypatch):
    nlp._load.cache_clear()
    try:
        numpy_docs = [d.to_array(COLUMNS) for d in nlp.parse(TEXTS)]
        monkeypatch.setenv("MULTIPOLAR_MATRIX_LIBRARY", "blis")
        blis_docs = [d.to_array(COLUMNS) for d in nlp.parse(TEXTS)]
    finally:
        nlp._load.cache_clear()
    assert all(numpy.array_equal(a, b) for a, b in zip(numpy_docs, blis_docs, strict=True))


def test_blas_runs_one_thread_inside_the_block_only():
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    if not blas_threads():  # pragma: no cover - numpy's wheels bring OpenBLAS
        pytest.skip("no BLAS library loaded that threadpoolctl can control")
    before = blas_threads()
    with single_threaded_blas():
        assert blas_threads() == {1}
        with single_threaded_blas():  # nested: the inner end does not lift the limit
            pass
        assert blas_threads() == {1}
        assert numpy.allclose(numpy.ones((3, 4), "f") @ numpy.ones((4, 2), "f"), 4.0)
    assert blas_threads() == before

