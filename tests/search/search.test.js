// Runs search.js (the theme's static/js/search.js.parts/, joined) in node against a built fixture site.
// Usage: node search.test.js <built-site-dir> <stems-file: "word<TAB>stem" lines from rust-stemmers>
//        <folds-file: JSON [text, Rust's normalise(text)] pairs>
//        <words-file: JSON [normalised text, Rust's non-Thai terms of it] pairs>
//        <stored-file: JSON [text, Rust's stored_text::encode(text)] pairs>
// Called by tests/search.rs; prints "N passed, N failed" and exits non-zero on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");

const site = path.resolve(process.argv[2]);
const stemsFile = process.argv[3];
const foldsFile = process.argv[4];
const wordsFile = process.argv[5];
const storedFile = process.argv[6];
const loaded = [];
const { loadSearch, test, run } = require("./harness.js");
const { internal, search } = loadSearch(site, (file) => loaded.push(file));

test("normalisation matches the shared vectors", () => {
  const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "normalise-vectors.json"), "utf8"));
  for (const [why, input, expected] of vectors) {
    assert.strictEqual(internal.normalise(input), expected, why);
  }
});

test("normalisation agrees with the Rust side on random text", () => {
  const pairs = JSON.parse(fs.readFileSync(foldsFile, "utf8"));
  assert.ok(pairs.length > 1000, "too few random texts");
  const wrong = pairs
    .filter(([text, rust]) => internal.normalise(text) !== rust)
    .map(([text, rust]) => `${JSON.stringify(text)}: rust ${JSON.stringify(rust)}, js ${JSON.stringify(internal.normalise(text))}`);
  assert.deepStrictEqual(wrong.slice(0, 10), []);
});

test("words are split and stemmed as the Rust side does on random text", () => {
  const pairs = JSON.parse(fs.readFileSync(wordsFile, "utf8"));
  assert.ok(pairs.length > 1000, "too few random texts");
  const wrong = [];
  for (const [text, rust] of pairs) {
    const js = internal.runs(text).filter((run) => !run.thai).map((run) => internal.wordTerm(run.text));
    if (JSON.stringify(js) !== JSON.stringify(rust)) {
      wrong.push(`${JSON.stringify(text)}: rust ${JSON.stringify(rust)}, js ${JSON.stringify(js)}`);
    }
  }
  assert.deepStrictEqual(wrong.slice(0, 10), []);
});

test("stored text written by the Rust side decodes to the text on random strings", () => {
  const pairs = JSON.parse(fs.readFileSync(storedFile, "utf8"));
  assert.ok(pairs.length > 1000, "too few random texts");
  assert.ok(pairs.some(([text, encoded]) => Buffer.byteLength(encoded) < Buffer.byteLength(text)), "no Thai written one byte a letter");
  const wrong = pairs
    .filter(([text, encoded]) => internal.decodeText(encoded) !== text)
    .map(([text, encoded]) => `${JSON.stringify(text)} written ${JSON.stringify(encoded)}: js ${JSON.stringify(internal.decodeText(encoded))}`);
  assert.deepStrictEqual(wrong.slice(0, 10), []);
});

test("text taken as already folded is exactly what fold() makes of it", () => {
  // folded() skips fold() for text its pattern finds nothing to fold in; random strings over
  // the characters fold() treats specially check that the pattern misses none of them.
  const alphabet = ["a", "A", "z", "Z", "1", " ", "ก", "ข", "\u0E48", "\u0E49", "\u0E34", "\u0E31", "\u0E38",
    "\u0E4D", "\u0E32", "\u0E33", "\u0E40", "\u0E41", "\u0E46", "\u0E51", "\u0E47", "\u0E4C", "é", "É", "\u200B", "\u00AD", "😀"];
  let seed = 5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let skipped = 0;
  for (let i = 0; i < 20000; i++) {
    let text = "";
    const length = 1 + Math.floor(random() * 6);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    const fast = internal.folded(text);
    assert.strictEqual(fast.folded, internal.fold(text, true, []), JSON.stringify(text));
    if (fast.map === null) skipped++;
  }
  assert.ok(skipped > 1000, "the shortcut is taken for plain text");
});

