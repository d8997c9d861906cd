/* proctree: collapsible process trees per host; nodes are <li> rows, children in a nested <ul>. */
(function () {
  var D = H.data();
  var n = D.parent.length;
  var el = H.el;

  function base(path) {
    if (!path) return "(unknown)";
    var s = String(path), i = Math.max(s.lastIndexOf("\\"), s.lastIndexOf("/"));
    return i >= 0 && i < s.length - 1 ? s.slice(i + 1) : s;
  }

  // toolbar: search, expand/collapse, legend
  var search = el("input", {type: "search", id: "search", placeholder: "search name, command line, user, pid", "aria-label": "search processes"});
  var count = el("span", {class: "h-count", id: "match-count"});
  var toolbar = el("div", {class: "h-toolbar"}, search,
    el("button", {id: "next", text: "next match", onclick: function () { jump(1); }}),
    count,
    el("button", {id: "expand-all", text: "expand all", onclick: function () { setAll(false); }}),
    el("button", {id: "collapse-all", text: "collapse all", onclick: function () { setAll(true); }}));
  var legend = el("div", {class: "h-legend", id: "legend"}, el("span", {class: "h-count", text: "colour: " + D.colorBy}));
  D.legend.forEach(function (l, k) {
    legend.appendChild(el("span", {class: "item"}, el("span", {class: "sw", style: "background:" + H.color(l.other ? -1 : k)}),
      l.key + " (" + H.fmtCount(l.count) + ")"));
  });
  var treesBox = el("div", {class: "trees", id: "trees"});
  var panel = el("aside", {class: "panel", id: "panel"}, el("p", {class: "h-count", text: "Click a process to see its details."}));
  H.app.appendChild(toolbar);
  H.app.appendChild(legend);
  H.app.appendChild(el("div", {class: "layout"}, treesBox, panel));

  // one section per host, rows built in depth-first order (parents first)
  var items = new Array(n), lists = new Array(n), hostLists = [];
  D.hosts.forEach(function (h, k) {
    var ul = el("ul", {class: "tree root"});
    var sec = el("section", {class: "host"},
      el("h2", {class: "host-title", onclick: function () { sec.classList.toggle("collapsed"); }},
        el("span", {class: "tw"}), h, el("span", {class: "h-count", text: "  " + H.fmtCount(D.trees[k]) + " trees"})), ul);
    hostLists.push(ul);
    treesBox.appendChild(sec);
  });
  var search_text = new Array(n);
  var frag = hostLists.map(function () { return document.createDocumentFragment(); });
  for (var i = 0; i < n; i++) {
    var row = el("div", {class: "row", "data-i": i},
      el("span", {class: "tw"}),
      el("span", {class: "sw", style: "background:" + H.color(D.color[i])}),
      el("span", {class: "pname", text: base(D.name[i])}),
      el("span", {class: "meta", text: [D.pid[i] ? "pid " + D.pid[i] : null, D.user[i], D.time[i] != null ? H.time(D.time[i]) : null]
        .filter(Boolean).join(" · ")}));
    var li = el("li", {class: "node leaf"}, row);
    items[i] = li;
    search_text[i] = [D.name[i], D.cmd[i], D.user[i], D.pid[i], D.logon[i]].join("\u0001").toLowerCase();
    var p = D.parent[i];
    if (p < 0) {
      frag[D.host[i]].appendChild(li);
    } else {
      if (!lists[p]) {
        lists[p] = el("ul", {class: "tree"});
        items[p].appendChild(lists[p]);
        items[p].classList.remove("leaf");
        if (D.collapse >= 0 && D.depth[p] >= D.collapse) items[p].classList.add("collapsed");
      }
      lists[p].appendChild(li);
    }
  }
  performance.mark("hunt4j:nodes-built");
  frag.forEach(function (f, k) { hostLists[k].appendChild(f); });
  performance.mark("hunt4j:nodes-attached");

  // one set of listeners for all rows
  treesBox.addEventListener("click", function (e) {
    var r = e.target.closest(".row");
    if (!r) return;
    var i = +r.getAttribute("data-i");
    if (e.target.classList.contains("tw")) { items[i].classList.toggle("collapsed"); return; }
    select(i);
  });
  treesBox.addEventListener("dblclick", function (e) {
    var r = e.target.closest(".row");
    if (r) items[+r.getAttribute("data-i")].classList.toggle("collapsed");
  });
  treesBox.addEventListener("mouseover", function (e) {
    var r = e.target.closest(".row");
    if (!r) { H.hideTip(); return; }
    var i = +r.getAttribute("data-i");
    H.showTip(e, el("div", null, el("b", {text: D.name[i] || "(unknown)"}),
      el("pre", {class: "tip-cmd", text: D.cmd[i] || "(no command line)"})));
  });
  treesBox.addEventListener("mouseleave", H.hideTip);

  var selected = -1;
  function select(i) {
    if (selected >= 0) items[selected].firstChild.classList.remove("selected");
    selected = i;
    items[i].firstChild.classList.add("selected");
    var rows = [["process", D.name[i]], ["command line", D.cmd[i]], ["process id", D.pid[i]], ["user", D.user[i]],
      ["logon session", D.logon[i]], ["host", D.hosts[D.host[i]]], ["created", D.time[i] != null ? H.time(D.time[i]) : null],
      ["parent", D.parent[i] >= 0 ? D.name[D.parent[i]] : "(root)"], ["depth", D.depth[i]]];
    var det = D.details;
    det.cols.forEach(function (c, k) {
      var ref = det.refs[k][i];
      if (ref >= 0) rows.push([c, det.dicts[k][ref]]);
    });
    panel.textContent = "";
    panel.appendChild(el("h3", {text: base(D.name[i])}));
    panel.appendChild(el("pre", {class: "cmd", id: "panel-cmd", text: D.cmd[i] || "(no command line)"}));
    panel.appendChild(H.kv(rows));
  }

  function setAll(collapsed) {
    for (var i = 0; i < n; i++) if (lists[i]) items[i].classList.toggle("collapsed", collapsed);
  }

  var hits = [], hitPos = -1;
  function runSearch() {
    hits.forEach(function (i) { items[i].firstChild.classList.remove("hit"); });
    hits = [];
    hitPos = -1;
    var q = search.value.trim().toLowerCase();
    if (q) {
      for (var i = 0; i < n; i++) {
        if (search_text[i].indexOf(q) >= 0) {
          hits.push(i);
          items[i].firstChild.classList.add("hit");
          for (var p = D.parent[i]; p >= 0; p = D.parent[p]) items[p].classList.remove("collapsed");
          items[i].closest("section").classList.remove("collapsed");
        }
      }
    }
    count.textContent = q ? H.fmtCount(hits.length) + " matching" : "";
    if (hits.length) jump(1);
  }
  function jump(dir) {
    if (!hits.length) return;
    hitPos = (hitPos + dir + hits.length) % hits.length;
    var r = items[hits[hitPos]].firstChild;
    r.scrollIntoView({block: "center"});
    select(hits[hitPos]);
  }
  search.addEventListener("input", H.debounce(runSearch, 150));
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); jump(e.shiftKey ? -1 : 1); } });

  H.ready({nodes: n, hosts: D.hosts.length});
})();
