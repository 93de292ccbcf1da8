"""Work shared with forked workers (``goldenbook.parallel.share``): every item done once, by whichever
process is free, and a worker's failure reported, not lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from goldenbook.parallel import chunks, share

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def _record(folder: Path, delay_of=lambda item: 0.0):
    def work(item: int) -> None:
        time.sleep(delay_of(item))
        (folder / f"{item}-{os.getpid()}").touch()
    return work


def _done(folder: Path) -> dict[int, list[int]]:
    """Item → the processes that did it."""
    found: dict[int, list[int]] = {}
    for path in folder.iterdir():
        item, pid = path.name.split("-")
        found.setdefault(int(item), []).append(int(pid))
    return found


def test_every_item_is_done_exactly_once_across_processes(tmp_path):
    share(list(range(1000)), _record(tmp_path), workers=2)
    done = _done(tmp_path)
    assert sorted(done) == list(range(1000))
    assert all(len(pids) == 1 for pids in done.values())
    assert len({pid for pids in done.values() for pid in pids}) == 2  # this process and one worker
    assert os.getpid() in {pid for pids in done.values() for pid in pids}


def test_a_slow_stretch_does_not_hold_the_others_back(tmp_path):
    """The first items are slow (an edition's print pages among record pages): the free process takes
    the rest instead of waiting with its fixed half, as ``i % workers`` did."""
    items = list(range(400))
    share(items, _record(tmp_path, lambda item: 0.05 if item < 12 else 0.0), workers=2)
    done = _done(tmp_path)
    slow = {done[item][0] for item in range(12)}
    assert len(slow) == 1  # the first chunk went to one process…
    (busy,) = slow
    others = sum(1 for item in items[12:] if done[item][0] != busy)
    assert others > 300  # …and the other did most of the rest meanwhile


def test_a_failing_worker_is_reported(tmp_path):
    parent = os.getpid()

    def work(item: int) -> None:
        if os.getpid() != parent:
            raise ValueError(f"item {item} cannot be made")
        time.sleep(0.005)  # the worker gets a chunk before this process has taken them all

    with pytest.raises(RuntimeError, match="cannot be made"):
        share(list(range(240)), work, workers=2)


def test_few_items_stay_in_this_process(tmp_path):
    share(list(range(10)), _record(tmp_path), workers=2)
    assert {pid for pids in _done(tmp_path).values() for pid in pids} == {os.getpid()}


def test_chunks_cover_every_index_once_and_fit_the_pipe():
    for count in (0, 1, 11, 12, 13, 6137, 100_000):
        parts = chunks(count)
        assert [i for part in parts for i in part] == list(range(count))
        assert len(parts) <= 1024
