"""One build of the Golden Book, top to bottom, whatever site platform calls it.

    read_records       checks, scan → catalogue → pictures (any error stops the build here)
    set_aside          the previous site moved aside (its unchanged pages are taken back later)
    plan_pages         every generated page planned; which ones the platform's navigation lists
    write_pages        side outputs started; changed pages first, unchanged ones taken back, the rest written
    finish             extra outputs, the sitemap made reproducible, side outputs waited for, the PDFs,
                       the preview made to open from files, what was written recorded

The platform's adapter (``hooks/publication.py`` for MkDocs) calls these in
its events and supplies what only it can: the page writer (its theme around a
page's HTML, ``session.PageWriter``), the theme signature, the navigation's
list of pages, the hand-written pages' text for the search index, and the
sitemap's entries for the pages it does not know. State is ``Build``, one per
build, and ``session.SESSION``, one per process.

To add an output made from the plan (a file or a few), append a function to
``EXTRA_OUTPUTS``: it takes the plan and the build, and returns
``{path in the site: bytes}``.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from goldenbook.builddate import build_date
from goldenbook.cachedir import CacheInsideRepository, cache_root
from goldenbook.catalog import Catalog, build_catalog
from goldenbook.diagnostics import format_text
from goldenbook.limits import PAGE_WORKERS_UP_TO
from goldenbook.parallel import share
from goldenbook.records import Scan, scan
from goldenbook.records.paths import IMAGES_DIR
from goldenbook.search import PageText
from goldenbook.site import GeneratedPage, SitePlan, offline, plan_site, urls
from goldenbook.site.cache import PageCache
from goldenbook.site.images import Picture, prepare_all
from goldenbook.validation import image_diagnostics

from . import book_pdf, side_outputs, sitemap
from .checks import check_address, check_checkout, refuse_links
from .errors import BuildError
from .previous_site import PreviousSite, Written
from .serve_rebuild import write_changed, write_edited
from .session import PageWriter, Session, Waitable

log = logging.getLogger(__name__)

#: ``GOLDENBOOK_PREVIEW=1``: the council's preview (every status, the dashboard) instead of the public site.
PREVIEW_ENV = "GOLDENBOOK_PREVIEW"


def preview_wanted() -> bool:
    return os.environ.get(PREVIEW_ENV, "") not in ("", "0")


def robots(plan: SitePlan, build: Build) -> Mapping[str, bytes]:
    """The preview asks search engines to keep out."""
    return {"robots.txt": b"User-agent: *\nDisallow: /\n"} if build.preview else {}


def council_sheet(plan: SitePlan, build: Build) -> Mapping[str, bytes]:
    """The preview's scoring sheet for the council (``goldenbook.sheets.council``), dated the build date."""
    return dict(plan.council_files(build_date(build.root)))


#: Outputs made from the plan once the pages are written: ``(plan, build) → {path: bytes}``.
EXTRA_OUTPUTS: tuple[Callable[[SitePlan, Build], Mapping[str, bytes]], ...] = (
    robots,
    council_sheet,
)


@dataclass
class Build:
    """What one build learned, step by step."""

    root: Path
    preview: bool
    cached: Path  # every cache of this build: outside the work tree (goldenbook.cachedir)
    started: float
    scan: Scan
    catalog: Catalog
    pictures: dict[str, Picture]
    inputs: str | None = None  # `serve`: what the pages depend on besides records (serve_rebuild)
    plan: SitePlan | None = None
    listed: dict[str, GeneratedPage] = field(default_factory=dict)  # source path → page the navigation lists
    detached: list[GeneratedPage] = field(default_factory=list)  # the others, written by ``write_pages``
    texts: list[PageText] = field(default_factory=list)  # hand-written pages' text, for the search index
    previous: PreviousSite = field(default_factory=PreviousSite)
    theme: str = ""
    side_keys: dict[str, str | None] = field(default_factory=dict)
    sides: list[Waitable] = field(default_factory=list)

    @property
    def cache(self) -> Path:
        """This variant's cache folder (sources of listed pages, ``written.json``)."""
        return self.cached / ("preview" if self.preview else "public")

    @property
    def pages_cache(self) -> Path:
        return self.cached / "pages"

    @property
    def sides_file(self) -> Path:
        return self.cache / "sides.json"

    def jinja_cache(self) -> str:
        """Compiled templates: outside the work tree (Jinja unpickles a cache file before checking it)."""
        folder = self.cached / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder)

    def lap(self, what: str) -> None:
        """Log (at debug level) how long the build has run when ``what`` is done."""
        log.debug(f"goldenbook: {what} at {time.perf_counter() - self.started:.2f} s")


# ---------------------------------------------------------------- records

