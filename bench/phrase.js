#!/usr/bin/env node
// How well a phrase ranks as a phrase: for Thai and English phrases of a real corpus, the share
// of the first min(10, exact matches) results that contain the query as typed, and recall.
//
//   python3 bench/thai_corpus.py /tmp/lo && handbook build /tmp/lo -o /tmp/lo-site
//   node bench/phrase.js /tmp/lo-site [--script OTHER_SEARCH_JS] [--queries 200] [--typing]
//
// Queries, drawn with a fixed seed from the index's own stored documents: Thai runs between
// spaces of four to sixteen characters that the browser's cut makes two words or more, and
// English runs of two or three words (not all of them function words), each in 2 to 300
// documents. The truth is substring search on the stored documents' normalised text (page
// title, heading, text): Thai anywhere, English at word boundaries. Precision: of the first
// k = min(10, |truth|) results, the share in the truth, averaged over queries. Recall: the share
// of the truth among all results. --typing asks as the search box does while the query is
// typed (its last word also completed). --script measures another search.js (an older one) on
// the same index.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { loadSearch } = require("../tests/search/harness.js");

const args = process.argv.slice(2);
const site = path.resolve(args[0] || "");
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const script = path.resolve(option("--script", path.join(site, "static/js/search.js")));
const wantedQueries = Number(option("--queries", 200));
const typing = args.includes("--typing");
if (!args[0] || !fs.existsSync(path.join(site, "search"))) {
  console.error("usage: node bench/phrase.js BUILT_SITE [--script SEARCH_JS] [--queries N] [--typing]");
  process.exit(2);
}

let loadedBytes = 0;
const { internal } = loadSearch(
  site,
  (file) => { loadedBytes += fs.statSync(path.join(site, file)).size; },
  script,
);
const normalise = internal.normalise;

/* Every stored document of a language: {url, text} with text normalised. */
function storedDocs(lang) {
  const store = {};
  // Chunks in the stored-text format of index format 3 (src/search/stored_text.rs), or older.
  const decode = internal.decodeChunk || ((docs) => docs);
  const sandbox = { window: { handbook: { _docs: (l, n, docs) => { store[n] = decode(docs); } } } };
  const folder = path.join(site, "search", lang);
  for (const file of fs.readdirSync(folder).filter((f) => /^docs-\d+\.js$/.test(f))) {
    vm.runInNewContext(fs.readFileSync(path.join(folder, file), "utf8"), sandbox);
  }
  const docs = [];
  Object.keys(store).sort((a, b) => a - b).forEach((n) => store[n].forEach((d) => {
    if (d) docs.push({ url: d[0], text: normalise(d[1] + " " + d[2] + " " + d[4]) });
  }));
  return docs;
}

let seed = 11;
const below = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const FUNCTION_WORDS = new Set(("a an and are as at be by for from has have in is it its of on or that the their " +
  "this to was were will with not no can you your all if").split(" "));

function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

/* Whether normalised `text` contains the query as typed. */
function matcher(lang, query) {
  if (lang === "th") return (text) => text.includes(query);
  const pattern = new RegExp("(^|[^\\p{L}\\p{N}])" + query.split(" ").map(escape).join("\\s+") + "($|[^\\p{L}\\p{N}])", "u");
  return (text) => pattern.test(text);
}

function candidates(lang, docs) {
  const found = new Set();
  for (const doc of docs) {
    if (lang === "th") {
      for (const run of doc.text.match(/[\u0E01-\u0E4E]+/g) || []) {
        const length = Array.from(run).length;
        if (length < 4 || length > 16) continue;
        // Words typed whole: every piece a word of the index, of two letters or more.
        const pieces = internal.cutThai(lang, run);
        if (pieces.length >= 2 && pieces.every((piece) => piece.known && Array.from(piece.text).length >= 2)) found.add(run);
      }
    } else {
      const words = doc.text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
      for (let i = 0; i + 1 < words.length; i++) {
        for (const n of [2, 3]) {
          const phrase = words.slice(i, i + n);
          if (phrase.length === n && phrase.every((w) => /^[a-z]+$/.test(w)) && !phrase.every((w) => FUNCTION_WORDS.has(w))) {
            found.add(phrase.join(" "));
          }
        }
      }
    }
  }
  return [...found].sort();
}

async function measure(lang) {
  const docs = storedDocs(lang);
  await handbook.prepare({ lang });
  const pool = candidates(lang, docs);
  const queries = [];
  const tried = new Set();
  while (queries.length < wantedQueries && tried.size < pool.length) {
    const query = pool[below(pool.length)];
    if (tried.has(query)) continue;
    tried.add(query);
    const has = matcher(lang, query);
    const truth = new Set(docs.filter((doc) => has(doc.text)).map((doc) => doc.url));
    if (truth.size >= 2 && truth.size <= 300) queries.push({ query, truth });
  }
  let precision = 0, recall = 0, perfect = 0, bytes = 0, most = 0;
  const worst = [];
  for (const { query, truth } of queries) {
    const k = Math.min(10, truth.size);
    // Each query cold: the script run afresh (its loaded files forgotten), the meta file loaded
    // first; then the bytes of what the query itself loads are counted.
    vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
    await handbook.prepare({ lang });
    loadedBytes = 0;
    const top = await handbook.search(query, { lang, limit: k, complete: !typing });
    bytes += loadedBytes;
    most = Math.max(most, loadedBytes);
    const good = top.filter((r) => truth.has(r.url)).length;
    precision += good / k;
    if (good === k) perfect++;
    else worst.push(`${query} (${good}/${k})`);
    const all = await handbook.search(query, { lang, limit: truth.size + 200, complete: !typing });
    recall += all.filter((r) => truth.has(r.url)).length / truth.size;
  }
  const n = queries.length;
  return { lang, queries: n, docs: docs.length, precision: precision / n, recall: recall / n, perfect, worst: worst.slice(0, 8), bytes: bytes / n, most };
}

(async () => {
  for (const lang of ["th", "en"]) {
    const r = await measure(lang);
    console.log(`${lang}: ${r.queries} queries over ${r.docs} documents${typing ? " (typed, last word completed)" : ""}: ` +
      `as typed in the first min(10, exact) ${(100 * r.precision).toFixed(1)}% (${r.perfect} queries all), recall ${r.recall.toFixed(3)}; ` +
      `a cold query loads ${(r.bytes / 1024).toFixed(0)} KiB after meta.js (at most ${(r.most / 1024).toFixed(0)} KiB)`);
    if (r.worst.length) console.log(`  short of it: ${r.worst.join(", ")}`);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
