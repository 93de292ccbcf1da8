"""Share independent work between this process and forked copies of it.

Rendering and writing 10,000 pages is the same small job 10,000 times, with
everything it needs already in memory: forked workers start instantly with
that memory (copy-on-write), write their pages themselves and report only
success or a traceback. Nothing crosses a pipe but that.

A worker must not log or print (a lock held by another thread at fork time
would never be released in the child); failures come back as text and are
raised here.
"""

from __future__ import annotations

import gc
import os
import traceback
from typing import Callable, Iterator, NoReturn, Sequence, TypeVar

__all__ = ["jobs", "share", "chunks", "token_pipe", "taken", "taken_chunks", "Background", "background"]

T = TypeVar("T")

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


def _child(report: int, work: Callable[[], object]) -> NoReturn:
    """Run ``work`` in a forked worker, send a traceback through ``report`` if it fails, and leave
    without running the parent's cleanup (atexit handlers, buffered output)."""
    code = 0
    try:
        work()
    except BaseException:  # noqa: BLE001 — everything is reported to the parent
        os.write(report, traceback.format_exc().encode("utf-8", "replace"))
        code = 1
    finally:
        os.close(report)
        os._exit(code)


def share(items: Sequence[T], work: Callable[[T], None], *, workers: int | None = None,
          minimum: int = 200) -> None:
    """Run ``work`` on every item, spread over ``workers`` processes (this one included).

    Items go in small chunks to whichever process is free first (``taken``):
    pages differ in cost by a hundred times (a record's page, an edition's
    print page), and a fixed split left one process working alone at the end.
    With fewer than ``minimum`` items, or where ``fork`` does not exist,
    everything runs here.
    """
    workers = jobs() if workers is None else workers
    if workers <= 1 or len(items) < minimum or not hasattr(os, "fork"):
        for item in items:
            work(item)
        return
    parts = chunks(len(items))
    tokens = token_pipe(parts)
    children: list[tuple[int, int]] = []
    # Frozen, the heap is left alone by the collector: workers do not copy it page by page, and no process
    # walks the whole of it again while the work runs (the work's own garbage is young).
    gc.freeze()
    problems: list[str] = []
    try:
        for _ in range(1, workers):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: chunks until none are left
                os.close(read)
                _child(write, lambda: [work(items[index]) for index in taken(tokens, parts)])
            os.close(write)
            children.append((pid, read))
        for index in taken(tokens, parts):
            work(items[index])
    finally:
        os.close(tokens)
        for pid, read in children:
            with os.fdopen(read, "rb") as pipe:
                report = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(pid, 0)
            if status != 0:
                problems.append(report or f"worker {pid} ended with status {status}")
        gc.unfreeze()
    if problems:
        raise RuntimeError("a build worker failed:\n" + "\n".join(problems))


#: At most this many chunks of work: their numbers (2 bytes each) must fit in an empty pipe at once.
MAX_CHUNKS = 1024


def chunks(count: int, smallest: int = 12) -> list[range]:
    """``range(count)`` cut into at most ``MAX_CHUNKS`` runs of neighbouring indices, of ``smallest`` or more."""
    size = max(smallest, -(-count // MAX_CHUNKS))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def token_pipe(parts: list[range]) -> int:
    """A pipe holding the number of every chunk, written whole before anyone reads; its reading end."""
    tokens, feed = os.pipe()
    try:
        os.write(feed, b"".join(number.to_bytes(2, "big") for number in range(len(parts))))
    except OSError:
        os.close(tokens)
        raise
    finally:
        os.close(feed)
    return tokens


def taken(tokens: int, parts: list[range]) -> Iterator[int]:
    """The indices of the chunks this process takes, one at a time (``taken_chunks``)."""
    for part in taken_chunks(tokens, parts):
        yield from part


def taken_chunks(tokens: int, parts: list[range]) -> Iterator[range]:
    """The chunks this process takes from the shared pipe of chunk numbers, each when it is free for one.

    Every read asks for one whole number (2 bytes) and all were written before
    any process started reading, so each chunk goes to exactly one process,
    whichever is free first.
    """
    while True:
        token = os.read(tokens, 2)
        if len(token) < 2:
            return
        yield parts[int.from_bytes(token, "big")]


class Background:
    """Work running in a forked process; ``wait()`` returns when it is done and raises if it failed."""

    def __init__(self, pid: int | None, read: int | None) -> None:
        self.pid, self.read = pid, read

    def wait(self) -> None:
        if self.pid is None:
            return
        with os.fdopen(self.read, "rb") as pipe:
            report = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0:
            raise RuntimeError("a build worker failed:\n" + (report or f"status {status}"))


def background(work: Callable[[], None], *, workers: int | None = None) -> Background:
    """Start ``work`` in a forked process (or run it now, with one job or without ``fork``)."""
    if (jobs() if workers is None else workers) <= 1 or not hasattr(os, "fork"):
        work()
        return Background(None, None)
    read, write = os.pipe()
    gc.freeze()
    pid = os.fork()
    if pid != 0:
        gc.unfreeze()
    if pid == 0:
        os.close(read)
        _child(write, work)
    os.close(write)
    return Background(pid, read)
