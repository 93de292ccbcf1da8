"""Vietnamese text: one normal form, one matching key, one sort order.

Editors type on phones and desktops that disagree about Unicode: NFD or NFC,
``Hoà`` (old-style tone placement) or ``Hòa`` (new style). Everything that
compares, deduplicates, sorts or searches text goes through this module so that
those spellings are treated as the same text everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any


__all__ = ["day_text", "number_text", "money_text", "percent_text", "nfc", "clean", "fold", "tone_key", "sort_key", "slugify", "ALPHABET", "LOOKALIKE_D", "FOLD_CHARACTERS",
           "FOLD_TABLE", "INVISIBLE_IN_TEXT"]

# Combining tone marks (dấu thanh) in Vietnamese collation order: ICU's "vi"
# tailoring orders them unmarked < huyền < hỏi < ngã < sắc < nặng.
_TONES = {
    "\u0300": 1,  # grave: huyền
    "\u0309": 2,  # hook above: hỏi
    "\u0303": 3,  # tilde: ngã
    "\u0301": 4,  # acute: sắc
    "\u0323": 5,  # dot below: nặng
}
# Letter modifiers that make new letters of the alphabet (ă â ê ô ơ ư).
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"

#: The Vietnamese alphabet in order; letters outside it (f, j, w, z) sort
#: after the letter they resemble in Latin order, digits before letters.
ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in NFC without a byte-order mark."""
    return unicodedata.normalize("NFC", text.replace("\ufeff", ""))


def clean(text: str) -> str:
    """NFC, collapse runs of white space, strip: the form stored for one-line fields."""
    # ``str.split()`` splits on exactly the characters ``\s`` matches in a str
    # pattern (both use Py_UNICODE_ISSPACE), so this equals
    # ``_WS.sub(" ", nfc(text)).strip()``, without a regular expression.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Nothing to collapse or strip (every white space but " " is unprintable), no byte-order mark.
        return unicodedata.normalize("NFC", text)
    return " ".join(unicodedata.normalize("NFC", text.replace("\ufeff", "")).split())  # nfc(), inlined


# The combining marks that NFD produces for Latin letters with diacritics
# (U+0300–U+036F, all of which have a non-zero combining class except U+034F,
# the grapheme joiner). When every non-ASCII character of a decomposed string
# is one of them, dropping "every combining character" is one regex
# substitution rather than a loop over characters.
_MARKS = "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
_MARK = re.compile(f"[{_MARKS}]")
_NOT_ASCII_OR_MARK = re.compile(f"[^\x00-\x7f{_MARKS}]")


def _strip_marks(decomposed: str) -> str:
    """``decomposed`` without its combining characters (``unicodedata.combining(ch) != 0``)."""
    if decomposed.isascii():
        return decomposed
    if _NOT_ASCII_OR_MARK.search(decomposed) is None:
        return _MARK.sub("", decomposed)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _PerCharacter(dict):
    """A ``str.translate`` table that works out each character's part the first time it is met.

    Decomposing (NFD), dropping every combining character and case folding
    can each be done character by character with the same result as on the
    whole text: decomposition is per character, canonical reordering only
    moves combining characters (which are all dropped) and case folding has no
    context. A title is then one ``translate`` instead of a normalisation and
    two regular-expression passes (a record's title is folded and slugified
    once per validation).
    """

    def __init__(self, part: Any) -> None:
        super().__init__()
        self.part = part

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = self.part(_D.get(char, char))
        return value


#: Letters typed for «Đ»/«đ» that look the same but are other letters: Icelandic eth (Ð U+00D0, ð U+00F0,
#: the usual wrong key) and African D (Ɖ U+0189, ɖ U+0256). The validator names them; ``fold`` reads them as d.
LOOKALIKE_D = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ"}
#: Characters that print as nothing inside a word: byte-order mark, zero-width space, non-joiner and joiner,
#: word joiner, soft hyphen. ``fold``, ``slugify`` and search drop them (the validator refuses them in records).
INVISIBLE_IN_TEXT = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
#: What ``fold``, ``slugify`` and the search folding replace before dropping marks: đ and its look-alikes → d,
#: the invisible characters → nothing.
FOLD_CHARACTERS: dict[str, str] = {"đ": "d", "Đ": "D", **{k: "d" if v == "đ" else "D" for k, v in LOOKALIKE_D.items()},
                                   **dict.fromkeys(INVISIBLE_IN_TEXT, "")}
