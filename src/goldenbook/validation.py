"""Check records completely and say, for each problem, where and how to fix it.

Three passes, each reporting every problem it finds (an editor fixes a record
once, not once per error):

1. shape: the model (``structure.record``) checks types, vocabularies and
   unknown keys; pydantic's errors are translated into located diagnostics;
2. meaning: one record's fields against each other and the province register;
3. collection: slugs, duplicates and references across all records.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping, get_args
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from . import vocabulary
from .builddate import build_date
from .diagnostics import Diagnostic, make, path_text, printable
from .imagefile import ImageProblem, inspect
from .markdown_budget import MARKDOWN_FIELDS, MAX_CHARACTERS, over_budget
from .provinces import ProvinceError, Resolution, load_register
from .structure.entry import Entry
from .structure.record import (EARLIEST_YEAR, FIELD_ORDER, FIRST_EDITION, NESTED_ORDER, RECORD_ADAPTER, Collective,
                               Initiative, SLUG_PATTERN, model_for_kind, parse_date)
from .text import clean, day_text, fold, nfc, slugify
from .yamlsource import SourceDoc

__all__ = ["Context", "check_shape", "check_meaning", "check_images", "check_collection", "IMAGE_TYPES",
           "image_diagnostics"]

IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp")
#: What each required field means, for the "missing field" hint.
MEANINGS = {
    "title": "tên sáng kiến", "name": "tên tập thể", "field": "lĩnh vực", "province": "tỉnh, thành phố",
    "year": "năm công nhận hoặc đề cử", "status": "trạng thái hồ sơ", "summary": "tóm tắt một đoạn",
    "authors": "danh sách tác giả", "nominated_by": "cơ quan đề cử", "type": "loại tập thể",
    "recognition": "hình thức khen thưởng", "alt": "mô tả ảnh", "src": "đường dẫn ảnh", "url": "địa chỉ",
}
_EXPECTED = {
    "int": "số nguyên", "float": "số", "str": "chữ (văn bản)", "list": "danh sách (mỗi mục bắt đầu bằng «- »)",
    "dict": "nhóm trường (các dòng «tên: giá trị» thụt vào)", "bool": "true/false", "string": "chữ (văn bản)",
}


@dataclass(frozen=True)
class Context:
    """What validation needs to know about the repository and the day."""

    root: Path
    images_dir: str = "images"
    #: The build date (``goldenbook.builddate``): no record's date may lie after it.
    today: date = None  # type: ignore[assignment]
    #: The image files, listed once per context (for "did you mean"), not once per missing image.
    _image_files: dict[Path, list[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: What the file system said about each image path, asked once per context.
    _image_states: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.today is None:
            object.__setattr__(self, "today", build_date(self.root))

    @property
    def max_year(self) -> int:
        return self.today.year + 1

    def image_files(self, base: Path) -> list[str]:
        if base not in self._image_files:
            self._image_files[base] = ([p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
                                       if base.is_dir() else [])
        return self._image_files[base]

    def image_state(self, src: str) -> str:
        """``"ok"``, ``"outside"`` (a link leads out of the image folder) or ``"missing"``, for a plain path."""
        states = self._image_states
        if src in states:
            return states[src]
        folders = states.get(None)
        if folders is None:
            folders = states[None] = (self.root.resolve(), (self.root / self.images_dir).resolve())
        root, base = folders
        target = (base / src).resolve()
        try:
            found = target.is_file()
        except OSError:  # e.g. a name longer than the file system allows
            found = False
        if not base.is_relative_to(root) or not target.is_relative_to(base):  # a symlink that leads out
            state = "outside"
        else:
            state = "ok" if found else "missing"
        states[src] = state
        return state

    def image_problem(self, src: str) -> ImageProblem | None:
        """What is wrong with the content of the image file ``src`` (one that ``image_state`` found), asked once."""
        key = ("content", src)
        states = self._image_states
        if key not in states:
            states[key] = inspect(self.root / self.images_dir / src)
        return states[key]


# ---------------------------------------------------------------- pass 1: shape

def _public_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union tags from an error location."""
    out: list[str | int] = []
    for index, part in enumerate(loc):
        if index == 0 and part in vocabulary.KINDS:
            continue
        if part in ("person", "collective") and out and isinstance(out[-1], int) and out[:1] == ["authors"] \
                and len(out) == 2:
            continue
        out.append(part)
    return tuple(out)


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside ``list[X] | None``-style annotations."""
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            found.append(current)
        else:
            stack.extend(get_args(current))
    return found


def _fields_at(kind: str, loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """The keys allowed in the mapping at ``loc`` (for "did you mean")."""
    return _fields_in(kind, tuple(part for part in loc if not isinstance(part, int)))


@lru_cache(maxsize=256)
def _fields_in(kind: str, loc: tuple[str, ...]) -> tuple[str, ...]:
    models: list[type[BaseModel]] = [model_for_kind(kind)]
    for part in loc:
        models = [m for model in models if (f := model.model_fields.get(part)) for m in models_in(f.annotation)]
    names = dict.fromkeys(name for model in models for name in model.model_fields)
    return tuple(sorted(names, key=lambda n: FIELD_ORDER.index(n) if n in FIELD_ORDER else len(FIELD_ORDER)))


def _suggest(value: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """"Did you mean": the closest choices after folding case, marks, spaces and underscores.

    rapidfuzz keeps this fast against thousands of slugs (difflib took seconds).
    """
    folded, keys = _folded(tuple(choices))
    key = fold(str(value)).replace(" ", "-").replace("_", "-")
    if key in folded:
        return [folded[key]]
    from rapidfuzz import fuzz, process  # only when there is a mistake: a fifth of a clean run's imports

    matches = process.extract(key, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [folded[match] for match, _score, _index in matches]


@lru_cache(maxsize=64)
def _folded(choices: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Folded choice → choice, once per list of choices (a record with 200 missing images asks 200 times)."""
    folded = {fold(c).replace(" ", "-").replace("_", "-"): c for c in choices}
    return folded, list(folded)


