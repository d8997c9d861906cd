/* hunt4j page helpers. Data is turned into DOM with textContent and createElement only, never innerHTML,
   so no value can become markup or script. */
"use strict";
var H = (function () {
  var app = document.getElementById("app");

  // show script errors on the page too, not only in the console
  window.addEventListener("error", function (e) {
    var b = document.createElement("div");
    b.className = "h-error";
    b.textContent = "This view failed to draw: " + (e.message || e);
    document.body.insertBefore(b, document.body.firstChild);
  });

  // performance marks (hunt4j:*) let a profiler see where a big page spends its time
  function data() {
    performance.mark("hunt4j:start");
    var d = JSON.parse(document.getElementById("hunt4j-data").textContent);
    performance.mark("hunt4j:data-parsed");
    return d;
  }

  /** el("div", {class: "x", text: "...", onclick: fn, title: "..."}, child, "text", ...) */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        var v = attrs[k];
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k === "style") e.style.cssText = v;
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x != null) e.appendChild(typeof x === "object" ? x : document.createTextNode(String(x))); });
      else e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }

  /** UTC time as 2024-05-01 10:00:00.123 (milliseconds only when there are any). */
  function time(ms) {
    if (ms == null || isNaN(ms)) return "";
    var d = new Date(ms);
    var s = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
    return d.getUTCMilliseconds() ? s + "." + pad(d.getUTCMilliseconds(), 3) : s;
  }

  // Tableau 10, then 10 more distinct hues: categorical colours that stay readable on white
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  function color(i) { return i < 0 ? "#9e9e9e" : PALETTE[i % PALETTE.length]; }

  /** The URL when it is http(s), else null: a javascript: or data: link from the data must never be clickable. */
  function safeUrl(u) {
    if (!u) return null;
    try {
      var x = new URL(String(u));
      return x.protocol === "https:" || x.protocol === "http:" ? x.href : null;
    } catch (e) { return null; }
  }

  var tipEl = null;
  /** A floating tooltip near the pointer, filled with DOM nodes. */
  function showTip(evt, content) {
    if (!tipEl) { tipEl = el("div", {class: "h-tip", role: "tooltip"}); document.body.appendChild(tipEl); }
    tipEl.textContent = "";
    tipEl.appendChild(content);
    tipEl.style.display = "block";
    var x = evt.clientX + 14, y = evt.clientY + 14;
    var w = tipEl.offsetWidth, h = tipEl.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, evt.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, evt.clientY - h - 14);
    tipEl.style.left = x + "px";
    tipEl.style.top = y + "px";
  }
  function hideTip() { if (tipEl) tipEl.style.display = "none"; }

  /** A key/value table for tooltips and panels. */
  function kv(rows) {
    var t = el("table", {class: "h-kv"});
    rows.forEach(function (r) {
      if (r[1] == null || r[1] === "") return;
      t.appendChild(el("tr", null, el("th", {text: r[0]}), el("td", {text: String(r[1])})));
    });
    return t;
  }

  /** Marks the page drawn: tests and timing read window.hunt4j. */
  function ready(info) {
    var done = function () {
      window.hunt4j = Object.assign({ready: true, renderMs: Math.round(performance.now())}, info || {});
      document.documentElement.setAttribute("data-ready", "true");
    };
    // after the next frame, so the time includes layout and paint
    requestAnimationFrame(function () { setTimeout(done, 0); });
  }

  function debounce(fn, ms) {
    var t = null;
    return function () { var a = arguments, self = this; clearTimeout(t); t = setTimeout(function () { fn.apply(self, a); }, ms); };
  }

  function fmtCount(n) { return Number(n).toLocaleString("en-US"); }

  return {app: app, data: data, el: el, time: time, color: color, palette: PALETTE, safeUrl: safeUrl,
    showTip: showTip, hideTip: hideTip, kv: kv, ready: ready, debounce: debounce, fmtCount: fmtCount};
})();
