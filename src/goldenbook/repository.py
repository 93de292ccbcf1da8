"""Find every file under the records folder and account for each one.

A file is either a valid record, an invalid record (with diagnostics), or not
a record at all (with a warning that names it). Nothing is dropped silently:
``Scan.counts`` adds up to the number of files found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .diagnostics import Diagnostic, make
from .structure.entry import Entry
from .validation import Context, check_collection, check_meaning, check_shape
from .yamlsource import SourceDoc, YamlProblem, decode, load_document

__all__ = ["Scan", "scan", "load_file", "RECORDS_DIR", "IMAGES_DIR", "IGNORED_NAMES"]

RECORDS_DIR = "initiatives"
IMAGES_DIR = "images"
#: Files that may sit in the records folder without being records.
IGNORED_NAMES = frozenset({".gitkeep"})
_BACKUP_ENDINGS = ("~", ".bak", ".swp", ".swo", ".orig", ".tmp")


@dataclass
class Scan:
    """The outcome of reading the records folder."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    not_records: list[str] = field(default_factory=list)
    docs: dict[str, SourceDoc] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        return {
            "found": len(self.files),
            "records": len(self.files) - len(self.not_records),
            "valid": len(self.entries),
            "invalid": len(self.invalid),
            "not_records": len(self.not_records),
            "published": sum(entry.public for entry in self.entries),
        }


def _not_a_record_fix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(_BACKUP_ENDINGS) or name.startswith(".#"):
        return "Đây là tệp sao lưu của trình soạn thảo: xóa tệp này."
    if lower.endswith((".yaml", ".yml")):
        return f"Nếu đây là hồ sơ, đổi tên thành «{name.rsplit('.', 1)[0]}.yml» (đuôi .yml, chữ thường)."
    return "Chuyển tệp này ra khỏi thư mục initiatives/ (ảnh đặt trong images/)."


def load_file(path: Path, relative: str, ctx: Context) -> tuple[Entry | None, SourceDoc | None, list[Diagnostic]]:
    """Read, parse and check one record file on its own."""
    try:
        doc = load_document(decode(path.read_bytes()))
    except YamlProblem as problem:
        return None, None, [make(problem.code, relative, problem.position.line, problem.position.column,
                                 **problem.params)]
    except OSError as error:
        return None, None, [make("invalid", relative, 1, 1, detail=error.strerror or str(error))]
    record, shape = check_shape(doc, relative)
    place, meaning = check_meaning(doc.data, doc, relative, ctx)
    found = sorted(set(shape + meaning))
    if record is None or place is None or found:
        return None, doc, found
    slug = Path(relative).name.removesuffix(".yml")
    return Entry(slug=slug, source=relative, record=record, place=place), doc, []


def scan(root: Path, *, ctx: Context | None = None, extra: Iterable[Path] = ()) -> Scan:
    """Read every file under ``root/initiatives`` (and ``extra`` files) and check them all."""
    root = Path(root).resolve()
    ctx = ctx or Context(root=root, images_dir=IMAGES_DIR)
    result = Scan(root=root)
    folder = root / RECORDS_DIR
    paths = sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()) if folder.is_dir() else []
    paths += [Path(p).resolve() for p in extra if Path(p).resolve() not in paths]
    for path in paths:
        relative = _relative(path, root)
        if path.name in IGNORED_NAMES:
            continue
        result.files.append(relative)
        if path.suffix != ".yml" or path.is_symlink():
            result.not_records.append(relative)
            result.diagnostics.append(make("not-a-record", relative, 1, 1, severity="warning",
                                           name=path.name, fix=_not_a_record_fix(path.name)))
            continue
        entry, doc, found = load_file(path, relative, ctx)
        if doc is not None:
            result.docs[relative] = doc
        if entry is None:
            result.invalid.append(relative)
            result.diagnostics.extend(found)
        else:
            result.entries.append(entry)
    invalid_kinds = {Path(file).name.removesuffix(".yml"): _kind_of(result.docs.get(file)) for file in result.invalid}
    collection = check_collection(result.entries, result.docs, invalid_kinds)
    if collection:
        bad = {d.file for d in collection}
        result.invalid.extend(sorted(bad))
        result.entries = [e for e in result.entries if e.source not in bad]
        result.diagnostics.extend(collection)
    result.diagnostics.sort()
    result.entries.sort(key=lambda e: e.slug)
    return result


def _kind_of(doc: SourceDoc | None) -> str:
    kind = doc.data.get("kind", "initiative") if doc is not None else "initiative"
    return kind if isinstance(kind, str) else "initiative"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