test("the English stemmer agrees with rust-stemmers on every word", () => {
  const lines = fs.readFileSync(stemsFile, "utf8").split("\n").filter(Boolean);
  const wrong = [];
  for (const line of lines) {
    const [word, stem] = line.split("\t");
    const got = internal.stem(word);
    if (got !== stem) wrong.push(`${word}: rust ${stem}, js ${got}`);
  }
  assert.ok(lines.length > 1000, "word list too short");
  assert.deepStrictEqual(wrong, []);
});

test("a Thai phrase finds its heading section first", async () => {
  const results = await search("ผู้เสียหายที่เป็นเด็ก", { lang: "th" });
  assert.ok(results.length > 0);
  assert.strictEqual(results[0].url, "th/help/contact.html#ผู้เสียหายที่เป็นเด็ก");
  assert.strictEqual(results[0].kind, "page");
});

test("a synonym finds the handbook's word, and a form code is found without its hyphen", async () => {
  const short = await search("พรบ", { lang: "th" });
  const full = await search("พระราชบัญญัติ", { lang: "th" });
  assert.ok(short.length > 0, "พรบ finds something");
  assert.deepStrictEqual(short.map((r) => r.url).sort(), full.map((r) => r.url).sort());
  const page = short.find((r) => r.url.startsWith("th/help/contact.html"));
  const marked = page.marks.map(([start, end]) => page.excerpt.slice(start, end));
  assert.ok(marked.includes("พระราชบัญญัติ"), `the handbook's word is marked: ${JSON.stringify(marked)}`);
  const code = await search("f01", { lang: "en", complete: true });
  assert.ok(code.some((r) => r.kind === "form"), JSON.stringify(code.map((r) => r.url)));
  // Typed without its zero, the code is found, and marked where the handbook writes it.
  const unpadded = (await search("F-1", { lang: "en", complete: true })).find((r) => r.kind === "form");
  assert.ok(unpadded, "F-1 finds the form F-01");
  const inTitle = unpadded.titleMarks.map(([start, end]) => unpadded.title.slice(start, end));
  assert.ok(inTitle.includes("F-01"), `${unpadded.title}: ${JSON.stringify(inTitle)}`);
});

test("a Thai word finds the section it heads", async () => {
  const results = await search("ค่าตอบแทน", { lang: "th" });
  assert.strictEqual(results[0].title, "ค่าตอบแทนและค่าใช้จ่าย");
});

test("Thai the segmenter cuts wrongly is still found (character pairs, confirmed)", async () => {
  const results = await search("โทรศัพท์", { lang: "th" });
  assert.ok(results.some((r) => r.url === "th/help/contact.html"), JSON.stringify(results));
  // A query whose pairs all occur, but not together, finds nothing.
  const none = await search("ศัพท์โทร", { lang: "th" });
  assert.deepStrictEqual(none.filter((r) => r.url === "th/help/contact.html"), []);
});

