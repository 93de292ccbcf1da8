"""Which column holds what: headers as offices write them, and the ``--map`` file for the rest.

A header is compared folded (``text.fold``: case, diacritics, tone placement
and đ/d ignored) with punctuation read as spaces, so «Tỉnh/thành», «TỈNH,
THÀNH PHỐ» and «tinh thanh» are one header. The header row is the first row,
among the first ``HEADER_SEARCH`` rows, in which at least two cells are known
headers: a title row («DANH SÁCH ĐỀ CỬ …») above it is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import clean, fold
from ..yamlsource import YamlProblem, read_document

__all__ = ["COLUMNS", "IGNORE", "ColumnMap", "MapFileProblem", "header_key", "find_header", "read_map_file"]

#: What a column may hold → (Vietnamese label for messages, headers as offices write them).
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": ("tên sáng kiến", ("tên sáng kiến", "tên giải pháp", "tên đề tài", "tên sáng kiến giải pháp",
                                "tên sáng kiến, giải pháp", "sáng kiến", "tên", "tiêu đề", "tên công trình",
                                "tên mô hình")),
    "title_en": ("tên tiếng Anh", ("tên tiếng anh", "tên tiếng anh của sáng kiến", "title en")),
    "field": ("lĩnh vực", ("lĩnh vực", "lĩnh vực sáng kiến", "ngành, lĩnh vực", "lĩnh vực áp dụng")),
    "province": ("tỉnh, thành phố", ("tỉnh", "tỉnh thành", "tỉnh, thành", "tỉnh, thành phố", "tỉnh thành phố",
                                     "địa phương", "tỉnh/thành")),
    "locality": ("xã, phường, huyện", ("xã, phường", "huyện", "quận, huyện", "xã, phường, huyện",
                                       "địa bàn", "nơi áp dụng")),
    "year": ("năm", ("năm", "năm đề cử", "năm công nhận", "năm xét chọn")),
    "status": ("trạng thái", ("trạng thái", "tình trạng")),
    "summary": ("tóm tắt", ("tóm tắt", "tóm tắt nội dung", "nội dung tóm tắt", "mô tả", "mô tả tóm tắt",
                            "tóm tắt sáng kiến")),
    "authors": ("tác giả", ("tác giả", "tác giả, đồng tác giả", "tác giả hoặc nhóm tác giả", "họ và tên tác giả",
                            "họ tên tác giả", "nhóm tác giả", "chủ nhiệm")),
    "organization": ("đơn vị công tác của tác giả", ("đơn vị", "đơn vị công tác", "cơ quan, đơn vị",
                                                      "nơi công tác")),
    "nominated_by": ("cơ quan đề cử", ("cơ quan đề cử", "đơn vị đề cử", "nơi đề cử", "tổ chức đề cử",
                                       "cơ quan, tổ chức đề cử")),
    "award": ("giải thưởng", ("giải thưởng", "tên giải thưởng", "cuộc thi", "hội thi", "giải thưởng, cuộc thi")),
    "award_level": ("hạng giải", ("hạng giải", "giải", "mức giải", "đạt giải")),
    "award_year": ("năm đạt giải", ("năm đạt giải", "năm giải thưởng")),
    "award_decision": ("số quyết định khen thưởng", ("số quyết định", "quyết định khen thưởng",
                                                     "số quyết định khen thưởng")),
    "beneficiaries": ("số người hưởng lợi", ("số người hưởng lợi", "người hưởng lợi", "số người được hưởng lợi")),
    "value_vnd": ("giá trị làm lợi (đồng)", ("giá trị làm lợi", "giá trị làm lợi (đồng)", "giá trị làm lợi đồng",
                                             "hiệu quả kinh tế (đồng)", "giá trị làm lợi (vnđ)")),
    "impact": ("hiệu quả", ("hiệu quả", "hiệu quả áp dụng", "hiệu quả, lợi ích")),
    "scope": ("phạm vi áp dụng", ("phạm vi áp dụng", "phạm vi", "cấp áp dụng")),
    "applied_since": ("thời gian áp dụng", ("áp dụng từ", "thời gian áp dụng", "ngày áp dụng", "năm áp dụng",
                                            "bắt đầu áp dụng")),
    "edition": ("ấn phẩm", ("ấn phẩm", "năm ấn phẩm", "ấn phẩm sách vàng")),
}

#: Columns that are known and hold nothing a record keeps (the row's number).
IGNORE = "-"
IGNORED_HEADERS = ("stt", "tt", "số tt", "số thứ tự")
#: Words a ``--map`` file may use for "leave this column out".
IGNORE_WORDS = ("-", "bo qua", "bỏ qua", "ignore", "skip")
HEADER_SEARCH = 20


def header_key(text: Any) -> str:
    """A header as compared: folded, punctuation as spaces, one space between words."""
    folded = fold(clean(str(text)))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


_KNOWN: dict[str, str] = {}
for _target, (_label, _headers) in COLUMNS.items():
    for _header in _headers:
        _KNOWN.setdefault(header_key(_header), _target)
for _header in IGNORED_HEADERS:
    _KNOWN[header_key(_header)] = IGNORE


class MapFileProblem(ValueError):
    """The ``--map`` file cannot be used; the message says where and why (Vietnamese)."""


@dataclass
class ColumnMap:
    """Headers (as compared) → what they hold, from the ``--map`` file first, then the known headers."""

    explicit: dict[str, str] = field(default_factory=dict)

    def target(self, header: Any) -> str | None:
        key = header_key(header)
        if not key:
            return None
        return self.explicit.get(key) or _KNOWN.get(key)


def read_map_file(path: Path) -> ColumnMap:
    """``«Header as written»: target`` lines (YAML, read with the records' reader), ``-`` to leave a column out.

    ``target`` is one of ``COLUMNS`` (``title``, ``province`` …) or the Vietnamese label of one.
    """
    try:
        doc = read_document(path.read_bytes())
    except (OSError, YamlProblem) as error:
        raise MapFileProblem(f"{path.name}: không đọc được tệp ánh xạ cột ({error}). "
                             f"Viết mỗi dòng dạng «Tên cột: title».") from None
    if not isinstance(doc.data, dict):
        raise MapFileProblem(f"{path.name}: tệp ánh xạ cột phải gồm các dòng «Tên cột: trường», ví dụ "
                             f"«Tên đề tài: title».")
    labels = {header_key(label): target for target, (label, _) in COLUMNS.items()}
    explicit: dict[str, str] = {}
    for header, target in doc.data.items():
        wanted = header_key(target) if isinstance(target, str) else ""
        if isinstance(target, str) and target.strip() in COLUMNS:
            explicit[header_key(header)] = target.strip()
        elif wanted in labels:
            explicit[header_key(header)] = labels[wanted]
        elif isinstance(target, str) and (target.strip() in IGNORE_WORDS or wanted in map(header_key, IGNORE_WORDS)):
            explicit[header_key(header)] = IGNORE
        else:
            allowed = ", ".join(COLUMNS)
            raise MapFileProblem(f"{path.name}: cột «{header}» được ánh xạ tới «{target}», không phải trường nào. "
                                 f"Dùng một trong: {allowed}; hoặc «-» để bỏ qua cột.")
    return ColumnMap(explicit)


def find_header(rows: list[tuple[int, list[Any]]], columns: ColumnMap) -> int | None:
    """The index (in ``rows``) of the header row: the first with two or more known headers."""
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH]):
        known = sum(1 for value in values if isinstance(value, str) and columns.target(value) is not None)
        if known >= 2:
            return index
    return None
