"""MkDocs hooks: hand the Golden Book's records to MkDocs, in build order.

The work is done by the ``goldenbook`` package, which knows nothing of MkDocs:
it reads and checks the records (``records.scan``), selects and indexes them
(``catalog``) and renders every generated page to an HTML fragment
(``site.plan_site``). This file only adapts that plan to MkDocs' events:

    on_config         read, validate (fail the build on any error), select and index the records
    on_pre_build      move the previous site aside (its unchanged pages are taken back)
    on_files          plan the site; add the generated pages the navigation lists, images and assets
    on_nav            keep the navigation (detached pages are rendered with it)
    on_env            render and write every generated page the navigation does not list
    on_page_markdown  generated pages skip Markdown; hand-written pages get snippets
    on_page_content   generated pages get their finished HTML
    on_post_build     the sitemap, preview extras, the search index, the book's PDF and the accounting
                      (`mkdocs serve`: the search index and open data finish after the pages are served)
    on_serve          watch files by the kernel's events rather than MkDocs' polling
    on_shutdown       wait for what the last rebuild of `mkdocs serve` left running

Pages the navigation lists (the indexes) go through MkDocs like hand-written
ones; their sources are written to ``<variant>/`` of the repository's cache
folder (``goldenbook.cachedir``, outside the work tree; never into
``docs_dir``). The others — records, provinces, fields, editions, one
per record for the council — are *detached*: nothing about MkDocs' navigation
differs between them, so Material's template is rendered once per kind of
page and filled per page (``goldenbook.site.shell``), checked byte for byte
against a full render of the first page of each kind. Fragments are cached by
content (``pages/`` of the cache folder), and detached pages are written by
both CPUs (``goldenbook.parallel``), changed pages first.
"""

from __future__ import annotations

import os
import sys

# MkDocs puts this file's folder first on sys.path while it runs it: a module committed beside it
# (hooks/goldenbook.py, hooks/gzip.py) would be imported instead of the real one. Nothing is imported from
# there (``os`` and ``sys`` are loaded before any hook, so these two lines import nothing).
sys.path[:] = [entry for entry in sys.path
               if os.path.abspath(entry) != os.path.abspath(os.path.dirname(__file__))]

import contextlib
import gc
import gzip
import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin

import jinja2
import markupsafe
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import goldenbook
from goldenbook import export
from goldenbook.builddate import build_date  # the council sheet's date (issue 22)
from goldenbook.cachedir import CacheInsideRepository, cache_root
from goldenbook.catalog import Catalog, build_catalog
from goldenbook.checkout import tracked_problems
from goldenbook.diagnostics import format_text
from goldenbook.limits import LARGE_BUILD, PAGE_WORKERS_UP_TO
from goldenbook.nomination import NOMINATION_DATA, render_nomination_data
from goldenbook.parallel import background, share
from goldenbook.records import scan
from goldenbook.records.paths import IMAGES_DIR, RECORDS_DIR
from goldenbook.schema import SCHEMA_PATH
from goldenbook.search import PageText, build_index, page_text, write_index
from goldenbook.search.index import FOLDER as SEARCH_FOLDER
from goldenbook.site import GeneratedPage, SitePlan, offline, plan_records, plan_site, urls
from goldenbook.site import pdfpages
from goldenbook.site.assets import (COUNCIL_SCRIPT, COUNCIL_STYLESHEET, SEARCH_SCRIPT, SEARCH_STYLESHEET, STYLESHEET,
                                    book_assets, council_assets, search_assets, stylesheet)
from goldenbook.site.cache import CacheDamaged, Content, PageCache, code_fingerprint, content_key
from goldenbook.site.images import prepare_all
from goldenbook.site.printlinks import links_for_print
from goldenbook.site.shell import TOKEN, Shell, build_shell, probe, token
from goldenbook.validation import image_diagnostics

log = logging.getLogger("mkdocs.hooks.publication")

PREVIEW_ENV = "GOLDENBOOK_PREVIEW"
#: ``GOLDENBOOK_SEARCH=0`` builds without the search index (for scripts/bench_search.py only).
SEARCH_ENV = "GOLDENBOOK_SEARCH"
#: ``GOLDENBOOK_SHELLS=0`` renders every detached page in full (the tests compare both ways byte for byte).
SHELLS = os.environ.get("GOLDENBOOK_SHELLS", "1") != "0"
MARKER = re.compile(r"<!--\s*gb:([a-z-]+)\s*-->")
#: ``GOLDENBOOK_PDF=0`` builds without the book's PDF (the test suite's builds, except one test).
PDF_ENV = "GOLDENBOOK_PDF"
#: The browser that prints the PDF, when it is not ``chromium`` (or chromium-browser, google-chrome) on PATH.
CHROMIUM_ENV = "GOLDENBOOK_CHROMIUM"
#: Seconds the browser may take to print the book before the build gives up on the PDF.
PDF_TIMEOUT = int(os.environ.get("GOLDENBOOK_PDF_TIMEOUT", "180"))
#: What the edition page says where the PDF's link would be, when the build could not make it.
PDF_MISSING = ('<span class="gb-edition-links__pdf gb-muted" data-gb-pdf-missing>Tệp PDF của sách chưa có trong '
               'lần cập nhật này.</span>')
#: The same, on the council's dashboard for its dossier.
COUNCIL_PDF_MISSING = '<span class="gb-muted" data-gb-pdf-missing>Tệp PDF hồ sơ hội đồng chưa có trong lần dựng này.</span>'

# What one build learned, shared between events (hooks are module-level functions).
_build: dict = {}
# What the command is (build, serve, gh-deploy): set once per invocation by on_startup. MkDocs loads
# this file again with every configuration (each rebuild of `mkdocs serve`) but runs on_startup once, so
# the session is kept on the goldenbook package, which stays imported.
_session: dict = goldenbook.__dict__.setdefault("_mkdocs_session", {"command": "build", "dirty": False})


def on_startup(*, command: str, dirty: bool) -> None:
    _session["command"] = command
    _session["dirty"] = dirty


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
    """The book's PDF is made by public builds (not previews, not ``mkdocs serve``) unless ``GOLDENBOOK_PDF=0``.

    Without a browser the build tries all the same, so that it says so (``_book_pdf``).
    """
    return not (preview or _session["command"] == "serve" or os.environ.get(PDF_ENV, "1") == "0")


# ---------------------------------------------------------------- on_config