test("a short Thai word is found as a word, never inside other words", async () => {
  // บก (of บก.ปคม.) is also written inside ได้รับการ and รับการ, cutting their syllables.
  const results = await search("บก", { lang: "th", complete: true });
  assert.ok(results.some((r) => r.title === "ค่าตอบแทนและค่าใช้จ่าย"), JSON.stringify(results));
  assert.ok(!results.some((r) => r.title === "ผู้เสียหายที่เป็นเด็ก"), JSON.stringify(results));
  for (const r of results) {
    for (const [, end] of r.marks) {
      assert.ok(!/[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/.test(r.excerpt.charAt(end)), `mark cuts a syllable: ${r.excerpt}`);
    }
  }
  // ลอด is no word of the index, only written inside ปลอดภัย: nothing is found.
  assert.strictEqual((await search("ลอด", { lang: "th", complete: true })).length, 0);
});

test("Thai words typed without spaces that no one document has together are found apart", async () => {
  // As a question is typed: one run of words, here เด็ก and ค่าตอบแทน, in two sections.
  const titles = (await search("เด็กค่าตอบแทน", { lang: "th", complete: true })).map((r) => r.title);
  assert.ok(titles.includes("ผู้เสียหายที่เป็นเด็ก") && titles.includes("ค่าตอบแทนและค่าใช้จ่าย"), JSON.stringify(titles));
  // A slip is not taken apart: it is left to the spelling suggestion.
  assert.strictEqual((await search("ผู้เสียหย", { lang: "th", complete: true })).length, 0);
});

test("each glossary entry is a result of its own, found by its abbreviation or definition", async () => {
  const atpd = await search("ATPD", { lang: "en", complete: true });
  assert.ok(atpd.some((r) => r.url === "en/help/glossary.html#term-atpd"), JSON.stringify(atpd.map((r) => r.url)));
  const law = await search("law passed by parliament", { lang: "en", complete: true });
  assert.strictEqual(law[0] && law[0].url, "en/help/glossary.html#term-act");
  const th = await search("บก.ปคม.", { lang: "th", complete: true });
  assert.ok(th.some((r) => r.url === "th/help/glossary.html#term-atpd"), JSON.stringify(th.map((r) => r.url)));
});

test("a domain term ICU lacks is found whole, in Thai and inside English", async () => {
  const th = await search("พระราชบัญญัติ", { lang: "th" });
  assert.ok(th.some((r) => r.url.startsWith("th/help/contact.html")));
  const en = await search("พระราชบัญญัติ", { lang: "en" });
  assert.ok(en.some((r) => r.url.startsWith("en/help/contact.html")));
});

test("Thai typed with variant characters still matches", async () => {
  // Tone mark typed before the vowel, and a zero-width space in the middle.
  const results = await search("ผ\u0e49\u0e39\u200bเสียหาย", { lang: "th" });
  assert.ok(results.length > 0);
});

test("English plurals find the singular through the stemmer", async () => {
  const results = await search("victims", { lang: "en" });
  assert.ok(results.length >= 2);
  const child = await search("child victim", { lang: "en" });
  assert.strictEqual(child[0].url, "en/help/contact.html#child-victims");
});

test("an irregular plural finds its singular", async () => {
  const results = await search("children ", { lang: "en" });
  assert.ok(results.some((r) => r.url === "en/help/contact.html#child-victims"), JSON.stringify(results.map((r) => r.url)));
});

test("a title match outranks a body match", async () => {
  const results = await search("referral", { lang: "en" });
  const urls = results.map((r) => r.url);
  const page = urls.indexOf("en/help/referral.html");
  const step = urls.indexOf("en/help/process.html#step-refer");
  assert.ok(page >= 0 && step >= 0, JSON.stringify(urls));
  assert.ok(page < step, JSON.stringify(urls));
});

test("forms, steps and roles are results with their kind", async () => {
  const kinds = (await search("referral form", { lang: "en", limit: 20 })).map((r) => r.kind);
  assert.ok(kinds.includes("form") && kinds.includes("step"), JSON.stringify(kinds));
  const roles = await search("case manager", { lang: "en", limit: 20 });
  assert.ok(roles.some((r) => r.kind === "role" && r.url === "en/roles/case-manager.html"), JSON.stringify(roles.map((r) => r.url)));
});

test("the last word is matched as a prefix while typing", async () => {
  const results = await search("vict", { lang: "en" });
  assert.ok(results.length > 0);
  const none = await search("vict ", { lang: "en" });
  assert.strictEqual(none.length, 0);
  // Typed past the stem the index has (traffick|ing): still found while typing.
  for (const typed of ["trafficki", "traffickin"]) {
    assert.ok((await search(typed, { lang: "en" })).length > 0, typed);
  }
});

test("words such as the and to are marked only when they are all the query has", async () => {
  const marked = (r) => r.marks.map(([start, end]) => r.excerpt.slice(start, end).toLowerCase());
  const results = await search("right to compensation under the act", { lang: "en", complete: true });
  assert.ok(results.length > 0);
  for (const r of results) {
    assert.ok(marked(r).includes("compensation"), r.excerpt);
    for (const word of ["to", "the"]) assert.ok(!marked(r).includes(word), `${word} marked in ${r.excerpt}`);
  }
  const alone = await search("the", { lang: "en", complete: true });
  assert.ok(alone.some((r) => marked(r).includes("the")));
  // A long Thai word is marked however common it is: it is what the reader looks for.
  const thai = await search("ผู้จัดการรายกรณีเวลา", { lang: "th", complete: true });
  assert.ok(thai.length > 0 && marked(thai[0]).includes("ผู้จัดการรายกรณี"), JSON.stringify(thai));
});

test("a finished query that finds nothing as written finds what its last word starts", async () => {
  // What the search box showed while "trafficing" was typed is what its results page shows.
  const typed = await search("trafficing", { lang: "en", limit: 50 });
  const finished = await search("trafficing", { lang: "en", limit: 50, complete: true });
  assert.ok(typed.length > 0);
  assert.deepStrictEqual(finished.map((r) => r.url), typed.map((r) => r.url));
});

test("the role filter keeps only documents for that role", async () => {
  const all = await search("victim", { lang: "en", limit: 50 });
  const embassy = await search("victim", { lang: "en", limit: 50, role: "embassy-officer" });
  assert.ok(embassy.length < all.length);
  const meet = await search("airport", { lang: "en", role: "embassy-officer" });
  assert.strictEqual(meet[0].url, "en/help/process.html#step-meet");
});

test("limit is respected and every result has the documented fields", async () => {
  const results = await search("the", { lang: "en", limit: 2 });
  assert.strictEqual(results.length, 2);
  for (const r of results) {
    assert.strictEqual(typeof r.url, "string");
    assert.strictEqual(typeof r.title, "string");
    assert.strictEqual(typeof r.excerpt, "string");
    assert.ok(["page", "step", "form", "role"].includes(r.kind));
  }
});

test("excerpt marks cover the matched words", async () => {
  const [first] = await search("telephone", { lang: "en" });
  assert.ok(first.marks.length > 0);
  const [start, end] = first.marks[0];
  assert.strictEqual(first.excerpt.slice(start, end).toLowerCase(), "telephone");
  const [thai] = await search("ทางโทรศัพท์", { lang: "th" });
  const marked = thai.marks.map(([s, e]) => thai.excerpt.slice(s, e));
  assert.ok(marked.includes("ทางโทรศัพท์"), JSON.stringify(marked));
});

test("queries load only the index files they need", async () => {
  const before = loaded.length;
  await search("telephone", { lang: "en" });
  assert.strictEqual(loaded.length, before, "a repeated query loads nothing new");
  const files = fs.readdirSync(path.join(site, "search", "en"));
  assert.ok(loaded.filter((f) => f.startsWith("search/en")).length <= files.length);
});

/* The number encoding of src/search/shard.rs, written again: five bits per digit, low first,
   digits 32-63 meaning "more follows". */
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function number(n) {
  let out = "";
  for (;;) {
    const low = n & 31;
    n = Math.floor(n / 32);
    if (n === 0) return out + DIGITS[low];
    out += DIGITS[low + 32];
  }
}
function postingsText(pairs) {
  let previous = 0;
  return pairs.map(([doc, level]) => { const text = number(doc - previous) + DIGITS[level]; previous = doc; return text; }).join("");
}
/* Documents [url, title, heading, kind, text] as a chunk file has them (src/search/stored_text.rs):
   each its own page, its text as it is (text without "~" stands for itself). */
function storedChunk(docs) {
  return docs.map(([url, title, heading, kind, text]) => [url, title, kind, [["", heading, text]]]);
}
function setText(docs) {
  let previous = 0;
  return docs.map((doc) => { const text = number(doc - previous); previous = doc; return text; }).join("");
}

test("documents and terms spread over several files are found (synthetic index)", async () => {
  const h = globalThis.handbook;
  h._meta("xx", { version: 4, docs: 5, chunk: 2, shards: ["", "m"], pairs: [""], roles: false, thai: {} });
  h._shard("xx", 0, { apple: postingsText([[0, 40], [3, 35]]), kiwi: postingsText([[4, 40]]) });
  h._shard("xx", 1, { mango: postingsText([[1, 40], [2, 40], [4, 40]]) });
  h._pairs("xx", 0, {});
  h._docs("xx", 0, storedChunk([["a.html", "Apple", "", "page", "apple"], ["b.html", "Mango", "", "page", "mango"]]));
  h._docs("xx", 1, storedChunk([["c.html", "Mango two", "", "page", "mango"], ["d.html", "Apple two", "", "page", "apple mango"]]));
  h._docs("xx", 2, storedChunk([["e.html", "Mango three", "", "step", "mango kiwi"]]));
  const apple = (await search("apple", { lang: "xx" })).map((r) => r.url);
  assert.deepStrictEqual(apple, ["a.html", "d.html"], "higher impact first");
  const mango = (await search("mango", { lang: "xx" })).map((r) => r.url).sort();
  assert.deepStrictEqual(mango, ["b.html", "c.html", "e.html"]);
  const both = (await search("kiwi mango", { lang: "xx" })).map((r) => r.url);
  assert.deepStrictEqual(both, ["e.html"]);
});

test("a word in thousands of documents returns the best few, in order (synthetic index)", async () => {
  const h = globalThis.handbook;
  const size = 5000;
  // Every document has "common"; its impact level cycles, so the best are known.
  const postings = [];
  const docs = [];
  for (let d = 0; d < size; d++) {
    postings.push([d, 1 + ((d * 7) % 63)]);
    docs.push(["d" + d + ".html", "Doc " + d, "", "page", "common"]);
  }
  h._meta("yy", { version: 4, docs: size, chunk: 4, shards: [""], pairs: [""], roles: false, thai: {} });
  h._shard("yy", 0, { common: postingsText(postings), rare: postingsText([[10, 5], [4999, 60]]) });
  for (let n = 0; n * 4 < size; n++) h._docs("yy", n, storedChunk(docs.slice(n * 4, n * 4 + 4)));
  const found = (await search("common ", { lang: "yy", limit: 5 })).map((r) => r.url);
  const expected = postings.slice().sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5).map(([d]) => "d" + d + ".html");
  assert.deepStrictEqual(found, expected);
  const both = (await search("rare common ", { lang: "yy" })).map((r) => r.url);
  assert.deepStrictEqual(both, ["d4999.html", "d10.html"]);
});

