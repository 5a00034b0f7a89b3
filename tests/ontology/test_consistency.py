"""Every consumer of cooperation/conflict classes agrees with the one ontology source."""

from __future__ import annotations

import csv
import dataclasses

from multipolar import ontology
from multipolar.analysis import plover_classes
from multipolar.analysis.synthetic import CONFLICTUAL, COOPERATIVE, SyntheticEvent, coded_article
from multipolar.events import lexicon
from multipolar.store import export_tables, open_store

TARGETS = ("GBR", "FRA", "DEU", "JPN", "RUS", "CHN", "IRN", "PRK", "BLR", "IND", "BRA", "ZAF", "TUR", "SAU",
           "UKR", "IGOUNO")


def test_analysis_classes_are_the_ontology_classes():
    classes = plover_classes()
    assert set(classes) == set(ontology.PLOVER_TYPE_NAMES)
    for name, kind in ontology.plover_types().items():
        assert classes[name].quad == kind.quad_class
        assert classes[name].sign == kind.sign == ontology.type_sign(name)
        assert classes[name].default_weight == ontology.default_weight(name) > 0


def test_quad_class_sign_and_material_follow_the_manual():
    types = ontology.plover_types()
    assert {n for n, t in types.items() if t.sign > 0} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    assert types["REQUEST"].quad_class == "verbal conflict"
    assert types["ASSAULT"].material and not types["ACCUSE"].material


def test_event_lexicon_roots_come_from_the_ontology():
    assert lexicon.COOPERATIVE_ROOTS == ontology.cooperative_roots() == frozenset({"03", "04", "05", "06", "07", "08"})
    assert ontology.conflictual_roots(material_only=True) == lexicon.CONFLICTUAL_ROOTS
    for root in lexicon.COOPERATIVE_ROOTS:
        assert ontology.type_sign(ontology.cameo(root).plover) > 0


def test_signed_weight_sign_never_contradicts_the_class():
    for code, entry in ontology.cameo_codes().items():
        weight = ontology.signed_weight(entry.plover, entry.goldstein)
        assert weight == 0 or (weight > 0) == (ontology.type_sign(entry.plover) > 0), code


def test_synthetic_generator_sides_follow_the_ontology():
    assert all(ontology.type_sign(t) > 0 for t in COOPERATIVE)
    assert all(ontology.type_sign(t) < 0 for t in CONFLICTUAL)
    assert "REQUEST" in CONFLICTUAL


def test_gdelt_export_quad_class_is_the_ontology_quad_code(tmp_path):
    names = list(ontology.PLOVER_TYPE_NAMES)
    coded = coded_article(1, [SyntheticEvent("2024-03-01", "USA", TARGETS[i], "AID") for i in range(len(names))])
    events = []
    for event, name in zip(coded.events, names, strict=True):
        cameo = ontology.default_cameo(name)
        events.append(dataclasses.replace(event, plover=name, cameo=cameo, goldstein=ontology.goldstein(cameo)))
    path = tmp_path / "export.duckdb"
    with open_store(path) as store:
        store.write([dataclasses.replace(coded, events=tuple(events))])
        (out,) = export_tables(store, tmp_path / "out", "csv", ["gdelt"])
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(names)
    for row in rows:
        assert int(row["QuadClass"]) == ontology.quad_code(row["PloverType"]), row["PloverType"]
