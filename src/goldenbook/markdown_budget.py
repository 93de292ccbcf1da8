"""Budgets for the Markdown of a record (``body``, ``achievements``), checked when a record is validated.

A record's Markdown is rendered by cmark-gfm and then sanitised by nh3, whose
HTML parser costs the square of the nesting depth: 100 KB of ``>`` (valid,
within the size limit) is 50,000 nested block quotes, and took six minutes to
sanitise. Some inputs are also slow in cmark-gfm itself (many mismatched
emphasis delimiters), and a table multiplies its columns by its rows. Each of
these is a budget here, so that an over-budget body is a located error at
validation and the build never meets one. The numbers are in README
(Hostile input).

Most bodies are cleared without rendering: a cheap upper bound on the nesting
depth (from the longest run of container markers at the start of a line and
the number of emphasis delimiters) and on the number of elements (from the
length, when there is no table) is enough. Only bodies that the bound cannot
clear are rendered, with the renderer's own options, and measured exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["MARKDOWN_FIELDS", "MAX_CHARACTERS", "MAX_DEPTH", "MAX_ELEMENTS", "MAX_DELIMITERS", "MAX_BRACKETS", "MAX_AMPERSANDS", "Overrun",
           "cmark_html", "measure", "over_budget"]

#: The record fields written in Markdown.
MARKDOWN_FIELDS = ("body", "achievements")
#: Longest Markdown field, as the record model says (longer is refused there, never rendered).
MAX_CHARACTERS = 100_000
#: Deepest nesting of elements in the rendered HTML. A quotation inside four nested lists, in a
#: paragraph with bold, italic, struck-through text, a link and code, is 15.
MAX_DEPTH = 20
#: Elements (tags) in the rendered HTML: about a 100,000-character text in short paragraphs, a table of
#: 2,000 rows of 8 columns.
MAX_ELEMENTS = 20_000
#: Emphasis and strikethrough delimiter characters (``*``, ``_``, ``~``): cmark-gfm pairs them in time
#: that grows with the square of their number in the worst case.
MAX_DELIMITERS = 4_000
#: Link brackets (``[``).
MAX_BRACKETS = 4_000
#: Ampersands: each is an entity (``&amp;``) in the HTML, and nh3 takes time that grows faster than
#: their number (100,000 in a paragraph: half a second, against 2 ms for as many letters).
MAX_AMPERSANDS = 4_000

#: The start of a line made of what opens block containers (quotes, list items, their indentation).
_CONTAINER_CHARS = " >*+\\-0-9.)"
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)(?:\s[^>]*?)?(/?)>")
_SOURCE_LINE = re.compile(r'data-sourcepos="(\d+):')
_KIND = {"blockquote": "blockquote", "ul": "list", "ol": "list",
         **{name: "inline" for name in ("em", "strong", "del", "a", "code")}}
_VOID = frozenset({"br", "hr", "img", "input"})


class Overrun(NamedTuple):
    """A budget exceeded: the diagnostic's code and its parameters."""

    code: str
    params: dict


