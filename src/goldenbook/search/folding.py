"""The search key of text, in Python and (generated from the same data) in JavaScript.

Search folds both the index and the query with ``goldenbook.text.fold``: NFD,
drop every combining mark, đ/Đ → d, case-fold, one space between words. So
"ha noi", "Hà Nội", "HÀ NỘI" and the NFD bytes some phones send all meet on
"ha noi", and "Hoà"/"Hòa" (old and new tone placement) both become "hoa".
Each word then goes through ``spelling`` (the i/y pairs of older spelling:
"quý"/"quí" → "qui"), and ``marked_tokens`` keeps, beside each token, the
diacritics it was written with, for ranking.

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

from ..text import FOLD_CHARACTERS
from ..text import fold as _text_fold

__all__ = ["search_fold", "words", "tokens", "spelling", "marked_tokens", "js_tables"]

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


#: Python's ``[^\W_]`` is exactly the letters and digits (categories L*, N*): tested.
_WORD = re.compile(r"[^\W_]+")


def search_fold(text: str) -> str:
    """``goldenbook.text.fold``: search keeps no folding of its own beyond :func:`spelling`."""
    return _text_fold(text)


def words(folded: str) -> list[str]:
    """The words (runs of letters and digits) of already folded text."""
    return _WORD.findall(folded)


#: A syllable whose only vowel is a final "y" after a consonant, or "quy": older spelling writes
#: "y" where newer writes "i" (quý/quí, kỹ/kĩ, lý/lí, Mỹ/Mĩ, sỹ/sĩ, tỷ/tỉ, hy/hi). "uy", "ay", "ây"
#: are other vowels (tuy ≠ tui, tay ≠ tai), and "y" alone (ý, y tế) has no "i" form.
_I_OR_Y = re.compile(r"(?:[bcdghklmnprstvx]|ch|gh|kh|ng|ngh|nh|ph|th|tr|qu)y")


def spelling(word: str) -> str:
    """A folded word with the i/y pairs of older spelling made one: final ``y`` → ``i``."""
    return word[:-1] + "i" if _I_OR_Y.fullmatch(word) else word


@lru_cache(maxsize=1 << 18)
def _piece(piece: str) -> tuple[str, ...]:
    return tuple(spelling(word) for word in _WORD.findall(_text_fold(piece)))


def tokens(text: str) -> list[str]:
    """The search tokens of any text: ``words(fold(text))``, each through :func:`spelling`.

    Computed piece by piece between white space (no token spans white space and
    folding never moves a character across it), with a cache: a corpus has far
    fewer distinct pieces than words.
    """
    out: list[str] = []
    for piece in text.split():
        out.extend(_piece(piece))
    return out


#: What a word's diacritics say beyond its folded form: đ, the letter marks (ă/â/ê/ô/ơ/ư) in
#: order, then the tone. Where the tone mark sits (hoà, hòa) does not count.
_SIGN = {"đ": "d", "\u0306": "a", "\u0302": "c", "\u031b": "h",
         "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_TONE_SIGNS = "12345"
#: Splits a piece (NFD) into words as the browser does: runs of letters, digits and Vietnamese marks.
_MARKED_WORD_SPLIT = re.compile(r"(?:[^\w\u0300-\u036f]|_)+")


def _signature(word: str) -> str:
    signs = [_SIGN[ch] for ch in unicodedata.normalize("NFD", word.lower()) if ch in _SIGN]
    return "".join(s for s in signs if s not in _TONE_SIGNS) + "".join(s for s in signs if s in _TONE_SIGNS)


@lru_cache(maxsize=1 << 18)
def _marked_piece(piece: str) -> tuple[tuple[str, str], ...]:
    found = _piece(piece)
    if len(found) == 1:
        parts = [piece]
    else:
        parts = [p for p in _MARKED_WORD_SPLIT.split(unicodedata.normalize("NFD", piece)) if _piece(p)]
        if len(parts) != len(found) or any(_piece(p) != (word,) for p, word in zip(parts, found)):
            return tuple((word, "") for word in found)
    out = []
    for part, word in zip(parts, found):
        sign = _signature(part)
        out.append((word, f"{word}:{sign}" if sign else ""))
    return tuple(out)


def marked_tokens(text: str) -> list[tuple[str, str]]:
    """``tokens(text)``, each with the key of the diacritics it was written with (``"da:d1"`` for
    «đà»), or ``""`` when it has none (a reader who types none asks for no particular form)."""
    out: list[tuple[str, str]] = []
    for piece in text.split():
        out.extend(_marked_piece(piece))
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
