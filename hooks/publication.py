"""MkDocs hooks: hand the Golden Book's build to MkDocs, in MkDocs' event order.

The build is ``goldenbook.build.pipeline``, which knows nothing of MkDocs (read
it first); this file only calls its steps from MkDocs' events and gives it what
only MkDocs has. Code too large for this file is in ``goldenbook_mkdocs``
(every private MkDocs internal in its ``compat``).

    on_startup        the command (build, serve), once per process
    on_config         read, validate (fail the build on any error), select and index the records
    on_pre_build      move the previous site aside (its unchanged pages are taken back)
    on_files          plan the site; add the generated pages the navigation lists, images and assets
    on_nav            keep the navigation (detached pages are rendered with it)
    on_env            write every generated page the navigation does not list
    on_page_markdown  generated pages skip Markdown; hand-written pages get snippets
    on_page_content   generated pages get their finished HTML; hand-written ones are kept for search
    on_post_build     the sitemap, side outputs, the PDFs, the preview's files (``pipeline.finish``)
    on_serve          watch files by the kernel's events rather than MkDocs' polling
    on_build_error    wait for the build's workers
    on_shutdown       wait for what the last rebuild of `mkdocs serve` left running

Pages the navigation lists (the indexes) go through MkDocs like hand-written
ones; their sources are written to ``<variant>/`` of the repository's cache
folder (``goldenbook.cachedir``, outside the work tree; never into
``docs_dir``). The others — records, provinces, fields, editions, one per
record for the council — are *detached*: written by
``goldenbook_mkdocs.detached`` through shells of Material's template.
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
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import markupsafe
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from goldenbook.build import pipeline, sitemap
from goldenbook.build.errors import BuildError
from goldenbook.build.session import SESSION
from goldenbook.nomination import NOMINATION_DATA, render_nomination_data
from goldenbook.records.paths import IMAGES_DIR, RECORDS_DIR
from goldenbook.schema import SCHEMA_PATH
from goldenbook.search import page_text
from goldenbook.site import GeneratedPage
from goldenbook.site.assets import (COUNCIL_SCRIPT, COUNCIL_STYLESHEET, SEARCH_SCRIPT, SEARCH_STYLESHEET, STYLESHEET,
                                    book_assets, council_assets, search_assets, stylesheet)
from goldenbook_mkdocs import compat
from goldenbook_mkdocs.detached import SHELLS, DetachedPages, page_meta
from goldenbook_mkdocs.signature import serve_inputs, theme_signature

log = logging.getLogger("mkdocs.hooks.publication")
MARKER = re.compile(r"<!--\s*gb:([a-z-]+)\s*-->")
HOOK = Path(__file__)


class _ToMkDocsLog(logging.Handler):
    """The build's messages, shown and counted (``--strict``) by MkDocs as this hook's own."""

    def emit(self, record: logging.LogRecord) -> None:
        if log.isEnabledFor(record.levelno):
            log.handle(record)


_build_log = logging.getLogger("goldenbook.build")
_build_log.setLevel(logging.DEBUG)
_build_log.propagate = False
_build_log.handlers[:] = [_ToMkDocsLog()]  # this file runs again with each `mkdocs serve` rebuild: one handler


@dataclass
class _State:
    """What MkDocs' events share within one build, besides the pipeline's own state."""

    build: pipeline.Build | None = None
    nav: Navigation | None = None
    writer: DetachedPages | None = None


_state = _State()


@contextlib.contextmanager
def _stops_the_build():
    """A ``BuildError`` is shown as MkDocs shows a plugin's error: its message, no traceback."""
    try:
        yield
    except BuildError as error:
        raise PluginError(str(error)) from None


def on_startup(*, command: str, dirty: bool) -> None:
    SESSION.command, SESSION.dirty = command, dirty


# ---------------------------------------------------------------- on_config

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        raise PluginError("goldenbook: use_directory_urls must stay true (the URL scheme depends on it)")
    root = Path(config.config_file_path).resolve().parent
    preview = pipeline.preview_wanted()
    with _stops_the_build():
        build = pipeline.read_records(root, Path(config.docs_dir), preview=preview, site_url=config.site_url,
                                      session=SESSION)
    _configure(config, root, preview)
    build.inputs = serve_inputs(config, HOOK) if SESSION.serving else None
    _state.build, _state.nav, _state.writer = build, None, None
    return config