def read_records(root: Path, docs: Path, *, preview: bool, site_url: str | None, session: Session) -> Build:
    """Check the checkout, read and validate every record, select and index them, prepare their photos."""
    started = time.perf_counter()
    try:
        cached = cache_root(root)
    except CacheInsideRepository as problem:
        raise BuildError(f"goldenbook: {problem}") from None
    check_checkout(root, session)
    if not preview:
        check_address(site_url, session)
    refuse_links(docs, root)
    result = scan(root)
    log.debug(f"goldenbook: records read at {time.perf_counter() - started:.2f} s")
    for warning in (d for d in result.diagnostics if d.severity == "warning"):
        log.warning(format_text([warning]))
    if not result.ok:
        raise BuildError(
            f"{len(result.errors)} lỗi trong hồ sơ — trang không được tạo cho đến khi sửa xong "
            f"({len(result.errors)} errors in records):\n{format_text(result.errors)}")
    catalog = build_catalog(result.entries, preview=preview)
    pictures = _prepare_pictures(root, catalog, cached)
    build = Build(root=root, preview=preview, cached=cached, started=started, scan=result, catalog=catalog,
                  pictures=pictures)
    build.lap("records selected")
    return build


def _prepare_pictures(root: Path, catalog: Catalog, cached: Path) -> dict[str, Picture]:
    """Record photos: resized variants and metadata-free originals, cached by content (site.images).
    Nothing of an image that cannot be decoded and written anew is published: it stops the build."""
    sources = sorted({src for entry in catalog.entries for src in entry.image_sources})
    pictures = prepare_all(root / IMAGES_DIR, sources, cached / "images")
    failed = image_diagnostics(root, catalog.entries, {p.src: p.problem for p in pictures.values() if p.problem},
                               IMAGES_DIR)
    if failed:
        raise BuildError(f"{len(failed)} lỗi ảnh — trang không được tạo cho đến khi sửa xong "
                         f"({len(failed)} image errors):\n{format_text(failed)}")
    return pictures


# ---------------------------------------------------------------- the previous site

def set_aside(build: Build, site: Path, session: Session) -> None:
    """Move the previous site aside, once a previous `serve` rebuild has finished writing into it."""
    finish_sides(session)
    build.previous = PreviousSite.move_aside(site, build.cached, session.dirty)


# ---------------------------------------------------------------- pages

def plan_pages(build: Build, *, site_url: str, listed: set[str] | None, session: Session) -> SitePlan:
    """Plan every generated page (`serve`: the edited records' pages written first). ``listed`` are the
    source paths the navigation lists (None: it lists every page)."""
    cache, compiled = PageCache(build.pages_cache), build.jinja_cache()
    edited = write_edited(session, build.inputs, build.catalog, site_url=site_url, pictures=build.pictures,
                          cache=cache, compiled=compiled)
    if edited:
        build.lap(f"{edited} edited records written")
    pdf = book_pdf.pdf_wanted(build.preview, session.serving)
    plan = plan_site(build.catalog, site_url=site_url, pictures=build.pictures, pdf=pdf, cache=cache,
                     compiled=compiled,
                     council_pdf=build.preview and book_pdf.pdf_wanted(False, session.serving))
    build.plan = plan
    build.listed = {page.path: page for page in plan.pages if listed is None or page.path in listed}
    build.detached = [page for page in plan.pages if listed is not None and page.path not in listed]
    build.lap("site planned")
    write_changed(session, build.inputs, build.detached)
    return plan


#: Changed pages up to this many are written before the others are taken back (an edit in `serve`).
CHANGED_FIRST = 50


def write_pages(build: Build, site: Path, theme: str, writer: PageWriter, session: Session) -> None:
    """Start the side outputs, then write every detached page: changed ones first, unchanged ones taken
    back from the previous site, the rest shared between processes. ``theme`` is everything besides a
    page's content its bytes depend on (the adapter's theme signature)."""
    assert build.plan is not None
    written = Written(build.cache)
    was = written.read()
    written.forget()
    build.theme = theme
    build.side_keys, build.sides = side_outputs.start(site, build.plan, list(build.texts), build.previous, was,
                                                      build.pages_cache, build.sides_file)
    changed = [page for page in build.detached if not page.cached]
    first = changed if len(changed) <= CHANGED_FIRST else []
    for page in first:
        writer.write(page)
    done = set(map(id, first))
    rest = build.previous.take_back([page for page in build.detached if id(page) not in done], site, theme, was)
    build.lap(f"{len(first)} changed pages written, {len(build.detached) - len(first) - len(rest)} kept")
    build.previous.delete_rest()
    writer.prepare(rest)
    # a second page process holds its own copies of what it touches: above PAGE_WORKERS_UP_TO records, the
    # build's process writes every page (100,000 records: 3.6 GiB in all, not 4.3, for a seventh more time)
    share(rest, writer.write, workers=1 if len(build.catalog.entries) > PAGE_WORKERS_UP_TO else None)
    build.lap(f"{len(rest)} pages written")
    written.record(build.detached, site, theme, build.side_keys, build.previous.kept)
    if session.serving:  # for the next rebuild's serve_rebuild.write_edited and write_changed
        session.writer, session.inputs = writer, build.inputs
        session.fingerprints = {entry.slug: entry.fingerprint for entry in build.catalog.entries}


