"""The event ontology: CAMEO codes with Goldstein scores, PLOVER types, modes and contexts.

Tables live in ``multipolar/ontology/data`` and are loaded once, validated, on first use.
"""

from __future__ import annotations

from multipolar.ontology.loader import (
    PLOVER_TYPE_NAMES,
    QUAD_CLASSES,
    QUAD_CODES,
    CameoCode,
    Ontology,
    PloverType,
    cameo,
    cameo_codes,
    conflictual_roots,
    cooperative_roots,
    default_cameo,
    default_weight,
    goldstein,
    load_ontology,
    plover_contexts,
    plover_types,
    quad_code,
    signed_weight,
    to_plover,
    type_sign,
)

__all__ = [
    "PLOVER_TYPE_NAMES",
    "QUAD_CLASSES",
    "QUAD_CODES",
    "CameoCode",
    "Ontology",
    "PloverType",
    "cameo",
    "cameo_codes",
    "conflictual_roots",
    "cooperative_roots",
    "default_cameo",
    "default_weight",
    "goldstein",
    "load_ontology",
    "plover_contexts",
    "plover_types",
    "quad_code",
    "signed_weight",
    "to_plover",
    "type_sign",
]
