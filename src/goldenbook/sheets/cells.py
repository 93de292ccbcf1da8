"""Cell values as people write them, turned into what a record holds.

Each reader takes what openpyxl (or the CSV reader) gives — text, a number,
a date — and returns the record's value, or raises ``CellProblem`` with a
Vietnamese message and the fix. Text is NFC with white space collapsed
(``text.clean``), so a list typed on a Mac (NFD) gives the same records.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ..nomination import written_name
from ..provinces import ProvinceError, Resolution, load_register
from ..text import clean, fold
from ..vocabulary import FIELDS, SCOPES, STATUSES

__all__ = ["CellProblem", "text", "year", "whole_number", "day_or_year", "field", "province", "status", "scope",
           "authors", "percent", "sentence"]


class CellProblem(ValueError):
    """A value that cannot be used: ``message`` says what is wrong, ``fix`` what to write instead."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def sentence(message: str) -> str:
    """A message as a sentence: capital first letter, closing punctuation."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def text(value: Any) -> str:
    """Any cell as one line of text (a number typed as a code stays as typed)."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "có" if value else "không"
    return _shown(value)


def _typed_year(value: date) -> int | None:
    """A year typed into a cell formatted as a date: Excel stores 2025 and shows 17/07/1905 (day 2025)."""
    serial = (value - date(1899, 12, 30)).days if not isinstance(value, datetime) else \
        (value.date() - date(1899, 12, 30)).days
    return serial if value.year < 1907 and 1945 <= serial <= 2100 else None


def year(value: Any) -> int:
    """2024, «2024», «năm 2024», 2024.0, or a date (its year)."""
    if isinstance(value, (datetime, date)):
        return _typed_year(value) or value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    else:
        match = re.fullmatch(r"(?:năm\s*)?(\d{4})", clean(str(value)).lower())
        if not match:
            raise CellProblem(f"«{_shown(value)}» không phải một năm", "Ghi năm bằng bốn chữ số, ví dụ 2025.")
        number = int(match.group(1))
    if not 1900 <= number <= 2200:
        raise CellProblem(f"«{_shown(value)}» không phải một năm", "Ghi năm bằng bốn chữ số, ví dụ 2025.")
    return number


_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_UNITS = r"(?:đồng|vnđ|vnd|đ|người|lượt người|hộ|lượt)"


def whole_number(value: Any) -> int:
    """A count or an amount in đồng: 1400, «1.400», «1 400», «2,8 tỷ», «350.000.000 đồng»."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value) < 0 or not float(value).is_integer():
            raise CellProblem(f"«{_shown(value)}» không phải số nguyên không âm", "Ghi số nguyên, ví dụ 1.400.")
        return int(value)
    written = clean(str(value)).lower()
    written = re.sub(rf"\s*{_UNITS}\s*$", "", written)
    match = re.fullmatch(r"(\d+(?:,\d+)?)\s*(nghìn|ngàn|triệu|tỷ|tỉ)", written)
    if match:
        number = float(match.group(1).replace(",", ".")) * _SCALES[match.group(2)]
        if number.is_integer():
            return int(number)
    if re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+|\d+", written):
        return int(re.sub(r"[.\s]", "", written))
    raise CellProblem(f"«{_shown(value)}» không phải một số viết theo kiểu Việt Nam",
                      "Ghi số nguyên với dấu chấm ngăn cách hàng nghìn (1.400; 350.000.000) hoặc «2,8 tỷ».")


_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def day(value: Any) -> date:
    """An Excel date, or text «15/03/2024», «15-03-2024», «15.03.2024», «2024-03-15»."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = clean(str(value))
    try:
        if match := _DAY.fullmatch(written):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := _ISO_DAY.fullmatch(written):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        pass
    raise CellProblem(f"«{_shown(value)}» không phải một ngày",
                      "Ghi ngày dạng ngày/tháng/năm, ví dụ 15/03/2024, hoặc dùng ô kiểu Ngày trong Excel.")


def day_or_year(value: Any) -> int | date:
    """A year alone (2024, also when typed into a cell formatted as a date) or a whole date."""
    if isinstance(value, (datetime, date)) and _typed_year(value):
        return year(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) or re.fullmatch(r"\d{4}", text(value)):
        return year(value)
    return day(value)


