"""The sizes at which a build changes how it works, in one place, each with its reason.

Up to tens of thousands of records a build holds what it reads and uses both CPUs; past these sizes it
keeps memory bounded instead (the 100,000-record build must fit in 4 GB; the figures are in the README,
"Scale and speed"). None of them changes what is written: the output is the same bytes either way
(tests/test_incremental.py, tests/test_reproducible.py).
"""

from __future__ import annotations

__all__ = ["LARGE_BUILD", "PAGE_WORKERS_UP_TO"]

#: Records from which a build keeps no more than it must in memory: the scan keeps each record pickled
#: rather than loaded, a record page and the search index let go of their record once it is written, and
#: the open data and the search index are written in the build's own process instead of workers of their
#: own (each worker loads every record it writes, about 15 KB per record).
LARGE_BUILD = 20_000
#: Published records up to which detached pages are written by two processes: above it, a second page
#: process would hold its own copy of everything it touches.
PAGE_WORKERS_UP_TO = 50_000