# ---------------------------------------------------------------- after the pages

def finish(build: Build, site: Path, session: Session) -> None:
    """Everything after the pages: extra outputs, the sitemap, side outputs, PDFs, the preview's files."""
    plan = build.plan
    assert plan is not None
    for output in EXTRA_OUTPUTS:
        for path, data in output(plan, build).items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(data)
    sitemap.make_reproducible(site)
    build.lap("sitemap written")
    _finish_side_outputs(build, site, session)
    if plan.pdf is not None:
        year, path = plan.pdf
        book_pdf.numbered_pdf(site, year, path, plan.site_url)
    if plan.council_pdf is not None:  # the council's dossier, printed the same way
        year, path = plan.council_pdf
        book_pdf.numbered_pdf(site, year, path, "", printed=urls.COUNCIL_PRINT, linked_from=urls.COUNCIL,
                              missing=book_pdf.COUNCIL_PDF_MISSING)
    if build.preview and not session.serving:  # opened from the unzipped artifact (file://)
        offline.prepare(site)
        Written(build.cache).record(build.detached, site.absolute(), build.theme, build.side_keys,
                                    build.previous.kept)  # the pages as they are now
        build.lap("preview made to open from files")
    build.previous.wait_deleted()
    build.lap("done")
    counts = build.scan.counts
    log.info(
        f"goldenbook: {counts['found']} tệp, {counts['valid']} hồ sơ hợp lệ, {counts['published']} công bố, "
        f"{len(plan.catalog.entries)} hồ sơ được tạo trang "
        f"({counts['found']} found, {counts['valid']} valid, {counts['published']} published, "
        f"{len(plan.catalog.entries)} rendered)")


def _finish_side_outputs(build: Build, site: Path, session: Session) -> None:
    """Wait for the open data and search index; `serve` serves the pages first and waits next rebuild."""
    sides, build.sides = build.sides, []
    in_process = any(isinstance(side, side_outputs.InProcessOutput) for side in sides)
    if session.serving and sides and not in_process:
        # The pages are served as soon as the build returns (the server holds every request until then);
        # the open data and the search index follow, their previous versions in place meanwhile.
        session.sides, session.sides_site, session.sides_cache = sides, site.absolute(), build.cache
        build.lap("open data and search index left to finish")
        return
    for side in sides:
        side.wait()
    side_outputs.record_sides(build.sides_file, site.absolute())
    build.lap("open data and search index written")


def finish_sides(session: Session) -> None:
    """Wait for the open data and search index a previous `serve` rebuild left running."""
    sides, session.sides = session.sides, []
    cache, site = session.sides_cache, session.sides_site
    try:
        for side in sides:
            side.wait()
    except RuntimeError as problem:  # that rebuild's own outputs: reported, and made again by this one
        if cache is not None:
            _forget(cache)
        log.warning(f"goldenbook: {problem}")
    else:
        if sides and cache is not None and site is not None:
            side_outputs.record_sides(cache / "sides.json", site)
            log.debug("goldenbook: open data and search index of the previous rebuild written")


def _forget(cache: Path) -> None:
    """The side outputs ``written.json`` names were not finished: the next build trusts nothing of this
    one's site (its pages come from the page cache)."""
    Written(cache).forget()
    side_outputs.forget_sides(cache / "sides.json")


def abandon(build: Build | None) -> None:
    """The build failed: wait for its workers (their own errors matter less than the build's)."""
    if build is None:
        return
    sides, build.sides = build.sides, []
    for side in sides:
        if isinstance(side, side_outputs.InProcessOutput):
            continue  # not started: nothing to wait for
        try:
            side.wait()
        except RuntimeError:
            _forget(build.cache)
    build.previous.wait_deleted()


def end_of_process(build: Build | None) -> None:
    """The process ends next: let it end without taking apart, object by object, what the build made.
    At 10,000 records that took 1.4 s after the build was done; held in a cycle and frozen, the objects
    are never freed one by one, and the system takes the memory back at once. Nothing held here has
    anything left to write (every file is closed once written)."""
    _HELD_UNTIL_EXIT.append(build)
    gc.freeze()


_HELD_UNTIL_EXIT: list[object] = []