def _lap(what: str) -> None:
    """Log (at debug level: ``mkdocs build -v``) how long the build has run when ``what`` is done."""
    log.debug(f"goldenbook: {what} at {time.perf_counter() - _build.get('started', 0.0):.2f} s")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    started = time.perf_counter()
    root = Path(config.config_file_path).resolve().parent
    preview = os.environ.get(PREVIEW_ENV, "") not in ("", "0")
    if not config.use_directory_urls:
        raise PluginError("goldenbook: use_directory_urls must stay true (the URL scheme depends on it)")
    try:
        cached = cache_root(root)  # every cache of this build: outside the work tree
    except CacheInsideRepository as problem:
        raise PluginError(f"goldenbook: {problem}") from None
    if not _session.get("checkout_checked"):  # once per process (`mkdocs serve` configures every rebuild)
        refused = tracked_problems(root)
        if refused:
            raise PluginError(
                f"kho theo dõi {len(refused)} tệp không bao giờ được đưa vào kho — không dựng trang "
                f"(the repository tracks {len(refused)} files that must never be committed):\n{format_text(refused)}")
        _session["checkout_checked"] = True
    if not preview:
        _check_address(config)

    _refuse_links(Path(config.docs_dir), root)
    result = scan(root)
    _build["started"] = started
    _lap("records read")
    for warning in (d for d in result.diagnostics if d.severity == "warning"):
        log.warning(format_text([warning]))
    if not result.ok:
        raise PluginError(
            f"{len(result.errors)} lỗi trong hồ sơ — trang không được tạo cho đến khi sửa xong "
            f"({len(result.errors)} errors in records):\n{format_text(result.errors)}")

    catalog = build_catalog(result.entries, preview=preview)
    # Record photos: resized variants and metadata-free originals, cached by content (goldenbook.site.images).
    sources = sorted({src for entry in catalog.entries for src in entry.image_sources})
    pictures = prepare_all(root / IMAGES_DIR, sources, cached / "images")
    failed = image_diagnostics(root, catalog.entries, {p.src: p.problem for p in pictures.values() if p.problem},
                               IMAGES_DIR)
    if failed:  # nothing of an image that cannot be decoded and written anew is published
        raise PluginError(f"{len(failed)} lỗi ảnh — trang không được tạo cho đến khi sửa xong "
                          f"({len(failed)} image errors):\n{format_text(failed)}")
    _configure(config, root, preview)
    _build.clear()
    _build.update(started=started, root=root, scan=result, catalog=catalog, pictures=pictures, preview=preview,
                  inputs=_inputs(config) if _session["command"] == "serve" else None,
                  cached=cached, cache=cached / ("preview" if preview else "public"))
    _lap("records selected")
    return config


def _refuse_links(docs: Path, root: Path) -> None:
    """No symbolic link in the hand-written pages' folder: MkDocs follows them and copies what they point
    to into the site (a link to ``~/.ssh/id_rsa`` would publish it), and two links to their own folder
    make its walk take forever. Checked before MkDocs walks the folder."""
    found = [docs] if docs.is_symlink() else []
    for folder, names, files in os.walk(docs) if not found else ():  # links to folders are listed, not followed
        found += [Path(folder, name) for name in (*names, *files) if os.path.islink(os.path.join(folder, name))]
    if found:
        shown = "\n".join(f"  {Path(os.path.relpath(path, root)).as_posix()}" for path in sorted(found))
        raise PluginError(f"liên kết (symlink) trong thư mục trang viết tay — chỉ dùng tệp thật; chép nội dung vào "
                          f"tệp thay cho liên kết (symbolic links in the pages' folder are not accepted):\n{shown}")


#: ``GOLDENBOOK_REQUIRE_SITE_URL=1`` (the publish workflow): a public build without its address fails.
REQUIRE_SITE_URL_ENV = "GOLDENBOOK_REQUIRE_SITE_URL"


def _check_address(config: MkDocsConfig) -> None:
    """A public build without ``site_url`` (``GOLDENBOOK_SITE_URL``) fails where the address is required,
    and otherwise says once, at INFO level (a local ``--strict`` build passes), what it lacks."""
    if config.site_url:
        return
    if os.environ.get(REQUIRE_SITE_URL_ENV, "") not in ("", "0"):
        raise PluginError(
            "goldenbook: chưa có địa chỉ của trang (GOLDENBOOK_SITE_URL trống) — bản xuất bản cần địa chỉ để sơ đồ "
            "trang, nguồn tin và thẻ chia sẻ dùng liên kết tuyệt đối. Cách sửa: đặt GOLDENBOOK_SITE_URL (quy trình "
            "publish.yml lấy từ bước actions/configure-pages), hoặc bật GitHub Pages (Settings → Pages → GitHub "
            "Actions) (the site's address is required: set GOLDENBOOK_SITE_URL)")
    if not _session.get("address_told"):
        _session["address_told"] = True
        log.info("goldenbook: chưa đặt địa chỉ trang (GOLDENBOOK_SITE_URL) — sơ đồ trang không liệt kê trang nào, "
                 "nguồn tin và thẻ chia sẻ dùng liên kết tương đối; bản xuất bản đặt địa chỉ này "
                 "(no site address: the sitemap lists no page, feed and share links are relative)")


def _configure(config: MkDocsConfig, root: Path, preview: bool) -> None:
    """The site's stylesheets and scripts, and the folders `mkdocs serve` watches."""
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


#: Edited records whose pages `mkdocs serve` writes before planning the rest (more: a bulk change).
EDITED_FIRST = 20


def _write_edited(catalog: Catalog, site_url: str, pictures: dict, cache: PageCache, compiled: str,
                  inputs: str | None) -> None:
    """`mkdocs serve`: write the edited records' pages first, before the rest of the site is planned.

    An editor saves a record and looks at its page: planning 10,000 pages'
    keys takes a second, this one page a few milliseconds. When nothing but
    records changed since the previous rebuild of this process (``_inputs``),
    that rebuild's shells and navigation are this one's; the page is planned
    as ``plan_site`` plans it (same key, same fragment), written, and written
    again by ``on_env`` with this build's own shells.
    """
    writer: _Detached | None = _session.get("writer")
    known: dict[str, str] | None = _session.get("fingerprints")
    if inputs is None or writer is None or known is None or _session.get("inputs") != inputs:
        return
    edited = [entry for entry in catalog.entries if known.get(entry.slug) != entry.fingerprint]
    if 0 < len(edited) <= EDITED_FIRST:
        for page in plan_records(catalog, edited, site_url=site_url, pictures=pictures, cache=cache,
                                 compiled=compiled):
            writer.write(page)
        _lap(f"{len(edited)} edited records written")


def _early_write(config: MkDocsConfig) -> None:
    """`mkdocs serve`: write the changed pages now (the indexes that list an edited record; its own page
    was written by ``_write_edited``), with the previous rebuild's shells.

    MkDocs reads every hand-written page before a theme template can be used
    (the navigation needs their titles), which delays the first page this
    build could write. When nothing but records changed since the previous
    rebuild of this process (configuration, theme overrides, hand-written
    pages, code: ``_inputs``), that rebuild's shells and navigation are this
    one's, so the pages whose content changed are written straight away.
    ``on_env`` writes them again with this build's own shells, so the site
    ends the same whatever happened here.
    """
    writer: _Detached | None = _session.get("writer")
    if writer is None or _build["inputs"] is None or _session.get("inputs") != _build["inputs"]:
        return
    for page in [page for page in _build["detached"] if not page.cached][:EDITED_FIRST]:
        writer.write(page)


