#!/usr/bin/env node
// How often handbook.suggest() offers the word meant, for words misspelt by one random edit.
//
//   cargo run --release -- build . -o /tmp/hb && node bench/spelling.js /tmp/hb content [en|th]
//
// English: words of six letters or more from the English pages (*.en.md) under the content
// folder. Thai: what officials type, the Thai words and phrases of the Thai pages' headings
// (three to fifteen characters between spaces). Each is misspelt by one deletion, insertion or
// substitution, not of its first letter (fixed seed), and only misspellings that find nothing
// are asked about. An English suggestion with the same index term as the word meant (record for
// records) finds the same documents.
"use strict";
const fs = require("fs");
const path = require("path");
const { loadSearch } = require("../tests/search/harness.js");

const [site, content, lang = "en", seedArgument] = process.argv.slice(2);
if (!site || !content || !["en", "th"].includes(lang)) {
  console.error("usage: node bench/spelling.js BUILT_SITE CONTENT_DIR [en|th] [SEED]");
  process.exit(2);
}
loadSearch(path.resolve(site));

/* The text of the pages of one language under `dir` (Thai pages have no language suffix). */
function pagesText(dir, lang) {
  return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagesText(file, lang);
    const english = entry.name.endsWith(".en.md");
    const wanted = entry.name.endsWith(".md") && (lang === "en") === english;
    return wanted ? fs.readFileSync(file, "utf8") : "";
  }).join("\n");
}

/* The words to misspell: English words, or Thai words and phrases of headings. */
function wordsOf(text) {
  if (lang === "en") return [...new Set(text.toLowerCase().match(/[a-z]{6,}/g))].sort();
  const headings = text.split("\n").filter((line) => /^#{1,4} /.test(line) || /^title = /.test(line));
  const runs = headings.join(" ").match(/[\u0E01-\u0E4E]+/g) || [];
  return [...new Set(runs.filter((run) => run.length >= 3 && run.length <= 15))].sort();
}

let seed = Number(seedArgument || 7);
const below = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const letters = lang === "en" ? "abcdefghijklmnopqrstuvwxyz"
  : Array.from({ length: 0x0E4E - 0x0E01 + 1 }, (_, i) => String.fromCharCode(0x0E01 + i))
    .filter((c) => /[\u0E01-\u0E3A\u0E40-\u0E4E]/.test(c) && c !== "\u0E2F").join("");

(async () => {
  const words = wordsOf(pagesText(content, lang));
  const term = handbook._internal.wordTerm;
  const counts = { asked: 0, meant: 0, "another form": 0, "another word": 0, nothing: 0 };
  const wrong = [];
  for (let i = 0; i < 300; i++) {
    const word = words[below(words.length)];
    const at = below(word.length - 1) + 1;
    const edit = below(3);
    const typed = edit === 0 ? word.slice(0, at) + word.slice(at + 1)
      : edit === 1 ? word.slice(0, at) + letters[below(letters.length)] + word.slice(at)
        : word.slice(0, at) + letters[below(letters.length)] + word.slice(at + 1);
    if ((await handbook.search(typed, { lang, complete: true })).length) continue;
    counts.asked++;
    const offered = (await handbook.suggest(typed, { lang })).toLowerCase();
    if (offered === word) counts.meant++;
    else if (!offered) counts.nothing++;
    else if (lang === "en" && term(offered) === term(word)) counts["another form"]++;
    else {
      counts["another word"]++;
      wrong.push(`${typed}: ${offered} (meant ${word})`);
    }
  }
  console.log("| misspelt, finding nothing | offered the word meant | another form of it | another word | nothing |");
  console.log("|---|---|---|---|---|");
  console.log(`| ${counts.asked} | ${counts.meant} | ${counts["another form"]} | ${counts["another word"]} | ${counts.nothing} |`);
  if (wrong.length) console.log("\nAnother word: " + wrong.join("; "));
})();
