"""Plan every generated page of the site from the catalogue.

Pages are planned in the order a reader meets them — records, then the indexes
that lead to them (provinces, fields, editions, kinds) — and each is rendered
to a finished HTML fragment by the templates in ``templates/``. Snippets are
pieces of generated HTML that hand-written pages ask for with a marker such as
``<!-- gb:tilemap -->``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Callable, Iterator, Mapping

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context

from .. import dossier, export, vocabulary
from ..catalog import Catalog
from ..diagnostics import catalogue
from ..provinces import Province
from ..stats import data as stats_data
from ..stats import figures as stats_figures
from ..stats import sections as stats_sections
from ..structure.entry import Entry
from ..text import sort_key
from . import format as fmt
from . import seo, tilemap, urls
from .cache import PageCache, RegisterOnly, content_key
from .images import Picture
from ..limits import LARGE_BUILD
from .markup import render_markdown

__all__ = ["GeneratedPage", "SitePlan", "plan_site", "plan_records", "PAGE_SIZE"]

#: Records per page of the long lists (all initiatives, all collectives).
PAGE_SIZE = 100


class GeneratedPage:
    """One page to hand to the platform: where it lives and what it shows.

    The fragment (``html``) and the metadata computed with it (``meta``) are
    made on first use, or read from the page cache by ``key``: a build that
    finds a page unchanged since the last one does not render it, and
    parallel workers each render their own share.
    """

    def __init__(self, url: str, title: str, *, template: str | None = None, meta: dict[str, Any] | None = None,
                 produce: Callable[[], tuple[str, dict[str, Any]]], key: str | None = None,
                 cache: PageCache | None = None, releases: Entry | None = None) -> None:
        self.url = url
        self.title = title
        self.template = template  #: the theme template that wraps the fragment, when not the default
        self.key = key
        self._static_meta = meta or {}
        self._produce = produce
        self._cache = cache
        self._made: tuple[str, dict[str, Any]] | None = None
        self._releases = releases  #: the record to let go of with the fragment (``forget``), in large builds

    @property
    def path(self) -> str:
        return urls.source_path(self.url)

    @property
    def cached(self) -> bool:
        """Whether the page cache holds this page (so that showing it costs no rendering)."""
        return self._made is not None or (self._cache is not None and self.key is not None
                                          and self._cache.has(self.key))

    def _make(self) -> tuple[str, dict[str, Any]]:
        if self._made is None:
            found = self._cache.get(self.key) if self._cache is not None and self.key else None
            if found is None:
                html, meta = self._produce()
                meta = json.loads(json.dumps(meta, ensure_ascii=False))  # as a cached copy reads back
                if self._cache is not None and self.key:
                    self._cache.put(self.key, html, meta)
                found = html, meta
            self._made = found
        return self._made

    @property
    def html(self) -> str:
        return self._make()[0]

    @property
    def meta(self) -> dict[str, Any]:
        return {**self._static_meta, **self._make()[1]}

    def forget(self) -> None:
        """Drop the rendered fragment from memory (it stays in the page cache), and in a large build the
        record it was made from (see ``limits.LARGE_BUILD``)."""
        self._made = None
        if self._releases is not None:
            self._releases.release()


@dataclass
class SitePlan:
    catalog: Catalog
    pages: list[GeneratedPage]
    images: list[str]  #: image sources (relative to images/) the selected records show
    render_snippet: Callable[[str, str], str | None]
    site_url: str = ""
    #: images/ src → resized variants and metadata-free original (goldenbook.site.images), when prepared
    pictures: Mapping[str, Picture] = field(default_factory=dict)
    #: (edition year, site path) of the book's PDF the pages link to, when the build makes one
    pdf: tuple[int, str] | None = None
    #: (year that dates it, site path) of the council's dossier PDF the dashboard links to, when made
    council_pdf: tuple[int, str] | None = None
    #: the statistics of the selection (goldenbook.stats), counted once for the page and the open data
    figures: stats_figures.Figures | None = None

    def file_paths(self) -> list[str]:
        """Where ``files`` will go, known without making them (for link checks)."""
        return [f"{export.DATA_DIR}/records.json", f"{export.DATA_DIR}/records.csv",
                *(f"{export.DATA_DIR}/{entry.kind}/{entry.slug}.json" for entry in self.catalog.entries),
                "feed.xml", f"{export.DATA_DIR}/{stats_data.JSON_PATH}", f"{export.DATA_DIR}/{stats_data.CSV_PATH}"]

    def council_files(self, day: date) -> list[tuple[str, bytes]]:
        """Preview builds: the council's scoring sheet, dated ``day`` (the build date), for the dashboard's
        download link; nothing in a public build."""
        if not self.catalog.preview:
            return []
        from ..sheets.council import council_workbook  # openpyxl is loaded only by builds that need it

        return [(urls.COUNCIL_WORKBOOK, council_workbook(self.catalog.entries, day))]

    def files(self) -> Iterator[tuple[str, bytes | list[bytes]]]:
        """Other outputs: open data and the feed, made one file at a time when asked for (e.g. by a
        worker) and not kept. The large lists come last, as pieces to write one after the other."""
        return data_files(self.catalog, self.site_url, self.figures)


# ---------------------------------------------------------------- templates

@pass_context
def _link(context: Any, target: str) -> str:
    return urls.relative(target, context["base"])


def _environment(compiled: str | None = None) -> Environment:
    env = Environment(
        loader=PackageLoader("goldenbook.site", "templates"),
        bytecode_cache=FileSystemBytecodeCache(compiled) if compiled else None,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # one environment per build: a template does not change under it
    )
    env.filters.update(number=fmt.number, money=fmt.money, day=fmt.day, year_or_day=fmt.year_or_day,
                       markdown=render_markdown, link=_link)
    env.globals.update(
        FIELDS=vocabulary.FIELDS, STATUSES=vocabulary.STATUSES, KINDS=vocabulary.KINDS,
        SCOPES=vocabulary.SCOPES, COLLECTIVE_TYPES=vocabulary.COLLECTIVE_TYPES, urls=urls,
        unit_type=unit_type, place_line=place_line, seo=seo,
    )
    return env


def unit_type(province: Province) -> str:
    return "thành phố" if province.type == "thanh-pho" else "tỉnh"


def place_line(catalog: Catalog, entry: Entry) -> tuple[Province | None, str, Province]:
    """How a record's province is told: as it was, and what it is now.

    Returns (historic unit or None, the verb joining them, current unit):
    "Quảng Nam — nay thuộc thành phố Đà Nẵng" for a merged unit, "Thừa Thiên
    Huế — nay là thành phố Huế" for one that carried on alone under a new name,
    and just the current unit where nothing changed or the record is post-2025.
    """
    historic, current = entry.historic, entry.current
    if historic is None:
        return None, "", current
    alone = len(catalog.register.predecessors(current)) == 1
    if alone and historic.name == current.name:
        return None, "", current
    return historic, ("nay là" if alone else "nay thuộc"), current


def thumbnails(pictures: Mapping[str, Picture]) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Each photo's resized variants as (url, width, height): what a card shows of a record's first photo.

    Plain values, so that they are part of every page's cache key: a card changes when its photo does.
    """
    return {src: tuple((v.url, v.width, v.height) for v in picture.variants)
            for src, picture in sorted(pictures.items()) if picture.variants}


