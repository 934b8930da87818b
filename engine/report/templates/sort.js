// Sort a table.sortable by the clicked column; click again to reverse. Numbers sort as numbers.
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, index) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var number = th.dataset.type === "number";
      var key = function (row) {
        var cell = row.cells[index];
        var text = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
        return number ? (parseFloat(text) || 0) : text;
      };
      Array.from(body.rows)
        .sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = number ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return down ? -order : order;
        })
        .forEach(function (row) { body.appendChild(row); });
    });
  });
});
