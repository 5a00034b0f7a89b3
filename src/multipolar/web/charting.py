"""Chart data for the pages: series on a real time axis, periods with too few events marked, one measure per chart.

Each function returns the JSON that ``static/charts.js`` draws: ``{"series": [{"name", "values":
[[iso date, value or null], ...], "color"}], "thin": [[iso date, events], ...]}``. A period whose
event count is below the minimum is not drawn as a value: it goes to ``thin`` and is shaded as
"too few events".
"""

from __future__ import annotations

import math
from typing import Any

from multipolar import settings

#: Used when the analysis does not define the ``min_period_events`` setting.
DEFAULT_MIN_PERIOD_EVENTS = 20
BLOC_PALETTE = ("#9aa5ad", "#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#b7950b")


def min_period_events() -> int:
    """Return the fewest events a period needs for its measures to be drawn (the ``min_period_events`` setting)."""
    try:
        return int(settings.get("min_period_events"))
    except KeyError:
        return DEFAULT_MIN_PERIOD_EVENTS


def _value(raw: Any) -> float | None:
    if raw is None:
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return None
    return round(number, 4) if math.isfinite(number) else None


def is_thin(row: dict[str, Any], count: str = "events", minimum: int | None = None) -> bool:
    """Return whether ``row`` (a period) has fewer events than the minimum, or says so itself (``too_few``)."""
    if row.get("status") is not None:  # the analysis marks the period itself
        return row["status"] != "ok"
    events = row.get(count)
    return events is not None and int(events) < (min_period_events() if minimum is None else minimum)


def period_series(rows: list[dict[str, Any]], columns: dict[str, str], colors: list[str] | None = None,
                  x: str = "period", count: str | None = "events", minimum: int | None = None,
                  unit: str | None = None) -> dict[str, Any]:
    """Return line-chart data with one series per ``name -> column``; periods with too few events go to ``thin``.

    Pass ``count=None`` for series that are counts themselves (no period is thin).
    """
    thin_periods = {str(r[x]): int(r[count]) for r in rows if count and is_thin(r, count, minimum)}
    series = []
    for k, (name, column) in enumerate(columns.items()):
        values = [[str(r[x]), None if str(r[x]) in thin_periods else _value(r.get(column))] for r in rows]
        entry: dict[str, Any] = {"name": name, "values": values}
        if colors and k < len(colors):
            entry["color"] = colors[k]
        series.append(entry)
    data: dict[str, Any] = {"series": series, "thin": sorted([p, n] for p, n in thin_periods.items())}
    if unit:
        data["yLabel"] = unit
    return data


def bloc_series(cohesion: list[dict[str, Any]], minimum: int | None = None) -> dict[str, Any]:
    """Return one cohesion series per bloc; a bloc's period with too few events has no value (and is listed as thin
    when no bloc has enough events in it)."""
    blocs = sorted({row["bloc"] for row in cohesion})
    series = []
    for bloc in blocs:
        values = [[str(r["period"]), None if is_thin(r, minimum=minimum) else _value(r["cohesion"])]
                  for r in cohesion if r["bloc"] == bloc]
        series.append({"name": f"bloc {bloc}" if bloc else "unaligned", "values": values,
                       "color": BLOC_PALETTE[bloc % len(BLOC_PALETTE)]})
    by_period: dict[str, int] = {}
    thin_everywhere: dict[str, bool] = {}
    for r in cohesion:
        period = str(r["period"])
        by_period[period] = by_period.get(period, 0) + int(r.get("events") or 0)
        thin_everywhere[period] = thin_everywhere.get(period, True) and is_thin(r, minimum=minimum)
    thin = sorted([p, by_period[p]] for p, all_thin in thin_everywhere.items() if all_thin)
    return {"series": series, "thin": thin, "yLabel": "cohesion (\u22121 to +1)"}
