/* The print documents (print.html, print-<chapter>.html): each page's body put in its entry, then
   the chapter filter. Classic script, no network.

   A page's text is stored once, beside the pages: its print body, cut at its sections, is the
   stored text of its search documents (search/<lang>/docs-<n>.js, the format of
   src/search/stored_text.rs). The document loads the chunk files holding its entries' bodies as
   classic scripts after this one; each calls handbook._docs. Once the document is parsed
   (DOMContentLoaded: after those scripts, before `load`, so before the browser's print), each
   <section data-doc="first" data-docs="count"> gets its documents' parts, in order, after its
   title. tests/support/print.rs does the same in Rust for the tests that read these documents.

   print-<chapter>.html?chapter=<section id> (or print.html?chapter=...) then shows that section
   and the sections under it (and their contents entries) and hides the rest, so a trainer prints
   one sub-chapter from the chapter's document. */
(function (global) {
  "use strict";
  var handbook = global.handbook = global.handbook || {};
  var chunks = {};
  handbook._docs = function (lang, n, pages) { chunks[n] = pages; };

  /* Thai runs: see stored_text.rs and search.js's decodeText. */
  var THAI_LETTERS = "!#$%&'*+,-/0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
  var THAI_OF = {};
  for (var at = 0; at < THAI_LETTERS.length; at++) {
    THAI_OF[THAI_LETTERS.charCodeAt(at)] = at < 58 ? 0x0E01 + at : 0x0E3F + at - 58;
  }
  function decodeText(text) {
    if (text.indexOf("~") < 0) return text;
    var out = [], thai = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (thai) {
        var letter = c < 128 ? THAI_OF[c] : undefined;
        if (letter !== undefined) { out.push(letter); continue; }
        if (c === 32) { out.push(32); continue; }
        thai = false;
        if (c !== 126) out.push(c);
      } else if (c === 126) {
        if (text.charCodeAt(i + 1) === 126) { out.push(126); i++; } else thai = true;
      } else out.push(c);
    }
    var result = "";
    for (var from = 0; from < out.length; from += 8192) result += String.fromCharCode.apply(null, out.slice(from, from + 8192));
    return result;
  }

  /* The stored body of document `n` (its chunk's pages flattened once), or "". */
  var flat = {};
  function storedBody(n, perChunk) {
    var chunk = Math.floor(n / perChunk);
    if (!flat[chunk]) {
      var bodies = [];
      (chunks[chunk] || []).forEach(function (page) {
        (page[3] || []).forEach(function (doc) { bodies.push(doc[2]); });
      });
      flat[chunk] = bodies;
    }
    var body = flat[chunk][n - chunk * perChunk];
    return typeof body === "string" ? decodeText(body) : "";
  }

  function fillBodies() {
    var main = document.getElementById("main");
    var perChunk = Number(main && main.getAttribute("data-chunk")) || 8;
    Array.prototype.forEach.call(document.querySelectorAll("section.print-entry[data-doc]"), function (section) {
      var first = Number(section.getAttribute("data-doc"));
      var count = Number(section.getAttribute("data-docs"));
      var html = "";
      for (var n = first; n < first + count; n++) html += storedBody(n, perChunk);
      var title = section.querySelector("h2");
      if (title) title.insertAdjacentHTML("afterend", html);
      else section.insertAdjacentHTML("beforeend", html);
    });
    flat = {};
    chunks = {};
  }

  function filterChapter() {
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
  }

  function ready() {
    fillBodies();
    filterChapter();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})(typeof window !== "undefined" ? window : globalThis);
