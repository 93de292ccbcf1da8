"""The URL scheme: one place that says where every page lives.

All URLs are site-relative directory URLs ("sang-kien/vuon-uom/"); pages link
to each other with relative links so the site works under any sub-path.
"""

from __future__ import annotations

import posixpath

from ..provinces import Province
from ..structure.entry import Entry

KIND_DIRS = {"initiative": "sang-kien", "collective": "tap-the"}
PROVINCES = "tinh-thanh/"
HISTORIC = "tinh-thanh/truoc-2025/"
FIELDS = "linh-vuc/"
EDITIONS = "an-pham/"
#: Search and facets (goldenbook.search).
EXPLORE = "tra-cuu/"
IMAGES = "images/"
#: Council pages: built in preview builds only.
COUNCIL = "hoi-dong/"


def record(entry: Entry) -> str:
    return f"{KIND_DIRS[entry.kind]}/{entry.slug}/"


def kind(name: str, page: int = 1) -> str:
    return f"{KIND_DIRS[name]}/" + (f"trang/{page}/" if page > 1 else "")


def province(unit: Province) -> str:
    return f"{HISTORIC if unit.era == 'historic' else PROVINCES}{unit.slug}/"


def field(slug: str) -> str:
    return f"{FIELDS}{slug}/"


def edition(year: int) -> str:
    return f"{EDITIONS}{year}/"


def print_edition(year: int) -> str:
    """The edition laid out as the printed book (Bản in)."""
    return f"{EDITIONS}{year}/in/"


def edition_pdf(year: int) -> str:
    """The book as a PDF file (built with headless Chromium when it is available)."""
    return f"{EDITIONS}{year}/sach-vang-{year}.pdf"


def council_sheet(entry: Entry) -> str:
    """The printable review sheet of one record (preview builds only)."""
    return f"{COUNCIL}phieu/{entry.slug}/"


def image(src: str) -> str:
    return IMAGES + posixpath.normpath(src)


def source_path(url: str) -> str:
    """The page's source file for the platform: "a/b/" → "a/b/index.md"."""
    return f"{url}index.md"


def relative(target: str, base: str) -> str:
    """Link from the page at ``base`` to ``target`` (both site-relative)."""
    rel = posixpath.relpath("/" + target, "/" + base if base else "/")
    if target.endswith("/") or target == "":
        return "./" if rel == "." else rel + "/"
    return rel