def _vocabulary_for(loc: tuple[str | int, ...]) -> Mapping[str, str] | None:
    name = loc[-1] if loc else None
    return {
        "field": vocabulary.FIELDS, "status": vocabulary.STATUSES, "scope": vocabulary.SCOPES,
        "type": vocabulary.COLLECTIVE_TYPES, "kind": vocabulary.KINDS,
    }.get(name)  # type: ignore[arg-type]


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "số", float: "số", str: "chữ", list: "danh sách", dict: "nhóm trường",
            type(None): "để trống"}.get(type(value), type(value).__name__)


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value written at ``loc`` in the record's data, or None."""
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _translate(error: Mapping[str, Any], kind: str, doc: SourceDoc, file: str) -> Diagnostic:
    loc = _public_loc(error["loc"])
    kind_of_error = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = path_text(loc)

    def at(code: str, *, key: bool = False, position_loc: tuple[Any, ...] = loc, **params: Any) -> Diagnostic:
        position = doc.locate(position_loc, key=key)
        return make(code, file, position.line, position.column, where, **params)

    if kind_of_error == "missing":
        name = str(loc[-1])
        return at("missing", position_loc=loc[:-1], field=name, meaning=MEANINGS.get(name, "xem mẫu hồ sơ"),
                  place=_place_for(doc, loc[:-1], name))
    if kind_of_error == "extra_forbidden":
        name = str(loc[-1])
        allowed = [f for f in _fields_at(kind, loc[:-1]) if f != "kind" or not loc[:-1]]
        guess = _suggest(name, allowed)
        fix = (f"Có phải bạn muốn viết «{guess[0]}»? " if guess else "") + \
              (f"Các trường hợp lệ ở đây: {', '.join(allowed)}." if allowed else "Xóa trường này.")
        return at("unknown-field", key=True, field=name, fix=fix)
    if kind_of_error == "literal_error":
        options = _vocabulary_for(loc) or {}
        guess = _suggest(str(value), options)
        listing = "; ".join(f"{k} ({v})" for k, v in options.items())
        fix = (f"Có phải là «{guess[0]}» ({options[guess[0]]})? " if guess else "") + f"Giá trị hợp lệ: {listing}."
        return at("not-in-vocabulary", value=value, fix=fix)
    if kind_of_error.endswith("_type") or kind_of_error in ("int_from_float", "model_attributes_type"):
        expected_key = kind_of_error.split("_")[0]
        expected = _EXPECTED.get(expected_key, _EXPECTED["dict"] if "model" in kind_of_error else "giá trị khác")
        if isinstance(value, str) and expected_key in ("int", "float"):
            digits = value.replace("_", "").replace(".", "").replace(" ", "")
            fix = (f"Viết số liền, không dấu ngoặc kép, dấu chấm hay gạch dưới: {int(digits)}."
                   if digits.isascii() and digits.isdigit() and len(digits) <= 30 else "Nhập một số, ví dụ 2024.")
        elif expected_key == "list" and isinstance(value, str):
            fix = f"Viết thành danh sách, mỗi mục một dòng bắt đầu bằng «- », ví dụ:\n      - {printable(value)}"
        elif expected_key == "str" and isinstance(value, (int, float, bool)):
            fix = f"Đặt giá trị trong dấu ngoặc kép: \"{value}\"."
        else:
            fix = "Xem ví dụ trong hướng dẫn biên tập."
        return at("wrong-type", expected=expected, found=_type_name(value), fix=fix)
    if kind_of_error in ("string_too_long", "too_long"):
        written = _value_at(doc.data, loc)
        if isinstance(written, str):  # the length as written, before white space was collapsed
            value = written
        length = len(value) if isinstance(value, str) else ctx.get("actual_length", "?")
        return at("too-long", length=length, limit=ctx.get("max_length"))
    if kind_of_error in ("string_too_short", "too_short"):
        return at("too-short") if isinstance(value, str) else at("empty-list")
    if kind_of_error in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = ((2000, 2100) if loc[-1] in ("year", "edition", "applied_since")
                     else (0, 100) if loc[-1] in ("share", "score") else (0, "…"))
        return at("out-of-range", value=value, low=low, high=high)
    if kind_of_error == "string_pattern_mismatch":
        return at("bad-slug", value=value, suggestion=slugify(str(value)) or "vi-du-ma")
    if kind_of_error == "bad_date":
        return at("bad-date", value=value)
    if kind_of_error == "bad_url":
        return at("bad-url", value=value)
    if kind_of_error == "one_paragraph":
        return at("one-paragraph")
    if kind_of_error in ("union_tag_invalid", "union_tag_not_found"):
        return at("bad-author")
    return at("invalid", detail=error.get("msg", kind_of_error))


