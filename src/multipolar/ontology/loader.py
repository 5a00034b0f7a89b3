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
        types[name] = PloverType(
            name=name,
            definition=_mapping_text(entry.get("definition"), path, f"type {name}: definition"),
            quad_class=quad,
            modes=mode_table,
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
