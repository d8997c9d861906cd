/* ti: threat-intelligence results per observable, worst first. */
(function () {
  var D = H.data();
  var el = H.el;
  var minRank = D.severities.indexOf(D.minSeverity);
  var shown = {};
  D.severities.forEach(function (s, k) { shown[s] = k <= minRank; });
  var counts = {};
  D.iocs.forEach(function (x) { counts[x.worst] = (counts[x.worst] || 0) + 1; });

  var text = el("input", {type: "search", id: "filter", placeholder: "filter observables and providers", "aria-label": "filter"});
  var count = el("span", {class: "h-count", id: "shown-count"});
  var bar = el("div", {class: "h-toolbar"}, text);
  D.severities.forEach(function (s) {
    var box = el("input", {type: "checkbox", id: "sev-" + s, "data-sev": s});
    box.checked = shown[s];
    box.addEventListener("change", function () { shown[s] = box.checked; apply(); });
    bar.appendChild(el("label", {class: "sevpick"}, box, el("span", {class: "sev " + s, text: s + " " + (counts[s] || 0)})));
  });
  bar.appendChild(el("button", {id: "expand-all", text: "expand all", onclick: function () { setOpen(true); }}));
  bar.appendChild(el("button", {id: "collapse-all", text: "collapse all", onclick: function () { setOpen(false); }}));
  bar.appendChild(count);
  H.app.appendChild(bar);

  function pretty(raw) {
    if (raw == null || raw === "") return null;
    try { return JSON.stringify(JSON.parse(raw), null, 2); } catch (e) { return String(raw); }
  }

  /** Details: a JSON object as a key/value table, anything else as text. */
  function details(text) {
    if (text == null || text === "") return el("span", {class: "h-count", text: "-"});
    var v;
    try { v = JSON.parse(text); } catch (e) { return el("span", {class: "det", text: String(text)}); }
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return H.kv(Object.keys(v).map(function (k) {
        var x = v[k];
        return [k, x != null && typeof x === "object" ? JSON.stringify(x) : x];
      }));
    }
    return el("span", {class: "det", text: typeof v === "string" ? v : JSON.stringify(v)});
  }

  var list = el("div", {id: "iocs"});
  var cards = D.iocs.map(function (x, i) {
    var body = el("div", {class: "body"});
    var table = el("table", {class: "providers"},
      el("thead", null, el("tr", null, ["provider", "severity", "result", "status", "details", "reference"].map(function (h) { return el("th", {text: h}); }))));
    var tbody = el("tbody");
    x.rows.forEach(function (r) {
      var link = H.safeUrl(r.reference);
      var refCell = link ? el("a", {href: link, target: "_blank", rel: "noopener noreferrer", class: "ref", text: "open"})
        : el("span", {class: "h-count", text: r.reference ? "(not a web link)" : "-"});
      var raw = pretty(r.raw);
      var detailsCell = el("td", {class: "details"}, details(r.details));
      if (raw) {
        detailsCell.appendChild(el("details", {class: "raw"}, el("summary", {text: "raw JSON"}), el("pre", {text: raw})));
      }
      tbody.appendChild(el("tr", null,
        el("td", {class: "provider", text: r.provider + (r.subtype ? " (" + r.subtype + ")" : "")}),
        el("td", null, el("span", {class: "sev " + r.severity, text: r.severity})),
        el("td", {text: r.result == null ? "" : r.result ? "found" : "not found"}),
        el("td", {text: r.status || ""}),
        detailsCell,
        el("td", null, refCell)));
    });
    table.appendChild(tbody);
    body.appendChild(table);
    var head = el("div", {class: "head", onclick: function () { card.classList.toggle("open"); }},
      el("span", {class: "tw"}),
      el("span", {class: "sev " + x.worst, text: x.worst}),
      el("span", {class: "ioc mono", text: x.ioc}),
      el("span", {class: "type", text: x.type || ""}),
      el("span", {class: "h-count", text: x.found + " of " + x.rows.length + " providers found it"}));
    var card = el("div", {class: "card ioc-card", "data-sev": x.worst}, head, body);
    card._text = (x.ioc + " " + (x.type || "") + " " + x.rows.map(function (r) { return r.provider + " " + (r.details || ""); }).join(" ")).toLowerCase();
    if (i < 3 && x.worst === "high") card.classList.add("open");
    list.appendChild(card);
    return card;
  });
  H.app.appendChild(list);

  function apply() {
    var q = text.value.trim().toLowerCase(), visible = 0;
    cards.forEach(function (c, i) {
      var ok = shown[D.iocs[i].worst] && (!q || c._text.indexOf(q) >= 0);
      c.hidden = !ok;
      if (ok) visible++;
    });
    count.textContent = visible + " of " + cards.length + " observables shown";
  }
  function setOpen(open) { cards.forEach(function (c) { if (!c.hidden) c.classList.toggle("open", open); }); }
  text.addEventListener("input", H.debounce(apply, 120));
  apply();
  if (!cards.length) H.app.appendChild(el("p", {class: "h-empty", text: "No results."}));
  H.ready({iocs: cards.length});
})();
