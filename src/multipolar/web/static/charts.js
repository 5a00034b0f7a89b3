/* multipolar charts: a small line, bar and network chart library in plain SVG (no dependencies).
 *
 * Every element with data-chart="line|bar|network" and data-source="ID" is drawn from the JSON
 * in <script type="application/json" id="ID">. Text is set with textContent only, never as HTML.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function tip(node, content) {
    var title = el("title", {}, node);
    title.textContent = content;
  }

  function niceTicks(lo, hi, count) {
    if (lo === hi) { hi = lo + 1; }
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = (count * step) / span;
    if (err <= 0.15) { step *= 10; } else if (err <= 0.35) { step *= 5; } else if (err <= 0.75) { step *= 2; }
    var ticks = [], start = Math.floor(lo / step) * step;
    for (var v = start; ; v += step) {
      ticks.push(Math.round(v * 1e6) / 1e6);
      if (v >= hi - step * 1e-6 || ticks.length > 50) { break; }
    }
    return ticks;
  }

  function frame(container, height) {
    var width = Math.max(container.clientWidth || 600, 280);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", height: height, role: "img",
                          "class": "mp-chart" }, container);
    return { svg: svg, width: width, height: height };
  }

  function lineChart(container, data) {
    var height = container.clientHeight || 240;
    var f = frame(container, height), svg = f.svg;
    var m = { top: 12, right: 16, bottom: 46, left: 48 };
    var series = data.series || [];
    var xs = [];
    series.forEach(function (s) { s.values.forEach(function (p) { if (xs.indexOf(p[0]) < 0) { xs.push(p[0]); } }); });
    xs.sort();
    if (!xs.length) { text(svg, f.width / 2, height / 2, "no data", { "text-anchor": "middle", "class": "mp-empty" }); return; }
    var ys = [];
    series.forEach(function (s) { s.values.forEach(function (p) { if (p[1] !== null) { ys.push(p[1]); } }); });
    var ticks = niceTicks(Math.min(0, Math.min.apply(null, ys)), Math.max.apply(null, ys.concat([0])), 5);
    var lo = ticks[0], hi = ticks[ticks.length - 1];
    var w = f.width - m.left - m.right, h = height - m.top - m.bottom;
    function X(v) { var i = xs.indexOf(v); return m.left + (xs.length === 1 ? w / 2 : (i * w) / (xs.length - 1)); }
    function Y(v) { return m.top + h - ((v - lo) / (hi - lo || 1)) * h; }
    var axis = el("g", { "class": "mp-axis" }, svg);
    ticks.forEach(function (t) {
      el("line", { x1: m.left, x2: m.left + w, y1: Y(t), y2: Y(t), "class": t === 0 ? "mp-zero" : "mp-grid" }, axis);
      text(axis, m.left - 6, Y(t) + 4, String(t), { "text-anchor": "end" });
    });
    var every = Math.max(1, Math.ceil((80 * (xs.length - 1)) / w));  // at least 80 px between labels
    xs.forEach(function (x, i) {
      if (i % every === 0) {
        var anchor = xs.length > 1 && i === xs.length - 1 ? "end" : "middle";
        text(axis, X(x), m.top + h + 16, String(x), { "text-anchor": anchor });
      }
    });
    series.forEach(function (s, k) {
      var color = s.color || PALETTE[k % PALETTE.length];
      var points = s.values.filter(function (p) { return p[1] !== null; });
      var d = points.map(function (p, i) { return (i ? "L" : "M") + X(p[0]).toFixed(1) + "," + Y(p[1]).toFixed(1); }).join("");
      el("path", { d: d, fill: "none", stroke: color, "stroke-width": 2, "class": "mp-line" }, svg);
      points.forEach(function (p) {
        var dot = el("circle", { cx: X(p[0]), cy: Y(p[1]), r: points.length > 60 ? 1.5 : 3, fill: color }, svg);
        tip(dot, s.name + " " + p[0] + ": " + p[1]);
      });
      var lx = m.left + k * 150;
      el("rect", { x: lx, y: height - 16, width: 12, height: 4, fill: color }, svg);
      text(svg, lx + 16, height - 11, s.name, { "class": "mp-legend" });
    });
  }

  function barChart(container, data) {
    var bars = data.bars || [];
    var row = 22, m = { top: 6, right: 56, bottom: 6, left: 110 };
    var height = Math.max(40, bars.length * row + m.top + m.bottom);
    var f = frame(container, height), svg = f.svg;
    if (!bars.length) { text(svg, f.width / 2, 24, "no data", { "text-anchor": "middle", "class": "mp-empty" }); return; }
    var peak = Math.max.apply(null, bars.map(function (b) { return Math.abs(b.value); })) || 1;
    var w = f.width - m.left - m.right;
    bars.forEach(function (b, i) {
      var y = m.top + i * row;
      text(svg, m.left - 6, y + 15, b.label, { "text-anchor": "end" });
      var rect = el("rect", { x: m.left, y: y + 3, width: Math.max(1, (Math.abs(b.value) / peak) * w), height: row - 8,
                              "class": "mp-bar " + (b.cls || "") }, svg);
      tip(rect, b.label + ": " + b.value);
      text(svg, m.left + (Math.abs(b.value) / peak) * w + 4, y + 15, String(b.value), { "class": "mp-value" });
    });
  }

  function networkChart(container, data) {
    var height = container.clientHeight || 420;
    var f = frame(container, height), svg = f.svg, pad = 34;
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) { text(svg, f.width / 2, height / 2, "no network", { "text-anchor": "middle", "class": "mp-empty" }); return; }
    var at = {};
    nodes.forEach(function (n) { at[n.id] = [pad + n.x * (f.width - 2 * pad), pad + n.y * (height - 2 * pad)]; });
    var peak = Math.max.apply(null, edges.map(function (e) { return Math.abs(e.weight); }).concat([1]));
    var strongest = Math.max.apply(null, nodes.map(function (n) { return n.strength; }).concat([1]));
    var ties = el("g", { "class": "mp-edges" }, svg);
    edges.forEach(function (e) {
      if (!at[e.source] || !at[e.target]) { return; }
      var link = el("a", { href: (data.edgeLink || "/dyads/") + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target) }, ties);
      var line = el("line", { x1: at[e.source][0], y1: at[e.source][1], x2: at[e.target][0], y2: at[e.target][1],
                              "stroke-width": 0.6 + 4 * Math.abs(e.weight) / peak,
                              "class": e.weight >= 0 ? "mp-coop" : "mp-conf" }, link);
      tip(line, e.source + " \u2013 " + e.target + ": " + e.events + " events, weight " + e.weight);
    });
    var dots = el("g", { "class": "mp-nodes" }, svg);
    nodes.forEach(function (n) {
      var link = el("a", { href: (data.nodeLink || "/actors/") + encodeURIComponent(n.id) }, dots);
      var r = 5 + 11 * Math.sqrt(n.strength / strongest);
      var dot = el("circle", { cx: at[n.id][0], cy: at[n.id][1], r: r, "class": "mp-node bloc-" + (n.bloc % 8) }, link);
      tip(dot, n.id + " (bloc " + (n.bloc || "unaligned") + "): " + n.events + " events");
      text(link, at[n.id][0], at[n.id][1] - r - 3, n.id, { "text-anchor": "middle", "class": "mp-label" });
    });
  }

  var KINDS = { line: lineChart, bar: barChart, network: networkChart };

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-source"));
      var draw = KINDS[container.getAttribute("data-chart")];
      if (!source || !draw) { return; }
      while (container.firstChild) { container.removeChild(container.firstChild); }
      draw(container, JSON.parse(source.textContent));
    });
  }

  window.multipolarCharts = { line: lineChart, bar: barChart, network: networkChart, drawAll: drawAll };
  document.addEventListener("DOMContentLoaded", drawAll);
}());
