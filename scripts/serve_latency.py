"""How soon an edited record's page is on disk in `mkdocs serve`, and when the rebuild ends.

    .venv/bin/python scripts/serve_latency.py DIR [--edits 3]

DIR is a repository with records, e.g. the ``ours`` folder that
``python -m goldenbook.bench --records 10000 --keep DIR`` leaves. The script
does what ``mkdocs serve`` does for each change (a new configuration, a build
into the same site folder, in one process), edits a published record's
summary, and times, from the save, the moment the record's page on disk shows
the edit (a thread polls the file) and the end of the rebuild. Over HTTP,
MkDocs' livereload server answers only after the rebuild has ended.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("GOLDENBOOK_PDF", "0")

import mkdocs.commands.build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from goldenbook.bench import mark_record, published_record  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repository", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    os.chdir(args.repository)
    site = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    record = published_record(Path("."))
    page = site / "sang-kien" / record.stem / "index.html"

    def build() -> None:
        config = load_config("mkdocs.yml", site_dir=str(site))
        mkdocs_build.build(config, serve_url="http://127.0.0.1:8000/")

    load_config("mkdocs.yml", site_dir=str(site)).plugins.on_startup(command="serve", dirty=False)
    started = time.perf_counter()
    build()
    print(f"first build: {time.perf_counter() - started:.2f} s")
    for edit in range(args.edits):
        marker = f"serve-latency-{edit}-{time.time_ns()}"
        mark_record(record, marker)
        saved = time.perf_counter()
        seen: dict[str, float] = {}

        def poll() -> None:
            while "at" not in seen:
                try:
                    if marker in page.read_text(encoding="utf-8"):
                        seen["at"] = time.perf_counter() - saved
                except OSError:
                    pass
                time.sleep(0.005)

        threading.Thread(target=poll, daemon=True).start()
        build()
        ended = time.perf_counter() - saved
        time.sleep(0.05)
        on_disk = f"{seen['at']:.2f} s" if "at" in seen else "not seen"
        print(f"edit {edit + 1}: page on disk after {on_disk}, rebuild ended after {ended:.2f} s")
    load_config("mkdocs.yml", site_dir=str(site)).plugins.on_shutdown()


if __name__ == "__main__":
    main()
