"""``goldenbook new initiative|collective``: start a record the right way.

Asks for what is missing (in a terminal) or takes it as options, checks every
answer at once with the project's own rules (the province for the record's
year, the field vocabulary, the lengths of the contract) and writes
``initiatives/<province>/<slug>.yml`` with every field of the contract present,
in the contract's order, each with a Vietnamese comment (optional fields are
commented out). The file then goes through the validator, which lists what is
still to fill in.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Mapping

from ..diagnostics import format_text
from ..nomination import written_name
from ..provinces import ProvinceError, Resolution, load_register
from ..records import scan
from ..records.paths import RECORDS_DIR
from ..schema import SCHEMA_PATH
from ..structure.record import FIELD_ORDER, SLUG_PATTERN, Collective, Initiative
from ..text import clean, fold, slugify
from ..validation import expected_slugs
from ..vocabulary import COLLECTIVE_TYPES, FIELDS, SCOPES, STATUSES
from ..yamlsource import YamlProblem, load_document
from .common import add_root_option, find_root

KIND_LABELS = {"initiative": "sáng kiến", "collective": "tập thể tiêu biểu"}
SUMMARY_LIMIT = 600


class Invalid(ValueError):
    """An answer that cannot be used; the message says why and what to do (Vietnamese, English)."""


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new", help="tạo hồ sơ mới theo mẫu (start a new record)",
        description="Tạo tệp hồ sơ mới, đặt đúng tên và đúng thư mục, có đủ mọi trường kèm chú thích tiếng Việt. "
                    "Thiếu thông tin nào thì lệnh hỏi (khi chạy trong cửa sổ lệnh).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent("""\
            ví dụ (examples):
              goldenbook new initiative
              goldenbook new initiative --title "Máy sấy nông sản" --province "Quảng Nam" --year 2024 \\
                  --field nang-luong --summary "…" --author "Nguyễn Văn An; Chủ nhiệm; HTX Điện Phước; 70" \\
                  --nominated-by "Hội Nông dân tỉnh Quảng Nam"
              goldenbook new collective --name "Hợp tác xã A" --type cooperative --province "Lào Cai" --year 2026
            """))
    parser.add_argument("kind", choices=("initiative", "collective"),
                        help="initiative (sáng kiến) hoặc collective (tập thể tiêu biểu)")
    parser.add_argument("--title", help="tên sáng kiến (initiative)")
    parser.add_argument("--name", help="tên tập thể (collective)")
    parser.add_argument("--title-en", help="tên tiếng Anh (tùy chọn)")
    parser.add_argument("--province", help="tỉnh, thành phố theo tên gọi vào năm của hồ sơ")
    parser.add_argument("--locality", help="xã, phường, huyện như tên gọi lúc đó (tùy chọn)")
    parser.add_argument("--year", help="năm công nhận hoặc đề cử")
    parser.add_argument("--field", help="lĩnh vực (sáng kiến), ví dụ nong-nghiep")
    parser.add_argument("--type", help="loại tập thể, ví dụ cooperative")
    parser.add_argument("--status", help="trạng thái (mặc định: nominated)")
    parser.add_argument("--edition", help="năm ấn phẩm Sách vàng (bắt buộc khi --status published)")
    parser.add_argument("--summary", help="tóm tắt một đoạn, tối đa 600 ký tự")
    parser.add_argument("--author", action="append", default=[], metavar="TÁC_GIẢ",
                        help="tác giả: «Họ tên; vai trò; đơn vị; tỷ lệ %%» (chỉ họ tên là bắt buộc) hoặc «@mã-tập-thể»; "
                             "lặp lại cho mỗi tác giả")
    parser.add_argument("--nominated-by", help="cơ quan, tổ chức đề cử (sáng kiến)")
    parser.add_argument("--recognition", help="hình thức khen thưởng (tập thể), ví dụ «Bằng khen của …»")
    parser.add_argument("--slug", help="tên tệp (không có .yml) khi hai hồ sơ khác nhau trùng tên: "
                                       "thêm mã tỉnh và/hoặc năm, ví dụ ten-sang-kien-quang-nam")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--interactive", action="store_true",
                      help="luôn hỏi những mục còn thiếu, kể cả khi đầu vào không phải cửa sổ lệnh")
    mode.add_argument("--no-input", action="store_true", help="không hỏi gì; báo lỗi nếu thiếu tùy chọn")
    add_root_option(parser)
    parser.set_defaults(run=run)


# ---------------------------------------------------------------- answers, checked

def _text(value: str, what: str, limit: int = 300) -> str:
    text = clean(value)
    if not text:
        raise Invalid(f"{what} không được để trống. ({what}: must not be empty)")
    if len(text) > limit:
        raise Invalid(f"{what} quá dài: {len(text)} ký tự (tối đa {limit}). (too long)")
    return text


def check_title(value: str) -> str:
    text = _text(value, "Tên", 200)
    if not slugify(text):
        raise Invalid("Tên phải có ít nhất một chữ cái hoặc chữ số. (the title needs a letter or digit)")
    return text


def check_year(value: str, today: date | None = None) -> int:
    high = (today or date.today()).year + 1
    text = clean(str(value))
    if not re.fullmatch(r"\d{4}", text):
        raise Invalid(f"Năm «{text}» không hợp lệ: nhập bốn chữ số, ví dụ {high - 1}. (year: four digits)")
    year = int(text)
    if not 2000 <= year <= high:
        raise Invalid(f"Năm {year} nằm ngoài khoảng 2000 … {high}. (year out of range)")
    return year


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def check_province(value: str, year: int, offered: list[str] | None = None) -> Resolution:
    """The province for ``year``; a number picks one of the names ``offered`` by the previous answer."""
    name = clean(value)
    if offered and name.isdigit() and 1 <= int(name) <= len(offered):
        name = offered[int(name) - 1]
    if not name:
        raise Invalid("Tỉnh, thành phố không được để trống. (province: must not be empty)")
    try:
        return load_register().resolve(name, year)
    except ProvinceError as error:
        choices = error.suggestions
        if offered is not None:
            offered[:] = choices
        pick = (" Gõ số để chọn: " + ", ".join(f"{i}. {c}" for i, c in enumerate(choices, 1))
                if offered is not None and choices else "")
        raise Invalid(f"{_sentence(error.message_vi)}{pick} ({error.message_en})") from None


def check_choice(value: str, options: Mapping[str, str], what: str) -> str:
    """A vocabulary value from its code, its number in the list, or its label; "did you mean" otherwise."""
    text = clean(value)
    if not text:
        raise Invalid(f"Chọn một {what}: gõ số thứ tự hoặc mã. (choose a value)")
    if text in options:
        return text
    codes = list(options)
    if text.isdigit() and 1 <= int(text) <= len(codes):
        return codes[int(text) - 1]
    keys = {fold(code).replace("_", " ").replace("-", " "): code for code in codes}
    keys.update({fold(label): code for code, label in options.items()})
    key = fold(text).replace("_", " ").replace("-", " ")
    if key in keys:
        return keys[key]
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
    hint = f" Có phải là «{keys[close[0]]}» ({options[keys[close[0]]]})?" if close else ""
    listing = ", ".join(codes)
    raise Invalid(f"Không có {what} «{text}».{hint} Giá trị hợp lệ: {listing}. (not in the vocabulary)")


def check_status(value: str) -> str:
    return check_choice(value, STATUSES, "trạng thái")


def check_edition(value: str, year: int) -> int:
    edition = check_year(value)
    if edition < year:
        raise Invalid(f"Ấn phẩm {edition} sớm hơn năm {year} của hồ sơ. (edition precedes the year)")
    return edition


def check_summary(value: str) -> str:
    if re.search(r"\n\s*\n", value.strip()):
        raise Invalid("Tóm tắt chỉ gồm một đoạn văn (không có dòng trống). (one paragraph only)")
    return _text(value, "Tóm tắt", SUMMARY_LIMIT)


def check_author(value: str) -> dict:
    """``Họ tên; vai trò; đơn vị; tỷ lệ`` (only the name required) or ``@collective-slug``."""
    text = clean(value)
    if text.startswith("@"):
        slug = text[1:].strip()
        if not re.fullmatch(SLUG_PATTERN, slug):
            raise Invalid(f"«{slug}» không phải mã hồ sơ tập thể (chữ thường không dấu, số, gạch ngang), "
                          f"ví dụ «@{slugify(slug) or 'hoi-nong-dan-xa-a'}». (not a slug)")
        return {"collective": slug}
    parts = [part.strip() for part in text.split(";")]
    if len(parts) > 4:
        raise Invalid("Tác giả có tối đa bốn phần: «Họ tên; vai trò; đơn vị; tỷ lệ». (at most four parts)")
    author: dict = {"name": _text(parts[0], "Họ tên tác giả")}
    for key, part in zip(("role", "organization"), parts[1:3]):
        if part:
            author[key] = _text(part, "Vai trò" if key == "role" else "Đơn vị")
    if len(parts) == 4 and parts[3]:
        share = parts[3].rstrip("%").strip().replace(",", ".")
        try:
            number = float(share)
        except ValueError:
            raise Invalid(f"Tỷ lệ đóng góp «{parts[3]}» phải là một số từ 0 đến 100. (share: a number)") from None
        if not 0 <= number <= 100:
            raise Invalid(f"Tỷ lệ đóng góp {parts[3]} nằm ngoài khoảng 0 … 100. (share out of range)")
        author["share"] = int(number) if number.is_integer() else number
    return author


def check_authors(authors: list[dict]) -> list[dict]:
    total = sum(a.get("share", 0) for a in authors)
    if total > 100:
        raise Invalid(f"Tổng tỷ lệ đóng góp là {total:g}% (tối đa 100%). (shares exceed 100)")
    return authors


# ---------------------------------------------------------------- asking

@dataclass
class Asker:
    """Ask on the terminal until an answer passes its check."""

    read: Callable[[str], str] = input
    out: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr))

    def ask(self, prompt: str, check: Callable[[str], object], *, default: str | None = None,
            optional: bool = False) -> object:
        # A prompt that already says what Enter does ("Enter để điền sau") gets no second hint.
        says_enter = "(Enter " in prompt
        suffix = f" [{default}]" if default is not None else (" (Enter để bỏ qua)" if optional and not says_enter else "")
        while True:
            answer = self.read(f"{prompt}{suffix}: ").strip()
            if not answer and default is not None:
                answer = default
            if not answer and optional:
                return None
            try:
                return check(answer)
            except Invalid as error:
                self.out(f"  ✗ {error}")


# ---------------------------------------------------------------- writing

def yaml_scalar(value: object) -> str:
    """One value as YAML: plain when the project's reader reads it back unchanged, else double-quoted."""
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text and text == text.strip() and "\n" not in text:
        try:
            if load_document(f"k: {text}\n").data == {"k": text}:
                return text
        except YamlProblem:
            pass
    return json.dumps(text, ensure_ascii=False)


