"""Set top-level fields of a record file in place, keeping every other line as written.

A field's block (its key line and the lines indented under it) is replaced by
the lines ``goldenbook new`` writes for it (``cli.new.field_lines``); a field
not yet in the file goes before the first field that follows it in the
contract's order (with the comments above that field left above it), or at
the end. Comments and the order of everything else stay. The result is read
back and compared with what was meant, so a file written in an unusual style
is reported, never damaged.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..cli.new import field_lines
from ..structure.record import FIELD_ORDER
from ..yamlsource import YamlProblem, load_document

__all__ = ["RewriteFailed", "set_fields"]


class RewriteFailed(ValueError):
    """The file could not be rewritten without changing more than the fields asked for."""


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def set_fields(text: str, updates: Mapping[str, Any]) -> str:
    """``text`` with each field of ``updates`` written anew (see the module)."""
    try:
        doc = load_document(text)
    except YamlProblem as problem:
        raise RewriteFailed(f"không đọc được YAML ở dòng {problem.position.line} ({problem.code})") from None
    data = original = doc.data
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    wanted: dict[str, Any] = {}
    for key, value in updates.items():
        written = field_lines(key, value)
        wanted[key] = load_document("\n".join(written) + "\n").data[key]
        starts = sorted((doc.locate((name,), key=True).line - 1, name) for name in data)
        if key in data:
            at = next(index for index, (_, name) in enumerate(starts) if name == key)
            start = starts[at][0]
            end = starts[at + 1][0] if at + 1 < len(starts) else len(lines)
            while end > start + 1 and _is_comment_or_blank(lines[end - 1]):
                end -= 1
            if any(line.strip() and not line.startswith((" ", "#")) for line in lines[start + 1:end]):
                raise RewriteFailed(f"trường «{key}» viết theo kiểu không sửa tự động được")
            lines[start:end] = written
        else:
            rank = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
            later = [(line, name) for line, name in starts
                     if (FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER)) > rank]
            if later:
                at = later[0][0]
                while at > 0 and lines[at - 1].startswith("#"):
                    at -= 1
                lines[at:at] = written
            else:
                lines += written
        text = "\n".join(lines) + "\n"
        doc = load_document(text)
        data = doc.data
    final = load_document(text).data
    kept = {key: value for key, value in original.items() if key not in wanted}
    if {key: value for key, value in final.items() if key not in wanted} != kept:
        raise RewriteFailed("sửa các trường này sẽ làm thay đổi trường khác")
    for key, value in wanted.items():
        if final.get(key) != value:
            raise RewriteFailed(f"không ghi được trường «{key}» mà giữ nguyên phần còn lại")
    return text
