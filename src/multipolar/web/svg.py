"""Charts as standalone SVG text, drawn in Python for the HTML report and its exported files.

The same look as ``static/charts.js`` (line charts and the network), without JavaScript:
each function returns a complete ``<svg>`` element whose text is XML-escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b")
BLOC_COLOURS = ("#9aa5ad", "#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#b7950b")
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


@dataclass(frozen=True)
class Series:
    """A named line: ``points`` are ``(x label, y value or None)`` in x order."""

    name: str
    points: Sequence[tuple[str, float | None]]
    colour: str | None = None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values covering ``[low, high]``."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= step * factor:
            step *= factor
            break
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high - step * 1e-6 and len(ticks) < 50:
        ticks.append(ticks[-1] + step)
    return [round(t, 6) for t in ticks]


def _number(value: float) -> str:
    """Return a tick value short enough for an axis: 40k, 1.5M."""
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:g}M"
    if size >= 1e4:
        return f"{value / 1e3:g}k"
    return f"{value:g}"


def _finite(value: float | None) -> float | None:
    """Return ``value`` when it is a finite number, else None (NaN and infinities are not drawn)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _day(label: str) -> int | None:
    """Return the day number of an ISO date label, or None when the label is not a date."""
    try:
        return dt.date.fromisoformat(str(label)[:10]).toordinal()
    except ValueError:
        return None


