// Query latency and first-query bytes in headless Chromium, for bench/run.
//
//   node bench/query.js --tool handbook|hugo+pagefind --site OUT_DIR --chromium PATH --query Q [--query Q2]
//
// Ours is opened from file:// (what readers do); Pagefind cannot run from file://, so its site is
// served from a localhost HTTP server started here. Each tool answers the same queries and shows
// the same number of results (RESULTS): Pagefind loads a fragment per shown result, ours loads the
// document chunks of the shown results. Prints one JSON object: cold_ms (the first query in a fresh
// browser, including loading the index files; median of COLD_RUNS fresh browsers), cold_prepared_ms
// (the same, once the search box has had focus: ours has loaded its meta file by
// handbook.prepare(), Pagefind has run init()), cold_files_only_ms (ours: the same index files
// loaded in the same rounds with no search code running), warm_ms (the slowest query's median
// over repeats once loaded; warm_by_query has each),
// first_query_bytes (the bytes of every search file the first query loaded, summed from the files
// on disk), first_query_files.
"use strict";

const fs = require("fs");
const http = require("http");
const { spawn } = require("child_process");
const path = require("path");
const puppeteer = require("puppeteer-core");

const RESULTS = 10;
const WARM_REPEATS = 10;
const COLD_RUNS = 9;
// A fresh headless Chromium keeps both cores of a small machine busy for a second or two after
// its first page loads; loading one tiny script from file:// took 14 ms at once and 5 ms two
// seconds later. A reader types their first query later than that, so every fresh browser is
// left to settle before it is timed (the same for both tools).
const SETTLE_MS = 2000;

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

