/* queries: the query library per provider with parameters and examples. */
(function () {
  var D = H.data();
  var el = H.el;
  var text = el("input", {type: "search", id: "filter", placeholder: "filter by name, description, parameter", "aria-label": "filter"});
  var pick = el("select", {id: "provider", "aria-label": "provider"}, el("option", {value: "", text: "all providers"}));
  D.groups.forEach(function (g) { pick.appendChild(el("option", {value: g.provider, text: g.provider + " (" + g.queries.length + ")"})); });
  var count = el("span", {class: "h-count", id: "shown-count"});
  H.app.appendChild(el("div", {class: "h-toolbar"}, text, pick, count));

  function copyButton(getText) {
    var b = el("button", {class: "copy", text: "copy"});
    b.addEventListener("click", function (e) {
      e.stopPropagation();
      var done = function () { b.textContent = "copied"; setTimeout(function () { b.textContent = "copy"; }, 1200); };
      var fallback = function () {
        var r = document.createRange();
        r.selectNodeContents(b.parentNode.nextSibling);
        var s = window.getSelection();
        s.removeAllRanges();
        s.addRange(r);
        b.textContent = "selected: press Ctrl+C";
      };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(getText()).then(done, fallback);
        else fallback();
      } catch (err) { fallback(); }
    });
    return b;
  }

  function example(label, code) {
    return [el("div", {class: "example-head"}, el("span", {text: label}), copyButton(function () { return code; })),
            el("pre", {class: "example", text: code})];
  }

  var cards = [];
  D.groups.forEach(function (g) {
    var section = el("section", {class: "provider-group", "data-provider": g.provider},
      el("h2", {class: "group", text: g.provider}));
    g.queries.forEach(function (qi) {
      var q = D.queries[qi];
      var ex = q.examples.filter(function (e) { return e.provider === g.provider; })[0] || q.examples[0];
      var body = el("div", {class: "body"});
      if (q.description) body.appendChild(el("p", {class: "desc", text: q.description}));
      if (q.params.length) {
        var t = el("table", {class: "params"}, el("thead", null, el("tr", null,
          ["parameter", "type", "default", "required", "description"].map(function (h) { return el("th", {text: h}); }))));
        var tb = el("tbody");
        q.params.forEach(function (p) {
          tb.appendChild(el("tr", null, el("td", {class: "mono", text: p.name}), el("td", {text: p.type || ""}),
            el("td", {class: "mono", text: p.default == null ? "" : p.default}),
            el("td", null, p.required ? el("span", {class: "req", text: "required"}) : "no"),
            el("td", {text: p.description || ""})));
        });
        t.appendChild(tb);
        body.appendChild(t);
      } else {
        body.appendChild(el("p", {class: "h-count", text: "No parameters."}));
      }
      example("command line", ex.cli).forEach(function (n) { body.appendChild(n); });
      example("Java", ex.java).forEach(function (n) { body.appendChild(n); });
      if (q.source) body.appendChild(el("p", {class: "h-count", text: "defined in " + q.source}));
      var card = el("div", {class: "card query-card", "data-provider": g.provider},
        el("div", {class: "head", onclick: function () { card.classList.toggle("open"); }},
          el("span", {class: "tw"}), el("span", {class: "qname", text: q.name}),
          q.envs.map(function (e) { return el("span", {class: "env", text: e}); }),
          el("span", {class: "h-count", text: (q.description || "").slice(0, 120) + ((q.description || "").length > 120 ? "..." : "")})),
        body);
      card._text = [q.name, q.description || "", q.params.map(function (p) { return p.name; }).join(" ")].join(" ").toLowerCase();
      card._provider = g.provider;
      cards.push(card);
      section.appendChild(card);
    });
    H.app.appendChild(section);
  });

  function apply() {
    var q = text.value.trim().toLowerCase(), prov = pick.value, visible = 0;
    cards.forEach(function (c) {
      var ok = (!prov || c._provider === prov) && (!q || c._text.indexOf(q) >= 0);
      c.hidden = !ok;
      if (ok) visible++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".provider-group"), function (s) {
      s.hidden = !s.querySelector(".query-card:not([hidden])");
    });
    count.textContent = visible + " of " + cards.length + " shown";
  }
  text.addEventListener("input", H.debounce(apply, 120));
  pick.addEventListener("change", apply);
  apply();
  if (!cards.length) H.app.appendChild(el("p", {class: "h-empty", text: "No queries."}));
  H.ready({queries: D.queries.length, cards: cards.length});
})();
