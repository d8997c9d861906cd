/* timeline: events as marks on a time axis (ECharts canvas; large mode keeps 100,000 marks responsive). */
(function () {
  var D = H.data();
  var n = D.t.length;
  if (n === 0) { H.app.appendChild(H.el("p", {class: "h-empty", text: "No events with a usable time."})); H.ready({marks: 0}); return; }
  var groups = D.groups, series = D.series;
  var longest = groups.reduce(function (m, g) { return Math.max(m, g.length); }, 0);
  var left = Math.min(260, Math.max(80, 12 + longest * 7));
  var height = D.height || Math.max(360, Math.min(900, 190 + groups.length * 26));
  var box = H.el("div", {id: "chart", class: "chart", style: "height:" + height + "px"});
  H.app.appendChild(box);

  // one scatter series per colour key, as flat typed arrays [t0, row0, t1, row1, ...] (what ECharts' large mode
  // draws fastest), with each mark's event index alongside for the tooltip
  var sizes = new Int32Array(series.length);
  for (var i = 0; i < n; i++) sizes[D.s[i]]++;
  var xy = [], ids = [], fill = new Int32Array(series.length);
  for (var k = 0; k < series.length; k++) { xy.push(new Float64Array(sizes[k] * 2)); ids.push(new Int32Array(sizes[k])); }
  var tMin = Infinity, tMax = -Infinity;
  for (i = 0; i < n; i++) {
    var t = D.t0 + D.t[i], s = D.s[i], f = fill[s]++;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
    xy[s][2 * f] = t;
    xy[s][2 * f + 1] = D.g[i];
    ids[s][f] = i;
  }
  var span = Math.max(1, tMax - tMin);
  var pad = span * 0.02;

  // the range overview: event counts in 200 buckets
  var BUCKETS = 200, counts = new Array(BUCKETS).fill(0);
  for (i = 0; i < n; i++) counts[Math.min(BUCKETS - 1, Math.floor((D.t[i] + D.t0 - tMin) / span * BUCKETS))]++;
  var overview = counts.map(function (c, k) { return [tMin + (k + 0.5) * span / BUCKETS, c]; });

  performance.mark("hunt4j:arrays");
  var large = n > 3000;
  var chartSeries = xy.map(function (data, k) {
    return {type: "scatter", name: series[k], data: data, dimensions: ["t", "row"], xAxisIndex: 0, yAxisIndex: 0,
      symbolSize: large ? 6 : 9, itemStyle: {color: H.color(k), opacity: large ? 0.7 : 0.85}, large: large, largeThreshold: 3000,
      emphasis: {scale: 1.6}};
  });
  chartSeries.push({type: "line", name: "overview", data: overview, xAxisIndex: 1, yAxisIndex: 1, showSymbol: false,
    silent: true, lineStyle: {width: 1, color: "#8c959f"}, areaStyle: {color: "rgba(140,149,159,0.25)"}, tooltip: {show: false}});
  if (D.markers.length) {
    chartSeries.push({type: "scatter", name: "markers", data: [], xAxisIndex: 0, yAxisIndex: 0,
      markLine: {symbol: ["none", "none"], silent: false, animation: false,
        lineStyle: {color: "#cf222e", type: "dashed", width: 2},
        label: {position: "end", formatter: function (p) { return p.name; }, color: "#cf222e", fontWeight: "bold"},
        data: D.markers.map(function (m) { return {xAxis: m.t, name: m.label}; })},
      tooltip: {formatter: function (p) { return H.el("div", null, H.el("b", {text: p.name}), " ", H.time(p.value)); }}});
  }

  var zoom = [
    {type: "inside", xAxisIndex: 0, filterMode: "none"},
    {type: "slider", xAxisIndex: 0, filterMode: "none", bottom: 28, height: 46, showDataShadow: false,
      backgroundColor: "rgba(0,0,0,0)", fillerColor: "rgba(9,105,218,0.15)", borderColor: "#d1d9e0",
      labelFormatter: function (v) { return H.time(v); }}
  ];
  if (groups.length > 30) {
    zoom.push({type: "slider", yAxisIndex: 0, filterMode: "none", right: 6, width: 14, startValue: 0, endValue: 29, showDataShadow: false});
  }

  function tooltip(p) {
    if (p.seriesName === "overview") return "";
    if (p.seriesName === "markers") return H.el("div", null, H.el("b", {text: p.name}), " ", H.time(p.value));
    if (p.seriesIndex >= ids.length) return "";
    var i = ids[p.seriesIndex][p.dataIndex];
    var rows = [["time", H.time(D.t0 + D.t[i])]];
    if (D.tables.length > 1) rows.push(["table", D.tables[D.tb[i]]]);
    rows.push([D.groupBy || "row", groups[D.g[i]]]);
    D.tipCols.forEach(function (c, k) {
      if (c === D.groupBy) return;
      var ref = D.tips[k][i];
      if (ref >= 0) rows.push([c, D.dicts[k][ref]]);
    });
    return H.kv(rows);
  }

  var chart = echarts.init(box, null, {renderer: "canvas"});
  var done = false;
  chart.on("finished", function () {
    if (done) return;
    done = true;
    H.ready({marks: ids.reduce(function (a, s) { return a + s.length; }, 0), groups: groups.length, series: series.length});
  });
  chart.setOption({
    useUTC: true,
    animation: false,
    legend: {type: "scroll", top: 4, left: left, right: 110, data: series,
      tooltip: {show: true}},
    toolbox: {right: 12, top: 2, feature: {dataZoom: {yAxisIndex: "none", title: {zoom: "zoom to a box", back: "undo zoom"}},
      restore: {title: "reset"}, saveAsImage: {title: "save as PNG", pixelRatio: 2}}},
    tooltip: {trigger: "item", confine: true, formatter: tooltip, transitionDuration: 0},
    grid: [{left: left, right: groups.length > 30 ? 36 : 24, top: 40, bottom: 118},
           {left: left, right: groups.length > 30 ? 36 : 24, height: 46, bottom: 28}],
    xAxis: [{type: "time", gridIndex: 0, min: tMin - pad, max: tMax + pad, splitLine: {show: true, lineStyle: {color: "#eef1f4"}},
             axisLabel: {hideOverlap: true}},
            {type: "time", gridIndex: 1, min: tMin - pad, max: tMax + pad, axisLabel: {show: false}, axisTick: {show: false},
             axisLine: {show: false}, splitLine: {show: false}}],
    yAxis: [{type: "category", gridIndex: 0, data: groups, inverse: true,
             axisLabel: {width: left - 14, overflow: "truncate", interval: 0}, splitLine: {show: true, lineStyle: {color: "#f3f5f7"}},
             axisTick: {alignWithLabel: true}},
            {type: "value", gridIndex: 1, show: false}],
    dataZoom: zoom,
    series: chartSeries
  });
  performance.mark("hunt4j:set-option");
  window.addEventListener("resize", H.debounce(function () { chart.resize(); }, 100));
  window.hunt4jChart = chart;
})();
