/* code: scripts highlighted by Prism; indicator marks are DOM nodes that Prism's keep-markup plugin keeps. */
(function () {
  Prism.manual = true; // we highlight each block ourselves, once
  var D = H.data();
  var el = H.el;
  var MAX_HIGHLIGHT = 300000; // characters: beyond this, Prism's regexes get slow; such scripts are shown plain

  var filter = el("input", {type: "search", id: "filter", placeholder: "filter scripts", "aria-label": "filter"});
  var count = el("span", {class: "h-count"});
  var legend = el("span", {class: "h-legend"});
  D.types.forEach(function (t, k) {
    legend.appendChild(el("span", null, el("span", {class: "sw", style: "background:" + H.color(k)}), t));
  });
  H.app.appendChild(el("div", {class: "h-toolbar"}, filter, count, D.types.length ? el("span", {class: "h-count", text: "indicators:"}) : null, legend));

  var cards = D.scripts.map(function (s) {
    var code = el("code", {class: "language-" + s.prism});
    var pos = 0;
    s.marks.forEach(function (m) {
      if (m[0] > pos) code.appendChild(document.createTextNode(s.code.slice(pos, m[0])));
      var type = D.types[m[2]] || "ioc";
      code.appendChild(el("mark", {class: "ioc", "data-type": type, title: type,
        style: "--ioc:" + H.color(m[2])}, s.code.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < s.code.length) code.appendChild(document.createTextNode(s.code.slice(pos)));
    var pre = el("pre", {class: "code language-" + s.prism}, code);
    var chips = el("div", {class: "chips"});
    Object.keys(s.iocs).forEach(function (t) {
      s.iocs[t].forEach(function (v) {
        chips.appendChild(el("span", {class: "chip", style: "--ioc:" + H.color(D.types.indexOf(t)), title: t}, el("b", {text: t}), " " + v));
      });
    });
    var card = el("section", {class: "script"},
      el("div", {class: "script-head"}, el("span", {class: "stitle", text: s.title}),
        el("span", {class: "lang", text: s.lang}),
        el("span", {class: "h-count", text: s.code.length.toLocaleString("en-US") + " characters · " + s.marks.length + " indicator marks"})),
      chips.childNodes.length ? chips : null, pre);
    card._text = (s.title + " " + s.code).toLowerCase();
    H.app.appendChild(card);
    if (s.prism !== "none" && s.code.length <= MAX_HIGHLIGHT && Prism.languages[s.prism]) Prism.highlightElement(code);
    return card;
  });
  if (!cards.length) H.app.appendChild(el("p", {class: "h-empty", text: "No scripts."}));

  function apply() {
    var q = filter.value.trim().toLowerCase(), visible = 0;
    cards.forEach(function (c) { c.hidden = !!q && c._text.indexOf(q) < 0; if (!c.hidden) visible++; });
    count.textContent = visible + " of " + cards.length + " scripts";
  }
  filter.addEventListener("input", H.debounce(apply, 150));
  apply();
  H.ready({scripts: cards.length, marks: document.querySelectorAll("mark.ioc").length,
    tokens: document.querySelectorAll("pre.code .token").length});
})();
