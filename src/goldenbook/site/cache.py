"""Rendered pages by content key: what makes a second build cheap.

A generated page's key is a hash of *everything* its fragment is made from:
the code and templates of this package, the site-wide settings, the template
and address, and the template's context — where a record counts as its file's
fingerprint and the whole catalogue as the fingerprint of every record it
holds. Templates that do not declare they read the whole catalogue get only
the province register (``RegisterOnly``), so a page cannot depend on a record
its key does not name.

Entries are files named by their key under ``pages/`` of the repository's
cache folder (``goldenbook.cachedir``: outside the work tree), written
atomically, so that parallel workers and interrupted builds never leave a
half-written entry. An unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Mapping

from ..files import write_atomically
from ..fingerprint import code_fingerprint
from ..provinces import Province, Register
from ..structure.entry import Entry

__all__ = ["PageCache", "RegisterOnly", "content_key", "code_fingerprint", "CacheDamaged", "Content"]

class RegisterOnly:
    """The catalogue as seen by a template whose key names its records: the province register only."""

    __slots__ = ("register",)

    def __init__(self, register: Register) -> None:
        self.register = register


_PLAIN = (str, int, float, bool, type(None))


def _encode(value: Any, out: list[str]) -> None:
    kind = type(value)
    if kind is str:  # the commonest parts first: a key is made for every page of every build
        out.append(f"str:{value!r}")
    elif kind is Entry:
        out.append(f"FEntry:{value.fingerprint}")
    elif kind in _PLAIN:
        out.append(f"{kind.__name__}:{value!r}")
    elif kind is list or kind is tuple:
        out.append(f"[{len(value)}")
        for item in value:
            if type(item) is Entry:
                out.append(f"FEntry:{item.fingerprint}")
            else:
                _encode(item, out)
    elif kind is dict:
        out.append(f"{{{len(value)}")
        for key in sorted(value, key=repr):
            _encode(key, out)
            _encode(value[key], out)
    elif isinstance(getattr(value, "fingerprint", None), str):  # Entry, Catalog: named by their fingerprint
        out.append(f"F{kind.__name__}:{value.fingerprint}")
    elif isinstance(value, Province):
        out.append(f"P:{value.key}")
    elif isinstance(value, (Register, RegisterOnly)):
        out.append("R")  # static data: part of the code fingerprint
    elif isinstance(value, Path):
        out.append(f"path:{value.as_posix()}")
    elif is_dataclass(value) and not isinstance(value, type):
        found = _DATACLASSES.get(id(value))
        if found is None or found[0] is not value:
            part: list[str] = [f"D{kind.__name__}"]
            for item in fields(value):
                _encode(getattr(value, item.name), part)
            found = (value, part) if getattr(kind, "__dataclass_params__").frozen else (None, part)
            if found[0] is not None:
                if len(_DATACLASSES) > 100_000:  # `mkdocs serve` makes new ones at every rebuild
                    _DATACLASSES.clear()
                _DATACLASSES[id(value)] = found
        out.extend(found[1])
    else:
        raise TypeError(f"no content key for {kind.__name__}: pass it in a form the key can name")


#: Frozen dataclasses (photos and their variants) as encoded, by identity: a record's photo is named by
#: its page, its edition's print page and every page that shows it. The object is kept with its
#: encoding, so an id is never taken for another object's.
_DATACLASSES: dict[int, tuple[Any, list[str]]] = {}


def content_key(*parts: Any) -> str:
    """A hex key that changes whenever any of ``parts`` (or the package's code) does."""
    out: list[str] = [code_fingerprint()]
    for part in parts:
        _encode(part, out)
    return hashlib.sha256("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()


#: Keys seen in a cache folder during this process (`mkdocs serve` asks again at every rebuild). Entries
#: are never removed by a build, so a key once present stays present.
_PRESENT: set[str] = set()
#: Keys ``has`` found missing in this process: ``get`` does not look again (a page rendered meanwhile
#: by another worker is rendered again here, to the same bytes).
_ABSENT: set[str] = set()


Content = bytes | list[bytes]  #: a file's bytes, or pieces to write one after the other


class CacheDamaged(Exception):
    """A stored set of files could not be read to its end."""


# A set of files on disk: the magic, then per file ``P``, its path (length, UTF-8) and its content — ``B``
# and bytes, or ``L``, a count and pieces — each length before its bytes, and ``E`` at the end. Plain
# lengths and bytes: reading such a file can only give paths and bytes back (pickle could run code).
_FILES_MAGIC = b"GBF1"
_LENGTH = struct.Struct(">Q")


def _exactly(handle: BinaryIO, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise CacheDamaged("cut short")
    return data


def _pairs(handle: BinaryIO) -> Iterator[tuple[str, Content]]:
    def piece() -> bytes:
        return _exactly(handle, _LENGTH.unpack(_exactly(handle, 8))[0])

    with handle:
        try:
            if handle.read(len(_FILES_MAGIC)) != _FILES_MAGIC:
                raise CacheDamaged("not a set of files")
            while True:
                mark = _exactly(handle, 1)
                if mark == b"E":
                    return
                if mark != b"P":
                    raise CacheDamaged("not a (path, content) pair")
                path = piece().decode("utf-8")
                kind = _exactly(handle, 1)
                if kind == b"B":
                    yield path, piece()
                elif kind == b"L":
                    yield path, [piece() for _ in range(_LENGTH.unpack(_exactly(handle, 8))[0])]
                else:
                    raise CacheDamaged("unknown content")
        except (OSError, UnicodeDecodeError) as problem:
            raise CacheDamaged(str(problem)) from None


def _write_pair(out: BinaryIO, path: str, content: Content) -> None:
    name = path.encode("utf-8")
    out.write(b"P" + _LENGTH.pack(len(name)) + name)
    if isinstance(content, (bytes, bytearray)):
        out.write(b"B" + _LENGTH.pack(len(content)))
        out.write(content)
    else:
        out.write(b"L" + _LENGTH.pack(len(content)))
        for part in content:
            out.write(_LENGTH.pack(len(part)))
            out.write(part)


class PageCache:
    """Fragments and their page metadata, by content key, in one folder (or nowhere)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.html"

    def has(self, key: str) -> bool:
        if self.folder is None:
            return False
        if key in _PRESENT:
            return True
        if os.path.isfile(f"{self.folder}/{key[:2]}/{key}.html"):  # asked for every page: no Path objects
            _PRESENT.add(key)
            _ABSENT.discard(key)  # written since by a worker of an earlier `mkdocs serve` rebuild
            return True
        _ABSENT.add(key)
        return False

    def get(self, key: str) -> tuple[str, dict] | None:
        if self.folder is None or key in _ABSENT:  # a cold build: no failed open per page (slow on some disks)
            return None
        try:
            text = self._path(key).read_text(encoding="utf-8")
            head, html = text.split("\n", 1)
            return html, json.loads(head)
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    # A set of output files (open data, the search index) is stored under its key as a stream of
    # (path, content) pairs (``_pairs``): written and read one file at a time, so that 100,000 records'
    # open data never stands whole in memory.

    def get_files(self, key: str) -> Iterator[tuple[str, Content]] | None:
        """The files stored under ``key``, one at a time; None when there are none.

        A damaged entry raises ``CacheDamaged`` part of the way through.
        """
        if self.folder is None:
            return None
        try:
            handle = open(self.folder / key[:2] / f"{key}.files", "rb")
        except OSError:
            return None
        return _pairs(handle)

    def put_files(self, key: str, files: Mapping[str, Content] | Iterable[tuple[str, Content]]) -> None:
        for _ in self.recording(key, files.items() if isinstance(files, Mapping) else files):
            pass

    def recording(self, key: str, files: Iterable[tuple[str, Content]]) -> Iterator[tuple[str, Content]]:
        """``files``, passed on one at a time and stored under ``key`` once all have passed."""
        if self.folder is None:
            yield from files
            return
        path = self.folder / key[:2] / f"{key}.files"
        temporary = path.parent / f".tmp-{os.getpid()}-{key}.files"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = open(temporary, "wb")
        except OSError:  # a cache that cannot be written is only slower
            yield from files
            return
        done = False
        try:
            with out:
                out.write(_FILES_MAGIC)
                for pair in files:
                    _write_pair(out, *pair)
                    yield pair
                out.write(b"E")
            os.replace(temporary, path)
            done = True
        finally:
            if not done:
                temporary.unlink(missing_ok=True)

    def put(self, key: str, html: str, meta: dict) -> None:
        if self.folder is None:
            return
        head = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        self._write(self._path(key), f"{head}\n{html}".encode("utf-8", "surrogatepass"))
        _ABSENT.discard(key)

    @staticmethod
    def _write(path: Path | None, data: bytes) -> None:
        if path is None:
            return
        try:
            write_atomically(path, data)
        except OSError:
            pass  # a cache that cannot be written is only slower
