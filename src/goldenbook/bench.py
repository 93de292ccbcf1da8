"""``make bench N=…``: our build against plain MkDocs + Material, side by side.

A benchmark, not a test. It generates N deterministic synthetic records
(``goldenbook.synthetic``), writes the *same* content as N plain Markdown pages
for the baseline (Material + its search plugin, records not in the navigation,
as a careful MkDocs site would do), then builds baseline and ours in
alternation and prints medians and the ratio ours / baseline measured in the
same run (these machines are noisy: ratios, not absolute times, are the result).

Also measured: peak memory of our build, a second build with a warm cache, a
build after one record changes (warm cache), the time from saving a record to
the changed page on disk in ``mkdocs serve``'s folder and to the server
answering with it, and validation alone, cold (no cache) and warm.

A cold build starts from no site and no cache. The previous run's folders are
moved aside, not deleted, until every build has been timed: on a file system
without a journal (these machines' ext4), Linux does not reuse an inode freed
in the last minutes, and each new file then costs a walk past all of them
(``recently_deleted`` in ``ext4_new_inode``). Deleting tens of thousands of
files just before a build made it spend seconds in the kernel, the more so
the more files it writes: a cost of the bench's clean-up, not of either build.

Our code is byte-compiled before anything is timed, as pip compiles the
baseline's libraries when it installs them: an editable install does not, and
where ``PYTHONDONTWRITEBYTECODE`` is set (these machines) every command would
compile our modules again (a tenth of a second) without it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .cachedir import CACHE_ENV, cache_root
from .records import scan
from .records.paths import CACHE_DIR
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


def _copy_site_files(ours: Path) -> None:
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.rmtree(ours / name, ignore_errors=True)
            shutil.copytree(source, ours / name)
        elif source.exists():
            shutil.copy2(source, ours / name)


def prepare(workdir: Path, n: int) -> tuple[Path, Path, int]:
    """Our repository and the baseline site for ``n`` records; returns (ours, baseline, pages)."""
    ours = workdir / "ours"
    ours.mkdir(parents=True)
    _copy_site_files(ours)
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


class _Aside:
    """A folder where trees are moved instead of deleted while builds are timed (see the module's doc)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def move(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(exist_ok=True)
            path.rename(self.folder / f"{len(list(self.folder.iterdir()))}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one command."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return None


def _serve_edits(ours: Path, env: dict[str, str], record: Path, page: str, runs: int
                 ) -> list[tuple[float, float]]:
    """From saving a record, ``runs`` times: seconds until the changed page is on disk in the folder
    ``mkdocs serve`` builds into, and until the server answers with it (MkDocs' livereload server
    holds every request until its rebuild has ended)."""
    port = free_port()
    log = tempfile.TemporaryFile()
    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-"))  # mkdocs serve builds into a folder made here
    # (not --no-livereload: it also turns off watching the files)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=ours, env={**env, "TMPDIR": str(scratch)}, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.monotonic() + 1800
        while fetch(url) is None:  # the first build
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"mkdocs serve did not start:\n{log.read().decode()[-3000:]}")
            time.sleep(0.2)
        files = list(scratch.glob(f"mkdocs_*/{page}index.html"))
        time.sleep(1.0)  # let the watcher settle
        times = []
        for run in range(runs):
            marker = f"sửa-lần-{run}-{time.monotonic_ns()}"
            seen: dict[str, float] = {}
            polling = threading.Thread(target=_poll_disk, args=(files, marker, seen), daemon=True)
            mark_record(record, marker)
            saved = seen["saved"] = time.perf_counter()
            polling.start()
            while True:
                body = fetch(url)
                if body is not None and marker in body:
                    break
                if time.perf_counter() - saved > 600:
                    raise SystemExit("mkdocs serve did not show the edit within 10 minutes")
                time.sleep(0.01)
            served = time.perf_counter() - saved
            polling.join(timeout=5)
            times.append((seen.get("disk", float("nan")), served))
            time.sleep(2.0)  # the rest of the rebuild (other pages) before the next edit
        return times
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


def _poll_disk(files: list[Path], marker: str, seen: dict[str, float]) -> None:
    """Note when one of ``files`` first holds ``marker`` (for at most ten minutes)."""
    while files and time.perf_counter() - seen["saved"] < 600:
        for file in files:
            try:
                if marker in file.read_text(encoding="utf-8"):
                    seen["disk"] = time.perf_counter() - seen["saved"]
                    return
            except (OSError, UnicodeDecodeError):
                pass
        time.sleep(0.005)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m goldenbook.bench", description=__doc__)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--no-baseline", action="store_true", help="measure our build only (e.g. 100,000 records)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` edit loop")
    args = parser.parse_args(argv)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0"}
    env.pop("GOLDENBOOK_PREVIEW", None)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="goldenbook-bench-"))
    env[CACHE_ENV] = os.environ[CACHE_ENV] = str((workdir / "cache").absolute())  # deleted with the rest
    if (workdir / "ours").is_dir():  # records made by an earlier run (--keep): this checkout's site files
        ours, baseline = workdir / "ours", workdir / "baseline"
        pages = sum(1 for _ in (baseline / "docs").rglob("*.md")) - 1
        _copy_site_files(ours)
    else:
        ours, baseline, pages = prepare(workdir, args.records)
    for folder in (Path(__file__).resolve().parent, ours / "hooks"):
        compileall.compile_dir(folder, quiet=1)
    print(f"{args.records} records, {pages} published → {pages} baseline pages ({workdir})", file=sys.stderr)
    site, cache = workdir / "site-ours", cache_root(ours)
    aside = _Aside(workdir / ".aside")

    ours_times, base_times, ratios, peaks = [], [], [], []
    for _ in range(args.runs):  # alternate, cold each time
        aside.move(cache)
        aside.move(site)
        ours_time, peak = _run(mkdocs + ["--site-dir", str(site)], ours, env)
        ours_times.append(ours_time)
        peaks.append(peak)
        if not args.no_baseline:
            aside.move(workdir / "site-base")
            base_time, _ = _run(mkdocs + ["--site-dir", str(workdir / "site-base")], baseline, env)
            base_times.append(base_time)
            ratios.append(ours_time / base_time)
    cold = statistics.median(ours_times)
    warm = statistics.median(_run(mkdocs + ["--site-dir", str(site)], ours, env)[0] for _ in range(args.runs))
    record = published_record(ours)
    changed_times = []
    for run in range(args.runs):
        mark_record(record, f"sửa {run}")
        changed_times.append(_run(mkdocs + ["--site-dir", str(site)], ours, env)[0])
    changed = statistics.median(changed_times)
    validate = [sys.executable, "-m", "goldenbook.cli", "validate"]
    validation_cold = []
    for _ in range(args.runs):
        aside.move(cache / CACHE_DIR)
        validation_cold.append(_run(validate, ours, env)[0])
    validation_warm = statistics.median(_run(validate, ours, env)[0] for _ in range(args.runs))
    disk = served = None
    if not args.no_serve:
        page = f"sang-kien/{record.stem}/"  # an initiative's address: its file name
        edits = _serve_edits(ours, env, record, page, max(3, args.runs))
        disk = statistics.median(on_disk for on_disk, _ in edits)
        served = statistics.median(answered for _, answered in edits)

    print("| N | ours (s) | baseline (s) | ratio | peak memory | warm rebuild (s) | warm / cold | "
          "one record changed (s) | changed / cold | serve: edit → page on disk / served (s) | "
          "validation cold / warm (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    base = f"{statistics.median(base_times):.1f}" if base_times else "—"
    ratio = f"{statistics.median(ratios):.2f}" if ratios else "—"
    print(f"| {args.records:,} | {cold:.1f} | {base} | {ratio} | {max(peaks) / 1024:.0f} MiB | {warm:.1f} | "
          f"{warm / cold:.2f} | {changed:.1f} | {changed / cold:.2f} | "
          f"{'—' if disk is None else f'{disk:.2f} / {served:.2f}'} | "
          f"{statistics.median(validation_cold):.2f} / {validation_warm:.2f} |")
    aside.empty()
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def published_record(ours: Path) -> Path:
    """A published initiative whose summary is one double-quoted line (synthetic records are)."""
    for path in sorted((ours / "initiatives").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r'^kind: "?collective', text, re.M) and re.search(r'^status: "?published', text, re.M) \
                and re.search(r'^summary: "', text, re.M):
            return path
    raise SystemExit("no published initiative with a one-line summary")


def mark_record(record: Path, marker: str) -> None:
    """Put ``marker`` at the start of the record's summary (replacing an earlier mark)."""
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r'^summary: "(\[[^\]]*\] )?', f'summary: "[{marker}] ', text, count=1, flags=re.M),
                      encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
