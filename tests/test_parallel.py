"""The worker pool (``goldenbook.parallel``): every item done once, by whichever worker is free, results
back from the workers, and a worker's failure reported, not lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from goldenbook.parallel import background, results, share

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
    assert len({pid for pids in done.values() for pid in pids}) == 2  # two workers
    assert os.getpid() not in {pid for pids in done.values() for pid in pids}


def test_a_slow_stretch_does_not_hold_the_others_back(tmp_path):
    """The first items are slow (an edition's print pages among record pages): the free process takes
    the rest instead of waiting with a fixed half."""
    items = list(range(400))
    share(items, _record(tmp_path, lambda item: 0.05 if item < 12 else 0.0), workers=2)
    done = _done(tmp_path)
    slow = {done[item][0] for item in range(12)}
    assert len(slow) == 1  # the first chunk went to one process…
    (busy,) = slow
    others = sum(1 for item in items[12:] if done[item][0] != busy)
    assert others > 300  # …and the other did most of the rest meanwhile


def test_a_failing_worker_is_reported(tmp_path):
    def work(item: int) -> None:
        if item == 150:
            raise ValueError(f"item {item} cannot be made")

    with pytest.raises(RuntimeError, match="item 150 cannot be made"):
        share(list(range(240)), work, workers=2)


def test_few_items_stay_in_this_process(tmp_path):
    share(list(range(10)), _record(tmp_path), workers=2)
    assert {pid for pids in _done(tmp_path).values() for pid in pids} == {os.getpid()}


def test_results_come_back_from_the_workers_once_each():
    items = [f"item {n}" for n in range(300)]
    got = dict(results(items, lambda text: (text.upper(), os.getpid()), workers=3))
    assert sorted(got) == list(range(300))
    assert [got[n][0] for n in range(300)] == [text.upper() for text in items]
    assert os.getpid() not in {pid for _, pid in got.values()}


def test_background_work_runs_in_another_process_and_reports_failure(tmp_path):
    job = background(lambda: (tmp_path / str(os.getpid())).touch(), workers=2)
    job.wait()
    assert [p.name for p in tmp_path.iterdir()] != [str(os.getpid())] and len(list(tmp_path.iterdir())) == 1

    def fail() -> None:
        raise OSError("the disk is full")

    with pytest.raises(RuntimeError, match="the disk is full"):
        background(fail, workers=2).wait()


def test_one_job_runs_background_work_here(tmp_path):
    background(lambda: (tmp_path / str(os.getpid())).touch(), workers=1).wait()
    assert [p.name for p in tmp_path.iterdir()] == [str(os.getpid())]
