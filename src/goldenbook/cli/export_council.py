"""``goldenbook export council.xlsx``: the records awaiting the council, as the sheet it scores in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..builddate import build_date
from ..records import scan
from ..sheets.council import council_rows, council_workbook
from .common import add_root_option, find_root


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "export", help="xuất bảng chấm điểm của hội đồng (.xlsx) (export the council sheet)",
        description="Ghi bảng tính các hồ sơ đang chờ hội đồng (đề cử, đang thẩm định): tên, tỉnh, lĩnh vực, "
                    "tác giả, mức đầy đủ của hồ sơ, từng tiêu chí, và các cột để chấm: điểm, kết luận, số quyết "
                    "định, ghi chú. Chấm xong, nhập lại bằng «goldenbook import-scores».")
    parser.add_argument("output", type=Path, metavar="TỆP.xlsx", help="tệp sẽ ghi, ví dụ hoi-dong.xlsx")
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    if args.output.suffix.lower() != ".xlsx":
        print("Tên tệp phải có đuôi .xlsx. (the output must be .xlsx)", file=sys.stderr)
        return 2
    result = scan(root)
    data = council_workbook(result.entries, build_date(root))
    try:
        args.output.write_bytes(data)
    except OSError as error:
        print(f"Không ghi được {args.output}: {error.strerror}. (cannot write the file)", file=sys.stderr)
        return 2
    count = len(council_rows(result.entries))
    print(f"Đã ghi {args.output} ({count} hồ sơ đang chờ hội đồng). ({count} records exported)", file=sys.stderr)
    if result.diagnostics:
        print(f"Lưu ý: {len(result.invalid)} tệp hồ sơ còn lỗi không có trong bảng; chạy «goldenbook validate». "
              f"(invalid records are left out)", file=sys.stderr)
    return 0
