"""Where a repository's caches live: outside its work tree.

Every cache a build or ``goldenbook validate`` keeps (the records' results,
the page cache, the images, Jinja's compiled templates, the sources of the
navigation pages, ``written.json`` and the previous site set aside) is read
back by the next run, and some of it is unpickled. A pull request can commit
any file into the work tree (``git add -f`` ignores ``.gitignore``), so no
cache may be read from there: the caches of a repository live in the user's
cache folder (``platformdirs``), in a folder named by the SHA-256 of the
repository's resolved path, or under ``GOLDENBOOK_CACHE_DIR`` (tests, CI) in
the same way. A clone of a branch finds no cache of its own, whatever it
commits; a folder builds the same bytes wherever it is (no output names the
cache).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["CACHE_ENV", "CacheInsideRepository", "cache_base", "cache_root"]

#: The folder that holds every repository's caches, instead of the user's cache folder.
CACHE_ENV = "GOLDENBOOK_CACHE_DIR"


def cache_base() -> Path:
    """The folder of all repositories' caches: ``GOLDENBOOK_CACHE_DIR``, else the user's cache folder."""
    named = os.environ.get(CACHE_ENV, "")
    if named:
        return Path(named).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_cache_dir("goldenbook", appauthor=False)).absolute()


class CacheInsideRepository(ValueError):
    """``GOLDENBOOK_CACHE_DIR`` names a folder inside the repository, where a pull request could write."""


def cache_root(repository: Path | str) -> Path:
    """This repository's cache folder (not created): one per resolved path, never inside the work tree."""
    resolved = Path(repository).resolve()
    base = cache_base()
    if base.resolve() == resolved or resolved in base.resolve().parents:
        raise CacheInsideRepository(
            f"{CACHE_ENV}={base} nằm trong kho {resolved}: bộ nhớ đệm phải ở ngoài kho, nơi pull request không "
            f"ghi được; hãy chọn thư mục khác hoặc bỏ biến này "
            f"(the cache folder must be outside the repository: choose another folder or unset it)")
    return base / hashlib.sha256(os.fsencode(resolved)).hexdigest()[:32]
