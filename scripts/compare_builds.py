"""Build the site at a git revision and at the work tree, and compare the two trees byte for byte.

    .venv/bin/python scripts/compare_builds.py c5732a9                 # example site, public and preview
    .venv/bin/python scripts/compare_builds.py c5732a9 --records 10000 # N synthetic records instead

Each side is a temporary copy of the repository (``git archive`` of the revision; the work tree's
tracked and untracked, not ignored, files), built by this venv's Python with that copy's ``src/``
first on the path, so the revision's own code builds the revision. With ``--records N`` both copies
get the same N synthetic records (``goldenbook.synthetic``) in place of the example ones. The PDF is
left out unless ``--pdf`` (Chromium prints slowly). Exit status 1 when any file differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from goldenbook.build.trees import differences  # noqa: E402
from goldenbook.synthetic import write_records  # noqa: E402

SITE_URL = "https://example.org/sach-vang/"


def copy_revision(revision: str, target: Path) -> None:
    """The files of ``revision``, as git stores them."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision],
                             check=True, capture_output=True).stdout
    target.mkdir(parents=True)
    archive_path = target.parent / f"{target.name}.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(target, filter="data")
    archive_path.unlink()


def copy_work_tree(target: Path) -> None:
    """The work tree's files as they are now (edits not yet committed included, ignored files left out)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def build(repo: Path, out: Path, *, preview: bool, pdf: bool) -> float:
    """Build ``repo`` into ``out`` with its own code; the seconds it took."""
    env = {**os.environ, "PYTHONPATH": str(repo / "src"), "NO_MKDOCS_2_WARNING": "1", "PYTHONSAFEPATH": "1",
           "GOLDENBOOK_PDF": "1" if pdf else "0", "GOLDENBOOK_SITE_URL": SITE_URL}
    env.pop("GOLDENBOOK_PREVIEW", None)
    if preview:
        env["GOLDENBOOK_PREVIEW"] = "1"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(repo / "mkdocs.yml"),
                           "-d", str(out)], cwd=repo, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"build of {repo} failed:\n{done.stderr[-4000:]}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="git revision to compare the work tree with (e.g. main)")
    parser.add_argument("--records", type=int, default=0, help="N synthetic records instead of the example ones")
    parser.add_argument("--variant", choices=("public", "preview", "both"), default="both")
    parser.add_argument("--pdf", action="store_true", help="print the PDFs too (Chromium)")
    parser.add_argument("--keep", type=Path, help="build here and keep the trees (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="goldenbook-compare-"))
    variants = ["public", "preview"] if args.variant == "both" else [args.variant]
    failed = False
    try:
        sides = {"revision": work / "revision", "work-tree": work / "work-tree"}
        copy_revision(args.revision, sides["revision"])
        sides["work-tree"].mkdir(parents=True)
        copy_work_tree(sides["work-tree"])
        for repo in sides.values():
            if args.records:
                shutil.rmtree(repo / "initiatives", ignore_errors=True)
                write_records(repo, args.records)
        for variant in variants:
            seconds = {}
            for name, repo in sides.items():
                seconds[name] = build(repo, work / f"{name}-{variant}", preview=variant == "preview", pdf=args.pdf)
            found = differences(work / f"revision-{variant}", work / f"work-tree-{variant}")
            files = sum(len(names) for _, _, names in os.walk(work / f"work-tree-{variant}"))
            what = f"{args.records:,} synthetic records" if args.records else "example records"
            timing = ", ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
            if found:
                failed = True
                print(f"{variant} ({what}): {len(found)} of {files:,} files differ ({timing}):")
                print("\n".join(f"  {path}" for path in found[:50]))
            else:
                print(f"{variant} ({what}): {files:,} files, byte-identical ({timing})")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
