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
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .diagnostics import Diagnostic, make, printable
from .structure.entry import Entry
from .validation import Context, check_collection, check_meaning, check_shape
from .yamlsource import MAX_BYTES, SourceDoc, YamlProblem, decode, load_document

__all__ = ["Scan", "scan", "load_file", "check_bytes", "RECORDS_DIR", "IMAGES_DIR", "IGNORED_NAMES"]

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


def check_bytes(raw: bytes, relative: str, ctx: Context
                ) -> tuple[Entry | None, SourceDoc | None, list[Diagnostic]]:
    """Parse and check one record's content on its own (the file at ``relative``)."""
    try:
        doc = load_document(decode(raw))
    except YamlProblem as problem:
        return None, None, [make(problem.code, relative, problem.position.line, problem.position.column,
                                 **problem.params)]
    record, shape = check_shape(doc, relative)
    place, meaning = check_meaning(doc.data, doc, relative, ctx)
    found = sorted(set(shape + meaning))
    if record is None or place is None or found:
        return None, doc, found
    slug = Path(relative).name.removesuffix(".yml")
    return Entry(slug=slug, source=relative, record=record, place=place), doc, []


def load_file(path: Path, relative: str, ctx: Context) -> tuple[Entry | None, SourceDoc | None, list[Diagnostic]]:
    """Read, parse and check one record file on its own; never follows a link, never reads past the limit."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return None, None, [make("symlink", relative, 1, 1, name=path.name)]
        if info.st_size > MAX_BYTES:
            return None, None, [make("file-too-large", relative, 1, 1, size=info.st_size, limit=MAX_BYTES)]
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # the size may have changed since lstat
    except OSError as error:
        return None, None, [make("invalid", relative, 1, 1, detail=error.strerror or str(error))]
    return check_bytes(raw, relative, ctx)


def _entries(folder: Path) -> list[tuple[Path, str]]:
    """Every entry under ``folder`` that must be accounted for, with what it is.

    ``"file"`` (a regular file), ``"link"`` (a symbolic link, to a file or a
    folder: never followed), ``"special"`` (pipe, socket, device) or
    ``"folder"`` (a real folder named like a record; its content is listed too).
    """
    found: list[tuple[Path, str]] = []
    for top, folders, files in os.walk(folder, followlinks=False):
        base = Path(top)
        for name in folders:
            path = base / name
            if path.is_symlink():
                found.append((path, "link"))  # os.walk does not descend into it
            elif name.lower().endswith((".yml", ".yaml")):
                found.append((path, "folder"))
        found += [(base / name, _what(base / name)) for name in files]
    return sorted(found)


def _what(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "file"  # vanished or unreadable: reading it reports why
    return "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "special"


def scan(root: Path, *, ctx: Context | None = None, extra: Iterable[Path] = ()) -> Scan:
    """Read every file under ``root/initiatives`` (and ``extra`` files) and check them all."""
    root = Path(root).resolve()
    ctx = ctx or Context(root=root, images_dir=IMAGES_DIR)
    result = Scan(root=root)
    folder = root / RECORDS_DIR
    entries = _entries(folder) if folder.is_dir() and not folder.is_symlink() else []
    known = {path for path, _ in entries}
    # Files named on the command line: their folder resolved, the file itself not followed if it is a link.
    named = [Path(p).absolute().parent.resolve() / Path(p).name for p in extra]
    entries += [(path, _what(path)) for path in dict.fromkeys(named) if path not in known]
    for path, what in entries:
        relative = _relative(path, root)
        if path.name in IGNORED_NAMES and what == "file":
            continue
        result.files.append(relative)
        if what == "link":
            result.invalid.append(relative)
            result.diagnostics.append(make("symlink", relative, 1, 1, name=path.name))
            continue
        if path.suffix != ".yml" or what != "file":
            fix = _not_a_record_fix(path.name)
            if what == "folder":
                fix = "Đây là một thư mục; hồ sơ phải là một tệp .yml. Đổi tên thư mục (bỏ đuôi .yml)."
            elif what == "special":
                fix = "Đây không phải tệp thông thường (pipe, socket, thiết bị): xóa khỏi thư mục initiatives/."
            result.not_records.append(relative)
            result.diagnostics.append(make("not-a-record", relative, 1, 1, severity="warning",
                                           name=path.name, fix=fix))
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
    """The path shown to editors: relative, with ``/``; undecodable or invisible characters spelt out."""
    try:
        text = path.relative_to(root).as_posix()
    except ValueError:
        text = path.as_posix()
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable(text, limit=10_000)
