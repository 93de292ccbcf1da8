"""Files a checkout must not track: what only a machine makes, and links.

A pull request can commit any file, ``.gitignore`` notwithstanding (``git add
-f``): a cache, a built site, Python bytecode (an "unchecked hash" ``.pyc`` in
``__pycache__`` is run without a look at its source), a native module that
Python would import instead of a ``.py`` beside it, or a symbolic link that
makes the build copy a file from the builder's machine into the site. None of
these is ever part of a change to the records, so a checkout that tracks one
is refused by ``goldenbook validate`` and by the build, whatever the
checkout's own ``.gitignore`` says. The pull-request workflow runs the same
``git ls-files`` before anything of the checkout runs; the Makefile and CI
keep bytecode outside the work tree (``PYTHONPYCACHEPREFIX``), so that even a
file this check misses is never loaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, make

__all__ = ["tracked_problems", "committed_by_mistake"]

#: Suffixes of compiled code: Python bytecode and native modules or libraries.
COMPILED = (".pyc", ".pyo", ".so", ".pyd", ".dylib", ".dll")
#: Top-level folders only a build writes (caches, the built sites and their set-aside copies).
BUILT = (".cache", "site", "site-preview", ".venv")

_REASONS = {
    "ignored": ("tệp bị .gitignore loại trừ", "ignored by .gitignore"),
    "compiled": ("mã đã biên dịch", "compiled code"),
    "built": ("bộ nhớ đệm hoặc trang đã dựng", "a cache or a built site"),
    "link": ("liên kết tượng trưng", "a symbolic link"),
}


def _git(root: Path, *arguments: str) -> bytes | None:
    """The output of ``git -C root …``; None when git or the repository is not there."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, "-C", os.fspath(root), *arguments], capture_output=True, timeout=60,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def committed_by_mistake(root: Path) -> list[tuple[str, str]]:
    """``(path, reason)`` of every file the checkout at ``root`` tracks and must not: ignored by its
    ``.gitignore``, compiled code, a cache or built site, a symbolic link. Empty when ``root`` is not in a
    git work tree (nothing to compare with)."""
    listing = _git(root, "ls-files", "-z", "--stage")
    if listing is None:
        return []
    found: dict[str, str] = {}
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, _, raw = line.partition(b"\t")
        path = os.fsdecode(raw)
        parts = PurePosixPath(path).parts
        if meta.startswith(b"120000"):
            found[path] = "link"
        elif path.endswith(COMPILED) or "__pycache__" in parts:
            found[path] = "compiled"
        elif parts and (parts[0] in BUILT or (parts[0].startswith(".site") and parts[0].endswith(".trash"))):
            found[path] = "built"
    ignored = _git(root, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard")
    for raw in (ignored or b"").split(b"\0"):
        if raw:
            found.setdefault(os.fsdecode(raw), "ignored")
    return sorted(found.items())


def tracked_problems(root: Path) -> list[Diagnostic]:
    """``committed_by_mistake`` as diagnostics (one error per file, at its first line)."""
    out = []
    for path, reason in committed_by_mistake(root):
        vi, en = _REASONS[reason]
        out.append(make("committed-generated", path, 1, 1, name=path, why=vi, why_en=en))
    return out
