/* graph: entities as nodes, laid out by d3's force simulation (run to rest before drawing), SVG with zoom and drag. */
(function () {
  var D = H.data();
  var el = H.el;
  if (!D.nodes.length) { H.app.appendChild(el("p", {class: "h-empty", text: "No entities."})); H.ready({nodes: 0, links: 0}); return; }
  var typeColour = function (t) { return H.color(D.types.indexOf(t)); };
  var ICON = {host: "H", account: "A", ip: "IP", process: "P", file: "F", url: "U", dns: "D", other: "?"};

  var search = el("input", {type: "search", id: "search", placeholder: "find an entity", "aria-label": "find an entity"});
  var found = el("span", {class: "h-count"});
  var legend = el("span", {class: "h-legend", id: "legend"});
  Object.keys(D.typeCounts).forEach(function (t) {
    legend.appendChild(el("span", null, el("span", {class: "sw", style: "background:" + typeColour(t)}), t + " (" + D.typeCounts[t] + ")"));
  });
  H.app.appendChild(el("div", {class: "h-toolbar"}, search, found, legend,
    el("button", {id: "fit", text: "fit", onclick: function () { fit(); }})));

  var width = Math.max(700, (window.innerWidth || 1200) - 44), height = Math.max(520, Math.min(900, (window.innerHeight || 900) - 190));
  var nodes = D.nodes.map(function (n, i) { return {i: i, label: n.label, type: n.type, rows: n.rows, degree: n.degree}; });
  var links = D.links.map(function (l) { return {source: l[0], target: l[1], w: l[2]}; });
  var radius = function (d) { return 6 + Math.min(16, Math.sqrt(d.degree) * 2.2); };

  // lay out first (deterministic start positions, fixed tick count): the page is drawn once, at rest
  nodes.forEach(function (d, i) { var a = i * 2.399963, r = 8 * Math.sqrt(i + 1); d.x = width / 2 + r * Math.cos(a); d.y = height / 2 + r * Math.sin(a); });
  var sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).distance(90).strength(function (l) {
      // weak links between busy nodes, so hubs spread out instead of collapsing into one knot
      return 1 / Math.min(l.source.degree, l.target.degree);
    }))
    .force("charge", d3.forceManyBody().strength(-420).distanceMax(900))
    .force("collide", d3.forceCollide(function (d) { return radius(d) + 14; }))
    .force("x", d3.forceX(width / 2).strength(0.03)).force("y", d3.forceY(height / 2).strength(0.045))
    .stop();
  var ticks = Math.min(300, Math.ceil(Math.log(sim.alphaMin()) / Math.log(1 - sim.alphaDecay())));
  for (var k = 0; k < ticks; k++) sim.tick();

  var svg = d3.select(H.app).append("div").attr("class", "graph-wrap").append("svg").attr("id", "graph")
    .attr("width", width).attr("height", height).attr("viewBox", [0, 0, width, height]);
  var root = svg.append("g");
  var linkSel = root.append("g").attr("class", "links").selectAll("line").data(links).join("line")
    .attr("stroke-width", function (l) { return Math.min(6, 1 + Math.log1p(l.w)); });
  var nodeSel = root.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g").attr("class", "node");
  nodeSel.append("circle").attr("r", radius).attr("fill", function (d) { return typeColour(d.type); });
  nodeSel.append("text").attr("class", "icon").attr("dy", "0.35em").attr("text-anchor", "middle")
    .text(function (d) { return radius(d) >= 9 ? ICON[d.type] || "" : ""; });
  var showLabels = nodes.length <= 150;
  nodeSel.append("text").attr("class", "label").attr("dx", function (d) { return radius(d) + 3; }).attr("dy", "0.35em")
    .text(function (d) { return d.label.length > 40 ? d.label.slice(0, 39) + "\u2026" : d.label; })
    .style("display", function (d) { return showLabels || d.degree >= 4 ? null : "none"; });

  function place() {
    linkSel.attr("x1", function (l) { return l.source.x; }).attr("y1", function (l) { return l.source.y; })
      .attr("x2", function (l) { return l.target.x; }).attr("y2", function (l) { return l.target.y; });
    nodeSel.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
  }
  place();

  var neighbours = nodes.map(function () { return new Set(); });
  links.forEach(function (l) { neighbours[l.source.i].add(l.target.i); neighbours[l.target.i].add(l.source.i); });
  function focus(d) {
    if (!d) { nodeSel.classed("faded", false); linkSel.classed("faded", false).classed("hot", false); return; }
    nodeSel.classed("faded", function (o) { return o !== d && !neighbours[d.i].has(o.i); });
    linkSel.classed("faded", function (l) { return l.source !== d && l.target !== d; })
      .classed("hot", function (l) { return l.source === d || l.target === d; });
  }
  nodeSel.on("mouseover", function (event, d) {
    focus(d);
    H.showTip(event, el("div", null, el("b", {text: d.label}), H.kv([["type", d.type], ["links", d.degree], ["rows", d.rows]])));
  }).on("mousemove", function (event, d) {
    H.showTip(event, el("div", null, el("b", {text: d.label}), H.kv([["type", d.type], ["links", d.degree], ["rows", d.rows]])));
  }).on("mouseout", function () { focus(null); H.hideTip(); });

  nodeSel.call(d3.drag()
    .on("drag", function (event, d) { d.x = event.x; d.y = event.y; place(); }));
  var zoom = d3.zoom().scaleExtent([0.1, 8]).on("zoom", function (event) { root.attr("transform", event.transform); });
  svg.call(zoom).on("dblclick.zoom", null);

  function fit() {
    var x0 = d3.min(nodes, function (d) { return d.x; }) - 40, x1 = d3.max(nodes, function (d) { return d.x; }) + 140;
    var y0 = d3.min(nodes, function (d) { return d.y; }) - 40, y1 = d3.max(nodes, function (d) { return d.y; }) + 40;
    var s = Math.min(1.25, 0.95 / Math.max((x1 - x0) / width, (y1 - y0) / height));
    svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(s).translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
  }
  fit();

  search.addEventListener("input", H.debounce(function () {
    var q = search.value.trim().toLowerCase(), hits = 0;
    nodeSel.classed("hit", function (d) { var h = !!q && d.label.toLowerCase().indexOf(q) >= 0; if (h) hits++; return h; });
    nodeSel.select("text.label").style("display", function (d) {
      return showLabels || d.degree >= 4 || (q && d.label.toLowerCase().indexOf(q) >= 0) ? null : "none";
    });
    found.textContent = q ? hits + " found" : "";
  }, 150));

  H.ready({nodes: nodes.length, links: links.length, ticks: ticks});
})();
