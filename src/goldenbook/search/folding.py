"""The search key of text, in Python and (generated from the same data) in JavaScript.

Search folds both the index and the query with ``goldenbook.text.fold``: NFD,
drop every combining mark, đ/Đ → d, case-fold, one space between words. So
"ha noi", "Hà Nội", "HÀ NỘI" and the NFD bytes some phones send all meet on
"ha noi", and "Hoà"/"Hòa" (old and new tone placement) both become "hoa".

The browser must fold queries exactly as the build folded the index. Plain
JavaScript has no ``casefold`` and no canonical-combining-class lookup, so the
tables it needs are generated here from Python's own Unicode database:

* the code points with a non-zero combining class (what ``fold`` drops);
* the code points whose case folding differs from their lowercase (ß → ss,
  ſ → s, Cherokee, ligatures …), and those ``fold`` replaces first (đ and its
  look-alikes Ð, Ɖ → d, zero-width characters and soft hyphens → nothing,
  ``text.FOLD_CHARACTERS``); every other code point is lowercased;
* the white-space code points (``str.isspace``), collapsed and trimmed.

Words are the runs of letters and digits (Unicode categories L* and N*), the
same definition as JavaScript's ``/[\\p{L}\\p{N}]+/u``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import cache, lru_cache

from ..text import FOLD_CHARACTERS, FOLD_TABLE

__all__ = ["search_fold", "words", "tokens", "js_tables"]

_MAX = sys.maxunicode + 1


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for code in codes:
        if out and out[-1][1] == code - 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def _class(ranges: list[tuple[int, int]], style: str) -> str:
    """A regular-expression character class for Python (``py``) or JavaScript with /u (``js``)."""
    def esc(code: int) -> str:
        if style == "py":
            return f"\\U{code:08x}"
        return f"\\u{{{code:x}}}"
    return "[" + "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges) + "]"


@cache
def _combining() -> list[tuple[int, int]]:
    return _ranges([c for c in range(_MAX) if unicodedata.combining(chr(c))])


@cache
def _word_chars() -> list[tuple[int, int]]:
    return _ranges([c for c in range(_MAX) if unicodedata.category(chr(c))[0] in "LN"])


@cache
def _spaces() -> list[int]:
    return [c for c in range(_MAX) if chr(c).isspace()]


@cache
def _casefold_exceptions() -> dict[str, str]:
    out = {}
    for code in range(_MAX):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if char.casefold() != char.lower():
            out[char] = char.casefold()
    # What text.fold replaces before dropping marks (đ and its look-alikes, invisible characters): NFD and
    # dropping marks leave these characters as they are, so the browser maps them with the rest.
    out.update((char, value.casefold()) for char, value in FOLD_CHARACTERS.items())
    return out


@cache
def _combining_pattern() -> re.Pattern[str]:
    return re.compile(_class(_combining(), "py"))


_WS = re.compile(r"\s+")
#: Python's ``[^\W_]`` is exactly the letters and digits (categories L*, N*): tested.
_WORD = re.compile(r"[^\W_]+")


def search_fold(text: str) -> str:
    """``goldenbook.text.fold`` without its cache (same result, tested)."""
    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_TABLE))
    return _WS.sub(" ", _combining_pattern().sub("", decomposed).casefold()).strip()


def words(folded: str) -> list[str]:
    """The words (runs of letters and digits) of already folded text."""
    return _WORD.findall(folded)


@lru_cache(maxsize=1 << 18)
def _piece(piece: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(search_fold(piece)))


def tokens(text: str) -> list[str]:
    """The search tokens of any text: ``words(fold(text))``.

    Computed piece by piece between white space (no token spans white space and
    folding never moves a character across it), with a cache: a corpus has far
    fewer distinct pieces than words.
    """
    out: list[str] = []
    for piece in text.split():
        out.extend(_piece(piece))
    return out


#: The tables, computed once per Unicode version and shipped with the package:
#: computing them walks every code point (about a second) and they only change
#: with Python's Unicode database. ``python -m goldenbook.search.folding`` rewrites it.
TABLES_FILE = "fold_tables.json"


def compute_js_tables() -> str:
    """The JavaScript object literal of the tables ``fold`` needs in the browser."""
    tables = {
        "combining": _class(_combining(), "js"),
        "casefold": _casefold_exceptions(),
        "spaces": _class(_ranges(_spaces()), "js"),
    }
    return json.dumps(tables, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


@cache
def js_tables() -> str:
    """:func:`compute_js_tables`, read from the shipped file when it matches this Python's Unicode."""
    from importlib.resources import files

    shipped = files("goldenbook.search").joinpath(TABLES_FILE)
    if shipped.is_file():
        stored = json.loads(shipped.read_text(encoding="utf-8"))
        if stored.get("unicode") == unicodedata.unidata_version:
            return stored["tables"]
    return compute_js_tables()


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).with_name(TABLES_FILE)
    target.write_text(json.dumps({"unicode": unicodedata.unidata_version, "tables": compute_js_tables()},
                                 ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {target}")
