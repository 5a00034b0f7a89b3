"""The event ontology: CAMEO codes with Goldstein scores, PLOVER types, modes and contexts.

Tables live in ``multipolar/ontology/data`` and are loaded once, validated, on first use.
"""

from __future__ import annotations

from multipolar.ontology.loader import (
    PLOVER_TYPE_NAMES,
    QUAD_CLASSES,
    CameoCode,
    Ontology,
    PloverType,
    cameo,
    cameo_codes,
    default_cameo,
    goldstein,
    load_ontology,
    plover_contexts,
    plover_types,
    to_plover,
)

__all__ = [
    "PLOVER_TYPE_NAMES",
    "QUAD_CLASSES",
    "CameoCode",
    "Ontology",
    "PloverType",
    "cameo",
    "cameo_codes",
    "default_cameo",
    "goldstein",
    "load_ontology",
    "plover_contexts",
    "plover_types",
    "to_plover",
]
