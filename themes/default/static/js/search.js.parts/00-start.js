/* Search engine: window.handbook.search(query, {lang, limit, role}) over the index files in search/<lang>/.
   Classic script: the index is a set of classic scripts too, added as <script> tags on demand,
   which works from file:// where fetch, modules and WebAssembly do not.
   normalise(), the tokeniser and the English stemmer mirror src/search/ exactly; tests/search.rs
   runs this file in node against the same test vectors. */
(function (global) {
  "use strict";
  var handbook = global.handbook = global.handbook || {};
  var FORMAT_VERSION = 4;

