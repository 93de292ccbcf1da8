"""Find every file under the records folder and account for each one.

A file is either a valid record, an invalid record (with diagnostics), or not
a record at all (with a warning that names it). Nothing is dropped silently:
``Scan.counts`` adds up to the number of files found.

Every entry of the folder counts, not only regular files: a symbolic link is
an error (a record is one real file whose content the pull request shows; a
link may point anywhere on the build machine and is never followed), a pipe,
socket or device is "not a record" (and is never opened), and so is a folder
whose name looks like a record (``x.yml/``). A file is never read past
``MAX_BYTES``: a 50 MB file is refused from its size alone.

Reading is cached, and spread over the processor's cores when there is much
to read; neither changes what ``scan`` finds:

* What one file says on its own (parse, shape, meaning) depends on its bytes,
  its path, the validator's code and the context's year and image folder
  name. It is kept by a key made of all of these (an ``_Outcome``, under
  ``records/<version>/`` of the repository's cache folder, outside the work
  tree (``cachedir``): 16 shards of outcomes and 16 of
  pickled records, each written atomically and checked when read, a damaged
  one ignored and its files read again), and in memory for the life of the
  process, so that ``mkdocs serve`` rebuilds read only the files that
  changed. The file-system half of the image checks (does the image exist,
  inside the image folder) is never cached: it is asked again on every
  scan. The checks across records (``check_collection``) always run on the
  whole set.
* To know a file's key without reading it, the cache remembers each file's
  ``lstat`` (device, inode, size, modification and change times) with the
  digest of its bytes, as git's index does; a file changed less than two
  seconds before it was last seen is read again (its times may not show a
  second change in the same tick).
* Files not in the cache are shared, when there are more than
  ``PARALLEL_FROM`` of them, between this process and forked copies of it
  (they never log), chunk by chunk to whichever is free, and examined a chunk
  at a time, stage by stage (``_examine_many``). Each copy sends back,
  pickled after every chunk, the compact outcomes of its files (this process
  takes them between its own chunks), and writes their records to blob files
  of its own (as this process does for its share), so that no record crosses
  a pipe or is pickled twice. A record read in a parallel
  scan or taken from the cache is loaded the first time ``Entry.record`` is
  asked for (``goldenbook validate`` never asks, and keeps no record: the
  next build reads those files again); ``Entry.kind``, ``title``,
  ``status``… are known without it.
"""

from __future__ import annotations

import errno
import functools
import gc
import hashlib
import os
import pickle
import stat
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from pydantic import BaseModel

from .cachedir import cache_root
from .diagnostics import Diagnostic, make, printable
from .files import write_atomically
from .limits import LARGE_BUILD
from .parallel import chunks, jobs as cpu_jobs, taken_chunks, token_pipe
from .provinces import Resolution, load_register
from .structure.entry import Entry, facts_of, file_fingerprint
from .structure.record import Collective, Initiative
from .validation import Context, check_collection, check_images, check_meaning, check_shape
from .yamlsource import MAX_BYTES, SourceDoc, YamlProblem, decode, read_document

__all__ = ["Scan", "scan", "load_file", "check_bytes", "validator_version", "clear_memory_cache",
           "RECORDS_DIR", "IMAGES_DIR", "IGNORED_NAMES", "CACHE_DIR", "PARALLEL_FROM", "ALLOW_EMPTY_ENV"]

