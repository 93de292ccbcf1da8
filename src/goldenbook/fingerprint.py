"""Digests of the code and settings that outputs depend on: a new digest makes a cache miss.

Three caches ask: the records cache (``validator_version``: the records
package, every module of ours it imports, found by following its imports
rather than from a hand-kept list, our data and the libraries that judge a
record), the page cache (``code_fingerprint``: the whole package, templates
and data included) and the site adapter's pages kept from the previous build
(``parts_digest`` over what it extracted from its platform's configuration).
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["PACKAGE", "code_fingerprint", "validator_version", "imported_files", "files_digest", "parts_digest"]

PACKAGE = Path(__file__).resolve().parent
#: The file types the package's output is made from (code, templates, data, styles, scripts, licences).
CODE_SUFFIXES = frozenset({".py", ".html", ".json", ".css", ".js", ".txt"})
#: The libraries whose behaviour a record's diagnostics and model depend on.
VALIDATION_LIBRARIES = ("pydantic", "pydantic_core", "PyYAML", "python-slugify", "rapidfuzz", "confusable-homoglyphs")

_IMPORT = re.compile(rb"^[ \t]*from[ \t]+(\.+|goldenbook\.?)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)"
                     rb"|^[ \t]*import[ \t]+goldenbook\.([\w.]+)", re.MULTILINE)


def parts_digest(parts: Iterable[object]) -> str:
    """The digest of ``parts`` in order: bytes as they are, anything else as its ``str``, each one ended."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def files_digest(package: Path, names: Iterable[str], label: bytes = b"") -> str:
    """The digest of the files ``names`` (relative to ``package``): each name and its bytes."""
    digest = hashlib.sha256(label)
    for name in names:
        digest.update(f"\0{name}\0".encode())
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def _module_files(package: Path, base: Path, dotted: str, names: str) -> list[Path]:
    """The files of ``from <base>.<dotted> import <names>``: the module, its packages' ``__init__``,
    and any of ``names`` that is a submodule."""
    found = []
    folder = base
    for part in [p for p in dotted.split(".") if p]:
        if (folder / "__init__.py").is_file() and folder != package.parent:
            found.append(folder / "__init__.py")
        folder = folder / part
    if folder.with_suffix(".py").is_file():
        found.append(folder.with_suffix(".py"))
    elif (folder / "__init__.py").is_file():
        found.append(folder / "__init__.py")
        for name in re.findall(r"\w+", names):
            if (folder / f"{name}.py").is_file():
                found.append(folder / f"{name}.py")
    return found


def imported_files(package: Path, start: Iterable[str]) -> list[str]:
    """``start`` (paths relative to ``package``) and every module of ``package`` they import, directly
    or not, at the top or inside a function: relative to ``package``, sorted."""
    seen: set[Path] = set()
    todo = [package / name for name in start]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for dots, dotted, names, absolute in _IMPORT.findall(path.read_bytes()):
            if absolute:
                todo += _module_files(package, package, absolute.decode(), "")
            elif dots.startswith(b"goldenbook"):
                todo += _module_files(package, package, dotted.decode(), names.decode())
            else:
                base = path.parent
                for _ in range(len(dots) - 1):
                    base = base.parent
                todo += _module_files(package, base, dotted.decode(), names.decode())
    return sorted(path.relative_to(package).as_posix() for path in seen
                  if path.is_relative_to(package))


@lru_cache(maxsize=1)
def validator_version() -> str:
    """Digest of everything a record file's results depend on besides the file: the records package and
    the modules it imports, our data, Python's Unicode tables and the validation libraries."""
    import unicodedata
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        """A library's version without importing it (validation imports some only to explain a mistake)."""
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    start = sorted(f"records/{path.name}" for path in (PACKAGE / "records").glob("*.py"))
    data = sorted(f"data/{path.name}" for path in (PACKAGE / "data").iterdir() if path.is_file())
    code = files_digest(PACKAGE, [*imported_files(PACKAGE, start), *data], b"goldenbook-records-2")
    return parts_digest([code, sys.version, unicodedata.unidata_version,
                         *(installed(name) for name in VALIDATION_LIBRARIES)])


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Digest of the whole package's code, templates and data: a new version renders every page again."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
