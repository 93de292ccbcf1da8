"""The build date: the day a build or a validation counts as "today".

Dates in records may not lie after it, and the latest edition may be at most
the year after it. It must not make two builds of one commit differ, so it is,
in this order: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), the
date of the repository's last commit (``git log -1``), and only outside a git
checkout the clock's today. All in UTC.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

__all__ = ["build_date", "build_date_origin"]


def _from_epoch(text: str) -> date | None:
    try:
        seconds = int(text.strip())
        return datetime.fromtimestamp(seconds, timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        return None


def _last_commit(root: str) -> date | None:
    """The committer date of HEAD in ``root``, or None outside a git checkout (or without git).

    Asked on every scan (a few milliseconds): ``mkdocs serve`` sees a new commit."""
    # Only the repository at ``root`` counts: not one found above it, nor one named by GIT_DIR.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C", GIT_CEILING_DIRECTORIES=os.path.dirname(root))
    try:
        done = subprocess.run(["git", "-C", root, "log", "-1", "--format=%ct", "HEAD"], capture_output=True,
                              text=True, timeout=10, stdin=subprocess.DEVNULL, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    return _from_epoch(done.stdout) if done.returncode == 0 and done.stdout.strip() else None


def build_date_origin(root: Path) -> tuple[date, str]:
    """The build date and where it came from: ``"SOURCE_DATE_EPOCH"``, ``"git"`` or ``"today"``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        found = _from_epoch(epoch)
        if found is not None:
            return found, "SOURCE_DATE_EPOCH"
    found = _last_commit(os.fspath(root))
    if found is not None:
        return found, "git"
    return datetime.now(timezone.utc).date(), "today"


def build_date(root: Path) -> date:
    """See the module: ``SOURCE_DATE_EPOCH``, else the last commit's date, else today (UTC)."""
    return build_date_origin(root)[0]
