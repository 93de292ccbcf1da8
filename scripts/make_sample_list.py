"""Write the sample nomination list editors download from the guide: content/huong-dan/mau-danh-sach-de-cu.xlsx.

No official spreadsheet form for nominations to Sách vàng Sáng tạo Việt Nam is
published (the rules, QĐ 861/QĐ-MTTW-BTT, ask for a dossier per work), so the
columns are ours: the headers ``goldenbook import`` knows, in the order an
office fills them. The rows are made-up examples (marked «minh họa»). The file
is the same bytes on every run (``goldenbook.sheets.writing``), so it is
regenerated, never edited by hand:

    .venv/bin/python scripts/make_sample_list.py [OUTPUT]   (default: the file in content/)
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from goldenbook.sheets.writing import workbook_bytes
from goldenbook.vocabulary import FIELDS, SCOPES

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "content" / "huong-dan" / "mau-danh-sach-de-cu.xlsx"
#: The date the file says it was made (kept fixed: the file is the same on every run).
MADE = date(2026, 12, 1)

#: (header, width, note shown on the guidance sheet)
COLUMNS = [
    ("STT", 6, "Số thứ tự (không nhập)."),
    ("Tên sáng kiến", 40, "Bắt buộc. Tên tiếng Việt, tối đa 200 ký tự."),
    ("Tỉnh/thành", 16, "Bắt buộc. Tên tỉnh, thành vào năm đề cử; đến năm 2025 ghi được tên tỉnh cũ, "
                       "viết tắt như TP.HCM cũng được."),
    ("Lĩnh vực", 28, "Bắt buộc. Chọn trong danh sách (hoặc ghi một phần tên lĩnh vực, ví dụ «Y tế»)."),
    ("Tác giả", 40, "Bắt buộc. Nhiều tác giả ngăn cách bằng dấu chấm phẩy hoặc xuống dòng trong ô; vai trò và "
                    "tỷ lệ trong ngoặc: «Nguyễn Văn A (chủ nhiệm, 60%); Trần Thị B (40%)»."),
    ("Đơn vị", 24, "Đơn vị công tác của tác giả (ghi cho những tác giả không ghi đơn vị trong ngoặc)."),
    ("Năm", 8, "Bắt buộc. Năm đề cử, bốn chữ số."),
    ("Tóm tắt", 50, "Bắt buộc. Một đoạn văn, tối đa 600 ký tự."),
    ("Cơ quan đề cử", 30, "Bắt buộc (hoặc ghi chung cho cả danh sách khi nhập: --nominated-by)."),
    ("Giải thưởng", 30, "Cuộc thi, giải thưởng đã đạt (nếu có)."),
    ("Hạng giải", 12, "Ví dụ «Giải Nhất»."),
    ("Phạm vi áp dụng", 16, "Cấp xã, cấp huyện, cấp tỉnh, cấp vùng hoặc toàn quốc."),
    ("Áp dụng từ", 12, "Năm, hoặc ngày (ô kiểu Ngày hay viết 15/03/2024)."),
    ("Số người hưởng lợi", 14, "Số nguyên, ví dụ 1.400."),
    ("Giá trị làm lợi (đồng)", 18, "Số đồng, ví dụ 350.000.000 hoặc «2,8 tỷ»."),
]

ROWS = [
    [1, "Máy sấy nông sản dùng năng lượng mặt trời (minh họa)", "Quảng Nam", FIELDS["nang-luong"],
     "Nguyễn Văn An (chủ nhiệm, 70%); Trần Thị Bình (30%)", "Hợp tác xã Nông nghiệp Điện Phước", 2025,
     "Máy sấy dùng năng lượng mặt trời, chế tạo từ vật liệu sẵn có, giúp nông dân giảm chi phí sấy và giữ "
     "chất lượng nông sản.", "Hội Nông dân tỉnh Quảng Nam", "Hội thi Sáng tạo kỹ thuật tỉnh Quảng Nam",
     "Giải Nhì", "Cấp tỉnh", datetime(2024, 3, 15), 1400, 350_000_000],
    [2, "Bản đồ số điểm sạt lở cho thôn bản (minh họa)", "Lào Cai", FIELDS["cong-nghe-thong-tin"],
     "Lò Văn Chung (chủ nhiệm)\nGiàng Thị Dung", "Đoàn Thanh niên xã", 2026,
     "Bản đồ số đánh dấu điểm có nguy cơ sạt lở và nơi sơ tán, cập nhật từ điện thoại của tổ an toàn thôn.",
     "Ủy ban MTTQ Việt Nam tỉnh Lào Cai", None, None, "Cấp xã", 2025, "2.300", None],
    [3, "Bếp đun tiết kiệm củi cho hộ nghèo (minh họa)", "TP.HCM", FIELDS["moi-truong"],
     "Phạm Thị Hoa (60%); Lê Minh Khang (40%)", "Trường THCS Bình Trị Đông", 2026,
     "Bếp đun cải tiến giảm một nửa lượng củi, ít khói, làm từ gạch và vỏ thùng phuy cũ.",
     "Ủy ban MTTQ Việt Nam Thành phố Hồ Chí Minh", None, None, "Cấp huyện", "01/09/2025", None, "2,8 tỷ"],
]


def build() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách đề cử"
    sheet.append(["DANH SÁCH ĐỀ CỬ SÁNG KIẾN — SÁCH VÀNG SÁNG TẠO VIỆT NAM (mẫu)"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([header for header, _, _ in COLUMNS])
    for row in ROWS:
        sheet.append(row)
    head = PatternFill("solid", fgColor="FFF2CC")
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.fill = head
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(row=3, column=13).number_format = "DD/MM/YYYY"  # the one date; the others are a year and text
    for row in range(3, 3 + len(ROWS)):
        sheet.cell(row=row, column=14).number_format = "#,##0"
        sheet.cell(row=row, column=15).number_format = "#,##0"
    sheet.freeze_panes = "C3"

    lists = book.create_sheet("Danh mục")
    lists.append(["Lĩnh vực", "Phạm vi áp dụng"])
    for index, label in enumerate(FIELDS.values(), start=2):
        lists.cell(row=index, column=1, value=label)
    for index, label in enumerate(SCOPES.values(), start=2):
        lists.cell(row=index, column=2, value=label)
    lists.sheet_state = "hidden"
    fields = DataValidation(type="list", formula1=f"'Danh mục'!$A$2:$A${len(FIELDS) + 1}", allow_blank=True)
    scopes = DataValidation(type="list", formula1=f"'Danh mục'!$B$2:$B${len(SCOPES) + 1}", allow_blank=True)
    years = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True,
                           showErrorMessage=True, error="Năm là bốn chữ số, ví dụ 2026.")
    fields.add("D3:D1000")
    scopes.add("L3:L1000")
    years.add("G3:G1000")
    for rule in (fields, scopes, years):
        sheet.add_data_validation(rule)

    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Cách ghi"])
    for header, _, note in COLUMNS:
        guide.append([header, note])
    guide.append([])
    guide.append(["Nhập", "goldenbook import mau-danh-sach-de-cu.xlsx --dry-run   (xem trước, chưa ghi)"])
    guide.append(["", "goldenbook import mau-danh-sach-de-cu.xlsx   (ghi mỗi hàng thành một tệp hồ sơ)"])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 110
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    book.properties.creator = "goldenbook"
    book.properties.title = "Mẫu danh sách đề cử — Sách vàng Sáng tạo Việt Nam"
    return book


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else TARGET
    target.write_bytes(workbook_bytes(build(), MADE))
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
