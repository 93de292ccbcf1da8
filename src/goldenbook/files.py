"""Writing cache files so that a reader never sees half of one."""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import BinaryIO, Callable

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``data`` (bytes, or a function that writes to the open file) to a temporary file beside
    ``path``, then rename it over ``path``.

    Parallel workers and interrupted builds leave either the old file or the
    new one, never a mixture.
    """
    # A name no other writer uses (this process and a counter), opened exclusively: cheaper than
    # tempfile.mkstemp, which a cold build would call for each of thousands of pages.
    temporary = path.parent / f".tmp-{os.getpid()}-{next(_COUNTER)}-{path.name}"
    try:
        handle = os.open(temporary, _FLAGS, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, _FLAGS, 0o644)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:  # a writer: large content is written without a copy in memory
                data(out)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_COUNTER = itertools.count()
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
