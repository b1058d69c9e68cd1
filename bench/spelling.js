#!/usr/bin/env node
// How often handbook.suggest() offers the word meant, for English words misspelt by one random edit.
//
//   cargo run --release -- build . -o /tmp/hb && node bench/spelling.js /tmp/hb content
//
// Words of six letters or more are taken from the English pages (*.en.md) under the content
// folder; each is misspelt by one deletion, insertion or substitution (not in its first letter,
// fixed seed), and only misspellings that find nothing are asked about. A suggestion with the
// same index term as the word meant (record for records) finds the same documents.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, content, seedArgument] = process.argv.slice(2);
if (!site || !content) {
  console.error("usage: node bench/spelling.js BUILT_SITE CONTENT_DIR [SEED]");
  process.exit(2);
}
globalThis.window = globalThis;
globalThis.handbook = {
  root: path.resolve(site) + "/",
  _loadScript(src) {
    return new Promise((resolve, reject) => {
      try {
        vm.runInThisContext(fs.readFileSync(src, "utf8"), { filename: src });
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  },
};
require(path.resolve(site, "static/js/search.js"));

function englishText(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return englishText(file);
    return entry.name.endsWith(".en.md") ? fs.readFileSync(file, "utf8") : "";
  }).join("\n");
}

let seed = Number(seedArgument || 7);
const below = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const letters = "abcdefghijklmnopqrstuvwxyz";

(async () => {
  const text = englishText(content).toLowerCase();
  const words = [...new Set(text.match(/[a-z]{6,}/g))].sort();
  const term = handbook._internal.wordTerm;
  const counts = { asked: 0, meant: 0, "another form": 0, "another word": 0, nothing: 0 };
  const wrong = [];
  for (let i = 0; i < 300; i++) {
    const word = words[below(words.length)];
    const at = below(word.length - 1) + 1;
    const edit = below(3);
    const typed = edit === 0 ? word.slice(0, at) + word.slice(at + 1)
      : edit === 1 ? word.slice(0, at) + letters[below(26)] + word.slice(at)
        : word.slice(0, at) + letters[below(26)] + word.slice(at + 1);
    if ((await handbook.search(typed, { lang: "en", complete: true })).length) continue;
    counts.asked++;
    const offered = (await handbook.suggest(typed, { lang: "en" })).toLowerCase();
    if (offered === word) counts.meant++;
    else if (!offered) counts.nothing++;
    else if (term(offered) === term(word)) counts["another form"]++;
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
