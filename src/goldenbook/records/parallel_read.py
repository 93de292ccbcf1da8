"""Reading and examining many files: a batch at a time here (``fill``), or shared with forked workers
(``read_in_parallel``), and what each listed file then reports (``finish_file``)."""

from __future__ import annotations

import functools
import pickle
from typing import Any, Sequence

from ..diagnostics import Diagnostic
from ..limits import LARGE_BUILD
from ..parallel import chunks, jobs as cpu_jobs, results
from ..provinces import Resolution
from ..structure.entry import Entry, file_fingerprint
from ..validation import Context
from ..yamlsource import SourceDoc
from .cache import Store, outcome_key
from .examining import Loader, Outcome, examine, finish
from .reading import Stamp, Unreadable, read_file, read_text, read_unlisted


def worker_count(jobs: int | None) -> int:
    """Processes to use: ``jobs``, else as many as the site build uses (``parallel.jobs``)."""
    return jobs if jobs is not None and jobs > 0 else cpu_jobs()


def read_in_parallel(todo: list[ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, Outcome], jobs: int,
                     store: Store | None, hold: bool = True) -> None:
    """Read and examine the files of ``todo`` in ``jobs`` forked workers (``parallel.results``).

    Chunks of files go to whichever worker is free; each answers with the
    compact outcomes of its files (and, when ``hold``, their records pickled),
    which this process settles (``finish_file``) as they come. Files that no
    worker answered for (one that failed, or none could be started) are left
    for the caller to read.
    """
    parts = chunks(len(todo), BATCH)
    # A build holds its records, as one process reading them would (and its page and output workers,
    # forked later, find them loaded); a large build keeps them pickled until asked for (``LARGE_BUILD``).
    load = hold and len(todo) < LARGE_BUILD
    try:
        for _, answers in results(parts, lambda part: _examine_chunk(todo, part, ctx, salt, outcomes, hold),
                                  workers=jobs):
            for index, fingerprint, key, answer, blob, stamp in answers:
                slot = todo[index]
                slot.fingerprint, slot.key, slot.stamp = fingerprint, key, stamp
                if answer.__class__ is tuple:
                    answer = Outcome(*answer)
                    answer._blob = blob
                    if load and blob is not None:
                        answer._record = pickle.loads(blob)
                elif answer == "known":
                    answer = outcomes[key]
                slot.outcome = answer
                if answer.__class__ is Outcome:
                    finish_file(slot, ctx, store, True)
    except (OSError, RuntimeError):
        pass


def _examine_chunk(todo: list[ListedFile], part: range, ctx: Context, salt: bytes, known: dict[str, Outcome],
                   hold: bool) -> list[tuple[int, Any, Any, Any, Any, Any]]:
    """In a worker: read and examine the files of ``todo`` at the indices ``part``.

    Answers ``(index, fingerprint, key, answer, blob, stamp)`` for each, where
    the answer is the compact outcome, ``"known"`` (the key has an outcome
    already) or the diagnostic of a file that could not be read, and the blob
    the record pickled (only when ``hold``).
    """
    answers: list[tuple[int, Any, Any, Any, Any, Any]] = []
    batch = [todo[index] for index in part]
    fill(batch, ctx, salt, known, hold)
    for index, slot in zip(part, batch):
        outcome, key = slot.outcome, slot.key
        if outcome.__class__ is not Outcome:
            answers.append((index, None, None, outcome, None, None))
        elif known.get(key) is outcome:  # type: ignore[arg-type]
            answers.append((index, slot.fingerprint, key, "known", None, slot.stamp))
        else:
            answers.append((index, slot.fingerprint, key, outcome.compact(), outcome.blob() if hold else None,
                            slot.stamp))
    return answers


#: Files read together (``fill``), and the smallest chunk of a parallel read.
BATCH = 32


def fill(slots: Sequence[ListedFile], ctx: Context, salt: bytes, outcomes: dict[str, Outcome], hold: bool = True
         ) -> None:
    """Read and examine the files of ``slots`` here (each unless its content's outcome is known and
    ``serves``)."""
    for slot in slots:
        try:
            if slot.stamp is None:
                raw, slot.stamp = read_unlisted(slot.path, slot.relative)
            else:
                raw = read_file(slot.path, slot.relative, slot.stamp[2])
        except Unreadable as problem:
            slot.outcome = problem.diagnostic
            continue
        slot.fingerprint = fingerprint = file_fingerprint(slot.relative, raw)
        slot.key = key = outcome_key(salt, fingerprint)
        outcome = outcomes.get(key)
        if outcome is not None and outcome.serves(hold):
            slot.outcome = outcome
        else:
            slot.outcome, slot.doc, slot.place = examine(raw, slot.relative, ctx)


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
