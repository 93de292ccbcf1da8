"""MkDocs hooks: hand the Golden Book's records to MkDocs, in build order.

The work is done by the ``goldenbook`` package, which knows nothing of MkDocs:
it reads and checks the records (``repository.scan``), selects and indexes them
(``catalog``) and renders every generated page to an HTML fragment
(``site.plan_site``). This file only adapts that plan to MkDocs' events:

    on_config         read, validate (fail the build on any error), plan the site
    on_files          add generated pages, images and the stylesheet as files
    on_page_markdown  generated pages skip Markdown; hand-written pages get snippets
    on_page_content   generated pages get their finished HTML
    on_post_build     preview extras, the search index, the book's PDF and the build's accounting

Generated pages are written to ``.cache/goldenbook/<variant>/`` (never into
``docs_dir``) and rewritten only when their content changes, so ``mkdocs serve
--dirty`` skips the pages whose records did not change.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from goldenbook.catalog import build_catalog
from goldenbook.diagnostics import format_text
from goldenbook.nomination import NOMINATION_DATA, render_nomination_data
from goldenbook.repository import IMAGES_DIR, RECORDS_DIR, scan
from goldenbook.schema import SCHEMA_PATH
from goldenbook.search import PageText, build_index, page_text, write_index
from goldenbook.site import GeneratedPage, SitePlan, plan_site, urls
from goldenbook.site.assets import (COUNCIL_SCRIPT, COUNCIL_STYLESHEET, SEARCH_SCRIPT, SEARCH_STYLESHEET, STYLESHEET,
                                    book_assets, council_assets, search_assets, stylesheet)
from goldenbook.site.images import prepare_all

log = logging.getLogger("mkdocs.hooks.publication")

PREVIEW_ENV = "GOLDENBOOK_PREVIEW"
#: ``GOLDENBOOK_SEARCH=0`` builds without the search index (for scripts/bench_search.py only).
SEARCH_ENV = "GOLDENBOOK_SEARCH"
MARKER = re.compile(r"<!--\s*gb:([a-z-]+)\s*-->")
#: ``GOLDENBOOK_PDF=0`` builds without the book's PDF (the test suite's builds, except one test).
PDF_ENV = "GOLDENBOOK_PDF"
#: The browser that prints the PDF, when it is not ``chromium`` (or chromium-browser, google-chrome) on PATH.
CHROMIUM_ENV = "GOLDENBOOK_CHROMIUM"
#: Seconds the browser may take to print the book before the build gives up on the PDF.
PDF_TIMEOUT = int(os.environ.get("GOLDENBOOK_PDF_TIMEOUT", "180"))

# The PDF is optional: its failure is reported as a warning that does not fail a --strict build
# (MkDocs counts the warnings of its own "mkdocs" loggers only).
_pdf_log = logging.getLogger("goldenbook.pdf")
if not _pdf_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _pdf_log.addHandler(_handler)
    _pdf_log.propagate = False

# What one build learned, shared between events (hooks are module-level functions).
_build: dict = {}
# What the command is (build, serve, gh-deploy): set once per invocation by on_startup.
_session: dict = {"command": "build"}


def on_startup(*, command: str, dirty: bool) -> None:
    _session["command"] = command


def _chromium() -> str | None:
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _pdf_wanted(preview: bool) -> bool:
    """The book's PDF is made by public builds (not previews, not ``mkdocs serve``) when a browser is here."""
    if preview or _session["command"] == "serve" or os.environ.get(PDF_ENV, "1") == "0":
        return False
    return _chromium() is not None


# ---------------------------------------------------------------- on_config

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    preview = os.environ.get(PREVIEW_ENV, "") not in ("", "0")
    if not config.use_directory_urls:
        raise PluginError("goldenbook: use_directory_urls must stay true (the URL scheme depends on it)")

    result = scan(root)
    for warning in (d for d in result.diagnostics if d.severity == "warning"):
        log.warning(format_text([warning]))
    if not result.ok:
        raise PluginError(
            f"{len(result.errors)} lỗi trong hồ sơ — trang không được tạo cho đến khi sửa xong "
            f"({len(result.errors)} errors in records):\n{format_text(result.errors)}")

    catalog = build_catalog(result.entries, preview=preview)
    # Record photos: resized variants and metadata-free originals, cached by content (goldenbook.site.images).
    sources = sorted({image.src for entry in catalog.entries for image in entry.record.images})
    pictures = prepare_all(root / IMAGES_DIR, sources, root / ".cache" / "goldenbook" / "images")
    for picture in pictures.values():
        if picture.problem:
            log.info(f"goldenbook: {IMAGES_DIR}/{picture.src}: không đọc được ảnh, dùng tệp gốc "
                     f"(unreadable image, shown as it is): {picture.problem}")
    plan = plan_site(catalog, site_url=config.site_url or "", pictures=pictures, pdf=_pdf_wanted(preview))
    variant = "preview" if preview else "public"
    _build.clear()
    _build.update(root=root, scan=result, plan=plan, preview=preview,
                  cache=root / ".cache" / "goldenbook" / variant,
                  pages={page.path: page for page in plan.pages}, texts=[])

    config.extra["goldenbook_preview"] = preview
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if SEARCH_STYLESHEET not in config.extra_css:  # the search box of every page
        config.extra_css.append(SEARCH_STYLESHEET)
    if SEARCH_SCRIPT not in [str(script) for script in config.extra_javascript]:
        script = ExtraScriptValue(SEARCH_SCRIPT)
        script.defer = True
        config.extra_javascript.append(script)
    if preview:  # the council's dashboard and review sheets: preview builds only
        if COUNCIL_STYLESHEET not in config.extra_css:
            config.extra_css.append(COUNCIL_STYLESHEET)
        if COUNCIL_SCRIPT not in [str(script) for script in config.extra_javascript]:
            script = ExtraScriptValue(COUNCIL_SCRIPT)
            script.defer = True
            config.extra_javascript.append(script)
    for folder in (RECORDS_DIR, IMAGES_DIR):
        if (root / folder).is_dir() and str(root / folder) not in config.watch:
            config.watch.append(str(root / folder))
    return config


