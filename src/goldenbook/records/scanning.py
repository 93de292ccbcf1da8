"""The scan: every file under the records folder, each accounted for, and the checks across records."""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..diagnostics import Diagnostic, make, printable
from ..parallel import can_fork
from ..validation import Context, check_collection
from ..yamlsource import MAX_BYTES, SourceDoc
from ..structure.entry import Entry
from .cache import key_salt, outcome_key, store_for
from .examining import Outcome
from .listing import folder_entries, not_a_record_fix, suffix, what_is
from .parallel_read import BATCH, ListedFile, fill, finish_file, read_in_parallel, worker_count
from .paths import ALLOW_EMPTY_ENV, IGNORED_NAMES, IMAGES_DIR, RECORDS_DIR

#: Files not in the cache above which reading is spread over worker processes.
PARALLEL_FROM = 200
#: A file whose times are this recent (ns) is read again rather than trusted by its lstat.
_RACY_NS = 2_000_000_000


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
    read again if asked for): less memory and time for a caller that only
    reports, such as ``goldenbook validate``. A scan that holds
    records (a build) reads again the files whose outcome the cache has
    without their record, to keep it.
    """
    # A scan makes a great many small objects and little cyclic garbage: the cycle collector would
    # spend its time finding nothing (docs/design/fast-paths.md).
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


def _scan(root: Path, ctx: Context | None, extra: Iterable[Path], cache: bool, jobs: int | None,
          hold: bool = True) -> Scan:
    started = time.time_ns()
    root = Path(root).resolve()
    ctx = ctx or Context(root=root, images_dir=IMAGES_DIR)
    ctx._image_states.clear()  # the file system is asked again on every scan
    result = Scan(root=root)
    store = store_for(root) if cache else None
    known = store.stats if store is not None else {}
    outcomes = store.outcomes if store is not None else {}
    folder = root / RECORDS_DIR
    # Each file's lstat is compared with the one the cache remembers: with none remembered, each file is
    # stamped when it is read instead (in parallel), not here.
    listing = folder_entries(folder, stamps=bool(known)) if folder.is_dir() and not folder.is_symlink() else []
    if extra:
        known_paths = {path for path, _, _ in listing}
        # Files named on the command line: their folder resolved, the file itself not followed if it is a link.
        named = [Path(p).absolute().parent.resolve() / Path(p).name for p in extra]
        for path in dict.fromkeys(named):
            if os.fspath(path) not in known_paths:
                listing.append((os.fspath(path), *what_is(path)))

    salt = key_salt(ctx)
    root_prefix = os.fspath(root).rstrip("/") + "/"
    slots: list[ListedFile] = []
    order: list[Any] = []  # for each listed record file, in order: its ListedFile, or (relative, Diagnostic)
    for path, what, stamp in listing:
        name = path[path.rfind("/") + 1:]
        relative = _relative(path, root_prefix)
        if what == "file" and name in IGNORED_NAMES:
            continue
        result.files.append(relative)
        if what == "link":
            order.append((relative, make("symlink", relative, 1, 1, name=name)))
            continue
        if what != "file" or suffix(name) != ".yml":
            fix = not_a_record_fix(name)
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
        slot = ListedFile(relative, path, stamp)
        seen = known.get(relative) if stamp is not None else None
        if seen is not None and seen[0] == stamp:
            key = outcome_key(salt, seen[1])
            outcome = outcomes.get(key)
            if outcome is not None and outcome.serves(hold):
                slot.fingerprint, slot.key, slot.outcome = seen[1], key, outcome
        slots.append(slot)
        order.append(slot)

    # Read what the cache did not answer: shared with forked workers when there is much.
    todo = [slot for slot in slots if slot.outcome is None]
    workers = worker_count(jobs)
    parallel = len(todo) > PARALLEL_FROM and workers > 1 and can_fork()
    if parallel:
        read_in_parallel(todo, ctx, salt, outcomes, workers, store, hold)
    unread = [slot for slot in todo if slot.outcome is None]
    for start in range(0, len(unread), BATCH):
        fill(unread[start:start + BATCH], ctx, salt, outcomes, hold)

    # Report, in the order of the listing.
    kinds: dict[str, str] = {}
    used: dict[str, Outcome] = {}
    stats: dict[str, tuple[tuple[int, int, int, int, int], str]] = {}
    recent = started - _RACY_NS
    for item in order:
        if item.__class__ is tuple:
            relative, diagnostic = item
            result.invalid.append(relative)
            result.diagnostics.append(diagnostic)
            continue
        relative, outcome = item.relative, item.outcome
        if outcome.__class__ is not Outcome:  # could not be read
            result.invalid.append(relative)
            result.diagnostics.append(outcome)
            continue
        if item.settled is None:
            finish_file(item, ctx, store, parallel)
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