RECORDS_DIR = "initiatives"
#: ``GOLDENBOOK_ALLOW_EMPTY=1``: a records folder without records is allowed (a new installation).
ALLOW_EMPTY_ENV = "GOLDENBOOK_ALLOW_EMPTY"
IMAGES_DIR = "images"
#: Where the cache of per-file results lives, relative to the repository's cache folder (``cache_root``).
CACHE_DIR = "records"
#: Files not in the cache above which reading is spread over worker processes.
PARALLEL_FROM = 200
#: Files that may sit in the records folder without being records.
IGNORED_NAMES = frozenset({".gitkeep"})
_BACKUP_ENDINGS = ("~", ".bak", ".swp", ".swo", ".orig", ".tmp")
#: A file whose times are this recent (ns) is read again rather than trusted by its lstat.
_RACY_NS = 2_000_000_000
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class Scan:
    """The outcome of reading the records folder."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    not_records: list[str] = field(default_factory=list)
    docs: dict[str, SourceDoc] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        return {
            "found": len(self.files),
            "records": len(self.files) - len(self.not_records),
            "valid": len(self.entries),
            "invalid": len(self.invalid),
            "not_records": len(self.not_records),
            "published": sum(entry.public for entry in self.entries),
        }


def _not_a_record_fix(name: str) -> str:
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


# ---------------------------------------------------------------- one file

class _Outcome:
    """What one file's content says on its own: what the cache keeps.

    ``diagnostics`` holds every problem except the file-system half of the
    image checks, which is made again from ``images`` on every scan. When the
    record has no problem of its own (``valid``), the record is kept too: in
    memory, pickled (``_blob``), or in the cache's blob shard of its key
    (``kept``); a scan that only reports (``goldenbook validate``) keeps
    none, and the next build reads those files again to keep theirs.
    Pickling an outcome leaves the record out: it travels on its own.
    """

    __slots__ = ("parsed", "kind", "diagnostics", "images", "place", "facts", "valid", "kept", "_blob", "_record")

    def __init__(self, parsed: bool, kind: str, diagnostics: tuple[Diagnostic, ...],
                 images: tuple[tuple[int, str], ...] = (), place: tuple[str | None, str] | None = None,
                 facts: tuple | None = None, valid: bool = False, kept: bool = False) -> None:
        self.parsed = parsed  #: the file was read as YAML (it has a SourceDoc)
        self.kind = kind  #: what other records' references take it for
        self.diagnostics = diagnostics
        self.images = images
        self.place = place  #: (historic key or None, current key) of a valid record
        self.facts = facts  #: ``Facts`` of a valid record
        self.valid = valid
        self.kept = kept  #: its record is in the cache's blob files
        self._blob: bytes | None = None
        self._record: Any = None

    def blob(self) -> bytes | None:
        """The record, pickled (when it is in memory one way or the other): ``_dump_record``."""
        if self._blob is None and self._record is not None:
            self._blob = _dump_record(self._record)
        return self._blob

    def compact(self) -> tuple[Any, ...]:
        """What the cache and the workers keep of an outcome: plain values that pickle in C."""
        return (self.parsed, self.kind, self.diagnostics, self.images, self.place,
                tuple(self.facts) if self.facts is not None else None, self.valid, self.kept)

    def serves(self, hold: bool) -> bool:
        """Whether a scan may take this outcome instead of reading the file: a scan that ``hold``s records
        (a build) needs the record of a valid one at hand, not only its diagnostics."""
        return not hold or not self.valid or self.kept or self._record is not None or self._blob is not None

    def resolution(self) -> Resolution:
        place = self.place
        resolution = _RESOLUTIONS.get(place)  # type: ignore[arg-type]
        if resolution is None:
            historic, current = place  # type: ignore[misc]
            register = load_register()
            resolution = Resolution(register.get(historic) if historic else None, register.get(current))
            _RESOLUTIONS[place] = resolution  # type: ignore[index]
        return resolution

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Outcome, self.compact())


#: Resolutions by (historic key, current key): the register never changes, so they are shared.
_RESOLUTIONS: dict[tuple[str | None, str], Resolution] = {}


# ---------------------------------------------------------------- records in the cache
# A record is kept as a tree of tuples, ``(class number, fields-set bits, value, value…)``
# per model, rather than as pickled models: pickle calls pydantic's ``__getstate__`` and
# ``__setstate__`` in Python for every nested model; the tree takes about two thirds of
# the time to keep, half to load, and a fifth less room. The record it gives back has the same
# classes, ``__dict__``, fields set, extra and private values as the one kept (a test
# checks). Anything unexpected (a model this table does not know, extra or private
# values, a tuple among the values) is kept as a plain pickle instead.

class _Model(NamedTuple):
    """How the tuple form writes one model: its class, field names, which fields may hold models."""

    cls: type
    names: tuple[str, ...]
    nested: tuple[int, ...]
    bits: dict[str, int]  #: field name → its bit in the fields-set bits
    sets: dict[int, frozenset[str]]  #: fields-set bits → names, as met


@functools.lru_cache(maxsize=1)
def _models() -> tuple[list[_Model], dict[type, int]]:
    """Every model a record is made of, numbered; found from the two record models' annotations."""
    from .validation import models_in

    table: list[_Model] = []
    numbers: dict[type, int] = {}
    pending: list[type] = [Initiative, Collective]
    while pending:
        model: Any = pending.pop(0)
        if model in numbers:
            continue
        names = tuple(model.model_fields)
        nested = []
        for index, name in enumerate(names):
            inner = models_in(model.model_fields[name].annotation)
            if inner:
                nested.append(index)
                pending.extend(inner)
        numbers[model] = len(table)
        table.append(_Model(model, names, tuple(nested), {name: 1 << i for i, name in enumerate(names)}, {}))
    return table, numbers


class _Uncommon(Exception):
    """A record the tuple form does not cover: it is pickled as it is."""


def _tree(model: Any, table: list[_Model], numbers: dict[type, int]) -> tuple[Any, ...]:
    number = numbers.get(model.__class__)
    if number is None or model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        raise _Uncommon
    known = table[number]
    state = model.__dict__
    if tuple(state) != known.names:
        raise _Uncommon
    try:
        bits = sum(map(known.bits.__getitem__, model.__pydantic_fields_set__))
    except (KeyError, TypeError):
        raise _Uncommon from None
    values = [number, bits, *state.values()]
    for index in known.nested:
        value = values[index + 2]
        if value.__class__ is list:
            if value:
                values[index + 2] = [_tree(item, table, numbers) if item.__class__ in numbers else item
                                     for item in value]
                if tuple in map(type, value):
                    raise _Uncommon
        elif value.__class__ in numbers:
            values[index + 2] = _tree(value, table, numbers)
        elif value.__class__ is tuple:
            raise _Uncommon
    return tuple(values)


def _dump_record(record: Any) -> bytes:
    """The record as the cache keeps it (``_load_record`` gives it back)."""
    table, numbers = _models()
    try:
        tree: Any = _tree(record, table, numbers)
    except _Uncommon:
        tree = record
    return pickle.dumps(tree, protocol=pickle.HIGHEST_PROTOCOL)


_set_fields = BaseModel.__pydantic_fields_set__.__set__  # type: ignore[attr-defined]
_set_extra = BaseModel.__pydantic_extra__.__set__  # type: ignore[attr-defined]
_set_private = BaseModel.__pydantic_private__.__set__  # type: ignore[attr-defined]


def _grow(tree: tuple[Any, ...], table: list[_Model]) -> Any:
    known = table[tree[0]]
    values = tree[2:]
    if known.nested:
        values = list(values)
        for index in known.nested:
            value = values[index]
            if value.__class__ is tuple:
                values[index] = _grow(value, table)
            elif value.__class__ is list and value:
                values[index] = [_grow(item, table) if item.__class__ is tuple else item for item in value]
    bits = tree[1]
    names = known.sets.get(bits)
    if names is None:
        names = known.sets[bits] = frozenset(name for name in known.names if bits & known.bits[name])
    made = known.cls.__new__(known.cls)
    _set_fields(made, set(names))
    _set_extra(made, None)
    _set_private(made, None)
    object.__setattr__(made, "__dict__", dict(zip(known.names, values)))
    return made


def _load_record(blob: bytes) -> Any:
    """The record ``_dump_record`` kept."""
    tree = pickle.loads(blob)
    return _grow(tree, _models()[0]) if tree.__class__ is tuple else tree


def _examine(raw: bytes, relative: str, ctx: Context) -> tuple[_Outcome, SourceDoc | None, Resolution | None]:
    """Parse and check one file's content on its own, leaving out the file-system image checks."""
    return _examine_many((raw,), (relative,), ctx)[0]


