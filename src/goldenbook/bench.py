"""``make bench N=…``: our build against plain MkDocs + Material, side by side.

A benchmark, not a test. It generates N deterministic synthetic records
(``goldenbook.synthetic``), writes the *same* content as N plain Markdown pages
for the baseline (Material + its search plugin, records not in the navigation,
as a careful MkDocs site would do), then builds baseline and ours in
alternation and prints medians and the ratio ours / baseline measured in the
same run (these machines are noisy: ratios, not absolute times, are the result).

Also measured: peak memory of our build, a second build with a warm cache, a
rebuild after one record changes, and validation alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .repository import scan
from .synthetic import write_records
from .yamlsource import decode, load_document

ROOT = Path(__file__).resolve().parents[2]
SITE_FILES = ("mkdocs.yml", "content", "overrides", "hooks", "images")

BASELINE_CONFIG = """\
site_name: Baseline
docs_dir: docs
theme:
  name: material
  language: vi
plugins:
  - search
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


def _baseline_page(data: dict) -> str:
    """The record's text as a hand-written Markdown page would hold it."""
    title = data.get("title") or data.get("name")
    lines = [f"# {title}", "", data.get("summary", ""), ""]
    for key in ("province", "locality", "year", "field", "type", "nominated_by", "edition"):
        if data.get(key) is not None:
            lines.append(f"- **{key}**: {data[key]}")
    lines.append("")
    for author in data.get("authors", []):
        lines.append(f"- {author.get('name') or author.get('collective')}")
    lines += ["", data.get("body") or data.get("achievements") or "", ""]
    for source in data.get("sources", []):
        lines.append(f"- [{source['title']}]({source['url']})")
    return "\n".join(lines) + "\n"


def prepare(workdir: Path, n: int) -> tuple[Path, Path, int]:
    """Our repository and the baseline site for ``n`` records; returns (ours, baseline, pages)."""
    ours = workdir / "ours"
    ours.mkdir(parents=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, ours / name)
        elif source.exists():
            shutil.copy2(source, ours / name)
    write_records(ours, n)
    result = scan(ours)
    shown = {entry.source for entry in result.entries if entry.public}
    baseline = workdir / "baseline"
    (baseline / "docs").mkdir(parents=True)
    (baseline / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (baseline / "docs" / "index.md").write_text("# Baseline\n", encoding="utf-8")
    for source in sorted(shown):
        data = load_document(decode((ours / source).read_bytes())).data
        target = baseline / "docs" / Path(source).relative_to("initiatives").with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_baseline_page(data), encoding="utf-8")
    return ours, baseline, len(shown)


#: Runs a command and prints its peak resident memory (KiB) last on stderr: one
#: fresh parent per command, so each figure is that command's own.
_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one command."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m goldenbook.bench", description=__doc__)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0"}
    env.pop("GOLDENBOOK_PREVIEW", None)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="goldenbook-bench-"))
    ours, baseline, pages = prepare(workdir, args.records)
    print(f"{args.records} records, {pages} published → {pages} baseline pages ({workdir})", file=sys.stderr)

    ours_times, base_times, ratios = [], [], []
    for _ in range(args.runs):  # alternate, cold each time
        shutil.rmtree(ours / ".cache", ignore_errors=True)
        ours_time, _ = _run(mkdocs + ["--site-dir", str(workdir / "site-ours")], ours, env)
        base_time, _ = _run(mkdocs + ["--site-dir", str(workdir / "site-base")], baseline, env)
        ours_times.append(ours_time)
        base_times.append(base_time)
        ratios.append(ours_time / base_time)
    shutil.rmtree(ours / ".cache", ignore_errors=True)
    cold, peak = _run(mkdocs + ["--site-dir", str(workdir / "site-ours")], ours, env)
    warm, _ = _run(mkdocs + ["--site-dir", str(workdir / "site-ours")], ours, env)
    record = next((ours / "initiatives").rglob("*.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace("summary: ", "summary: (sửa) ", 1),
                      encoding="utf-8")
    changed, _ = _run(mkdocs + ["--site-dir", str(workdir / "site-ours")], ours, env)
    validate, _ = _run([sys.executable, "-m", "goldenbook.cli", "validate"], ours, env)

    print("| N | ours (s) | baseline (s) | ratio | peak memory | warm rebuild (s) | warm / cold | "
          "one record changed (s) | validation (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.records:,} | {statistics.median(ours_times):.1f} | {statistics.median(base_times):.1f} | "
          f"{statistics.median(ratios):.2f} | {peak / 1024:.0f} MiB | {warm:.1f} | {warm / cold:.2f} | "
          f"{changed:.1f} | {validate:.1f} |")
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