// Runs in the bench page (see timedInPage): after SETTLE_MS, optionally prepares, then times one
// query (or, mode "floor", the loading of the given index files in rounds) and leaves the figure
// in window.__bench for the harness to read once it connects.
function benchTimer(run, prepare) {
  const params = new URLSearchParams(location.search);
  const mode = params.get("bench");
  if (!mode) throw new Error("the bench page was opened without its parameters");
  const finish = (value) => { window.__bench = value; };
  const fail = (error) => finish({ error: String((error && error.stack) || error) });
  const timed = async () => {
    const t = performance.now();
    if (mode === "floor") {
      for (const round of JSON.parse(params.get("rounds"))) {
        await Promise.all(round.map((src) => window.handbook._loadScript(src)));
      }
      return { ms: performance.now() - t };
    }
    const count = await run(params.get("query"), Number(params.get("shown")));
    if (!count) throw new Error("the query found nothing");
    return { ms: performance.now() - t, count };
  };
  window.addEventListener("load", () => setTimeout(async () => {
    try {
      if (mode === "prepared") {
        await prepare();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      finish(await timed());
    } catch (error) {
      fail(error);
    }
  }, Number(params.get("settle"))));
}

async function main() {
  const args = parseArgs();
  const site = path.resolve(args.site);
  const pagefind = args.tool === "hugo+pagefind";
  let server = null;
  let origin;
  let startFile;
  if (pagefind) {
    server = await serve(site);
    origin = "http://127.0.0.1:" + server.address().port + "/";
    startFile = "index.html";
  } else {
    origin = "file://" + site + "/";
    startFile = "th/search.html";
  }
  const start = origin + startFile;
  const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-file-access-from-files"];

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
  // What focusing the search box does before a first query: ours loads the meta file; Pagefind's
  // counterpart is loading its module and init() (its entry file, WebAssembly and metadata).
  const prepare = pagefind
    ? async () => {
        window.__pf = await import("/pagefind/pagefind.js");
        await window.__pf.init();
      }
    : async () => { await window.handbook.prepare({ lang: "th" }); };

  // The bench page: a copy of the start page with the timer script added (a file of its own, as
  // the pages' Content-Security-Policy allows no inline script). Removed at the end.
  const benchPage = path.join(site, path.dirname(startFile), "__bench.html");
  const benchScript = path.join(site, path.dirname(startFile), "__bench.js");
  const page = fs.readFileSync(path.join(site, startFile), "utf8");
  // Before the page's own scripts, so it reads its parameters before search-ui.js rewrites the URL.
  const tag = '<script src="__bench.js"></script>';
  const at = page.search(/<script|<\/body>/i);
  fs.writeFileSync(benchPage, page.slice(0, at) + tag + page.slice(at));
  fs.writeFileSync(benchScript, "(" + benchTimer.toString() + ")(" + run.toString() + ", " + prepare.toString() + ");\n");

  // Cold figures are timed with no DevTools client attached while the query runs: puppeteer's
  // network instrumentation (every index file reported to it) added 20 to 25 ms to a cold query
  // here. Chromium is started on the bench page, which times itself; puppeteer connects after.
  async function timedInPage(params) {
    const profile = fs.mkdtempSync(path.join(require("os").tmpdir(), "bench-chromium-"));
    const query = new URLSearchParams(Object.assign({ settle: SETTLE_MS, shown: RESULTS }, params));
    const url = origin + path.posix.join(path.dirname(startFile), "__bench.html") + "?" + query;
    const child = spawn(args.chromium, ["--headless", "--remote-debugging-port=0", "--user-data-dir=" + profile]
      .concat(chromiumArgs, [url]), { stdio: ["ignore", "ignore", "pipe"] });
    // Known from the start, so that cleaning up never waits for an exit that already happened.
    const exited = new Promise((resolve) => {
      child.once("exit", resolve);
      child.once("error", resolve);
    });
    let browser = null;
    try {
      const endpoint = await new Promise((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error("chromium did not start: " + text.slice(-500))), 30000);
        child.stderr.on("data", (chunk) => {
          text += chunk;
          const found = /DevTools listening on (ws:\/\/\S+)/.exec(text);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        exited.then((how) => reject(new Error("chromium exited or failed to start: " + (how || "") + text.slice(-500))));
      });
      // Connect only once the page has surely finished (settling, then at most a few seconds).
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 3000));
      browser = await puppeteer.connect({ browserWSEndpoint: endpoint });
      const target = await browser.waitForTarget((t) => t.url().includes("__bench.html"), { timeout: 10000 });
      const benchTab = await target.page();
      await benchTab.waitForFunction(() => window.__bench !== undefined, { timeout: 30000 });
      const result = await benchTab.evaluate(() => window.__bench);
      if (result.error) throw new Error("in the bench page: " + result.error);
      return result;
    } finally {
      if (browser) await browser.close().catch(() => child.kill("SIGKILL"));
      else child.kill("SIGKILL");
      await exited;
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  }

  // A browser driven by puppeteer (new profile, nothing cached) on the start page: for what the
  // first query loads (puppeteer sees every request, file:// included, which Resource Timing
  // leaves out) and for warm queries, which load nothing.
  async function fresh() {
    const profile = fs.mkdtempSync(path.join(require("os").tmpdir(), "bench-chromium-"));
    const browser = await puppeteer.launch({ executablePath: args.chromium, headless: true, userDataDir: profile, args: chromiumArgs });
    const tab = await browser.newPage();
    const requested = [];
    tab.on("request", (request) => requested.push(request.url()));
    await tab.goto(start, { waitUntil: "load" });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const timeQuery = (query) => tab.evaluate(async (source, q, shown) => {
      const fn = eval("(" + source + ")");
      const t = performance.now();
      const count = await fn(q, shown);
      return { ms: performance.now() - t, count };
    }, run.toString(), query, RESULTS);
    const close = async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    };
    return { requested, before: requested.length, timeQuery, close };
  }

  const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rounded = (values) => values.map((ms) => Math.round(ms * 10) / 10);
  let session = null;
  try {
    // Cold: the first query in each of COLD_RUNS fresh browsers, median (one sample is mostly
    // noise on a shared machine); then the same once the search box has had focus.
    const colds = [];
    const prepared = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      colds.push(await timedInPage({ bench: "cold", query: args.query[0] }));
      prepared.push((await timedInPage({ bench: "prepared", query: args.query[0] })).ms);
    }
    session = await fresh();
    const { requested, before, timeQuery } = session;
    const firstCount = (await timeQuery(args.query[0])).count;
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
    // Ours only: how long the browser takes just to load the index files the first query loaded,
    // in the same rounds (meta, then term and pair shards, then document chunks), with no search
    // code running: the part of a cold query that is the browser's and not the engine's.
    let floorMs = null;
    if (!pagefind) {
      const indexFiles = searchFiles.filter((name) => /\/search\/th\//.test(name));
      const rounds = [/\/meta\.js$/, /\/(shard|pairs)-\d+\.js$/, /\/docs-\d+\.js$/]
        .map((kind) => indexFiles.filter((name) => kind.test(name)));
      const floors = [];
      for (let i = 0; i < COLD_RUNS; i++) floors.push((await timedInPage({ bench: "floor", rounds: JSON.stringify(rounds) })).ms);
      floorMs = median(floors);
    }
    const warmByQuery = {};
    for (const query of args.query) warmByQuery[query] = median(warm[query]);
    process.stdout.write(JSON.stringify({
      cold_ms: median(colds.map((c) => c.ms)),
      cold_results: firstCount,
      cold_runs_ms: rounded(colds.map((c) => c.ms)),
      cold_prepared_ms: median(prepared),
      cold_prepared_runs_ms: rounded(prepared),
      warm_ms: Math.max(...Object.values(warmByQuery)),
      warm_by_query: warmByQuery,
      cold_files_only_ms: floorMs,
      first_query_bytes: bytes,
      first_query_files: searchFiles.length,
    }) + "\n");
  } finally {
    if (session) await session.close();
    if (server) server.close();
    fs.rmSync(benchPage, { force: true });
    fs.rmSync(benchScript, { force: true });
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
