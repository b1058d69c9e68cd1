// Query latency and first-query bytes in headless Chromium, for bench/run.
//
//   node bench/query.js --tool handbook|hugo+pagefind --site OUT_DIR --chromium PATH --query Q [--query Q2]
//
// Ours is opened from file:// (what readers do); Pagefind cannot run from file://, so its site is
// served from a localhost HTTP server started here. Each tool answers the same queries and shows
// the same number of results (RESULTS): Pagefind loads a fragment per shown result, ours loads the
// document chunks of the shown results. Prints one JSON object: cold_ms (the first query in a fresh
// browser, including loading the index files; median of COLD_RUNS fresh browsers), cold_files_only_ms
// (ours: the same index files loaded in the same rounds with no search code running), warm_ms (the slowest query's median over repeats once
// loaded; warm_by_query has each),
// first_query_bytes (the bytes of every search file the first query loaded, summed from the files
// on disk), first_query_files.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const puppeteer = require("puppeteer-core");

const RESULTS = 10;
const WARM_REPEATS = 10;
const COLD_RUNS = 5;

function parseArgs() {
  const args = { query: [] };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    if (key === "query") args.query.push(argv[i + 1]);
    else args[key] = argv[i + 1];
  }
  return args;
}

function serve(root) {
  const types = { ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
    ".html": "text/html; charset=utf-8", ".css": "text/css" };
  const server = http.createServer((request, response) => {
    let file = path.join(root, decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (!file.startsWith(root)) { response.writeHead(403); response.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (error, bytes) => {
      if (error) { response.writeHead(404); response.end(); return; }
      response.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
      response.end(bytes);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// The disk file behind a loaded URL, so bytes are counted the same way for file:// and http://.
function diskPath(site, url, base) {
  const u = new URL(url);
  if (u.protocol === "file:") return decodeURIComponent(u.pathname);
  return path.join(site, decodeURIComponent(u.pathname));
}

async function main() {
  const args = parseArgs();
  const site = path.resolve(args.site);
  const pagefind = args.tool === "hugo+pagefind";
  let server = null;
  let start;
  if (pagefind) {
    server = await serve(site);
    start = "http://127.0.0.1:" + server.address().port + "/";
  } else {
    start = "file://" + path.join(site, "th", "search.html");
  }
  // A fresh browser (new profile, nothing cached) on the start page.
  async function fresh() {
    const profile = fs.mkdtempSync(path.join(require("os").tmpdir(), "bench-chromium-"));
    const browser = await puppeteer.launch({
      executablePath: args.chromium,
      headless: true,
      userDataDir: profile,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--allow-file-access-from-files"],
    });
    const page = await browser.newPage();
    // Every file the browser asks for, file:// included (Resource Timing leaves file:// out).
    const requested = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(start, { waitUntil: "load" });
    const timeQuery = (query) => page.evaluate(async (source, q, shown) => {
      const fn = eval("(" + source + ")");
      const t = performance.now();
      const count = await fn(q, shown);
      return { ms: performance.now() - t, count };
    }, run.toString(), query, RESULTS);
    const close = async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    };
    return { page, requested, before: requested.length, timeQuery, close };
  }
  // One function per tool, run inside the page: resolves to the number of results shown.
  const run = pagefind
    ? async (query, shown) => {
        if (!window.__pf) {
          window.__pf = await import("/pagefind/pagefind.js");
          await window.__pf.init();
        }
        const found = await window.__pf.search(query);
        const data = await Promise.all(found.results.slice(0, shown).map((r) => r.data()));
        return data.length;
      }
    : async (query, shown) => {
        const found = await window.handbook.search(query, { lang: "th", limit: shown });
        return (found.results || found).length;
      };

  // Cold: the first query in each of COLD_RUNS fresh browsers, median (one sample is mostly noise
  // on a shared machine). The last browser stays open for the bytes and the warm queries.
  const colds = [];
  let session = null;
  try {
    for (let i = 0; i < COLD_RUNS; i++) {
      if (session) await session.close();
      session = await fresh();
      colds.push(await session.timeQuery(args.query[0]));
    }
    const { requested, before, timeQuery } = session;
    const coldMs = colds.map((c) => c.ms).sort((a, b) => a - b)[Math.floor(colds.length / 2)];
    // What the first query loaded, plus, for ours, the search scripts every page loads up front.
    const searchFiles = [...new Set(requested.filter((name, i) => pagefind
      ? name.includes("/pagefind/")
      : i >= before || /\/static\/js\/search[^/]*\.js$/.test(name)))];
    const bytes = searchFiles.reduce((sum, name) => {
      try { return sum + fs.statSync(diskPath(site, name)).size; } catch (_) { return sum; }
    }, 0);
    // Warm: each query's median over repeats; the figure reported is the slowest query's median
    // (a median over all queries together would hide a slow Thai query behind fast English ones).
    const warm = {};
    for (let i = 0; i < WARM_REPEATS; i++) {
      for (const query of args.query) (warm[query] = warm[query] || []).push((await timeQuery(query)).ms);
    }
    const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // Ours only: how long the browser takes just to load the index files the first query loaded,
    // in the same rounds (meta, then term and pair shards, then document chunks), with no search
    // code running: the part of a cold query that is the browser's and not the engine's.
    let floorMs = null;
    if (!pagefind) {
      const indexFiles = searchFiles.filter((name) => /\/search\/th\//.test(name));
      const rounds = [/\/meta\.js$/, /\/(shard|pairs)-\d+\.js$/, /\/docs-\d+\.js$/]
        .map((kind) => indexFiles.filter((name) => kind.test(name)));
      const floors = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const bare = await fresh();
        floors.push(await bare.page.evaluate(async (rounds) => {
          const t = performance.now();
          for (const round of rounds) await Promise.all(round.map((src) => window.handbook._loadScript(src)));
          return performance.now() - t;
        }, rounds));
        await bare.close();
      }
      floorMs = median(floors);
    }
    const warmByQuery = {};
    for (const query of args.query) warmByQuery[query] = median(warm[query]);
    process.stdout.write(JSON.stringify({
      cold_ms: coldMs,
      cold_results: colds[colds.length - 1].count,
      cold_runs_ms: colds.map((c) => Math.round(c.ms * 10) / 10),
      warm_ms: Math.max(...Object.values(warmByQuery)),
      warm_by_query: warmByQuery,
      cold_files_only_ms: floorMs,
      first_query_bytes: bytes,
      first_query_files: searchFiles.length,
    }) + "\n");
  } finally {
    if (session) await session.close();
    if (server) server.close();
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