class _Renderer:
    """Renders templates for one catalogue, each page keyed by what it is made from (``site.cache``)."""

    #: Templates that read the whole catalogue (counts, lists of every edition…): their key names every record.
    WHOLE_CATALOGUE = frozenset({"editions.html", "explore.html", "fields.html", "provinces.html",
                                 "council_dashboard.html", "snippet_figures.html",
                                 "snippet_latest.html", "snippet_messages.html"})

    def __init__(self, catalog: Catalog, pictures: Mapping[str, Picture] | None = None, site_url: str = "",
                 cache: PageCache | None = None, compiled: str | None = None) -> None:
        self.catalog = catalog
        self.env = _environment(compiled)
        self.pictures = pictures or {}
        self.cache = cache
        self.common = {"preview": catalog.preview, "register": catalog.register, "site_url": site_url,
                       "thumbnails": thumbnails(self.pictures)}

    def _context(self, template: str, context: dict[str, Any]) -> dict[str, Any]:
        whole = template in self.WHOLE_CATALOGUE
        return {"catalog": self.catalog if whole else RegisterOnly(self.catalog.register),
                "pictures": self.pictures if whole else {}, **self.common, **context}

    def __call__(self, template: str, base: str, **context: Any) -> str:
        return self.env.get_template(template).render(base=base, **self._context(template, context))

    def page(self, url: str, title: str, template: str, *, wrapper: str | None = None,
             meta: dict[str, Any] | None = None, **context: Any) -> GeneratedPage:
        def produce() -> tuple[str, dict[str, Any]]:
            return self(template, url, title=title, **context), {}
        key = content_key("page", self.common, template, wrapper, url, title, meta or {},
                          self._context(template, context))
        return GeneratedPage(url, title, template=wrapper, meta=meta, produce=produce, key=key, cache=self.cache)


