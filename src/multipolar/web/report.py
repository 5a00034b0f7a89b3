"""The standalone HTML report: dyad time series, the network, blocs and polarity over time.

``write_report`` renders one HTML file with every chart inline as SVG (no external assets,
no JavaScript) and writes each chart beside it as an SVG file, and as PNG when matplotlib is
installed. Steps: compute the analyses, draw the charts, render ``templates/report.html``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from multipolar import analysis
from multipolar.analysis.base import FrameSource
from multipolar.errors import Errors, MultipolarError
from multipolar.web.charting import bloc_series, is_thin, min_period_events
from multipolar.web.data import records
from multipolar.web.svg import BLOC_COLOURS, Series, line_svg, network_svg

HERE = Path(__file__).parent


@dataclass
class Chart:
    """One chart of the report: its file stem, title, SVG text and what is needed to redraw it as PNG."""

    name: str
    title: str
    svg: str
    kind: str  # line | network
    series: list[Series] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)


@dataclass
class ReportResult:
    """What ``write_report`` wrote."""

    html: Path
    charts: list[Path]
    png: bool


def build_report(
    store: FrameSource,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    *,
    freq: str = "month",
    top_dyads: int = 4,
    max_nodes: int = 50,
) -> dict[str, Any]:
    """Return the report's content: counts, charts, blocs, polarity and sensitivity tables."""
    edges = analysis.relation_edges(store, since, until)
    if edges.empty:
        raise MultipolarError(Errors.E604.format(since=since or "the start", until=until or "the end"))
    graph = analysis.build_graph(edges)
    members = analysis.detect_blocs(graph)
    summary = analysis.bloc_summary(members, graph)
    shown = analysis.top_subgraph(graph, max_nodes)
    positions = analysis.layout(shown)
    bloc_of = dict(zip(members["actor"], members["bloc"], strict=True))
    nodes = [
        {"id": n, "x": positions[n][0], "y": positions[n][1], "bloc": int(bloc_of[n]),
         "strength": shown.nodes[n]["strength"], "events": shown.nodes[n]["events"]}
        for n in sorted(shown.nodes)
    ]
    links = [{"source": a, "target": b, **d} for a, b, d in shown.edges(data=True)]
    charts = [Chart("network", "Signed relation network (colour: bloc, grey: unaligned)",
                    network_svg(nodes, links, "Signed relation network (colour: bloc, grey: unaligned)"),
                    "network", nodes=nodes, edges=links)]

    busiest = analysis.dyads(store, since, until, directed=False, limit=top_dyads)
    pairs = list(zip(busiest["source"], busiest["target"], strict=True))
    all_series = []
    for a, b in pairs:
        frame = analysis.dyad_series(store, a, b, since, until, freq=freq)
        all_series.append(Series(f"{a}-{b}", [(str(p), float(v)) for p, v in zip(frame["period"], frame["events"], strict=True)]))
        title = f"{a} - {b}: cooperative and conflictual events by {freq}"
        pair_series = [
            Series("cooperation", [(str(p), float(v)) for p, v in zip(frame["period"], frame["cooperation"], strict=True)], "#2e8b57"),
            Series("conflict", [(str(p), float(v)) for p, v in zip(frame["period"], frame["conflict"], strict=True)], "#c0392b"),
        ]
        charts.append(Chart(f"dyad_{a}_{b}", title, line_svg(pair_series, title), "line", series=pair_series))
    title = f"Events by {freq} of the {len(pairs)} busiest dyads"
    charts.insert(1, Chart("dyads", title, line_svg(all_series, title), "line", series=all_series))

    minimum = min_period_events()
    cohesion = analysis.bloc_cohesion(store, members, since, until, freq="quarter")
    cohesion_rows = records(cohesion)
    cohesion_thin = [tuple(p) for p in bloc_series(cohesion_rows, minimum)["thin"]]
    cohesion_series = [
        Series("unaligned" if not bloc else f"bloc {bloc}",
               [(str(r["period"]), None if is_thin(r, minimum=minimum) else r["cohesion"]) for r in cohesion_rows if r["bloc"] == bloc],
               BLOC_COLOURS[bloc % len(BLOC_COLOURS)])
        for bloc in sorted({r["bloc"] for r in cohesion_rows})
    ]
    title = "Cohesion of each bloc by quarter (+1: only cooperation inside)"
    charts.append(Chart("cohesion", title, line_svg(cohesion_series, title, thin=cohesion_thin, unit="cohesion, -1 to +1"),
                        "line", series=cohesion_series))

    polarity = analysis.polarity(store, since, until, freq="quarter")
    polarity_rows = records(polarity)
    thin = [(str(r["period"]), int(r["events"])) for r in polarity_rows if is_thin(r, minimum=minimum)]
    thin_periods = {p for p, _ in thin}

    def measure_series(name: str, column: str, colour: str) -> Series:
        return Series(name, [(str(r["period"]), None if str(r["period"]) in thin_periods else r[column]) for r in polarity_rows], colour)

    poles = [measure_series("effective poles (blocs)", "poles", "#1b6ca8"), measure_series("effective actors", "actor_poles", "#8e44ad")]
    title = "Effective number of poles and of actors by quarter"
    charts.append(Chart("polarity", title, line_svg(poles, title, thin=thin, unit="effective number"), "line", series=poles))
    shares = [measure_series("within-bloc share", "within_share", "#2e8b57"), measure_series("balance", "balance", "#d35400")]
    title = "Share of tie strength within blocs, and balance, by quarter"
    charts.append(Chart("polarity_shares", title, line_svg(shares, title, thin=thin, unit="share, 0 to 1"), "line", series=shares))

    first, last = analysis.date_bounds(store)
    return {
        "since": since or first,
        "until": until or last,
        "freq": freq,
        "events": int(edges["events"].sum()),
        "actors": graph.number_of_nodes(),
        "charts": charts,
        "blocs": records(summary),
        "dyads": records(busiest),
        "polarity": polarity_rows,
        "min_period_events": minimum,
        "sensitivity": records(analysis.polarity_sensitivity(store, since, until)),
    }