def _place_for(doc: SourceDoc, parent: tuple[Any, ...], name: str) -> str:
    """Where a missing field goes, in the contract's order: after the field before it that is written."""
    mapping = _value_at(doc.data, parent) if parent else doc.data
    order = NESTED_ORDER.get(str(parent[0]), ()) if parent else FIELD_ORDER
    if not isinstance(mapping, dict) or name not in order:
        return ""
    index = order.index(name)
    before = [key for key in order[:index] if key in mapping]
    after = [key for key in order[index + 1:] if key in mapping]
    if before:
        return f" ngay sau trường «{before[-1]}» (dòng {doc.locate((*parent, before[-1]), key=True).line})"
    if after:
        return f" ngay trước trường «{after[0]}» (dòng {doc.locate((*parent, after[0]), key=True).line})"
    return ""


def check_shape(doc: SourceDoc, file: str) -> tuple[Initiative | Collective | None, list[Diagnostic]]:
    """Validate the data against the model; every error becomes a located diagnostic."""
    data = doc.data
    kind = data.get("kind", "initiative")
    kind = kind if isinstance(kind, str) and kind in vocabulary.KINDS else "initiative"
    try:
        return RECORD_ADAPTER.validate_python(data), []
    except ValidationError as error:
        diagnostics = []
        for item in error.errors(include_url=False):
            # An author that is neither a person nor a collective reference
            if item["type"] == "extra_forbidden" and _public_loc(item["loc"])[:1] == ("authors",) \
                    and "collective" in str(item["loc"]) and len(_public_loc(item["loc"])) == 3:
                item = {**item, "type": "union_tag_invalid"}
            diagnostics.append(_translate(item, kind, doc, file))
        return None, sorted(set(diagnostics))


# ---------------------------------------------------------------- pass 2: meaning

