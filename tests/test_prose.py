"""Our own prose follows one tone-mark placement and one date format (issue 21).

Editors' text is kept as written; these rules cover what the project writes: hand-written pages,
templates, theme overrides and the validator's messages. Words and dates inside code spans are
examples of what editors may type and are left out.

* Tone marks: the placement of the province register («Khánh Hòa», «Thanh Hóa», «Ủy ban»): in an
  open syllable oa, oe, uy the mark sits on the first vowel («hòa», «tọa», «thủy», «khỏe»).
* Dates: day and month in two digits, «01/07/2025», «02/09».
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from goldenbook.diagnostics import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
LETTER = r"A-Za-zÀ-ỹĐđ"
#: An open syllable ending in oa, oe or uy with the tone on its second vowel (not qu + y: «quý»).
SECOND_VOWEL_TONE = re.compile(rf"(?<![{LETTER}])[{LETTER}]*?(o[àáảãạ]|o[èéẻẽẹ]|(?<![qQ])u[ỳýỷỹỵ])(?![{LETTER}])")
#: A day/month date with a one-digit day or month.
SHORT_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
CODE = re.compile(r"`[^`\n]*`|<code>.*?</code>|\{\{.*?\}\}|\{%.*?%\}", re.S)


def _prose_files() -> list[Path]:
    files = sorted((ROOT / "content").rglob("*.md"))
    files += sorted((ROOT / "src" / "goldenbook" / "site" / "templates").rglob("*.html"))
    files += sorted((ROOT / "overrides").rglob("*.html"))
    return files


def _texts() -> list[tuple[str, str]]:
    texts = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in _prose_files()]
    texts += [(f"diagnostics:{code}", " ".join(parts)) for code, parts in MESSAGES.items()]
    return [(where, CODE.sub(" ", unicodedata.normalize("NFC", text))) for where, text in texts]


def _short_dates(text: str) -> list[str]:
    found = []
    for match in SHORT_DATE.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12 and (len(match.group(1)) == 1 or len(match.group(2)) == 1):
            found.append(match.group(0))
    return found


def test_the_rules_see_what_they_forbid():
    assert SECOND_VOWEL_TONE.search("toạ độ GPS") and SECOND_VOWEL_TONE.search("Khánh Hoà")
    assert not SECOND_VOWEL_TONE.search("tọa độ, Khánh Hòa, hoàn thành, quý, thuyết, khỏe mạnh")
    assert _short_dates("từ 1/7/2025 và 02/9") == ["1/7/2025", "02/9"]
    assert _short_dates("từ 01/07/2025, tỷ lệ 1,5/10") == []


def test_prose_places_tone_marks_like_the_register():
    wrong = [(where, match.group(0)) for where, text in _texts() for match in SECOND_VOWEL_TONE.finditer(text)]
    assert wrong == []


def test_prose_writes_dates_with_two_digit_day_and_month():
    wrong = [(where, date) for where, text in _texts() for date in _short_dates(text)]
    assert wrong == []


def test_the_rule_is_the_registers_own_placement():
    """The official names in the province register (Khánh Hòa, Thanh Hóa, Hòa Bình) set the convention."""
    register = unicodedata.normalize("NFC", (ROOT / "src" / "goldenbook" / "data" / "provinces.json").read_text(encoding="utf-8"))
    assert "Khánh Hòa" in register and "Thanh Hóa" in register
    assert SECOND_VOWEL_TONE.findall(register) == []