def _inputs(config: MkDocsConfig) -> str:
    """What, besides records, the pages of a `mkdocs serve` rebuild depend on (see ``_early_write``)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(Path(__file__).read_bytes())
    folders = [config.docs_dir, *(config.theme.dirs[:1] if config.theme.custom_dir else [])]
    for folder in folders:
        for top, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                info = os.stat(os.path.join(top, name))
                digest.update(f"{top}/{name}:{info.st_size}:{info.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    digest.update(f"{config.site_dir}{config.site_url}{config.extra}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _jinja_cache(cached: Path) -> str:
    """Jinja's compiled templates: outside the work tree (Jinja unpickles a cache file before checking it)."""
    folder = cached / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def _nav_paths(nav: list | None) -> set[str] | None:
    """Source paths the configured navigation lists; None when there is no ``nav`` (every page is in it)."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


# ---------------------------------------------------------------- on_pre_build

def on_pre_build(config: MkDocsConfig) -> None:
    """Move the previous site aside: its unchanged pages are taken back, the rest deleted meanwhile.

    MkDocs empties ``site_dir`` before building; with 10,000 records that is
    20,000 files deleted one by one before anything else can start, and as
    many written again. A rename takes no time: the old tree goes to
    ``trash/`` of the cache folder, ``on_env`` moves back every detached page
    that is known to be unchanged (``_reuse``), and a child process deletes
    the rest while MkDocs builds (the build waits for it at the end, so its
    time still counts). Where a rename is not possible (another file system),
    MkDocs empties the folder as usual.
    """
    _finish_sides()  # a previous rebuild of `mkdocs serve` may still be writing into this folder
    site = Path(config.site_dir).absolute()
    _build["trash_pid"] = None
    _build["previous"] = None
    if site.is_symlink():  # MkDocs would empty the folder it points to, and write the site there
        raise PluginError(f"goldenbook: thư mục trang {site} là liên kết tượng trưng: hãy xoá liên kết rồi dựng lại "
                          f"(the site folder is a symbolic link: delete the link and build again)")
    if _session.get("dirty") or not site.is_dir() or not any(site.iterdir()):
        return
    # Aside within the same file system: the project's cache when it is on it, else next to site_dir.
    trash = _build["cached"] / "trash"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        if trash.stat().st_dev != site.stat().st_dev:
            trash = site.parent / f".{site.name}.trash"
            trash.mkdir(exist_ok=True)
            if trash.is_symlink():  # committed by someone: the old site would be moved where it points
                raise OSError(f"{trash} is a symbolic link")
        previous = trash / f"{site.name}-{os.getpid()}-{time.monotonic_ns()}"
        site.rename(previous)
        site.mkdir()
    except OSError:
        site.mkdir(exist_ok=True)
        return
    _build["previous"] = previous
    _build["trash"] = trash


def _delete_trash() -> None:
    """Delete what is left of the previous site, in a child process (waited for by ``_empty_trash``)."""
    trash = _build.get("trash")
    if trash is None:
        return
    if not hasattr(os, "fork"):
        shutil.rmtree(trash, ignore_errors=True)
        return
    pid = os.fork()
    if pid == 0:  # the child only deletes files: no logging, no locks
        try:
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            os._exit(0)
    _build["trash_pid"] = pid


# ---------------------------------------------------------------- pages kept from the previous build

def _theme_signature(config: MkDocsConfig, nav: Navigation) -> str:
    """Everything besides a page's own content that a detached page's bytes depend on.

    The configuration file and what it resolved to (site_url, extra CSS and
    scripts…), the theme overrides, the versions of MkDocs and Material, this
    hook, the goldenbook package, and the navigation as shown (titles and
    addresses). A page whose content key and theme signature are those of the
    page the previous build wrote is byte for byte that page.
    """
    import material
    import mkdocs

    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")

    add(mkdocs.__version__, material.__version__, code_fingerprint(), SHELLS, config.site_url,
        config.use_directory_urls, config.site_name, config.copyright, config.repo_url, config.edit_uri,
        json.dumps(config.extra, sort_keys=True, default=str),
        [str(item) for item in config.extra_css], [str(item) for item in config.extra_javascript],
        json.dumps(dict(config.theme.items()), sort_keys=True, default=str))
    for path in (Path(config.config_file_path), Path(__file__)):
        add(path.read_bytes())
    for folder in config.theme.dirs[:1] if config.theme.custom_dir else []:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                add(path.relative_to(folder).as_posix(), path.read_bytes())

    def walk(items: list) -> None:
        for item in items:
            add(type(item).__name__, getattr(item, "title", None), getattr(item, "url", None))
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return digest.hexdigest()


def _written_path() -> Path:
    return _build["cache"] / "written.json"


def _forget_written() -> None:
    """The open data or search index ``written.json`` names were not finished: the next build trusts nothing
    of this one's site (its pages come from the page cache)."""
    with contextlib.suppress(OSError, KeyError):
        _written_path().unlink()
    with contextlib.suppress(OSError, KeyError):
        _sides_path().unlink()


