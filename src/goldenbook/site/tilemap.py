"""A schematic tile map of the 34 provinces, drawn as inline SVG at build time.

No map data is needed (none on the package registries has the 2025 units or
the islands): each province is one square on a grid that follows the country's
shape, coloured by its number of records and linked to its page. Hoàng Sa and
Trường Sa are always drawn, each with the province it belongs to.
"""

from __future__ import annotations

from html import escape
from typing import Callable

from ..catalog import Catalog
from . import urls
from .format import number

CELL = 64
GAP = 4
#: Light to dark: 0, 1, 2–3, 4–7, 8+ records (per the selected build).
SHADES = ("#eef1f4", "#fde7b0", "#f9c74f", "#f3722c", "#c1121f")
INK = ("#3c4a57", "#3c4a57", "#3c4a57", "#ffffff", "#ffffff")


def shade(count: int) -> int:
    if count <= 0:
        return 0
    return 1 if count == 1 else 2 if count <= 3 else 3 if count <= 7 else 4


def _label(name: str) -> list[str]:
    """Split a name over at most two lines so it fits a tile."""
    words = name.split()
    if len(name) <= 9 or len(words) == 1:
        return [name]
    middle = (len(words) + 1) // 2
    return [" ".join(words[:middle]), " ".join(words[middle:])]


def render(catalog: Catalog, link: Callable[[str], str]) -> str:
    register = catalog.register
    tiles = [p for p in register.current if p.tile is not None]
    columns = 1 + max(p.tile[0] for p in tiles + list(register.islands))
    rows = 1 + max(p.tile[1] for p in tiles + list(register.islands))
    width, height = columns * CELL, rows * CELL
    out = [f'<svg class="gb-tilemap" viewBox="0 0 {width} {height}" role="group" '
           f'aria-labelledby="gb-tilemap-title" xmlns="http://www.w3.org/2000/svg">',
           '<title id="gb-tilemap-title">Bản đồ ô 34 tỉnh, thành phố theo số hồ sơ</title>']
    for province in tiles:
        count = len(catalog.in_current(province))
        level = shade(count)
        x, y = province.tile[0] * CELL, province.tile[1] * CELL
        lines = _label(province.name)
        text_y = y + CELL / 2 - (len(lines) - 1) * 6
        label = escape(f"{province.full_name}: {number(count)} hồ sơ")
        out.append(f'<a href="{escape(link(urls.province(province)))}" aria-label="{label}">'
                   f'<title>{label}</title>'
                   f'<rect x="{x + GAP / 2}" y="{y + GAP / 2}" width="{CELL - GAP}" height="{CELL - GAP}" rx="6" '
                   f'fill="{SHADES[level]}" data-count="{count}"/>')
        for index, line in enumerate(lines):
            out.append(f'<text x="{x + CELL / 2}" y="{text_y + index * 12}" fill="{INK[level]}" '
                       f'text-anchor="middle" font-size="10">{escape(line)}</text>')
        out.append(f'<text x="{x + CELL / 2}" y="{y + CELL - 9}" fill="{INK[level]}" text-anchor="middle" '
                   f'font-size="11" font-weight="700">{number(count)}</text></a>')
    for island in register.islands:
        x, y = island.tile[0] * CELL + CELL / 2, island.tile[1] * CELL + CELL / 2
        owner = island.province
        label = escape(f"{island.name} (thuộc {owner.full_name.lower().replace(owner.name.lower(), owner.name)})")
        out.append(f'<a href="{escape(link(urls.province(owner)))}" aria-label="{label}"><title>{label}</title>'
                   f'<g class="gb-island">'
                   + "".join(f'<circle cx="{x + dx}" cy="{y + dy}" r="3" fill="#1d6fa5"/>'
                             for dx, dy in ((-8, -4), (0, 2), (7, -6), (-3, 9), (9, 6)))
                   + f'<text x="{x}" y="{y + 24}" text-anchor="middle" font-size="9" fill="#1d6fa5">'
                   f'{escape(island.name.replace("Quần đảo ", ""))}</text>'
                   f'<text x="{x}" y="{y + 34}" text-anchor="middle" font-size="8" fill="#1d6fa5">'
                   f'({escape(owner.name)})</text></g></a>')
    out.append("</svg>")
    legend = "".join(
        f'<li><span class="gb-swatch" style="background:{colour}"></span>{text}</li>'
        for colour, text in zip(SHADES, ("0", "1", "2–3", "4–7", "8+")))
    return (f'<figure class="gb-tilemap-figure">{"".join(out)}'
            f'<figcaption>Số hồ sơ theo tỉnh, thành phố (34 đơn vị từ 01/07/2025). '
            f'Chạm vào một ô để xem hồ sơ.<ul class="gb-legend">{legend}</ul></figcaption></figure>')
