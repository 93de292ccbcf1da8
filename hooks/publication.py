"""MkDocs hooks: hand the Golden Book's records to MkDocs, in build order.

The work is done by the ``goldenbook`` package, which knows nothing of MkDocs:
it reads and checks the records (``repository.scan``), selects and indexes them
(``catalog``) and renders every generated page to an HTML fragment
(``site.plan_site``). This file only adapts that plan to MkDocs' events:

    on_config         read, validate (fail the build on any error), plan the site
    on_files          add generated pages, images and the stylesheet as files
    on_page_markdown  generated pages skip Markdown; hand-written pages get snippets
    on_page_content   generated pages get their finished HTML
    on_post_build     preview extras and the build's accounting

Generated pages are written to ``.cache/goldenbook/<variant>/`` (never into
``docs_dir``) and rewritten only when their content changes, so ``mkdocs serve
--dirty`` skips the pages whose records did not change.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import yaml
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from goldenbook.catalog import build_catalog
from goldenbook.diagnostics import format_text
from goldenbook.repository import IMAGES_DIR, RECORDS_DIR, scan
from goldenbook.schema import SCHEMA_PATH
from goldenbook.site import GeneratedPage, SitePlan, plan_site
from goldenbook.site.assets import COUNCIL_SCRIPT, COUNCIL_STYLESHEET, STYLESHEET, council_assets, stylesheet

log = logging.getLogger("mkdocs.hooks.publication")

PREVIEW_ENV = "GOLDENBOOK_PREVIEW"
MARKER = re.compile(r"<!--\s*gb:([a-z-]+)\s*-->")

# What one build learned, shared between events (hooks are module-level functions).
_build: dict = {}


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

    plan = plan_site(build_catalog(result.entries, preview=preview), site_url=config.site_url or "")
    variant = "preview" if preview else "public"
    _build.clear()
    _build.update(root=root, scan=result, plan=plan, preview=preview,
                  cache=root / ".cache" / "goldenbook" / variant,
                  pages={page.path: page for page in plan.pages})

    config.extra["goldenbook_preview"] = preview
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
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
    for src in plan.images:  # only the images of records this build shows
        files.append(File(f"{IMAGES_DIR}/{src}", src_dir=str(root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    files.append(File.generated(config, STYLESHEET, content=stylesheet()))
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


def _page_source(page: GeneratedPage) -> str:
    meta = {"title": page.title, **({"template": page.template} if page.template else {}), **page.meta}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1_000_000)
    return f"---\n{front}---\n{page.html}\n"


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------- pages

def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _build["pages"]:
        return ""  # already HTML: skip Markdown entirely (on_page_content puts it back)
    render = _build["plan"].render_snippet
    base = page.url

    def replace(match: re.Match[str]) -> str:
        html = render(match.group(1), base)
        if html is None:
            log.warning(f"{page.file.src_uri}: unknown marker {match.group(0)}")
            return match.group(0)
        return f'\n<div class="gb-snippet gb-snippet--{match.group(1)}" markdown="0">\n{html}\n</div>\n'

    return MARKER.sub(replace, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build["pages"].get(page.file.src_uri)
    return generated.html if generated is not None else html


# ---------------------------------------------------------------- on_post_build

def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if _build["preview"]:
        (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    counts = _build["scan"].counts
    log.info(
        f"goldenbook: {counts['found']} tệp, {counts['valid']} hồ sơ hợp lệ, {counts['published']} công bố, "
        f"{len(_build['plan'].catalog.entries)} hồ sơ được tạo trang "
        f"({counts['found']} found, {counts['valid']} valid, {counts['published']} published, "
        f"{len(_build['plan'].catalog.entries)} rendered)")
