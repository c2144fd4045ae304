// Sorting the table and singling out one strategy in the charts; no library, works from file://.
(function () {
  "use strict";
  var table = document.getElementById("strategies");
  if (!table) return;
  var body = table.tBodies[0];

  function sortBy(th) {
    var col = +th.dataset.col, numeric = th.dataset.type === "num";
    // Numbers start high-to-low (best return first), text starts A-Z.
    var ascending = th.getAttribute("aria-sort") ? th.getAttribute("aria-sort") !== "ascending" : !numeric;
    table.querySelectorAll("th[data-col]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      if (x === "" || y === "") return (x === "") - (y === "");  // n/a always last
      var c = numeric ? x - y : x.localeCompare(y);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  table.querySelectorAll("th[data-col]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(th); });
  });

  var pinned = null;
  function focus(s) {
    document.querySelectorAll("svg.chart").forEach(function (svg) {
      svg.classList.toggle("focus", s !== null);
    });
    document.querySelectorAll("[data-s]").forEach(function (el) {
      el.classList.toggle("on", el.dataset.s === s);
    });
  }
  document.querySelectorAll("[data-s]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { focus(el.dataset.s); });
    el.addEventListener("mouseleave", function () { focus(pinned); });
    el.addEventListener("click", function () {
      pinned = pinned === el.dataset.s ? null : el.dataset.s;
      focus(pinned);
    });
  });
  document.documentElement.dataset.ready = "1";
})();
