"""Editors' Markdown → safe HTML.

Records come from many hands: their Markdown (GitHub-flavoured, as editors
see it previewed on GitHub) is rendered by cmark-gfm in its safe mode — raw
HTML omitted, dangerous URLs dropped — then cleaned by nh3 (a maintained
sanitiser, Rust's ammonia) to an allow-list. Two independent layers: scripts,
event handlers, style and non-http(s) links do not survive either.

cmark-gfm is C, much faster than Python-Markdown, which matters at tens of
thousands of records. What a body may cost (size,
nesting, elements) is bounded when its record is validated
(``goldenbook.markdown_budget``, with the same cmark-gfm options).
"""

from __future__ import annotations

from functools import lru_cache

import nh3

from ..markdown_budget import cmark_html

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "mark", "small", "abbr",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a",
}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True)


# Large enough to hold every body a build process renders before the print edition renders them again.
@lru_cache(maxsize=16384)
def render_markdown(text: str) -> str:
    """Markdown → sanitised HTML; headings start at level 2 under the page title."""
    html = cmark_html(text)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize(html)