# ---------------------------------------------------------------- plan

def plan_site(catalog: Catalog, *, site_url: str = "", pictures: Mapping[str, Picture] | None = None,
              pdf: bool = False, cache: PageCache | None = None, compiled: str | None = None,
              council_pdf: bool = False) -> SitePlan:
    """Every generated page and file of one build.

    ``site_url`` makes feed, share, citation and Open Graph links absolute.
    ``pictures`` (from :func:`goldenbook.site.images.prepare_all`) gives pages
    responsive image variants; without it they show the originals. ``pdf``
    says the build will make the latest edition's PDF, so its page links it;
    ``council_pdf`` (preview builds) the same for the council's dossier.
    ``cache`` keeps rendered pages between builds (``site.cache``); ``compiled``
    is a folder for the templates' compiled code.
    """
    pictures = pictures or {}
    render = _Renderer(catalog, pictures, site_url, cache, compiled)
    latest = catalog.latest_edition
    book = (latest, urls.edition_pdf(latest)) if pdf and latest is not None else None
    figures = stats_figures.site_figures(catalog)
    pages: list[GeneratedPage] = []
    pages += _record_pages(catalog, render, site_url, pictures)
    pages += _province_pages(catalog, render)
    pages += _field_pages(catalog, render)
    pages += _edition_pages(catalog, render, book)
    pages += _kind_pages(catalog, render)
    pages += _explore_page(catalog, render)
    pages += _stats_page(catalog, render, figures)
    reviewed = [e for e in catalog.entries if e.status in vocabulary.REVIEW_STATUSES] if catalog.preview else []
    dossier_pdf = (max(e.year for e in reviewed), urls.COUNCIL_PDF) if council_pdf and reviewed else None
    pages += _council_pages(catalog, render, dossier_pdf) if catalog.preview else []
    images = sorted({src for entry in catalog.entries for src in entry.image_sources})
    return SitePlan(catalog=catalog, pages=pages, images=images, render_snippet=partial(_snippet, catalog, render),
                    site_url=site_url, pictures=pictures, pdf=book, council_pdf=dossier_pdf, figures=figures)


def plan_records(catalog: Catalog, entries: list[Entry], *, site_url: str = "",
                 pictures: Mapping[str, Picture] | None = None, cache: PageCache | None = None,
                 compiled: str | None = None) -> list[GeneratedPage]:
    """The record pages of ``entries`` alone, as ``plan_site`` plans them (same keys, same fragments).

    ``mkdocs serve`` writes an edited record's page with these before it plans the rest of the site.
    """
    pictures = pictures or {}
    render = _Renderer(catalog, pictures, site_url, cache, compiled)
    return [_record_page(catalog, render, entry, site_url, pictures) for entry in entries]


def data_files(catalog: Catalog, site_url: str, figures: stats_figures.Figures | None = None
               ) -> Iterator[tuple[str, bytes | list[bytes]]]:
    """Open data and the feed, from the same selection as the pages: each record's file as soon as it is
    made, then ``records.json`` and ``records.csv`` as pieces (in large builds, each record is let go of
    once its data is made), then the feed, then every chart's numbers (``stats.json``, ``stats.csv``;
    ``figures`` when the plan counted them already)."""
    pieces: list[bytes] = []
    rows = export.CsvRows()
    lines = [rows.head()]
    feed: list[export.FeedEntry] = []
    release = len(catalog.entries) >= LARGE_BUILD
    for entry in catalog.entries:
        url = urls.record(entry)
        item = export.record_data(entry, catalog, url)
        piece = export.item_json(item)
        pieces.append(piece)
        lines.append(rows.row(item))
        if entry.edition is not None:
            feed.append(export.feed_entry(entry, url))
        yield f"{export.DATA_DIR}/{entry.kind}/{entry.slug}.json", export.record_json_of(piece)
        if release:
            entry.release()
    yield f"{export.DATA_DIR}/records.json", export.records_json_parts(pieces, catalog)
    del pieces
    yield f"{export.DATA_DIR}/records.csv", lines
    del lines
    yield "feed.xml", export.atom_feed(feed, site_url=site_url,
                                       title="Sách vàng Sáng tạo Việt Nam — hồ sơ mới công bố")
    figures = figures or stats_figures.site_figures(catalog)
    yield f"{export.DATA_DIR}/{stats_data.JSON_PATH}", stats_data.stats_json(figures, catalog.preview)
    yield f"{export.DATA_DIR}/{stats_data.CSV_PATH}", stats_data.stats_csv(figures)


