"""The ontology tables: counts, Goldstein scores, the CAMEO -> PLOVER mapping and validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from multipolar import ontology
from multipolar.errors import MultipolarError, error_code
from multipolar.ontology.loader import DATA_DIR, load_ontology

PLOVER_16 = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_counts_of_codes_roots_types_and_contexts() -> None:
    codes = ontology.cameo_codes()
    assert len(codes) >= 280
    assert sorted(code for code in codes if len(code) == 2) == [f"{n:02d}" for n in range(1, 21)]
    assert set(ontology.plover_types()) == PLOVER_16
    assert {"military", "economic", "diplomatic", "human_security", "cbrn"} <= set(ontology.plover_contexts())


def test_every_sub_code_has_its_parent_and_root() -> None:
    codes = ontology.cameo_codes()
    for code, entry in codes.items():
        assert entry.root == code[:2]
        if len(code) > 2:
            assert code[:-1] in codes, code


@pytest.mark.parametrize(
    ("code", "score"),
    [
        ("190", -10.0),
        ("057", 8.0),
        ("043", 2.8),
        ("163", -8.0),
        ("1056", -5.0),
        ("0874", 10.0),
        ("042", 1.9),
        ("138", -7.0),
        ("173", -5.0),
        ("011", -0.1),
        ("195", -10.0),
        ("072", 8.3),
    ],
)
def test_goldstein_spot_checks(code: str, score: float) -> None:
    assert ontology.goldstein(code) == score


def test_goldstein_is_always_within_scale() -> None:
    assert all(-10.0 <= entry.goldstein <= 10.0 for entry in ontology.cameo_codes().values())


def test_lookup_falls_back_to_nearest_parent() -> None:
    assert ontology.cameo("0431").code == "043"
    assert ontology.cameo("1959").code == "195"
    assert ontology.cameo("0999").code == "09"
    assert ontology.cameo("99") is None
    assert ontology.cameo("abc") is None
    assert ontology.cameo("") is None
    assert ontology.goldstein("9") is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("042", ("CONSULT", "visit", None)),
        ("041", ("CONSULT", "phone", None)),
        ("057", ("SUPPORT", None, "diplomatic")),
        ("0871", ("RETREAT", "ceasefire", "military")),
        ("1056", ("REQUEST", "yield", "military")),
        ("0256", ("REQUEST", "yield", "military")),
        ("112", ("ACCUSE", "allege", None)),
        ("091", ("ACCUSE", "investigate", "crime;corruption")),
        ("163", ("SANCTION", "discontinue", "economic")),
        ("166", ("SANCTION", "expel", "diplomatic")),
        ("173", ("COERCE", "arrest", "legal")),
        ("1712", ("ASSAULT", "destroy", "human_security")),
        ("1952", ("ASSAULT", "drone", "military")),
        ("073", ("AID", None, "human_security")),
        ("154", ("MOBILIZE", "troops", "military")),
        ("1385", ("THREATEN", "violence", "cbrn")),
    ],
)
def test_mapping_spot_checks(code: str, expected: tuple[str, str | None, str | None]) -> None:
    assert ontology.to_plover(code) == expected


def test_roots_map_to_their_family() -> None:
    expected_roots = {
        "03": "AGREE",
        "04": "CONSULT",
        "05": "SUPPORT",
        "06": "COOPERATE",
        "07": "AID",
        "08": "CONCEDE",
        "10": "REQUEST",
        "11": "ACCUSE",
        "12": "REJECT",
        "13": "THREATEN",
        "14": "PROTEST",
        "15": "MOBILIZE",
        "16": "SANCTION",
        "17": "COERCE",
        "18": "ASSAULT",
        "19": "ASSAULT",
        "20": "ASSAULT",
    }
    assert {code: ontology.to_plover(code)[0] for code in expected_roots} == expected_roots


def test_mapped_modes_and_contexts_belong_to_the_ontology() -> None:
    types, contexts = ontology.plover_types(), ontology.plover_contexts()
    for entry in ontology.cameo_codes().values():
        assert entry.mode is None or entry.mode in types[entry.plover].modes
        assert entry.context is None or all(part in contexts for part in entry.context.split(";"))


def test_quad_classes_follow_the_manual() -> None:
    quads = {name: kind.quad_class for name, kind in ontology.plover_types().items()}
    assert quads["CONSULT"] == "verbal cooperation"
    assert quads["AID"] == "material cooperation"
    assert quads["REQUEST"] == "verbal conflict"
    assert quads["ASSAULT"] == "material conflict"
    assert set(quads.values()) == set(ontology.QUAD_CLASSES)
    assert ontology.plover_types()["ASSAULT"].modes["drone"]


def test_unknown_code_raises() -> None:
    with pytest.raises(ValueError, match="unknown CAMEO code"):
        ontology.to_plover("99")


@pytest.mark.parametrize(
    ("plover", "mode", "code"),
    [
        ("ASSAULT", None, "190"),
        ("assault", "aerial", "195"),
        ("CONSULT", "visit", "042"),
        ("SANCTION", "discontinue", "163"),
        ("PROTEST", "vandalize", "140"),
        ("AGREE", None, "030"),
    ],
)
def test_default_cameo(plover: str, mode: str | None, code: str) -> None:
    assert ontology.default_cameo(plover, mode) == code


def test_default_cameo_round_trips_for_every_type_and_mode() -> None:
    for name, kind in ontology.plover_types().items():
        assert ontology.to_plover(ontology.default_cameo(name))[0] == name
        for mode in kind.modes:
            assert ontology.to_plover(ontology.default_cameo(name, mode))[0] == name


def test_default_cameo_rejects_unknown_type_and_mode() -> None:
    with pytest.raises(ValueError):
        ontology.default_cameo("DANCE")
    with pytest.raises(ValueError):
        ontology.default_cameo("ASSAULT", "phone")


# --- validation on load: every broken file raises E300 --------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled ontology data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _assert_e300(data_dir: Path, fragment: str) -> None:
    with pytest.raises(MultipolarError) as caught:
        load_ontology(data_dir)
    assert error_code(str(caught.value)) == "E300"
    assert fragment in str(caught.value)


def test_copy_of_bundled_data_loads(data_copy: Path) -> None:
    assert len(load_ontology(data_copy).codes) == len(ontology.cameo_codes())


def test_goldstein_out_of_range_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo.tsv", "057\tSign formal agreement\t8.0", "057\tSign formal agreement\t12.0")
    _assert_e300(data_copy, "outside [-10, 10]")


def test_non_numeric_goldstein_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo.tsv", "057\tSign formal agreement\t8.0", "057\tSign formal agreement\thigh")
    _assert_e300(data_copy, "not a number")


def test_mapping_to_unknown_cameo_code_raises(data_copy: Path) -> None:
    with (data_copy / "cameo_plover.tsv").open("a", encoding="utf-8") as handle:
        handle.write("0999\tASSAULT\t\t\n")
    _assert_e300(data_copy, "'0999' is not in cameo.tsv")


def test_mapping_to_unknown_plover_type_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo_plover.tsv", "057\tSUPPORT", "057\tCELEBRATE")
    _assert_e300(data_copy, "not one of the 16 PLOVER types")


def test_mapping_with_foreign_mode_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo_plover.tsv", "042\tCONSULT\tvisit", "042\tCONSULT\tdrone")
    _assert_e300(data_copy, "not a mode of CONSULT")


def test_unmapped_cameo_code_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo_plover.tsv", "1952\tASSAULT\tdrone\tmilitary\n", "")
    _assert_e300(data_copy, "without a PLOVER mapping")


def test_missing_plover_type_raises(data_copy: Path) -> None:
    _replace(data_copy / "plover.yaml", "  MOBILIZE:", "  MOBILISE:")
    _assert_e300(data_copy, "exactly the 16 types")


def test_bad_header_raises(data_copy: Path) -> None:
    _replace(data_copy / "cameo.tsv", "code\tname\tgoldstein", "code\tlabel\tgoldstein")
    _assert_e300(data_copy, "header")


def test_bundled_tables_are_loaded_once() -> None:
    assert ontology.cameo_codes() is ontology.cameo_codes()
    assert ontology.plover_types() is ontology.plover_types()
