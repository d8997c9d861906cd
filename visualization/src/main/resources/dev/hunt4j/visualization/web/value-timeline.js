/* value-timeline: a numeric column over time with baseline and anomalies (ECharts). */
(function () {
  var D = H.data();
  var points = D.groups.reduce(function (a, g) { return a + g.t.length; }, 0);
  if (points === 0) { H.app.appendChild(H.el("p", {class: "h-empty", text: "No points with a usable time."})); H.ready({points: 0}); return; }
  var box = H.el("div", {id: "chart", class: "chart", style: "height:" + D.height + "px"});
  H.app.appendChild(box);
  var series = [], legend = [], anomalyCount = 0;
  var multi = D.groups.length > 1;
  D.groups.forEach(function (g, k) {
    var name = g.name;
    var c = H.color(k);
    legend.push(name);
    series.push({type: "line", name: name, showSymbol: g.t.length < 200, symbolSize: 4, lineStyle: {width: 1.6, color: c},
      itemStyle: {color: c}, data: g.t.map(function (t, i) { return [D.t0 + t, g.v[i], k, i]; }), sampling: "lttb"});
    if (g.b) {
      var bn = multi ? name + " baseline" : "baseline";
      legend.push(bn);
      series.push({type: "line", name: bn, showSymbol: false, lineStyle: {width: 1.2, type: "dashed", color: multi ? c : "#57606a"},
        itemStyle: {color: multi ? c : "#57606a"}, data: g.t.map(function (t, i) { return [D.t0 + t, g.b[i], k, i]; }), silent: true});
    }
    if (g.an.length) {
      var an = multi ? name + " anomalies" : "anomalies";
      legend.push(an);
      anomalyCount += g.an.length;
      series.push({type: "scatter", name: an, symbolSize: 13, z: 5,
        itemStyle: {color: function (p) { return p.data[4] > 0 ? "#cf222e" : "#8250df"; }, borderColor: "#fff", borderWidth: 1.5},
        data: g.an.map(function (a) { return [D.t0 + g.t[a[0]], g.v[a[0]], k, a[0], a[1]]; })});
    }
  });
  if (D.markers.length) {
    series.push({type: "scatter", name: "markers", data: [],
      markLine: {symbol: ["none", "none"], animation: false, lineStyle: {color: "#cf222e", type: "dashed", width: 2},
        label: {position: "end", formatter: function (p) { return p.name; }, color: "#cf222e", fontWeight: "bold"},
        data: D.markers.map(function (m) { return {xAxis: m.t, name: m.label}; })}});
  }

  function tooltip(p) {
    var d = p.data;
    if (!d || d.length < 4) return p.name ? H.el("div", null, H.el("b", {text: p.name}), " ", H.time(p.value)) : "";
    var g = D.groups[d[2]], i = d[3];
    var rows = [["time", H.time(D.t0 + g.t[i])]];
    if (multi) rows.push(["series", g.name]);
    rows.push([D.value, g.v[i]]);
    if (g.b) rows.push(["baseline", Math.round(g.b[i] * 1000) / 1000]);
    g.an.forEach(function (a) { if (a[0] === i) rows.push(["anomaly", a[1] > 0 ? "spike" : "dip"]); });
    D.tipCols.forEach(function (c, k) { rows.push([c, g.tips[k][i]]); });
    return H.kv(rows);
  }

  var chart = echarts.init(box, null, {renderer: "canvas"});
  var done = false;
  chart.on("finished", function () {
    if (done) return;
    done = true;
    H.ready({points: points, anomalies: anomalyCount, series: D.groups.length});
  });
  chart.setOption({
    useUTC: true, animation: false,
    legend: {type: "scroll", top: 4, left: 70, right: 110, data: legend},
    toolbox: {right: 12, top: 2, feature: {dataZoom: {yAxisIndex: "none", title: {zoom: "zoom to a box", back: "undo zoom"}},
      restore: {title: "reset"}, saveAsImage: {title: "save as PNG", pixelRatio: 2}}},
    tooltip: {trigger: "item", confine: true, formatter: tooltip, transitionDuration: 0},
    grid: {left: 78, right: 24, top: 40, bottom: 90},
    xAxis: {type: "time", splitLine: {show: true, lineStyle: {color: "#eef1f4"}}, axisLabel: {hideOverlap: true}},
    yAxis: {type: "value", name: D.value, nameLocation: "middle", nameGap: 56, scale: true, splitLine: {lineStyle: {color: "#eef1f4"}}},
    dataZoom: [{type: "inside", filterMode: "none"},
               {type: "slider", filterMode: "none", bottom: 22, height: 40, labelFormatter: function (v) { return H.time(v); }}],
    series: series
  });
  window.addEventListener("resize", H.debounce(function () { chart.resize(); }, 100));
  window.hunt4jChart = chart;
})();
