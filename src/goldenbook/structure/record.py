"""The record contract as types: what an editor may write, and nothing else.

These models are the single source of the record's shape: the validator checks
records against them and ``schema/record.schema.json`` is generated from them
(a test fails when the two drift). Checks that need more than one field or
more than one record (provinces, references, duplicates) live in
``goldenbook.validation``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..text import clean, nfc
from ..vocabulary import COLLECTIVE_TYPES, FIELDS, KINDS, SCOPES, STATUSES

__all__ = ["Initiative", "Collective", "Record", "Person", "CollectiveRef", "RECORD_ADAPTER", "model_for_kind",
           "FIRST_EDITION", "EARLIEST_YEAR", "parse_date"]


def _literal(values: Any) -> Any:
    return Literal[tuple(values)]  # type: ignore[valid-type]


# ---------------------------------------------------------------- text types
# Text is normalised before it is measured: NFC everywhere, and one-line
# fields get their white space collapsed (a title typed across two lines in a
# web editor is still one title).

#: ``clean`` of short texts met before: most one-line values (provinces, roles, organisations, prizes)
#: recur from record to record, and a dictionary look-up costs a fifth of ``clean``. Bounded (short
#: texts, a number of them) for long processes.
_CLEANED: dict[str, str] = {}


def _one_line(value: Any) -> Any:
    if value.__class__ is str and len(value) <= 64:
        done = _CLEANED.get(value)
        if done is None:
            done = clean(value)
            if len(_CLEANED) >= 32768:
                _CLEANED.clear()
            _CLEANED[value] = done
        return done
    return clean(value) if isinstance(value, str) else value


def _text(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _summary(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value and _PARAGRAPH_BREAK.search(value.strip()):
        raise PydanticCustomError("one_paragraph", "summary must be one paragraph")
    return _one_line(value)


# The constraints stand before the normalising validator so that pydantic-core
# checks the lengths itself (after normalising: a before-validator wraps what
# stands to its left); placed after it, each length check is a Python call.
Line = Annotated[str, StringConstraints(min_length=1, max_length=300), BeforeValidator(_one_line)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200), BeforeValidator(_one_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), BeforeValidator(_text)]
Markdown = Annotated[str, StringConstraints(min_length=1, max_length=100_000), BeforeValidator(_text),
                     Field(description="Markdown; HTML thô sẽ bị lọc bỏ.")]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=600), BeforeValidator(_summary),
                    Field(description="Tóm tắt: một đoạn văn, tối đa 600 ký tự.")]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]

# ---------------------------------------------------------------- values

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DATE_PATTERN = r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$"


def parse_date(value: Any) -> Any:
    """Accept ``2024-08-22`` and the Vietnamese ``22/08/2024``; store a date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("bad_date", "not a date", {"value": value})
    text = value.strip()
    match = _ISO.match(text)
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None and (match := _VN.match(text)):
        parts = (match.group(3), match.group(2), match.group(1))
    try:
        if parts is None:
            raise ValueError
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise PydanticCustomError("bad_date", "not a date", {"value": value}) from None


Day = Annotated[date, BeforeValidator(parse_date),
                WithJsonSchema({"type": "string", "pattern": DATE_PATTERN,
                                "description": "Ngày: 2024-08-22 hoặc 22/08/2024"})]


_HTTP_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$", re.IGNORECASE)


def _http_url(value: str) -> str:
    value = value.strip()
    if not _HTTP_URL.match(value):
        raise PydanticCustomError("bad_url", "only http(s) URLs", {"value": value})
    return value


Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_http_url),
                WithJsonSchema({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "format": "uri"})]


def _phone(value: Any) -> Any:
    return str(value) if isinstance(value, int) else value


Percent = Annotated[Union[int, float], Field(ge=0, le=100)]
Year = Annotated[int, Field(ge=2000, le=2100, description="Năm, ví dụ 2024")]
#: The first real edition of the Golden Book (2016). The latest allowed edition (the year after the build
#: date) and the latest allowed past year (the build date's) depend on the build date, so they are checked
#: by ``goldenbook.validation.check_meaning``, which also checks these lower bounds (one message per value);
#: the JSON Schema states the lower bounds for the nomination form.
FIRST_EDITION = 2016
#: No date in a record may be older than the founding of the state (2 September 1945): a year like 0024 or
#: 202 is a typing error.
EARLIEST_YEAR = 1945
Edition = Annotated[int, WithJsonSchema({
    "type": "integer", "minimum": FIRST_EDITION,
    "description": f"Năm ấn phẩm Sách vàng: từ {FIRST_EDITION} (ấn phẩm đầu tiên) đến năm sau năm tạo trang"})]
PastYear = Annotated[int, WithJsonSchema({
    "type": "integer", "minimum": EARLIEST_YEAR,
    "description": f"Năm, từ {EARLIEST_YEAR} đến năm tạo trang, ví dụ 2024"})]
Count = Annotated[int, Field(ge=0)]


# ---------------------------------------------------------------- parts