def _text_of(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    return clean(value) if isinstance(value, str) and value.strip() else None


def _int_of(data: Mapping[str, Any], name: str) -> int | None:
    value = data.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def expected_slugs(heading: str, province: str | None, year: int | None, place: Resolution | None
                   ) -> tuple[str, set[str]]:
    """The slug of a record, and the file stems allowed for it.

    The stem is the slug of the title (or name). Two different records with the
    same title tell themselves apart by adding the province and/or the year:
    ``ten-sang-kien-quang-nam``, ``ten-sang-kien-2024``, ``ten-sang-kien-quang-nam-2024``.
    """
    base = slugify(heading)
    suffixes = {slugify(province)} if province else set()
    if place is not None:
        suffixes |= {place.current.slug} | ({place.historic.slug} if place.historic else set())
    if year is not None:
        suffixes |= {f"{p}-{year}" for p in suffixes} | {str(year)}
    return base, {base} | {f"{base}-{suffix}" for suffix in suffixes if suffix}


def check_meaning(data: Mapping[str, Any], doc: SourceDoc, file: str, ctx: Context, *,
                  images: list[tuple[int, str]] | None = None) -> tuple[Resolution | None, list[Diagnostic]]:
    """Checks of one record that need more than its types.

    Works on the raw data, so that these checks run (and report) even when the
    record also has shape errors; a field of the wrong type is left to pass 1.

    With ``images`` (a list), the one check that asks the file system (does
    each image exist inside the image folder) is not made: ``(index, src)``
    of each image to ask about is appended to it instead, for
    ``check_images``. Everything else depends on the file's content, path and
    the context's year and image folder name only.
    """
    found: list[Diagnostic] = []

    def at(code: str, loc: tuple[Any, ...], **params: Any) -> None:
        position = doc.locate(loc)
        found.append(make(code, file, position.line, position.column, path_text(loc), **params))

    kind = data.get("kind", "initiative")
    province, year = _text_of(data, "province"), _int_of(data, "year")
    status, edition = data.get("status"), _int_of(data, "edition")
    # One mistake, one message: a year or edition outside the model's range is its out-of-range error, and
    # the checks that compare with it (the province for that year, the edition after the year) wait for it.
    written_year = year
    if year is not None and not 2000 <= year <= min(2100, ctx.max_year):
        if 2000 <= year <= 2100:
            at("year-range", ("year",), value=year, low=2000, high=ctx.max_year)
        year = None

    place: Resolution | None = None
    if province is not None:
        try:
            place = _resolve(province, year)
        except ProvinceError as error:
            if error.code == "ceased":
                fix = f"Ghi «province: {error.successor.name}» (tên tỉnh, thành hiện nay)." if error.successor else ""
                at("province-ceased", ("province",), detail=error.message_vi, fix=fix)
            elif error.code == "lookalike":
                fix = (f"Ghi «province: {error.repaired}» (lệnh «goldenbook fmt» tự sửa chữ này)."
                       if error.suggestions == [error.repaired] else
                       f"{error.message_vi.split('; ', 1)[1]}.")
                at("province-lookalike", ("province",), value=province, letters=error.letters, fix=fix)
            elif error.code == "ambiguous":
                at("province-ambiguous", ("province",), value=province,
                   choices=", ".join(error.suggestions[:-1]) + f" hoặc {error.suggestions[-1]}",
                   first=error.suggestions[0])
            else:
                guesses = error.suggestions
                fix = (f"Có phải là «{guesses[0]}»? " if guesses else "") + \
                    "Ghi tên tỉnh, thành như lúc đó, ví dụ «Quảng Nam» (trước 01/07/2025) hoặc «Đà Nẵng»."
                at("province-unknown", ("province",), value=province, fix=fix)

    if status == "published" and "edition" not in data and kind != "collective":
        at("edition-missing", ("status",), year=max(year or 0, 2016))
    if edition is not None and year is not None and FIRST_EDITION <= edition < year:  # else: edition-range
        at("edition-before-year", ("edition",), edition=edition, year=year)
    if edition is not None:
        _check_edition(edition, status, ctx, at)
    _check_dates(data, ctx, at)
    text = doc.text
    if text is None or _LATIN_TEXT.fullmatch(text) is None:  # the whole file at once, when it is at hand
        _check_scripts(data, (), at)

    authors = data.get("authors")
    if isinstance(authors, list):
        # A share outside 0 … 100 is the model's out-of-range error: one mistake, one message, so it is not
        # counted here again.
        shares = [a["share"] for a in authors if isinstance(a, dict) and isinstance(a.get("share"), (int, float))
                  and not isinstance(a.get("share"), bool) and 0 <= a["share"] <= 100]
        total = sum(shares)
        if total > 100:
            shown = total if isinstance(total, int) else int(total) if total.is_integer() else round(total, 2)
            at("shares-over-100", ("authors",), total=shown)

    written = data.get("images")
    for index, image in enumerate(written if isinstance(written, list) else []):
        if isinstance(image, dict) and isinstance(image.get("src"), str):
            src = image["src"]
            if _check_image_path(src, ("images", index, "src"), ctx.images_dir, at):
                if images is None:
                    _check_image_file(src, ("images", index, "src"), ctx, at)
                else:
                    images.append((index, src))

    for field_name in MARKDOWN_FIELDS:
        text = data.get(field_name)
        if isinstance(text, str) and len(text := _as_stored(text)) <= MAX_CHARACTERS and (
                overrun := over_budget(text)):  # a longer text is refused by the model (too-long)
            at(overrun.code, (field_name,), **overrun.params)

    heading = _text_of(data, "name" if kind == "collective" else "title")
    if heading is not None:
        base, allowed = expected_slugs(heading, province, written_year, place)
        if not _SLUG.match(base):
            at("title-slug", ("name" if kind == "collective" else "title",), value=heading)
            return place, found
        name = file[file.rfind("/") + 1:]
        if name in ("", ".", ".."):
            name = PurePosixPath(file).name
        if name.removesuffix(".yml") not in allowed:
            at("filename-slug", (), name=name, slug=base)
    return place, found


def _check_edition(edition: int, status: Any, ctx: Context, at: Any) -> None:
    """From the first real edition to the year after the build date; a published record's book is out."""
    today = ctx.today
    high = today.year if status == "published" else ctx.max_year
    if FIRST_EDITION <= edition <= high:
        return
    if edition < FIRST_EDITION:
        fix = (f"Sách vàng Sáng tạo Việt Nam in ấn phẩm đầu tiên năm {FIRST_EDITION}: ghi năm của ấn phẩm "
               f"đã in hồ sơ này.")
    elif status == "published" and edition <= ctx.max_year:
        fix = (f"Ấn phẩm {edition} chưa ra (ngày tạo trang: {day_text(today)}): để trạng thái «recognized» "
               f"cho đến khi sách in xong, rồi mới đổi thành «published».")
    else:
        fix = (f"Ghi năm của ấn phẩm, từ {FIRST_EDITION} đến {high} (ngày tạo trang: {day_text(today)}); "
               f"kiểm tra lỗi gõ, ví dụ 2042 thay cho 2024.")
    at("edition-range", ("edition",), value=edition, low=FIRST_EDITION, high=high, fix=fix)


#: The dates of a record other than ``year`` and ``edition``, with the earliest year each may hold.
_DATE_FIELDS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("applied_since",), EARLIEST_YEAR), (("award", "year"), EARLIEST_YEAR),
    (("recognition", "date"), EARLIEST_YEAR), (("council", "date"), 2000),
)


