/* The print view of one part of a chapter: print-<chapter>.html?chapter=<section id> (or
   print.html?chapter=...) shows that section and the sections under it (and their contents
   entries) and hides the rest, so a trainer prints one sub-chapter from the chapter's document.
   Without the parameter, or without this script, every page shows. Classic script, no network. */
(function () {
  "use strict";
  var wanted = new URLSearchParams(window.location.search).get("chapter");
  if (!wanted) return;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.print-entry"));
  var depthOf = function (section) {
    var match = /(?:^|\s)depth-(\d+)(?:\s|$)/.exec(section.className);
    return match ? Number(match[1]) : 0;
  };
  var start = -1;
  sections.forEach(function (section, index) { if (section.id === wanted) start = index; });
  if (start < 0) return;
  // The chapter runs from its section to the next one at its depth or above.
  var depth = depthOf(sections[start]);
  var end = start + 1;
  while (end < sections.length && depthOf(sections[end]) > depth) end++;
  var shown = {};
  sections.forEach(function (section, index) {
    var inside = index >= start && index < end;
    section.hidden = !inside;
    if (inside) shown[section.id] = true;
  });
  Array.prototype.forEach.call(document.querySelectorAll(".print-toc li"), function (item) {
    var link = item.querySelector("a");
    var target = link ? link.getAttribute("href").slice(1) : "";
    item.hidden = !shown[target];
  });
  // This script's notice replaces the chapter document's own (it names the part shown).
  var fixed = document.querySelector("[data-print-chapter]");
  if (fixed) fixed.hidden = true;
  var notice = document.querySelector("[data-print-filter]");
  if (notice) {
    var title = sections[start].querySelector("h2");
    notice.querySelector("strong").textContent =
      (notice.getAttribute("data-notice") || "{chapter}").replace("{chapter}", title ? title.textContent : "");
    notice.hidden = false;
  }
  var heading = sections[start].querySelector("h2");
  if (heading) document.title = document.title + " – " + heading.textContent;
})();