def cmark_html(text: str, *, sourcepos: bool = False) -> str:
    """cmark-gfm's HTML for ``text`` with the options the site renders with (safe mode, smart punctuation)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    options = Options.CMARK_OPT_SMART | (Options.CMARK_OPT_SOURCEPOS if sourcepos else 0)
    return cmarkgfm.github_flavored_markdown_to_html(text, options=options)


@lru_cache(maxsize=32)
def _long_prefix(length: int) -> re.Pattern[str]:
    """A line (after a line break) starting with ``length`` or more container characters."""
    return re.compile(f"\\n[{_CONTAINER_CHARS}]{{{length}}}")


def _clear_without_rendering(text: str, delimiters: int) -> bool:
    """Whether a cheap bound proves ``text`` within the depth and element budgets.

    Depth: every block container on a line takes at least one character at its start (``>``, a list
    marker, or two columns of indentation for the two elements of a list level; a tab may stand for
    more, so a tab sends the text to the exact measure), a list adds two elements per marker and a
    leaf block at most four (a table cell), so the blocks are at most P + 5 deep for a longest prefix
    of P characters. Every emphasis or strikethrough element takes at least one delimiter on each
    side and none crosses a blank line; links do not nest (an autolink inside a link's text is
    counted anyway) and code holds only text: the inline elements add at most delimiters / 2 + 3,
    counted in the paragraph that has the most. Elements: without a table (a ``|``), each element
    takes at least half a character.
    """
    if "|" in text or "\t" in text or "\r" in text or 2 * len(text) > MAX_ELEMENTS:  # CR: a line end too
        return False
    room = MAX_DEPTH - 5 - (delimiters // 2 + 3)
    if room < MAX_DEPTH // 2:  # emphasis does not cross a blank line: count paragraph by paragraph
        delimiters = max(_delimiters(paragraph) for paragraph in text.split("\n\n"))
        room = MAX_DEPTH - 5 - (delimiters // 2 + 3)
    return room >= 1 and _long_prefix(room).search("\n" + text) is None


def _delimiters(text: str) -> int:
    return text.count("*") + text.count("_") + text.count("~")


class Measure(NamedTuple):
    depth: int
    elements: int
    line: int  # the line of the text where the deepest element is (1 when unknown)
    quotes: int  # at the deepest point: block quotes, lists, inline elements (emphasis, links, code)
    lists: int
    inline: int


def measure(text: str) -> Measure:
    """The nesting depth and the number of elements of ``text`` rendered, and what is deepest.

    The elements are counted from the HTML's tags as a whole; the depth is followed tag by tag up to
    twice the element budget (a body over it is refused either way), so that a refused body costs
    no more than one within the budgets.
    """
    html = cmark_html(text, sourcepos=True)
    elements = html.count("<") - html.count("</") - html.count("<!--")
    stack: list[str] = []
    kinds = {"blockquote": 0, "list": 0, "inline": 0}
    deepest = Measure(0, elements, 1, 0, 0, 0)
    line = 1
    for seen, match in enumerate(_TAG.finditer(html)):
        if seen > 2 * MAX_ELEMENTS:
            break
        closing, name, void = match.groups()
        if closing:
            if stack:
                kind = _KIND.get(stack.pop())
                if kind:
                    kinds[kind] -= 1
            continue
        if void or name in _VOID:
            continue
        found = _SOURCE_LINE.search(match.group(0))
        if found:
            line = int(found.group(1))
        stack.append(name)
        kind = _KIND.get(name)
        if kind:
            kinds[kind] += 1
        if len(stack) > deepest.depth:
            deepest = Measure(len(stack), elements, line, kinds["blockquote"], kinds["list"], kinds["inline"])
    return deepest


def over_budget(text: str) -> Overrun | None:
    """The first budget ``text`` exceeds, or None."""
    delimiters = _delimiters(text)
    if delimiters > MAX_DELIMITERS:
        return Overrun("markdown-delimiters", {"count": delimiters, "limit": MAX_DELIMITERS, "chars": "* _ ~"})
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return Overrun("markdown-delimiters", {"count": brackets, "limit": MAX_BRACKETS, "chars": "["})
    ampersands = text.count("&")
    if ampersands > MAX_AMPERSANDS:
        return Overrun("markdown-delimiters", {"count": ampersands, "limit": MAX_AMPERSANDS, "chars": "&"})
    if _clear_without_rendering(text, delimiters):
        return None
    found = measure(text)
    if found.depth > MAX_DEPTH:
        return Overrun("markdown-too-deep", {"depth": found.depth, "limit": MAX_DEPTH, "text_line": found.line,
                                             "quotes": found.quotes, "lists": found.lists, "inline": found.inline})
    if found.elements > MAX_ELEMENTS:
        return Overrun("markdown-too-many-elements", {"count": found.elements, "limit": MAX_ELEMENTS})
    return None