def _check_dates(data: Mapping[str, Any], ctx: Context, at: Any) -> None:
    """Every date and past year between its earliest year and the build date (not after it)."""
    found: list[tuple[tuple[Any, ...], Any, int]] = []
    for loc, low in _DATE_FIELDS:
        value = _value_at(data, loc)
        if value is not None:
            found.append((loc, value, low))
    sources = data.get("sources")
    if isinstance(sources, list):
        for index, source in enumerate(sources):
            if isinstance(source, dict) and source.get("date") is not None:
                found.append((("sources", index, "date"), source["date"], EARLIEST_YEAR))
    today = ctx.today
    for loc, value, low in found:
        if isinstance(value, int) and not isinstance(value, bool):
            if not low <= value <= today.year:
                at("date-range", loc, what="Năm", value=value, low=low, high=today.year, today=day_text(today))
            continue
        try:
            day = parse_date(value)
        except Exception:  # noqa: BLE001 - not a date: the model says so (bad-date, wrong-type)
            continue
        if not date(low, 1, 1) <= day <= today:
            at("date-range", loc, what="Ngày", value=day_text(day), low=f"01/01/{low}", high=day_text(today),
               today=day_text(today))


_SLUG = re.compile(SLUG_PATTERN)

#: Keys whose values are codes, addresses, paths or dates, not free text, and the private contact (never
#: shown, and not to be echoed in messages): not checked for mixed scripts.
_NOT_TEXT = frozenset({"kind", "field", "status", "scope", "type", "tags", "src", "url", "collective", "initiatives",
                       "date", "applied_since", "contact", "year", "edition"})
#: A character outside Basic Latin, Latin-1, Latin Extended-A/B, IPA, spacing and combining marks, Vietnamese
#: (Latin Extended Additional) and general punctuation/symbols: only text with one needs the script table.
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u2bff]")
#: Text without any such character (one match, several times faster than the search).
_LATIN_TEXT = re.compile(r"[\x00-\u036f\u1e00-\u1eff\u2000-\u2bff]*+")
_WORD = re.compile(r"\w+")
#: Scripts that may share one word (UTS #39 "highly restrictive"): Japanese, Chinese with Bopomofo, Korean,
#: each also with Latin; everything else keeps to one script per word (Common and Inherited aside).
_SCRIPT_SETS = (frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}), frozenset({"LATIN", "HAN", "BOPOMOFO"}),
                frozenset({"LATIN", "HAN", "HANGUL"}))


