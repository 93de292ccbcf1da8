"""Render a theme's page template once per kind of page, then fill it per page.

Most generated pages (records, provinces, fields…) are not in the navigation:
for such pages the theme's HTML differs from one page to the next only where
it prints the page's own values — title, content, description, the last
segment of its address. Rendering the full theme template (Material's
``main.html``: header, tabs, navigation, footer) for each of 10,000 records
costs more than everything else of the build together.

So a page *shell* is rendered once with **probes** in place of those values,
and each page is then the shell with its own values put back. A probe is a
marker followed by characters that every usual Jinja filter changes
(``<b>&amp;"'`` and a double space): where the theme printed a value through a
filter, the filter's mark on the probe tells which one (none, ``e``,
``striptags``, ``urlencode``, ``tojson``), and filling applies the same
function to the page's value. A value printed any other way (truncated,
upper-cased, compared) leaves no recognisable probe and the shell is refused:
the caller renders those pages in full. Callers also compare one filled page
per shell with its full render, so a shell is only used once it has been
seen to give the same bytes.

Nothing here knows MkDocs: the caller passes a function that renders the
template for a mapping of probe values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from jinja2.filters import do_striptags, do_urlencode
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape

__all__ = ["Shell", "probe", "token", "build_shell", "TOKEN"]

#: A token slot holds text of these characters only (the last segment of a page's address):
#: no filter changes such text, so its probe is a bare marker.
TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*")
_TAIL = "<b>&amp;\"'  ạÄ</b>"


def _marker(index: int) -> str:
    return f"gbslot{index}q"


def _end(index: int) -> str:
    return f"qtolsbg{index}"


def probe(index: int, extra: str = "") -> str:
    """The probe for text slot ``index``; ``extra`` is kept inside it (e.g. ``<h1`` for a test on the content)."""
    return f"{_marker(index)}{_TAIL}{extra}{_end(index)}"


def token(index: int) -> str:
    """The probe for token slot ``index``."""
    return _marker(index)


def _striptags(value: str) -> str:
    return str(do_striptags(value))


def _tojson(value: str) -> str:
    return str(htmlsafe_json_dumps(value, sort_keys=True))  # jinja2's tojson with its default policy


#: The ways a theme prints a value, in the order they are tried.
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "raw": str,
    "escape": lambda value: str(escape(value)),
    "striptags": _striptags,
    "escape-striptags": lambda value: str(escape(_striptags(value))),
    "urlencode": lambda value: str(do_urlencode(value)),
    "tojson": _tojson,
}


@dataclass(frozen=True)
class Shell:
    """A rendered template cut at its slots: ``parts[0] slot[0] parts[1] … parts[-1]``."""

    parts: tuple[str, ...]
    slots: tuple[tuple[str, str], ...]  #: (value name, transform name) per slot

    def fill(self, values: Mapping[str, Any]) -> str:
        out = [self.parts[0]]
        for (name, transform), part in zip(self.slots, self.parts[1:]):
            value = values[name]
            out.append(value if transform == "raw" else TRANSFORMS[transform](value))
            out.append(part)
        return "".join(out)


def build_shell(rendered: str, names: Mapping[int, str], tokens: frozenset[int] = frozenset(),
                extras: Mapping[int, str] | None = None) -> Shell | None:
    """Cut ``rendered`` (the template rendered with probes) into a :class:`Shell`.

    ``names`` maps each slot index to the value it stands for; indexes in
    ``tokens`` were rendered with :func:`token`, the others with :func:`probe`
    (with ``extras[index]`` inside). Returns None when a probe was printed in
    a way filling cannot reproduce.
    """
    extras = extras or {}
    found: list[tuple[int, int, str, str]] = []  # start, end, name, transform
    for index, name in names.items():
        marker = _marker(index)
        start = rendered.find(marker)
        while start != -1:
            if index in tokens:
                found.append((start, start + len(marker), name, "raw"))
            else:
                value = probe(index, extras.get(index, ""))
                for transform, function in TRANSFORMS.items():
                    printed = function(value)
                    offset = printed.find(marker)
                    if offset != -1 and rendered.startswith(printed, start - offset):
                        found.append((start - offset, start - offset + len(printed), name, transform))
                        break
                else:
                    return None  # printed some other way: truncated, changed, compared…
            start = rendered.find(marker, start + len(marker))
    found.sort()
    parts, slots, position = [], [], 0
    for start, end, name, transform in found:
        if start < position:
            return None  # overlapping slots: a probe inside another one
        parts.append(rendered[position:start])
        slots.append((name, transform))
        position = end
    parts.append(rendered[position:])
    if any("gbslot" in part or "qtolsbg" in part for part in parts):
        return None  # a piece of a probe outside every slot
    return Shell(parts=tuple(parts), slots=tuple(slots))
