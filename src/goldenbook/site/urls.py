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
#: Statistics: charts of every count (goldenbook.stats).
STATS = "thong-ke/"
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


#: The council's dossier: every record under review with its review sheet, as one print page and its PDF.
COUNCIL_PRINT = f"{COUNCIL}in/"
COUNCIL_PDF = f"{COUNCIL}ho-so-hoi-dong.pdf"
#: The council's scoring sheet (goldenbook.sheets.council): scored in a spreadsheet, read back by import-scores.
COUNCIL_WORKBOOK = f"{COUNCIL}danh-gia.xlsx"


def image(src: str) -> str:
    return IMAGES + posixpath.normpath(src)


def source_path(url: str) -> str:
    """The page's source file for the platform: "a/b/" → "a/b/index.md"."""
    return f"{url}index.md"


def relative(target: str, base: str) -> str:
    """Link from the page at ``base`` to ``target`` (both site-relative).

    Every page prints dozens of links: the parts of the two paths are compared
    directly (``posixpath.relpath`` normalises both paths on every call, a
    visible share of a build). Paths with ``.`` or ``..`` parts or empty
    parts, and absolute ones, take the general way; a test shows both ways agree.
    """
    if "." in base or "//" in base or "//" in target or "/." in target or target.startswith((".", "/")) \
            or base.startswith("/"):
        return _general(target, base)
    up, prefix = _base_parts(base)
    if target.startswith(prefix):  # below the base: most links from index pages
        rel = target[len(prefix):].rstrip("/")
    else:
        parts = target.rstrip("/").split("/") if target.strip("/") else []
        shared = 0
        for mine, theirs in zip(up, parts):
            if mine != theirs:
                break
            shared += 1
        rel = "/".join([".."] * (len(up) - shared) + parts[shared:])
    rel = rel or "."
    if target.endswith("/") or target == "":
        return "./" if rel == "." else rel + "/"
    return rel


def _general(target: str, base: str) -> str:
    rel = posixpath.relpath("/" + target, "/" + base if base else "/")
    if target.endswith("/") or target == "":
        return "./" if rel == "." else rel + "/"
    return rel


_BASES: dict[str, tuple[list[str], str]] = {}


def _base_parts(base: str) -> tuple[list[str], str]:
    """The base's folders, and the prefix every path below it starts with."""
    found = _BASES.get(base)
    if found is None:
        parts = base.strip("/").split("/") if base.strip("/") else []
        found = _BASES[base] = (parts, "/".join(parts) + "/" if parts else "")
    return found
