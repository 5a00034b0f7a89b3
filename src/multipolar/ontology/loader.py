"""Load and validate the ontology tables: CAMEO codes, Goldstein scores and PLOVER.

Three files in ``data/`` are read once and checked together:

1. ``cameo.tsv`` (``code name goldstein``): every CAMEO code with its Goldstein score;
2. ``plover.yaml``: the 16 PLOVER types (definition, quad class, modes, representative CAMEO
   codes) and the PLOVER contexts;
3. ``cameo_plover.tsv`` (``cameo plover mode context``): the PLOVER type, mode and context of
   every CAMEO code.

Any inconsistency raises :class:`~multipolar.errors.MultipolarError` with code E300 naming the
file and the problem. The module-level functions use the bundled tables, loaded on first use.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from multipolar.errors import Errors, MultipolarError

DATA_DIR = Path(__file__).parent / "data"
CAMEO_FILE = "cameo.tsv"
PLOVER_FILE = "plover.yaml"
MAPPING_FILE = "cameo_plover.tsv"

#: The 16 PLOVER event types, from most cooperative family to most conflictual.
PLOVER_TYPE_NAMES: tuple[str, ...] = (
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
)
QUAD_CLASSES: tuple[str, ...] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
CONTEXT_SEPARATOR = ";"

#: Quad class -> (numeric quad code of the PLOVER manual, sign: +1 cooperation, -1 conflict).
QUAD_CODES: dict[str, tuple[int, int]] = {
    "verbal cooperation": (1, 1),
    "material cooperation": (2, 1),
    "verbal conflict": (3, -1),
    "material conflict": (4, -1),
}

_CODE_PATTERN = re.compile(r"^\d{2,4}$")
_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))

_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its Goldstein score and its PLOVER equivalent."""

    code: str
    name: str
    goldstein: float
    root: str
    plover: str
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: definition, quad class and modes (name -> definition)."""

    name: str
    definition: str
    quad_class: str
    modes: dict[str, str]
    words: tuple[str, ...] = ()

    @property
    def sign(self) -> int:
        """+1 for a cooperative type, -1 for a conflictual one (from the quad class)."""
        return QUAD_CODES[self.quad_class][1]

    @property
    def quad_code(self) -> int:
        """The PLOVER manual's numeric quad code: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."""
        return QUAD_CODES[self.quad_class][0]

    @property
    def material(self) -> bool:
        """True for material acts (cooperation or conflict), False for verbal ones."""
        return self.quad_class.startswith("material")


@dataclass(frozen=True)
class Ontology:
    """The validated tables of one data directory."""

    codes: dict[str, CameoCode]
    types: dict[str, PloverType]
    contexts: dict[str, str]
    type_cameo: dict[str, str]
    mode_cameo: dict[tuple[str, str], str]