def _description(entry: Entry) -> str:
    summary = entry.record.summary
    return summary if len(summary) <= 160 else summary[:157].rsplit(" ", 1)[0] + "…"


#: The site-wide card shown by social networks for a record without a photo (1200 × 630).
CARD = {"url": "assets/card.png", "width": 1200, "height": 630, "alt": "Sách vàng Sáng tạo Việt Nam"}


def _share_image(entry: Entry, pictures: Mapping[str, Picture]) -> dict[str, Any] | None:
    """The record's first photo, at its widest variant, for social cards and JSON-LD; None without one."""
    for image in entry.record.images[:1]:
        picture = pictures.get(image.src)
        if picture is not None and picture.variants:
            widest = picture.variants[-1]
            return {"url": widest.url, "width": widest.width, "height": widest.height, "alt": image.alt}
        return {"url": urls.image(image.src), "alt": image.alt}
    return None


def _collectives(catalog: Catalog, entry: Entry) -> dict[str, tuple[Entry | None, str]]:
    """The collectives an initiative names as authors: slug → (the shown entry or None, the name to print)."""
    out: dict[str, tuple[Entry | None, str]] = {}
    for _, slug in entry.collective_refs:
        if slug not in out:
            shown = catalog.by_slug.get(slug)
            out[slug] = (shown, shown.title if shown else catalog.names.get(slug, slug))
    return out


def _record_pages(catalog: Catalog, render: _Renderer, site_url: str = "",
                  pictures: Mapping[str, Picture] | None = None) -> list[GeneratedPage]:
    """Record pages, each with its discovery metadata (JSON-LD, Open Graph), citation and share links.

    A record page is made from its own record, the records it links to (related,
    authored, author collectives) and its photos: its key names exactly those,
    so a change elsewhere in the catalogue leaves it cached.
    """
    pictures = pictures or {}
    return [_record_page(catalog, render, entry, site_url, pictures) for entry in catalog.entries]


def _record_page(catalog: Catalog, render: _Renderer, entry: Entry, site_url: str,
                 pictures: Mapping[str, Picture]) -> GeneratedPage:
    template = "record_initiative.html" if entry.kind == "initiative" else "record_collective.html"
    url = urls.record(entry)
    related = catalog.related(entry)
    authored = catalog.authored_by(entry) if entry.kind == "collective" else []
    collectives = _collectives(catalog, entry)
    shown = {src: pictures[src] for src in entry.image_sources if src in pictures}
    # What json_ld and citation read of the catalogue: the author collectives, as ``collectives`` holds them.
    view = _CollectiveView(collectives, catalog.register)

    def produce() -> tuple[str, dict[str, Any]]:
        description = _description(entry)
        photo = _share_image(entry, shown)
        edition_url = urls.edition(entry.edition) if entry.edition is not None else None
        ld_image = (seo.absolute(site_url, photo["url"]) if site_url else urls.relative(photo["url"], url)) \
            if photo else None
        # Material prints page.meta.description into an attribute without escaping it: give it escaped text.
        # The head's own meta (overrides/record.html) print gb_og, which holds the plain text, escaped there.
        meta = {"description": html.escape(description), "gb_kind": entry.kind, "gb_status": entry.status,
                "gb_jsonld": seo.json_ld(entry, view, site_url=site_url, url=url, edition_url=edition_url,
                                         image=ld_image),
                "gb_og": seo.social_meta(entry, description, site_url=site_url, url=url, image=photo or CARD)}
        page_url = seo.absolute(site_url, url)
        body = render(template, url, title=entry.title, entry=entry, record=entry.record,
                      place=place_line(catalog, entry), related=related, authored=authored,
                      collectives=collectives, pictures=shown,
                      citation=seo.citation(entry, view, page_url), page_url=page_url,
                      share=seo.share_links(entry.title, page_url) if page_url else
                      seo.share_links(entry.title, "{url}"))
        return body, meta

    key = content_key("record", render.common, template, url, entry, related, authored, collectives, shown)
    return GeneratedPage(url, entry.title, template="record.html", produce=produce, key=key, cache=render.cache,
                         releases=entry if len(catalog.entries) >= LARGE_BUILD else None)