def _written() -> dict:
    try:
        return json.loads(_written_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _reuse(pages: list[GeneratedPage], site: Path, theme: str, written: dict) -> list[GeneratedPage]:
    """Move back from the previous site the pages the previous build wrote exactly so; return the others.

    A page is taken back only when the record of the previous build (``written.json``: site folder,
    theme signature, and per page its content key and ``_stamp``) says it is this page, and the file
    found is the one that build wrote (same stamp). A folder of many such pages (the records) is
    moved back whole, one rename, and what else it held goes back; a page's own folder comes with it
    only if it is as that build left it (same stamp: nothing added to it since).
    """
    previous: Path | None = _build.get("previous")
    if not _same_site(previous, site, written) or written.get("theme") != theme:
        return pages
    known = written.get("pages", {})
    before = str(previous)
    left: list[GeneratedPage] = []
    unchanged: dict[str, list[tuple[str, GeneratedPage, list]]] = {}  # parent folder → its pages
    for page in pages:
        was = known.get(page.url)
        if was is not None and was[0] == page.key:
            try:
                info = os.stat(os.path.join(before, page.url, "index.html"))
            except OSError:
                info = None
            if info is not None and _stamp(info) == was[1:5]:
                parent, _, name = page.url.rstrip("/").rpartition("/")
                unchanged.setdefault(parent, []).append((name, page, was))
                continue
        left.append(page)
    # Folders that hold other pages (an edition and its print page): never moved whole with one of them.
    inner = {url.rstrip("/").rpartition("/")[0] for url in known} | \
            {page.url.rstrip("/").rpartition("/")[0] for page in pages}
    kept = _build.setdefault("kept", {})
    for parent, members in unchanged.items():
        leaves = {name for name, _, was in members if f"{parent}/{name}".lstrip("/") not in inner
                  and _folder_stamp(previous / parent / name) == was[5:]}
        if len(leaves) >= BULK_FROM and parent and _move_folder(previous, site, parent, leaves):
            kept.update((page.url, was) for name, page, was in members if name in leaves)
            members = [member for member in members if member[0] not in leaves]
        for name, page, was in members:
            try:
                alone = page.url.rstrip("/") not in inner
                _move_page(previous, site, page.url, alone)
                kept[page.url] = _page_stamp(site, page, alone)
            except OSError:
                left.append(page)
    return left


def _stamp(info: os.stat_result) -> list[int]:
    """What shows a page is the very file a build wrote: its size and modification time, which git, tar or
    ``touch`` can set, and its inode and change time, which only the kernel sets (a file written by a
    checkout, copied or edited since has another)."""
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def _folder_stamp(folder: Path) -> list[int]:
    """A page's folder as a build left it (an entry added or removed changes its times); [] if missing."""
    try:
        return _stamp(os.stat(folder))
    except OSError:
        return []


def _page_stamp(site: Path, page: GeneratedPage, alone: bool) -> list | None:
    """What ``written.json`` keeps of a page: its key, its file's stamp, and its folder's when the folder
    holds no other page (``alone``: such a folder may be moved back whole)."""
    folder = os.path.join(site, page.url)
    try:
        info = os.stat(os.path.join(folder, "index.html"))
    except OSError:
        return None
    return [page.key, *_stamp(info), *(_folder_stamp(Path(folder)) if alone else [])]


def _site_id(folder: Path) -> list[int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def _same_site(previous: Path | None, site: Path, written: dict) -> bool:
    """Whether the previous site set aside is the folder the build ``written.json`` describes wrote
    (same path, same folder: not one a fresh clone brought at that path)."""
    return previous is not None and written.get("site") == str(site) and \
        _site_id(previous) is not None and written.get("site_id") == _site_id(previous)


#: Unchanged pages in one folder from which the folder is moved back whole (one rename, not one each).
BULK_FROM = 64


def _move_page(previous: Path, site: Path, url: str, alone: bool) -> None:
    """Move one page back: its folder when it holds nothing else (and no other page), else its file."""
    old = os.path.join(previous, url, "index.html")
    folder = os.path.join(site, url).rstrip("/")
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    if alone and os.listdir(os.path.dirname(old)) == ["index.html"]:
        os.rename(os.path.dirname(old), folder)
    else:
        os.makedirs(folder, exist_ok=True)
        os.rename(old, os.path.join(folder, "index.html"))


def _move_folder(previous: Path, site: Path, parent: str, names: set[str]) -> bool:
    """Move the folder ``parent`` back whole, with the unchanged pages ``names`` in it.

    Whatever else the old folder holds (changed or removed pages, pages MkDocs
    writes itself) goes back to the previous site, where it was; pages this
    build already wrote into the new folder (an edit in `mkdocs serve`) are
    put in first. False (and nothing moved) when the folder cannot be moved.
    """
    old, new = previous / parent, site / parent
    fresh: list[str] = []
    try:
        if new.exists():  # this build wrote into it already: those pages go into the old folder first
            for name in os.listdir(new):
                if (old / name).exists():
                    os.rename(old / name, previous / f".replaced-{time.monotonic_ns()}-{name}")
                os.rename(new / name, old / name)
                fresh.append(name)
            new.rmdir()
        new.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, new)
    except OSError:
        for name in fresh:  # undo: the new pages back where they were written
            new.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.rename(old / name, new / name)
        return False
    old.mkdir(parents=True)
    for name in os.listdir(new):
        if name not in names and name not in fresh:
            os.rename(new / name, old / name)  # not this build's: back to the previous site
    return True


def _record_written(pages: list[GeneratedPage], site: Path, theme: str, sides: dict[str, str | None]) -> None:
    """Remember what this build wrote, for the next one (``_reuse``)."""
    known = {}
    kept = _build.get("kept", {})
    inner = {page.url.rstrip("/").rpartition("/")[0] for page in pages}
    for page in pages:
        stamp = kept.get(page.url) or _page_stamp(site, page, page.url.rstrip("/") not in inner)
        if stamp is not None:
            known[page.url] = stamp
    path = _written_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"site": str(site), "site_id": _site_id(site), "theme": theme, "pages": known,
                                     **sides}), encoding="utf-8")
    os.replace(temporary, path)


def _side_outputs(site: Path, plan: SitePlan, texts: list[PageText], written: dict) -> dict[str, str | None]:
    """Open data, the feed and the search index: taken back from the previous site when their key is the
    one that build recorded, else made (or read from the page cache) by a worker alongside the pages.

    Returns their keys, for ``written.json``.
    """
    texts = sorted(texts, key=lambda t: t.url)
    keys: dict[str, str | None] = {
        "data": content_key("data", plan.catalog, plan.site_url),
        "search": content_key("search", plan.catalog, [(t.url, t.title, t.text) for t in texts])
        if os.environ.get(SEARCH_ENV, "1") != "0" else None}
    previous: Path | None = _build.get("previous")
    same = _same_site(previous, site, written)
    names = SIDE_NAMES
    sides = _sides_written() if same else {}
    todo = [part for part, key in keys.items() if key is not None
            and not (same and written.get(part) == key and sides.get("site") == str(site)
                     and sides.get(part) == _tree_stamps(previous, names[part])  # as written: nothing added since
                     and _move_back(previous, site, names[part]))]
    if previous is not None:  # the previous versions stand in until replaced (`mkdocs serve` shows pages sooner)
        for part in todo:
            for name in names[part]:
                _move_back(previous, site, [name])
    # each in its own worker, neither waiting for the other; but a large build makes them here, after the
    # pages: each worker would load every record into memory of its own (100,000 records: gigabytes)
    work = [partial(_write_side, site, plan, texts, keys, [part]) for part in todo]
    if len(plan.catalog.entries) <= LARGE_BUILD:
        _build["side"] = [background(job) for job in work]
    else:
        _build["side"] = [_InProcessOutput(job) for job in work]
    return keys




class _InProcessOutput:
    """Work run when waited for (in this process), where a worker would cost too much memory."""

    def __init__(self, work) -> None:
        self.work = work

    def wait(self) -> None:
        work, self.work = self.work, None
        if work is not None:
            work()


