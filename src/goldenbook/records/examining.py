"""One file on its own: parse, shape and meaning (``Outcome``, what the cache keeps), and its entry."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, make
from ..provinces import Resolution, load_register
from ..structure.entry import Entry, facts_of, file_fingerprint
from ..validation import Context, check_images, check_meaning, check_shape
from ..yamlsource import MAX_BYTES, SourceDoc, YamlProblem, read_document
from .reading import Unreadable, read_file

if TYPE_CHECKING:
    from .cache import Store


class Outcome:
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
        """The record, pickled (when it is in memory one way or the other)."""
        if self._blob is None and self._record is not None:
            self._blob = pickle.dumps(self._record, protocol=pickle.HIGHEST_PROTOCOL)
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
        return (Outcome, self.compact())


#: Resolutions by (historic key, current key): the register never changes, so they are shared.
_RESOLUTIONS: dict[tuple[str | None, str], Resolution] = {}


def examine(raw: bytes, relative: str, ctx: Context) -> tuple[Outcome, SourceDoc | None, Resolution | None]:
    """Parse and check one file's content on its own, leaving out the file-system image checks."""
    try:
        doc = read_document(raw)
    except YamlProblem as problem:
        return Outcome(False, "initiative", (make(problem.code, relative, problem.position.line,
                                                  problem.position.column, **problem.params),)), None, None
    record, problems = check_shape(doc, relative)
    images: list[tuple[int, str]] = []
    place, meaning = check_meaning(doc.data, doc, relative, ctx, images=images)
    found = tuple(sorted(set(problems + meaning))) if problems or meaning else ()
    outcome = Outcome(True, _kind_of(doc), found, tuple(images))
    if record is not None and place is not None and not found:
        outcome.place = (place.historic.key if place.historic else None, place.current.key)
        outcome.valid = True
        outcome._record = record
        outcome.facts = facts_of(record)
    return outcome, doc, place


class Loader:
    """Loads the record of an entry that ``scan`` took from the cache or from a worker, when first asked."""

    __slots__ = ("outcome", "store", "key", "path", "relative", "fingerprint", "ctx")

    def __init__(self, outcome: Outcome, store: Store | None, key: str, path: str, relative: str,
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
                outcome._record = pickle.loads(blob)
                outcome._blob = blob
                return outcome._record
            except Exception:  # noqa: BLE001 - a damaged cache: read the file again
                pass
        try:
            raw = read_file(self.path, self.relative, 65536)
        except Unreadable as problem:
            raise RuntimeError(f"{self.relative}: {problem.diagnostic.message_en}") from None
        again = examine(raw, self.relative, self.ctx)[0] if file_fingerprint(self.relative, raw) == \
            self.fingerprint else None
        if again is None or again._record is None:
            raise RuntimeError(f"{self.relative} changed since it was validated: validate again")
        outcome._record = again._record
        return outcome._record


def finish(outcome: Outcome, relative: str, fingerprint: str, ctx: Context, doc: SourceDoc | None,
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
    outcome, doc, place = examine(raw, relative, ctx)
    entry, found = finish(outcome, relative, file_fingerprint(relative, raw), ctx, doc, place)
    return entry, doc, found


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
        raw = read_file(os.fspath(path), relative, info.st_size)
    except Unreadable as problem:
        return None, None, [problem.diagnostic]
    return check_bytes(raw, relative, ctx)


def _kind_of(doc: SourceDoc | None) -> str:
    kind = doc.data.get("kind", "initiative") if doc is not None else "initiative"
    return kind if isinstance(kind, str) else "initiative"