def _examine_many(raws: Sequence[bytes], relatives: Sequence[str], ctx: Context
                  ) -> list[tuple[_Outcome, SourceDoc | None, Resolution | None]]:
    """``_examine`` of several files, stage by stage: every file is parsed, then every one is checked
    against the model, then for meaning. Each stage's code and tables stay in the processor's caches
    while it runs, rather than being pushed out by the next stage's file after file: a quarter less
    time for a few dozen files at once."""
    docs: list[Any] = []
    for raw in raws:
        try:
            docs.append(read_document(raw))
        except YamlProblem as problem:
            docs.append(problem)
    shapes = [check_shape(doc, relative) if doc.__class__ is not YamlProblem else None
              for doc, relative in zip(docs, relatives)]
    examined: list[tuple[_Outcome, SourceDoc | None, Resolution | None]] = []
    for doc, shape, relative in zip(docs, shapes, relatives):
        if shape is None:
            examined.append((_Outcome(False, "initiative", (make(doc.code, relative, doc.position.line,
                                                                 doc.position.column, **doc.params),)),
                             None, None))
            continue
        record, problems = shape
        images: list[tuple[int, str]] = []
        place, meaning = check_meaning(doc.data, doc, relative, ctx, images=images)
        found = tuple(sorted(set(problems + meaning))) if problems or meaning else ()
        outcome = _Outcome(True, _kind_of(doc), found, tuple(images))
        if record is not None and place is not None and not found:
            outcome.place = (place.historic.key if place.historic else None, place.current.key)
            outcome.valid = True
            outcome._record = record
        examined.append((outcome, doc, place))
    for outcome, _, _ in examined:
        if outcome.valid:
            outcome.facts = facts_of(outcome._record)
    return examined


class _Loader:
    """Loads the record of an entry that ``scan`` took from the cache or from a worker, when first asked."""

    __slots__ = ("outcome", "store", "key", "path", "relative", "fingerprint", "ctx")

    def __init__(self, outcome: _Outcome, store: _Store | None, key: str, path: str, relative: str,
                 fingerprint: str, ctx: Context) -> None:
        self.outcome, self.store, self.key = outcome, store, key
        self.path, self.relative, self.fingerprint, self.ctx = path, relative, fingerprint, ctx

    def release(self) -> bool:
        """Drop the loaded record when it can be loaded again from its pickled form; True if dropped."""
        outcome = self.outcome
        if outcome._blob is None:
            return False
        outcome._record = None
        return True

    def __call__(self) -> Any:
        outcome = self.outcome
        if outcome._record is not None:
            return outcome._record
        blob = outcome._blob
        if blob is None and self.store is not None:
            blob = self.store.blob(self.key)
        if blob is not None:
            try:
                outcome._record = _load_record(blob)
                outcome._blob = blob
                return outcome._record
            except Exception:  # noqa: BLE001 - a damaged cache: read the file again
                pass
        try:
            raw = _read(self.path, self.relative, 65536)
        except _Unreadable as problem:
            raise RuntimeError(f"{self.relative}: {problem.diagnostic.message_en}") from None
        again = _examine(raw, self.relative, self.ctx)[0] if file_fingerprint(self.relative, raw) == \
            self.fingerprint else None
        if again is None or again._record is None:
            raise RuntimeError(f"{self.relative} changed since it was validated: validate again")
        outcome._record = again._record
        return outcome._record


def _finish(outcome: _Outcome, relative: str, fingerprint: str, ctx: Context, doc: SourceDoc | None,
            place: Resolution | None = None, loader: Any = None) -> tuple[Entry | None, list[Diagnostic]]:
    """Add the file-system image checks to ``outcome``: the entry (when valid) and the file's diagnostics."""
    found = list(outcome.diagnostics)
    if outcome.images:
        extra = check_images(outcome.images, doc, relative, ctx)  # type: ignore[arg-type]
        if extra:
            found = sorted(set(found + extra))
    if found or not outcome.valid:
        return None, found
    slug = relative.rsplit("/", 1)[-1].removesuffix(".yml")
    record = outcome._record
    if record is None or loader is not None:
        return Entry.deferred(slug, relative, place or outcome.resolution(), fingerprint,
                              outcome.facts, loader), []  # type: ignore[arg-type]
    return Entry._made(slug, relative, record, place or outcome.resolution(), fingerprint, outcome.facts), []


def check_bytes(raw: bytes, relative: str, ctx: Context
                ) -> tuple[Entry | None, SourceDoc | None, list[Diagnostic]]:
    """Parse and check one record's content on its own (the file at ``relative``)."""
    outcome, doc, place = _examine(raw, relative, ctx)
    entry, found = _finish(outcome, relative, file_fingerprint(relative, raw), ctx, doc, place)
    return entry, doc, found


