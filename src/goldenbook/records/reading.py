"""Opening and reading one record file safely: never through a symbolic link, never past ``MAX_BYTES``."""

from __future__ import annotations

import errno
import os

from ..diagnostics import Diagnostic, make
from ..yamlsource import MAX_BYTES, decode

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


#: What the cache compares of a file's lstat (git's index does the same): device, inode, size,
#: modification and change times in nanoseconds.
Stamp = tuple[int, int, int, int, int]


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _open(path: str, relative: str) -> int:
    try:
        return os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # it became a link since it was listed
            raise Unreadable(make("symlink", relative, 1, 1, name=path.rsplit("/", 1)[-1])) from None
        raise Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None


def read_file(path: str, relative: str, size: int) -> bytes:
    """The file's bytes, up to ``MAX_BYTES + 1``; never through a symbolic link."""
    handle = _open(path, relative)
    try:
        return _read_open(handle, relative, size)
    finally:
        os.close(handle)


def read_unlisted(path: str, relative: str) -> tuple[bytes, Stamp]:
    """The bytes and stamp of a file listed without its lstat (a scan with no stamps to compare)."""
    handle = _open(path, relative)
    try:
        try:
            info = os.fstat(handle)
        except OSError as error:
            raise Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None
        if info.st_size > MAX_BYTES:
            raise Unreadable(make("file-too-large", relative, 1, 1, size=info.st_size, limit=MAX_BYTES))
        return _read_open(handle, relative, info.st_size), stamp_of(info)
    finally:
        os.close(handle)


def _read_open(handle: int, relative: str, size: int) -> bytes:
    try:
        wanted = min(max(size, 0), MAX_BYTES) + 1
        raw = os.read(handle, wanted)
        # A regular file reads short only at its end: the size its lstat gave, with a byte to spare
        # asked for, is all of it (one read, not two, per file). Else, until the end.
        while len(raw) <= MAX_BYTES and not (len(raw) == size < wanted):
            more = os.read(handle, min(65536, MAX_BYTES + 1 - len(raw)))
            if not more:
                break
            raw += more
    except OSError as error:
        raise Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None
    return raw


def read_text(path: str) -> str:
    """A file's text, for a document whose results came from elsewhere (positions on demand)."""
    try:
        return decode(read_file(path, path, 65536))
    except Unreadable as problem:
        raise OSError(problem.diagnostic.message_en) from None
