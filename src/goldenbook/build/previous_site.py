"""The previous build's site: moved aside, its unchanged pages taken back, the rest deleted meanwhile.

A site platform empties the site folder before building; with 10,000 records
that is 20,000 files deleted one by one before anything else can start, and as
many written again. A rename takes no time: the old tree goes to ``trash/`` of
the cache folder, the pages known to be unchanged are moved back
(``PreviousSite.take_back``), and a worker deletes the rest while the build goes
on (the build waits for it at the end, so its time still counts). Where a
rename is not possible (another file system), the folder is emptied as usual.

What a build wrote is recorded in ``written.json`` of its cache folder
(``Written``): the site folder, the theme signature, and per page its content
key and the stamp of the file written. A page is taken back only when that
record says it is this page and the file found is the very one written.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from goldenbook.files import write_atomically
from goldenbook.parallel import Background, background
from goldenbook.site import GeneratedPage

from .errors import BuildError

#: Unchanged pages in one folder from which the folder is moved back whole (one rename, not one each).
BULK_FROM = 64


def stamp(info: os.stat_result) -> list[int]:
    """What shows a file is the very one a build wrote: its size and modification time, which git, tar or
    ``touch`` can set, and its inode and change time, which only the kernel sets (a file written by a
    checkout, copied or edited since has another)."""
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def folder_stamp(folder: Path) -> list[int]:
    """A folder as a build left it (an entry added or removed changes its times); [] if missing."""
    try:
        return stamp(os.stat(folder))
    except OSError:
        return []


def site_id(folder: Path) -> list[int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def page_stamp(site: Path, page: GeneratedPage, alone: bool) -> list | None:
    """What ``written.json`` keeps of a page: its key, its file's stamp, and its folder's when the folder
    holds no other page (``alone``: such a folder may be moved back whole)."""
    folder = os.path.join(site, page.url)
    try:
        info = os.stat(os.path.join(folder, "index.html"))
    except OSError:
        return None
    return [page.key, *stamp(info), *(folder_stamp(Path(folder)) if alone else [])]


def tree_stamps(site: Path, names: list[str]) -> list:
    """The stamps of ``names`` under ``site`` and of every folder in them: a file added, removed or
    replaced in any of these folders since changes one of them."""
    out: list = []
    for name in names:
        top = site / name
        out.append([name, *folder_stamp(top)])
        for folder, subfolders, _ in os.walk(top):
            for sub in sorted(subfolders):
                path = os.path.join(folder, sub)
                out.append([os.path.relpath(path, site), *folder_stamp(Path(path))])
    return out


def move_back(previous: Path, site: Path, names: list[str]) -> bool:
    """Move ``names`` from the previous site to the new one; False at the first that cannot be moved."""
    try:
        for name in names:
            os.rename(previous / name, site / name)
        return True
    except OSError:
        return False


class Written:
    """``written.json``: what the last build of this variant wrote, for the next one."""

    def __init__(self, cache: Path) -> None:
        self.path = cache / "written.json"

    def read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def forget(self) -> None:
        """From here until ``record`` the site is neither old nor new: the next build trusts none of it."""
        with contextlib.suppress(OSError):
            self.path.unlink()

    def record(self, pages: list[GeneratedPage], site: Path, theme: str, sides: dict[str, str | None],
               kept: dict[str, list]) -> None:
        known = {}
        inner = {page.url.rstrip("/").rpartition("/")[0] for page in pages}
        for page in pages:
            page_record = kept.get(page.url) or page_stamp(site, page, page.url.rstrip("/") not in inner)
            if page_record is not None:
                known[page.url] = page_record
        write_atomically(self.path, json.dumps({"site": str(site), "site_id": site_id(site), "theme": theme,
                                                "pages": known, **sides}).encode("utf-8"))


@dataclass
class PreviousSite:
    """Where the previous site was moved (``folder``; None when nothing was), and what was taken back."""

    folder: Path | None = None
    trash: Path | None = None
    deleting: Background | None = None
    kept: dict[str, list] = field(default_factory=dict)  # url → its ``written.json`` record

    @classmethod
    def move_aside(cls, site: Path, cached: Path, dirty: bool) -> PreviousSite:
        """Move the site folder's content aside, within the same file system: the cache folder when it is
        on it, else next to the site folder. Nothing is moved for a ``--dirty`` build or an empty site."""
        if site.is_symlink():  # the platform would empty the folder it points to, and write the site there
            raise BuildError(f"goldenbook: thư mục trang {site} là liên kết tượng trưng: hãy xoá liên kết rồi dựng "
                             f"lại (the site folder is a symbolic link: delete the link and build again)")
        if dirty or not site.is_dir() or not any(site.iterdir()):
            return cls()
        trash = cached / "trash"
        try:
            trash.mkdir(parents=True, exist_ok=True)
            if trash.stat().st_dev != site.stat().st_dev:
                trash = site.parent / f".{site.name}.trash"
                trash.mkdir(exist_ok=True)
                if trash.is_symlink():  # committed by someone: the old site would be moved where it points
                    raise OSError(f"{trash} is a symbolic link")
            previous = trash / f"{site.name}-{os.getpid()}-{time.monotonic_ns()}"
            site.rename(previous)
            site.mkdir()
        except OSError:
            site.mkdir(exist_ok=True)
            return cls()
        return cls(folder=previous, trash=trash)

    def same_site(self, site: Path, written: dict) -> bool:
        """Whether the folder set aside is the one the build ``written`` describes wrote (same path, same
        folder: not one a fresh clone brought at that path)."""
        return self.folder is not None and written.get("site") == str(site) and \
            site_id(self.folder) is not None and written.get("site_id") == site_id(self.folder)

    def take_back(self, pages: list[GeneratedPage], site: Path, theme: str, written: dict) -> list[GeneratedPage]:
        """Move back the pages the previous build wrote exactly so; return the others.

        A folder of many such pages (the records) is moved back whole, one
        rename, and what else it held goes back; a page's own folder comes with
        it only if it is as that build left it (nothing added to it since).
        """
        previous = self.folder
        if previous is None or not self.same_site(site, written) or written.get("theme") != theme:
            return pages
        known = written.get("pages", {})
        before = str(previous)
        left: list[GeneratedPage] = []
        unchanged: dict[str, list[tuple[str, GeneratedPage, list]]] = {}  # parent folder → its pages
        for page in pages:
            was = known.get(page.url)
            if was is not None and was[0] == page.key:
                try:
                    info = os.stat(os.path.join(before, page.url, "index.html"))
                except OSError:
                    info = None
                if info is not None and stamp(info) == was[1:5]:
                    parent, _, name = page.url.rstrip("/").rpartition("/")
                    unchanged.setdefault(parent, []).append((name, page, was))
                    continue
            left.append(page)
        # Folders that hold other pages (an edition and its print page): never moved whole with one of them.
        inner = {url.rstrip("/").rpartition("/")[0] for url in known} | \
                {page.url.rstrip("/").rpartition("/")[0] for page in pages}
        for parent, members in unchanged.items():
            leaves = {name for name, _, was in members if f"{parent}/{name}".lstrip("/") not in inner
                      and folder_stamp(previous / parent / name) == was[5:]}
            if len(leaves) >= BULK_FROM and parent and _move_folder(previous, site, parent, leaves):
                self.kept.update((page.url, was) for name, page, was in members if name in leaves)
                members = [member for member in members if member[0] not in leaves]
            for name, page, was in members:
                try:
                    alone = page.url.rstrip("/") not in inner
                    _move_page(previous, site, page.url, alone)
                    self.kept[page.url] = page_stamp(site, page, alone)
                except OSError:
                    left.append(page)
        return left

    def delete_rest(self) -> None:
        """Delete what is left of the previous site, in a worker (``wait_deleted`` waits for it)."""
        if self.trash is not None and self.deleting is None:
            trash = self.trash
            self.deleting = background(lambda: shutil.rmtree(trash, ignore_errors=True), workers=2)

    def wait_deleted(self) -> None:
        deleting, self.deleting = self.deleting, None
        if deleting is not None:
            deleting.wait()


def _move_page(previous: Path, site: Path, url: str, alone: bool) -> None:
    """Move one page back: its folder when it holds nothing else (and no other page), else its file."""
    old = os.path.join(previous, url, "index.html")
    folder = os.path.join(site, url).rstrip("/")
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    if alone and os.listdir(os.path.dirname(old)) == ["index.html"]:
        os.rename(os.path.dirname(old), folder)
    else:
        os.makedirs(folder, exist_ok=True)
        os.rename(old, os.path.join(folder, "index.html"))


def _move_folder(previous: Path, site: Path, parent: str, names: set[str]) -> bool:
    """Move the folder ``parent`` back whole, with the unchanged pages ``names`` in it.

    Whatever else the old folder holds (changed or removed pages, pages the
    platform writes itself) goes back to the previous site, where it was; pages
    this build already wrote into the new folder (an edit in `mkdocs serve`)
    are put in first. False (and nothing moved) when the folder cannot be moved.
    """
    old, new = previous / parent, site / parent
    fresh: list[str] = []
    try:
        if new.exists():  # this build wrote into it already: those pages go into the old folder first
            for name in os.listdir(new):
                if (old / name).exists():
                    os.rename(old / name, previous / f".replaced-{time.monotonic_ns()}-{name}")
                os.rename(new / name, old / name)
                fresh.append(name)
            new.rmdir()
        new.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, new)
    except OSError:
        for name in fresh:  # undo: the new pages back where they were written
            new.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.rename(old / name, new / name)
        return False
    old.mkdir(parents=True)
    for name in os.listdir(new):
        if name not in names and name not in fresh:
            os.rename(new / name, old / name)  # not this build's: back to the previous site
    return True