class _Unreadable(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


#: What the cache compares of a file's lstat (git's index does the same): device, inode, size,
#: modification and change times in nanoseconds.
Stamp = tuple[int, int, int, int, int]


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _open(path: str, relative: str) -> int:
    try:
        return os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # it became a link since it was listed
            raise _Unreadable(make("symlink", relative, 1, 1, name=path.rsplit("/", 1)[-1])) from None
        raise _Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None


def _read(path: str, relative: str, size: int) -> bytes:
    """The file's bytes, up to ``MAX_BYTES + 1``; never through a symbolic link."""
    handle = _open(path, relative)
    try:
        return _read_open(handle, relative, size)
    finally:
        os.close(handle)


def _read_unlisted(path: str, relative: str) -> tuple[bytes, Stamp]:
    """The bytes and stamp of a file listed without its lstat (a scan with no stamps to compare)."""
    handle = _open(path, relative)
    try:
        try:
            info = os.fstat(handle)
        except OSError as error:
            raise _Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None
        if info.st_size > MAX_BYTES:
            raise _Unreadable(make("file-too-large", relative, 1, 1, size=info.st_size, limit=MAX_BYTES))
        return _read_open(handle, relative, info.st_size), _stamp(info)
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
        raise _Unreadable(make("invalid", relative, 1, 1, detail=error.strerror or str(error))) from None
    return raw


def _read_text(path: str) -> str:
    """A file's text, for a document whose results came from elsewhere (positions on demand)."""
    try:
        return decode(_read(path, path, 65536))
    except _Unreadable as problem:
        raise OSError(problem.diagnostic.message_en) from None


def load_file(path: Path, relative: str, ctx: Context) -> tuple[Entry | None, SourceDoc | None, list[Diagnostic]]:
    """Read, parse and check one record file on its own; never follows a link, never reads past the limit."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return None, None, [make("symlink", relative, 1, 1, name=path.name)]
        if info.st_size > MAX_BYTES:
            return None, None, [make("file-too-large", relative, 1, 1, size=info.st_size, limit=MAX_BYTES)]
    except OSError as error:
        return None, None, [make("invalid", relative, 1, 1, detail=error.strerror or str(error))]
    try:
        raw = _read(os.fspath(path), relative, info.st_size)
    except _Unreadable as problem:
        return None, None, [problem.diagnostic]
    return check_bytes(raw, relative, ctx)


# ---------------------------------------------------------------- the folder

def _entries(folder: Path, stamps: bool = True) -> list[tuple[str, str, Stamp | None]]:
    """Every entry under ``folder`` that must be accounted for: (path, what, stamp).

    ``"file"`` (a regular file), ``"link"`` (a symbolic link, to a file or a
    folder: never followed), ``"special"`` (pipe, socket, device) or
    ``"folder"`` (a real folder named like a record; its content is listed
    too). In the order of ``sorted()`` of their ``Path``: by path components,
    each folder's names sorted and its content listed at its place. The
    stamp of a file (None for the rest) is its lstat's, when ``stamps``:
    else files are told apart by the folder listing alone and each is
    stamped when it is read (``_read_unlisted``), by whichever process reads
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
            found.append((path, what, _stamp(info) if what == "file" else None))
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


def _what(path: Path) -> tuple[str, Stamp | None]:
    try:
        info = path.lstat()
    except OSError:
        return "file", None  # vanished or unreadable: reading it reports why
    mode = info.st_mode
    what = "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "special"
    return what, _stamp(info) if what == "file" else None


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``."""
    index = name.rfind(".")
    return name[index:] if 0 < index < len(name) - 1 else ""


# ---------------------------------------------------------------- the cache

@functools.lru_cache(maxsize=1)
def validator_version() -> str:
    """Digest of everything a file's results depend on besides the file: this code, its data, its libraries."""
    import unicodedata
    from importlib.metadata import PackageNotFoundError, version

    import pydantic
    import pydantic_core

    def installed(name: str) -> str:
        """A library's version without importing it (validation imports it only to explain a mistake)."""
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"goldenbook-records-1")
    for name in ("repository.py", "yamlsource.py", "validation.py", "text.py", "diagnostics.py", "provinces.py",
                 "vocabulary.py", "structure/record.py", "structure/entry.py", "data/provinces.json"):
        digest.update(f"\0{name}\0".encode())
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(b"?")
    versions = (sys.version, unicodedata.unidata_version, pydantic.VERSION, pydantic_core.__version__,
                installed("PyYAML"), installed("python-slugify"), installed("rapidfuzz"),
                installed("confusable-homoglyphs"))
    digest.update(repr(versions).encode())
    return digest.hexdigest()


_MAGIC = b"GBR1"
_SHARDS = "0123456789abcdef"


def _pack(payload: Any) -> bytes:
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def _unpack(raw: bytes) -> Any:
    """The payload of a cache file; ValueError when it is not whole."""
    if len(raw) < 8 or raw[:4] != _MAGIC or zlib.crc32(raw[8:]).to_bytes(4, "big") != raw[4:8]:
        raise ValueError("damaged cache file")
    return pickle.loads(raw[8:])