def mixed_script(text: str) -> tuple[str, str, str, str] | None:
    """The first word of ``text`` that mixes scripts: (word, odd letter, its script, the word's script).

    A Vietnamese word with a Cyrillic «р» or a Greek «ο» in it looks like the real word and is not:
    it defeats search and duplicate detection. «Ð» (U+00D0) is Latin and is not refused here.
    """
    if _BEYOND_LATIN.search(text) is None:
        return None
    from confusable_homoglyphs.categories import alias  # only for text beyond Latin

    for match in _WORD.finditer(text):
        word = match.group()
        if _BEYOND_LATIN.search(word) is None:
            continue
        scripts = [alias(char) for char in word]
        found = set(scripts) - {"COMMON", "INHERITED"}
        if len(found) < 2 or any(found <= allowed for allowed in _SCRIPT_SETS):
            continue
        main = "LATIN" if "LATIN" in found else next(s for s in scripts if s in found)
        for char, script in zip(word, scripts):
            if script in found and script != main:
                return word, char, script, main
    return None


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    """The ASCII letter or digit that Unicode's confusables list says ``char`` (of another script) looks like
    (Cyrillic «р» → «p», Greek «Ο» → «O»), or ``char`` itself."""
    from confusable_homoglyphs.categories import alias
    from confusable_homoglyphs.confusables import confusables_data

    if char.isascii() or alias(char) in ("LATIN", "COMMON", "INHERITED"):
        return char
    plain = sorted(g["c"] for g in confusables_data.get(char, ())
                   if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum())
    return plain[0] if plain else char


def latin_skeleton(text: str) -> str:
    """``text`` with every letter of another script that looks like a Latin letter replaced by that letter."""
    if _BEYOND_LATIN.search(text) is None:
        return text
    return "".join(_latin_lookalike(char) if _BEYOND_LATIN.match(char) else char for char in text)


def lookalike_word(text: str) -> tuple[str, str, str] | None:
    """The first word of ``text`` written wholly in another script but made only of letters that look Latin,
    in text that also has Latin words: (word, its script, the Latin word it looks like).

    «Сао Bằng» in Cyrillic С, а, о reads «Cao Bằng» to the eye and to nobody else. A word of another script
    that does not pass for Latin (Москва, β, 漢字) is left alone.
    """
    if _BEYOND_LATIN.search(text) is None:
        return None
    from confusable_homoglyphs.categories import alias

    words = [match.group() for match in _WORD.finditer(text)]
    if not any(alias(char) == "LATIN" for word in words for char in word):
        return None
    for word in words:
        if _BEYOND_LATIN.search(word) is None:
            continue
        scripts = {alias(char) for char in word} - {"COMMON", "INHERITED"}
        if len(scripts) != 1 or "LATIN" in scripts:
            continue
        latin = latin_skeleton(word)
        if latin.isascii() and any(char.isalpha() for char in latin):
            return word, scripts.pop(), latin
    return None


_SCRIPT_NAMES = {"LATIN": "Latin", "CYRILLIC": "Kirin (Cyrillic)", "GREEK": "Hy Lạp (Greek)",
                 "ARMENIAN": "Armenia", "HAN": "Hán", "CHEROKEE": "Cherokee"}


def _check_scripts(value: Any, loc: tuple[Any, ...], at: Any) -> None:
    """Every free-text value: no word mixing letters of two scripts (``mixed_script``), and no word of another
    script passing for Latin in Latin text (``lookalike_word``)."""
    if isinstance(value, str):
        found = mixed_script(value)
        if found is not None:
            word, char, script, main = found
            at("mixed-script", loc, word=word, char=char, codepoint=f"U+{ord(char):04X}",
               name=unicodedata.name(char, "?"), script=_SCRIPT_NAMES.get(script, script.title()),
               main=_SCRIPT_NAMES.get(main, main.title()))
            return
        alike = lookalike_word(value)
        if alike is not None:
            word, script, latin = alike
            at("lookalike-word", loc, word=word, latin=latin, script=_SCRIPT_NAMES.get(script, script.title()),
               codepoints=" ".join(f"U+{ord(char):04X}" for char in word[:12]))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                _check_scripts(item, (*loc, key), at)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_scripts(item, (*loc, index), at)


def _as_stored(markdown: str) -> str:
    """Markdown as the model stores and the site renders it (NFC, stripped), for its budgets.

    NFC turns no other character into one that Markdown reads (only U+1FEF becomes a backtick;
    composing ``>`` with a combining mark takes one away), and a byte-order mark is dropped: the
    text is normalised only when it holds one of those two (normalising every body took as long as
    the budget check itself).
    """
    if "\ufeff" in markdown or "\u1fef" in markdown:
        markdown = nfc(markdown)
    return markdown.strip()