def _floats(column) -> list[float | None]:
    return [None if v is None or v != v else float(v) for v in column]


def write_report(store: FrameSource, out: str | Path, since=None, until=None, *, freq: str = "month",
                 png: bool = True) -> ReportResult:
    """Write the HTML report to ``out`` and each chart beside it (``<stem>_charts/*.svg`` and ``*.png``).

    PNG files are written when ``png`` is true and matplotlib is installed. Returns what was written.
    """
    from multipolar.web.app import make_templates

    out = Path(out)
    content = build_report(store, since, until, freq=freq)
    folder = out.with_name(f"{out.stem}_charts")
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for chart in content["charts"]:
            path = folder / f"{chart.name}.svg"
            path.write_text(chart.svg, encoding="utf-8")
            written.append(path)
        drew_png = png and _write_pngs(content["charts"], folder, written)
        css = (HERE / "static" / "multipolar.css").read_text(encoding="utf-8")
        template = make_templates().get_template("report.html")
        html = template.render(
            css=Markup(css),
            charts=[{"name": c.name, "title": c.title, "svg": Markup(c.svg)} for c in content["charts"]],
            folder=folder.name,
            png=drew_png,
            generated=dt.datetime.now().replace(microsecond=0),
            **{k: v for k, v in content.items() if k != "charts"},
        )
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise MultipolarError(Errors.E605.format(path=out, detail=exc)) from exc
    return ReportResult(out, written, drew_png)


def _write_pngs(charts: list[Chart], folder: Path, written: list[Path]) -> bool:
    """Draw each chart again with matplotlib as PNG; return False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    for chart in charts:
        figure, axes = plt.subplots(figsize=(8, 5.2 if chart.kind == "network" else 3.2), dpi=110)
        axes.set_title(chart.title, fontsize=10, loc="left")
        if chart.kind == "network":
            _png_network(axes, chart)
        else:
            _png_lines(axes, chart)
        figure.tight_layout()
        path = folder / f"{chart.name}.png"
        figure.savefig(path)
        plt.close(figure)
        written.append(path)
    return True


def _png_lines(axes, chart: Chart) -> None:
    for k, line in enumerate(chart.series):
        points = []
        for x, y in line.points:
            try:
                day, value = dt.date.fromisoformat(str(x)[:10]), float(y)
            except (TypeError, ValueError):
                continue
            if math.isfinite(value):
                points.append((day, value))
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=3,
                      label=line.name, color=line.colour or BLOC_COLOURS[1 + k % (len(BLOC_COLOURS) - 1)])
    axes.tick_params(axis="x", labelsize=7)
    axes.axhline(0, color="#9aa5ad", linewidth=0.8)
    axes.grid(axis="y", color="#e6e9eb")
    if chart.series:
        axes.legend(fontsize=7, loc="best")


def _png_network(axes, chart: Chart) -> None:
    at = {n["id"]: (n["x"], 1 - n["y"]) for n in chart.nodes}
    peak = max([abs(e["weight"]) for e in chart.edges] + [1.0])
    for edge in chart.edges:
        (x1, y1), (x2, y2) = at[edge["source"]], at[edge["target"]]
        axes.plot([x1, x2], [y1, y2], color="#2e8b57" if edge["weight"] >= 0 else "#c0392b",
                  linestyle="-" if edge["weight"] >= 0 else "--", alpha=0.5, linewidth=0.5 + 3 * abs(edge["weight"]) / peak)
    strongest = max([n["strength"] for n in chart.nodes] + [1.0])
    for node in chart.nodes:
        x, y = at[node["id"]]
        axes.scatter([x], [y], s=40 + 300 * node["strength"] / strongest, color=BLOC_COLOURS[node["bloc"] % len(BLOC_COLOURS)],
                     edgecolors="white", zorder=3)
        axes.annotate(node["id"], (x, y), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=7, weight="bold")
    axes.set_axis_off()
