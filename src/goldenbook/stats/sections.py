"""The statistics as a page shows them: per chart a title, a reading, the SVG, its table and a link to
the records it counts. Plain data and markup, for ``goldenbook.site`` templates (``_stats.html``)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Callable, Sequence

from ..provinces import Register
from ..site import urls
from ..text import money_text, number_text, percent_text
from ..vocabulary import STATUSES
from . import charts, readings

if TYPE_CHECKING:  # the figures module imports the site package, which imports this one
    from .figures import Count, Figures, Series

__all__ = ["Section", "page_sections", "small_sections"]


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    reading: str
    chart: str  #: inline SVG (and legend) markup, made here: safe
    head: tuple[str, ...]
    rows: tuple[tuple[str, str | None, tuple[str, ...]], ...]  #: (label, site path or None, cells)
    more: tuple[str, str] | None = None  #: (link text, site path) of the records counted


def _rows(series: Series, counts: Sequence[Count] | None = None
          ) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
    return tuple((c.label, c.url, ("không có dữ liệu", "") if c.value is None else
                  (number_text(c.value), percent_text(c.value, series.total)))
                 for c in (series.counts if counts is None else counts))


_HEAD = ("Số hồ sơ", "Tỷ lệ")


def _series_section(prefix: str, series: Series, chart: str, reading: str, first: str,
                    more: tuple[str, str] | None, counts: Sequence[Count] | None = None) -> Section:
    return Section(f"{prefix}{series.slug}", series.title, reading, chart, (first, *_HEAD), _rows(series, counts),
                   more)


def page_sections(figures: Figures, register: Register, link: Callable[[str], str]) -> list[Section]:
    """Every chart of the statistics page, in reading order; the pipeline in preview builds."""
    f = figures
    out = [
        _series_section("", f.current, charts.tile_map("bd-tinh-thanh", f.current, register, link),
                        readings.leader(f.current, "hồ sơ", "đơn vị", "tỉnh, thành phố"), "Tỉnh, thành phố",
                        ("Xem hồ sơ theo tỉnh, thành phố", urls.PROVINCES)),
        _series_section("", f.historic, charts.tile_grid("bd-tinh-thanh-cu", f.historic, register, link),
                        readings.leader(f.historic, "hồ sơ ghi tên tỉnh cũ", "đơn vị", "tỉnh, thành phố cũ"),
                        "Tỉnh, thành phố (trước 01/07/2025)", ("Xem tỉnh, thành phố cũ theo vùng", urls.PROVINCES)),
        _series_section("", f.field, charts.bar_chart("bd-linh-vuc", f.field),
                        readings.leader(f.field, "sáng kiến", "lĩnh vực"), "Lĩnh vực", ("Xem sáng kiến theo lĩnh vực", urls.FIELDS)),
        _series_section("", f.edition, charts.trend_chart("bd-an-pham", f.edition), readings.trend(f.edition),
                        "Năm ấn phẩm", ("Xem các ấn phẩm", urls.EDITIONS)),
        _series_section("", f.kind, charts.bar_chart("bd-loai", f.kind), readings.leader(f.kind, "hồ sơ", "loại"),
                        "Loại hồ sơ", ("Tra cứu hồ sơ theo loại", urls.EXPLORE)),
        _series_section("", f.region, charts.bar_chart("bd-vung", f.region), readings.leader(f.region, "hồ sơ", "vùng"),
                        "Vùng", ("Xem tỉnh, thành phố theo vùng", urls.PROVINCES)),
        impact_section(figures),
    ]
    if figures.pipeline:
        out.append(pipeline_section(figures))
    return out


def impact_section(figures: Figures) -> Section:
    rows = tuple((s.label, None, (money_text(s.total) if s.unit == "đồng" else f"{number_text(s.total)} {s.unit}",
                                  number_text(s.records)))
                 for s in figures.impact)
    shown = "".join(f'<li><strong>{escape(cells[0])}</strong> {escape(label[:1].lower() + label[1:])}, '
                    f'theo {escape(cells[1])} hồ sơ</li>' for label, _, cells in rows)
    return Section("hieu-qua", "Hiệu quả mà hồ sơ nêu bằng con số", readings.impact(figures.impact, figures.records),
                   f'<ul class="gb-figures gb-impact">{shown}</ul>', ("Con số", "Tổng", "Số hồ sơ có nêu"), rows)


def pipeline_section(figures: Figures) -> Section:
    title = "Quy trình xét chọn theo ấn phẩm (bản xem trước)"
    head = ("Ấn phẩm (hoặc năm đề cử)", *STATUSES.values(), "Tổng")
    rows = tuple((str(row.edition), None, (*(number_text(n) for _, n in row.statuses), number_text(row.total)))
                 for row in figures.pipeline)
    return Section("quy-trinh", title, readings.pipeline(figures.pipeline),
                   charts.pipeline_chart("bd-quy-trinh", title, figures.pipeline, dict(STATUSES)), head, rows,
                   ("Bảng theo dõi hồ sơ của hội đồng", urls.COUNCIL))


def small_sections(figures: Figures, prefix: str, *, by_field: bool = True, by_province: bool = False,
                   trend: bool = True) -> list[Section]:
    """The charts of one province's or one field's records: by field (a province) or by today's province
    (a field), and by edition year."""
    out = []
    if by_field and figures.field.total:
        shown = [c for c in figures.field.counts if c.value]
        out.append(_series_section(prefix, figures.field, charts.bar_chart(f"bd-{prefix}linh-vuc", figures.field, shown),
                                   readings.leader(figures.field, "sáng kiến", "lĩnh vực"), "Lĩnh vực", None, shown))
    if by_province and figures.current.total:
        shown = sorted((c for c in figures.current.counts if c.value), key=lambda c: -(c.value or 0))
        out.append(_series_section(prefix, figures.current,
                                   charts.bar_chart(f"bd-{prefix}tinh-thanh", figures.current, shown),
                                   readings.leader(figures.current, "hồ sơ", "đơn vị", "tỉnh, thành phố"),
                                   "Tỉnh, thành phố", None, shown))
    if trend and figures.edition.total:
        out.append(_series_section(prefix, figures.edition, charts.trend_chart(f"bd-{prefix}an-pham", figures.edition),
                                   readings.trend(figures.edition), "Năm ấn phẩm", None))
    return out