# ---------------------------------------------------------------- on_files

def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan: SitePlan = _build["plan"]
    cache: Path = _build["cache"]
    _prune(cache, {page.path for page in plan.pages})
    for page in plan.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"goldenbook: content/{page.path} would hide a generated page; rename it")
        _write_if_changed(cache / page.path, _page_source(page))
        files.append(File(page.path, src_dir=str(cache), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    root: Path = _build["root"]
    variants: set[str] = set()
    for src in plan.images:  # only the images of records this build shows
        picture = plan.pictures.get(src)
        if picture is not None and picture.original is not None:  # the original without its EXIF/GPS
            files.append(File.generated(config, f"{IMAGES_DIR}/{src}", abs_src_path=str(picture.original)))
        else:
            files.append(File(f"{IMAGES_DIR}/{src}", src_dir=str(root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        for variant in picture.variants if picture is not None else ():
            if variant.url not in variants:  # two records may share a photo
                variants.add(variant.url)
                files.append(File.generated(config, variant.url, abs_src_path=str(variant.file)))
    files.append(File.generated(config, STYLESHEET, content=stylesheet()))
    for path, content in book_assets().items():  # print stylesheet, cite/share script, share card
        files.append(File.generated(config, path, content=content))
    for path, text in search_assets().items():  # the search box's script and stylesheet
        files.append(File.generated(config, path, content=text))
    # the nomination form's data: province names by era, the repository to open (content/de-cu.md)
    files.append(File.generated(config, NOMINATION_DATA, content=render_nomination_data(config.repo_url)))
    if _build["preview"]:  # the council's stylesheet and script
        for path, text in council_assets().items():
            files.append(File.generated(config, path, content=text))
    for path, content in plan.files.items():  # open data and the feed
        files.append(File.generated(config, path, content=content))
    schema = root / SCHEMA_PATH  # published for editors' tools and the nomination form
    if schema.is_file():
        files.append(File(SCHEMA_PATH, src_dir=str(root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def _prune(cache: Path, keep: set[str]) -> None:
    """Drop cached sources of pages that no longer exist (a record removed or unpublished)."""
    if not cache.is_dir():
        return
    for path in cache.rglob("*.md"):
        if path.relative_to(cache).as_posix() not in keep:
            path.unlink()


def _page_meta(page: GeneratedPage) -> dict:
    # Material prints page.meta.title unescaped into <title> and the header: give it escaped text.
    return {"title": html.escape(page.title), **({"template": page.template} if page.template else {}), **page.meta}


def _page_source(page: GeneratedPage) -> str:
    """What the cache file holds: everything the page shows, so its mtime says when it changed.

    MkDocs never reads it as Markdown (see ``on_page_markdown``); meta is JSON,
    not YAML front matter, because parsing front matter was a visible share of
    the build at thousands of pages.
    """
    return f"<!-- {json.dumps(_page_meta(page), ensure_ascii=False, sort_keys=True, default=str)} -->\n{page.html}\n"


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------- pages

def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build["pages"].get(page.file.src_uri)
    if generated is not None:  # already HTML: skip Markdown entirely
        page.meta = _page_meta(generated)
        page.render = lambda config, files: _render_generated(page, generated)  # type: ignore[method-assign]
        return ""
    render = _build["plan"].render_snippet
    base = page.url

    def replace(match: re.Match[str]) -> str:
        snippet = render(match.group(1), base)
        if snippet is None:
            log.warning(f"{page.file.src_uri}: unknown marker {match.group(0)}")
            return match.group(0)
        return f'\n<div class="gb-snippet gb-snippet--{match.group(1)}" markdown="0">\n{snippet}\n</div>\n'

    return MARKER.sub(replace, markdown)


def _render_generated(page: Page, generated: GeneratedPage) -> None:
    """Stand-in for ``Page.render``: MkDocs builds a Markdown converter per page even for
    an empty page, which costs more than the page itself; a generated page needs none."""
    page.content = generated.html
    page.toc = get_toc([])
    page.present_anchor_ids = set()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build["pages"].get(page.file.src_uri)
    if generated is None and not (page.meta.get("search") or {}).get("exclude"):
        _build["texts"].append(page_text(page.url, page.title or "", html))  # hand-written: searchable
    return generated.html if generated is not None else html


# ---------------------------------------------------------------- on_post_build

def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if _build["preview"]:
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    _reproducible_sitemap(site)
    if os.environ.get(SEARCH_ENV, "1") != "0":  # the search index of the records and pages this build shows
        texts: list[PageText] = sorted(_build["texts"], key=lambda t: t.url)
        write_index(site, build_index(_build["plan"].catalog, texts))
    if _build["plan"].pdf is not None:
        _book_pdf(site, *_build["plan"].pdf)
    counts = _build["scan"].counts
    log.info(
        f"goldenbook: {counts['found']} tệp, {counts['valid']} hồ sơ hợp lệ, {counts['published']} công bố, "
        f"{len(_build['plan'].catalog.entries)} hồ sơ được tạo trang "
        f"({counts['found']} found, {counts['valid']} valid, {counts['published']} published, "
        f"{len(_build['plan'].catalog.entries)} rendered)")


def _book_pdf(site: Path, year: int, path: str) -> None:
    """Print the edition's print page (an-pham/<year>/in/) to ``path`` with headless Chromium.

    The edition page was written before this runs, with a link to the PDF (the
    plan knew the build would try). If printing fails the build goes on: a
    warning is logged and the link is taken out of the written page, so no
    page links to a missing file.
    """
    page = site / urls.print_edition(year) / "index.html"
    out = site / path
    browser = _chromium()
    problem = None
    started = time.monotonic()
    if browser is None or not page.is_file():
        problem = "no browser" if browser is None else f"{page} is missing"
    else:
        with tempfile.TemporaryDirectory(prefix="goldenbook-pdf-") as profile:
            command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                       "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                       "--disable-component-update", "--disable-sync", "--disable-extensions",
                       f"--user-data-dir={profile}", "--no-pdf-header-footer",
                       "--run-all-compositor-stages-before-draw",
                       f"--print-to-pdf={out}", page.resolve().as_uri()]
            try:
                out.unlink(missing_ok=True)
                done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT,
                                      stdin=subprocess.DEVNULL)
                if not out.is_file() or out.stat().st_size == 0 or out.read_bytes()[:5] != b"%PDF-":
                    problem = f"exit {done.returncode}: {(done.stderr or '').strip()[-500:]}"
            except (OSError, subprocess.SubprocessError) as error:
                problem = f"{type(error).__name__}: {error}"
    if problem is None:
        _reproducible_pdf(out, year)
        log.info(f"goldenbook: {path} ({out.stat().st_size:,} bytes, {time.monotonic() - started:.1f} s)")
        return
    out.unlink(missing_ok=True)
    _pdf_log.warning(f"goldenbook: không tạo được tệp PDF của ấn phẩm {year}; trang vẫn được dựng, không có liên kết "
                f"tải PDF (the book's PDF could not be made; the site is built without it): {problem}")
    edition = site / urls.edition(year) / "index.html"
    if edition.is_file():
        html = edition.read_text(encoding="utf-8")
        edition.write_text(re.sub(r'<span class="gb-edition-links__pdf" data-gb-pdf>.*?</span>', "", html,
                                  flags=re.S), encoding="utf-8")


def _reproducible_pdf(pdf: Path, year: int) -> None:
    """Date the PDF by its edition (2 September, as the feed does), not by the build's clock.

    Chromium writes ``/CreationDate (D:20250102103000+00'00')`` and ``/ModDate``;
    each is replaced by a date of the same length, so the file's offsets stay right.
    """
    data = pdf.read_bytes()

    def stamp(match: re.Match[bytes]) -> bytes:
        old = match.group(2)
        new = f"D:{year:04d}0902000000".encode()
        new = (new + old[len(new):]) if len(old) > len(new) else new[:len(old)]
        return match.group(1) + new + b")"

    fixed = re.sub(rb"(/(?:CreationDate|ModDate) ?\()(D:[^)]*)\)", stamp, data)
    if fixed != data:
        pdf.write_bytes(fixed)


def _reproducible_sitemap(site: Path) -> None:
    """Make the sitemap independent of the day of the build.

    MkDocs stamps every sitemap entry with the build day (``<lastmod>``, once
    ``site_url`` is set) and the ``.gz`` header with that day's time, so two
    builds of the same records on different days differ. The build day says
    nothing about when a page changed: unless ``SOURCE_DATE_EPOCH`` chooses a
    date (then MkDocs' output is reproducible already), drop ``<lastmod>`` and
    write the ``.gz`` with no time stamp (mtime 0, as gzip allows).
    """
    sitemap = site / "sitemap.xml"
    if os.environ.get("SOURCE_DATE_EPOCH") or not sitemap.is_file():
        return
    data = re.sub(rb"\s*<lastmod>[^<]*</lastmod>", b"", sitemap.read_bytes())
    sitemap.write_bytes(data)
    if (site / "sitemap.xml.gz").is_file():
        with open(site / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=0) as packed:
            packed.write(data)