def _folded(text: str, indent: str = "  ", width: int = 96) -> list[str]:
    """A one-paragraph text as the lines of a ``>-`` block (YAML joins them with single spaces)."""
    return [indent + line for line in textwrap.wrap(text, width=width, break_long_words=False,
                                                      break_on_hyphens=False)]


def _comment(text: str) -> list[str]:
    return list(_comment_lines(text))


@functools.lru_cache(maxsize=512)
def _comment_lines(text: str) -> tuple[str, ...]:
    """The template's comments are the same in every record: wrapped once (``goldenbook import`` writes thousands)."""
    return tuple("# " + line for line in textwrap.wrap(text, width=100, break_long_words=False, break_on_hyphens=False))


def _commented(lines: list[str]) -> list[str]:
    return [("# " + line) if line else "#" for line in lines]


_FIELD_CODES = ", ".join(FIELDS)
_TYPE_CODES = ", ".join(f"{code} ({label})" for code, label in COLLECTIVE_TYPES.items())
_STATUS_FLOW = ("nominated (Đề cử) → under_review (Đang thẩm định) → recognized (Được công nhận) → "
                "published (Công bố); hoặc not_selected (Không được chọn), withdrawn (Rút hồ sơ)")

#: key → (comment, lines shown commented out when the field is not filled)
TEMPLATE: dict[str, tuple[str, list[str]]] = {
    "kind": ("Loại hồ sơ: initiative (sáng kiến) hoặc collective (tập thể tiêu biểu).", []),
    "title": ("Tên sáng kiến bằng tiếng Việt (bắt buộc, tối đa 200 ký tự). Đổi tên thì đổi cả tên tệp "
              "(lệnh goldenbook fmt làm việc này).", []),
    "name": ("Tên tập thể (bắt buộc, tối đa 200 ký tự). Đổi tên thì đổi cả tên tệp "
             "(lệnh goldenbook fmt làm việc này).", []),
    "title_en": ("Tên tiếng Anh (tùy chọn).", ["title_en: Solar crop dryer"]),
    "field": (f"Lĩnh vực (bắt buộc), một mã trong danh mục: {_FIELD_CODES}.", []),
    "type": (f"Loại tập thể (bắt buộc): {_TYPE_CODES}.", []),
    "province": ("Tỉnh, thành phố theo tên gọi vào năm của hồ sơ (bắt buộc). Đến năm 2025 được ghi tỉnh cũ; "
                 "từ năm 2026 chỉ ghi một trong 34 tỉnh, thành hiện nay.", []),
    "locality": ("Xã, phường, huyện… như tên gọi lúc đó (tùy chọn).", ["locality: Xã Điện Phước"]),
    "year": ("Năm được công nhận hoặc đề cử (bắt buộc; số viết liền, không ngoặc kép).", []),
    "status": (f"Trạng thái (bắt buộc): {_STATUS_FLOW}. Trang công khai chỉ hiện hồ sơ published.", []),
    "edition": ("Năm ấn phẩm Sách vàng đã công bố (bắt buộc với sáng kiến published; không sớm hơn year).",
                ["edition: 2026"]),
    "summary": (f"Tóm tắt (bắt buộc): một đoạn văn, văn bản thường, tối đa {SUMMARY_LIMIT} ký tự.", []),
    "body": ("Nội dung chi tiết (tùy chọn), viết theo Markdown: bối cảnh, giải pháp, kết quả.",
             ["body: |", "  ## Bối cảnh", "", "  ## Giải pháp", "", "  ## Kết quả"]),
    "achievements": ("Thành tích (tùy chọn), viết theo Markdown.",
                     ["achievements: |", "  - Thành tích thứ nhất.", "  - Thành tích thứ hai."]),
    "authors": ("Tác giả (bắt buộc, ít nhất một): người (name; role, organization, share — tỷ lệ đóng góp %, "
                "tổng không quá 100) hoặc tập thể (collective: mã hồ sơ tập thể).", []),
    "nominated_by": ("Cơ quan, tổ chức đề cử (bắt buộc), ví dụ «Ủy ban MTTQ Việt Nam tỉnh Quảng Nam».", []),
    "award": ("Giải thưởng giúp sáng kiến đủ điều kiện (tùy chọn): tên cuộc thi, hạng giải, năm, số quyết định.",
              ["award:", "  name: Hội thi Sáng tạo kỹ thuật tỉnh …", "  level: Giải Nhì", "  year: 2025",
               '  decision: "125/QĐ-UBND"']),
    "recognition": ("Hình thức khen thưởng (bắt buộc): title; by (cơ quan khen), decision (số quyết định), "
                    "date (ngày, trong ngoặc kép) tùy chọn.", []),
    "impact": ("Hiệu quả (tùy chọn): số người hưởng lợi, giá trị làm lợi (đồng, số viết liền), mô tả.",
               ["impact:", "  beneficiaries: 1200", "  value_vnd: 350000000",
                "  description: Giảm chi phí sản xuất khoảng 30%."]),
    "scope": ("Phạm vi áp dụng (tùy chọn): " + ", ".join(f"{code} ({label})" for code, label in SCOPES.items()) + ".",
              ["scope: province"]),
    "applied_since": ("Năm (hoặc ngày) bắt đầu áp dụng (tùy chọn).", ["applied_since: 2024"]),
    "models": ("Các mô hình tập thể đang thực hiện (tùy chọn).", ["models:", "  - Tủ áo tình thương"]),
    "initiatives": ("Mã (tên tệp, không có .yml) các sáng kiến của tập thể (tùy chọn); các hồ sơ đó phải có trong kho.",
                    ["initiatives:", "  - ma-sang-kien"]),
    "tags": ("Từ khóa (tùy chọn): chữ thường không dấu, nối bằng gạch ngang.", ["tags:", "  - nong-thon-moi"]),
    "images": ("Ảnh (tùy chọn): chép ảnh JPG, PNG hoặc WebP vào thư mục images/ rồi ghi đường dẫn tính từ đó; "
               "alt (mô tả ảnh) bắt buộc.",
               ["images:", "  - src: tinh/anh.jpg", "    alt: Mô tả nội dung ảnh", "    caption: Chú thích dưới ảnh",
                "    credit: Nguồn ảnh"]),
    "sources": ("Bài viết, tài liệu nguồn (tùy chọn); địa chỉ bắt đầu bằng http:// hoặc https://.",
                ["sources:", "  - title: Tên bài viết", "    url: https://example.org/bai-viet",
                 "    publisher: Báo …", '    date: "2025-08-22"']),
    "council": ("Dành cho hội đồng và thư ký (tùy chọn). notes là ghi chú nội bộ: chỉ hiện ở bản xem trước.",
                ["council:", '  decision: "45/QĐ-HĐTC"', '  date: "15/07/2026"', "  score: 86",
                 "  notes: Ghi chú nội bộ."]),
    "contact": ("RIÊNG TƯ, không bao giờ hiển thị: người liên hệ cho thư ký hội đồng. Chỉ ghi thông tin mà người "
                "đó đã đồng ý cung cấp; ai xem được kho dữ liệu đều đọc được.",
                ["contact:", "  name: Nguyễn Văn A", '  phone: "0900 000 000"', "  email: ten@example.org",
                 "  address: Xã …, tỉnh …"]),
}


