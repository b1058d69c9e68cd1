// Phrases in search.js, run in node against the built search fixture (its help/phrases pages):
// the phrase as typed ranks first, quoted phrases are required, the excerpt shows the phrase.
// Usage: node phrase.test.js <built-site-dir>; called by tests/search.rs; prints "N passed, N failed".
"use strict";
const path = require("path");
const assert = require("assert");

const site = path.resolve(process.argv[2]);
const { loadSearch, test, run } = require("./harness.js");
const { search } = loadSearch(site);

const sections = (results) => results.map((r) => decodeURIComponent(r.url.split("#")[1] || r.url));
const marked = (result) => result.marks.map(([start, end]) => result.excerpt.slice(start, end));

test("a Thai phrase as typed ranks above its words apart, though they are written more often", async () => {
  const results = await search("เขียนโค้ด", { lang: "th", complete: true });
  const found = sections(results);
  assert.ok(found.includes("บันทึกประจำวัน"), `the words apart are found too: ${found}`);
  assert.strictEqual(found[0], "บันทึกของทีม", `the phrase first: ${found}`);
});

test("common Thai words of a phrase do not lift a section that has only them and the rare word apart", async () => {
  const found = sections(await search("ไม่มีที่สิ้นสุด", { lang: "th", complete: true }));
  assert.ok(found.includes("การทำงานของระบบ"), `the words apart are found too: ${found}`);
  assert.strictEqual(found[0], "งานของอาสาสมัคร", `the phrase first: ${found}`);
});

test("an English phrase as typed, then its words near each other, then apart", async () => {
  const found = sections(await search("victim support", { lang: "en", complete: true }));
  const at = (section) => found.indexOf(section);
  assert.strictEqual(found[0], "team-notes", `as typed first: ${found}`);
  assert.ok(at("office-notes") > 0 && at("daily-notes") > at("office-notes"), `near before apart: ${found}`);
});

test("the completion of the last word typed never outranks the phrase as typed", async () => {
  for (const typed of ["victim support", "victim supp"]) {
    const found = sections(await search(typed, { lang: "en" }));
    assert.strictEqual(found[0], "team-notes", `${typed}: ${found}`);
    assert.ok(found.includes("supply-notes"), `${typed}: completions still found: ${found}`);
  }
  const thai = sections(await search("เขียนโค้", { lang: "th" }));
  assert.strictEqual(thai[0], "บันทึกของทีม", `เขียนโค้ while typing: ${thai}`);
});

test("a quoted phrase must be written as typed, in Thai and in English", async () => {
  const english = await search("\"victim support\"", { lang: "en", complete: true });
  assert.deepStrictEqual(sections(english), ["team-notes"]);
  assert.strictEqual(english.total, 1, "the count says what is shown");
  const curly = await search("\u201Cvictim support\u201D", { lang: "en", complete: true });
  assert.deepStrictEqual(sections(curly), ["team-notes"]);
  // Words in another order or apart are not the quoted phrase; unquoted they are found.
  assert.deepStrictEqual(sections(await search("\"support victim\"", { lang: "en", complete: true })), []);
  assert.deepStrictEqual(sections(await search("\"ไม่มีที่สิ้นสุด\"", { lang: "th", complete: true })), ["งานของอาสาสมัคร"]);
  assert.deepStrictEqual(sections(await search("\"โค้ดเขียน\"", { lang: "th", complete: true })), []);
  // A quoted phrase beside an unquoted word: the phrase required, the word as usual.
  assert.deepStrictEqual(sections(await search("office \"victim support\"", { lang: "en", complete: true })), ["team-notes"]);
});

test("the excerpt shows where the phrase stands, marked whole", async () => {
  const [first] = await search("victim support", { lang: "en", complete: true });
  assert.ok(first.excerpt.includes("victim support office"), first.excerpt);
  assert.deepStrictEqual(marked(first), ["victim support"], "one mark, the whole phrase, not the lone victim earlier");
  assert.ok(first.excerpt.startsWith("… "), "the excerpt starts near the phrase, not at the section's start");
  const [thai] = await search("ไม่มีที่สิ้นสุด", { lang: "th", complete: true });
  assert.deepStrictEqual(marked(thai), ["ไม่มีที่สิ้นสุด"]);
});

test("without the phrase, the excerpt shows its words where they stand near each other", async () => {
  const call = (await search("victim support", { lang: "en", complete: true })).find((r) => r.url.endsWith("#call-notes"));
  assert.ok(call, "the section with the words near each other is found");
  assert.ok(call.excerpt.includes("support a victim"), `not the lone victim at the start: ${call.excerpt}`);
});

run();
