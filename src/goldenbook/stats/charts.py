"""Inline SVG charts drawn at build time: horizontal bars, a trend by year, choropleth tiles.

No script and no request: each chart is markup in the page. Sizes are chosen for the phone: a bar chart
is 360 units wide, about the width of a 390 px screen's text column, so its 14-unit labels show at about
14 px there; wider screens cap the chart's width (``goldenbook.css``, ``.gb-chart svg``). The choropleth
uses one hue from light to dark, in three steps each about 3:1 in luminance from the next, with the count
written on every tile, so that it reads in greyscale, in print and without telling hues apart.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Callable, Sequence

from ..provinces import Province, Register
from ..text import number_text, sort_key
if TYPE_CHECKING:  # the figures module imports the site package, which imports this one
    from .figures import Count, PipelineRow, Series

__all__ = ["bar_chart", "trend_chart", "tile_map", "tile_grid", "pipeline_chart", "shade_ranges", "SHADES",
           "WIDTH", "FONT"]

WIDTH = 360
FONT = 14
#: No records, then three steps light → dark (relative luminance 0.79, 0.23, 0.04: each 3:1 from the next).
SHADES = ("#ffffff", "#dbe8f5", "#4f86c0", "#143a66")
INK = ("#1b1b1b", "#1b1b1b", "#000000", "#ffffff")
BAR = "#2a5d94"  # 6.9:1 on white: bars are graphics a reader must see (WCAG 1.4.11)
LINE = "#5d6b78"

Link = Callable[[str], str]


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _open(ident: str, title: str, width: float, height: float, role: str = "img", css: str = "") -> str:
    return (f'<svg id="{ident}" class="gb-chart-svg{" " + css if css else ""}" viewBox="0 0 {width:g} {height:g}" '
            f'width="{width:g}" '
            f'role="{role}" aria-labelledby="{ident}-t" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="inherit"><title id="{ident}-t">{escape(title)}</title>')


def bar_chart(ident: str, series: Series, counts: Sequence[Count] | None = None) -> str:
    """One bar per count, its label above it and its number after it; longest bar = the largest count."""
    counts = list(series.counts if counts is None else counts)
    top = max([c.value or 0 for c in counts] + [1])
    line, bar, gap = FONT + 3, 14, 10
    parts: list[str] = []
    y = 0.0
    room = WIDTH - 60  # the number after the longest bar
    for count in counts:
        value = count.value or 0
        for text in _wrap(count.label, 44):
            y += line
            parts.append(f'<text x="0" y="{y - 4:g}" font-size="{FONT}" fill="#1b1b1b">{escape(text)}</text>')
        length = round(room * value / top, 1)
        parts.append(f'<rect x="0" y="{y:g}" width="{max(length, 1.5):g}" height="{bar}" fill="{BAR}"/>')
        parts.append(f'<text x="{length + 6:g}" y="{y + bar - 2:g}" font-size="{FONT}" font-weight="700" '
                     f'fill="#1b1b1b">{number_text(value)}</text>')
        y += bar + gap
    return _open(ident, series.title, WIDTH, y) + "".join(parts) + "</svg>"


def trend_chart(ident: str, series: Series) -> str:
    """A column per year; a year without any data has no column and a dash, not a zero."""
    counts = list(series.counts)
    if not counts:
        return _open(ident, series.title, WIDTH, 24) + \
            f'<text x="0" y="18" font-size="{FONT}">Chưa có dữ liệu</text></svg>'
    top = max([c.value or 0 for c in counts] + [1])
    step = WIDTH / len(counts)
    font = FONT if step >= 40 else 13
    plot, base = 150, 20 + 150
    parts = [f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{LINE}" stroke-width="1"/>']
    for index, count in enumerate(counts):
        middle = index * step + step / 2
        label = count.label if step >= 40 else f"’{count.label[-2:]}"
        parts.append(f'<text x="{middle:g}" y="{base + 18}" font-size="{font}" text-anchor="middle" '
                     f'fill="#1b1b1b">{escape(label)}</text>')
        if count.value is None:
            parts.append(f'<text x="{middle:g}" y="{base - 6}" font-size="{font}" text-anchor="middle" '
                         f'fill="{LINE}">–</text>')
            continue
        height = round(plot * count.value / top, 1)
        width = min(step * 0.7, 40)
        parts.append(f'<rect x="{middle - width / 2:g}" y="{base - height:g}" width="{width:g}" '
                     f'height="{max(height, 1.5):g}" fill="{BAR}"/>')
        parts.append(f'<text x="{middle:g}" y="{base - height - 5:g}" font-size="{font}" font-weight="700" '
                     f'text-anchor="middle" fill="#1b1b1b">{number_text(count.value)}</text>')
    return _open(ident, series.title, WIDTH, base + 26) + "".join(parts) + "</svg>"


def shade_ranges(values: Sequence[int]) -> list[tuple[int, int]]:
    """The count ranges of the shades above zero: the distinct non-zero counts in up to three groups of
    about equal size (e.g. 1, 2–3, 4–9)."""
    distinct = sorted({v for v in values if v > 0})
    if len(distinct) <= 3:
        return [(v, v) for v in distinct]
    groups = [distinct[i * len(distinct) // 3:(i + 1) * len(distinct) // 3] for i in range(3)]
    return [(group[0], group[-1]) for group in groups]


def _shade(value: int, ranges: list[tuple[int, int]]) -> int:
    """0 for no records, else the shade of the range holding ``value`` (the darkest steps when fewer)."""
    if value <= 0:
        return 0
    first = len(SHADES) - len(ranges)
    for index, (low, high) in enumerate(ranges):
        if low <= value <= high:
            return first + index
    return len(SHADES) - 1


def _range_text(low: int, high: int) -> str:
    return number_text(low) if low == high else f"{number_text(low)}–{number_text(high)}"


def legend(ranges: list[tuple[int, int]], css: str = "gb-chart-legend") -> str:
    """The shades and the counts each stands for, as a list (swatches drawn in SVG: they print)."""
    items = [(0, "0")] + [(len(SHADES) - len(ranges) + i, _range_text(*r)) for i, r in enumerate(ranges)]
    return f'<ul class="{css}">' + "".join(
        f'<li><svg width="18" height="18" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="17" '
        f'height="17" fill="{SHADES[shade]}" stroke="{LINE}"/></svg>{text} hồ sơ</li>'
        for shade, text in items) + "</ul>"


def _tile(province: Province, count: Count, x: float, y: float, cell: float, shade: int, link: Link,
          suffix: str = "") -> str:
    lines = _wrap(province.name, 7)[:3]
    label = escape(f"{province.full_name}{suffix}: {number_text(count.value or 0)} hồ sơ")
    inner = cell - 4
    top = y + 2 + (inner - (len(lines) * 15 + 17)) / 2 + 13
    text = "".join(f'<text x="{x + cell / 2:g}" y="{top + i * 15:g}" font-size="13" text-anchor="middle" '
                   f'fill="{INK[shade]}">{escape(line)}</text>' for i, line in enumerate(lines))
    dash = ' stroke-dasharray="3 2"' if shade == 0 else ""
    return (f'<a href="{escape(link(count.url or ""))}" aria-label="{label}"><title>{label}</title>'
            f'<rect x="{x + 2:g}" y="{y + 2:g}" width="{inner:g}" height="{inner:g}" rx="4" fill="{SHADES[shade]}" '
            f'stroke="{LINE}"{dash} data-count="{count.value or 0}"/>{text}'
            f'<text x="{x + cell / 2:g}" y="{top + len(lines) * 15 + 2:g}" font-size="14" font-weight="700" '
            f'text-anchor="middle" fill="{INK[shade]}">{number_text(count.value or 0)}</text></a>')


def tile_map(ident: str, series: Series, register: Register, link: Link, *, css: str = "",
             legend_css: str = "gb-chart-legend") -> str:
    """Today's 34 units on the country-shaped grid of ``provinces.json``, shaded by count, with Hoàng Sa
    and Trường Sa beside the unit each belongs to (the statistics page, the home and provinces pages)."""
    cell = 60.0
    counts = {c.key: c for c in series.counts}
    ranges = shade_ranges([c.value or 0 for c in series.counts])
    tiles = [p for p in register.current if p.tile is not None]
    columns = 1 + max(p.tile[0] for p in [*tiles, *register.islands])  # type: ignore[index]
    rows = 1 + max(p.tile[1] for p in [*tiles, *register.islands])  # type: ignore[index]
    parts = []
    for province in tiles:
        count = counts[province.key]
        parts.append(_tile(province, count, province.tile[0] * cell, province.tile[1] * cell, cell,  # type: ignore[index]
                           _shade(count.value or 0, ranges), link))
    for island in register.islands:
        x, y = island.tile[0] * cell + cell / 2, island.tile[1] * cell + cell / 2
        owner = island.province
        label = escape(f"{island.name} (thuộc {owner.full_name.lower().replace(owner.name.lower(), owner.name)})")
        parts.append(f'<a href="{escape(link(counts[owner.key].url or ""))}" aria-label="{label}">'
                     f'<title>{label}</title>'
                     + "".join(f'<circle cx="{x + dx:g}" cy="{y + dy:g}" r="3" fill="{BAR}"/>'
                               for dx, dy in ((-8, -10), (0, -4), (7, -12), (-3, 3)))
                     + f'<text x="{x - 6:g}" y="{y + 20:g}" font-size="13" text-anchor="middle" fill="#1b1b1b">'
                     f'{escape(island.name.replace("Quần đảo ", ""))}</text></a>')
    return (_open(ident, series.title, columns * cell, rows * cell, role="group", css=css) + "".join(parts)
            + "</svg>" + legend(ranges, legend_css))


def tile_grid(ident: str, series: Series, register: Register, link: Link) -> str:
    """The 63 units before 01/07/2025 as tiles in five columns, by region then name, shaded by count."""
    cell, columns = 72.0, 5
    counts = {c.key: c for c in series.counts}
    ranges = shade_ranges([c.value or 0 for c in series.counts])
    order = {region.slug: index for index, region in enumerate(register.regions)}
    units = sorted(register.historic, key=lambda p: (order.get(p.region.slug, 99), sort_key(p.name)))
    parts = [_tile(p, counts[p.key], (i % columns) * cell, (i // columns) * cell, cell,
                   _shade(counts[p.key].value or 0, ranges), link, " (trước 01/07/2025)")
             for i, p in enumerate(units)]
    rows = (len(units) + columns - 1) // columns
    return (_open(ident, series.title, columns * cell, rows * cell, role="group") + "".join(parts) + "</svg>"
            + legend(ranges))


def pipeline_chart(ident: str, title: str, rows: Sequence[PipelineRow], labels: dict[str, str]) -> str:
    """Per edition, one bar per status in the lifecycle's order (a funnel read top to bottom), each
    labelled with its status and count: nothing depends on colour."""
    top = max([count for row in rows for _, count in row.statuses] + [1])
    parts: list[str] = []
    y = 0.0
    room = WIDTH - 200
    for row in rows:
        y += FONT + 8
        parts.append(f'<text x="0" y="{y - 4:g}" font-size="{FONT + 1}" font-weight="700" fill="#1b1b1b">'
                     f'{row.edition}: {number_text(row.total)} hồ sơ</text>')
        for status, count in row.statuses:
            length = round(room * count / top, 1)
            parts.append(f'<text x="0" y="{y + 13:g}" font-size="{FONT}" fill="#1b1b1b">'
                         f'{escape(labels[status])}</text>'
                         f'<rect x="150" y="{y + 2:g}" width="{max(length, 1.5):g}" height="13" fill="{BAR}"/>'
                         f'<text x="{150 + length + 6:g}" y="{y + 13:g}" font-size="{FONT}" font-weight="700" '
                         f'fill="#1b1b1b">{number_text(count)}</text>')
            y += 19
        y += 8
    return _open(ident, title, WIDTH, y) + "".join(parts) + "</svg>"
