// What the node test scripts share: search.js loaded from a built site as a page would load it
// (index files added as classic scripts), and a small test runner that prints "N passed, N failed".
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

/* Loads the site's search.js (or `script`, another search.js, for the benchmarks that compare
   one with an older one); `onLoad(relativePath)` is told of every index file it loads.
   Returns {internal, search}. Also used by bench/phrase.js and bench/spelling.js. */
function loadSearch(site, onLoad, script = path.resolve(site, "static/js/search.js")) {
  globalThis.window = globalThis;
  globalThis.handbook = {
    root: site + "/",
    _loadScript(src) {
      if (onLoad) onLoad(path.relative(site, src));
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
  const internal = require(script);
  return { internal, search: globalThis.handbook.search };
}

const tests = [];
function test(name, body) { tests.push({ name, body }); }

/* Runs every test in order, prints each and the total, and exits non-zero on a failure. */
async function run() {
  let passed = 0;
  let failed = 0;
  for (const { name, body } of tests) {
    try {
      await body();
      passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAILED - ${name}\n${error && error.stack}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

module.exports = { loadSearch, test, run };
