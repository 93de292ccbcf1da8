"""Find every file under the records folder and account for each one.

A file is either a valid record, an invalid record (with diagnostics), or not
a record at all (with a warning that names it). Nothing is dropped silently:
``Scan.counts`` adds up to the number of files found.

Every entry of the folder counts, not only regular files: a symbolic link is
an error (a record is one real file whose content the pull request shows; a
link may point anywhere on the build machine and is never followed), a pipe,
socket or device is "not a record" (and is never opened), and so is a folder
whose name looks like a record (``x.yml/``). A file is never read past
``MAX_BYTES``: a 50 MB file is refused from its size alone.

Reading is cached, and spread over the processor's cores when there is much
to read; neither changes what ``scan`` finds:

* What one file says on its own (parse, shape, meaning) depends on its bytes,
  its path, the validator's code and the context's year and image folder
  name. It is kept by a key made of all of these (an ``Outcome``, under
  ``records/<version>/`` of the repository's cache folder, outside the work
  tree (``cachedir``): 16 shards of outcomes and 16 of
  pickled records, each written atomically and checked when read, a damaged
  one ignored and its files read again), and in memory for the life of the
  process, so that ``mkdocs serve`` rebuilds read only the files that
  changed. The file-system half of the image checks (does the image exist,
  inside the image folder) is never cached: it is asked again on every
  scan. The checks across records (``check_collection``) always run on the
  whole set.
* To know a file's key without reading it, the cache remembers each file's
  ``lstat`` (device, inode, size, modification and change times) with the
  digest of its bytes, as git's index does; a file changed less than two
  seconds before it was last seen is read again (its times may not show a
  second change in the same tick).
* Files not in the cache are shared, when there are more than
  ``PARALLEL_FROM`` of them, between forked workers (``parallel.results``),
  chunk by chunk to whichever is free. Each worker answers with the compact outcomes
  of its files and their records pickled, which this process settles as they
  come and keeps in the cache. A record read in a parallel
  scan or taken from the cache is loaded the first time ``Entry.record`` is
  asked for (``goldenbook validate`` never asks, and keeps no record: the
  next build reads those files again); ``Entry.kind``, ``title``,
  ``status``… are known without it.
"""

from importlib import import_module
from typing import Any

from .paths import ALLOW_EMPTY_ENV, CACHE_DIR, IGNORED_NAMES, IMAGES_DIR, RECORDS_DIR

__all__ = ["Scan", "scan", "load_file", "check_bytes", "validator_version", "clear_memory_cache",
           "RECORDS_DIR", "IMAGES_DIR", "IGNORED_NAMES", "CACHE_DIR", "PARALLEL_FROM", "ALLOW_EMPTY_ENV"]

#: The module of each name the package exports besides the paths: imported when first asked for, so that
#: ``goldenbook.records.paths`` (a constant for the CLI, the hooks, the nomination form) loads no scan.
_MODULES = {"Scan": "scanning", "scan": "scanning", "PARALLEL_FROM": "scanning", "check_bytes": "examining",
            "load_file": "examining", "validator_version": "cache", "clear_memory_cache": "cache"}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
