"""Every count the statistics show, derived once from the catalogue's selection.

The figures read only what an entry knows without its record being loaded
(``Entry`` facts and place), so a build whose pages are all cached still loads
no record for them. A public build's catalogue holds published records only,
so nothing unpublished can be counted here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..catalog import Catalog
from ..provinces import Province, Register
from ..site import urls
from ..structure.entry import Entry
from ..structure.record import FIRST_EDITION
from ..text import sort_key
from ..vocabulary import FIELDS, KINDS, STATUSES
from .impact import ImpactSum, impact_sums

__all__ = ["Count", "Series", "PipelineRow", "Figures", "figures_of", "site_figures", "current_series"]


@dataclass(frozen=True)
class Count:
    """One bar, tile or row: what is counted, its label, the number (None: no data at all, a gap) and the
    site path of the page listing those records (None where no page does)."""

    key: str
    label: str
    value: int | None
    url: str | None = None


@dataclass(frozen=True)
class Series:
    """One chart's numbers: ``total`` is the number of records the chart counts (its denominator)."""

    slug: str
    title: str
    counts: tuple[Count, ...]
    total: int


@dataclass(frozen=True)
class PipelineRow:
    """One edition's records by status (preview builds): (status, count) in the lifecycle's order."""

    edition: int
    statuses: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.statuses)


@dataclass(frozen=True)
class Figures:
    """The statistics of one set of records (the whole selection, one province's, one field's)."""

    records: int
    current: Series  #: by today's 34 units
    historic: Series  #: by the 63 units before 01/07/2025 (records named under them)
    field: Series  #: initiatives by field
    edition: Series  #: by edition year, gaps where the catalogue has no record of that year
    kind: Series
    region: Series  #: by today's province's region
    impact: tuple[ImpactSum, ...]
    pipeline: tuple[PipelineRow, ...] = ()  #: preview builds only

    @property
    def charts(self) -> tuple[Series, ...]:
        return (self.current, self.historic, self.field, self.edition, self.kind, self.region)


def _edition_years(catalog_editions: Iterable[int]) -> range:
    years = list(catalog_editions)
    if not years:
        return range(0)
    return range(min(FIRST_EDITION, min(years)), max(years) + 1)


def figures_of(entries: list[Entry], register: Register, editions: Iterable[int], *,
               pipeline: bool = False) -> Figures:
    """The figures of ``entries``; ``editions`` are the years the whole catalogue has records of (a year
    without any is a gap in the trend, a year with records elsewhere but not here is a zero)."""
    current = Counter(entry.current.key for entry in entries)
    historic = Counter(entry.historic.key for entry in entries if entry.historic is not None)
    fields = Counter(entry.record_field for entry in entries if entry.record_field)
    by_edition = Counter(entry.edition for entry in entries if entry.edition is not None)
    kinds = Counter(entry.kind for entry in entries)
    regions = Counter(entry.current.region.slug for entry in entries)
    with_data = set(editions)

    def units(provinces: Iterable[Province]) -> tuple[Count, ...]:
        return _units(provinces, current if provinces is register.current else historic)

    field_counts = tuple(sorted((Count(slug, label, fields.get(slug, 0), urls.field(slug))
                                 for slug, label in FIELDS.items()),
                                key=lambda c: (-(c.value or 0), sort_key(c.label))))
    years = tuple(Count(str(year), str(year), by_edition.get(year, 0) if year in with_data else None,
                        urls.edition(year) if year in with_data else None)
                  for year in _edition_years(with_data))
    region_names = {p.region.slug: p.region for p in register.current}
    region_counts = tuple(sorted((Count(slug, region.name, regions.get(slug, 0), _region_search(slug))
                                  for slug, region in region_names.items()),
                                 key=lambda c: (-(c.value or 0), sort_key(c.label))))
    rows: tuple[PipelineRow, ...] = ()
    if pipeline:
        grouped: dict[int, Counter] = {}
        for entry in entries:
            grouped.setdefault(entry.edition if entry.edition is not None else entry.year, Counter())[entry.status] += 1
        rows = tuple(PipelineRow(year, tuple((status, grouped[year].get(status, 0)) for status in STATUSES))
                     for year in sorted(grouped))
    return Figures(
        records=len(entries),
        current=Series("tinh-thanh", CURRENT_TITLE, units(register.current), len(entries)),
        historic=Series("tinh-thanh-truoc-2025", "Hồ sơ theo 63 tỉnh, thành phố trước 01/07/2025",
                        units(register.historic), sum(historic.values())),
        field=Series("linh-vuc", "Sáng kiến theo lĩnh vực", field_counts, sum(fields.values())),
        edition=Series("an-pham", "Hồ sơ theo năm ấn phẩm", years, sum(by_edition.values())),
        kind=Series("loai", "Hồ sơ theo loại", tuple(Count(kind, label, kinds.get(kind, 0), urls.kind(kind))
                                                     for kind, label in KINDS.items()), len(entries)),
        region=Series("vung", "Hồ sơ theo vùng kinh tế - xã hội", region_counts, len(entries)),
        impact=impact_sums(entries),
        pipeline=rows,
    )


CURRENT_TITLE = "Hồ sơ theo 34 tỉnh, thành phố (từ 01/07/2025)"


def _units(provinces: Iterable[Province], counted: Mapping[str, int]) -> tuple[Count, ...]:
    return tuple(Count(p.key, p.name, counted.get(p.key, 0), urls.province(p)) for p in provinces)


def current_series(catalog: Catalog) -> Series:
    """The selection by today's 34 units alone (the tile map of the home and provinces pages)."""
    counted = {key: len(entries) for key, entries in catalog.by_current.items()}
    return Series("tinh-thanh", CURRENT_TITLE, _units(catalog.register.current, counted), len(catalog.entries))


def _region_search(slug: str) -> str:
    """The regions have no page of their own: the provinces' page lists them, each with an anchor."""
    return f"tinh-thanh/#{slug}"


def site_figures(catalog: Catalog) -> Figures:
    """The figures of the whole selection (the statistics page, open data); the pipeline in preview builds."""
    return figures_of(catalog.entries, catalog.register, catalog.by_edition, pipeline=catalog.preview)