class _Store:
    """The outcomes by key and the files' lstat → fingerprint, for one repository and validator version.

    On disk: ``index.pickle`` (the lstat index), and for each first hex digit
    X of a key ``meta-X.pickle`` (outcomes, as ``_Outcome.compact()``) and the
    pickled records (``_dump_record``) of shard X, read only when a record is
    asked for: ``blob-X.pickle``, written by ``save``, and ``blob-X-TAG.pickle``,
    each written by one process of a parallel scan for the records it read
    (so that they are neither sent to the parent nor pickled twice). ``save``
    folds the latter into the former the next time shard X changes.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.outcomes: dict[str, _Outcome] = {}
        self.stats: dict[str, tuple[tuple[int, int, int, int, int], str]] = {}
        self.blobs: dict[str, dict[str, bytes]] = {}  # shard → key → blob, as read so far
        self.loaded = False

    def _read(self, name: str) -> Any:
        if self.folder is None:
            return None
        try:
            return _unpack((self.folder / name).read_bytes())
        except Exception:  # noqa: BLE001 - a cache that cannot be read is only slower
            return None

    def load(self) -> None:
        """Read what the disk holds (once); a damaged or unreadable file counts as empty."""
        self.loaded = True
        stats = self._read("index.pickle")
        if isinstance(stats, dict) and all(type(v) is tuple and len(v) == 2 and type(v[0]) is tuple
                                           and type(v[1]) is str for v in stats.values()):
            self.stats = stats
        for shard in _SHARDS:
            kept = self._read(f"meta-{shard}.pickle")
            if isinstance(kept, dict):
                try:
                    outcomes = {key: _Outcome(*compact) for key, compact in kept.items()
                                if type(key) is str and type(compact) is tuple}
                except TypeError:
                    continue
                if len(outcomes) == len(kept):
                    self.outcomes.update(outcomes)

    def _names(self, shard: str) -> list[str]:
        """The blob files of ``shard`` on disk: ``blob-X.pickle`` and those of parallel scans."""
        try:
            listing = os.listdir(self.folder)  # type: ignore[arg-type]
        except OSError:
            return []
        return sorted(name for name in listing if name.endswith(".pickle") and
                      (name == f"blob-{shard}.pickle" or name.startswith(f"blob-{shard}-")))

    def blob(self, key: str) -> bytes | None:
        """The pickled record of ``key``, from the blob files of its shard (read once)."""
        shard = key[0]
        blobs = self.blobs.get(shard)
        if blobs is None:
            blobs = {}
            for name in self._names(shard) if self.folder is not None else ():
                part = self._read(name)
                if isinstance(part, dict):
                    blobs.update(part)
            self.blobs[shard] = blobs
        blob = blobs.get(key)
        return blob if type(blob) is bytes else None

    def save(self, used: dict[str, _Outcome], stats: dict[str, tuple[tuple[int, int, int, int, int], str]],
             written: frozenset[str] | set[str] = frozenset(), files: frozenset[str] | set[str] = frozenset()
             ) -> None:
        """Keep ``used`` (and a few outcomes no file has now: an edit undone, a branch switched back) and
        ``stats``; rewrite only the files that change.

        ``written``: keys whose records this scan's processes wrote to their own
        blob files, ``files`` (names kept in the folder).
        """
        budget = max(256, len(used) // 4)
        for key, outcome in self.outcomes.items():
            if budget <= 0:
                break
            if key not in used:
                used[key] = outcome
                budget -= 1
        changed = {key[0] for key in used.keys() ^ self.outcomes.keys()}
        changed |= {key[0] for key, outcome in used.items() if self.outcomes.get(key) is not outcome}
        changed_index = stats != self.stats
        # Each changed shard's records, before the outcomes are replaced (old blobs come from the old files).
        blobs: dict[str, dict[str, bytes]] = {shard: {} for shard in changed}
        metas: dict[str, dict[str, tuple[Any, ...]]] = {shard: {} for shard in changed}
        for key, outcome in used.items():
            shard = key[0]
            if shard in changed:
                if outcome.valid:
                    blob = None if key in written else outcome.blob() or self.blob(key)
                    if blob is not None:
                        blobs[shard][key] = blob
                    outcome.kept = blob is not None or key in written
                metas[shard][key] = outcome.compact()
        self.outcomes = dict(used)
        self.stats = dict(stats)
        fresh = {name.split("-")[1][:1] for name in files}
        for shard in changed:
            if shard in fresh:
                self.blobs.pop(shard, None)  # read from its files when asked for
            else:
                self.blobs[shard] = blobs[shard]
        if self.folder is None or not (changed or changed_index):
            return
        try:
            listing = os.listdir(self.folder) if self.folder.is_dir() else []
            for shard in sorted(changed):
                for name, payload in ((f"blob-{shard}.pickle", blobs[shard]), (f"meta-{shard}.pickle", metas[shard])):
                    if payload:
                        write_atomically(self.folder / name, _pack(payload))
                    else:
                        (self.folder / name).unlink(missing_ok=True)
                for name in listing:  # blob files of earlier parallel scans: folded into blob-X.pickle
                    if name.startswith(f"blob-{shard}-") and name not in files:
                        (self.folder / name).unlink(missing_ok=True)
            if changed_index:
                write_atomically(self.folder / "index.pickle", _pack(self.stats))
            for other in self.folder.parent.iterdir():  # other versions' caches
                if other.is_dir() and other.name != self.folder.name and not other.name.startswith("."):
                    for item in other.iterdir():
                        item.unlink(missing_ok=True)
                    other.rmdir()
        except OSError:
            pass  # a cache that cannot be written is only slower


#: The stores of this process, by cache folder: ``mkdocs serve`` scans again and again.
_MEMORY: dict[str, _Store] = {}


def clear_memory_cache() -> None:
    """Forget this process's stores (the disk cache stays)."""
    _MEMORY.clear()


def _store_for(root: Path) -> _Store:
    folder = cache_root(root) / CACHE_DIR / validator_version()[:24]
    store = _MEMORY.get(os.fspath(folder))
    if store is None:
        store = _MEMORY[os.fspath(folder)] = _Store(folder)
    if not store.loaded:
        store.load()
    return store


def _salt(ctx: Context) -> bytes:
    return f"{validator_version()}\0{ctx.today.isoformat()}\0{ctx.images_dir}\0".encode("utf-8", "surrogatepass")


def _key(salt: bytes, fingerprint: str) -> str:
    return hashlib.sha256(salt + fingerprint.encode()).hexdigest()


# ---------------------------------------------------------------- reading many files

def _workers(jobs: int | None) -> int:
    """Processes to use: ``jobs``, else as many as the site build uses (``parallel.jobs``)."""
    return jobs if jobs is not None and jobs > 0 else cpu_jobs()


def _write_blobs(folder: Path, tag: str, own_blobs: dict[str, dict[str, bytes]]) -> list[str] | None:
    """Write this process's records, one file per shard; the names written, None if one failed."""
    names = []
    try:
        for shard, part in sorted(own_blobs.items()):
            name = f"blob-{shard}-{tag}.pickle"
            write_atomically(folder / name, _pack(part))
            names.append(name)
    except OSError:
        for name in names:
            (folder / name).unlink(missing_ok=True)
        return None
    return names




class _Parallel:
    """The outcome of a parallel read: the blob files written, and the records they hold."""

    def __init__(self) -> None:
        self.written: set[str] = set()  # keys whose records are in ``files``
        self.files: set[str] = set()


def _send(pipe: Any, payload: Any) -> None:
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(len(body).to_bytes(4, "big") + body)
    pipe.flush()


class _ForkedReader:
    """A forked copy reading its share, as this process receives from it: a message after each chunk
    (``_examine_share``'s answers), then the blob files it wrote (a tuple), then the end of the pipe."""

    def __init__(self, pid: int, read: int) -> None:
        self.pid, self.read = pid, read
        self.buffer = bytearray()
        self.ended = False  # the pipe is closed, or what came through it could not be read
        self.last: tuple[list[str], list[str], dict[str, bytes]] | None = None

    def receive(self, wait: bool) -> list[Any]:
        """The messages that have come whole (all of them up to the end of the pipe, if ``wait``); none
        more once one could not be read (a copy that failed: the files it did not answer for are read
        by the caller)."""
        try:
            return self._hear(wait)
        except Exception:  # noqa: BLE001
            self.ended, self.buffer = True, bytearray()
            return []

    def _hear(self, wait: bool) -> list[Any]:
        if self.ended:
            return []
        os.set_blocking(self.read, wait)
        while not self.ended:
            try:
                data = os.read(self.read, 1 << 20)
            except BlockingIOError:
                break
            if not data:
                self.ended = True
                break
            self.buffer += data
        messages = []
        buffer = self.buffer
        at = 0
        while len(buffer) - at >= 4:
            size = int.from_bytes(buffer[at:at + 4], "big")
            if len(buffer) - at - 4 < size:
                break
            messages.append(pickle.loads(buffer[at + 4:at + 4 + size]))
            at += 4 + size
        del buffer[:at]
        return messages