def fields_of(kind: str) -> list[str]:
    model = Collective if kind == "collective" else Initiative
    return [name for name in FIELD_ORDER if name in model.model_fields]


def _mapping_lines(value: dict, indent: str = "  ") -> list[str]:
    return [f"{indent}{key}: {yaml_scalar(item)}" for key, item in value.items()]


def render(kind: str, values: dict, *, schema_path: str, place: Resolution | None = None) -> str:
    """The text of a new record: every field of the contract, in order, commented in Vietnamese."""
    label = KIND_LABELS[kind]
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# Hồ sơ {label} — Sách vàng Sáng tạo Việt Nam (tạo bằng lệnh «goldenbook new»).",
        *_comment("Dòng bắt đầu bằng «#» là chú thích, không hiển thị. Trường tùy chọn đang ở dạng chú thích: "
                  "xóa «# » ở đầu các dòng của trường đó để dùng. Xem «Hướng dẫn biên tập» trên trang web."),
        "",
    ]
    for key in fields_of(kind):
        comment, example = TEMPLATE[key]
        if key == "field" and values.get("field"):
            others = ", ".join(code for code in FIELDS if code != values["field"])
            comment = f"Lĩnh vực (bắt buộc): {FIELDS[values['field']]}. Các mã khác: {others}."
        if key == "type" and values.get("type"):
            others = ", ".join(f"{code} ({label})" for code, label in COLLECTIVE_TYPES.items() if code != values["type"])
            comment = f"Loại tập thể (bắt buộc): {COLLECTIVE_TYPES[values['type']]}. Các mã khác: {others}."
        if key == "province" and place is not None:
            unit = place.historic or place.current
            now = (f" Tỉnh, thành cũ: nay thuộc {_lower_first(place.current.full_name)}."
                   if place.historic is not None and place.historic.name != place.current.name else "")
            comment = (f"Tỉnh, thành phố theo tên gọi vào năm của hồ sơ (bắt buộc): {unit.full_name}.{now}")
        lines += _comment(comment)
        value = values.get(key)
        if value is None or value == [] or value == {}:
            if key in ("summary", "nominated_by"):
                lines.append(f'{key}: ""')
            elif key == "authors":
                lines += ["authors:", '  - name: ""']
            elif key == "recognition":
                lines += ["recognition:", '  title: ""']
            elif example:
                lines += _commented(example)
            else:  # a required field without a value: left empty, the validator points at it
                lines.append(f'{key}: ""')
            continue
        lines += field_lines(key, value)
    return "\n".join(lines) + "\n"