FOLD_TABLE = str.maketrans(FOLD_CHARACTERS)
_D = FOLD_CHARACTERS
#: Character → its part of ``slugify``'s ASCII text and of ``fold``: no marks (đ → d).
_UNMARKED = _PerCharacter(lambda char: _strip_marks(unicodedata.normalize("NFD", char)))


@lru_cache(maxsize=64)
def _unmarked(text: str) -> str:
    """``text.translate(_UNMARKED)``, remembered a short while: a record's title is both slugified
    (``check_meaning``) and folded (``facts_of``), one right after the other."""
    return text.translate(_UNMARKED)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Matching key: case-, diacritic-, tone-placement-insensitive; đ (and its look-alikes Ð, Ɖ) → d;
    invisible characters (``INVISIBLE_IN_TEXT``) dropped.

    "Hoà Bình", "Hòa Bình", "HOA BINH" and NFD input all fold to "hoa binh".
    ``" ".join(_strip_marks(NFD(text with đ → d)).casefold().split())``, a
    character at a time (``_PerCharacter``): the unmarked text (``_unmarked``,
    shared with ``slugify``), case folded (case folding has no context, so
    folding the whole equals folding each character).
    """
    return " ".join(_unmarked(text).casefold().split())


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def tone_key(text: str) -> str:
    """Matching key that keeps diacritics but not where the tone mark sits.

    "Hoà Bình" and "Hòa Bình" (old and new tone placement), NFD input and any
    case share a key; "Hoa Binh" (no diacritics) does not: a name typed without
    its marks is a near miss, not the same name.
    """
    def word(match: re.Match[str]) -> str:
        decomposed = unicodedata.normalize("NFD", match.group(0))
        tones = "".join(str(_TONES[ch]) for ch in decomposed if ch in _TONES)
        letters = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
        return letters + tones

    return _WORD.sub(word, _WS.sub(" ", nfc(text).casefold()).strip())


def _letter(base: str, marks: str) -> str:
    if base == "a" and _BREVE in marks:
        return "ă"
    if base in "aeo" and _CIRCUMFLEX in marks:
        return {"a": "â", "e": "ê", "o": "ô"}[base]
    if base in "ou" and _HORN in marks:
        return {"o": "ơ", "u": "ư"}[base]
    return base


def _sort_key_by_letter(text: str) -> tuple:
    """:func:`sort_key` computed letter by letter from Unicode data (the reference for the tests).

    Collation key for Vietnamese order, close to ICU's ``vi`` tailoring.

    Primary: letters of the Vietnamese alphabet (a ă â b c d đ … y), so
    ``Bạc Liêu < Bắc Ninh < Bình Dương`` and ``Điện Biên`` follows every ``D``.
    Secondary: the tone of each syllable (unmarked < huyền < hỏi < ngã < sắc <
    nặng), compared only when the letters are equal; counting tones per
    syllable rather than per letter makes ``Hoà`` and ``Hòa`` sort alike.
    Tertiary: case.
    """
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    tone = 0
    for char in nfc(text):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        lower = base.lower()
        if not lower.isalnum():
            secondary.append(tone)  # a syllable ends
            tone = 0
            # space before punctuation before digits and letters, as in ICU's default
            primary.append((0, 0 if lower.isspace() else ord(lower)))
            continue
        if lower == "đ":
            primary.append((2, _RANK["đ"]))
        elif lower.isdigit():
            primary.append((1, int(lower) if lower.isascii() else ord(lower)))
        elif lower in _RANK or lower.isascii():
            primary.append((2, _RANK[_letter(lower, marks)]))
        else:
            primary.append((3, ord(lower)))
        tone = max([tone, *(_TONES.get(m, 0) for m in marks)])
        tertiary.append(0 if base == lower else 1)
    secondary.append(tone)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def _letter_key(char: str) -> tuple[bool, tuple[int, int], int, int]:
    """What one character adds to a sort key: (ends a syllable, primary, tone of its marks, case)."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    lower = base.lower()
    if not lower.isalnum():
        return True, (0, 0 if lower.isspace() else ord(lower)), 0, 0
    if lower == "đ":
        primary = (2, _RANK["đ"])
    elif lower.isdigit():
        primary = (1, int(lower) if lower.isascii() else ord(lower))
    elif lower in _RANK or lower.isascii():
        primary = (2, _RANK[_letter(lower, marks)])
    else:
        primary = (3, ord(lower))
    return False, primary, max([0, *(_TONES.get(m, 0) for m in marks)]), 0 if base == lower else 1