class _CollectiveView:
    """What seo reads of the catalogue for one record (its author collectives), and nothing else."""

    def __init__(self, collectives: dict[str, tuple[Entry | None, str]], register: Any) -> None:
        self.by_slug = {slug: shown for slug, (shown, _) in collectives.items() if shown is not None}
        self.names = {slug: name for slug, (_, name) in collectives.items()}
        self.register = register


def _province_pages(catalog: Catalog, render: _Renderer) -> list[GeneratedPage]:
    register = catalog.register
    pages = []
    for province in register.current:
        predecessors = register.predecessors(province)
        groups = [(old, catalog.in_historic(old)) for old in predecessors]
        after = [e for e in catalog.in_current(province) if e.historic is None]
        pages.append(render.page(urls.province(province), province.full_name, "province_current.html",
                                 province=province, predecessors=predecessors, groups=groups, after=after,
                                 total=len(catalog.in_current(province)),
                                 charts=_small_charts(catalog, catalog.in_current(province))))
    for province in register.historic:
        pages.append(render.page(urls.province(province), f"{province.full_name} (trước {fmt.day(province.changed_on)})",
                                 "province_historic.html", province=province,
                                 successor=register.successor(province), entries=catalog.in_historic(province),
                                 charts=_small_charts(catalog, catalog.in_historic(province))))
    regions = [(region, [p for p in register.current if p.region == region],
                [p for p in register.historic if p.region == region]) for region in register.regions]
    pages.append(render.page(urls.PROVINCES, "Tỉnh, thành phố", "provinces.html", regions=regions,
                             tilemap=tilemap.render(catalog, partial(urls.relative, base=urls.PROVINCES))))
    return pages


def _field_pages(catalog: Catalog, render: _Renderer) -> list[GeneratedPage]:
    pages = [render.page(urls.field(slug), label, "field.html", slug=slug, entries=catalog.by_field[slug],
                         charts=_small_charts(catalog, catalog.by_field[slug], by_field=False, by_province=True))
             for slug, label in vocabulary.FIELDS.items()]
    ordered = sorted(vocabulary.FIELDS.items(), key=lambda item: sort_key(item[1]))
    pages.append(render.page(urls.FIELDS, "Lĩnh vực", "fields.html", fields=ordered))
    return pages


def _edition_pages(catalog: Catalog, render: _Renderer, book: tuple[int, str] | None = None) -> list[GeneratedPage]:
    pages = []
    for year in catalog.editions:
        entries = catalog.by_edition[year]
        by_field = [(slug, label, [e for e in entries if e.record_field == slug])
                    for slug, label in vocabulary.FIELDS.items()]
        by_field = [g for g in by_field if g[2]]
        collectives = [e for e in entries if e.kind == "collective"]
        pages.append(render.page(urls.edition(year), f"Sách vàng Sáng tạo Việt Nam {year}", "edition.html",
                                 year=year, entries=entries, by_field=by_field, collectives=collectives,
                                 pdf=book[1] if book and book[0] == year else None))
        pages.append(_print_page(catalog, render, year, by_field, collectives))
    pages.append(render.page(urls.EDITIONS, "Các ấn phẩm", "editions.html"))
    return pages