def _time_ticks(low: int, high: int, width: float, gap: float = 70.0) -> list[tuple[int, str]]:
    """Return ``(day number, label)`` ticks on round years, months or days, at least ``gap`` units apart."""
    most = max(2, int(width // gap))
    span = high - low
    first = dt.date.fromordinal(low)
    ticks: list[tuple[int, str]] = []
    if span > 700:
        step = max(1, math.ceil(span / 365.25 / most))
        year = first.year + (0 if (first.month, first.day) == (1, 1) else 1)
        while dt.date(year, 1, 1).toordinal() <= high:
            ticks.append((dt.date(year, 1, 1).toordinal(), str(year)))
            year += step
        return ticks or [(low, str(first.year))]
    if span > 60:
        step = max(1, math.ceil(span / 30.4 / most))
        month = first.year * 12 + first.month - 1 + (0 if first.day == 1 else 1)
        while True:
            day = dt.date(month // 12, month % 12 + 1, 1)
            if day.toordinal() > high:
                break
            ticks.append((day.toordinal(), f"{day.year}-{day.month:02d}"))
            month += step
        return ticks
    step = max(1, math.ceil(max(span, 1) / most))
    return [(d, dt.date.fromordinal(d).isoformat()) for d in range(low, high + 1, step)]


def line_svg(series: Sequence[Series], title: str, width: int = 760, height: int = 260,
             thin: Sequence[tuple[str, int]] = (), unit: str | None = None) -> str:
    """Return an SVG line chart of ``series`` on a shared x axis: real time when the labels are ISO dates.

    A gap longer than one period breaks a line; ``thin`` periods (label, events) are shaded as
    "too few events"; values that are not finite numbers are left out.
    """
    left, right, top = 56, 24, 30
    items = [(line.name, line.colour or PALETTE[k % len(PALETTE)], False) for k, line in enumerate(series)]
    if thin:
        items.append((f"too few events ({len(thin)} periods)", "#9aa5ad", True))
    rows, x = 1, left
    for name, _, _ in items:
        size = 22 + 6.6 * len(name)
        if x > left and x + size > width - right:
            rows, x = rows + 1, left
        x += size + 10
    bottom = 30 + 16 * rows
    labels = sorted({x for s in series for x, _ in s.points} | {p for p, _ in thin})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{left}" y="18" font-size="13" font-weight="600" fill="#1d2327">{escape(title)}</text>',
    ]
    values = [v for s in series for _, y in s.points if (v := _finite(y)) is not None]
    if not labels or (not values and not thin):
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#5f6b73">no data</text></svg>')
        return "".join(parts)
    timed = all(_day(label) is not None for label in labels)
    position = {label: (_day(label) if timed else i) for i, label in enumerate(labels)}
    ordered = sorted(position.values())
    step = min((b - a for a, b in zip(ordered, ordered[1:], strict=False) if b > a), default=30 if timed else 1)
    low, high = ordered[0], ordered[-1] + (step if thin else 0)
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]))
    y_low, y_high = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_at(label: str) -> float:
        return left + (plot_w / 2 if high == low else (position[label] - low) * plot_w / (high - low))

    def y_at(value: float) -> float:
        return top + plot_h - (value - y_low) / ((y_high - y_low) or 1) * plot_h

    for tick in ticks:
        stroke = "#9aa5ad" if tick == 0 else "#e6e9eb"
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y_at(tick):.1f}" y2="{y_at(tick):.1f}" stroke="{stroke}"/>')
        parts.append(f'<text x="{left - 6}" y="{y_at(tick) + 4:.1f}" text-anchor="end" fill="#5f6b73">{_number(tick)}</text>')
    if unit:
        parts.append(f'<text x="{width - right}" y="18" text-anchor="end" fill="#5f6b73" font-size="10">{escape(unit)}</text>')
    if timed:
        for day, label in _time_ticks(low, high, plot_w):
            tx = left + (plot_w / 2 if high == low else (day - low) * plot_w / (high - low))
            anchor = "end" if tx > left + plot_w - 20 else "middle"
            parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="#9aa5ad"/>')
            parts.append(f'<text x="{tx:.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" fill="#5f6b73">{escape(label)}</text>')
    else:
        every = max(1, math.ceil(80 * (len(labels) - 1) / plot_w))
        for i, label in enumerate(labels):
            if i % every == 0:
                parts.append(f'<text x="{x_at(label):.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="#5f6b73">{escape(label)}</text>')
    for label, events in thin:
        x1 = x_at(label)
        x2 = min(left + plot_w, x1 + (plot_w if high == low else step * plot_w / (high - low)))
        parts.append(f'<rect x="{x1:.1f}" y="{top}" width="{max(2.0, x2 - x1):.1f}" height="{plot_h}" fill="#9aa5ad" fill-opacity="0.18">'
                     f"<title>{escape(f'{label}: too few events ({events})')}</title></rect>")
    for k, line in enumerate(series):
        colour = line.colour or PALETTE[k % len(PALETTE)]
        points = sorted(((x, v) for x, y in line.points if (v := _finite(y)) is not None), key=lambda p: position[p[0]])
        path, previous = "", None
        for x, y in points:
            jump = previous is None or position[x] - previous > 1.6 * step
            path += f"{'M' if jump else 'L'}{x_at(x):.1f},{y_at(y):.1f}"
            previous = position[x]
        if path:
            parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        radius = 1.5 if len(points) > 60 else 3
        for x, y in points:
            parts.append(
                f'<circle cx="{x_at(x):.1f}" cy="{y_at(y):.1f}" r="{radius}" fill="{colour}">'
                f"<title>{escape(f'{line.name} {x}: {y:g}')}</title></circle>"
            )
    x, y = float(left), height - 16 * rows + 4
    for name, colour, hatch in items:
        size = 22 + 6.6 * len(name)
        if x > left and x + size > width - right:
            x, y = float(left), y + 16
        if hatch:
            parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" fill="{colour}" fill-opacity="0.35"/>')
        else:
            parts.append(f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="12" height="4" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{y:.1f}" fill="#1d2327">{escape(name)}</text>')
        x += size + 10
    parts.append("</svg>")
    return "".join(parts)


def network_svg(nodes: Sequence[dict], edges: Sequence[dict], title: str, width: int = 760, height: int = 520) -> str:
    """Return an SVG drawing of the signed network: nodes at their ``x``/``y`` in [0, 1], coloured by ``bloc``."""
    pad, top = 36, 26
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="12" y="18" font-size="13" font-weight="600" fill="#1d2327">{escape(title)}</text>',
    ]
    if not nodes:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#5f6b73">no network</text></svg>')
        return "".join(parts)
    at = {n["id"]: (pad + n["x"] * (width - 2 * pad), top + pad + n["y"] * (height - top - 2 * pad)) for n in nodes}
    peak = max([abs(e["weight"]) for e in edges] + [1.0])
    strongest = max([n["strength"] for n in nodes] + [1.0])
    for edge in edges:
        if edge["source"] not in at or edge["target"] not in at:
            continue
        (x1, y1), (x2, y2) = at[edge["source"]], at[edge["target"]]
        colour, dash = ("#2e8b57", "") if edge["weight"] >= 0 else ("#c0392b", ' stroke-dasharray="5 3"')
        label = f"{edge['source']} - {edge['target']}: {edge['events']} events, weight {edge['weight']:g}"
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-opacity="0.55" '
            f'stroke-width="{0.6 + 4 * abs(edge["weight"]) / peak:.2f}"{dash}><title>{escape(label)}</title></line>'
        )
    for node in nodes:
        x, y = at[node["id"]]
        radius = 5 + 11 * math.sqrt(max(node["strength"], 0) / strongest)
        colour = BLOC_COLOURS[node["bloc"] % len(BLOC_COLOURS)]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" stroke="#fff" stroke-width="1.5">'
            f"<title>{escape(str(node['id']))}: bloc {node['bloc'] or 'unaligned'}</title></circle>"
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y - radius - 3:.1f}" text-anchor="middle" font-weight="600" fill="#1d2327">'
            f"{escape(str(node['id']))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)



