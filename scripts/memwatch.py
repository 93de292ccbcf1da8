"""How much memory a command takes, all its processes together.

    python scripts/memwatch.py mkdocs build

Prints the wall time, the peak RSS of the largest process (``wait4``), the
peak of the summed PSS of the command's process tree (sampled every 0.25 s
from ``/proc``; forked workers share pages, which PSS divides between them),
and the peak of the system's used memory (MemTotal - MemAvailable, which also
counts the kernel's caches of new files) above what was used before. Linux only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time


def used() -> int:
    info = {}
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            key, value = line.split(":")
            info[key] = int(value.split()[0]) * 1024
    return info["MemTotal"] - info["MemAvailable"]


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(name))
            except OSError:
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def pss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
    return total


def main() -> None:
    before = used()
    peak = [before, 0]
    done: list[int] = []
    process = subprocess.Popen(sys.argv[1:])

    def sample() -> None:
        while not done:
            peak[0] = max(peak[0], used())
            peak[1] = max(peak[1], pss(tree(process.pid)))
            time.sleep(0.25)

    threading.Thread(target=sample, daemon=True).start()
    started = time.perf_counter()
    _, status, usage = os.wait4(process.pid, 0)
    done.append(1)
    print(f"wall {time.perf_counter() - started:.1f} s, exit {status >> 8}, "
          f"largest process {usage.ru_maxrss / 2**20:.2f} GiB, process tree PSS peak {peak[1] / 2**30:.2f} GiB, "
          f"system used above idle {(peak[0] - before) / 2**30:.2f} GiB", file=sys.stderr)
    sys.exit(status >> 8)


if __name__ == "__main__":
    main()