_LETTER_KEYS: dict[str, tuple[bool, tuple[int, int], int, int]] = {}


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """Collation key for Vietnamese order, close to ICU's ``vi`` tailoring.

    Primary: letters of the Vietnamese alphabet (a ă â b c d đ … y), so
    ``Bạc Liêu < Bắc Ninh < Bình Dương`` and ``Điện Biên`` follows every ``D``.
    Secondary: the tone of each syllable (unmarked < huyền < hỏi < ngã < sắc <
    nặng), compared only when the letters are equal; counting tones per
    syllable rather than per letter makes ``Hoà`` and ``Hòa`` sort alike.
    Tertiary: case. Each character's part is worked out once (``_letter_key``)
    rather than letter by letter (docs/design/fast-paths.md).
    """
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    tone = 0
    known = _LETTER_KEYS
    for char in nfc(text):
        part = known.get(char)
        if part is None:
            part = known[char] = _letter_key(char)
        ends, first, marked, case = part
        primary.append(first)
        if ends:
            secondary.append(tone)  # a syllable ends
            tone = 0
            continue
        if marked > tone:
            tone = marked
        tertiary.append(case)
    secondary.append(tone)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DIGIT_COMMA = re.compile(r"\d,\d")


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """The record slug: lowercase ASCII, digits and hyphens (đ → d), as python-slugify makes it.

    Vietnamese only needs its marks dropped to become ASCII, which is much
    faster than python-slugify's character-by-character transliteration;
    anything else (other scripts, HTML entities, "1,000") goes to python-slugify
    itself. A test checks that both paths agree.
    """
    ascii_text = _unmarked(text)  # _strip_marks(NFD(text with đ → d)), a character at a time
    if ascii_text.isascii() and "&" not in ascii_text and not _DIGIT_COMMA.search(ascii_text):
        return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    from slugify import slugify as python_slugify  # rarely needed: imported then

    return python_slugify(nfc(text).translate(FOLD_TABLE))


def heading_anchor(value: str, separator: str = "-") -> str:
    """A heading's id for Markdown's toc extension (mkdocs.yml), made like a record slug: «Đề cử» → de-cu.

    Markdown's own slugify drops «đ» (no decomposition), which gave ids such as ``e-cu``.
    """
    return slugify(value).replace("-", separator)


def day_text(value: date) -> str:
    """A day as Vietnamese running text writes it, day and month in two digits: date(2025, 7, 1) → "01/07/2025"."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def number_text(value: int | float) -> str:
    """A number as Vietnamese text writes it: 1200 → "1.200"; 2.5 → "2,5" (dot groups thousands, comma marks
    decimals)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + fraction if fraction else "")
    return f"{int(value):,}".replace(",", ".")


def _scaled(value: int, unit: int) -> str:
    scaled = (Decimal(value) / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_text(float(scaled)) if scaled % 1 else number_text(int(scaled))


def money_text(value: int) -> str:
    """2_800_000_000 → "2,8 tỷ đồng"; 350_000_000 → "350 triệu đồng"; 500_000 → "500.000 đồng"."""
    if value >= 1_000_000_000:
        return f"{_scaled(value, 1_000_000_000)} tỷ đồng"
    if value >= 1_000_000:
        return f"{_scaled(value, 1_000_000)} triệu đồng"
    return f"{number_text(value)} đồng"


def percent_text(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a Vietnamese percentage, whole numbers from 10 % up: 31 of 100 → "31 %",
    1 of 40 → "2,5 %" (a no-break space before the sign, as Vietnamese style writes it)."""
    if whole <= 0:
        return "0\u00a0%"
    share = (Decimal(part) * 100 / whole).quantize(Decimal("1") if part * 10 >= whole else Decimal("0.1"),
                                                  rounding=ROUND_HALF_UP)
    return f"{number_text(float(share)) if share % 1 else number_text(int(share))}\u00a0%"
