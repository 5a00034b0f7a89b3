"""Analysis of the stored events: dyads, actor profiles, the signed network, blocs and polarity.

Every function takes a store (anything with ``frame(sql, params) -> DataFrame``, such as
``multipolar.store.open_store(path, read_only=True)``) and returns a pandas DataFrame
(``pyarrow.Table.from_pandas`` turns any of them into Arrow). The formulas are in
``README.md`` beside this file.
"""

from __future__ import annotations

from multipolar.analysis.aggregates import refresh_aggregates
from multipolar.analysis.base import (
    PERIODS,
    TOO_FEW_EVENTS,
    FrameSource,
    counted_events,
    date_bounds,
    plover_classes,
)
from multipolar.analysis.blocs import UNALIGNED, bloc_cohesion, bloc_summary, blocs, detect_blocs
from multipolar.analysis.dyads import dyad_series, dyads
from multipolar.analysis.names import ResolvedActor, actor_name, resolve_actor, resolve_type, type_suggestions
from multipolar.analysis.network import build_graph, layout, relation_edges, relation_network, top_subgraph
from multipolar.analysis.polarity import measure, polarity, polarity_sensitivity
from multipolar.analysis.profiles import (
    actor_quotes,
    actor_series,
    actor_summary,
    actors_table,
    adversaries,
    partners,
    rank_adversaries,
    rank_partners,
    relations,
)
from multipolar.analysis.stability import bloc_stability, bootstrap_blocs, poles_interval

__all__ = [
    "PERIODS",
    "TOO_FEW_EVENTS",
    "UNALIGNED",
    "FrameSource",
    "ResolvedActor",
    "actor_name",
    "actor_quotes",
    "actor_series",
    "actor_summary",
    "actors_table",
    "adversaries",
    "bloc_cohesion",
    "bloc_stability",
    "bloc_summary",
    "blocs",
    "bootstrap_blocs",
    "build_graph",
    "counted_events",
    "date_bounds",
    "detect_blocs",
    "dyad_series",
    "dyads",
    "layout",
    "measure",
    "partners",
    "plover_classes",
    "polarity",
    "polarity_sensitivity",
    "poles_interval",
    "rank_adversaries",
    "rank_partners",
    "refresh_aggregates",
    "relation_edges",
    "relation_network",
    "relations",
    "resolve_actor",
    "resolve_type",
    "to_arrow",
    "top_subgraph",
    "type_suggestions",
]


def to_arrow(frame):
    """Return ``frame`` (a pandas DataFrame) as a ``pyarrow.Table``."""
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False)
