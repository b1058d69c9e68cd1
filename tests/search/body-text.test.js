// The one rule for a stored body's text: search.js's bodyText against Rust's body_text
// (src/search/body_text.rs) on every stored body of the sites built by tests/search.rs and on
// random fragments. The index is built from Rust's text; excerpts and the phrase check read
// search.js's, so they must be the same string.
// Usage: node body-text.test.js <site-with-static/js/search.js> <pairs-file: JSON [html, Rust's body_text(html)]>
// Called by tests/search.rs; prints "N passed, N failed" and exits non-zero on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const { loadSearch, test, run } = require("./harness.js");

const site = path.resolve(process.argv[2]);
const pairs = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const { internal } = loadSearch(site);

test("every stored body's text is the text the index was built from", () => {
  assert.ok(pairs.length > 1000, "too few bodies");
  const wrong = pairs
    .filter(([html, rust]) => internal.bodyText(html) !== rust)
    .map(([html, rust]) => `${JSON.stringify(html)}:\n  rust ${JSON.stringify(rust)}\n  js   ${JSON.stringify(internal.bodyText(html))}`);
  assert.deepStrictEqual(wrong.slice(0, 5), [], `${wrong.length} of ${pairs.length} differ`);
});

run();