def _fail(path: Path, detail: str) -> MultipolarError:
    return MultipolarError(Errors.E300.format(path=path, detail=detail))


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, row)`` pairs of a TSV file whose header is exactly ``columns``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot read ({exc})") from exc
    numbered = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise _fail(path, "no header line")
    header = tuple(numbered[0][1].split("\t"))
    if header != columns:
        raise _fail(path, f"header is {list(header)}, expected {list(columns)}")
    rows = []
    for line_number, line in numbered[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(columns):
            raise _fail(path, f"line {line_number}: {len(cells)} columns, expected {len(columns)}")
        rows.append((line_number, {name: cell.strip() for name, cell in zip(columns, cells, strict=True)}))
    return rows


def _read_cameo(path: Path) -> dict[str, tuple[str, float]]:
    """Return code -> (name, Goldstein score) from ``cameo.tsv``, checking codes and scores."""
    table: dict[str, tuple[str, float]] = {}
    for line, row in _read_tsv(path, ("code", "name", "goldstein")):
        code = row["code"]
        if not _CODE_PATTERN.match(code) or code[:2] not in _ROOTS:
            raise _fail(path, f"line {line}: {code!r} is not a CAMEO code")
        if code in table:
            raise _fail(path, f"line {line}: duplicate code {code}")
        if not row["name"]:
            raise _fail(path, f"line {line}: code {code} has no name")
        try:
            score = float(row["goldstein"])
        except ValueError as exc:
            raise _fail(path, f"line {line}: Goldstein score {row['goldstein']!r} is not a number") from exc
        if not -10.0 <= score <= 10.0:
            raise _fail(path, f"line {line}: Goldstein score {score} of {code} is outside [-10, 10]")
        table[code] = (row["name"], score)
    missing_roots = sorted(_ROOTS - table.keys())
    if missing_roots:
        raise _fail(path, f"missing root codes {missing_roots}")
    orphans = sorted(code for code in table if len(code) > 2 and code[:-1] not in table)
    if orphans:
        raise _fail(path, f"codes without a parent code: {orphans}")
    return table


def _mapping_text(value: Any, path: Path, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"{where} must be a non-empty string")
    return value.strip()


def _read_plover(
    path: Path,
) -> tuple[dict[str, PloverType], dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    """Return (types, contexts, type -> CAMEO code, (type, mode) -> CAMEO code) from ``plover.yaml``."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_SAFE_LOADER)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _fail(path, f"cannot read ({exc})") from exc
    if not isinstance(document, dict) or not isinstance(document.get("types"), dict):
        raise _fail(path, "expected a mapping with 'types' and 'contexts'")
    raw_types: dict[str, Any] = document["types"]
    unknown = sorted(set(raw_types) - set(PLOVER_TYPE_NAMES))
    missing = sorted(set(PLOVER_TYPE_NAMES) - set(raw_types))
    if unknown or missing:
        raise _fail(path, f"PLOVER types must be exactly the 16 types (unknown {unknown}, missing {missing})")
    types: dict[str, PloverType] = {}
    seen_words: dict[str, str] = {}
    type_cameo: dict[str, str] = {}
    mode_cameo: dict[tuple[str, str], str] = {}
    for name in PLOVER_TYPE_NAMES:
        entry = raw_types[name]
        if not isinstance(entry, dict):
            raise _fail(path, f"type {name} must be a mapping")
        quad = entry.get("quad_class")
        if quad not in QUAD_CLASSES:
            raise _fail(path, f"type {name}: quad_class {quad!r} is not one of {list(QUAD_CLASSES)}")
        modes = entry.get("modes") or {}
        if not isinstance(modes, dict):
            raise _fail(path, f"type {name}: modes must be a mapping of mode -> definition")
        mode_table = {
            _mapping_text(mode, path, f"type {name}: mode name"): _mapping_text(
                text, path, f"type {name}: mode {mode}"
            )
            for mode, text in modes.items()
        }
        words = entry.get("words") or []
        if not isinstance(words, list):
            raise _fail(path, f"type {name}: words must be a list")
        word_list = tuple(_mapping_text(word, path, f"type {name}: words").lower() for word in words)
        for word in word_list:
            if word in seen_words:
                raise _fail(path, f"type {name}: word {word!r} is already a word of {seen_words[word]}")
            seen_words[word] = name
        types[name] = PloverType(
            name=name,
            definition=_mapping_text(entry.get("definition"), path, f"type {name}: definition"),
            quad_class=quad,
            modes=mode_table,
            words=word_list,
        )
        type_cameo[name] = _mapping_text(entry.get("cameo"), path, f"type {name}: cameo")
        for mode, code in (entry.get("mode_cameo") or {}).items():
            if mode not in mode_table:
                raise _fail(path, f"type {name}: mode_cameo names unknown mode {mode!r}")
            mode_cameo[(name, mode)] = _mapping_text(code, path, f"type {name}: mode_cameo {mode}")
    contexts = document.get("contexts")
    if not isinstance(contexts, dict) or not contexts:
        raise _fail(path, "'contexts' must be a non-empty mapping of context -> definition")
    context_table = {
        _mapping_text(key, path, "context name"): _mapping_text(text, path, f"context {key}")
        for key, text in contexts.items()
    }
    return types, context_table, type_cameo, mode_cameo


def _read_mapping(
    path: Path,
    cameo_table: dict[str, tuple[str, float]],
    types: dict[str, PloverType],
    contexts: dict[str, str],
) -> dict[str, tuple[str, str | None, str | None]]:
    """Return code -> (PLOVER type, mode, context) from ``cameo_plover.tsv``, cross-checked."""
    mapping: dict[str, tuple[str, str | None, str | None]] = {}
    for line, row in _read_tsv(path, ("cameo", "plover", "mode", "context")):
        code, plover = row["cameo"], row["plover"]
        if code not in cameo_table:
            raise _fail(path, f"line {line}: CAMEO code {code!r} is not in {CAMEO_FILE}")
        if code in mapping:
            raise _fail(path, f"line {line}: duplicate CAMEO code {code}")
        if plover not in types:
            raise _fail(path, f"line {line}: {plover!r} is not one of the 16 PLOVER types")
        mode = row["mode"] or None
        if mode is not None and mode not in types[plover].modes:
            raise _fail(path, f"line {line}: {mode!r} is not a mode of {plover}")
        context = row["context"] or None
        if context is not None:
            parts = [part.strip() for part in context.split(CONTEXT_SEPARATOR)]
            unknown = [part for part in parts if part not in contexts]
            if unknown:
                raise _fail(path, f"line {line}: unknown PLOVER context(s) {unknown}")
            context = CONTEXT_SEPARATOR.join(parts)
        mapping[code] = (plover, mode, context)
    unmapped = sorted(cameo_table.keys() - mapping.keys())
    if unmapped:
        raise _fail(path, f"CAMEO codes without a PLOVER mapping: {unmapped}")
    return mapping


def load_ontology(data_dir: Path | str = DATA_DIR) -> Ontology:
    """Return the validated ontology read from ``data_dir`` (raises E300 on any bad data)."""
    folder = Path(data_dir)
    cameo_table = _read_cameo(folder / CAMEO_FILE)
    plover_path = folder / PLOVER_FILE
    types, contexts, type_cameo, mode_cameo = _read_plover(plover_path)
    mapping = _read_mapping(folder / MAPPING_FILE, cameo_table, types, contexts)
    codes = {
        code: CameoCode(code, name, score, code[:2], *mapping[code])
        for code, (name, score) in cameo_table.items()
    }
    for plover, code in type_cameo.items():
        if code not in codes or codes[code].plover != plover:
            raise _fail(
                plover_path, f"type {plover}: representative CAMEO code {code!r} does not map to {plover}"
            )
    for (plover, mode), code in mode_cameo.items():
        if code not in codes or codes[code].plover != plover:
            raise _fail(
                plover_path, f"type {plover}, mode {mode}: CAMEO code {code!r} does not map to {plover}"
            )
    return Ontology(codes, types, contexts, type_cameo, mode_cameo)


@lru_cache(maxsize=1)
def bundled_ontology() -> Ontology:
    """Return the ontology of the package's own data files, loaded and validated once."""
    return load_ontology(DATA_DIR)


def cameo_codes() -> dict[str, CameoCode]:
    """Return every CAMEO code (roots and sub-codes) keyed by code, e.g. ``"0431"``."""
    return bundled_ontology().codes


def cameo(code: str) -> CameoCode | None:
    """Return the CAMEO code ``code``, or its nearest listed parent ("0431" -> "043" -> "04"), or None."""
    key = (code or "").strip()
    if not key.isdigit():
        return None
    codes = bundled_ontology().codes
    while len(key) >= 2:
        if key in codes:
            return codes[key]
        key = key[:-1]
    return None


def plover_types() -> dict[str, PloverType]:
    """Return the 16 PLOVER event types keyed by upper-case name."""
    return bundled_ontology().types


def plover_contexts() -> dict[str, str]:
    """Return the PLOVER contexts (name -> one-line definition)."""
    return bundled_ontology().contexts


def goldstein(code: str) -> float | None:
    """Return the Goldstein score of ``code`` (or of its nearest parent), None for unknown codes."""
    found = cameo(code)
    return None if found is None else found.goldstein


def to_plover(code: str) -> tuple[str, str | None, str | None]:
    """Return ``(PLOVER type, mode, context)`` for a CAMEO code; raise ValueError if it is unknown."""
    found = cameo(code)
    if found is None:
        raise ValueError(f"unknown CAMEO code {code!r}")
    return found.plover, found.mode, found.context


def default_cameo(plover: str, mode: str | None = None) -> str:
    """Return a representative CAMEO code for a PLOVER type, specific to ``mode`` where CAMEO has one.

    Raises ValueError for an unknown type or a mode the type does not have.
    """
    ontology = bundled_ontology()
    name = (plover or "").strip().upper()
    if name not in ontology.types:
        raise ValueError(f"unknown PLOVER type {plover!r}; use one of {', '.join(PLOVER_TYPE_NAMES)}")
    if mode is None:
        return ontology.type_cameo[name]
    if mode not in ontology.types[name].modes:
        raise ValueError(f"{mode!r} is not a mode of {name}")
    return ontology.mode_cameo.get((name, mode), ontology.type_cameo[name])


def type_sign(plover: str | None) -> int:
    """Return +1 for a cooperative PLOVER type, -1 for a conflictual one, 0 for an unknown or missing type."""
    kind = bundled_ontology().types.get((plover or "").strip().upper())
    return 0 if kind is None else kind.sign


def default_weight(plover: str) -> float:
    """Return the weight of an event of type ``plover`` that has no Goldstein score.

    It is the absolute Goldstein score of the type's representative CAMEO code (``cameo`` in
    ``plover.yaml``), so no second table of weights exists. Raises ValueError for unknown types.
    """
    ontology = bundled_ontology()
    name = (plover or "").strip().upper()
    if name not in ontology.types:
        raise ValueError(f"unknown PLOVER type {plover!r}")
    return abs(ontology.codes[ontology.type_cameo[name]].goldstein)


def signed_weight(plover: str | None, goldstein_score: float | None) -> float:
    """Return the signed weight of one event: its type's sign times the size of its Goldstein score.

    The SIGN always comes from the PLOVER type's quad class (cooperation +, conflict -); the
    Goldstein score only gives the SIZE. A CAMEO 106 demand (Goldstein -5, type REQUEST,
    verbal conflict) weighs -5; a CAMEO 020 appeal (Goldstein +3, also REQUEST) weighs -3.
    Without a Goldstein score the type's :func:`default_weight` is used; a score of 0 (a
    neutral statement) weighs 0; an unknown type weighs 0.
    """
    sign = type_sign(plover)
    if sign == 0:
        return 0.0
    size = default_weight(plover) if goldstein_score is None else abs(float(goldstein_score))
    return sign * size


def quad_code(plover: str | None) -> int | None:
    """Return the numeric quad class (1-4) of a PLOVER type, None for unknown types."""
    kind = bundled_ontology().types.get((plover or "").strip().upper())
    return None if kind is None else kind.quad_code


def cooperative_roots() -> frozenset[str]:
    """Return the CAMEO roots that are cooperation in both systems: PLOVER type cooperative and Goldstein > 0.

    With the bundled tables these are 03-08 (01 statements score 0; 02 appeals are PLOVER
    REQUEST, verbal conflict).
    """
    codes = bundled_ontology().codes
    types = bundled_ontology().types
    return frozenset(
        code for code, entry in codes.items() if len(code) == 2 and types[entry.plover].sign > 0 and entry.goldstein > 0
    )


def conflictual_roots(material_only: bool = False) -> frozenset[str]:
    """Return the CAMEO roots whose PLOVER type is conflict and Goldstein score < 0 (only material ones if asked)."""
    codes = bundled_ontology().codes
    types = bundled_ontology().types
    return frozenset(
        code
        for code, entry in codes.items()
        if len(code) == 2
        and types[entry.plover].sign < 0
        and entry.goldstein < 0
        and (types[entry.plover].material or not material_only)
    )