#: Choropleth classes: light to dark blue, for event counts cut at quantile-like round breaks.
CHOROPLETH = ("#dbe9f4", "#a9cbe6", "#6fa6d3", "#3b7fb9", "#1b5a8f")


def count_breaks(counts: Sequence[int], classes: int = len(CHOROPLETH)) -> list[int]:
    """Return the lower bounds of ``classes`` classes of ``counts`` on a doubling-friendly scale (first is 1)."""
    peak = max(counts, default=0)
    if peak <= 1:
        return [1]
    breaks = sorted({max(1, round(peak ** (i / classes))) for i in range(classes)})
    return breaks


def map_svg(shapes: dict, counts: dict[str, int], points: Sequence[dict], title: str, link: str = "/events?place=",
            width: float = 1000.0, height: float = 394.4) -> str:
    """Return the world map as SVG: countries shaded by event count, located events as dots sized by count.

    ``shapes`` maps ISO3 codes to objects with ``name``, ``path``; ``points`` have ``x``, ``y``
    (map units), ``events``, ``place``. Each country links to ``link`` + its code.
    """
    legend_h = 34
    breaks = count_breaks(list(counts.values()))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height + legend_h:g}" class="mp-map" role="img" '
        f'aria-label="{escape(title)}" {FONT}>',
        f'<rect width="{width:g}" height="{height:g}" fill="#eef4f8"/>',
        '<g class="mp-countries" stroke="#ffffff" stroke-width="0.4">',
    ]
    for code in sorted(shapes):
        shape = shapes[code]
        count = counts.get(code, 0)
        fill = "#f3f1ec"
        if count:
            level = sum(1 for b in breaks if count >= b) - 1
            fill = CHOROPLETH[min(level, len(CHOROPLETH) - 1)]
        label = f"{shape.name} ({code}): {count:,} event{'s' if count != 1 else ''}"
        parts.append(
            f'<a href="{escape(link + code)}"><path d="{shape.path}" fill="{fill}" data-code="{code}" data-events="{count}">'
            f"<title>{escape(label)}</title></path></a>"
        )
    parts.append("</g>")
    if points:
        peak = max(p["events"] for p in points) or 1
        parts.append('<g class="mp-points" fill="#c0392b" fill-opacity="0.55" stroke="#7b1f16" stroke-width="0.4">')
        for point in sorted(points, key=lambda p: -p["events"]):
            radius = 1.6 + 7 * math.sqrt(point["events"] / peak)
            label = f"{point.get('place') or 'place'}: {point['events']:,} event{'s' if point['events'] != 1 else ''}"
            parts.append(f'<circle cx="{point["x"]:.1f}" cy="{point["y"]:.1f}" r="{radius:.1f}"><title>{escape(label)}</title></circle>')
        parts.append("</g>")
    y = height + 12
    parts.append(f'<text x="4" y="{y + 10:g}" fill="#5f6b73">events per country:</text>')
    x = 118.0
    uppers = [b - 1 for b in breaks[1:]] + [max(counts.values(), default=0)]
    for colour, low, high in zip(CHOROPLETH, breaks, uppers, strict=False):
        text = f"{low:,}" if low >= high else f"{low:,}\u2013{high:,}"
        parts.append(f'<rect x="{x:g}" y="{y:g}" width="14" height="12" fill="{colour}" stroke="#9aa5ad" stroke-width="0.5"/>')
        parts.append(f'<text x="{x + 18:g}" y="{y + 10:g}" fill="#1d2327">{escape(text)}</text>')
        x += 26 + 7 * len(text)
    parts.append(f'<rect x="{x:g}" y="{y:g}" width="14" height="12" fill="#f3f1ec" stroke="#9aa5ad" stroke-width="0.5"/>')
    parts.append(f'<text x="{x + 18:g}" y="{y + 10:g}" fill="#1d2327">none</text>')
    x += 70
    if points:
        parts.append(f'<circle cx="{x + 6:g}" cy="{y + 6:g}" r="5" fill="#c0392b" fill-opacity="0.55" stroke="#7b1f16" stroke-width="0.4"/>')
        parts.append(f'<text x="{x + 16:g}" y="{y + 10:g}" fill="#1d2327">located events (size: count)</text>')
    parts.append("</svg>")
    return "".join(parts)
