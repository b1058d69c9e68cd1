// Runs search.js in node on an index the Rust builder wrote for many documents, so that its
// commonest words are stored as bitsets: the script must decode what the builder writes.
// Usage: node dense.test.js <dir with search/ and static/js/search.js> <documents> <rare document>
// Called by tests/search.rs; prints "N passed, N failed" and exits non-zero on a failure.
"use strict";
const path = require("path");
const assert = require("assert");

const site = path.resolve(process.argv[2]);
const documents = Number(process.argv[3]);
const rare = Number(process.argv[4]);
const { loadSearch, test, run } = require("./harness.js");
const { search } = loadSearch(site);

test("a word in every document is found in every document", async () => {
  for (const [word, lang] of [["harbour", "en"], ["ท่าเรือ", "th"]]) {
    const results = await search(word, { lang, limit: 10 });
    assert.strictEqual(results.total, documents, `${word}: ${results.total}`);
  }
});

test("a word in one document finds that one, also beside a common word", async () => {
  for (const [query, lang] of [["lighthouse", "en"], ["harbour lighthouse", "en"], ["ประภาคาร", "th"], ["ท่าเรือประภาคาร", "th"]]) {
    const results = await search(query, { lang });
    assert.strictEqual(results.total, 1, `${query}: ${results.total}`);
    assert.strictEqual(results[0].url, `${lang}/p${rare}.html`, query);
  }
});

test("a word in every other document is found in exactly those", async () => {
  const results = await search("tide", { lang: "en", limit: documents });
  assert.strictEqual(results.total, documents / 2);
});

run();
