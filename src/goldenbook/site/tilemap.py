"""A schematic tile map of the 34 provinces, drawn as inline SVG at build time (home and provinces pages).

No map data is needed (none on the package registries has the 2025 units or
the islands): each province is one square on a grid that follows the country's
shape, shaded by its number of records and linked to its page. Hoàng Sa and
Trường Sa are always drawn, each with the province it belongs to. The drawing
is the statistics page's choropleth (``goldenbook.stats.charts.tile_map``).
"""

from __future__ import annotations

from typing import Callable

from ..catalog import Catalog
from ..stats import charts, figures


def render(catalog: Catalog, link: Callable[[str], str]) -> str:
    tiles = charts.tile_map("gb-tilemap", figures.current_series(catalog), catalog.register, link, css="gb-tilemap",
                            legend_css="gb-legend")
    return (f'<figure class="gb-tilemap-figure">{tiles}'
            f'<figcaption>Số hồ sơ theo tỉnh, thành phố (34 đơn vị từ 01/07/2025). '
            f'Chạm vào một ô để xem hồ sơ.</figcaption></figure>')