#: Province names already resolved, by (name, year): a repository names the same few hundred again and again.
_RESOLVED: dict[tuple[str, int | None], Resolution | ProvinceError] = {}


def _resolve(province: str, year: int | None) -> Resolution:
    """``load_register().resolve(province, year)``, remembered."""
    key = (province, year)
    answer = _RESOLVED.get(key)
    if answer is None:
        try:
            answer = load_register().resolve(province, year)
        except ProvinceError as error:
            answer = error
        if len(_RESOLVED) > 4096:
            _RESOLVED.clear()
        _RESOLVED[key] = answer
    if isinstance(answer, ProvinceError):
        raise answer.with_traceback(None)  # not the tracebacks of every earlier time
    return answer


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:/")


def _check_image_path(src: str, loc: tuple[Any, ...], folder: str, at: Any) -> bool:
    """An image is a file inside the image folder, named plainly; True when the file system must say more.

    What is validated is exactly what the site uses: the path must already be
    in plain form (``quang-nam/anh.jpg``), so no decoding step can turn an
    accepted path into another one. Addresses (``http://``, ``file://``,
    ``data:``) are refused (nothing is fetched at build time), as are paths
    that leave the folder by ``..``, ``/``, ``%2e%2e``, backslashes or (see
    ``_check_image_file``) a symbolic link.
    """
    if src.startswith("//") or (_SCHEME.match(src) and not _DRIVE.match(src.replace("\\", "/"))):
        at("image-url", loc, value=src, folder=folder)
        return False
    decoded = src
    for _ in range(5):  # %252e%252e → %2e%2e → ..
        decoded, previous = unquote(decoded), decoded
        if decoded == previous:
            break
    decoded = decoded.replace("\\", "/")
    if decoded.startswith("/") or _DRIVE.match(decoded) or posixpath.normpath(decoded).split("/")[0] == "..":
        at("image-outside", loc, value=src, folder=folder)
        return False
    parts = src.split("/")
    detail = ("có mã «%…»" if "%" in src else "dùng dấu «\\» thay cho «/»" if "\\" in src
              else "có khoảng trắng ở đầu hoặc cuối" if src != src.strip()
              else "có phần «.», «..» hoặc «//»" if any(part in ("", ".", "..") for part in parts)
              else "có ký tự «?» hoặc «#»" if "?" in src or "#" in src else None)
    if detail:
        at("image-path", loc, value=src, folder=folder, detail=detail)
        return False
    if not src.lower().endswith(IMAGE_TYPES):
        at("image-type", loc, value=src, allowed=", ".join(IMAGE_TYPES))
        return False
    return True


def _check_image_file(src: str, loc: tuple[Any, ...], ctx: Context, at: Any) -> None:
    """The image file exists, inside the image folder (a symbolic link must not lead out), and is a whole
    image of the format its name says, within the size and pixel budgets (``imagefile.inspect``)."""
    state = ctx.image_state(src)
    folder = ctx.images_dir
    if state == "ok":
        problem = ctx.image_problem(src)
        if problem is not None:
            at(problem.code, loc, value=src, folder=folder, **problem.params)
    elif state == "outside":
        at("image-outside", loc, value=src, folder=folder)
    elif state == "missing":
        near = _suggest(src, ctx.image_files((ctx.root / folder).resolve()))
        fix = (f"Có phải là «{near[0]}»? " if near else "") + f"Chép ảnh vào thư mục {folder}/ rồi ghi đường dẫn tính từ đó."
        at("image-missing", loc, value=src, folder=folder, fix=fix)


def check_images(images: Iterable[tuple[int, str]], doc: SourceDoc, file: str, ctx: Context) -> list[Diagnostic]:
    """The file-system half of the image checks that ``check_meaning(..., images=[])`` left out."""
    found: list[Diagnostic] = []

    def at(code: str, loc: tuple[Any, ...], **params: Any) -> None:
        position = doc.locate(loc)
        found.append(make(code, file, position.line, position.column, path_text(loc), **params))

    for index, src in images:
        _check_image_file(src, ("images", index, "src"), ctx, at)
    return found


