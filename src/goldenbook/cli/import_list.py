"""``goldenbook import LIST.xlsx|LIST.csv``: a nomination list becomes one record per row.

Every problem of the list is reported at once, located by sheet, row and
column; nothing is written while any remains (``--dry-run`` never writes, and
shows what would be written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sheets.headers import ColumnMap, MapFileProblem, read_map_file
from ..sheets.nominations import plan_import, write_import
from ..sheets.problems import format_problems
from .common import add_root_option, find_root, missing_input


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help="nhập danh sách đề cử Excel/CSV thành hồ sơ (import a nomination list)",
        description="Đọc danh sách đề cử (.xlsx hoặc .csv), mỗi hàng một sáng kiến, và ghi mỗi hàng thành một tệp "
                    "hồ sơ trong initiatives/. Mọi lỗi được báo cùng lúc theo trang tính, hàng, cột; còn lỗi thì "
                    "chưa ghi tệp nào.")
    parser.add_argument("list", type=Path, metavar="DANH_SACH", help="tệp .xlsx hoặc .csv")
    parser.add_argument("--sheet", help="tên trang tính (mặc định: trang tính hiện đầu tiên)")
    parser.add_argument("--map", type=Path, metavar="TỆP",
                        help="tệp ánh xạ cột: mỗi dòng «Tên cột: trường» (title, province, authors …) hoặc "
                             "«Tên cột: -» để bỏ qua")
    parser.add_argument("--nominated-by", metavar="CƠ_QUAN",
                        help="cơ quan đề cử chung cho các hàng không có cột «Cơ quan đề cử»")
    parser.add_argument("--dry-run", action="store_true", help="không ghi gì; in ra những tệp sẽ được ghi")
    parser.add_argument("--update", action="store_true",
                        help="hàng trùng với hồ sơ đã có: cập nhật các trường có trong danh sách (giữ phần còn lại)")
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    if missing_input(args.list):
        return 2
    try:
        columns = read_map_file(args.map) if args.map else ColumnMap()
    except MapFileProblem as problem:
        print(f"✗ {problem}", file=sys.stderr)
        return 2
    plan = plan_import(args.list, root, sheet=args.sheet, columns=columns, nominated_by=args.nominated_by,
                       update=args.update)
    if plan.problems:
        print(format_problems(plan.problems), file=sys.stderr)
    errors = plan.errors
    if errors:
        print(f"{len(errors)} lỗi trong {plan.rows} hàng: chưa ghi hồ sơ nào. Sửa danh sách rồi chạy lại. "
              f"({len(errors)} problems in {plan.rows} rows: nothing written)", file=sys.stderr)
        return 1
    if args.dry_run:
        for item in plan.planned:
            verb = "sẽ cập nhật" if item.update else "sẽ tạo"
            print(f"# {verb} {item.relative} (hàng {item.row}); các dòng chú thích không in ra")
            print("\n".join(line for line in item.text.splitlines() if not line.startswith("#")))
        print(f"{len(plan.planned)} hồ sơ sẽ được ghi; chưa ghi gì (--dry-run). "
              f"({len(plan.planned)} records would be written)", file=sys.stderr)
        return 0
    written = write_import(root, plan)
    for item in plan.planned:
        print(f"{'Đã cập nhật' if item.update else 'Đã tạo'} {item.relative} (hàng {item.row})")
    print(f"{len(written)} hồ sơ đã ghi từ {plan.rows} hàng. Bước tiếp: «goldenbook validate», xem lại, rồi gửi "
          f"pull request. ({len(written)} records written)", file=sys.stderr)
    return 0
