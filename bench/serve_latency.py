#!/usr/bin/env python3
"""Save-to-served latency of `handbook serve` (and optionally `hugo server`) for one page edit.

Usage:
    python3 bench/serve_latency.py [--pages 1000] [--edits 20] [--title-edits 0]
                                   [--binary target/release/handbook] [--work DIR] [--hugo]

Generates a bilingual corpus with bench/gen_corpus.py (its `neutral/` layout, plus a
handbook.toml with languages = ["th", "en"]), starts `handbook serve` on a free loopback port,
then edits one leaf page `--edits` times. For each edit it measures, from just before the file is
written:
  served  the first moment a GET of the page returns the new text (polled every ~1 ms);
  event   (handbook only) when the live-reload `reload` event reaches an open event stream.
It prints the median, min, p90 and max of each. With --title-edits it also changes the page's
title that many times and times until the next page of the chapter shows it (its previous
link; its sidebar is its section's script, `index.sidebar.js`, served in the same update). Pure stdlib; talks only to 127.0.0.1.

With --hugo it does the same for `hugo server` (rendering to memory, its default) on the
corpus's `hugo/` layout with the layouts in /work/shared/bench/hugo-layouts (or
bench/hugo-layouts if present), for the same edit of the same page.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PAUSE_BETWEEN_EDITS = 1.5  # lets background work (print view, search index) settle
WAIT_LIMIT = 30.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.read().decode("utf-8", "replace")
    except Exception:
        return None


class Poller:
    """GETs one path over a kept-alive connection, so polling measures the server, not connects."""

    def __init__(self, port, path):
        self.port, self.path, self.connection = port, path, None

    def __call__(self):
        for _ in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                self.connection.request("GET", self.path)
                reply = self.connection.getresponse()
                return reply.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.connection = None  # closed by the server: reconnect once
        return None


def wait_until(predicate, limit=WAIT_LIMIT, step=0.001):
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if predicate():
            return time.perf_counter()
        time.sleep(step)
    return None


class EventStream:
    """Reads server-sent events on a thread and records when each `reload` arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(
            b"GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Accept: text/event-stream\r\n\r\n")
        self.reloads = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            buffer += chunk
            while b"\n\n" in buffer:
                event, buffer = buffer.split(b"\n\n", 1)
                if b"event: reload" in event:
                    with self.lock:
                        self.reloads.append(now)

    def first_reload_after(self, start):
        with self.lock:
            later = [t for t in self.reloads if t >= start]
        return later[0] if later else None

    def close(self):
        self.sock.close()


def summary(name, values):
    if not values:
        return f"{name}: no data"
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return (f"{name}: median {statistics.median(ms):.1f} ms, min {ms[0]:.1f}, "
            f"p90 {p90:.1f}, max {ms[-1]:.1f} (n={len(ms)})")