def _print_page(catalog: Catalog, render: _Renderer, year: int, by_field: list, collectives: list[Entry]
                ) -> GeneratedPage:
    """Bản in: the edition as the printed book — cover, contents, one entry per page.

    Entries are numbered in book order: initiatives by field (the vocabulary's
    order), then collectives, each group in Vietnamese title order. The
    contents list them twice, by field and by province (today's province,
    Vietnamese order), with their numbers: a printed page number would need
    CSS ``target-counter``, which browsers do not support.
    """
    groups = [(label, group) for _, label, group in by_field]
    if collectives:
        groups.append((vocabulary.KINDS["collective"], collectives))
    numbered: list[tuple[int, Entry]] = []
    toc_fields = []
    for label, group in groups:
        items = [(len(numbered) + index + 1, entry) for index, entry in enumerate(group)]
        numbered += items
        toc_fields.append((label, items))
    provinces: dict[str, tuple[Province, list[tuple[int, Entry]]]] = {}
    for number, entry in numbered:
        provinces.setdefault(entry.current.key, (entry.current, []))[1].append((number, entry))
    toc_provinces = sorted(provinces.values(), key=lambda item: sort_key(item[0].name))
    meta = {"hide": ["navigation", "toc"], "search": {"exclude": True}, "gb_print": True,
            "description": f"{seo.book_title(year)}: bản in — bìa, mục lục và {len(numbered)} hồ sơ, "
                           "mỗi hồ sơ một trang."}
    collectives = {slug: value for _, entry in numbered for slug, value in _collectives(catalog, entry).items()}
    shown = {src: render.pictures[src] for _, entry in numbered for src in entry.image_sources
             if src in render.pictures}
    stats = _small_charts(catalog, [entry for _, entry in numbered], by_province=True, trend=False,
                          prefix=f"in-{year}-")
    return render.page(urls.print_edition(year), f"{seo.book_title(year)} — Bản in", "print_edition.html",
                       wrapper="print.html", meta=meta, year=year, numbered=numbered, toc_fields=toc_fields,
                       toc_provinces=toc_provinces, collectives=collectives, pictures=shown, stats=stats)


def _small_charts(catalog: Catalog, entries: list[Entry], *, by_field: bool = True, by_province: bool = False,
                  trend: bool = True, prefix: str = "tk-") -> list[stats_sections.Section]:
    """The charts of one province's or one field's records (their page), or of an edition's (its book)."""
    figures = stats_figures.figures_of(entries, catalog.register, catalog.by_edition)
    return stats_sections.small_sections(figures, prefix, by_field=by_field, by_province=by_province, trend=trend)


def _stats_page(catalog: Catalog, render: _Renderer, figures: stats_figures.Figures) -> list[GeneratedPage]:
    """Thống kê: every count of the selection as a chart with its reading, table and records' page."""
    sections = stats_sections.page_sections(figures, catalog.register, partial(urls.relative, base=urls.STATS))
    meta = {"description": f"Sách vàng Sáng tạo Việt Nam qua số liệu: {fmt.number(figures.records)} hồ sơ theo tỉnh, "
                           "thành phố, lĩnh vực, năm ấn phẩm, loại hồ sơ và vùng."}
    return [render.page(urls.STATS, "Thống kê", "stats.html", meta=meta, sections=sections, records=figures.records)]


