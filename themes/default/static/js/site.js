/* Site behaviour that needs no data: the mobile menu, "/" to focus search, scrolling regions for
   wide tables, the directory filters.
   Classic script (works from file://); every feature degrades to plain content without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var toggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  document.addEventListener("keydown", function (event) {
    // The key, not the character: with a Thai keyboard layout the same key types ฝ.
    var slash = event.key === "/" || event.code === "Slash";
    if (!slash || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) return;
    // On the results page, its own field: that is where a reader searches again.
    var box = document.querySelector("[data-search-page-input]") || document.querySelector("[data-search-box]");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  });

  // Data tables wider than the screen scroll inside their own region, which is named (by the
  // table's caption or the heading above it) and reachable by keyboard so it can be scrolled with
  // the arrow keys. Form pages lay out their own tables.
  var kind = /\bkind-(page|chapter|procedure|role|roles|search)\b/.test(document.body.className);
  if (kind) {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      if (table.closest("form, [data-form]")) return;
      var region = document.createElement("div");
      region.className = "table-scroll";
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
      var caption = table.querySelector("caption");
      var heading = null;
      for (var at = region.previousElementSibling; at && !heading; at = at.previousElementSibling) {
        if (/^H[2-6]$/.test(at.tagName)) heading = at;
      }
      var name = (caption || heading || document.querySelector("main h1") || {}).textContent || "";
      var hint = document.createElement("p");
      hint.className = "table-scroll-hint";
      hint.textContent = document.body.getAttribute("data-table-scroll-hint") || "";
      hint.hidden = true;
      region.parentNode.insertBefore(hint, region);
      var fit = function () {
        hint.hidden = !(region.scrollWidth > region.clientWidth + 1) || !hint.textContent;
        if (region.scrollWidth > region.clientWidth + 1) {
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", name.replace(/\s+/g, " ").trim());
          region.tabIndex = 0;
          region.classList.add("table-scrolls");
        } else {
          region.removeAttribute("role");
          region.removeAttribute("aria-label");
          region.removeAttribute("tabindex");
          region.classList.remove("table-scrolls");
        }
      };
      fit();
      window.addEventListener("resize", fit);
    });
  }

  var directory = document.querySelector("[data-directory]");
  if (directory) {
    var filters = directory.querySelector("[data-directory-filters]");
    var selects = directory.querySelectorAll("[data-filter]");
    var rows = directory.querySelectorAll("tbody tr");
    var count = directory.querySelector("[data-directory-count]");
    var label = document.body.getAttribute("data-lang") === "th" ? "หน่วยงานที่แสดง" : "organisations shown";
    filters.hidden = false;
    var apply = function () {
      var wanted = {};
      selects.forEach(function (select) { wanted[select.getAttribute("data-filter")] = select.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var services = (row.getAttribute("data-services") || "").split(" ");
        var visible = (!wanted.level || row.getAttribute("data-level") === wanted.level) &&
          (!wanted.type || row.getAttribute("data-type") === wanted.type) &&
          (!wanted.service || services.indexOf(wanted.service) !== -1);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) count.textContent = shown + " / " + rows.length + " " + label;
    };
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }
})();