def _configure(config: MkDocsConfig, root: Path, preview: bool) -> None:
    """The site's stylesheets and scripts, and the folders `mkdocs serve` watches."""
    config.extra["goldenbook_preview"] = preview
    stylesheets = [STYLESHEET, SEARCH_STYLESHEET, *([COUNCIL_STYLESHEET] if preview else [])]
    scripts = [SEARCH_SCRIPT, *([COUNCIL_SCRIPT] if preview else [])]  # council's: preview builds only
    for path in stylesheets:
        if path not in config.extra_css:
            config.extra_css.append(path)
    for path in scripts:
        if path not in [str(script) for script in config.extra_javascript]:
            script = ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)
    for folder in (RECORDS_DIR, IMAGES_DIR):
        if (root / folder).is_dir() and str(root / folder) not in config.watch:
            config.watch.append(str(root / folder))


# ---------------------------------------------------------------- on_pre_build

def on_pre_build(config: MkDocsConfig) -> None:
    with _stops_the_build():
        pipeline.set_aside(_state.build, Path(config.site_dir).absolute(), SESSION)


# ---------------------------------------------------------------- on_files

def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _state.build
    plan = pipeline.plan_pages(build, site_url=config.site_url or "", listed=_nav_paths(config.nav), session=SESSION)
    _prune(build.cache, set(build.listed))
    for page in plan.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"goldenbook: content/{page.path} would hide a generated page; rename it")
    for page in build.listed.values():
        _write_if_changed(build.cache / page.path, _page_source(page))
        files.append(File(page.path, src_dir=str(build.cache), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    _add_images(files, config, plan)
    files.append(File.generated(config, STYLESHEET, content=stylesheet()))
    for path, content in {**book_assets(), **search_assets()}.items():  # print, cite/share, share card, search
        files.append(File.generated(config, path, content=content))
    # the nomination form's data: province names by era, the repository to open (content/de-cu.md)
    files.append(File.generated(config, NOMINATION_DATA, content=render_nomination_data(config.repo_url)))
    for path, content in (council_assets() if build.preview else {}).items():  # the council's stylesheet, script
        files.append(File.generated(config, path, content=content))
    # open data and the feed: written by a worker while pages are (see on_env); listed here for link checks
    for path in plan.file_paths():
        files.append(compat.WrittenByHook(path, src_dir=None, dest_dir=config.site_dir,
                                          use_directory_urls=config.use_directory_urls))
    schema = build.root / SCHEMA_PATH  # published for editors' tools and the nomination form
    if schema.is_file():
        files.append(File(SCHEMA_PATH, src_dir=str(build.root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def _add_images(files: Files, config: MkDocsConfig, plan) -> None:
    """Only the images of records this build shows, and only as written anew (never copied as they are)."""
    variants: set[str] = set()
    for src in plan.images:
        picture = plan.pictures.get(src)
        if picture is None or picture.original is None:
            raise PluginError(f"goldenbook: {IMAGES_DIR}/{src} was not prepared (images are never copied as they are)")
        files.append(File.generated(config, f"{IMAGES_DIR}/{src}", abs_src_path=str(picture.original)))
        for variant in picture.variants:
            if variant.url not in variants:  # two records may share a photo
                variants.add(variant.url)
                files.append(File.generated(config, variant.url, abs_src_path=str(variant.file)))


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


def _prune(cache: Path, keep: set[str]) -> None:
    """Drop cached sources of pages that no longer exist (a record removed or unpublished)."""
    if cache.is_dir():
        for path in cache.rglob("*.md"):
            if path.relative_to(cache).as_posix() not in keep:
                path.unlink()


def _page_source(page: GeneratedPage) -> str:
    """What the cache file holds: everything the page shows, so its mtime says when it changed.

    MkDocs never reads it as Markdown (see ``on_page_markdown``); meta is JSON,
    not YAML front matter, because parsing front matter was a visible share of
    the build at thousands of pages.
    """
    return f"<!-- {json.dumps(page_meta(page), ensure_ascii=False, sort_keys=True, default=str)} -->\n{page.html}\n"


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------- on_nav, on_env: detached pages

def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state.build.lap("hand-written pages read")
    _state.nav = nav
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Write the detached pages now: before MkDocs renders its own, so a changed record shows first.
    Hand-written pages were read already (MkDocs reads every page before on_env): their text is known,
    so the search index and the open data are made alongside."""
    build = _state.build
    # Material's templates are compiled again by every build (and every rebuild of `mkdocs serve`): keep
    # the compiled code (Jinja checks each template's source before it uses its cached code).
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(build.jinja_cache())
    writer = _state.writer = DetachedPages(config, env, _state.nav, files, build.cache)
    writer.count(build.detached)
    pipeline.write_pages(build, Path(config.site_dir).absolute(), theme_signature(config, _state.nav, HOOK), writer,
                         SESSION)
    return env


# ---------------------------------------------------------------- pages

def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _state.build.listed.get(page.file.src_uri)
    if generated is not None:  # already HTML: skip Markdown entirely
        page.meta = page_meta(generated)
        compat.skip_markdown(page, generated.html)
        return ""
    render = _state.build.plan.render_snippet
    base = page.url

    def replace(match: re.Match[str]) -> str:
        snippet = render(match.group(1), base)
        if snippet is None:
            log.warning(f"{page.file.src_uri}: unknown marker {match.group(0)}")
            return match.group(0)
        return f'\n<div class="gb-snippet gb-snippet--{match.group(1)}" markdown="0">\n{snippet}\n</div>\n'

    return MARKER.sub(replace, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _state.build.listed.get(page.file.src_uri)
    if generated is None and not (page.meta.get("search") or {}).get("exclude"):
        _state.build.texts.append(page_text(page.url, page.title or "", html))  # hand-written: searchable
    return generated.html if generated is not None else html


# ---------------------------------------------------------------- on_post_build

def on_post_build(config: MkDocsConfig) -> None:
    _state.build.lap("navigation pages written")
    _sitemap(config)
    pipeline.finish(_state.build, Path(config.site_dir), SESSION)


def _sitemap(config: MkDocsConfig) -> None:
    """MkDocs' sitemap lists the pages it built: render it again with the detached pages after them."""
    writer, detached = _state.writer, _state.build.detached
    if writer is None or not detached or not config.site_url:
        return  # without site_url the sitemap lists no page at all
    docs = list(writer.doc_files)
    output = _sitemap_by_probes(config, docs, detached, writer) if SHELLS else None
    if output is None:
        log.debug("goldenbook: sitemap rendered page by page")
        output = compat.render_sitemap(writer.env, _state.nav, docs + writer.sitemap_files(detached), config)
    (Path(config.site_dir) / "sitemap.xml").write_bytes(output.encode("utf-8"))  # .gz: pipeline.finish


def _sitemap_by_probes(config: MkDocsConfig, docs: list[File], pages: list[GeneratedPage],
                       writer: DetachedPages) -> str | None:
    """The sitemap from four renders (``goldenbook.build.sitemap.from_probes``), when MkDocs' addresses of
    the first three detached pages are the ones the build would print."""
    base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    probes = writer.sitemap_files(pages[:3])
    if [file.page.canonical_url for file in probes] != [urljoin(base, page.url) for page in pages[:3]]:
        return None
    addresses = [str(markupsafe.escape(urljoin(base, page.url))) for page in pages]
    return sitemap.from_probes(lambda count: compat.render_sitemap(writer.env, _state.nav, docs + probes[:count],
                                                                   config), addresses)


# ---------------------------------------------------------------- on_serve, errors, the end

def on_serve(server, config: MkDocsConfig, builder):
    return compat.watch_by_events(server, log)


def on_build_error(error: Exception) -> None:
    pipeline.abandon(_state.build)


def on_shutdown() -> None:
    pipeline.finish_sides(SESSION)
    pipeline.end_of_process(_state.build)