function bitsText(docs) {
  const digits = [];
  for (const doc of docs) {
    const at = Math.floor(doc / 6);
    while (digits.length <= at) digits.push(0);
    digits[at] |= 1 << (doc % 6);
  }
  return digits.map((value) => DIGITS[value]).join("");
}

test("a dense word (a bitset with its best postings exact) is matched and ranked (synthetic index)", async () => {
  const h = globalThis.handbook;
  const size = 3000;
  const docs = [];
  for (let d = 0; d < size; d++) docs.push(["z" + d + ".html", "Doc " + d, "", "page", "common words"]);
  // "common" is in every even document; documents 1000 and 2000 have it in their title (exact, level 60).
  const evens = [];
  for (let d = 0; d < size; d += 2) evens.push(d);
  const common = { n: evens.length, b: bitsText(evens), t: postingsText([[1000, 60], [2000, 60]]), r: 20 };
  h._meta("zz", { version: 4, docs: size, chunk: 4, shards: [""], pairs: [""], roles: false, thai: {} });
  h._shard("zz", 0, { common, rare: postingsText([[7, 50], [10, 5], [2000, 5]]) });
  for (let n = 0; n * 4 < size; n++) h._docs("zz", n, storedChunk(docs.slice(n * 4, n * 4 + 4)));
  const found = await search("common ", { lang: "zz", limit: 3 });
  const alone = found.map((r) => r.url);
  assert.deepStrictEqual(alone, ["z1000.html", "z2000.html", "z0.html"], "title matches first, then site order");
  assert.strictEqual(found.total, evens.length, "every document of the bitset is counted");
  // rare ∩ common: 7 is odd (no common), 10 and 2000 have both; 2000's title match wins.
  const both = (await search("rare common ", { lang: "zz" })).map((r) => r.url);
  assert.deepStrictEqual(both, ["z2000.html", "z10.html"]);
  // The dense word as the smallest group of a Thai-free two-word query with only dense words.
  const twice = (await search("common common ", { lang: "zz", limit: 2 })).map((r) => r.url);
  assert.deepStrictEqual(twice, ["z1000.html", "z2000.html"]);
});

