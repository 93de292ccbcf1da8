"""``goldenbook validate [PATH…]``: every problem in every record, in one run."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from ..cachedir import CacheInsideRepository, cache_root
from ..checkout import tracked_problems
from ..diagnostics import format_github, format_json, format_text
from ..records import scan
from .common import add_root_option, find_root

FORMATS = {"text": format_text, "github": format_github, "json": format_json}


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "validate", help="kiểm tra hồ sơ (validate records)",
        description="Kiểm tra mọi hồ sơ trong initiatives/ (hoặc các tệp được chỉ ra) và báo mọi lỗi một lần.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="tệp hoặc thư mục cần báo lỗi (mặc định: tất cả)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text (mặc định), github (chú thích trên pull request) hoặc json")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="đọc lại mọi tệp, không dùng và không ghi bộ nhớ đệm (ở ngoài kho: thư mục bộ nhớ "
                             "đệm của người dùng hoặc GOLDENBOOK_CACHE_DIR) "
                             "(read every file again; neither use nor write the cache, kept outside the repository)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="số tiến trình đọc tệp song song (mặc định: số nhân CPU; 1: không song song) "
                             "(worker processes for files not in the cache)")
    parser.add_argument("--allow-empty", action="store_true", default=None,
                        help="không báo lỗi khi initiatives/ chưa có hồ sơ nào (bản cài mới; như GOLDENBOOK_ALLOW_EMPTY=1) "
                             "(a records folder without records is not an error)")
    add_root_option(parser)
    parser.set_defaults(run=run)


def _selected(file: str, root: Path, paths: list[Path]) -> bool:
    target = (root / file).resolve()
    return any(target == p or p in target.parents for p in paths)


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    paths = [p.absolute() for p in args.paths]  # a named link is not followed
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"Không tìm thấy: {path} (file not found)", file=sys.stderr)
    extra = [p for p in paths if p.is_file()]
    try:
        cache_root(root)
    except CacheInsideRepository as problem:
        print(problem, file=sys.stderr)
        return 2
    # Files no change to the records ever commits (caches, bytecode, built sites, links): always reported.
    refused = tracked_problems(root)
    # Only reports: the records read need not stay in memory (a tenth less work, half the memory).
    result = scan(root, extra=extra, cache=args.cache, jobs=args.jobs, hold=False, allow_empty=args.allow_empty)
    # The process ends soon: what the scan made needs no cycle collection
    # (at exit it would walk every object once more, for nothing).
    gc.freeze()
    shown = refused + [d for d in result.diagnostics if not paths or _selected(d.file, root, paths)]
    output = FORMATS[args.format](shown)
    if output:
        print(output)
    errors = [d for d in shown if d.severity == "error"]
    if args.format != "json":
        counts = result.counts
        print(f"{counts['found']} tệp, {counts['valid']} hồ sơ hợp lệ, {counts['invalid']} hồ sơ có lỗi, "
              f"{counts['not_records']} tệp không phải hồ sơ; {len(errors)} lỗi. "
              f"({counts['found']} files, {counts['valid']} valid, {counts['invalid']} invalid, "
              f"{counts['not_records']} not records; {len(errors)} errors)", file=sys.stderr)
    return 1 if errors or missing else 0
