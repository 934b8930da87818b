// The clerk's page: drop a file to check it; click a highlighted place or a finding to see why.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");

  function send() {
    if (!input.files.length) return;
    document.getElementById("busy").hidden = false;
    form.submit();
  }
  input.addEventListener("change", send);
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; send(); }
  });
  form.addEventListener("submit", function () { document.getElementById("busy").hidden = false; });

  var view = document.getElementById("report-view");
  var panel = document.getElementById("detail");
  if (!view) return;

  function clearMarks() {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function show(ids) {
    panel.innerHTML = "";
    ids.forEach(function (id) {
      var d = document.querySelector('#details .detail[data-for="' + id + '"]');
      if (d) panel.appendChild(d.cloneNode(true));
      var item = document.getElementById(id);
      if (item) item.classList.add("selected");
    });
  }
  function place(id) {
    // the finding's own cell first, before the cells it adds up
    return view.querySelector('td.finding[data-findings~="' + id + '"]') ||
      view.querySelector('[data-findings~="' + id + '"]') || view.querySelector('a[href="#' + id + '"]');
  }

  view.addEventListener("click", function (e) {
    var link = e.target.closest('a[href^="#"]');
    var el = e.target.closest("[data-findings]");
    var ids = el ? el.getAttribute("data-findings").split(" ") : link ? [link.getAttribute("href").slice(1)] : [];
    if (!ids.length) return;
    e.preventDefault();
    clearMarks();
    (el || link).classList.add("selected");
    show(ids);
  });

  var list = document.getElementById("finding-list");
  if (list) list.addEventListener("click", function (e) {
    var item = e.target.closest(".finding");
    if (!item) return;
    clearMarks();
    var target = place(item.id);
    show([item.id]);
    if (target) {
      var cell = target.closest("[data-findings]") || target;
      cell.classList.add("selected");
      cell.scrollIntoView({ block: "center", behavior: "smooth" });
      cell.classList.remove("flash");
      void cell.offsetWidth;
      cell.classList.add("flash");
    }
  });

  // big downloads as blob links: some browsers refuse long data: addresses
  document.querySelectorAll("#downloads a[href^='data:']").forEach(function (a) {
    var href = a.getAttribute("href");
    var comma = href.indexOf(",");
    var type = href.slice(5, href.indexOf(";"));
    var bytes = atob(href.slice(comma + 1));
    var buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    a.href = URL.createObjectURL(new Blob([buffer], { type: type }));
  });
})();
