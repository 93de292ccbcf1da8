"""Open data, the feed and the search index: written beside the pages, by a worker, or taken back.

Each is taken back from the previous site when its content key is the one that
build recorded and its folders are as that build left them (``sides.json``);
otherwise it is made (or read from the page cache) by a worker while the pages
are written. A large build makes them in its own process, after the pages:
each worker would hold every record in memory of its own (100,000 records:
gigabytes).
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from goldenbook import export
from goldenbook.files import write_atomically
from goldenbook.limits import LARGE_BUILD
from goldenbook.parallel import background
from goldenbook.search import PageText, build_index, write_index
from goldenbook.search.index import FOLDER as SEARCH_FOLDER
from goldenbook.site import SitePlan
from goldenbook.site.cache import CacheDamaged, Content, PageCache, content_key

from .previous_site import PreviousSite, move_back, tree_stamps
from .session import Waitable

#: ``GOLDENBOOK_SEARCH=0`` builds without the search index (for scripts/bench_search.py only).
SEARCH_ENV = "GOLDENBOOK_SEARCH"

#: What each side output writes in the site.
SIDE_NAMES = {"data": [export.DATA_DIR, "feed.xml"], "search": [SEARCH_FOLDER]}


class InProcessOutput:
    """Work run when waited for (in this process), where a worker would cost too much memory."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.work: Callable[[], None] | None = work

    def wait(self) -> None:
        work, self.work = self.work, None
        if work is not None:
            work()


def start(site: Path, plan: SitePlan, texts: list[PageText], previous: PreviousSite, written: dict,
          pages_cache: Path, sides_file: Path) -> tuple[dict[str, str | None], list[Waitable]]:
    """Take back or start making the open data, feed and search index; their keys (for ``written.json``)
    and what to wait for."""
    texts = sorted(texts, key=lambda t: t.url)
    keys: dict[str, str | None] = {
        "data": content_key("data", plan.catalog, plan.site_url),
        "search": content_key("search", plan.catalog, [(t.url, t.title, t.text) for t in texts])
        if os.environ.get(SEARCH_ENV, "1") != "0" else None}
    same = previous.same_site(site, written)
    sides = read_sides(sides_file) if same else {}
    old = previous.folder
    todo = [part for part, key in keys.items() if key is not None
            and not (same and old is not None and written.get(part) == key and sides.get("site") == str(site)
                     and sides.get(part) == tree_stamps(old, SIDE_NAMES[part])  # as written: nothing added since
                     and move_back(old, site, SIDE_NAMES[part]))]
    if old is not None:  # the previous versions stand in until replaced (`mkdocs serve` shows pages sooner)
        for part in todo:
            for name in SIDE_NAMES[part]:
                move_back(old, site, [name])
    work = [partial(write_side, site, plan, texts, keys, [part], pages_cache) for part in todo]
    if len(plan.catalog.entries) <= LARGE_BUILD:
        return keys, [background(job) for job in work]
    return keys, [InProcessOutput(job) for job in work]


def write_side(site: Path, plan: SitePlan, texts: list[PageText], keys: dict, todo: list[str],
               pages_cache: Path) -> None:
    cache = PageCache(pages_cache)
    if "data" in todo:
        stored = cache.get_files(keys["data"])
        try:
            write_files(site, stored if stored is not None else cache.recording(keys["data"], plan.files()))
        except CacheDamaged:  # written again from the records (what was written already is kept)
            write_files(site, cache.recording(keys["data"], plan.files()))
    if "search" in todo:  # the search index of the records and pages this build shows
        index = None
        stored = cache.get_files(keys["search"])
        if stored is not None:
            with contextlib.suppress(CacheDamaged):
                index = dict(stored)
        if index is None:
            index = build_index(plan.catalog, texts)
            cache.put_files(keys["search"], index)
        write_index(site, index)


def write_files(site: Path, files: Iterable[tuple[str, Content]]) -> None:
    """Write ``files`` under ``site`` as they come; where the previous build's open-data folder was taken
    back, only what differs is written (one record changed: one file, the lists and the feed), what is
    gone deleted."""
    folder = site / export.DATA_DIR
    taken = folder.is_dir()
    made: set[str] = set()
    wanted: set[str] = set()
    for path, content in files:
        target = f"{site}/{path}"
        wanted.add(target)
        if taken and _same_file(target, content):
            continue
        parent = os.path.dirname(target)
        if parent not in made:  # each folder once (thousands of files share a few folders)
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            if isinstance(content, bytes):
                out.write(content)
            else:
                out.writelines(content)
    for top, _, names in os.walk(folder):
        for name in names:
            if os.path.join(top, name) not in wanted:
                os.unlink(os.path.join(top, name))


def _same_file(target: str, content: Content) -> bool:
    """Whether the file at ``target`` holds ``content`` already."""
    size = len(content) if isinstance(content, bytes) else sum(map(len, content))
    try:
        if os.stat(target).st_size != size:
            return False
        with open(target, "rb") as old:
            return old.read() == (content if isinstance(content, bytes) else b"".join(content))
    except OSError:
        return False


def read_sides(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record_sides(path: Path, site: Path) -> None:
    """Once the open data and the search index are written: their folders' stamps, for the next build."""
    with contextlib.suppress(OSError):
        stamps = {part: tree_stamps(site, names) for part, names in SIDE_NAMES.items()}
        write_atomically(path, json.dumps({"site": str(site), **stamps}).encode("utf-8"))


def forget_sides(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
