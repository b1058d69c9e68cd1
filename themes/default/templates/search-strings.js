/* The search box's words in one language, written once for every page of that language instead
   of on each page: they go on the box's results panel as the data-* attributes search-ui.js
   reads (attributes a theme's page still writes are kept). Loaded before search-ui.js. */
(function (words) {
  "use strict";
  var panel = document.querySelector("[data-search-results]");
  if (!panel) return;
  for (var name in words) {
    if (Object.prototype.hasOwnProperty.call(words, name) && !panel.hasAttribute("data-" + name)) {
      panel.setAttribute("data-" + name, words[name]);
    }
  }
})({
  "label": {{ strings.search_results_label | json_encode() | safe }},
  "no-results": {{ strings.search_no_results | json_encode() | safe }},
  "loading": {{ strings.search_loading | json_encode() | safe }},
  "found": {{ strings.search_found | json_encode() | safe }},
  "found-one": {{ strings.search_found_one | json_encode() | safe }},
  "see-all": {{ strings.search_see_all | json_encode() | safe }},
  "see-all-count": {{ strings.search_see_all_count | json_encode() | safe }},
  "found-of": {{ strings.search_found_of | json_encode() | safe }},
  "other-language": {{ strings.search_other_language | json_encode() | safe }},
  "did-you-mean": {{ strings.search_did_you_mean | json_encode() | safe }},
  "unavailable": {{ strings.search_unavailable | json_encode() | safe }},
  "kind-page": {{ strings.search_kind_page | json_encode() | safe }},
  "kind-step": {{ strings.search_kind_step | json_encode() | safe }},
  "kind-form": {{ strings.search_kind_form | json_encode() | safe }},
  "kind-role": {{ strings.search_kind_role | json_encode() | safe }}
});
