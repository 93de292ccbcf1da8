"""The writer of detached pages: generated pages MkDocs' navigation does not list (records, provinces…).

Nothing about MkDocs' navigation differs between them, so Material's template
is rendered once per kind of page and filled per page (``goldenbook.site.shell``),
checked byte for byte against a full render of the first page of each kind.
"""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from goldenbook.site import GeneratedPage, urls
from goldenbook.site.shell import TOKEN, Shell, build_shell, probe, token

from . import compat

log = logging.getLogger("mkdocs.hooks.publication")

#: ``GOLDENBOOK_SHELLS=0`` renders every detached page in full (the tests compare both ways byte for byte).
SHELLS = os.environ.get("GOLDENBOOK_SHELLS", "1") != "0"


def page_meta(page: GeneratedPage) -> dict:
    # Material prints page.meta.title unescaped into <title> and the header: give it escaped text.
    return {"title": html.escape(page.title), **({"template": page.template} if page.template else {}), **page.meta}


class DetachedPages:
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
        meta, content = page_meta(page), page.html
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

    def _file(self, path: str) -> File:
        return File(path, src_dir=self.src_dir, dest_dir=self.config.site_dir,
                    use_directory_urls=self.config.use_directory_urls)

    def _render(self, url: str, meta: dict, content: str) -> str:
        return compat.render_page(self.config, self.env, self.nav, self.doc_files, self._file(urls.source_path(url)),
                                  meta, content)

    def write(self, page: GeneratedPage) -> None:
        output = self.output(page)
        if output.strip():
            target = Path(self.config.site_dir, page.url, "index.html")
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), str(target))
        page.forget()

    def sitemap_files(self, pages: list[GeneratedPage]) -> list[File]:
        """Files with pages, as MkDocs' sitemap template reads them, for the detached pages."""
        return compat.with_pages(self.config, [self._file(page.path) for page in pages])


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