def field_lines(key: str, value: object) -> list[str]:
    """One filled field as the lines ``render`` writes for it (also used to rewrite a field in place:
    ``goldenbook import --update``, ``goldenbook import-scores``)."""
    if key == "summary" and isinstance(value, str) and len(value) > 80:
        return ["summary: >-", *_folded(value)]
    if key == "authors" and isinstance(value, list):
        lines = ["authors:"]
        for author in value:
            first, *rest = _mapping_lines(author, "")
            lines += [f"  - {first}", *(f"    {line}" for line in rest)]
        return lines
    if isinstance(value, dict):
        return [f"{key}:", *_mapping_lines(value)]
    return [f"{key}: {yaml_scalar(value)}"]


# ---------------------------------------------------------------- the command

REQUIRED = {
    "initiative": (("title", "--title"), ("province", "--province"), ("year", "--year"), ("field", "--field")),
    "collective": (("name", "--name"), ("province", "--province"), ("year", "--year"), ("type", "--type")),
}


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def run(args: argparse.Namespace, *, asker: Asker | None = None) -> int:
    root = (args.root or find_root()).resolve()
    kind = args.kind
    heading_key = "name" if kind == "collective" else "title"
    heading_option = getattr(args, heading_key)
    if kind == "collective" and (args.title or args.field or args.nominated_by):
        return _fail("Tập thể dùng --name, --type, --recognition (không dùng --title, --field, --nominated-by). "
                     "(collectives take --name, --type, --recognition)")
    if kind == "initiative" and (args.name or args.type or args.recognition):
        return _fail("Sáng kiến dùng --title, --field, --nominated-by (không dùng --name, --type, --recognition). "
                     "(initiatives take --title, --field, --nominated-by)")

    given = {"title": args.title, "name": args.name, "province": args.province, "year": args.year,
             "field": args.field, "type": args.type}
    missing = [option for key, option in REQUIRED[kind] if not given.get(key)]
    interactive = not args.no_input and (args.interactive or sys.stdin.isatty())
    if missing and not interactive:
        return _fail(f"Thiếu {', '.join(missing)}. Chạy lệnh trong cửa sổ lệnh để được hỏi từng mục, hoặc thêm các "
                     f"tùy chọn này. (missing options: {', '.join(missing)})")
    asker = asker or Asker()
    values: dict = {"kind": kind}
    # Asked for every missing option, the wizard also asks for the texts (which may be left for later).
    wizard = interactive and bool(missing or args.interactive)

    def take(key: str, option: str | None, prompt: str, check: Callable[[str], object], **how) -> object:
        """The checked value of an option, or of the answer to ``prompt``; raises Invalid for a bad option."""
        if option not in (None, ""):
            try:
                return check(option)
            except Invalid as error:
                if not interactive:
                    raise
                asker.out(f"  ✗ {error}")  # in a terminal, a bad option is asked again
        if not interactive:
            return None
        return asker.ask(prompt, check, **how)

    try:
        if wizard:
            asker.out(f"Tạo hồ sơ {KIND_LABELS[kind]} mới. Thiếu mục nào, lệnh hỏi mục đó; "
                      "câu trả lời được kiểm tra ngay. (Ctrl+C để thoát)")
        values[heading_key] = take(heading_key, heading_option,
                                   "Tên tập thể" if kind == "collective" else "Tên sáng kiến", check_title)
        if args.title_en:
            values["title_en"] = _text(args.title_en, "Tên tiếng Anh", 200)
        year = take("year", args.year, "Năm công nhận hoặc đề cử", check_year, default=str(date.today().year))
        offered: list[str] = []
        place_typed = [""]

        def province_answer(answer: str) -> Resolution:
            place = check_province(answer, year, offered)
            chosen = clean(answer)
            place_typed[0] = offered[int(chosen) - 1] if chosen.isdigit() and offered else chosen
            return place

        place: Resolution = take("province", args.province, f"Tỉnh, thành phố (tên gọi vào năm {year})",
                                 province_answer)  # type: ignore[assignment]
        unit = place.historic or place.current
        if interactive and not args.province:
            asker.out(f"  → {unit.full_name}" + (f" (nay thuộc {_lower_first(place.current.full_name)})"
                                                 if place.historic and place.historic.name != place.current.name
                                                 else ""))
        values["province"] = written_name(unit, place_typed[0])
        locality = args.locality if args.locality is not None else (
            take("locality", None, "Xã, phường, huyện (như tên gọi lúc đó)", lambda a: _text(a, "Địa phương"),
                 optional=True) if wizard else None)
        if locality:
            values["locality"] = _text(locality, "Địa phương")
        values["year"] = year
        if kind == "initiative":
            listing = "\n".join(f"  {i:2}. {code:<22} {label}" for i, (code, label) in enumerate(FIELDS.items(), 1))
            if interactive and not args.field:
                asker.out("Lĩnh vực:\n" + listing)
            values["field"] = take("field", args.field, "Lĩnh vực (số thứ tự hoặc mã)",
                                   lambda a: check_choice(a, FIELDS, "lĩnh vực"))
        else:
            listing = "\n".join(f"  {i}. {code:<12} {label}" for i, (code, label) in
                                enumerate(COLLECTIVE_TYPES.items(), 1))
            if interactive and not args.type:
                asker.out("Loại tập thể:\n" + listing)
            values["type"] = take("type", args.type, "Loại tập thể (số thứ tự hoặc mã)",
                                  lambda a: check_choice(a, COLLECTIVE_TYPES, "loại tập thể"))
        values["status"] = check_status(args.status) if args.status else "nominated"
        if values["status"] == "published" and kind == "initiative" or args.edition:
            values["edition"] = take("edition", args.edition, "Năm ấn phẩm Sách vàng (edition)",
                                     lambda a: check_edition(a, year))
            if values["edition"] is None:
                return _fail("Hồ sơ published phải có --edition (năm ấn phẩm Sách vàng). "
                             "(a published initiative needs --edition)")
        values["summary"] = take("summary", args.summary,
                                 f"Tóm tắt một đoạn, tối đa {SUMMARY_LIMIT} ký tự (Enter để điền sau trong tệp)",
                                 check_summary, optional=True) if (args.summary or wizard) else None
        if kind == "initiative":
            authors = [check_author(a) for a in args.author]
            if not authors and wizard:
                asker.out("Tác giả: «Họ tên; vai trò; đơn vị; tỷ lệ %» (chỉ họ tên là bắt buộc) hoặc «@mã-tập-thể» "
                          "cho tác giả là tập thể. Enter (để trống) khi đã đủ.")
                while True:
                    author = asker.ask(f"Tác giả thứ {len(authors) + 1}", check_author, optional=True)
                    if author is None:
                        break
                    authors.append(author)  # type: ignore[arg-type]
            values["authors"] = check_authors(authors)
            values["nominated_by"] = take("nominated_by", args.nominated_by,
                                          "Cơ quan, tổ chức đề cử (Enter để điền sau)",
                                          lambda a: _text(a, "Cơ quan đề cử"),
                                          optional=True) if (args.nominated_by or wizard) else None
        else:
            if args.author:
                return _fail("Tập thể không có --author. (collectives have no authors)")
            title = take("recognition", args.recognition, "Hình thức khen thưởng (Enter để điền sau)",
                         lambda a: _text(a, "Hình thức khen thưởng"),
                         optional=True) if (args.recognition or wizard) else None
            values["recognition"] = {"title": title} if title else None
    except Invalid as error:
        return _fail(f"✗ {error}")
    except (EOFError, KeyboardInterrupt):
        return _fail("\nĐã dừng, chưa tạo tệp nào. (stopped, nothing written)")

    heading = values[heading_key]
    base, allowed = expected_slugs(heading, values["province"], year, place)
    slug = args.slug.strip() if args.slug else base
    if slug not in allowed:
        return _fail(f"Tên tệp «{slug}» không khớp với tên hồ sơ; dùng một trong: "
                     f"{', '.join(sorted(allowed, key=len))}. (slug does not match the title)")
    folder = root / RECORDS_DIR / unit.slug
    target = folder / f"{slug}.yml"
    existing = sorted((root / RECORDS_DIR).rglob(f"{slug}.yml")) if (root / RECORDS_DIR).is_dir() else []
    if target.exists() or existing:
        where = (existing or [target])[0].relative_to(root).as_posix()
        suffix = f"{base}-{unit.slug}" if slug == base else f"{base}-{unit.slug}-{year}"
        return _fail(f"Đã có hồ sơ {where}: không ghi đè. Nếu là cùng một {KIND_LABELS[kind]}, hãy sửa tệp đó; nếu là "
                     f"hồ sơ khác cùng tên, chạy lại với --slug {suffix}. (file exists, not overwritten)")
    schema = os.path.relpath(root / SCHEMA_PATH, folder).replace(os.sep, "/")
    text = render(kind, values, schema_path=schema, place=place)
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    relative = target.relative_to(root).as_posix()
    print(f"Đã tạo {relative} (created)")

    result = scan(root)
    mine = [d for d in result.diagnostics if d.file == relative]
    if mine:
        print(f"Còn {len(mine)} mục phải điền hoặc sửa trước khi gửi (still to fill in):", file=sys.stderr)
        print(format_text(mine), file=sys.stderr)
    else:
        print("Hồ sơ hợp lệ. Bước tiếp: xem lại tệp, rồi gửi pull request. (the record is valid)", file=sys.stderr)
    return 0