test("a Thai phrase of common words ranks the same from bitsets as from plain lists (synthetic index)", async () => {
  // One index written twice: "d1" encodes ผู้, เสีย and หาย as bitsets with their best postings
  // exact (so the query takes the all-dense path), "d2" writes every posting out at the level
  // the bitset stands for. Whatever the path, the results must be the same.
  const h = globalThis.handbook;
  const size = 3000;
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = {
    "ผู้": (d) => d % 3 !== 0,
    "เสีย": (d) => d % 2 === 0,
    "หาย": (d) => d % 5 !== 0,
  };
  const dense = {}, plain = {};
  for (const [word, has] of Object.entries(words)) {
    const docs = [], top = [], all = [];
    for (let d = 0; d < size; d++) {
      if (!has(d)) continue;
      docs.push(d);
      // A tenth of them exact and above the rest level (20); ties on purpose.
      const level = random() < 0.1 ? 21 + Math.floor(random() * 4) : 20;
      if (level > 20) top.push([d, level]);
      all.push([d, level]);
    }
    dense[word] = { n: docs.length, b: bitsText(docs), t: postingsText(top), r: 20 };
    plain[word] = postingsText(all);
  }
  // หายตัว completes หาย while typing; it is also in documents without หาย.
  const expansion = postingsText([[10, 30], [12, 50], [25, 40], [2998, 60]]);
  const thai = { "ผ": "Aู้", "เ": "Aสีย", "ห": "AายCตัว" };
  const roleDocs = [];
  for (let d = 4; d < size; d += 7) roleDocs.push(d);
  for (const [lang, terms] of [["d1", dense], ["d2", plain]]) {
    h._meta(lang, { version: 4, docs: size, chunk: 8, shards: [""], pairs: [""], roles: true, thai });
    h._shard(lang, 0, Object.assign({ "หายตัว": expansion }, terms));
    h._pairs(lang, 0, {});
    h._roles(lang, { officer: setText(roleDocs) });
    for (let n = 0; n * 8 < size; n++) {
      const chunk = [];
      for (let d = n * 8; d < Math.min(size, n * 8 + 8); d++) chunk.push(["p" + d + ".html", "หน้า " + d, "", "page", "ผู้เสียหาย"]);
      h._docs(lang, n, storedChunk(chunk));
    }
  }
  for (const [query, options] of [
    ["ผู้เสียหาย ", { limit: 10 }],
    ["ผู้เสียหาย", { limit: 10 }],
    // Far enough down to reach the documents found only through หายตัว (10 and 25 lack หาย),
    // which must not be given หาย's level.
    ["ผู้เสียหาย", { limit: 400 }],
    ["เสียหาย ", { limit: 30 }],
    ["ผู้เสียหาย ", { limit: 1 }],
    ["ผู้เสียหาย ", { limit: 10, role: "officer" }],
  ]) {
    const fromBits = (await search(query, Object.assign({ lang: "d1" }, options))).map((r) => r.url);
    const fromLists = (await search(query, Object.assign({ lang: "d2" }, options))).map((r) => r.url);
    assert.strictEqual(fromBits.length, options.limit, query);
    assert.deepStrictEqual(fromBits, fromLists, JSON.stringify([query, options]));
  }
});

