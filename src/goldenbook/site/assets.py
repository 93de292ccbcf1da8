"""Static files the generated pages need, shipped inside the package."""

from __future__ import annotations

from importlib.resources import files

#: Where the stylesheet is published on the site.
STYLESHEET = "assets/goldenbook.css"
#: Council preview builds only: the dashboard's and review sheets' stylesheet and script.
COUNCIL_STYLESHEET = "assets/council.css"
COUNCIL_SCRIPT = "assets/council.js"
#: Council preview builds only: reads data from files when the preview is opened from a folder (file://).
OFFLINE_SCRIPT = "assets/offline.js"
#: Every page: the search box's script and stylesheet (goldenbook.search).
SEARCH_SCRIPT = "assets/search.js"
SEARCH_STYLESHEET = "assets/search.css"


#: Print pages only (overrides/print.html): the book's A4 layout.
PRINT_STYLESHEET = "assets/print.css"
#: Record and print pages (overrides/record.html, print.html): cite, share and print buttons.
SHARE_SCRIPT = "assets/share.js"
#: The share card of a record without a photo (og:image; drawn by scripts/make_card.py).
CARD_IMAGE = "assets/card.png"
#: The one typeface of the site and the book: Be Vietnam Pro (SIL OFL 1.1), regular and bold, cut to Latin
#: and Vietnamese (made from the PyPI package fontpkg-be-vietnam-pro 1.2 with fontTools' pyftsubset; see README).
FONTS = ("be-vietnam-pro-400.woff2", "be-vietnam-pro-700.woff2", "be-vietnam-pro-OFL.txt")


def _static(name: str) -> str:
    return files("goldenbook.site").joinpath(f"static/{name}").read_text(encoding="utf-8")


def book_assets() -> dict[str, str | bytes]:
    """Site path → content of the print stylesheet, the cite/share script, the share card and the fonts."""
    static = files("goldenbook.site").joinpath("static")
    card = static.joinpath("card.png").read_bytes()
    fonts = {f"assets/{name}": static.joinpath(name).read_bytes() for name in FONTS}
    return {PRINT_STYLESHEET: _static("print.css"), SHARE_SCRIPT: _static("share.js"), CARD_IMAGE: card, **fonts}


def stylesheet() -> str:
    return _static("goldenbook.css")


def council_assets() -> dict[str, str]:
    """Site path → text of the files only council preview builds publish."""
    return {COUNCIL_STYLESHEET: _static("council.css"), COUNCIL_SCRIPT: _static("council.js"),
            OFFLINE_SCRIPT: _static("offline.js")}


def search_assets() -> dict[str, str]:
    """Site path → text of the search box's script (with its folding tables) and stylesheet."""
    from ..search import js_tables

    script = _static("search.js").replace("/*@fold-tables@*/ null", js_tables())
    return {SEARCH_SCRIPT: script, SEARCH_STYLESHEET: _static("search.css")}