def image_diagnostics(root: Path, entries: Iterable[Entry], problems: Mapping[str, ImageProblem],
                      images_dir: str = "images") -> list[Diagnostic]:
    """Each problem the build found in an image (``src`` → problem), at every record's ``images:`` entry
    that names it (the record files are read again to locate it: this happens only on failure)."""
    from .yamlsource import YamlProblem, read_document

    found: list[Diagnostic] = []
    for entry in entries:
        named = [(index, src) for index, src in enumerate(entry.image_sources) if src in problems]
        if not named:
            continue
        try:
            doc: Any = read_document((root / entry.source).read_bytes())
        except (OSError, YamlProblem):
            doc = None
        for index, src in named:
            loc = ("images", index, "src")
            position = doc.locate(loc) if doc is not None else None
            problem = problems[src]
            found.append(make(problem.code, entry.source, position.line if position else 1,
                              position.column if position else 1, path_text(loc), value=src, folder=images_dir,
                              **problem.params))
    return sorted(set(found))


# ---------------------------------------------------------------- pass 3: collection

def check_collection(entries: list[Entry], docs: Mapping[str, SourceDoc],
                     invalid_kinds: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Slugs, duplicate records and references across every valid record.

    ``invalid_kinds`` (slug → kind) names records that exist but have errors of
    their own: a reference to one of them is not reported again.
    """
    found: list[Diagnostic] = []

    def at(code: str, entry: Entry, loc: tuple[Any, ...], **params: Any) -> None:
        position = docs[entry.source].locate(loc)
        found.append(make(code, entry.source, position.line, position.column, path_text(loc), **params))

    # One pass over the entries (there may be tens of thousands), then the rare reports.
    by_slug: dict[str, Entry] = {}
    again: list[tuple[Entry, Entry]] = []  # (entry, the first one with its slug)
    by_identity: dict[tuple[str, str, str], Entry] = {}
    alike: list[tuple[Entry, Entry]] = []  # (entry, the first one with its identity)
    kinds = dict(invalid_kinds or {})
    for entry in entries:
        slug, kind = entry.slug, entry.kind
        first = by_slug.setdefault(slug, entry)
        if first is not entry:
            again.append((entry, first))
        place = entry.place
        identity = (kind, entry.title_key, (place.historic or place.current).key)
        first = by_identity.setdefault(identity, entry)
        if first is not entry:
            alike.append((entry, first))
        kinds[slug] = kind
    for entry, first in again:
        at("duplicate-slug", entry, (), slug=entry.slug, other=first.source,
           suffix=(entry.historic or entry.current).slug)
    for entry, first in alike:
        if entry.slug != first.slug:
            at("duplicate-record", entry, ("title" if entry.kind == "initiative" else "name",), other=first.source)

    # Titles that are different text but look the same: letters of another script that look Latin.
    looks: dict[tuple[str, str], Entry] = {}
    foreign: list[Entry] = []
    for entry in entries:
        if _BEYOND_LATIN.search(entry.title) is None:
            looks.setdefault((entry.kind, entry.title_key), entry)
        else:
            foreign.append(entry)
    for entry in foreign:
        key = (entry.kind, fold(latin_skeleton(entry.title)))
        first = looks.setdefault(key, entry)
        if first is not entry and key[1] != entry.title_key:
            position = docs[entry.source].locate(("title" if entry.kind == "initiative" else "name",))
            found.append(make("similar-title", entry.source, position.line, position.column,
                              "title" if entry.kind == "initiative" else "name", severity="warning",
                              other=first.source, title=entry.title, other_title=first.title))

    choices: dict[str, list[str]] = {}

    def of_kind(kind: str) -> list[str]:
        if kind not in choices:
            choices[kind] = sorted(s for s, k in kinds.items() if k == kind)
        return choices[kind]

    for entry in entries:
        if entry.kind == "initiative":
            for index, slug in entry.collective_refs:
                loc = ("authors", index, "collective")
                if slug not in kinds:
                    at("unknown-collective", entry, loc, value=slug,
                       fix=_ref_fix(slug, of_kind("collective"), "tập thể"))
                elif kinds[slug] != "collective":
                    at("not-a-collective", entry, loc, value=slug)
        else:
            for index, slug in enumerate(entry.initiative_refs):
                if kinds.get(slug) != "initiative":
                    at("unknown-initiative", entry, ("initiatives", index), value=slug,
                       fix=_ref_fix(slug, of_kind("initiative"), "sáng kiến"))
    return found


def _ref_fix(slug: str, choices: list[str], what: str) -> str:
    guess = _suggest(slug, choices)
    return (f"Có phải là «{guess[0]}»? " if guess else "") + \
        f"Mã {what} là tên tệp hồ sơ (không có .yml); tạo hồ sơ đó trước nếu chưa có."
