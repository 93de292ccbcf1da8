"""Benchmark of the site search at scale (issue 5). Not a test: it prints a table.

    .venv/bin/python scripts/bench_search.py --records 10000 --runs 3

1. writes N synthetic records (goldenbook.synthetic) into a temporary repository
   with a snapshot of the project's mkdocs.yml, content/, overrides/, hooks/ and
   src/ (every build uses that snapshot, so edits made meanwhile do not mix in);
2. builds the public site with and without the search index
   (``GOLDENBOOK_SEARCH=0``), alternating, ``--runs`` times each: median times
   and their ratio;
3. reports the index's files and bytes (raw and gzip, level 6, as a web server
   would send them);
4. serves the site on 127.0.0.1 and, in headless Chromium (Debian's), types
   queries into the header box of a record page: the bytes the search fetched
   before showing the first result (gzip sizes of the files requested), and
   the time from a keystroke to the results on screen — for the first query of
   a page (nothing cached) and for every keystroke while typing;
5. does the same for the explore page (first view, one facet, text + facet).

Material's built-in search, for comparison (``../shared/spec/facts.md``):
one ``search_index.json`` of 48.8 MB (≈10 MB gzipped) for 10,000 pages,
downloaded whole before the first result.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from goldenbook.synthetic import write_records  # noqa: E402

SITE_FILES = ("mkdocs.yml", "content", "overrides", "hooks", "src")
QUERIES = ["sang kien nuoc sach ha tinh", "ha noi", "da nang", "hoa binh", "may say nong san", "Đà Nẵng", "n"]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def make_repo(folder: Path, records: int, seed: int) -> float:
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, folder / name)
    (folder / "images").mkdir()
    started = time.perf_counter()
    write_records(folder, records, seed=seed)
    return time.perf_counter() - started


def build(repo: Path, out: Path, search: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_SEARCH": "1" if search else "0",
           "PYTHONPATH": str(repo / "src")}
    env.pop("GOLDENBOOK_PREVIEW", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), "--config-file",
                           str(repo / "mkdocs.yml")], cwd=repo, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    return elapsed


def index_time(repo: Path, runs: int) -> list[float]:
    """What the hook adds to a build, timed in this process (machine load moves whole builds by minutes):
    the index of the public catalogue and the search script's folding tables."""
    code = (
        "import sys, time, json\n"
        "from pathlib import Path\n"
        "from goldenbook.records import scan\n"
        "from goldenbook.catalog import build_catalog\n"
        "from goldenbook.search import build_index, write_index, js_tables, folding\n"
        "catalog = build_catalog(scan(Path(sys.argv[1])).entries)\n"
        "times = []\n"
        "for run in range(int(sys.argv[2])):\n"
        "    for cached in (folding._combining, folding._spaces, folding._casefold_exceptions,\n"
        "                   folding._combining_pattern, folding._piece, js_tables):\n"
        "        cached.cache_clear()  # as in a fresh build process\n"
        "    started = time.perf_counter()\n"
        "    js_tables(); write_index(sys.argv[3], build_index(catalog))\n"
        "    times.append(time.perf_counter() - started)\n"
        "print(json.dumps(times))\n")
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    done = subprocess.run([sys.executable, "-c", code, str(repo), str(max(1, runs)), str(repo.parent / "index-only")],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


LISTEN = """
window.__gb = {search: [], explore: []};
document.addEventListener('gb-search:rendered', e => window.__gb.search.push(e.detail));
document.addEventListener('gb-explore:rendered', e => window.__gb.explore.push(e.detail));
"""


def browse(site: Path, base: str, record_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Debian's chromium is needed (apt-get install chromium)")

    def local(url: str) -> Path | None:
        path = urlparse(url).path
        if not url.startswith(base):
            return None
        file = site / path.lstrip("/")
        return file / "index.html" if file.is_dir() else file

    results: dict = {"queries": [], "keystrokes": [], "explore": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])

        def fresh_page():
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            context.add_init_script(LISTEN)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            page = context.new_page()
            page.requests = []
            page.on("requestfinished", lambda request: page.requests.append(request.url))
            return context, page

        def bytes_of(urls: list[str]) -> tuple[int, int, list[str]]:
            files = [f for f in (local(u) for u in urls) if f is not None and f.is_file()]
            return sum(f.stat().st_size for f in files), sum(gz(f.read_bytes()) for f in files), \
                [f.relative_to(site).as_posix() for f in files]

        for query in QUERIES:
            context, page = fresh_page()
            page.goto(base + record_url)
            page.wait_for_load_state("networkidle")
            # the script, the stylesheet and the manifest (fetched while the page is idle)
            page_assets = [u for u in page.requests if "/assets/search." in u or "/search/manifest.json" in u]
            page.requests.clear()
            page.click(".gb-search__toggle")
            page.fill(".gb-search__input", query)  # one input event: the whole query at once, nothing cached
            page.wait_for_function("q => window.__gb.search.some(d => d.query === q)", arg=query, timeout=60_000)
            detail = page.evaluate("q => window.__gb.search.filter(d => d.query === q).pop()", query)
            page.wait_for_load_state("networkidle")
            raw, packed, files = bytes_of(page.requests)
            assets_raw, assets_packed, _ = bytes_of(page_assets)
            results["queries"].append({"query": query, "results": detail["count"], "ms": detail["ms"],
                                       "files": len(files), "raw": raw, "gzip": packed,
                                       "with_assets_gzip": packed + assets_packed, "assets_gzip": assets_packed})
            # typing it again, key by key, on the same page: every keystroke's time to results
            page.fill(".gb-search__input", "")
            page.evaluate("window.__gb.search = []")
            page.locator(".gb-search__input").press_sequentially(query, delay=120)
            page.wait_for_function("q => window.__gb.search.some(d => d.query === q)", arg=query, timeout=60_000)
            results["keystrokes"] += [d["ms"] for d in page.evaluate("window.__gb.search")]
            context.close()

        # the explore page
        context, page = fresh_page()
        page.goto(base + "tra-cuu/")
        page.wait_for_function("window.__gb.explore.length >= 1", timeout=60_000)
        page.wait_for_load_state("networkidle")
        first = page.evaluate("window.__gb.explore[0]")
        raw, packed, files = bytes_of([u for u in page.requests if "/search/" in u])
        results["explore"].append({"step": "first view (all records)", "count": first["count"], "ms": first["ms"],
                                   "gzip": packed, "files": len(files)})
        steps = [("select tinh=ha-noi", lambda: page.select_option("select[name=tinh]", "ha-noi")),
                 ("+ select the largest field", lambda: page.select_option("select[name=linh-vuc]", page.evaluate(
                     "() => Array.from(document.querySelectorAll('select[name=linh-vuc] option')).slice(1)"
                     ".filter(o => !o.disabled).sort((a, b) => parseInt(b.textContent.split('(').pop()) - "
                     "parseInt(a.textContent.split('(').pop()))[0].value"))),
                 ("+ type q=may", lambda: page.fill("#gb-explore-q", "may")),
                 ("next page", lambda: page.click(".gb-explore__pager a[rel=next]")
                  if page.locator(".gb-explore__pager a[rel=next]").count() else None)]
        for name, action in steps:
            page.requests.clear()
            n = page.evaluate("window.__gb.explore.length")
            action()
            try:
                page.wait_for_function("n => window.__gb.explore.length > n", arg=n, timeout=30_000)
            except Exception:
                continue
            page.wait_for_load_state("networkidle")
            detail = page.evaluate("window.__gb.explore[window.__gb.explore.length - 1]")
            raw, packed, files = bytes_of([u for u in page.requests if "/search/" in u])
            results["explore"].append({"step": name, "count": detail["count"], "ms": detail["ms"], "gzip": packed,
                                       "files": len(files)})
        context.close()
        browser.close()
    return results


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (median reported)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary repository and sites")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="goldenbook-bench-"))
    repo = work / "repo"
    repo.mkdir()
    try:
        generated = make_repo(repo, args.records, args.seed)
        print(f"{args.records} synthetic records written in {generated:.1f} s ({repo})", flush=True)
        times: dict[bool, list[float]] = {True: [], False: []}
        for run in range(args.runs):
            for search in (True, False):
                elapsed = build(repo, work / f"site-{'with' if search else 'without'}", search)
                times[search].append(elapsed)
                print(f"  build {run + 1}/{args.runs} {'with' if search else 'without'} search: {elapsed:.1f} s",
                      flush=True)
        index_seconds = index_time(repo, args.runs)
        site = work / "site-with"
        index_files = [p for p in (site / "search").rglob("*") if p.is_file()]
        raw = sum(p.stat().st_size for p in index_files)
        packed = sum(gz(p.read_bytes()) for p in index_files)
        manifest = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
        shard_sizes = [gz(p.read_bytes()) for p in (site / "search" / "terms").glob("*.json")]
        chunk_sizes = [gz(p.read_bytes()) for p in (site / "search" / "docs").glob("*.json")]
        record_url = next(iter(sorted((site / "sang-kien").glob("*/index.html")))).parent.relative_to(site)
        base, server = serve(site)
        try:
            measured = browse(site, base, f"{record_url.as_posix()}/")
        finally:
            server.shutdown()

        with_search, without = statistics.median(times[True]), statistics.median(times[False])
        print()
        print(f"Search benchmark — {args.records:,} synthetic records, {manifest['records']:,} published "
              f"(public build), {manifest['documents']:,} searchable documents; {os.cpu_count()} cores")
        print()
        print("| build | median of runs | runs |")
        print("|---|---|---|")
        print(f"| without search index | {without:.1f} s | {', '.join(f'{t:.1f}' for t in times[False])} |")
        print(f"| with search index | {with_search:.1f} s | {', '.join(f'{t:.1f}' for t in times[True])} |")
        print(f"| ratio (limit 2.0) | **{with_search / without:.2f}** | |")
        print(f"| search indexing alone, in-process | {statistics.median(index_seconds):.1f} s "
              f"(= {statistics.median(index_seconds) / without:.1%} of the build without it) | "
              f"{', '.join(f'{t:.1f}' for t in index_seconds)} |")
        print()
        print("| index | value |")
        print("|---|---|")
        print(f"| files | {len(index_files):,} ({len(shard_sizes)} term shards, {len(chunk_sizes)} result chunks, "
              f"facets, manifest) |")
        print(f"| total size | {kb(raw)} raw, {kb(packed)} gzip |")
        print(f"| manifest | {kb(gz((site / 'search' / 'manifest.json').read_bytes()))} gzip |")
        print(f"| term shard (gzip) | median {kb(statistics.median(shard_sizes))}, max {kb(max(shard_sizes))} |")
        print(f"| result chunk (gzip) | median {kb(statistics.median(chunk_sizes))}, max {kb(max(chunk_sizes))} |")
        print(f"| facets | {kb(gz((site / 'search' / 'facets.json').read_bytes()))} gzip |")
        print()
        print("Header box, a fresh page for each query (nothing cached), typed at once; bytes gzip:")
        print()
        print("| query | results | files fetched | index bytes before first result | with manifest, search.js/.css | "
              "keystroke → results |")
        print("|---|---|---|---|---|---|")
        for q in measured["queries"]:
            print(f"| {q['query']} | {q['results']:,} | {q['files']} | {kb(q['gzip'])} | {kb(q['with_assets_gzip'])} "
                  f"| {q['ms']:.0f} ms |")
        strokes = sorted(measured["keystrokes"])
        print()
        print(f"Typing key by key ({len(strokes)} keystrokes): keystroke → results median "
              f"{statistics.median(strokes):.0f} ms, 95th percentile {strokes[int(0.95 * (len(strokes) - 1))]:.0f} ms, "
              f"max {strokes[-1]:.0f} ms (limit 300 ms).")
        print()
        print("Explore page (tra-cuu/):")
        print()
        print("| step | matching records | files fetched | bytes fetched (gzip) | action → results |")
        print("|---|---|---|---|---|")
        for e in measured["explore"]:
            print(f"| {e['step']} | {e['count']:,} | {e['files']} | {kb(e['gzip'])} | {e['ms']:.0f} ms |")
        worst = max(q["with_assets_gzip"] for q in measured["queries"])
        print()
        print(f"Worst bytes before a first result, with the script and stylesheet: {kb(worst)} (limit 300 KB); "
              f"Material's search: ≈10 MB gzip for 10,000 pages.")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
