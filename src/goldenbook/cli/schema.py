"""``goldenbook schema [--check]``: the JSON Schema editors' tools read."""

from __future__ import annotations

import argparse
import sys

from ..schema import SCHEMA_PATH, render_schema
from .common import add_root_option, find_root


def add_parser(commands) -> None:
    parser = commands.add_parser("schema", help="tạo JSON Schema của hồ sơ (write the record JSON Schema)")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra tệp đã cập nhật chưa")
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target = (args.root or find_root()) / SCHEMA_PATH
    text = render_schema()
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"{SCHEMA_PATH} đã cũ: chạy «goldenbook schema» (schema is out of date)", file=sys.stderr)
            return 1
        print(f"{SCHEMA_PATH} đã cập nhật, khớp với mẫu hồ sơ. (schema is up to date)")
        return 0
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"Đã ghi {SCHEMA_PATH}")
    else:
        print(f"{SCHEMA_PATH} đã cập nhật, không cần ghi lại. (schema is up to date)")
    return 0