test("words in a quarter of all documents are not marked unless nothing else is (synthetic index)", async () => {
  const h = globalThis.handbook;
  // Vocabulary ที่, เด็ก, เป็น: grouped by first character, front-coded without it.
  h._meta("tt", { version: 4, docs: 8, chunk: 8, shards: [""], pairs: [""], roles: false, thai: { "ท": "Aี่", "เ": "Aด็กAป็น" } });
  const common = postingsText([0, 1, 2, 3, 4, 5].map((d) => [d, 30]));
  h._shard("tt", 0, { "ที่": common, "เป็น": common, "เด็ก": postingsText([[0, 30], [6, 30]]) });
  h._pairs("tt", 0, {});
  const docs = [];
  for (let d = 0; d < 8; d++) docs.push(["t" + d + ".html", "หน้า", "", "page", "เด็กที่ดี เป็นคนที่ดี"]);
  h._docs("tt", 0, storedChunk(docs));
  const [found] = await search("เด็กที่เป็น ", { lang: "tt" });
  const marked = found.marks.map(([start, end]) => found.excerpt.slice(start, end));
  assert.deepStrictEqual(marked, ["เด็ก"]);
  const [alone] = await search("ที่เป็น ", { lang: "tt" });
  assert.ok(alone.marks.length >= 2, "only common words: they are marked");
});

