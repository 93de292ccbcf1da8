"""The digests caches are keyed by (``goldenbook.fingerprint``): a change to what an output depends on
changes its digest, a change to anything else does not."""

from __future__ import annotations

from pathlib import Path

from goldenbook import fingerprint
from goldenbook.fingerprint import files_digest, imported_files, parts_digest


def _package(root: Path) -> Path:
    """A small package: ``records/scan.py`` imports ``text`` (at the top), ``rules.check`` (inside a
    function) and ``goldenbook``-style absolute names; ``site/page.py`` imports nothing of it."""
    package = root / "pkg"
    for name, text in {
        "__init__.py": "",
        "records/__init__.py": "",
        "records/scan.py": "from ..text import fold\nfrom . import codec\n\ndef run():\n"
                            "    from ..rules.check import valid\n    return valid\n",
        "records/codec.py": "import json\n",
        "text.py": "from .vocabulary import (\n    WORDS,\n    SIGNS,\n)\n",
        "vocabulary.py": "WORDS = SIGNS = ()\n",
        "rules/__init__.py": "",
        "rules/check.py": "def valid(): return True\n",
        "site/__init__.py": "",
        "site/page.py": "from ..text import fold\n",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def _digest(package: Path) -> str:
    return files_digest(package, imported_files(package, ["records/scan.py", "records/codec.py"]))


def test_what_the_records_import_is_followed_and_nothing_else(tmp_path):
    package = _package(tmp_path)
    assert imported_files(package, ["records/scan.py"]) == [
        "__init__.py", "records/__init__.py", "records/codec.py", "records/scan.py", "rules/__init__.py",
        "rules/check.py",
        "text.py", "vocabulary.py"]


def test_a_changed_imported_module_changes_the_digest_and_an_unrelated_one_does_not(tmp_path):
    package = _package(tmp_path)
    before = _digest(package)
    (package / "site/page.py").write_text("# unrelated\n", encoding="utf-8")
    (package / "README.txt").write_text("notes\n", encoding="utf-8")
    assert _digest(package) == before
    for name in ("vocabulary.py", "rules/check.py", "records/codec.py"):
        path = package / name
        path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
        assert _digest(package) != before, name
        before = _digest(package)


def test_the_validator_version_covers_the_modules_a_record_is_judged_by():
    covered = imported_files(fingerprint.PACKAGE, ["records/scanning.py"])
    for module in ("yamlsource.py", "validation.py", "structure/record.py", "provinces.py", "diagnostics.py"):
        assert module in covered
    assert not [name for name in covered if name.startswith(("site/", "search/", "cli/"))]
    assert len(fingerprint.validator_version()) == 64


def test_parts_are_told_apart():
    assert parts_digest(["ab", "c"]) != parts_digest(["a", "bc"])
    assert parts_digest([b"x", 1, None]) == parts_digest(["x", "1", "None"])
    assert parts_digest(["a"]) != parts_digest(["a", ""])