class Part(BaseModel):
    """Strict and closed: a typo in a key is an error, never a silent drop."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Person(Part):
    name: Line = Field(description="Họ và tên")
    role: Line | None = Field(None, description="Vai trò, ví dụ «Chủ nhiệm»")
    organization: Line | None = Field(None, description="Đơn vị công tác")
    share: Percent | None = Field(None, description="Tỷ lệ đóng góp (%)")


class CollectiveRef(Part):
    collective: Slug = Field(description="Mã (slug) của hồ sơ tập thể là tác giả")


def _author_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "collective" if "collective" in value else "person"
    return "collective" if isinstance(value, CollectiveRef) else "person"


Author = Annotated[Union[Annotated[Person, Tag("person")], Annotated[CollectiveRef, Tag("collective")]],
                   Discriminator(_author_tag)]


class Image(Part):
    src: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        description="Đường dẫn trong thư mục images/, ví dụ quang-nam/vuon-uom.jpg")
    alt: Line = Field(description="Mô tả ảnh cho người không xem được ảnh")
    caption: Line | None = None
    credit: Line | None = None


class Source(Part):
    title: Line
    url: Url
    publisher: Line | None = None
    date: Day | None = None


class Contact(Part):
    """Private: for the council's secretariat only, never rendered."""

    name: Line | None = None
    phone: Annotated[Line, BeforeValidator(_phone)] | None = None
    email: Line | None = None
    address: Line | None = None


class Council(Part):
    decision: Line | None = Field(None, description="Số quyết định")
    date: Day | None = None
    score: Percent | None = Field(None, description="Điểm (0–100)")
    notes: Text | None = Field(None, description="Ghi chú nội bộ: chỉ hiện ở bản xem trước cho hội đồng")


class Award(Part):
    name: Line = Field(description="Tên giải thưởng, cuộc thi")
    level: Line | None = Field(None, description="Hạng giải, ví dụ «Giải Nhất»")
    year: PastYear | None = None
    decision: Line | None = None


class Impact(Part):
    beneficiaries: Count | None = Field(None, description="Số người hưởng lợi")
    value_vnd: Count | None = Field(None, description="Giá trị làm lợi (đồng)")
    description: Text | None = None


class Recognition(Part):
    title: Line = Field(description="Hình thức khen thưởng, ví dụ «Bằng khen của Ủy ban MTTQ Việt Nam tỉnh»")
    by: Line | None = None
    decision: Line | None = None
    date: Day | None = None


# ---------------------------------------------------------------- records

class Common(Part):
    province: Line = Field(description="Tỉnh, thành phố theo tên gọi tại năm của hồ sơ")
    locality: Line | None = Field(None, description="Xã, phường, huyện như tên gọi lúc đó")
    year: Year = Field(description="Năm công nhận hoặc đề cử")
    status: _literal(STATUSES) = Field(description="Trạng thái hồ sơ")  # type: ignore[valid-type]
    summary: Summary
    body: Markdown | None = None
    tags: list[Slug] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    contact: Contact | None = Field(None, exclude=True, description="RIÊNG TƯ: không bao giờ hiển thị")
    council: Council | None = None
    edition: Edition | None = Field(None, description="Năm ấn phẩm Sách vàng (bắt buộc khi status: published)")


class Initiative(Common):
    kind: Literal["initiative"] = "initiative"
    title: Title = Field(description="Tên sáng kiến")
    title_en: Title | None = None
    field: _literal(FIELDS) = Field(description="Lĩnh vực")  # type: ignore[valid-type]
    authors: Annotated[list[Author], Field(min_length=1)]
    nominated_by: Line = Field(description="Cơ quan, tổ chức đề cử")
    award: Award | None = None
    impact: Impact | None = None
    scope: _literal(SCOPES) | None = None  # type: ignore[valid-type]
    applied_since: Union[PastYear, Day, None] = None

    @property
    def heading(self) -> str:
        return self.title


class Collective(Common):
    kind: Literal["collective"]
    name: Title = Field(description="Tên tập thể")
    type: _literal(COLLECTIVE_TYPES) = Field(description="Loại tập thể")  # type: ignore[valid-type]
    recognition: Recognition
    achievements: Markdown | None = None
    models: list[Line] = Field(default_factory=list, description="Các mô hình tập thể đang thực hiện")
    initiatives: list[Slug] = Field(default_factory=list, description="Mã các sáng kiến của tập thể")

    @property
    def heading(self) -> str:
        return self.name


def _record_tag(value: Any) -> str:
    kind = value.get("kind", "initiative") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if isinstance(kind, str) and kind in KINDS else "initiative"


Record = Annotated[Union[Annotated[Initiative, Tag("initiative")], Annotated[Collective, Tag("collective")]],
                   Discriminator(_record_tag)]
RECORD_ADAPTER: TypeAdapter[Initiative | Collective] = TypeAdapter(Record)

#: Field order of the contract, used by ``fmt`` and by documentation.
FIELD_ORDER = (
    "kind", "title", "name", "title_en", "field", "type", "province", "locality", "year", "status", "edition",
    "summary", "body", "achievements", "authors", "nominated_by", "award", "recognition", "impact", "scope",
    "applied_since", "models", "initiatives", "tags", "images", "sources", "council", "contact",
)

#: Key order inside the nested mappings (and inside each item of the lists of
#: mappings), as the contract lists them; used by ``fmt``.
NESTED_ORDER = {
    "authors": (*Person.model_fields, *CollectiveRef.model_fields),
    "images": tuple(Image.model_fields),
    "sources": tuple(Source.model_fields),
    "award": tuple(Award.model_fields),
    "recognition": tuple(Recognition.model_fields),
    "impact": tuple(Impact.model_fields),
    "council": tuple(Council.model_fields),
    "contact": tuple(Contact.model_fields),
}


def model_for_kind(kind: str) -> type[Initiative] | type[Collective]:
    return Collective if kind == "collective" else Initiative
