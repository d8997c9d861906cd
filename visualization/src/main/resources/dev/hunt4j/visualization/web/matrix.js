/* matrix: counts of x by y as circles (area by value) or a heat map, d3 + SVG. */
(function () {
  var D = H.data();
  if (!D.cells.length) { H.app.appendChild(H.el("p", {class: "h-empty", text: "No data."})); H.ready({cells: 0}); return; }
  var longestY = D.ys.reduce(function (m, s) { return Math.max(m, s.length); }, 0);
  var longestX = D.xs.reduce(function (m, s) { return Math.max(m, s.length); }, 0);
  var left = Math.min(240, 24 + longestY * 7), top = Math.min(180, 30 + longestX * 5.2);
  var avail = Math.max(400, (window.innerWidth || 1200) - left - 80);
  var cell = Math.max(14, Math.min(36, Math.floor(avail / D.xs.length)));
  var width = left + cell * D.xs.length + 20, height = top + cell * D.ys.length + 40;

  var svg = d3.select(H.app).append("div").attr("class", "matrix-wrap").append("svg")
    .attr("id", "matrix").attr("width", width).attr("height", height).attr("role", "img");
  var g = svg.append("g").attr("transform", "translate(" + left + "," + top + ")");
  var x = d3.scaleBand().domain(d3.range(D.xs.length)).range([0, cell * D.xs.length]);
  var y = d3.scaleBand().domain(d3.range(D.ys.length)).range([0, cell * D.ys.length]);
  var r = d3.scaleSqrt().domain([0, D.max]).range([0, cell / 2 - 1]);
  var col = function (v) { return v > 0 ? d3.interpolateBlues(0.25 + 0.75 * (D.max > 1 ? Math.log(v) / Math.log(D.max) : 1)) : "#eee"; };

  // grid lines and axis labels (text() sets textContent: labels are data)
  g.append("g").selectAll("line").data(D.ys).join("line").attr("class", "gridline")
    .attr("x1", 0).attr("x2", cell * D.xs.length).attr("y1", function (d, i) { return y(i) + cell / 2; }).attr("y2", function (d, i) { return y(i) + cell / 2; });
  g.append("g").selectAll("line").data(D.xs).join("line").attr("class", "gridline")
    .attr("y1", 0).attr("y2", cell * D.ys.length).attr("x1", function (d, i) { return x(i) + cell / 2; }).attr("x2", function (d, i) { return x(i) + cell / 2; });
  g.append("g").attr("class", "ylabels").selectAll("text").data(D.ys).join("text")
    .attr("x", -8).attr("y", function (d, i) { return y(i) + cell / 2; }).attr("dy", "0.35em").attr("text-anchor", "end")
    .text(function (d) { return d.length > 32 ? d.slice(0, 31) + "\u2026" : d; });
  g.append("g").attr("class", "xlabels").selectAll("text").data(D.xs).join("text")
    .attr("transform", function (d, i) { return "translate(" + (x(i) + cell / 2) + ",-8) rotate(-50)"; })
    .text(function (d) { return d.length > 32 ? d.slice(0, 31) + "\u2026" : d; });
  svg.append("text").attr("class", "axis-title").attr("x", left).attr("y", 14).text(D.xName + " \u2192");
  svg.append("text").attr("class", "axis-title").attr("x", 6).attr("y", top - 6).text(D.yName + " \u2193");

  function tip(event, c) {
    H.showTip(event, H.kv([[D.yName, D.ys[c[1]]], [D.xName, D.xs[c[0]]], [D.valueName, c[2].toLocaleString("en-US")],
      [D.yName + " total", D.yTotals[c[1]].toLocaleString("en-US")], [D.xName + " total", D.xTotals[c[0]].toLocaleString("en-US")]]));
  }
  var marks;
  if (D.style === "heatmap") {
    marks = g.append("g").selectAll("rect").data(D.cells).join("rect").attr("class", "mark")
      .attr("x", function (c) { return x(c[0]) + 0.5; }).attr("y", function (c) { return y(c[1]) + 0.5; })
      .attr("width", cell - 1).attr("height", cell - 1).attr("fill", function (c) { return col(c[2]); });
  } else {
    marks = g.append("g").selectAll("circle").data(D.cells).join("circle").attr("class", "mark")
      .attr("cx", function (c) { return x(c[0]) + cell / 2; }).attr("cy", function (c) { return y(c[1]) + cell / 2; })
      .attr("r", function (c) { return Math.max(1.5, r(Math.max(0, c[2]))); }).attr("fill", function (c) { return col(c[2]); });
  }
  marks.on("mouseover", function (event, c) { d3.select(this).classed("hover", true); tip(event, c); })
    .on("mousemove", function (event, c) { tip(event, c); })
    .on("mouseout", function () { d3.select(this).classed("hover", false); H.hideTip(); });
  H.app.appendChild(H.el("p", {class: "h-count", text: (D.style === "heatmap" ? "colour" : "circle area and colour") +
    " show the " + D.valueName + " (largest " + D.max.toLocaleString("en-US") + "); hover a mark for totals."}));
  H.ready({cells: D.cells.length, xs: D.xs.length, ys: D.ys.length});
})();