def _kind_pages(catalog: Catalog, render: _Renderer) -> list[GeneratedPage]:
    pages = []
    for kind, entries in (("initiative", catalog.initiatives), ("collective", catalog.collectives)):
        chunks = [entries[i:i + PAGE_SIZE] for i in range(0, len(entries), PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            title = vocabulary.KINDS[kind] + (f" (trang {number})" if number > 1 else "")
            pages.append(render.page(urls.kind(kind, number), title, "kind.html", kind=kind, entries=chunk,
                                     total=len(entries), number=number, pages=len(chunks),
                                     start=(number - 1) * PAGE_SIZE))
    return pages


def _explore_page(catalog: Catalog, render: _Renderer) -> list[GeneratedPage]:
    """Tra cứu: search and facets over the catalogue, run in the browser on the search index."""
    filters = [("tinh", "Tỉnh, thành (hiện nay)"), ("tinh-cu", "Tỉnh, thành (trước 01/07/2025)"),
               ("linh-vuc", "Lĩnh vực"), ("an-pham", "Ấn phẩm"), ("loai", "Loại hồ sơ"), ("nam", "Năm")]
    return [render.page(urls.EXPLORE, "Tra cứu", "explore.html", meta={"hide": ["toc"]}, filters=filters)]


def _council_pages(catalog: Catalog, render: _Renderer, pdf: tuple[int, str] | None = None
                   ) -> list[GeneratedPage]:
    """Preview builds only: the council's dashboard, one printable review sheet per record, and the
    dossier that prints the sheets of the records under review together (``pdf``: its PDF is made).

    The dashboard lists every record by status (the lifecycle's order), then
    title; each text column carries its Vietnamese sort rank so that the
    sorting script compares numbers, not strings.
    """
    dossiers = dossier.check_all(catalog.entries)
    order = list(vocabulary.STATUSES)
    entries = sorted(catalog.entries, key=lambda e: (order.index(e.status), sort_key(e.title), e.slug))

    def place(entry: Entry) -> str:
        historic, _, current = place_line(catalog, entry)
        return f"{current.name} {historic.name}" if historic else current.name

    def rank(key: Callable[[Entry], str]) -> dict[str, int]:
        ranked = sorted(entries, key=lambda e: (sort_key(key(e)), sort_key(e.title), e.slug))
        return {entry.slug: number for number, entry in enumerate(ranked)}

    ranks = {
        "title": rank(lambda e: e.title),
        "kind": rank(lambda e: vocabulary.KINDS[e.kind]),
        "place": rank(place),
        "field": rank(lambda e: vocabulary.FIELDS.get(e.record_field or "", "")),
    }
    hidden = {"search": {"exclude": True}, "hide": ["navigation", "toc"]}
    reviewed = [entry for entry in entries if entry.status in vocabulary.REVIEW_STATUSES]
    pages = [render.page(urls.COUNCIL, "Bảng theo dõi hồ sơ của hội đồng", "council_dashboard.html",
                         meta=hidden, entries=entries, dossiers=dossiers, ranks=ranks, order=order,
                         reviewed=len(reviewed), pdf=pdf[1] if pdf else None)]
    for entry in entries:
        pages.append(render.page(urls.council_sheet(entry), f"Phiếu thẩm định: {entry.title}", "council_sheet.html",
                                 meta=hidden, entry=entry, collectives=_collectives(catalog, entry),
                         dossier=dossiers[entry.slug]))
    pages.append(_council_print_page(catalog, render, reviewed, dossiers, pdf))
    return pages


def _council_print_page(catalog: Catalog, render: _Renderer, reviewed: list[Entry],
                        dossiers: Mapping[str, dossier.Dossier], pdf: tuple[int, str] | None) -> GeneratedPage:
    """Hồ sơ hội đồng: the records under review in the dashboard's order, each with its review sheet
    (the sheet's own template), after a contents page, for the council to print and annotate.

    The contents number the records; when the build prints the PDF (``pdf``), it writes in the page each
    record starts on, read from a first print (``goldenbook.site.pdfpages``).
    """
    title = "Hồ sơ thẩm định của hội đồng"
    statuses = [vocabulary.STATUSES[status] for status in vocabulary.REVIEW_STATUSES]
    meta = {"hide": ["navigation", "toc"], "search": {"exclude": True}, "gb_print": True,
            "description": f"Sách vàng Sáng tạo Việt Nam: {title.lower()} — mục lục và phiếu thẩm định của "
                           f"{len(reviewed)} hồ sơ ({', '.join(statuses).lower()})."}
    return render.page(urls.COUNCIL_PRINT, title, "council_dossier.html", wrapper="print.html", meta=meta,
                       numbered=list(enumerate(reviewed, start=1)), dossiers=dossiers, statuses=statuses, pdf=bool(pdf),
                       sheet_collectives={entry.slug: _collectives(catalog, entry) for entry in reviewed})


# ---------------------------------------------------------------- snippets

def _snippet(catalog: Catalog, render: _Renderer, name: str, base: str) -> str | None:
    """Generated HTML for a ``<!-- gb:NAME -->`` marker on the page at ``base``."""
    if name == "tilemap":
        return tilemap.render(catalog, partial(urls.relative, base=base))
    if name == "figures":
        return render("snippet_figures.html", base, stats=catalog.stats)
    if name == "latest":
        year = catalog.latest_edition
        return render("snippet_latest.html", base, year=year,
                      entries=catalog.by_edition.get(year, []) if year else [])
    if name == "messages":
        return render("snippet_messages.html", base, messages=catalogue())
    return None
