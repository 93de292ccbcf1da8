"""``goldenbook import-scores council.xlsx``: the council's scores and conclusions back into the records.

Each record's ``council`` section (and ``status``, when a conclusion is
chosen) is rewritten in place, the rest of the file kept. A record changed
since the sheet was exported is reported as a conflict and left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sheets.council import plan_scores, write_scores
from ..sheets.problems import format_problems
from .common import add_root_option, find_root, missing_input


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import-scores", help="nhập điểm và kết luận từ bảng chấm điểm (import council scores)",
        description="Đọc bảng chấm điểm (xuất bằng «goldenbook export») và ghi điểm, kết luận, số quyết định, "
                    "ghi chú vào mục council của từng hồ sơ. Hồ sơ đã thay đổi sau khi xuất bảng được báo là "
                    "xung đột, không bị ghi đè.")
    parser.add_argument("sheet", type=Path, metavar="TỆP.xlsx", help="bảng chấm điểm đã điền")
    parser.add_argument("--dry-run", action="store_true", help="không ghi gì; chỉ liệt kê")
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    if missing_input(args.sheet):
        return 2
    plan = plan_scores(args.sheet, root)
    if plan.problems:
        print(format_problems(plan.problems), file=sys.stderr)
    written = [] if args.dry_run else write_scores(root, plan)
    verb = "sẽ ghi" if args.dry_run else "đã ghi"
    for update in plan.updates:
        print(f"{verb} {update.relative} (hàng {update.row})")
    print(f"{len(plan.updates)} hồ sơ {verb}, {len(plan.unchanged)} không đổi, {len(plan.problems)} lỗi. "
          f"({len(written)} written, {len(plan.unchanged)} unchanged, {len(plan.problems)} problems)",
          file=sys.stderr)
    return 1 if plan.problems else 0
