/* Council preview builds only: sort and filter the dashboard, print a review sheet.
 *
 * Progressive enhancement, no dependencies. Without JavaScript the dashboard is
 * a plain table already sorted by status, then title. Every sortable cell
 * carries data-sort: a number (Vietnamese sort ranks are computed at build
 * time, so no string collation happens here); empty values sort last.
 */
(function () {
  "use strict";

  function value(row, column) {
    var cell = row.cells[column];
    var raw = cell ? cell.getAttribute("data-sort") : null;
    return raw === null || raw === "" ? null : Number(raw);
  }

  function sortTable(table, column, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, column), y = value(b, column);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1; // empty values last, whatever the direction
      } else if (x !== y) {
        return direction === "ascending" ? x - y : y - x;
      }
      return Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (index === column) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
  }

  function enhanceTable(table) {
    if (table.getAttribute("data-gb-ready")) return;
    table.setAttribute("data-gb-ready", "1");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gb-sort";
      button.title = "Sắp xếp theo cột này";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortTable(table, index, next);
      });
    });
  }

  function enhanceFilter(root, table) {
    var tools = root.querySelector("[data-gb-tools]");
    if (!tools || !table || tools.getAttribute("data-gb-ready")) return;
    tools.setAttribute("data-gb-ready", "1");
    var select = tools.querySelector("[data-gb-filter='status']");
    var shown = tools.querySelector("[data-gb-shown]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    // The chosen status is kept in the address (?trang-thai=…), as the public search keeps its filters:
    // a link or a reload shows the same list.
    var PARAM = "trang-thai";
    var asked = new URLSearchParams(window.location.search).get(PARAM);
    if (asked && select.querySelector("option[value='" + asked.replace(/[^a-z_]/g, "") + "']")) select.value = asked;
    function remember() {
      var params = new URLSearchParams(window.location.search);
      if (select.value) params.set(PARAM, select.value); else params.delete(PARAM);
      var search = params.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      } catch (e) { /* some browsers refuse it for file:// pages; the filter still works */ }
    }
    function apply() {
      var wanted = select.value, count = 0;
      rows.forEach(function (row) {
        var visible = !wanted || row.getAttribute("data-status") === wanted;
        row.hidden = !visible;
        if (visible) count += 1;
      });
      shown.textContent = "Đang hiện " + count + "/" + rows.length + " hồ sơ";
    }
    select.addEventListener("change", function () { apply(); remember(); });
    tools.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll(".gb-council-dashboard").forEach(function (root) {
      var table = root.querySelector("table[data-gb-sortable]");
      if (table) enhanceTable(table);
      enhanceFilter(root, table);
    });
    document.querySelectorAll("[data-gb-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }

  // Material's instant navigation (if it is ever enabled) swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
