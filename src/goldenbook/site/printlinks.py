"""Links in the book's PDF: absolute ``https://`` addresses or none.

The PDF is printed by Chromium from the print page in the built site, opened
as a file: a relative link (``../x``, a body's ``//host/x`` or ``\\\\server\\x``)
would resolve against that file and put ``file:///home/…/site/…`` — the build
machine's folders — into the published PDF, and make it depend on where it was
built. Before printing, every link of the page is made absolute from the
site's public address (``site_url``), kept if it already is an ``https://``
address, or taken away (its text stays) otherwise: a link to the page itself
(``#…``) stays as it is, Chromium makes it a link inside the PDF.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

__all__ = ["pdf_href", "links_for_print"]

_ANCHOR = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)  # a quoted value may hold ">"
_HREF = re.compile(r"""\s(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def pdf_href(href: str, page: str, site_url: str) -> str | None:
    """What the PDF may link to for ``href`` (as written in the page at ``page``, e.g. ``an-pham/2024/in/``).

    ``https://`` addresses stay; a relative one is resolved against ``site_url`` when that is an
    ``https://`` address and stays inside it; anything else (another scheme, ``//host``, a backslash,
    a control character, no ``site_url``) is None: no link.
    """
    if href.startswith("#") and not _UNSAFE.search(href):
        return href
    if not href or _UNSAFE.search(href):
        return None
    parts = urlsplit(href)
    if parts.scheme:
        return href if parts.scheme == "https" and parts.netloc and "@" not in parts.netloc else None
    if href.startswith("//") or not site_url.startswith("https://"):
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    absolute = urljoin(base + page, href)
    return absolute if absolute.startswith(base) else None


def links_for_print(page_html: str, page: str, site_url: str) -> str:
    """``page_html`` with each link's address replaced by ``pdf_href``'s, or its ``href`` taken away."""

    def anchor(match: re.Match[str]) -> str:
        tag = match.group(0)
        found = _HREF.search(tag)
        if found is None:
            return tag
        written = next(value for value in found.groups() if value is not None)
        target = pdf_href(html.unescape(written).strip(), page, site_url)
        kept = "" if target is None else f' href="{html.escape(target, quote=True)}"'
        return tag[:found.start()] + kept + tag[found.end():]

    return _ANCHOR.sub(anchor, page_html)