test("a word being typed never outranks the same word complete; complete queries are not expanded (synthetic index)", async () => {
  const h = globalThis.handbook;
  // "port" is in nine documents (a low idf), "portal" in one (a high idf), at the same impact.
  const port = [];
  for (let d = 0; d < 9; d++) port.push([d, 40]);
  h._meta("xp", { version: 4, docs: 10, chunk: 10, shards: [""], pairs: [""], roles: false, thai: {} });
  h._shard("xp", 0, { port: postingsText(port), portal: postingsText([[9, 40]]) });
  h._pairs("xp", 0, {});
  const docs = [];
  for (let d = 0; d < 9; d++) docs.push([`p${d}.html`, `Port ${d}`, "", "page", "port"]);
  docs.push(["portal.html", "Portal", "", "page", "portal"]);
  h._docs("xp", 0, storedChunk(docs));
  const typing = await search("port", { lang: "xp", limit: 10 });
  assert.strictEqual(typing.length, 10, "the completion is found too");
  assert.strictEqual(typing[9].url, "portal.html", "but after every exact match");
  const complete = await search("port", { lang: "xp", limit: 10, complete: true });
  assert.deepStrictEqual(complete.map((r) => r.url).includes("portal.html"), false);
  assert.strictEqual(complete.total, 9);
});

test("results carry the total number of matching documents", async () => {
  const all = await search("victim", { lang: "en", limit: 50 });
  const two = await search("victim", { lang: "en", limit: 2 });
  assert.strictEqual(two.length, 2);
  assert.strictEqual(two.total, all.length, "every match counted, not only those shown");
  const none = await search("zzzzqx", { lang: "en" });
  assert.strictEqual(none.total, 0);
});

