"""Two built sites compared byte for byte (a warm build against a clean one, one revision against another)."""

from __future__ import annotations

import filecmp
from pathlib import Path


def differences(left: Path, right: Path) -> list[str]:
    """Every path whose bytes differ or that exists on one side only."""
    out: list[str] = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"only in {left.name}: {prefix}{name}" for name in compare.left_only)
        out.extend(f"only in {right.name}: {prefix}{name}" for name in compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files, shallow=False)
        out.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return out