def edit_page(path, marker):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Replace the previous marker line (or add one) at the end of the body: same headings,
    # same front matter, so this is the "one page edited in place" case.
    lines = [line for line in text.rstrip("\n").split("\n") if not line.startswith("BENCHMARK-EDIT ")]
    lines.append("")
    lines.append(f"BENCHMARK-EDIT {marker}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def edit_title(path, marker):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines):
        if line.startswith("title = "):
            base = line[len('title = "'):-1].split(" BENCHMARK-TITLE ")[0]
            lines[number] = f'title = "{base} BENCHMARK-TITLE {marker}"'
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def measure(name, source, poll, edits, events=None, edit=edit_page):
    served, evented = [], []
    for i in range(edits):
        marker = f"m{i}x{time.time_ns()}"
        time.sleep(PAUSE_BETWEEN_EDITS)
        start = time.perf_counter()
        edit(source, marker)
        done = wait_until(lambda: marker in (poll() or ""))
        if done is None:
            print(f"{name}: edit {i} never showed up", file=sys.stderr)
            continue
        served.append(done - start)
        if events is not None:
            # The reader thread may not have recorded it yet.
            arrived = None
            for _ in range(1000):
                arrived = events.first_reload_after(start)
                if arrived is not None:
                    break
                time.sleep(0.001)
            if arrived is not None:
                evented.append(arrived - start)
    print(summary(f"{name} save -> page served", served))
    if events is not None:
        print(summary(f"{name} save -> reload event", evented))
    return served


def pick_page(content_dir):
    chapters = sorted(d for d in os.listdir(content_dir) if d.startswith("ch"))
    chapter = chapters[len(chapters) // 2]
    section_dir = os.path.join(content_dir, chapter)
    section = sorted(d for d in os.listdir(section_dir) if d.startswith("s"))[0]
    page = sorted(p for p in os.listdir(os.path.join(section_dir, section)) if p.startswith("p"))[0]
    return f"{chapter}/{section}/{page}"


def next_page(page):
    """The leaf page after `page` in its section (generated names are numbered)."""
    folder, name = page.rsplit("/", 1)
    return f"{folder}/p{int(name[1:-3]) + 1:05d}.md"


def run_handbook(args, corpus):
    root = os.path.join(corpus, "neutral")
    with open(os.path.join(root, "handbook.toml"), "w", encoding="utf-8") as f:
        f.write('title = { th = "คู่มือทดสอบความเร็ว", en = "Benchmark handbook" }\n'
                'languages = ["th", "en"]\n')
    page = pick_page(os.path.join(root, "content"))
    port = free_port()
    log = open(os.path.join(corpus, "handbook-serve.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), root],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        status = f"http://127.0.0.1:{port}/__handbook/status"
        if wait_until(lambda: '"generation":1' in (fetch(status) or ""), limit=600, step=0.05) is None:
            sys.exit("handbook serve did not finish its first build")
        print(f"handbook serve: first build of {args.pages} pages took "
              f"{time.perf_counter() - started:.1f} s (including start-up)")
        events = EventStream(port)
        path = f"/th/{page[:-3]}.html"
        print(f"editing content/{page} (http://127.0.0.1:{port}{path})")
        source = os.path.join(root, "content", page)
        measure("handbook serve", source, Poller(port, path), args.edits, events)
        if args.title_edits:
            # A new title shows on the next page's previous link (and in the section's sidebar
            # script, which the same rebuild replaces): poll the next page.
            neighbour = f"/th/{next_page(page)[:-3]}.html"
            measure("handbook serve, new title, on the next page", source,
                    Poller(port, neighbour), args.title_edits, events, edit_title)
        events.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return page


def run_hugo(args, corpus, page):
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo: not installed (apt-get install -y hugo); skipped")
        return
    root = os.path.join(corpus, "hugo")
    layouts = os.path.join(HERE, "hugo-layouts")
    if not os.path.isdir(layouts):
        layouts = "/work/shared/bench/hugo-layouts"
    shutil.copytree(layouts, os.path.join(root, "layouts"), dirs_exist_ok=True)
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    port = free_port()
    log = open(os.path.join(corpus, "hugo-server.log"), "w")
    server = subprocess.Popen(
        [hugo, "server", "--port", str(port), "--bind", "127.0.0.1", "--baseURL",
         f"http://127.0.0.1:{port}/", "--appendPort=false"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/{page[:-3]}/"
        if wait_until(lambda: fetch(url) is not None, limit=600, step=0.05) is None:
            sys.exit("hugo server did not start")
        print(f"{version}; editing content/{page} ({url})")
        source = os.path.join(root, "content", page)
        measure("hugo server", source, Poller(port, f"/{page[:-3]}/"), args.edits)
        if args.title_edits:
            measure("hugo server, new title, on the next page", source,
                    Poller(port, f"/{next_page(page)[:-3]}/"), args.title_edits, edit=edit_title)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--title-edits", type=int, default=0,
                        help="also time this many title changes, seen on the next page")
    parser.add_argument("--binary", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")), "release", "handbook"))
    parser.add_argument("--work", help="folder for the corpus (default: a new temporary folder)")
    parser.add_argument("--hugo", action="store_true", help="also measure hugo server")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run cargo build --release first, or pass --binary")
    work = args.work or os.path.join("/tmp", f"serve-latency-{os.getpid()}")
    corpus = os.path.join(work, f"corpus-{args.pages}")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(args.pages),
                    "--out", corpus, "--force"], check=True, stdout=subprocess.DEVNULL)
    print(f"machine: {os.cpu_count()} cores; corpus: {corpus}")
    page = run_handbook(args, corpus)
    if args.hugo:
        run_hugo(args, corpus, page)


if __name__ == "__main__":
    main()
