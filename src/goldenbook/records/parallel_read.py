"""Reading and examining many files: a batch at a time here (``fill``), or shared with forked copies
of this process (``read_in_parallel``), and what each listed file then reports (``finish_file``)."""

from __future__ import annotations

import functools
import os
import pickle
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..diagnostics import Diagnostic
from ..files import write_atomically
from ..limits import LARGE_BUILD
from ..parallel import chunks, jobs as cpu_jobs, taken_chunks, token_pipe
from ..provinces import Resolution
from ..structure.entry import Entry, file_fingerprint
from ..validation import Context
from ..yamlsource import SourceDoc
from .cache import Store, outcome_key, pack
from .examining import Loader, Outcome, examine_many, finish
from .reading import Stamp, Unreadable, read_file, read_text, read_unlisted


def worker_count(jobs: int | None) -> int:
    """Processes to use: ``jobs``, else as many as the site build uses (``parallel.jobs``)."""
    return jobs if jobs is not None and jobs > 0 else cpu_jobs()


def _write_blobs(folder: Path, tag: str, own_blobs: dict[str, dict[str, bytes]]) -> list[str] | None:
    """Write this process's records, one file per shard; the names written, None if one failed."""
    names = []
    try:
        for shard, part in sorted(own_blobs.items()):
            name = f"blob-{shard}-{tag}.pickle"
            write_atomically(folder / name, pack(part))
            names.append(name)
    except OSError:
        for name in names:
            (folder / name).unlink(missing_ok=True)
        return None
    return names


class Parallel:
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


def read_in_parallel(todo: list[ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, Outcome], jobs: int,
                      store: Store | None, tag: str, hold: bool = True) -> Parallel:
    """Read and examine the files of ``todo`` in this process and ``jobs - 1`` forked copies of it.

    Chunks of files go to whichever process is free (``parallel.taken_chunks``). This
    process fills the slots it read itself, as a single process would, and
    settles what they report (``finish_file``); each copy sends back, pickled
    after each chunk, the compact outcomes of the files it read, which this
    process takes and settles between its own chunks, and, with a cache
    (``store``), writes their records to blob files of its own, as this
    process does for its own. Files that no process answered for (a copy
    that failed) are left for the caller to read.
    """
    folder = store.folder if store is not None else None
    done = Parallel()
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
                    answer = Outcome(*answer)
                    answer._blob = blob
                elif answer == "known":
                    answer = outcomes[key]
                slot.outcome = answer
                if answer.__class__ is Outcome:
                    finish_file(slot, ctx, store, True)

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
            fill(batch, ctx, salt, outcomes, hold)
            for slot in batch:
                outcome = slot.outcome
                if outcome.__class__ is not Outcome:
                    continue
                if outcome._record is not None and outcomes.get(slot.key) is not outcome:  # read just now
                    if keep:
                        own_blobs.setdefault(slot.key[0], {})[slot.key] = outcome.blob()  # type: ignore[index]
                    if keep_pickled and (keep or not hold):  # without a blob, a record asked for is read again
                        outcome._record = None
                        slot.doc = slot.place = None
                finish_file(slot, ctx, store, True)  # what the scan reports of it
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
                        if slot.key in unsent and slot.outcome.__class__ is Outcome:
                            slot.outcome._blob = unsent[slot.key]
    return done


def _examine_share(todo: list[ListedFile], parts: Iterable[range], ctx: Context, salt: bytes,
                   known: dict[str, Outcome], own_blobs: dict[str, dict[str, bytes]] | None, hold: bool = True
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
        fill(batch, ctx, salt, known, hold)
        for index, slot in zip(part, batch):
            outcome, key = slot.outcome, slot.key
            slot.outcome = slot.doc = slot.place = None  # only the answer is kept
            if outcome.__class__ is not Outcome:
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


#: Files read and examined together (``examine_many``), and the smallest chunk of a parallel read.
BATCH = 32


def fill(slots: Sequence[ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, Outcome], hold: bool = True
          ) -> None:
    """Read and examine the files of ``slots`` here, together (each unless its content's outcome is known
    and ``serves``)."""
    raws: list[bytes | None] = []
    for slot in slots:
        try:
            if slot.stamp is None:
                raw, slot.stamp = read_unlisted(slot.path, slot.relative)
            else:
                raw = read_file(slot.path, slot.relative, slot.stamp[2])
        except Unreadable as problem:
            slot.outcome = problem.diagnostic
            raw = None
        raws.append(raw)
    pending: list[ListedFile] = []
    contents: list[bytes] = []
    for slot, raw in zip(slots, raws):
        if raw is None:
            continue
        slot.fingerprint = fingerprint = file_fingerprint(slot.relative, raw)
        slot.key = key = outcome_key(salt, fingerprint)
        outcome = outcomes.get(key)
        if outcome is not None and outcome.serves(hold):
            slot.outcome = outcome
        else:
            pending.append(slot)
            contents.append(raw)
    if pending:
        examined = examine_many(contents, [slot.relative for slot in pending], ctx)
        for slot, (outcome, doc, place) in zip(pending, examined):
            slot.outcome, slot.doc, slot.place = outcome, doc, place


class ListedFile:
    """One record file of a scan: filled from the cache, by reading it here, or by a worker."""

    __slots__ = ("relative", "path", "stamp", "fingerprint", "key", "outcome", "doc", "place", "settled")

    def __init__(self, relative: str, path: str, stamp: Stamp | None) -> None:
        self.relative, self.path, self.stamp = relative, path, stamp  # stamp: None until read, if not listed
        self.fingerprint: str | None = None
        self.key: str | None = None
        self.outcome: Any = None  # Outcome, or the Diagnostic of a file that could not be read
        self.doc: SourceDoc | None = None  # when read here
        self.place: Resolution | None = None
        self.settled: tuple[SourceDoc | None, Entry | None, list[Diagnostic]] | None = None  # by finish_file


def finish_file(slot: ListedFile, ctx: Context, store: Store | None, parallel: bool) -> None:
    """What a read slot reports: its document, and its entry or its diagnostics (``slot.settled``)."""
    outcome = slot.outcome
    doc = slot.doc
    if outcome.parsed and doc is None:
        doc = SourceDoc.deferred(functools.partial(read_text, slot.path))
    # After a parallel read every record is loaded when first asked for, wherever it was read.
    loader = None if not outcome.valid or (outcome._record is not None and not parallel) else \
        Loader(outcome, store, slot.key, slot.path, slot.relative, slot.fingerprint, ctx)  # type: ignore[arg-type]
    entry, found = finish(outcome, slot.relative, slot.fingerprint, ctx, doc, slot.place, loader)  # type: ignore[arg-type]
    slot.settled = (doc, entry, found)
