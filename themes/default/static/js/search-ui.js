/* Search interface: the header's search box (an ARIA combobox with a listbox of results, updated as
   you type) and the results page (search.html?q=...&role=...). Uses window.handbook.search from
   search.js. Classic script; without it the box still submits to the results page's <noscript> note.
   Everything from the index is inserted as text nodes: nothing is parsed as HTML. */
(function () {
  "use strict";
  var handbook = window.handbook;
  if (!handbook || !handbook.search) return;
  var DEBOUNCE_MS = 120;
  var POPUP_LIMIT = 8;
  var PAGE_LIMIT = 50;

  var popup = document.querySelector("[data-search-results]");
  function label(name) { return (popup && popup.getAttribute("data-" + name)) || ""; }
  function kindLabel(kind) { return label("kind-" + kind) || kind; }
  /* "8 results", or "8 of 124 results" when there are more than shown. */
  function foundLabel(results) {
    var total = results.total || results.length;
    if (total === 1) return label("found-one");
    var text = total > results.length ? label("found-of").replace("{total}", String(total)) : label("found");
    return text.replace("{count}", String(results.length));
  }

  /* A match this short is kept on one line: browsers break Thai lines with their own
     dictionary, which may cut a highlighted word (ผู้เสีย|หาย) in two. */
  var NOBR_MARK = 20;

  /* Text with [start, end) ranges wrapped in <mark>, built from text nodes only. */
  function appendMarked(parent, text, marks) {
    var at = 0;
    (marks || []).forEach(function (range) {
      if (range[0] < at) return;
      parent.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      if (range[1] - range[0] <= NOBR_MARK) mark.className = "nobr";
      parent.appendChild(mark);
      at = range[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function span(className, text, marks) {
    var element = document.createElement("span");
    element.className = className;
    appendMarked(element, text, marks);
    return element;
  }

  /* When nothing is found: links to the same search in the handbook's other languages (a Thai
     word typed on an English page is written in the Thai pages). */
  function otherLanguages(query) {
    var found = document.createElement("span");
    found.className = "search-other-languages";
    var root = document.body.getAttribute("data-root") || "";
    var links = document.querySelectorAll("nav.languages a[hreflang]");
    Array.prototype.forEach.call(links, function (language) {
      var link = document.createElement("a");
      link.href = root + language.getAttribute("hreflang") + "/search.html?q=" + encodeURIComponent(query);
      link.setAttribute("hreflang", language.getAttribute("hreflang"));
      link.textContent = label("other-language").replace("{language}", language.firstChild ? language.firstChild.textContent.trim() : "");
      found.appendChild(document.createTextNode(" "));
      found.appendChild(link);
    });
    return found;
  }

  /* "Did you mean <link>?" around a link to `suggestion`, in the page's language. */
  function didYouMean(suggestion, href) {
    var found = document.createElement("span");
    found.className = "search-suggestion";
    var parts = label("did-you-mean").split("{query}");
    var link = document.createElement("a");
    link.href = href;
    link.textContent = suggestion;
    found.appendChild(document.createTextNode(parts[0] || ""));
    found.appendChild(link);
    found.appendChild(document.createTextNode(parts.slice(1).join("{query}")));
    return { element: found, link: link };
  }

  /* One result as a link: kind, the page it belongs to, title, excerpt. The page comes first:
     a section's own title ("Related pages", "ความหมาย") says little without it. */
  function resultLink(result) {
    var link = document.createElement("a");
    link.href = (document.body.getAttribute("data-root") || "") + result.url;
    link.appendChild(span("search-result-kind", kindLabel(result.kind)));
    link.appendChild(document.createTextNode(" "));
    if (result.page) {
      link.appendChild(span("search-result-page", result.page));
      link.appendChild(document.createTextNode(" "));
    }
    link.appendChild(span("search-result-title", result.title, result.titleMarks));
    link.appendChild(span("search-result-excerpt", result.excerpt, result.marks));
    return link;
  }

  /* Runs `callback` after typing pauses, never in the middle of an input method composition
     (Thai keyboards and IMEs compose several keystrokes into one character). */
  function whenTyped(input, callback) {
    var timer = null;
    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () {
      composing = false;
      clearTimeout(timer);
      timer = setTimeout(callback, DEBOUNCE_MS);
    });
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return;
      clearTimeout(timer);
      timer = setTimeout(callback, DEBOUNCE_MS);
    });
  }

  /* ---- The header's search box ---- */

  var box = document.querySelector("[data-search-box]");
  var live = document.querySelector("[data-search-live]");
  if (box && popup) {
    var form = box.form;
    var listbox = document.createElement("ul");
    listbox.id = "search-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", label("label"));
    var more = document.createElement("p");
    more.className = "search-more";
    var moreLink = document.createElement("a");
    var moreNote = document.createElement("span");
    more.appendChild(moreLink);
    more.appendChild(moreNote);
    popup.appendChild(listbox);
    popup.appendChild(more);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", listbox.id);
    var options = [];
    var active = -1;
    var asked = 0;

    var setActive = function (index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        box.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    };
    var close = function () {
      popup.hidden = true;
      box.setAttribute("aria-expanded", "false");
      setActive(-1);
    };
    var open = function () {
      popup.hidden = false;
      box.setAttribute("aria-expanded", "true");
    };
    var show = function (query, results) {
      listbox.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = "search-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var link = resultLink(result);
        link.tabIndex = -1;
        option.appendChild(link);
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      box.removeAttribute("aria-activedescendant");
      moreLink.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
      moreLink.textContent = label("see-all");
      moreLink.hidden = !results.length;
      moreNote.textContent = results.length ? "" : label("no-results");
      if (!results.length) moreNote.appendChild(otherLanguages(query));
      if (live) live.textContent = results.length ? "" : label("no-results");
      open();
      if (handbook.suggest) offerSuggestion(query, results.length > 0);
      // The count of every match comes after the results are on screen (see results.total),
      // counted as the results page will count it: the query as finished, its last word no
      // longer completed (referral form, not also formal).
      var shownFor = asked;
      if (results.length) setTimeout(function () {
        if (shownFor !== asked) return;
        handbook.search(query, { limit: results.length, complete: true }).then(function (finished) {
          if (shownFor !== asked) return;
          var counted = { length: results.length, total: Math.max(finished.total, results.length) };
          if (counted.total > results.length) moreLink.textContent = label("see-all-count").replace("{total}", String(counted.total));
          if (live) live.textContent = foundLabel(counted);
        });
      }, 0);
    };
    /* The nearest spelling the index has, as the list's first option: when nothing is found, or
       when a Thai run is one slip from a long word (การค้ามนุษย: การค้ามนุษย์) and its pieces
       found something else. Choosing it (Enter, or a click) searches for it in the box. */
    var offerSuggestion = function (query, withResults) {
      var shownFor = asked;
      handbook.suggest(query, { found: withResults }).then(function (suggestion) {
        if (!suggestion || shownFor !== asked) return;
        var offer = didYouMean(suggestion, form.getAttribute("action") + "?q=" + encodeURIComponent(suggestion));
        var option = document.createElement("li");
        option.id = "search-option-suggestion";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-suggestion", suggestion);
        offer.link.tabIndex = -1;
        // The whole row chooses it, as a result's row does.
        option.addEventListener("click", function (event) {
          event.preventDefault();
          useSuggestion(suggestion);
        });
        option.appendChild(offer.element);
        listbox.insertBefore(option, listbox.firstChild);
        if (active >= 0) setActive(-1);
        options = [option].concat(withResults ? options : []);
        if (live) live.textContent = (withResults ? "" : label("no-results") + " ") + offer.element.textContent;
      });
    };
    var useSuggestion = function (suggestion) {
      box.value = suggestion;
      box.focus();
      run();
    };
    var run = function () {
      var query = box.value.trim();
      var ticket = ++asked;
      if (!query) { close(); return; }
      handbook.search(query, { limit: POPUP_LIMIT }).then(function (results) {
        if (ticket === asked) show(query, results);
      }, function () {
        if (ticket !== asked) return;
        show(query, []);
        moreNote.textContent = label("unavailable");
      });
    };
    whenTyped(box, run);
    box.addEventListener("keydown", function (event) {
      if (event.isComposing) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (popup.hidden) { if (box.value.trim()) run(); return; }
        event.preventDefault();
        if (!options.length) return;
        var step = event.key === "ArrowDown" ? 1 : -1;
        // Cycles through the options and back to the box itself (-1).
        var next = active + step;
        if (next >= options.length) next = -1;
        if (next < -1) next = options.length - 1;
        setActive(next);
      } else if (event.key === "Enter" && active >= 0 && options[active]) {
        event.preventDefault();
        var suggestion = options[active].getAttribute("data-suggestion");
        if (suggestion) useSuggestion(suggestion);
        else window.location.href = options[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        if (!popup.hidden) { event.preventDefault(); close(); } else if (box.value) { box.value = ""; }
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
    box.addEventListener("focus", function () {
      // The index's first file loads while the reader types, not after.
      if (handbook.prepare) handbook.prepare();
      if (box.value.trim() && options.length) open();
    });
    // Keep focus in the box while a result is clicked, so focusout does not close it first.
    popup.addEventListener("mousedown", function (event) { event.preventDefault(); });
  }

  /* ---- The results page ---- */

  var pageInput = document.querySelector("[data-search-page-input]");
  var pageList = document.querySelector("[data-search-page-results]");
  if (pageInput && pageList) {
    var roleSelect = document.querySelector("[data-search-role]");
    var status = document.querySelector("[data-search-status]");
    var params = new URLSearchParams(window.location.search);
    pageInput.value = params.get("q") || "";
    if (roleSelect && params.get("role")) roleSelect.value = params.get("role");
    var pageAsked = 0;
    var pageLimit = PAGE_LIMIT;
    /* This page's address for `query` and `role`, from the page itself. */
    var pageQuery = function (query, role) {
      return "?q=" + encodeURIComponent(query) + (role ? "&role=" + encodeURIComponent(role) : "");
    };
    var moreButton = document.querySelector("[data-search-more]");
    // Coming back to this page (Back from a result): as many results as were shown, the
    // followed one focused, at the same scroll position. The browser's own restoration would
    // scroll before the results are there.
    var saved = window.history.state && typeof window.history.state === "object" ? window.history.state : {};
    var restoreShown = Math.min(Math.max(Number(saved.shown) || 0, 0), 20 * PAGE_LIMIT);
    if ("scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
    var remember = function (state) {
      try {
        window.history.replaceState(Object.assign({}, window.history.state || {}, state), "", window.location.href);
      } catch (ignored) { /* some browsers refuse history changes on file:// pages */ }
    };
    pageList.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a");
      var links = Array.prototype.slice.call(pageList.querySelectorAll("a"));
      if (link) remember({ followed: links.indexOf(link), scrollY: window.scrollY });
    });
    window.addEventListener("pagehide", function () { remember({ scrollY: window.scrollY }); });
    /* `complete`: the query is whole (from the address, a submit or the role filter), so its
       last word is not also completed as if still being typed. `more`: show PAGE_LIMIT more. */
    var runPage = function (complete, more) {
      var query = pageInput.value.trim();
      var role = roleSelect ? roleSelect.value : "";
      var ticket = ++pageAsked;
      var shown = pageList.children.length;
      var restoring = restoreShown > 0;
      pageLimit = more ? pageLimit + PAGE_LIMIT : restoring ? restoreShown : PAGE_LIMIT;
      restoreShown = 0;
      // The button keeps its place (and the keyboard's focus) while more results load.
      if (moreButton && !more) moreButton.hidden = true;
      try {
        var url = pageQuery(query, role);
        window.history.replaceState(restoring ? saved : { shown: pageLimit }, "", url);
      } catch (ignored) { /* some browsers refuse history changes on file:// pages */ }
      if (!query) { pageList.textContent = ""; if (status) status.textContent = ""; return; }
      if (status) status.textContent = label("loading");
      handbook.search(query, { limit: pageLimit, role: role, complete: complete === true }).then(function (results) {
        if (ticket !== pageAsked) return;
        pageList.textContent = "";
        results.forEach(function (result) {
          var item = document.createElement("li");
          item.className = "search-result kind-" + result.kind;
          item.appendChild(resultLink(result));
          pageList.appendChild(item);
        });
        if (status) status.textContent = results.length ? foundLabel(results) : label("no-results");
        if (status && !results.length) status.appendChild(otherLanguages(query));
        if (status && handbook.suggest) {
          handbook.suggest(query, { role: role, found: results.length > 0 }).then(function (suggestion) {
            if (!suggestion || ticket !== pageAsked) return;
            status.insertBefore(document.createTextNode(" "), status.childNodes[1] || null);
            status.insertBefore(didYouMean(suggestion, pageQuery(suggestion, role)).element, status.childNodes[2] || null);
          });
        }
        if (moreButton) moreButton.hidden = !(results.total > results.length);
        // After "Show more", the keyboard goes on from the first new result.
        var firstNew = more && pageList.children[shown] && pageList.children[shown].querySelector("a");
        if (firstNew) firstNew.focus();
        if (restoring) {
          var followed = pageList.querySelectorAll("a")[Number(saved.followed)];
          if (followed) followed.focus({ preventScroll: true });
          window.scrollTo(0, Number(saved.scrollY) || 0);
        }
      }, function () {
        if (ticket === pageAsked && status) status.textContent = label("unavailable");
      });
    };
    var lastComplete = true;
    var runWhole = function () { lastComplete = true; runPage(true, false); };
    whenTyped(pageInput, function () { lastComplete = false; runPage(false, false); });
    pageInput.addEventListener("focus", function () { if (handbook.prepare) handbook.prepare(); });
    if (roleSelect) roleSelect.addEventListener("change", runWhole);
    if (moreButton) moreButton.addEventListener("click", function () { runPage(lastComplete, true); });
    pageInput.form.addEventListener("submit", function (event) {
      event.preventDefault();
      runWhole();
    });
    runWhole();
  }
})();
