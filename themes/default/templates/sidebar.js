/* The sidebar of every page under one branch of the handbook, written once for all of them (a
   copy in each page made most of its bytes). The page's <nav id="sidebar"> loads it; it puts the
   list where it stands, before the page goes on (nothing moves or flashes), makes the links start
   from the page's place (the body's data-root) and marks the page itself. The list is the theme's
   sidebar.html. Classic script (works from file://); without it the page links to its chapter. */
(function (list) {
  "use strict";
  // Scripts run: lay the page out for them now, before its main text is parsed and painted (on a
  // phone the sidebar folds into the menu button), not when site.js runs at the end of the page,
  // which moved the whole page down and up again while it loaded.
  document.documentElement.classList.add("js");
  var script = document.currentScript;
  if (!script || !script.parentNode) return;
  var root = document.body.getAttribute("data-root") || "";
  var here = location.href.split("#")[0].split("?")[0];
  if (here.charAt(here.length - 1) === "/") here += "index.html";
  var holder = document.createElement("div");
  holder.innerHTML = list;
  var links = holder.getElementsByTagName("a");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    link.setAttribute("href", root + link.getAttribute("href"));
    if (link.href === here) {
      link.setAttribute("aria-current", "page");
      link.parentNode.classList.add("current", "open");
    }
  }
  while (holder.firstChild) script.parentNode.insertBefore(holder.firstChild, script);
})({{ list | json_encode() | safe }});
