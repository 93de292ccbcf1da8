"""The one worker pool: independent work done by forked copies of this process.

Rendering 10,000 pages or reading 10,000 records is the same small job
10,000 times, with everything it needs already in memory. Workers are forked
(``concurrent.futures.ProcessPoolExecutor``, ``fork`` context) so that they
start with that memory, copy-on-write; the work itself is never pickled: it is left where the workers
find it when they are forked (``_WORK``), and only an item's number and what
it returns cross a pipe, between this process and its own children. The
collector is frozen around the fork, so that workers do not copy the heap
page by page when it walks it. Why a pool and not hand-made forks:
docs/design/parallel.md.

A worker must not log or print (a lock held by another thread at fork time
would never be released in the child); a failure comes back as its traceback
and is raised here as ``RuntimeError``.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
import os
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Callable, Iterator, Sequence, TypeVar

__all__ = ["jobs", "share", "results", "Background", "background"]

T = TypeVar("T")
R = TypeVar("R")

#: ``GOLDENBOOK_JOBS=1`` keeps all work in the build's own process.
JOBS_ENV = "GOLDENBOOK_JOBS"


def jobs() -> int:
    """How many processes to use: the CPUs this process may run on (at most 4), or ``GOLDENBOOK_JOBS``."""
    named = os.environ.get(JOBS_ENV, "")
    if named.isdigit() and int(named) > 0:
        return int(named)
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return max(1, min(4, available))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


#: The work of each open pool, by number: set before its workers are forked, so that they inherit it.
_WORK: dict[int, Callable[[Any], Any]] = {}
_NUMBERS = itertools.count()


def _quiet() -> None:
    logging.disable(logging.CRITICAL)  # workers never log: the parent reports


def _call(task: tuple[int, Any]) -> tuple[bool, Any]:
    """In a worker: the work of pool ``task[0]`` on ``task[1]``; (True, its result) or (False, a traceback)."""
    number, argument = task
    try:
        return True, _WORK[number](argument)
    except BaseException:  # noqa: BLE001 — everything is reported to the parent
        return False, traceback.format_exc()


def _pool(work: Callable[[Any], Any], workers: int) -> tuple[int, ProcessPoolExecutor]:
    """``workers`` forked processes that know ``work``, and its number (``_close`` ends them).

    The ``fork`` context starts every worker at the first task, from this
    thread: the work is in ``_WORK`` and the heap frozen by then.
    """
    number = next(_NUMBERS)
    _WORK[number] = work
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_quiet)
    gc.freeze()
    try:
        pool.submit(int).result()
    except BaseException:
        _close(number, pool)
        raise
    finally:
        gc.unfreeze()
    return number, pool


def _close(number: int, pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    _WORK.pop(number, None)


def _failed(report: str) -> RuntimeError:
    return RuntimeError("a build worker failed:\n" + report)


def results(items: Sequence[T], work: Callable[[T], R], *, workers: int) -> Iterator[tuple[int, R]]:
    """``(index, work(items[index]))`` for every item, each done by whichever of ``workers`` forked
    processes is free, yielded as they come (in any order). Items whose work failed are left out, and
    ``RuntimeError`` raised with their tracebacks once the others are done (``BrokenProcessPool``, a
    ``RuntimeError`` too, at once if a worker died); ``OSError`` when the workers cannot be started."""
    number, pool = _pool(lambda index: (index, work(items[index])), workers)
    problems: list[str] = []
    try:
        for answer in as_completed([pool.submit(_call, (number, index)) for index in range(len(items))]):
            ok, value = answer.result()
            if ok:
                yield value
            else:
                problems.append(value)
    finally:
        _close(number, pool)
    if problems:
        raise _failed("\n".join(problems))


def share(items: Sequence[T], work: Callable[[T], None], *, workers: int | None = None,
          minimum: int = 200) -> None:
    """Run ``work`` on every item, spread over ``workers`` forked processes.

    Items go in small chunks to whichever worker is free first: pages differ
    in cost by a hundred times (a record's page, an edition's print page), and
    a fixed split left one process working alone at the end. With one worker,
    fewer than ``minimum`` items, or where ``fork`` does not exist, everything
    runs here.
    """
    workers = jobs() if workers is None else workers
    if workers <= 1 or len(items) < minimum or not can_fork():
        for item in items:
            work(item)
        return
    parts = chunks(len(items))

    def do(part: range) -> None:
        for index in part:
            work(items[index])

    for _ in results(parts, do, workers=workers):
        pass


def chunks(count: int, smallest: int = 12, most: int = 1024) -> list[range]:
    """``range(count)`` cut into at most ``most`` runs of neighbouring indices, of ``smallest`` or more."""
    size = max(smallest, -(-count // most))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


class Background:
    """Work running in a forked process; ``wait()`` returns when it is done and raises if it failed."""

    def __init__(self, number: int = -1, pool: ProcessPoolExecutor | None = None, answer: Future | None = None
                 ) -> None:
        self.number, self.pool, self.answer = number, pool, answer

    def wait(self) -> None:
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        try:
            ok, value = self.answer.result()  # type: ignore[union-attr]
        finally:
            _close(self.number, pool)
        if not ok:
            raise _failed(value)


def background(work: Callable[[], None], *, workers: int | None = None) -> Background:
    """Start ``work`` in a forked process (or run it now, with one job or without ``fork``).

    ``workers=2`` forks whatever ``GOLDENBOOK_JOBS`` says (work that only waits on the disk).
    """
    if (jobs() if workers is None else workers) <= 1 or not can_fork():
        work()
        return Background()
    number, pool = _pool(lambda _: work(), 1)
    return Background(number, pool, pool.submit(_call, (number, None)))
