"""Search quality and cost, ours against MkDocs' own search (lunr, with Material) and Pagefind (issue 19).
Not a test: it prints tables.

    .venv/bin/python scripts/bench_search_quality.py                  # the judged set, example records
    .venv/bin/python scripts/bench_search_quality.py --scale 1000 10000 # plus bytes and time at N records

Quality: the judged queries of ``tests/search/judged.yml`` over the example records, MRR and nDCG@5
(``tests/search/judging.py``) for each engine, and our five worst queries.

- ours: the site as ``mkdocs build`` makes it, queried in headless Chromium through the page's own
  script (``goldenbookSearch.Index``), records only (the box lists records before pages);
- lunr: the same published records as plain Markdown pages (``goldenbook.bench.prepare``'s baseline:
  title, summary, place as written, year, field, people, body) built with Material and its search
  plugin (language ``vi``), the query typed into Material's search box, results read from the page;
- Pagefind (``pagefind[bin]`` from PyPI, if it installs): our built site indexed by
  ``python -m pagefind``, queried through its JavaScript API in the same Chromium.

Cost, at each ``--scale`` N (synthetic records, ``goldenbook.synthetic``): for a few queries typed in
a fresh page, the bytes fetched before the first result (gzip level 6 of each file requested, as a
server would send them) and the time from the query to the first result on the page, in a phone-sized
Chromium (390 px), median over the queries.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "search"))

import judging  # noqa: E402
from page_weight import serve  # noqa: E402  (a built site on 127.0.0.1, quietly)

from goldenbook.bench import BASELINE_CONFIG, _baseline_page  # noqa: E402
from goldenbook.records import scan  # noqa: E402
from goldenbook.synthetic import write_records  # noqa: E402
from goldenbook.yamlsource import decode, load_document  # noqa: E402

SITE_FILES = ("mkdocs.yml", "content", "overrides", "hooks", "images")
COST_QUERIES = ["ha noi", "quang nam", "nang luong mat troi", "may say", "Đà Nẵng", "nong nghiep", "cau treo"]
PHONE = {"width": 390, "height": 844}


# ---------------------------------------------------------------- sites

def make_repo(folder: Path, records: int | None) -> Path:
    """Our repository with the example records (``records`` None) or N synthetic ones."""
    folder.mkdir(parents=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    if records is None:
        shutil.copytree(ROOT / "initiatives", folder / "initiatives")
    else:
        (folder / "initiatives").mkdir()
        write_records(folder, records, seed=0)
    return folder


def build_ours(repo: Path, out: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0"}
    env.pop("GOLDENBOOK_PREVIEW", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), "--config-file",
                           str(repo / "mkdocs.yml")], cwd=repo, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"our build failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def build_lunr(repo: Path, folder: Path, out: Path) -> None:
    """The published records as Markdown pages with Material and its lunr search (language vi)."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(BASELINE_CONFIG.replace("  - search\n", "  - search:\n      lang: vi\n"),
                                       encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Baseline\n", encoding="utf-8")
    for entry in scan(repo).entries:
        if not entry.public:
            continue
        data = load_document(decode((repo / entry.source).read_bytes())).data
        target = folder / "docs" / f"{entry.slug}.md"
        target.write_text(_baseline_page(data), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)], cwd=folder, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"lunr build failed:\n{done.stderr[-3000:]}")


