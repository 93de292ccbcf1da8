"""Problems found in a spreadsheet, told as a person finds them: file › sheet › row › «column»."""

from __future__ import annotations

from typing import Iterable

from ..diagnostics import Diagnostic

__all__ = ["location", "format_problems"]

_LABEL = {"error": "lỗi", "warning": "cảnh báo"}


def location(problem: Diagnostic) -> str:
    """``LIST.xlsx › Sheet1 › hàng 12 › «Tỉnh/thành»``: ``file`` holds the file and sheet, ``line`` the row
    (0: the whole sheet), ``path`` the column's header."""
    parts = [problem.file]
    if problem.line:
        parts.append(f"hàng {problem.line}")
    if problem.path:
        parts.append(f"«{problem.path}»")
    return " › ".join(parts)


def format_problems(problems: Iterable[Diagnostic]) -> str:
    """Each problem on its line with its code and message, the fix indented below it."""
    lines = []
    for problem in problems:
        lines.append(f"{location(problem)}: {_LABEL[problem.severity]} [{problem.code}] {problem.message}")
        if problem.hint:
            lines.append(f"    → {problem.hint}")
    return "\n".join(lines)