#: What each side output writes in the site.
SIDE_NAMES = {"data": [export.DATA_DIR, "feed.xml"], "search": [SEARCH_FOLDER]}


def _tree_stamps(site: Path, names: list[str]) -> list:
    """The stamps (``_stamp``) of ``names`` under ``site`` and of every folder in them: a file added,
    removed or replaced in any of these folders since changes one of them."""
    out: list = []
    for name in names:
        top = site / name
        out.append([name, *_folder_stamp(top)])
        for folder, subfolders, _ in os.walk(top):
            for sub in sorted(subfolders):
                path = os.path.join(folder, sub)
                out.append([os.path.relpath(path, site), *_folder_stamp(Path(path))])
    return out


def _sides_path() -> Path:
    return _build["cache"] / "sides.json"


def _sides_written() -> dict:
    try:
        return json.loads(_sides_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _record_sides(site: Path) -> None:
    """Once the open data and the search index are written: their folders' stamps, for the next build."""
    with contextlib.suppress(OSError, KeyError):
        stamps = {part: _tree_stamps(site, names) for part, names in SIDE_NAMES.items()}
        temporary = _sides_path().with_suffix(".tmp")
        temporary.write_text(json.dumps({"site": str(site), **stamps}), encoding="utf-8")
        os.replace(temporary, _sides_path())


def _move_back(previous: Path, site: Path, names: list[str]) -> bool:
    try:
        for name in names:
            os.rename(previous / name, site / name)
        return True
    except OSError:
        return False


def _write_files(site: Path, files: Iterable[tuple[str, Content]]) -> None:
    """Write ``files`` under ``site`` as they come; where ``_side_outputs`` took back the previous build's
    open-data folder, only what differs is written (one record changed: one file, the lists and the feed),
    what is gone deleted."""
    folder = site / export.DATA_DIR
    taken = folder.is_dir()
    made: set[str] = set()
    wanted: set[str] = set()
    for path, content in files:
        target = f"{site}/{path}"
        wanted.add(target)
        if taken and _same_file(target, content):
            continue
        parent = os.path.dirname(target)
        if parent not in made:  # each folder once (thousands of files share a few folders)
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            else:
                out.writelines(content)
    for top, _, names in os.walk(folder):
        for name in names:
            if os.path.join(top, name) not in wanted:
                os.unlink(os.path.join(top, name))


def _same_file(target: str, content: Content) -> bool:
    """Whether the file at ``target`` holds ``content`` already."""
    size = len(content) if isinstance(content, bytes) else sum(map(len, content))
    try:
        if os.stat(target).st_size != size:
            return False
        with open(target, "rb") as old:
            return old.read() == (content if isinstance(content, bytes) else b"".join(content))
    except OSError:
        return False


def _write_side(site: Path, plan: SitePlan, texts: list[PageText], keys: dict, todo: list[str]) -> None:
    cache = PageCache(_build["cached"] / "pages")
    if "data" in todo:
        stored = cache.get_files(keys["data"])
        try:
            _write_files(site, stored if stored is not None else cache.recording(keys["data"], plan.files()))
        except CacheDamaged:  # written again from the records (what was written already is kept)
            _write_files(site, cache.recording(keys["data"], plan.files()))
    if "search" in todo:  # the search index of the records and pages this build shows
        index = None
        stored = cache.get_files(keys["search"])
        if stored is not None:
            with contextlib.suppress(CacheDamaged):
                index = dict(stored)
        if index is None:
            index = build_index(plan.catalog, texts)
            cache.put_files(keys["search"], index)
        write_index(site, index)


def _empty_trash() -> None:
    pid = _build.pop("trash_pid", None)
    if pid:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


# ---------------------------------------------------------------- on_files

def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan = _plan(config)
    cache: Path = _build["cache"]
    _prune(cache, set(_build["pages"]))
    for page in plan.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"goldenbook: content/{page.path} would hide a generated page; rename it")
    for page in _build["pages"].values():
        _write_if_changed(cache / page.path, _page_source(page))
        files.append(File(page.path, src_dir=str(cache), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    root: Path = _build["root"]
    variants: set[str] = set()
    for src in plan.images:  # only the images of records this build shows
        picture = plan.pictures.get(src)
        if picture is None or picture.original is None:  # never copied: only pixels written anew are published
            raise PluginError(f"goldenbook: {IMAGES_DIR}/{src} was not prepared (images are never copied as they are)")
        files.append(File.generated(config, f"{IMAGES_DIR}/{src}", abs_src_path=str(picture.original)))
        for variant in picture.variants:
            if variant.url not in variants:  # two records may share a photo
                variants.add(variant.url)
                files.append(File.generated(config, variant.url, abs_src_path=str(variant.file)))
    _early_write(config)
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
    # the council's scoring sheet (hoi-dong/danh-gia.xlsx, preview only; goldenbook.sheets.council, issue 22)
    for path, content in plan.council_files(build_date(_build["root"])):
        files.append(File.generated(config, path, content=content))
    # open data and the feed: written by a worker while pages are (see on_env); listed here for link checks
    for path in plan.file_paths():
        files.append(_WrittenByHook(path, src_dir=None, dest_dir=config.site_dir,
                                    use_directory_urls=config.use_directory_urls))
    schema = root / SCHEMA_PATH  # published for editors' tools and the nomination form
    if schema.is_file():
        files.append(File(SCHEMA_PATH, src_dir=str(root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def _plan(config: MkDocsConfig) -> SitePlan:
    """Plan every generated page: here rather than in ``on_config``, so that `mkdocs serve` can write an
    edited record's page first into the site folder this build keeps (MkDocs empties it after
    ``on_pre_build``)."""
    root, catalog, pictures = _build["root"], _build["catalog"], _build["pictures"]
    site_url, compiled = config.site_url or "", _jinja_cache(_build["cached"])
    cache = PageCache(_build["cached"] / "pages")
    _write_edited(catalog, site_url, pictures, cache, compiled, _build["inputs"])
    plan = plan_site(catalog, site_url=site_url, pictures=pictures, pdf=_pdf_wanted(_build["preview"]),
                     cache=cache, compiled=compiled, council_pdf=_build["preview"] and _pdf_wanted(False))
    listed = _nav_paths(config.nav)
    _build.update(plan=plan, texts=[],
                  pages={page.path: page for page in plan.pages if listed is None or page.path in listed},
                  detached=[page for page in plan.pages if listed is not None and page.path not in listed])
    _lap("site planned")
    return plan


class _WrittenByHook(File):
    """A file the hook writes itself (open data, the feed): known to MkDocs' link checks, never copied by it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


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


# ---------------------------------------------------------------- on_nav, on_env: detached pages

def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _lap("hand-written pages read")
    _build["nav"] = nav
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Write the detached pages now: before MkDocs renders its own, so a changed record shows first."""
    detached: list[GeneratedPage] = _build["detached"]
    # Material's templates are compiled again by every build (and every rebuild of `mkdocs serve`): keep
    # the compiled code (Jinja checks each template's source before it uses its cached code).
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(_jinja_cache(_build["cached"]))
    writer = _Detached(config, env, _build["nav"], files, _build["cache"])
    _build["writer"] = writer
    site = Path(config.site_dir).absolute()
    theme = _theme_signature(config, _build["nav"])
    writer.count(detached)
    written = _written()
    with contextlib.suppress(OSError):
        _written_path().unlink()  # from here until _record_written, the site is neither old nor new
    # Hand-written pages were read already (MkDocs reads every page before on_env): their text is known,
    # so the search index and the open data can be made alongside the pages.
    sides = _side_outputs(site, _build["plan"], list(_build["texts"]), written)
    changed = [page for page in detached if not page.cached]
    first = changed if len(changed) <= 50 else []  # an edit in `mkdocs serve`: its pages before the rest
    for page in first:
        writer.write(page)
    done = set(map(id, first))
    rest = _reuse([page for page in detached if id(page) not in done], site, theme, written)
    _lap(f"{len(first)} changed pages written, {len(detached) - len(first) - len(rest)} kept")
    _delete_trash()
    writer.prepare(rest)
    # a second page process holds its own copies of what it touches: above PAGE_WORKERS_UP_TO records, the
    # build's process writes every page (100,000 records: 3.6 GiB in all, not 4.3, for a seventh more time)
    share(rest, writer.write, workers=1 if len(_build["plan"].catalog.entries) > PAGE_WORKERS_UP_TO else None)
    _lap(f"{len(rest)} pages written")
    _record_written(detached, site, theme, sides)
    _build["written_as"] = (theme, sides)  # the preview records its pages again once made to open from files
    if _session["command"] == "serve":  # for the next rebuild's _write_edited and _early_write
        _session["writer"], _session["inputs"] = writer, _build["inputs"]
        _session["fingerprints"] = {entry.slug: entry.fingerprint for entry in _build["plan"].catalog.entries}
    return env


class _Detached:
    """Renders generated pages the navigation does not list, through shells of the theme's template."""

    #: Pages of a kind (template and folder) this rare are rendered in full: a shell would not pay.
    FEW = 3

    def __init__(self, config: MkDocsConfig, env: jinja2.Environment, nav: Navigation, files: Files,
                 src_dir: Path) -> None:
        self.config, self.env, self.nav = config, env, nav
        self.doc_files = files.documentation_pages()
        self.src_dir = str(src_dir)
        self.shells: dict[tuple, Shell | None] = {}
        self.refused: list[str] = []
        self.kinds: dict[tuple[str, str], int] = {}

    # -- what a page is made of

    @staticmethod
    def _split(url: str) -> tuple[str, str]:
        parent, _, slug = url.rstrip("/").rpartition("/")
        return parent, slug

    def _kind(self, page: GeneratedPage) -> tuple[str, str]:
        return page.template or "main.html", self._split(page.url)[0]

    def count(self, pages: list[GeneratedPage]) -> None:
        """Count pages by kind: a kind with few pages is rendered in full."""
        for page in pages:
            self.kinds[self._kind(page)] = self.kinds.get(self._kind(page), 0) + 1

    def prepare(self, pages: list[GeneratedPage]) -> None:
        """Build each kind's first shell here, before the work is shared."""
        seen: set[tuple[str, str]] = set()
        for page in pages:
            kind = self._kind(page)
            if kind not in seen and self.kinds.get(kind, 0) >= self.FEW:  # rare kinds are rendered in full
                seen.add(kind)
                self.output(page)
                page.forget()
        for url in self.refused:
            log.debug(f"goldenbook: {url}: rendered in full (the theme prints a value a shell cannot fill)")

    def output(self, page: GeneratedPage) -> str:
        meta, content = _page_meta(page), page.html
        parent, slug = self._split(page.url)
        if not SHELLS or self.kinds.get(self._kind(page), 0) < self.FEW or not TOKEN.fullmatch(slug):
            return self._render(page.url, meta, content)
        values: dict[str, object] = {"slug": slug, "content": content}
        names: dict[int, str] = {0: "slug", 1: "content"}
        shape, probes = _shape(meta, "meta", values, names)
        h1 = "<h1" in content
        key = (meta.get("template", "main.html"), parent, h1, shape)
        if key not in self.shells:
            self.shells[key] = self._shell(page, parent, probes, names, h1, values, meta, content)
        shell = self.shells[key]
        return shell.fill(values) if shell is not None else self._render(page.url, meta, content)

    def _shell(self, page: GeneratedPage, parent: str, probes: dict, names: dict[int, str], h1: bool,
               values: dict, meta: dict, content: str) -> Shell | None:
        """The kind's shell, kept only if filling it for this page gives exactly the full render."""
        extra = "<h1" if h1 else ""
        try:
            rendered = self._render(f"{parent}/{token(0)}/" if parent else f"{token(0)}/", probes,
                                    probe(1, extra))
        except Exception:  # noqa: BLE001 — a probe the theme cannot print (compared, counted…): render in full
            rendered = None
        shell = build_shell(rendered, names, frozenset({0}), {1: extra}) if rendered is not None else None
        if shell is not None and shell.fill(values) != self._render(page.url, meta, content):
            shell = None
        if shell is None:
            self.refused.append(page.url)
        return shell

    # -- MkDocs' own page rendering (mkdocs.commands.build._build_page), for a page it does not know

    def _render(self, url: str, meta: dict, content: str) -> str:
        config = self.config
        file = File(urls.source_path(url), src_dir=self.src_dir, dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls)
        page = Page(None, file, config)
        page.markdown = ""
        page.meta = meta
        page.content = content
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        page.active = True
        config._current_page = page
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def write(self, page: GeneratedPage) -> None:
        output = self.output(page)
        if output.strip():
            target = Path(self.config.site_dir, page.url, "index.html")
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), str(target))
        page.forget()

    def sitemap_files(self, pages: list[GeneratedPage]) -> list[File]:
        """Files with pages, as MkDocs' sitemap template reads them, for the detached pages."""
        files = []
        for generated in pages:
            file = File(generated.path, src_dir=self.src_dir, dest_dir=self.config.site_dir,
                        use_directory_urls=self.config.use_directory_urls)
            Page(None, file, self.config)
            files.append(file)
        return files


#: Page metadata that chooses how the page is made rather than what it prints: never a slot.
_FIXED_META = frozenset({"template", "hide", "search", "status", "icon", "gb_kind", "gb_status", "gb_print"})


def _shape(value: object, name: str, values: dict, names: dict[int, str]) -> tuple[tuple, object]:
    """What a page's meta looks like to a shell, and the meta to render the shell with.

    Non-empty text and numbers become slots (the page's value in ``values``,
    a probe in the shell's meta); everything else (booleans, lists, empty
    values) is part of the shape, so pages that differ there get different shells.
    """
    if isinstance(value, dict):
        parts, probed = [], {}
        for key, item in value.items():
            if name == "meta" and key in _FIXED_META:
                shape, probed[key] = ("fixed", json.dumps(item, sort_keys=True, ensure_ascii=False)), item
            else:
                shape, probed[key] = _shape(item, f"{name}.{key}", values, names)
            parts.append((key, shape))
        return ("dict", tuple(parts)), probed
    if (isinstance(value, str) and value) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                               and value):
        index = len(names)
        names[index] = name
        values[name] = value if isinstance(value, str) else str(value)
        return ("slot", type(value).__name__), probe(index)
    return ("fixed", json.dumps(value, sort_keys=True, ensure_ascii=False)), value


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
    _lap("navigation pages written")
    _sitemap(config)
    _reproducible_sitemap(site)
    _lap("sitemap written")
    sides = _build.pop("side", [])
    if _session["command"] == "serve" and sides and not any(isinstance(side, _InProcessOutput) for side in sides):
        # The pages are served as soon as this returns (MkDocs' server holds every request until then);
        # the open data and the search index follow, their previous versions in place meanwhile.
        _session["sides"], _session["sides_site"] = sides, site.absolute()
        _lap("open data and search index left to finish")
    else:
        for side in sides:
            side.wait()
        _record_sides(site.absolute())
        _lap("open data and search index written")
    if _build["plan"].pdf is not None:
        year, path = _build["plan"].pdf
        _numbered_pdf(site, year, path, _build["plan"].site_url)
    if _build["plan"].council_pdf is not None:  # the council's dossier, printed the same way
        year, path = _build["plan"].council_pdf
        _numbered_pdf(site, year, path, "", printed=urls.COUNCIL_PRINT, linked_from=urls.COUNCIL,
                      missing=COUNCIL_PDF_MISSING)
    if _build["preview"] and _session["command"] != "serve":  # opened from the unzipped artifact (file://)
        offline.prepare(site)
        _record_written(_build["detached"], site.absolute(), *_build["written_as"])  # as they are now
        _lap("preview made to open from files")
    _empty_trash()
    _lap("done")
    counts = _build["scan"].counts
    log.info(
        f"goldenbook: {counts['found']} tệp, {counts['valid']} hồ sơ hợp lệ, {counts['published']} công bố, "
        f"{len(_build['plan'].catalog.entries)} hồ sơ được tạo trang "
        f"({counts['found']} found, {counts['valid']} valid, {counts['published']} published, "
        f"{len(_build['plan'].catalog.entries)} rendered)")


def _book_pdf(site: Path, year: int, path: str, site_url: str, printed: str | None = None,
              linked_from: str | None = None, missing: str | None = None) -> None:
    """Print the edition's print page (an-pham/<year>/in/), or the page at ``printed`` linked from the
    page at ``linked_from``, to ``path`` with headless Chromium; the PDF is dated by ``year``.

    The edition page was written before this runs, with a link to the PDF (the plan knew the build
    would try). Chromium prints a copy of the print page whose links are absolute ``https://``
    addresses from ``site_url`` or none (``goldenbook.site.printlinks``): the PDF holds no path of
    the build machine and is the same wherever it is built. If printing fails (no browser, an error,
    past ``PDF_TIMEOUT``), the build says so with a warning, which fails a ``--strict`` build, and
    the edition page says that the PDF is not available instead of linking to a missing file.
    """
    page = site / (printed or urls.print_edition(year)) / "index.html"
    out = site / path
    browser = _chromium()
    problem = None
    started = time.monotonic()
    out.unlink(missing_ok=True)
    if browser is None or not page.is_file():
        problem = "no browser (chromium)" if browser is None else f"{page} is missing"
    else:
        copy = page.with_name(".goldenbook-print.html")  # beside the page: its styles and images load alike
        try:
            copy.write_text(links_for_print(page.read_text(encoding="utf-8"), printed or urls.print_edition(year), site_url),
                            encoding="utf-8")
            problem = _print_to_pdf(browser, copy, out)
        finally:
            copy.unlink(missing_ok=True)
    if problem is None:
        _reproducible_pdf(out, year)
        log.info(f"goldenbook: {path} ({out.stat().st_size:,} bytes, {time.monotonic() - started:.1f} s)")
        return
    out.unlink(missing_ok=True)
    log.warning(f"goldenbook: không tạo được tệp PDF {path}; trang liên kết tới nó ghi là chưa có PDF "
                f"(the PDF {path} could not be made; the page linking it says it is not available; "
                f"{PDF_ENV}=0 builds without it on purpose): {problem}")
    edition = site / (linked_from or urls.edition(year)) / "index.html"
    if edition.is_file():
        html = edition.read_text(encoding="utf-8")
        edition.write_text(re.sub(r'<span class="[\w-]+" data-gb-pdf>.*?</span>', missing or PDF_MISSING,
                                  html, flags=re.S), encoding="utf-8")


def _print_to_pdf(browser: str, page: Path, out: Path) -> str | None:
    """Chromium prints ``page`` to ``out``; what went wrong, or None. The browser and every process it
    started are killed past ``PDF_TIMEOUT``."""
    with tempfile.TemporaryDirectory(prefix="goldenbook-pdf-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--disable-extensions",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   "--run-all-compositor-stages-before-draw",
                   f"--print-to-pdf={out}", page.resolve().as_uri()]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
        except OSError as error:
            return f"{type(error).__name__}: {error}"
        try:
            _, errors = process.communicate(timeout=PDF_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait()
            return f"no PDF after {PDF_TIMEOUT} s (GOLDENBOOK_PDF_TIMEOUT)"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)  # helpers the browser left behind
    if not out.is_file() or out.stat().st_size == 0 or out.read_bytes()[:5] != b"%PDF-":
        return f"exit {process.returncode}: {(errors or '').strip()[-500:]}"
    return None


def _numbered_pdf(site: Path, year: int, path: str, site_url: str, printed: str | None = None,
                  linked_from: str | None = None, missing: str | None = None) -> None:
    """Print a page with contents (the edition's book, the council's dossier) as ``_book_pdf`` does, then
    again with the page each entry starts on written into its contents, read from the print before
    (browsers cannot number them as they print: ``goldenbook.site.pdfpages``)."""
    page = site / (printed or urls.print_edition(year)) / "index.html"
    for _ in range(3):
        _book_pdf(site, year, path, site_url, printed=printed, linked_from=linked_from, missing=missing)
        if not (site / path).is_file():
            return
        html = page.read_text(encoding="utf-8")
        try:
            numbered = pdfpages.number_contents(html, pdfpages.start_pages(site / path))
        except ValueError as error:
            log.warning(f"goldenbook: không đọc được số trang trong {path}; mục lục chỉ đánh số thứ tự "
                             f"(the contents' page numbers could not be read): {error}")
            return
        if numbered == html:
            return
        page.write_text(numbered, encoding="utf-8")


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


def _sitemap(config: MkDocsConfig) -> None:
    """MkDocs' sitemap lists the pages it built: render it again with the detached pages after them."""
    writer: _Detached | None = _build.get("writer")
    if writer is None or not _build["detached"] or not config.site_url:
        return  # without site_url the sitemap lists no page at all
    template = writer.env.get_template("sitemap.xml")

    def render(files: list[File]) -> str:
        return template.render(get_context(_build["nav"], files, config))

    docs = list(writer.doc_files)
    output = _sitemap_by_probes(render, docs, _build["detached"], writer, config.site_url) if SHELLS else None
    if output is None:
        log.debug("goldenbook: sitemap rendered page by page")
        output = render(docs + writer.sitemap_files(_build["detached"]))
    (Path(config.site_dir) / "sitemap.xml").write_bytes(output.encode("utf-8"))  # .gz: _reproducible_sitemap


def _sitemap_by_probes(render, docs: list[File], pages: list[GeneratedPage], writer: _Detached,
                       site_url: str) -> str | None:
    """The sitemap with every detached page, from four small renders; None when it cannot be made so.

    The template prints one entry per page, the same for every detached page
    but for its address (MkDocs' own ``Page`` for each of 6,000 pages, and
    the template's loop over them, take seconds). The documentation alone, then
    with one, two and three detached pages, shows where entries go and what one
    looks like; the third page checks that an entry is the first with its
    address replaced, and the addresses are MkDocs' canonical ones.
    """
    if len(pages) < 3:
        return None
    probes = writer.sitemap_files(pages[:3])
    renders = [render(docs + probes[:count]) for count in range(4)]
    start = len(os.path.commonprefix(renders[:2]))
    tail = renders[0][start:]
    entries = []
    for before, after in zip(renders, renders[1:]):
        cut = len(before) - len(tail)
        if not (after.startswith(before[:cut]) and after.endswith(tail)):
            return None
        entries.append(after[cut:len(after) - len(tail)])
    base = site_url if site_url.endswith("/") else site_url + "/"
    addresses = [str(markupsafe.escape(urljoin(base, page.url))) for page in pages]
    if [file.page.canonical_url for file in probes] != [urljoin(base, page.url) for page in pages[:3]]:
        return None
    if any(entry.count(address) != 1 for entry, address in zip(entries, addresses)):
        return None
    before, after = entries[0].split(addresses[0])
    if any(entry != before + address + after for entry, address in zip(entries, addresses)):
        return None
    return renders[0][:start] + "".join(before + address + after for address in addresses) + tail


def _reproducible_sitemap(site: Path) -> None:
    """Make the sitemap independent of the day of the build.

    MkDocs stamps every sitemap entry with the build day (``<lastmod>``, once
    ``site_url`` is set) and the ``.gz`` header with that day's time, so two
    builds of the same records on different days differ. The build day says
    nothing about when a page changed: unless ``SOURCE_DATE_EPOCH`` chooses a
    date, drop ``<lastmod>``. The ``.gz`` is written again from the final
    ``sitemap.xml`` (which ``_sitemap`` may have replaced), stamped with
    ``SOURCE_DATE_EPOCH`` or with no time at all (mtime 0, as gzip allows).
    """
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    data = sitemap.read_bytes()
    if not epoch:
        data = re.sub(rb"\s*<lastmod>[^<]*</lastmod>", b"", data)
        sitemap.write_bytes(data)
    if (site / "sitemap.xml.gz").is_file():
        with open(site / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=int(epoch or 0)) as packed:
            packed.write(data)


# ---------------------------------------------------------------- on_serve

#: ``GOLDENBOOK_WATCH=poll`` keeps MkDocs' own watcher (for file systems that send no events).
WATCH_ENV = "GOLDENBOOK_WATCH"


def on_serve(server, config: MkDocsConfig, builder):
    """Watch files by the kernel's events instead of MkDocs' polling.

    MkDocs 1.6 polls every watched file twice a second: with 10,000 records
    an edit waits up to half a second to be noticed, and each poll (10,000
    ``stat`` calls, in the server's process) slows the rebuild it triggered.
    The watches MkDocs has already made (documentation, configuration,
    theme) move to an event-driven observer (inotify on Linux), and so do the
    ones made after this hook (``config.watch``: records and photos). Only
    what polling saw counts as a change (a file created, modified, deleted or
    moved), not a file the build itself opens or reads. Where the platform
    has no such observer, or MkDocs' server is not the one this was written
    for, polling stays.
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    observer = getattr(server, "observer", None)
    paths = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if (os.environ.get(WATCH_ENV, "") == "poll" or issubclass(Observer, PollingObserver) or observer is None
            or observer.is_alive() or not isinstance(paths, dict) or not isinstance(refs, dict)):
        return server
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.DirCreatedEvent, events.DirModifiedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=changes if event_filter is None else event_filter, **options)

    watched = dict(paths)
    server.observer = ChangesOnly(timeout=observer.timeout)
    paths.clear()
    refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    log.debug(f"goldenbook: watching {len(watched)} paths by events ({Observer.__name__})")
    return server


def _finish_sides() -> None:
    """Wait for the open data and search index a previous rebuild of `mkdocs serve` left running."""
    sides = _session.pop("sides", [])
    try:
        for side in sides:
            side.wait()
    except RuntimeError as problem:  # that rebuild's own outputs: reported, and made again by this one
        _forget_written()
        log.warning(f"goldenbook: {problem}")
    else:
        if sides:
            _record_sides(_session.pop("sides_site"))
            log.debug("goldenbook: open data and search index of the previous rebuild written")


def on_shutdown() -> None:
    _finish_sides()
    _skip_teardown()


def _skip_teardown() -> None:
    """The process ends next (MkDocs runs this event last): let it end without taking apart, object by
    object, what the build made. At 10,000 records that took 1.4 s after the build was done; held in a
    cycle and frozen, the objects are never freed one by one, and the system takes the memory back at
    once. Nothing held here has anything left to write (every file is closed once written)."""
    _build["_held_until_exit"] = _build
    gc.freeze()


def on_build_error(error: Exception) -> None:
    for side in _build.pop("side", []):
        if isinstance(side, _InProcessOutput):
            continue  # not started: nothing to wait for
        try:
            side.wait()
        except RuntimeError:
            _forget_written()  # the build failed already; its own error is the one to show
    _empty_trash()
