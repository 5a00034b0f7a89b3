"""Rows of the ontology tables for display (CLI, web): PLOVER types, CAMEO codes, the mapping."""

from __future__ import annotations

from typing import Any

from multipolar.ontology.loader import bundled_ontology, cameo

#: The tables that can be listed.
VIEWS: tuple[str, ...] = ("plover", "cameo", "mapping")


def _plover_rows(code: str | None) -> list[dict[str, Any]]:
    ontology = bundled_ontology()
    if code is None:
        return [
            {
                "type": kind.name,
                "quad_class": kind.quad_class,
                "definition": kind.definition,
                "modes": dict(kind.modes),
                "cameo": ontology.type_cameo[kind.name],
            }
            for kind in ontology.types.values()
        ]
    name = code.strip().upper()
    if name not in ontology.types:
        raise ValueError(f"unknown PLOVER type {code!r}")
    kind = ontology.types[name]
    rows = [{"type": name, "mode": None, "definition": kind.definition, "cameo": ontology.type_cameo[name]}]
    rows += [
        {"type": name, "mode": mode, "definition": text, "cameo": ontology.mode_cameo.get((name, mode))}
        for mode, text in kind.modes.items()
    ]
    return rows


def _selected_codes(code: str | None, by_type: bool) -> list[str]:
    codes = bundled_ontology().codes
    if code is None:
        return list(codes)
    wanted = code.strip()
    if by_type and wanted.upper() in bundled_ontology().types:
        return [key for key, entry in codes.items() if entry.plover == wanted.upper()]
    selected = [key for key in codes if key.startswith(wanted)] if wanted.isdigit() else []
    if not selected:
        nearest = cameo(wanted)
        if nearest is None:
            raise ValueError(f"unknown CAMEO code {code!r}")
        selected = [nearest.code]
    return selected


def table_rows(view: str, code: str | None = None) -> list[dict[str, Any]]:
    """Return the rows of one ontology table as dicts.

    ``view`` is ``plover`` (types, or the modes of the type named by ``code``), ``cameo``
    (codes starting with ``code``, else its nearest parent) or ``mapping`` (likewise, or every
    code of the PLOVER type named by ``code``). Raises ValueError for an unknown view or code.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown table {view!r}; use one of {', '.join(VIEWS)}")
    if view == "plover":
        return _plover_rows(code)
    codes = bundled_ontology().codes
    if view == "cameo":
        return [
            {
                "code": key,
                "name": codes[key].name,
                "goldstein": codes[key].goldstein,
                "plover": codes[key].plover,
            }
            for key in _selected_codes(code, by_type=False)
        ]
    return [
        {
            "cameo": key,
            "name": codes[key].name,
            "plover": codes[key].plover,
            "mode": codes[key].mode,
            "context": codes[key].context,
            "goldstein": codes[key].goldstein,
        }
        for key in _selected_codes(code, by_type=True)
    ]


def context_rows() -> list[dict[str, str]]:
    """Return the PLOVER contexts as ``{"context", "definition"}`` rows."""
    return [{"context": name, "definition": text} for name, text in bundled_ontology().contexts.items()]
