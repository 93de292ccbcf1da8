"""What makes a cold ``goldenbook validate`` faster changes nothing it finds or keeps.

* a parallel scan shares the files between forked workers: the diagnostics,
  entries and records equal a single process's, cold and from the cache, and
  a worker that fails leaves its files to the scanning process;
* a scan that does not hold its records (``goldenbook validate``) finds and
  keeps the same, and a file is read whole in one read when its size is the
  one its lstat gave;
* one-line fields, ``fold`` and ``slugify`` give what their plain
  definitions give;
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenbook import synthetic
from goldenbook.cachedir import cache_root
from goldenbook.records import CACHE_DIR, clear_memory_cache, parallel_read, reading, scan, scanning
from test_scan_cache import _fresh_memory, repo, summary  # noqa: F401 (an autouse fixture)
from test_scan_speed import check_agrees

ROOT = Path(__file__).resolve().parent.parent


def identical(a: object, b: object) -> bool:
    """Same class, and for models the same ``__dict__`` (in order), fields set, extra and private values."""
    if type(a) is not type(b):
        return False
    if hasattr(a, "__pydantic_fields_set__"):
        return (a.__pydantic_fields_set__ == b.__pydantic_fields_set__  # type: ignore[attr-defined]
                and a.__pydantic_extra__ == b.__pydantic_extra__  # type: ignore[attr-defined]
                and a.__pydantic_private__ == b.__pydantic_private__  # type: ignore[attr-defined]
                and list(a.__dict__) == list(b.__dict__)
                and all(identical(a.__dict__[k], b.__dict__[k]) for k in a.__dict__))
    if isinstance(a, list):
        return len(a) == len(b) and all(map(identical, a, b))  # type: ignore[arg-type]
    return a == b


def _read_in_one_process(root: Path, seed: int, monkeypatch):
    """80 synthetic records and the broken ones, scanned by one process; later scans go parallel."""
    synthetic.write_records(root, 80, seed=seed)
    repo(root)
    serial = scan(root, cache=False, jobs=1)
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 0)
    return serial, {e.slug: e.record for e in serial.entries}


def test_parallel_scan_equals_one_process(tmp_path, monkeypatch):
    serial, records = _read_in_one_process(tmp_path, 5, monkeypatch)
    for jobs in (2, 3):
        clear_memory_cache()
        cold = scan(tmp_path, jobs=jobs)
        assert summary(cold) == summary(serial)
        assert not any(e.loaded for e in cold.entries)
        assert all(identical(e.record, records[e.slug]) for e in cold.entries)
        clear_memory_cache()
        warm = scan(tmp_path, jobs=jobs)  # every record from the cache's files
        assert summary(warm) == summary(serial)
        assert all(identical(e.record, records[e.slug]) for e in warm.entries)
        for path in (cache_root(tmp_path) / CACHE_DIR).rglob("*.pickle"):
            path.unlink()


def test_a_failing_worker_leaves_its_files_to_the_scanning_process(tmp_path, monkeypatch):
    """A worker that fails half-way: what was answered before stands, the rest is read by the scan itself."""
    synthetic.write_records(tmp_path, 200, seed=2)
    repo(tmp_path)
    serial = scan(tmp_path, cache=False, jobs=1)
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 0)
    parent = os.getpid()
    examine = parallel_read.examine
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if os.getpid() != parent and len(calls) == 70:  # after two chunks of its share
            raise RuntimeError("a worker that fails half-way through its share")
        return examine(*args, **kwargs)

    monkeypatch.setattr(parallel_read, "examine", failing)
    for cache in (False, True):
        clear_memory_cache()
        result = scan(tmp_path, jobs=2, cache=cache)
        assert summary(result) == summary(serial)
        assert [e.record for e in result.entries] == [e.record for e in serial.entries]


def test_a_clean_run_imports_neither_the_suggestions_library_nor_libyaml(tmp_path):
    """Both are imported when needed only: rapidfuzz for "did you mean", PyYAML for the event reader."""
    import subprocess
    import sys

    synthetic.write_records(tmp_path, 3, seed=1)
    code = ("import sys; from goldenbook.records import scan, validator_version; from pathlib import Path; "
            f"r = scan(Path({str(tmp_path)!r})); validator_version(); assert r.ok; "
            "print(sorted(m for m in ('rapidfuzz', 'slugify', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.integers(-10**120, 10**120).map(str), st.from_regex(r"[0-9+\-._eE#: ]{1,8}", fullmatch=True),
                 st.text(st.characters(categories=("Nd",)), min_size=1, max_size=4)))
def test_plain_integers_read_as_the_event_reader_reads_them(value):
    """The fast reader's shortcut for ``key: 2024`` gives what libyaml's events give (or leaves it to them)."""
    for text in (f"year: {value}\n", f"a:\n  b: {value}\n  c: 1\n", f"- x: {value}\n"):
        check_agrees(text)
    assert check_agrees("year: 2024\nedition: 2025\n")


# ---------------------------------------------------------------- fold and slugify a character at a time

def _strip_marks(decomposed: str) -> str:
    import unicodedata

    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _former_fold(text: str) -> str:
    import unicodedata

    from goldenbook.text import FOLD_TABLE

    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_TABLE))
    return " ".join(_strip_marks(decomposed).casefold().split())


def _former_slugify(text: str) -> str:
    import re
    import unicodedata

    from slugify import slugify as python_slugify

    from goldenbook.text import FOLD_TABLE, nfc

    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_TABLE))
    ascii_text = _strip_marks(decomposed)
    if ascii_text.isascii() and "&" not in ascii_text and not re.search(r"\d,\d", ascii_text):
        return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return python_slugify(nfc(text).translate(FOLD_TABLE))


_LETTERS = st.lists(st.one_of(
    st.sampled_from(list("aăâđêôơưAĐĂÂÊÔƠƯ ̣́̀̉̃ \t\n,&1-͏İıßﬁΣσς") +
                    ["\u0345", "\u1dc0", "ᾳ", "ǅ", "e\u0301", "\u1100\u1161", "가", "\u0f73", "Ω", "中",
                     "\ufeff"]),
    st.characters(codec="utf-8")), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_LETTERS)
def test_fold_and_slugify_are_their_former_definitions(text):
    from goldenbook.text import fold, slugify

    fold.cache_clear()
    slugify.cache_clear()
    assert fold(text) == _former_fold(text)
    assert slugify(text) == _former_slugify(text)


def test_fold_and_slugify_agree_on_every_code_point():
    """Each character alone, and between letters (a test of the per-character argument on the whole range)."""
    from goldenbook.text import fold, slugify

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        for text in (char, f"Ạ{char}b", f"{char}\u0301"):
            assert fold.__wrapped__(text) == _former_fold(text), hex(code)
        if code < 0x3000 or code % 7 == 0:  # python-slugify is slow on other scripts: a sample of them
            assert slugify.__wrapped__(f"a{char}") == _former_slugify(f"a{char}"), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["Hà Nội", " Hà  Nội ", "Ha\u0300 Nội", "a\u00a0b", "\ufeffx", "x" * 70,
                                           "Giải Nhì", "Giải  Nhì"]), st.text(max_size=80)), max_size=8),
       )
def test_one_line_values_are_cleaned_as_before(texts):
    """A one-line field remembers what it cleaned: the same answers as ``clean``, however often a text comes."""
    from pydantic import TypeAdapter, ValidationError

    from goldenbook.structure.record import Line
    from goldenbook.text import clean

    line = TypeAdapter(Line)
    for text in texts + texts:
        try:
            assert line.validate_python(text) == clean(text)
        except ValidationError:
            assert not 1 <= len(clean(text)) <= 300


# ---------------------------------------------------------------- a scan that holds nothing, one read per file

def test_a_scan_that_does_not_hold_its_records_finds_the_same(tmp_path, monkeypatch):
    """``scan(hold=False)`` (``goldenbook validate``): the same diagnostics, entries and records, read on demand."""
    serial, records = _read_in_one_process(tmp_path, 6, monkeypatch)
    for cache in (True, False):
        clear_memory_cache()
        for path in (cache_root(tmp_path) / CACHE_DIR).rglob("*.pickle"):
            path.unlink()
        light = scan(tmp_path, jobs=2, cache=cache, hold=False)
        assert summary(light) == summary(serial)
        assert not any(e.loaded for e in light.entries)
        assert all(identical(e.record, records[e.slug]) for e in light.entries)
        if cache:
            clear_memory_cache()
            warm = scan(tmp_path, jobs=2)
            assert summary(warm) == summary(serial)
            assert all(identical(e.record, records[e.slug]) for e in warm.entries)


@pytest.mark.parametrize("told", [0, 5, 11, 12, 13, 40, 10**6])
def test_a_file_is_read_whole_whatever_size_its_lstat_gave(tmp_path, told):
    path = tmp_path / "a.yml"
    path.write_bytes(b"title: abc\nx: 1\n")  # 16 bytes
    assert reading.read_file(str(path), "a.yml", told) == path.read_bytes()
    path.write_bytes(b"")
    assert reading.read_file(str(path), "a.yml", told) == b""