@lru_cache(maxsize=8)
def _label_keys(options: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    """Every way of naming a value of a vocabulary: its code, its label, each comma-separated part of it."""
    keys: dict[str, set[str]] = {}
    for code, label in options:
        names = {code, code.replace("-", " ").replace("_", " "), label, *label.split(",")}
        for name in names:
            keys.setdefault(fold(clean(name)), set()).add(code)
    return keys


def _choice(value: Any, options: dict[str, str], what: str) -> str:
    written = text(value)
    found = _label_keys(tuple(options.items())).get(fold(written), set())
    if len(found) == 1:
        return next(iter(found))
    listing = "; ".join(f"{label}" for label in options.values())
    raise CellProblem(f"không có {what} «{written}»", f"Ghi một trong: {listing}.")


def field(value: Any) -> str:
    """A field slug from its code, its label or a part of it («Y tế», «chuyển đổi số»)."""
    return _choice(value, dict(FIELDS), "lĩnh vực")


def status(value: Any) -> str:
    return _choice(value, dict(STATUSES), "trạng thái")


def scope(value: Any) -> str:
    options = dict(SCOPES)
    written = fold(text(value))
    for code, label in options.items():  # «Tỉnh», «cấp tỉnh», «province»
        if written in (fold(label), fold(label).removeprefix("cap "), code):
            return code
    return _choice(value, options, "phạm vi áp dụng")


def province(value: Any, for_year: int | None) -> tuple[str, Resolution]:
    """The province as the record writes it, and where it belongs, by any spelling the register accepts."""
    written = text(value)
    try:
        place = load_register().resolve(written, for_year)
    except ProvinceError as error:
        guesses = error.suggestions
        fix = (f"Có phải là «{guesses[0]}»? " if guesses else "") + (
            f"Ghi «{error.successor.name}» (tên hiện nay)." if error.successor else
            "Ghi tên tỉnh, thành như lúc đó, ví dụ «Quảng Nam» (trước 01/07/2025) hoặc «Đà Nẵng».")
        raise CellProblem(error.message_vi.rstrip("."), fix) from None
    return written_name(place.historic or place.current, written), place


_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")


def percent(value: Any) -> int | float:
    match = _PERCENT.fullmatch(clean(str(value))) or re.fullmatch(r"(\d{1,3}(?:[.,]\d+)?)", clean(str(value)))
    if not match:
        raise CellProblem(f"«{value}» không phải tỷ lệ phần trăm", "Ghi tỷ lệ đóng góp dạng 60%.")
    number = float(match.group(1).replace(",", "."))
    return int(number) if number.is_integer() else number


def _split_top(written: str) -> list[str]:
    """Split on «;», line breaks and commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in written:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        if (char in ";\n" or char == "," and depth == 0) and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


_NUMBERED = re.compile(r"^(?:\d+[.)]|[-–•+*])\s*")
_AUTHOR = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<details>[^()]*)\))?$")
_ROLES = ("chủ nhiệm", "đồng tác giả", "tác giả", "thành viên", "chủ trì", "cộng sự", "trưởng nhóm", "tham gia")


def authors(value: Any, organization: str | None = None) -> list[dict]:
    """«Nguyễn Văn A (chủ nhiệm, 60%); Trần Thị B (40%)» → persons with role, organisation and share.

    Authors are separated by «;», line breaks, or commas outside parentheses; inside the parentheses a
    percentage is the share, a known role word the role, anything else the organisation. A list
    number («1.», «-») before a name is dropped. ``organization`` (the list's «Đơn vị» column) is the
    organisation of each author that names none."""
    written = str(value).replace("\r", "\n")
    found: list[dict] = []
    for part in _split_top(written):
        part = clean(_NUMBERED.sub("", part))
        match = _AUTHOR.match(part)
        if not match or not clean(match.group("name")):
            raise CellProblem(f"không đọc được tác giả «{part}»",
                              "Ghi mỗi tác giả một dòng hoặc ngăn cách bằng dấu chấm phẩy: "
                              "«Nguyễn Văn A (chủ nhiệm, 60%); Trần Thị B (40%)».")
        author: dict[str, Any] = {"name": clean(match.group("name"))}
        for detail in [clean(d) for d in (match.group("details") or "").split(",") if clean(d)]:
            if _PERCENT.fullmatch(detail):
                author["share"] = percent(detail)
            elif any(fold(detail).startswith(fold(role)) for role in _ROLES) and "role" not in author:
                author["role"] = detail[:1].upper() + detail[1:]
            elif "organization" not in author:
                author["organization"] = detail
            else:
                author["organization"] += f", {detail}"
        if organization and "organization" not in author:
            author["organization"] = organization
        found.append({key: author[key] for key in ("name", "role", "organization", "share") if key in author})
    if not found:
        raise CellProblem("chưa có tác giả", "Ghi họ tên ít nhất một tác giả.")
    return found