def _read_in_parallel(todo: list[_ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, _Outcome], jobs: int,
                      store: _Store | None, tag: str, hold: bool = True) -> _Parallel:
    """Read and examine the files of ``todo`` in this process and ``jobs - 1`` forked copies of it.

    Chunks of files go to whichever process is free (``parallel.taken_chunks``). This
    process fills the slots it read itself, as a single process would, and
    settles what they report (``_finish_file``); each copy sends back, pickled
    after each chunk, the compact outcomes of the files it read, which this
    process takes and settles between its own chunks, and, with a cache
    (``store``), writes their records to blob files of its own, as this
    process does for its own. Files that no process answered for (a copy
    that failed) are left for the caller to read.
    """
    folder = store.folder if store is not None else None
    done = _Parallel()
    parts = chunks(len(todo), BATCH)
    try:
        tokens = token_pipe(parts)
    except OSError:
        return done
    copies: list[_ForkedReader] = []

    def take(copy: _ForkedReader, messages: list[Any]) -> None:
        for message in messages:
            if message.__class__ is tuple:  # the last: the blob files it wrote
                copy.last = message
                continue
            for index, fingerprint, key, answer, blob, stamp in message:
                slot = todo[index]
                slot.fingerprint, slot.key, slot.stamp = fingerprint, key, stamp
                if answer.__class__ is tuple:
                    answer = _Outcome(*answer)
                    answer._blob = blob
                elif answer == "known":
                    answer = outcomes[key]
                slot.outcome = answer
                if answer.__class__ is _Outcome:
                    _finish_file(slot, ctx, store, True)

    try:
        for number in range(1, jobs):
            try:
                read, write = os.pipe()
                pid = os.fork()
            except OSError:
                break
            if pid == 0:  # a copy: its share, then leave without the parent's cleanup
                status = 1
                try:
                    os.close(read)
                    import logging

                    logging.disable(logging.CRITICAL)  # workers never log: the parent reports
                    own_blobs: dict[str, dict[str, bytes]] = {}
                    with os.fdopen(write, "wb") as pipe:
                        for answers in _examine_share(todo, taken_chunks(tokens, parts), ctx, salt, outcomes,
                                                      own_blobs if folder is not None else None, hold):
                            _send(pipe, answers)
                        names = _write_blobs(folder, f"{tag}-{number}", own_blobs) if own_blobs else None
                        written = [key for part in own_blobs.values() for key in part] if names is not None else []
                        unsent = {key: blob for part in own_blobs.values() for key, blob in part.items()} \
                            if names is None else {}  # they could not be written: sent instead
                        _send(pipe, (names or [], written, unsent))
                    status = 0
                finally:
                    os._exit(status)
            os.close(write)
            copies.append(_ForkedReader(pid, read))
        if copies:
            try:
                import fcntl  # room for the answers of a few chunks while this process works on its own

                fcntl.fcntl(copies[-1].read, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
            except (ImportError, OSError):
                pass
        # This process's share, kept as a single process keeps it (documents, places, records in memory),
        # except in a large read or when the caller does not ``hold`` them: there its records stay
        # pickled (or are read again) and its documents are read again when a message needs a
        # position, as for the copies' files (100,000 of each would not fit).
        own_blobs = {}
        keep = folder is not None and bool(copies) and hold
        keep_pickled = not hold or len(todo) >= LARGE_BUILD
        for part in taken_chunks(tokens, parts):
            batch = [todo[index] for index in part]
            _fill(batch, ctx, salt, outcomes, hold)
            for slot in batch:
                outcome = slot.outcome
                if outcome.__class__ is not _Outcome:
                    continue
                if outcome._record is not None and outcomes.get(slot.key) is not outcome:  # read just now
                    if keep:
                        own_blobs.setdefault(slot.key[0], {})[slot.key] = outcome.blob()  # type: ignore[index]
                    if keep_pickled and (keep or not hold):  # without a blob, a record asked for is read again
                        outcome._record = None
                        slot.doc = slot.place = None
                _finish_file(slot, ctx, store, True)  # what the scan reports of it
            for copy in copies:  # and of the copies' files that have come meanwhile
                take(copy, copy.receive(False))
        if own_blobs:
            names = _write_blobs(folder, f"{tag}-0", own_blobs)  # type: ignore[arg-type]
            if names is not None:
                done.files.update(names)
                done.written.update(key for part in own_blobs.values() for key in part)
    finally:
        os.close(tokens)
        for copy in copies:
            try:
                take(copy, copy.receive(True))
            finally:
                os.close(copy.read)
                _, status = os.waitpid(copy.pid, 0)
            if status == 0 and copy.last is not None:
                names, written, unsent = copy.last
                done.files.update(names)
                done.written.update(written)
                if unsent:
                    for slot in todo:
                        if slot.key in unsent and slot.outcome.__class__ is _Outcome:
                            slot.outcome._blob = unsent[slot.key]
    return done


def _examine_share(todo: list[_ListedFile], parts: Iterable[range], ctx: Context, salt: bytes,
                   known: dict[str, _Outcome], own_blobs: dict[str, dict[str, bytes]] | None, hold: bool = True
                   ) -> Iterator[list[tuple[int, Any, Any, Any, Any, Any]]]:
    """Read and examine the files of ``todo`` in ``parts`` (chunks of indices) in a forked copy.

    Answers, a chunk at a time, ``(index, fingerprint, key, answer, blob, stamp)``,
    where the answer is the compact outcome, ``"known"`` (the key has an
    outcome already) or the diagnostic of a file that could not be read;
    records pickled, by shard and key, in ``own_blobs`` when given (else in the
    answers), and not at all unless ``hold``.
    """
    for part in parts:
        answers: list[tuple[int, Any, Any, Any, Any, Any]] = []
        batch = [todo[index] for index in part]
        _fill(batch, ctx, salt, known, hold)
        for index, slot in zip(part, batch):
            outcome, key = slot.outcome, slot.key
            slot.outcome = slot.doc = slot.place = None  # only the answer is kept
            if outcome.__class__ is not _Outcome:
                answers.append((index, None, None, outcome, None, None))
                continue
            if known.get(key) is outcome:  # type: ignore[arg-type]
                answers.append((index, slot.fingerprint, key, "known", None, slot.stamp))
                continue
            blob = outcome.blob() if hold else None
            if own_blobs is not None and blob is not None:
                own_blobs.setdefault(key[0], {})[key] = blob  # type: ignore[index]
                blob = None
            answers.append((index, slot.fingerprint, key, outcome.compact(), blob, slot.stamp))
        yield answers


#: Files read and examined together (``_examine_many``), and the smallest chunk of a parallel read.
BATCH = 32


def _fill(slots: Sequence[_ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, _Outcome], hold: bool = True
          ) -> None:
    """Read and examine the files of ``slots`` here, together (each unless its content's outcome is known
    and ``serves``)."""
    raws: list[bytes | None] = []
    for slot in slots:
        try:
            if slot.stamp is None:
                raw, slot.stamp = _read_unlisted(slot.path, slot.relative)
            else:
                raw = _read(slot.path, slot.relative, slot.stamp[2])
        except _Unreadable as problem:
            slot.outcome = problem.diagnostic
            raw = None
        raws.append(raw)
    pending: list[_ListedFile] = []
    contents: list[bytes] = []
    for slot, raw in zip(slots, raws):
        if raw is None:
            continue
        slot.fingerprint = fingerprint = file_fingerprint(slot.relative, raw)
        slot.key = key = _key(salt, fingerprint)
        outcome = outcomes.get(key)
        if outcome is not None and outcome.serves(hold):
            slot.outcome = outcome
        else:
            pending.append(slot)
            contents.append(raw)
    if pending:
        examined = _examine_many(contents, [slot.relative for slot in pending], ctx)
        for slot, (outcome, doc, place) in zip(pending, examined):
            slot.outcome, slot.doc, slot.place = outcome, doc, place


# ---------------------------------------------------------------- scan

def scan(root: Path, *, ctx: Context | None = None, extra: Iterable[Path] = (), cache: bool = True,
         jobs: int | None = None, hold: bool = True, allow_empty: bool | None = None) -> Scan:
    """Read every file under ``root/initiatives`` (and ``extra`` files) and check them all.

    ``cache``: use and update the cache (in memory and in ``cache_root(root)``);
    ``jobs``: worker processes for files not in the cache (None:
    ``GOLDENBOOK_JOBS`` or one per CPU; 1: none), used when there are more
    than ``PARALLEL_FROM``; ``allow_empty``: a records folder without
    records is not an error (None: ``GOLDENBOOK_ALLOW_EMPTY=1``; for a new
    installation only); ``hold=False``: a parallel read keeps none of
    the documents and records it read, in memory or in the cache (they are
    read again if asked for): less memory and a fifth less time for a caller
    that only reports, such as ``goldenbook validate``. A scan that holds
    records (a build) reads again the files whose outcome the cache has
    without their record, to keep it.
    """
    # A scan makes a great many small objects and little cyclic garbage: the
    # cycle collector would spend a third of the time finding nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _scan(root, ctx, extra, cache, jobs, hold)
    finally:
        if collecting:
            gc.enable()
    if allow_empty is None:
        allow_empty = os.environ.get(ALLOW_EMPTY_ENV, "") not in ("", "0")
    problem = _records_folder_problem(Path(root), result, allow_empty)
    if problem is not None:
        result.diagnostics.insert(0, problem)
    return result


def _records_folder_problem(root: Path, result: Scan, allow_empty: bool) -> Diagnostic | None:
    """``initiatives/`` must be a real folder inside the repository, holding records (unless allowed empty).

    A link, a missing folder or one emptied by mistake would otherwise give a site with no records and
    a report of "0 found" that nobody reads.
    """
    folder = Path(root) / RECORDS_DIR
    if folder.is_symlink():
        try:
            target = os.readlink(folder)
        except OSError:
            target = "?"
        return make("records-folder-link", RECORDS_DIR, 1, 1, folder=RECORDS_DIR, target=target)
    if not folder.exists():
        return None if allow_empty else make("records-folder-missing", RECORDS_DIR, 1, 1, folder=RECORDS_DIR, env=ALLOW_EMPTY_ENV, found="")
    if not folder.is_dir():
        return make("records-folder-missing", RECORDS_DIR, 1, 1, folder=RECORDS_DIR, env=ALLOW_EMPTY_ENV,
                    found=" (chỉ có một tệp cùng tên, không phải thư mục)")
    records = len(result.files) - len(result.not_records)
    if records == 0 and not allow_empty:
        found = (f"{len(result.not_records)} tệp nhưng không tệp nào là hồ sơ .yml" if result.not_records
                 else "thư mục rỗng")
        return make("records-folder-empty", RECORDS_DIR, 1, 1, folder=RECORDS_DIR, found=found, env=ALLOW_EMPTY_ENV)
    return None


class _ListedFile:
    """One record file of a scan: filled from the cache, by reading it here, or by a worker."""

    __slots__ = ("relative", "path", "stamp", "fingerprint", "key", "outcome", "doc", "place", "settled")

    def __init__(self, relative: str, path: str, stamp: Stamp | None) -> None:
        self.relative, self.path, self.stamp = relative, path, stamp  # stamp: None until read, if not listed
        self.fingerprint: str | None = None
        self.key: str | None = None
        self.outcome: Any = None  # _Outcome, or the Diagnostic of a file that could not be read
        self.doc: SourceDoc | None = None  # when read here
        self.place: Resolution | None = None
        self.settled: tuple[SourceDoc | None, Entry | None, list[Diagnostic]] | None = None  # by _finish_file


def _finish_file(slot: _ListedFile, ctx: Context, store: _Store | None, parallel: bool) -> None:
    """What a read slot reports: its document, and its entry or its diagnostics (``slot.settled``)."""
    outcome = slot.outcome
    doc = slot.doc
    if outcome.parsed and doc is None:
        doc = SourceDoc.deferred(functools.partial(_read_text, slot.path))
    # After a parallel read every record is loaded when first asked for, wherever it was read.
    loader = None if not outcome.valid or (outcome._record is not None and not parallel) else \
        _Loader(outcome, store, slot.key, slot.path, slot.relative, slot.fingerprint, ctx)  # type: ignore[arg-type]
    entry, found = _finish(outcome, slot.relative, slot.fingerprint, ctx, doc, slot.place, loader)  # type: ignore[arg-type]
    slot.settled = (doc, entry, found)


def _scan(root: Path, ctx: Context | None, extra: Iterable[Path], cache: bool, jobs: int | None,
          hold: bool = True) -> Scan:
    started = time.time_ns()
    root = Path(root).resolve()
    ctx = ctx or Context(root=root, images_dir=IMAGES_DIR)
    ctx._image_states.clear()  # the file system is asked again on every scan
    result = Scan(root=root)
    store = _store_for(root) if cache else None
    known = store.stats if store is not None else {}
    outcomes = store.outcomes if store is not None else {}
    folder = root / RECORDS_DIR
    # Each file's lstat is compared with the one the cache remembers: with none remembered, each file is
    # stamped when it is read instead (in parallel), not here.
    listing = _entries(folder, stamps=bool(known)) if folder.is_dir() and not folder.is_symlink() else []
    if extra:
        known_paths = {path for path, _, _ in listing}
        # Files named on the command line: their folder resolved, the file itself not followed if it is a link.
        named = [Path(p).absolute().parent.resolve() / Path(p).name for p in extra]
        for path in dict.fromkeys(named):
            if os.fspath(path) not in known_paths:
                listing.append((os.fspath(path), *_what(path)))

    salt = _salt(ctx)
    root_prefix = os.fspath(root).rstrip("/") + "/"
    slots: list[_ListedFile] = []
    order: list[Any] = []  # for each listed record file, in order: its _ListedFile, or (relative, Diagnostic)
    for path, what, stamp in listing:
        name = path[path.rfind("/") + 1:]
        relative = _relative(path, root_prefix)
        if what == "file" and name in IGNORED_NAMES:
            continue
        result.files.append(relative)
        if what == "link":
            order.append((relative, make("symlink", relative, 1, 1, name=name)))
            continue
        if what != "file" or _suffix(name) != ".yml":
            fix = _not_a_record_fix(name)
            if what == "folder":
                fix = "Đây là một thư mục; hồ sơ phải là một tệp .yml. Đổi tên thư mục (bỏ đuôi .yml)."
            elif what == "special":
                fix = "Đây không phải tệp thông thường (pipe, socket, thiết bị): xóa khỏi thư mục initiatives/."
            result.not_records.append(relative)
            result.diagnostics.append(make("not-a-record", relative, 1, 1, severity="warning", name=name, fix=fix))
            continue
        if stamp is not None and stamp[2] > MAX_BYTES:
            order.append((relative, make("file-too-large", relative, 1, 1, size=stamp[2], limit=MAX_BYTES)))
            continue
        slot = _ListedFile(relative, path, stamp)
        seen = known.get(relative) if stamp is not None else None
        if seen is not None and seen[0] == stamp:
            key = _key(salt, seen[1])
            outcome = outcomes.get(key)
            if outcome is not None and outcome.serves(hold):
                slot.fingerprint, slot.key, slot.outcome = seen[1], key, outcome
        slots.append(slot)
        order.append(slot)

    # Read what the cache did not answer: shared with forked copies of this process when there is much.
    todo = [slot for slot in slots if slot.outcome is None]
    workers = _workers(jobs)
    parallel: _Parallel | None = None
    if len(todo) > PARALLEL_FROM and workers > 1 and hasattr(os, "fork"):
        tag = f"{os.getpid():x}{started:x}"
        parallel = _read_in_parallel(todo, ctx, salt, outcomes, workers, store, tag, hold)
    unread = [slot for slot in todo if slot.outcome is None]
    for start in range(0, len(unread), BATCH):
        _fill(unread[start:start + BATCH], ctx, salt, outcomes, hold)

    # Report, in the order of the listing.
    kinds: dict[str, str] = {}
    used: dict[str, _Outcome] = {}
    stats: dict[str, tuple[tuple[int, int, int, int, int], str]] = {}
    recent = started - _RACY_NS
    for item in order:
        if item.__class__ is tuple:
            relative, diagnostic = item
            result.invalid.append(relative)
            result.diagnostics.append(diagnostic)
            continue
        relative, outcome = item.relative, item.outcome
        if outcome.__class__ is not _Outcome:  # could not be read
            result.invalid.append(relative)
            result.diagnostics.append(outcome)
            continue
        if item.settled is None:
            _finish_file(item, ctx, store, parallel is not None)
        doc, entry, found = item.settled
        if outcome.parsed:
            result.docs[relative] = doc
        if entry is None:
            result.invalid.append(relative)
            result.diagnostics.extend(found)
            kinds[relative] = outcome.kind
        else:
            result.entries.append(entry)
        if store is not None:
            used[item.key] = outcome  # type: ignore[index]
            stamp = item.stamp
            if stamp is not None and stamp[3] < recent and stamp[4] < recent:
                stats[relative] = (stamp, item.fingerprint)  # type: ignore[assignment]
    if store is not None:
        if parallel is not None:
            store.save(used, stats, parallel.written, parallel.files)
        else:
            store.save(used, stats)

    invalid_kinds = {Path(file).name.removesuffix(".yml"): kinds.get(file, "initiative") for file in result.invalid}
    collection = check_collection(result.entries, result.docs, invalid_kinds)
    if collection:
        bad = {d.file for d in collection if d.severity == "error"}
        result.invalid.extend(sorted(bad))
        result.entries = [e for e in result.entries if e.source not in bad]
        result.diagnostics.extend(collection)
    result.diagnostics.sort()
    result.entries.sort(key=lambda e: e.slug)
    return result


def _kind_of(doc: SourceDoc | None) -> str:
    kind = doc.data.get("kind", "initiative") if doc is not None else "initiative"
    return kind if isinstance(kind, str) else "initiative"


def _relative(path: str, root_prefix: str) -> str:
    """The path shown to editors: relative, with ``/``; undecodable or invisible characters spelt out."""
    if path.startswith(root_prefix):
        text = path[len(root_prefix):]
    else:
        text = Path(path).as_posix()
    if len(text) <= 10_000 and text.isprintable():  # no surrogate, nothing to spell out: as it is
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable(text, limit=10_000)
