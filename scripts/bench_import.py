"""Benchmark of ``goldenbook import`` (issue 22). Not a test: it prints a table.

    .venv/bin/python scripts/bench_import.py --rows 5000 --runs 3

1. writes a nomination list of N rows (``.xlsx``, openpyxl) from N synthetic
   initiatives (``goldenbook.synthetic``: varied Vietnamese titles, every
   province, historic names up to 2025, several authors with roles and shares
   written in one cell, Vietnamese number separators, Excel dates), with a
   title row above the header;
2. times, as whole processes, alternating, ``--runs`` times each:
   ``goldenbook import LIST.xlsx`` into an empty repository (reads the list,
   checks every row with the validator, writes N record files), and as the
   baseline in the same run ``goldenbook validate`` of those N records
   (no cache: a cold validation is what the same records cost the project
   anyway); prints medians, the ratio import / validate, and each
   process's peak memory;
3. with ``--read-only-rows M`` (e.g. 50000), also the peak memory of reading
   a list of M rows (``goldenbook.sheets.workbook.read_sheet``, the reader of
   ``goldenbook import``): it grows with the rows' values, not with openpyxl's
   cell objects (read-only mode).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from goldenbook.synthetic import make_records
from goldenbook.text import slugify

HEADER = ["STT", "Tên sáng kiến", "Tỉnh/thành", "Lĩnh vực", "Tác giả", "Năm", "Tóm tắt", "Cơ quan đề cử",
          "Áp dụng từ", "Số người hưởng lợi", "Giá trị làm lợi"]


def _authors(authors: list[dict]) -> str:
    parts = []
    for author in authors:
        if "name" not in author:
            continue
        details = [d for d in (author.get("role"), f"{author['share']}%" if "share" in author else None) if d]
        parts.append(author["name"] + (f" ({', '.join(details)})" if details else ""))
    return "; ".join(parts) or "Nguyễn Văn A"


def write_list(path: Path, rows: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH ĐỀ CỬ (số liệu tổng hợp để đo)"])
    sheet.append(HEADER)
    from goldenbook.vocabulary import FIELDS

    written = 0
    titles: set[str] = set()
    for record in make_records(rows * 3):
        data = record.fields
        if data.get("kind") != "initiative" or written >= rows or slugify(data["title"]) in titles:
            continue  # one row per title: a list repeating a title is reported, as it should be
        titles.add(slugify(data["title"]))
        written += 1
        impact = data.get("impact") or {}
        since = data.get("applied_since")
        sheet.append([written, data["title"], data["province"], FIELDS[data["field"]], _authors(data["authors"]),
                      data["year"], data["summary"], data["nominated_by"],
                      datetime(since, 3, 15) if isinstance(since, int) else None,
                      f"{impact['beneficiaries']:,}".replace(",", ".") if impact.get("beneficiaries") else None,
                      impact.get("value_vnd")])
    if written < rows:
        raise SystemExit(f"only {written} initiatives generated")
    book.save(path)


#: command name → peak memory (MB) of each run
PEAKS: dict[str, list[float]] = {}


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the process and its children), exit status.

    Both are given: on a machine shared with other work the wall time says how loaded it was, the CPU
    time what the command itself cost."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    timer = Path("/usr/bin/time")
    # /usr/bin/time starts the command from its own small process: a child of this (large) process would
    # report this process's memory as its own peak (Linux keeps ru_maxrss across exec)
    prefix = [str(timer), "-f", "peak-kb %M"] if timer and timer.exists() else []
    done = subprocess.run([*prefix, *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    peaks = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak-kb ")]
    PEAKS.setdefault(command[3], []).append(peaks[-1] / 1024 if peaks else float("nan"))
    return elapsed, cpu, done.returncode


def fresh_repo(base: Path, name: str) -> Path:
    repo = base / name
    if repo.exists():
        shutil.rmtree(repo)
    (repo / "initiatives").mkdir(parents=True)
    return repo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--read-only-rows", type=int, default=0)
    args = parser.parse_args(argv)
    gb = [sys.executable, "-m", "goldenbook.cli"]
    env_cache = tempfile.mkdtemp(prefix="bench-import-cache-")
    os.environ["XDG_CACHE_HOME"] = env_cache  # the validator's cache: kept out of the way, emptied per run
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        base = Path(folder)
        listed = base / "danh-sach.xlsx"
        started = time.perf_counter()
        write_list(listed, args.rows)
        print(f"list: {args.rows:,} rows, {listed.stat().st_size / 1e6:.1f} MB, made in "
              f"{time.perf_counter() - started:.1f} s")
        imports, validations, import_cpu, validate_cpu = [], [], [], []
        for number in range(args.runs):
            repo = fresh_repo(base, "repo")
            seconds, cpu, status = run([*gb, "import", str(listed), "--root", str(repo)], repo)
            written = sum(1 for _ in (repo / "initiatives").rglob("*.yml"))
            if status != 0 or written != args.rows:
                print(f"import failed: status {status}, {written} files", file=sys.stderr)
                return 1
            imports.append(seconds)
            import_cpu.append(cpu)
            shutil.rmtree(env_cache, ignore_errors=True)
            seconds, cpu, status = run([*gb, "validate", "--root", str(repo)], repo)
            validations.append(seconds)
            validate_cpu.append(cpu)
        imported, validated = statistics.median(imports), statistics.median(validations)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"goldenbook import   : median {imported:.2f} s wall, {statistics.median(import_cpu):.2f} s CPU "
              f"(runs: {', '.join(f'{s:.2f}' for s in imports)})")
        print(f"goldenbook validate : median {validated:.2f} s wall, {statistics.median(validate_cpu):.2f} s CPU "
              f"(runs: {', '.join(f'{s:.2f}' for s in validations)})  [baseline: the same {args.rows:,} records, "
              f"no cache]")
        print(f"ratio import / validate: {imported / validated:.2f} wall, "
              f"{statistics.median(import_cpu) / statistics.median(validate_cpu):.2f} CPU")
        for name, peaks in PEAKS.items():
            print(f"peak memory of goldenbook {name}: {max(peaks):.0f} MB")
        if args.read_only_rows:
            big = base / "lon.xlsx"
            write_list(big, args.read_only_rows)
            repo = fresh_repo(base, "big")
            code = ("import re, sys; from pathlib import Path; from goldenbook.sheets.workbook import read_sheet; "
                    "sheet = read_sheet(Path(sys.argv[1])); status = Path('/proc/self/status').read_text(); "
                    "print(len(sheet.rows), int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024)")
            done = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, check=True)
            rows, peak = done.stdout.split()
            print(f"reading {int(rows):,} rows ({big.stat().st_size / 1e6:.1f} MB): peak {peak} MB for the process")
    shutil.rmtree(env_cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
