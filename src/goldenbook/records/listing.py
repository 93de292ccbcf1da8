"""The records folder: every entry under it that must be accounted for, in order, and what each is."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from .reading import Stamp, stamp_of

_BACKUP_ENDINGS = ("~", ".bak", ".swp", ".swo", ".orig", ".tmp")


def not_a_record_fix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(_BACKUP_ENDINGS) or name.startswith(".#"):
        return "Đây là tệp sao lưu của trình soạn thảo: xóa tệp này."
    if lower.endswith((".yaml", ".yml")):
        stem = name.rsplit('.', 1)[0]
        if not stem.strip(". "):
            return ("Tệp không có tên trước đuôi .yml. Nếu đây là hồ sơ, đặt tên tệp theo tiêu đề, ví dụ "
                    "«vuon-uom-nong-thon-moi.yml» (chữ thường không dấu, nối bằng «-»; lệnh goldenbook fmt làm việc này).")
        return f"Nếu đây là hồ sơ, đổi tên thành «{stem}.yml» (đuôi .yml, chữ thường)."
    return "Chuyển tệp này ra khỏi thư mục initiatives/ (ảnh đặt trong images/)."


def folder_entries(folder: Path, stamps: bool = True) -> list[tuple[str, str, Stamp | None]]:
    """Every entry under ``folder`` that must be accounted for: (path, what, stamp).

    ``"file"`` (a regular file), ``"link"`` (a symbolic link, to a file or a
    folder: never followed), ``"special"`` (pipe, socket, device) or
    ``"folder"`` (a real folder named like a record; its content is listed
    too). In the order of ``sorted()`` of their ``Path``: by path components,
    each folder's names sorted and its content listed at its place. The
    stamp of a file (None for the rest) is its lstat's, when ``stamps``:
    else files are told apart by the folder listing alone and each is
    stamped when it is read (``read_unlisted``), by whichever process reads
    it, rather than all of them here, one after another.
    """
    found: list[tuple[str, str, Stamp | None]] = []
    pending = [_sorted_listing(os.fspath(folder))]
    while pending:
        item = next(pending[-1], None)
        if item is None:
            pending.pop()
            continue
        top, item = item
        path = f"{top}/{item.name}"
        try:
            link = item.is_symlink()
            real_folder = not link and item.is_dir(follow_symlinks=False)
            regular = not link and not real_folder and item.is_file(follow_symlinks=False)
        except OSError:
            found.append((path, "file", None))  # vanished or unreadable: reading it reports why
            continue
        if link:
            found.append((path, "link", None))  # never followed, never descended into
        elif real_folder:
            if item.name.lower().endswith((".yml", ".yaml")):
                found.append((path, "folder", None))
            pending.append(_sorted_listing(path))
        elif not regular:
            found.append((path, "special", None))
        elif not stamps:
            found.append((path, "file", None))
        else:
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                found.append((path, "file", None))  # vanished or unreadable: reading it reports why
                continue
            mode = info.st_mode
            what = "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "special"
            found.append((path, what, stamp_of(info) if what == "file" else None))
    return found


def _sorted_listing(top: str) -> Iterator[tuple[str, os.DirEntry]]:
    """The entries of folder ``top`` by name (what could be listed of it: none if it cannot be read)."""
    items = []
    try:
        with os.scandir(top) as listing:
            while True:
                try:
                    items.append(next(listing))
                except StopIteration:
                    break
                except OSError:
                    break
    except OSError:
        pass
    items.sort(key=lambda item: item.name)
    return ((top, item) for item in items)


def what_is(path: Path) -> tuple[str, Stamp | None]:
    try:
        info = path.lstat()
    except OSError:
        return "file", None  # vanished or unreadable: reading it reports why
    mode = info.st_mode
    what = "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "special"
    return what, stamp_of(info) if what == "file" else None


def suffix(name: str) -> str:
    """``PurePath(name).suffix``."""
    index = name.rfind(".")
    return name[index:] if 0 < index < len(name) - 1 else ""
