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

  // A tick value short enough for the axis: 40k, 1.5M.
  function compact(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return +(v / 1e9).toFixed(2) + "G"; }
    if (a >= 1e6) { return +(v / 1e6).toFixed(2) + "M"; }
    if (a >= 1e4) { return +(v / 1e3).toFixed(1) + "k"; }
    return String(v);
  }

  function frame(container, height) {
    var width = Math.max(container.clientWidth || 600, 280);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", height: height, role: "img",
                          "class": "mp-chart" }, container);
    return { svg: svg, width: width, height: height };
  }

  var DAY = 86400000;

  function isoTime(label) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(label));
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  }

  // Round ticks on a time axis: years, months or days, at least minGap pixels apart.
  function timeTicks(lo, hi, width, minGap) {
    var most = Math.max(2, Math.floor(width / minGap));
    var span = (hi - lo) / DAY, ticks = [], d, step, fmt;
    var first = new Date(lo), y0 = first.getUTCFullYear();
    if (span / 365 >= 2 || span > 700) {
      step = Math.max(1, Math.ceil(span / 365.25 / most));
      for (var y = y0 + (first.getUTCMonth() || first.getUTCDate() > 1 ? 1 : 0); ; y += step) {
        d = Date.UTC(y, 0, 1); if (d > hi) { break; } ticks.push([d, String(y)]);
      }
      if (!ticks.length) { ticks.push([lo, String(y0)]); }
      return ticks;
    }
    if (span > 60) {
      step = Math.max(1, Math.ceil(span / 30.4 / most));
      for (var k = 0; ; k += step) {
        d = Date.UTC(y0, first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0) + k, 1); if (d > hi) { break; }
        var t = new Date(d); ticks.push([d, t.getUTCFullYear() + "-" + String(t.getUTCMonth() + 1).padStart(2, "0")]);
      }
      return ticks;
    }
    step = Math.max(1, Math.ceil(span / most));
    for (d = lo; d <= hi; d += step * DAY) {
      fmt = new Date(d).toISOString().slice(0, 10); ticks.push([d, fmt]);
    }
    return ticks;
  }

  // Legend items laid out in rows that fit the width; returns the rows' height.
  function legend(svg, items, x0, y0, width) {
    var x = x0, y = y0, rowH = 16;
    items.forEach(function (item) {
      var w = 22 + 6.6 * item.name.length;
      if (x > x0 && x + w > x0 + width) { x = x0; y += rowH; }
      if (item.hatch) {
        el("rect", { x: x, y: y - 9, width: 12, height: 10, "class": "mp-thin-key" }, svg);
      } else {
        el("rect", { x: x, y: y - 5, width: 12, height: 4, fill: item.color }, svg);
      }
      text(svg, x + 16, y, item.name, { "class": "mp-legend" });
      x += w + 10;
    });
    return y - y0 + rowH;
  }

  function lineChart(container, data) {
    var height = container.clientHeight || 240;
    var f = frame(container, height), svg = f.svg;
    var series = data.series || [], thin = data.thin || [];
    var all = [];
    series.forEach(function (s) { s.values.forEach(function (p) { all.push(p[0]); }); });
    thin.forEach(function (p) { all.push(p[0]); });
    if (!all.length) { text(svg, f.width / 2, height / 2, "no data", { "text-anchor": "middle", "class": "mp-empty" }); return; }
    var timed = all.every(function (x) { return !isNaN(isoTime(x)); });
    var xs = [];
    all.forEach(function (x) { if (xs.indexOf(x) < 0) { xs.push(x); } });
    xs.sort();
    var pos = xs.map(function (x) { return timed ? isoTime(x) : xs.indexOf(x); });
    var step = Infinity;  // the period: smallest gap between two x values
    for (var i = 1; i < pos.length; i++) { step = Math.min(step, pos[i] - pos[i - 1]); }
    if (!isFinite(step)) { step = timed ? 30 * DAY : 1; }
    var lo = pos[0], hi = pos[pos.length - 1] + (thin.length ? step : 0);
    var items = series.map(function (s, k) { return { name: s.name, color: s.color || PALETTE[k % PALETTE.length] }; });
    if (thin.length) { items.push({ name: "too few events (" + thin.length + " periods)", hatch: true }); }
    var m = { top: data.yLabel ? 24 : 12, right: 20, bottom: 30, left: 52 };
    var legendH = legend(svg, items, m.left, height - 4, f.width - m.left - m.right);
    // the legend was drawn at the bottom; move it below the axis by shifting the plot up
    svg.querySelectorAll(".mp-legend, rect").forEach(function (node) {
      var attr = node.tagName === "text" ? "y" : "y";
      node.setAttribute(attr, +node.getAttribute(attr) - legendH + 12);
    });
    m.bottom += legendH;
    var ys = [];
    series.forEach(function (s) { s.values.forEach(function (p) { if (p[1] !== null && isFinite(p[1])) { ys.push(p[1]); } }); });
    var ticks = niceTicks(Math.min(0, ys.length ? Math.min.apply(null, ys) : 0), Math.max.apply(null, ys.concat([0, data.floor || 0])), 5);
    var ylo = ticks[0], yhi = ticks[ticks.length - 1];
    var w = f.width - m.left - m.right, h = height - m.top - m.bottom;
    function X(v) {
      var t = timed ? isoTime(v) : xs.indexOf(v);
      return m.left + (hi === lo ? w / 2 : ((t - lo) / (hi - lo)) * w);
    }
    function Y(v) { return m.top + h - ((v - ylo) / (yhi - ylo || 1)) * h; }
    var axis = el("g", { "class": "mp-axis" }, svg);
    ticks.forEach(function (t) {
      el("line", { x1: m.left, x2: m.left + w, y1: Y(t), y2: Y(t), "class": t === 0 ? "mp-zero" : "mp-grid" }, axis);
      text(axis, m.left - 6, Y(t) + 4, compact(t), { "text-anchor": "end" });
    });
    if (data.yLabel) { text(axis, 4, 11, data.yLabel, { "class": "mp-unit" }); }
    if (timed) {
      timeTicks(lo, hi, w, 70).forEach(function (t) {
        var x = m.left + (hi === lo ? w / 2 : ((t[0] - lo) / (hi - lo)) * w);
        el("line", { x1: x, x2: x, y1: m.top + h, y2: m.top + h + 4, "class": "mp-zero" }, axis);
        text(axis, x, m.top + h + 16, t[1], { "text-anchor": x > m.left + w - 20 ? "end" : "middle" });
      });
    } else {
      var every = Math.max(1, Math.ceil((80 * (xs.length - 1)) / w));
      xs.forEach(function (x, i) {
        if (i % every === 0) { text(axis, X(x), m.top + h + 16, String(x), { "text-anchor": "middle" }); }
      });
    }
    thin.forEach(function (p) {
      var x1 = X(p[0]), x2 = Math.min(m.left + w, x1 + (hi === lo ? w : (step / (hi - lo)) * w));
      var band = el("rect", { x: x1, y: m.top, width: Math.max(2, x2 - x1), height: h, "class": "mp-thin" }, svg);
      tip(band, p[0] + ": too few events (" + p[1] + ")");
    });
    series.forEach(function (s, k) {
      var color = s.color || PALETTE[k % PALETTE.length];
      var points = s.values.filter(function (p) { return p[1] !== null && isFinite(p[1]); });
      points.sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
      var d = "", prev = null;
      points.forEach(function (p) {  // a gap longer than one period breaks the line: gaps stay gaps
        var t = timed ? isoTime(p[0]) : xs.indexOf(p[0]);
        d += (prev === null || t - prev > 1.6 * step ? "M" : "L") + X(p[0]).toFixed(1) + "," + Y(p[1]).toFixed(1);
        prev = t;
      });
      if (d) { el("path", { d: d, fill: "none", stroke: color, "stroke-width": 2, "class": "mp-line" }, svg); }
      points.forEach(function (p) {
        var dot = el("circle", { cx: X(p[0]).toFixed(1), cy: Y(p[1]).toFixed(1), r: points.length > 60 ? 1.5 : 3, fill: color }, svg);
        tip(dot, s.name + " " + p[0] + ": " + p[1]);
      });
    });
  }

  function barChart(container, data) {
    var bars = data.bars || [];
    var row = 22, m = { top: 6, right: 64, bottom: 6, left: 120 };
    var height = Math.max(40, bars.length * row + m.top + m.bottom);
    container.style.height = height + "px";  // the chart sets its own height: no overflow into the next section
    var f = frame(container, height), svg = f.svg;
    if (!bars.length) { text(svg, f.width / 2, 24, "no data", { "text-anchor": "middle", "class": "mp-empty" }); return; }
    var peak = Math.max.apply(null, bars.map(function (b) { return Math.abs(b.value); })) || 1;
    var w = f.width - m.left - m.right;
    bars.forEach(function (b, i) {
      var y = m.top + i * row, label = String(b.label);
      var shown = label.length > 17 ? label.slice(0, 16) + "\u2026" : label;
      tip(text(svg, m.left - 6, y + 15, shown, { "text-anchor": "end" }), label);
      var rect = el("rect", { x: m.left, y: y + 3, width: Math.max(1, (Math.abs(b.value) / peak) * w), height: row - 8,
                              "class": "mp-bar " + (b.cls || "") }, svg);
      tip(rect, label + ": " + b.value);
      var value = typeof b.value === "number" && b.value % 1 ? b.value.toFixed(1) : String(b.value);
      text(svg, m.left + (Math.abs(b.value) / peak) * w + 4, y + 15, value, { "class": "mp-value" });
    });
  }

  // The network with its controls: minimum tie weight, top N actors by strength, a country and its
  // neighbours, zoom (wheel or buttons) and pan (drag). Filtering happens here, on the data sent.
  function networkChart(container, data) {
    var height = container.clientHeight || 420;
    var allNodes = data.nodes || [], allEdges = data.edges || [];
    var controls = container.previousElementSibling && container.previousElementSibling.classList.contains("network-controls")
      ? container.previousElementSibling : null;
    var state = { minWeight: 0, top: allNodes.length, focus: "", scale: 1, dx: 0, dy: 0 };
    var peakWeight = Math.max.apply(null, allEdges.map(function (e) { return Math.abs(e.weight); }).concat([1]));
    var MAX_TIES = 150;  // at first, only the strongest ties among the top actors: no hairball
    function firstWeight(top) {
      var ranked = allNodes.slice().sort(function (a, b) { return b.strength - a.strength; }).slice(0, top), keep = {};
      ranked.forEach(function (n) { keep[n.id] = true; });
      var weights = allEdges.filter(function (e) { return keep[e.source] && keep[e.target]; })
        .map(function (e) { return Math.abs(e.weight); }).sort(function (a, b) { return b - a; });
      return weights.length > MAX_TIES ? weights[MAX_TIES - 1] : 0;
    }
    if (controls) {
      var slider = controls.querySelector("[name=min_weight]"), topInput = controls.querySelector("[name=top]");
      if (slider) {
        slider.max = String(Math.ceil(peakWeight));
        slider.step = String(peakWeight > 50 ? 1 : Math.max(0.01, Math.round(peakWeight) / 100));
        slider.value = String(firstWeight(topInput ? +topInput.value || allNodes.length : allNodes.length));
      }
    }
    function read() {
      if (!controls) { return; }
      var weight = controls.querySelector("[name=min_weight]"), top = controls.querySelector("[name=top]"),
          focus = controls.querySelector("[name=focus]"), out = controls.querySelector("output");
      if (weight) { state.minWeight = +weight.value; if (out) { out.textContent = weight.value; } }
      if (top) { state.top = Math.max(2, +top.value || allNodes.length); }
      if (focus) { state.focus = focus.value.trim().toUpperCase(); }
    }
    function draw() {
      while (container.firstChild) { container.removeChild(container.firstChild); }
      var f = frame(container, height), svg = f.svg, pad = 34;
      var ranked = allNodes.slice().sort(function (a, b) { return b.strength - a.strength; }).slice(0, state.top);
      var keep = {};
      ranked.forEach(function (n) { keep[n.id] = true; });
      var edges = allEdges.filter(function (e) { return keep[e.source] && keep[e.target] && Math.abs(e.weight) >= state.minWeight; });
      if (state.focus && keep[state.focus]) {
        var near = {}; near[state.focus] = true;
        edges = edges.filter(function (e) { return e.source === state.focus || e.target === state.focus; });
        edges.forEach(function (e) { near[e.source] = true; near[e.target] = true; });
        keep = near;
      }
      var nodes = ranked.filter(function (n) { return keep[n.id]; });
      if (!nodes.length) { text(svg, f.width / 2, height / 2, "no network", { "text-anchor": "middle", "class": "mp-empty" }); return; }
      var view = el("g", { transform: "translate(" + state.dx + "," + state.dy + ") scale(" + state.scale + ")" }, svg);
      // the shown actors fill the frame: a filter (top N, a country) zooms onto what is left
      var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      function fit(v, lo, hi) { return hi - lo < 1e-9 ? 0.5 : (v - lo) / (hi - lo); }
      var at = {};
      nodes.forEach(function (n) {
        at[n.id] = [pad + fit(n.x, x0, x1) * (f.width - 2 * pad), pad + fit(n.y, y0, y1) * (height - 2 * pad)];
      });
      var strongest = Math.max.apply(null, nodes.map(function (n) { return n.strength; }).concat([1]));
      var ties = el("g", { "class": "mp-edges" }, view);
      edges.forEach(function (e) {
        var link = el("a", { href: (data.edgeLink || "/dyads/") + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target) }, ties);
        var line = el("line", { x1: at[e.source][0], y1: at[e.source][1], x2: at[e.target][0], y2: at[e.target][1],
                                "stroke-width": (0.6 + 4 * Math.abs(e.weight) / peakWeight) / Math.sqrt(state.scale),
                                "class": e.weight >= 0 ? "mp-coop" : "mp-conf" }, link);
        tip(line, e.source + " \u2013 " + e.target + ": " + e.events + " events, weight " + e.weight);
      });
      var dots = el("g", { "class": "mp-nodes" }, view);
      var labelAll = nodes.length <= 40 || state.scale >= 2;
      nodes.forEach(function (n, i) {
        var link = el("a", { href: (data.nodeLink || "/actors/") + encodeURIComponent(n.id) }, dots);
        var r = (4 + 10 * Math.sqrt(Math.max(n.strength, 0) / strongest)) / Math.sqrt(state.scale);
        var dot = el("circle", { cx: at[n.id][0], cy: at[n.id][1], r: r, "class": "mp-node bloc-" + (n.bloc % 8) }, link);
        tip(dot, n.id + " (" + (n.bloc ? "bloc " + n.bloc : "unaligned") + "): " + n.events + " events");
        if (labelAll || i < 25 || n.id === state.focus) {
          text(link, at[n.id][0], at[n.id][1] - r - 2, n.id, { "text-anchor": "middle", "class": "mp-label",
                                                              "font-size": (11 / Math.sqrt(state.scale)).toFixed(1) });
        }
      });
      text(svg, f.width - 8, height - 8, nodes.length + " actors, " + edges.length + " ties shown", { "text-anchor": "end", "class": "mp-unit" });
      svg.addEventListener("wheel", function (ev) {
        ev.preventDefault();
        zoom(ev.deltaY < 0 ? 1.25 : 0.8, ev.offsetX, ev.offsetY);
      }, { passive: false });
      var drag = null;
      svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY, state.dx, state.dy]; });
      svg.addEventListener("mousemove", function (ev) {
        if (!drag) { return; }
        state.dx = drag[2] + ev.clientX - drag[0]; state.dy = drag[3] + ev.clientY - drag[1];
        view.setAttribute("transform", "translate(" + state.dx + "," + state.dy + ") scale(" + state.scale + ")");
      });
      svg.addEventListener("mouseup", function () { drag = null; });
      svg.addEventListener("mouseleave", function () { drag = null; });
    }
    function zoom(factor, cx, cy) {
      var next = Math.min(8, Math.max(1, state.scale * factor));
      if (cx === undefined) { cx = container.clientWidth / 2; cy = height / 2; }
      state.dx = cx - (cx - state.dx) * (next / state.scale); state.dy = cy - (cy - state.dy) * (next / state.scale);
      state.scale = next;
      if (next === 1) { state.dx = 0; state.dy = 0; }
      draw();
    }
    if (controls) {
      controls.querySelectorAll("input").forEach(function (input) { input.addEventListener("input", function () { read(); draw(); }); });
      controls.querySelectorAll("button[data-zoom]").forEach(function (button) {
        button.addEventListener("click", function (ev) { ev.preventDefault(); var z = button.getAttribute("data-zoom");
          if (z === "reset") { state.scale = 1; state.dx = 0; state.dy = 0; draw(); } else { zoom(+z); } });
      });
    }
    // the blocs of a date window come after the page (see loadBlocs): colour the nodes then
    container.multipolarSetBlocs = function (blocOf) {
      allNodes.forEach(function (n) { n.bloc = blocOf[n.id] || 0; });
      draw();
    };
    read();
    draw();
  }

  // A date window's network page asks its blocs by a second request (data-blocs-url on the network):
  // they colour the nodes and fill the bloc table and the cohesion chart.
  function loadBlocs(container) {
    var rows = document.querySelector("#bloc-rows"), part = document.getElementById("cohesion-part");
    fetch(container.getAttribute("data-blocs-url"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("blocs: HTTP " + response.status); }
        return response.json();
      })
      .then(function (found) {
        if (rows) { rows.innerHTML = found.blocs; }
        if (part) { part.innerHTML = found.cohesion; drawAll(part); }
        if (container.multipolarSetBlocs) { container.multipolarSetBlocs(found.bloc_of); }
      })
      .catch(function (error) {
        if (rows) { rows.innerHTML = "<tr><td colspan=\"3\" class=\"muted\">the blocs could not be found: " +
          String(error.message).replace(/[<>&]/g, "") + "</td></tr>"; }
      });
  }

  // Tables with class "sortable": a click on a header sorts the rows shown (numbers as numbers).
  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        function key(row) {
          var cell = row.cells[column]; var raw = cell ? cell.textContent.trim() : "";
          var number = parseFloat(raw.replace(/[,%\u2013]/g, ""));
          return /^-?[\d,.]+%?$/.test(raw) ? number : raw.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === y) { return 0; }
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  var KINDS = { line: lineChart, bar: barChart, network: networkChart };

  function drawAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-chart]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-source"));
      var draw = KINDS[container.getAttribute("data-chart")];
      if (!source || !draw) { return; }
      while (container.firstChild) { container.removeChild(container.firstChild); }
      draw(container, JSON.parse(source.textContent));
    });
    scope.querySelectorAll("table.sortable").forEach(sortable);
  }

  window.multipolarCharts = { line: lineChart, bar: barChart, network: networkChart, drawAll: drawAll };
  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
    document.querySelectorAll("[data-blocs-url]").forEach(loadBlocs);
  });
}());