test("excerpts are cut at spaces or word starts, never inside a Thai syllable", () => {
  const thai = "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดทุกแห่งต้องให้ความช่วยเหลือผู้เสียหายที่เดินทางกลับมาจากต่างประเทศโดยไม่ใช่ตามคำสั่งของผู้ใด และต้องคำนึงถึงประโยชน์สูงสุดของผู้เสียหายจากการค้ามนุษย์ในทุกขั้นตอนของการคืนสู่สังคมอย่างยั่งยืนและการติดตามผลอย่างต่อเนื่องเป็นเวลาไม่น้อยกว่าหนึ่งปีนับแต่วันที่เดินทางกลับถึงประเทศไทย";
  const english = "The victim was referred to the provincial office. After the interview, the case manager and the victim agreed a plan for return and reintegration, including school, work and health care for the family, with follow-up visits every three months for at least one year.";
  const cannotStart = /^[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/;
  // No space and no vowel written before its consonant: cut by the syllable rule alone.
  const marks = "ขอมูล" + "ผู้ช่วยที่ปรึกษาผู้ช่วยทนายความ".repeat(12);
  for (const [text, needles] of [[thai, ["ผู้เสียหาย", "ประโยชน์", "ยั่งยืน", "เดินทาง", "สังคม"]], [english, ["plan", "month", "famili", "interview"]], [marks, ["ขอมูล"]]]) {
    const source = internal.folded(text);
    source.text = text;
    for (const needle of needles) {
      const excerpt = internal.makeExcerpt(source, [needle]).text;
      const body = excerpt.replace(/^… /, "").replace(/ …$/, "");
      const at = text.indexOf(body);
      assert.ok(at >= 0, excerpt);
      const startsWell = at === 0 || text.charAt(at - 1) === " " || internal.normalise(body).startsWith(needle);
      assert.ok(startsWell, `starts mid-word: ${excerpt}`);
      assert.ok(!cannotStart.test(body), `starts on a mark or following vowel: ${excerpt}`);
      const end = at + body.length;
      const next = text.charAt(end);
      assert.ok(end === text.length || next === " " || /[\u0E40-\u0E44]/.test(next) || !cannotStart.test(next),
        `ends inside a syllable: ${excerpt}`);
    }
  }
});

test("a misspelt query that finds nothing is offered the nearest spelling the index has", async () => {
  const suggest = globalThis.handbook.suggest;
  // English: the reader's ending is put back on the index's stem (refer|ral, victim|s).
  assert.strictEqual((await search("refferal", { lang: "en", complete: true })).length, 0);
  assert.strictEqual(await suggest("refferal", { lang: "en" }), "referral");
  assert.strictEqual(await suggest("Victms", { lang: "en" }), "victims");
  assert.strictEqual(await suggest("victms refferal", { lang: "en" }), "victims referral");
  // Thai: a missing vowel, a tone mark left out, a mistyped letter; the suggestion finds something.
  // (ปลอดภัญ: a slip in the last letter of a word the index has only whole leaves all seven
  // characters unknown.)
  for (const [typed, meant] of [["ผู้เสียหย", "ผู้เสียหาย"], ["ผูเสียหาย", "ผู้เสียหาย"], ["ค่าตอบแทณ", "ค่าตอบแทน"], ["ปลอดภัญ", "ปลอดภัย"]]) {
    assert.strictEqual((await search(typed, { lang: "th", complete: true })).length, 0, typed);
    assert.strictEqual(await suggest(typed, { lang: "th" }), meant, typed);
    assert.ok((await search(meant, { lang: "th", complete: true })).length > 0, meant);
  }
  // A slip in an ending the stemmer does not recognise: the typed word keeps it, so it is
  // compared with the stem by its beginning (compensat|on against compens).
  assert.strictEqual(await suggest("compensaton", { lang: "en" }), "compensation");
  assert.strictEqual(await suggest("Victimss", { lang: "en" }), "victims");
  // The handbook writes only "right": the reader's plural is kept on the right stem.
  assert.strictEqual(await suggest("rigths", { lang: "en" }), "rights");
  // Only the misspelt words change; what is around them stays.
  assert.strictEqual(await suggest("victms, refferal!", { lang: "en" }), "victims, referral!");
  // Nothing to offer: a query that finds something, words too short to guess, words near none,
  // and a spelling that finds nothing for the chosen role.
  assert.strictEqual(await suggest("referral", { lang: "en" }), "");
  assert.strictEqual(await suggest("refferal", { lang: "en", role: "no-such-role" }), "");
  assert.strictEqual(await suggest("vctm", { lang: "en" }), "");
  assert.strictEqual(await suggest("xylophone", { lang: "en" }), "");
  assert.strictEqual(await suggest("ค่าตอบแทน", { lang: "th" }), "");
});

test("an excerpt that starts inside a table cell begins with the cell's label", () => {
  const stored = "Do Avoid \uFDD0Do:\uFDD1 Use a trained interpreter who has no stake in the case and has signed " +
    "the pledge of confidentiality before the interview \uFDD0Avoid:\uFDD1 Using relatives, neighbours, " +
    "friends of the family, officials from the home village of the person or any other " +
    "community members as interpreters, or anyone the person knows";
  const cells = internal.withoutLabels(stored);
  assert.ok(!/[\uFDD0\uFDD1]/.test(cells.text));
  const excerpt = internal.makeExcerpt(internal.folded(cells.text), ["community"], cells.labels);
  assert.ok(excerpt.text.startsWith("Avoid: … ") && !excerpt.text.includes("interview"), excerpt.text);
  const [start, end] = excerpt.marks[0];
  assert.strictEqual(excerpt.text.slice(start, end), "community");
  // A cell that starts the excerpt needs no label before it.
  const first = internal.makeExcerpt(internal.folded(cells.text), ["trained"], cells.labels);
  assert.ok(!first.text.startsWith("Do: …"), first.text);
});

test("edit distance counts insertions, deletions, substitutions and swaps, and stops past its limit", () => {
  const distance = internal.editDistance;
  assert.strictEqual(distance("trafick", "traffick", 2), 1);
  assert.strictEqual(distance("victm", "victim", 1), 1);
  assert.strictEqual(distance("form", "from", 1), 1, "two neighbours swapped is one edit");
  assert.strictEqual(distance("reffer", "referr", 2), 2);
  assert.strictEqual(distance("abcdef", "uvwxyz", 2), 3, "past the limit: limit + 1");
  assert.strictEqual(distance("ผู้เสียหย", "ผู้เสียหาย", 1), 1);
});

test("an empty or punctuation-only query returns no results", async () => {
  for (const [query, lang] of [["", "en"], ["  ?! ", "th"]]) {
    const results = await search(query, { lang });
    assert.strictEqual(results.length, 0);
    assert.strictEqual(results.total, 0);
  }
});

run();