def build_pagefind(site: Path) -> bool:
    """Pagefind's index of our built site in ``site/pagefind/``; False when Pagefind is not installed."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return False
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], capture_output=True, text=True)
    if done.returncode:
        print(f"pagefind failed: {done.stderr[-1000:]}", file=sys.stderr)
        return False
    return True


# ---------------------------------------------------------------- engines in Chromium

def slug_of(url: str) -> str | None:
    """The record slug of a result URL (ours and Pagefind: sang-kien/<slug>/, tap-the/<slug>/; lunr: <slug>/)."""
    parts = [p for p in urlparse(url).path.split("/") if p]
    if len(parts) == 2 and parts[0] in ("sang-kien", "tap-the"):
        return parts[1]
    if len(parts) == 1 and parts[0] not in ("sang-kien", "tap-the", "tinh-thanh", "linh-vuc", "an-pham", "tra-cuu"):
        return unquote(parts[0])
    return None


OURS_JS = """async q => {
    const index = window.goldenbookSearch.Index.for('.');
    const started = performance.now();
    const found = await index.search(q);
    const rows = await index.rows(found.hits.slice(0, 10));
    const ms = performance.now() - started;
    return {ms, urls: rows.map(r => r[0] === 2 ? r[1] : (r[0] === 0 ? 'sang-kien/' : 'tap-the/') + r[1] + '/')};
}"""

PAGEFIND_JS = """async q => {
    if (!window.__pf) { window.__pf = await import('./pagefind/pagefind.js'); await window.__pf.init(); }
    const started = performance.now();
    const search = await window.__pf.search(q);
    const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    const ms = performance.now() - started;
    return {ms, urls: data.map(d => d.url)};
}"""

LUNR_JS = """async q => {
    const input = document.querySelector('.md-search__input');
    const list = document.querySelector('.md-search-result__list');
    const meta = document.querySelector('.md-search-result__meta');
    input.focus();
    const started = performance.now();
    input.value = q;
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
    input.dispatchEvent(new Event('input', {bubbles: true}));
    // Material answers through a worker: wait until the list shows this query's results and settles
    let last = '', stable = 0, first = null;
    for (let i = 0; i < 4000 && stable < 6; i++) {
        await new Promise(r => setTimeout(r, 5));
        if (/Initializing|Nhập để/.test(meta.textContent)) continue;
        const now = meta.textContent + '|' + Array.from(list.querySelectorAll('a')).map(a => a.href).join(' ');
        if (first === null && list.querySelector('a')) first = performance.now() - started;
        if (now === last) stable++; else { stable = 0; last = now; }
    }
    const urls = Array.from(list.querySelectorAll('.md-search-result__item > a')).map(a => a.href);
    return {ms: first === null ? null : first, urls};
}"""


OPEN_LUNR = "document.getElementById('__search').checked = true; document.querySelector('.md-search__input').focus()"


def open_page(browser, url: str, phone: bool = False):
    context = browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 900}, locale="vi-VN",
                                  service_workers="block")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, requested


def run_engine(browser, engine: str, base: str, queries: list[str]) -> list[tuple[list[str], float | None]]:
    context, page, _ = open_page(browser, base)
    script = {"ours": OURS_JS, "pagefind": PAGEFIND_JS, "lunr": LUNR_JS}[engine]
    if engine == "lunr":
        page.evaluate(OPEN_LUNR)
    out = []
    for query in queries:
        answer = page.evaluate(script, query)
        out.append(([s for s in (slug_of(u) for u in answer["urls"]) if s], answer["ms"]))
    context.close()
    return out


def gz_size(site: Path, url: str) -> int:
    path = unquote(urlparse(url).path).lstrip("/")
    file = site / path
    if file.is_dir() or path == "" or path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6, mtime=0)) if file.is_file() else 0


def first_result_cost(browser, engine: str, base: str, site: Path, query: str) -> tuple[int, float | None]:
    """Bytes (gzip) of the search's own files fetched before the first result, and the time to it,
    in a fresh phone-sized page."""
    context, page, requested = open_page(browser, base, phone=True)
    before = len(requested)
    script = {"ours": OURS_JS, "pagefind": PAGEFIND_JS, "lunr": LUNR_JS}[engine]
    if engine == "lunr":
        page.evaluate(OPEN_LUNR)
    answer = page.evaluate(script, query)
    urls = requested[before:]
    if engine == "ours":  # the manifest is fetched when the page is idle, before any query: counted too
        urls = [u for u in requested if "/search/" in u]
    elif engine == "lunr":
        urls = [u for u in requested if "search" in u or "lunr" in u or "worker" in u]
    context.close()
    return sum(gz_size(site, u) for u in urls), answer["ms"]


def launch():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        sys.exit("chromium is needed (apt-get install chromium)")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=[
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"])
    return playwright, browser


# ---------------------------------------------------------------- reports

def quality(work: Path, browser) -> None:
    repo = make_repo(work / "repo", None)
    ours_site, lunr_site = work / "site", work / "lunr-site"
    build_ours(repo, ours_site)
    build_lunr(repo, work / "lunr", lunr_site)
    has_pagefind = build_pagefind(ours_site)
    judged = judging.load()
    queries = [j.query for j in judged]
    engines = {"ours": ours_site, "lunr": lunr_site}
    if has_pagefind:
        engines["pagefind"] = ours_site
    results: dict[str, list] = {}
    for engine, site in engines.items():
        base, server = serve(site)
        try:
            answers = run_engine(browser, engine, base, queries)
        finally:
            server.shutdown()
        shown = dict(zip(queries, answers))
        results[engine] = judging.score(lambda q, shown=shown: shown[q][0], judged)
    print(f"\nJudged set: {len(judged)} queries over {sum(e.public for e in scan(repo).entries)} example records\n")
    print("| engine | MRR | nDCG@5 |")
    print("|---|---|---|")
    for engine, scored in results.items():
        figures = judging.summary(scored)
        print(f"| {engine} | {figures['mrr']:.3f} | {figures['ndcg@5']:.3f} |")
    for engine, scored in results.items():
        kinds: dict[str, list] = {}
        for s in scored:
            kinds.setdefault(s.judged.kind.split("-")[0], []).append(s)
        print(f"\n{engine}, MRR by kind: " + ", ".join(
            f"{kind} {judging.summary(items)['mrr']:.2f} ({len(items)})" for kind, items in sorted(kinds.items())))
    print("\nOur five worst queries:")
    for s in judging.worst(results["ours"]):
        print(f"- «{s.judged.query}» ({s.judged.kind}): RR {s.reciprocal_rank:.2f}, nDCG@5 {s.ndcg:.2f}, "
              f"{judging.noise(s)} unexpected in the first 5; shown {list(s.shown[:5])}; "
              f"expected {list(s.judged.first)}")
    for engine in [e for e in results if e != "ours"]:
        print(f"\n{engine}'s five worst queries:")
        for s in judging.worst(results[engine]):
            print(f"- «{s.judged.query}»: RR {s.reciprocal_rank:.2f}, shown {list(s.shown[:3])}")


def cost(work: Path, browser, records: int, wanted: set[str]) -> None:
    repo = make_repo(work / f"repo-{records}", records)
    ours_site, lunr_site = work / f"site-{records}", work / f"lunr-site-{records}"
    build_ours(repo, ours_site)
    engines = {"ours": ours_site}
    if "lunr" in wanted:
        build_lunr(repo, work / f"lunr-{records}", lunr_site)
        engines["lunr"] = lunr_site
    if "pagefind" in wanted and build_pagefind(ours_site):
        engines["pagefind"] = ours_site
    published = sum(e.public for e in scan(repo).entries)
    for engine, site in engines.items():
        base, server = serve(site)
        try:
            figures = [first_result_cost(browser, engine, base, site, q) for q in COST_QUERIES]
            warm = run_engine(browser, engine, base, COST_QUERIES * 2)[len(COST_QUERIES):]
        finally:
            server.shutdown()
        size = statistics.median(b for b, _ in figures)
        first = statistics.median(ms for _, ms in figures if ms is not None)
        again = statistics.median(ms for _, ms in warm if ms is not None)
        print(f"| {records:,} ({published:,} published) | {engine} | {size / 1024:.0f} KB | {first:.0f} ms | "
              f"{again:.1f} ms |")


def synthetic_judged(repo: Path, count: int = 30, seed: int = 19) -> list[judging.Judged]:
    """Judged queries made from synthetic records' own metadata: a province's name (historic only, or
    current, without diacritics) expects that province's records; a record's title, typed without
    diacritics, expects the records with that title."""
    import random

    from goldenbook.catalog import build_catalog
    from goldenbook.text import fold

    entries = build_catalog(scan(repo).entries).entries
    rng = random.Random(seed)
    judged: list[judging.Judged] = []
    historic: dict[str, list[str]] = {}
    current: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    for entry in entries:
        if entry.historic is not None:
            historic.setdefault(entry.historic.name, []).append(entry.slug)
        current.setdefault(entry.current.name, []).append(entry.slug)
        titles.setdefault(entry.title, []).append(entry.slug)
    only_historic = sorted(set(historic) - set(current))  # a name that is also current asks for both
    for name in rng.sample(only_historic, min(count // 3, len(only_historic))):
        judged.append(judging.Judged(fold(name), "province-historic", tuple(historic[name])))
    for name in rng.sample(sorted(current), min(count // 3, len(current))):
        judged.append(judging.Judged(fold(name) + " ", "province-current", tuple(current[name])))
    for title in rng.sample(sorted(titles), min(count - len(judged), len(titles))):
        judged.append(judging.Judged(fold(title), "title", tuple(titles[title])))
    return judged


def synthetic_quality(work: Path, browser, records: int) -> None:
    repo = work / f"repo-{records}"
    if not repo.exists():
        make_repo(repo, records)
    site, lunr_site = work / f"site-{records}", work / f"lunr-site-{records}"
    if not site.exists():
        build_ours(repo, site)
    if not lunr_site.exists():
        build_lunr(repo, work / f"lunr-{records}", lunr_site)
    engines = {"ours": site, "lunr": lunr_site}
    if (site / "pagefind").exists() or build_pagefind(site):
        engines["pagefind"] = site
    judged = synthetic_judged(repo)
    queries = [j.query for j in judged]
    print(f"\nSynthetic judged set at {records:,} records: {len(judged)} queries (province names, titles)\n")
    print("| engine | MRR | nDCG@5 |")
    print("|---|---|---|")
    for engine, folder in engines.items():
        base, server = serve(folder)
        try:
            answers = dict(zip(queries, run_engine(browser, engine, base, queries)))
        finally:
            server.shutdown()
        figures = judging.summary(judging.score(lambda q, answers=answers: answers[q][0], judged))
        print(f"| {engine} | {figures['mrr']:.3f} | {figures['ndcg@5']:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="record counts for bytes and time")
    parser.add_argument("--no-quality", action="store_true", help="skip the judged set")
    parser.add_argument("--engines", nargs="*", default=["lunr", "pagefind"], choices=["lunr", "pagefind"],
                        help="engines compared with ours in --scale (none: ours alone, e.g. at 100,000 records)")
    parser.add_argument("--synthetic", type=int, nargs="*", default=[],
                        help="record counts for a judged set made from synthetic records' metadata")
    args = parser.parse_args()
    playwright, browser = launch()
    work = Path(tempfile.mkdtemp(prefix="bench-search-quality-"))
    try:
        if not args.no_quality:
            quality(work, browser)
        if args.scale:
            print("\n| records | engine | bytes to the first result (gzip, median) | first query, fresh page "
                  "(median) | a query once loaded (median) |")
            print("|---|---|---|---|---|")
            for records in args.scale:
                cost(work, browser, records, set(args.engines))
        for records in args.synthetic:
            synthetic_quality(work, browser, records)
    finally:
        browser.close()
        playwright.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
