"""The scan's cache and its worker processes change how fast, never what.

A scan answered from the cache (on disk or in memory), or read by worker
processes, gives exactly the diagnostics, entries and counts a scan that
reads everything itself gives; the cache is invalidated by an edit, a new
validator, a new year; the file-system half of the image checks is asked
again every time; a damaged cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import tiny_jpeg
from goldenbook import synthetic
from goldenbook.cachedir import cache_root
from goldenbook.diagnostics import make
from goldenbook.records import (CACHE_DIR, cache, clear_memory_cache, examining, listing, parallel_read, reading,
                                scan, scanning)
from goldenbook.structure.entry import Entry, file_fingerprint
from goldenbook.structure.record import RECORD_ADAPTER
from goldenbook.validation import Context
from goldenbook.yamlsource import MAX_BYTES, load_document
from test_validation import COLLECTIVE, VALID

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_memory():
    clear_memory_cache()
    yield
    clear_memory_cache()


@pytest.fixture
def counted(monkeypatch):
    """How many files were examined (parsed and checked) and how many were read, per scan."""
    counts = {"examined": 0, "read": 0}
    examine, read, read_unlisted = examining.examine, reading.read_file, reading.read_unlisted

    def counting_examine(*args, **kwargs):
        counts["examined"] += 1
        return examine(*args, **kwargs)

    def counting_read(*args, **kwargs):
        counts["read"] += 1
        return read(*args, **kwargs)

    def counting_read_unlisted(*args, **kwargs):
        counts["read"] += 1
        return read_unlisted(*args, **kwargs)

    for module in (examining, parallel_read):  # where they are called
        monkeypatch.setattr(module, "examine", counting_examine)
        monkeypatch.setattr(module, "read_file", counting_read)
    monkeypatch.setattr(parallel_read, "read_unlisted", counting_read_unlisted)

    def take() -> dict[str, int]:
        now = dict(counts)
        counts.update(examined=0, read=0)
        return now

    return take


@pytest.fixture
def trusted(monkeypatch):
    """Trust every file's lstat, however recent (tests write files a moment before scanning)."""
    monkeypatch.setattr(scanning, "_RACY_NS", -10**18)


def repo(tmp_path: Path, records: dict[str, str] | None = None, images: tuple[str, ...] = ("vuon-uom.jpg",)) -> Path:
    records = records if records is not None else {
        "quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
        "quang-nam/vuon-uom-nong-thon-moi.yml": VALID,
        "quang-nam/hong.yml": VALID.replace("year: 2023", "year: 20x3").replace("field: nong-nghiep", "field: x"),
        "quang-nam/doc.yml": "a: [\n",
        "ghi-chu.txt": "not a record",
    }
    for path, body in records.items():
        file = tmp_path / "initiatives" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(body, encoding="utf-8")
    (tmp_path / "images").mkdir(exist_ok=True)
    for image in images:
        (tmp_path / "images" / image).write_bytes(tiny_jpeg())
    return tmp_path


def summary(result) -> tuple:
    """Everything a scan reports, comparable across scans."""
    return (result.diagnostics, result.files, result.invalid, result.not_records, result.counts,
            [(e.slug, e.source, e.fingerprint, e.kind, e.title, e.status, e.year, e.edition, e.current.key,
              e.historic.key if e.historic else None) for e in result.entries],
            sorted(result.docs))


def test_warm_scan_equals_cold_scan_and_reads_nothing_again(tmp_path, counted, trusted):
    root = repo(tmp_path)
    cold = scan(root)
    assert counted()["examined"] == 4
    assert (cache_root(root) / CACHE_DIR).is_dir()
    clear_memory_cache()  # as a new process would
    warm = scan(root)
    assert counted() == {"examined": 0, "read": 0}
    assert summary(warm) == summary(cold)
    assert summary(scan(root, cache=False)) == summary(cold)
    # records come back loaded on demand, equal to the ones read
    fresh = {e.slug: e.record for e in scan(root, cache=False).entries}
    assert not warm.entries[0].loaded
    assert {e.slug: e.record for e in warm.entries} == fresh


def test_documents_of_cached_files_still_locate(tmp_path, trusted):
    root = repo(tmp_path)
    cold = scan(root)
    clear_memory_cache()
    warm = scan(root)
    for name, doc in cold.docs.items():
        assert warm.docs[name].data == doc.data
        assert warm.docs[name].values == doc.values and warm.docs[name].keys == doc.keys


def test_untrusted_lstat_reads_but_does_not_examine_again(tmp_path, counted):
    root = repo(tmp_path)  # just written: too recent for its lstat to be trusted
    scan(root)
    counted()
    clear_memory_cache()
    scan(root)
    assert counted() == {"examined": 0, "read": 4}


def test_an_edit_is_seen(tmp_path, counted, trusted):
    root = repo(tmp_path)
    scan(root)
    counted()
    path = root / "initiatives" / "quang-nam" / "vuon-uom-nong-thon-moi.yml"
    before = path.stat()
    path.write_text(VALID.replace("year: 2023", "year: 2O23"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    result = scan(root)
    assert counted()["examined"] == 1
    assert any(d.code == "wrong-type" and d.file.endswith("vuon-uom-nong-thon-moi.yml") for d in result.diagnostics)
    path.write_text(VALID, encoding="utf-8")
    again = scan(root)
    assert counted()["examined"] == 0  # that content is still in the cache
    assert not any(d.file.endswith("vuon-uom-nong-thon-moi.yml") for d in again.diagnostics)


def test_a_new_validator_version_reads_everything_again(tmp_path, counted, trusted, monkeypatch):
    root = repo(tmp_path)
    cold = scan(root)
    counted()
    old = [p.name for p in (cache_root(root) / CACHE_DIR).iterdir()]
    monkeypatch.setattr(cache, "validator_version", lambda: "f" * 64)
    clear_memory_cache()
    warm = scan(root)
    assert counted()["examined"] == 4
    assert summary(warm) == summary(cold)
    # the old version's cache is gone
    assert [p.name for p in (cache_root(root) / CACHE_DIR).iterdir()] == ["f" * 24] != old


def test_a_new_year_is_a_new_key(tmp_path, trusted):
    text = VALID.replace("year: 2023", "year: 2027").replace("edition: 2024", "edition: 2027")
    root = repo(tmp_path, {"quang-nam/vuon-uom-nong-thon-moi.yml": text,
                           "quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE})
    early = scan(root, ctx=Context(root=root, today=date(2025, 6, 1)))
    late = scan(root, ctx=Context(root=root, today=date(2026, 6, 1)))
    assert "year-range" in {d.code for d in early.diagnostics}
    assert "year-range" not in {d.code for d in late.diagnostics}
    assert "year-range" in {d.code for d in scan(root, ctx=Context(root=root, today=date(2025, 6, 1))).diagnostics}


def test_images_are_looked_for_on_every_scan(tmp_path, counted, trusted):
    root = repo(tmp_path)
    assert "image-missing" not in {d.code for d in scan(root).diagnostics}  # fills the cache
    counted()
    (root / "images" / "vuon-uom.jpg").unlink()
    result = scan(root)
    assert counted()["examined"] == 0  # the record's own checks come from the cache…
    missing = [d for d in result.diagnostics if d.code == "image-missing"]
    # …the image is looked for again, and located as a fresh read locates it
    assert [(d.file, d.line, d.column, d.path) for d in missing] == [
        (d.file, d.line, d.column, d.path) for d in scan(root, cache=False).diagnostics if d.code == "image-missing"]
    assert missing and "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml" in result.invalid
    (root / "images" / "vuon-uom.jpg").write_bytes(tiny_jpeg())
    assert not [d for d in scan(root).diagnostics if d.code == "image-missing"]


def test_a_damaged_cache_is_ignored(tmp_path, counted, trusted):
    root = repo(tmp_path)
    cold = scan(root)
    folder = next((cache_root(root) / CACHE_DIR).iterdir())
    files = sorted(folder.iterdir())
    assert {p.name.split("-")[0] for p in files} >= {"index.pickle", "meta", "blob"}
    for path in files:  # every file damaged in a different way
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if path.name.startswith("meta") else data[:-1] + b"\0"
                         if path.name.startswith("blob") else b"garbage")
    counted()
    clear_memory_cache()
    warm = scan(root)
    assert counted()["examined"] == 4
    assert summary(warm) == summary(cold)


def test_a_damaged_record_store_reads_the_file_again(tmp_path, trusted):
    root = repo(tmp_path)
    fresh = {e.slug: e.record for e in scan(root, cache=False).entries}
    scan(root)
    for path in (cache_root(root) / CACHE_DIR).rglob("blob-*.pickle"):
        path.write_bytes(b"GBR1" + b"\0" * 40)
    clear_memory_cache()
    warm = scan(root)
    assert {e.slug: e.record for e in warm.entries} == fresh


def test_the_memory_cache_serves_a_second_scan(tmp_path, counted, trusted, monkeypatch):
    root = repo(tmp_path)
    first = scan(root)
    counted()
    loads = []
    monkeypatch.setattr(cache.Store, "load", lambda self: loads.append(1))
    second = scan(root)
    assert counted() == {"examined": 0, "read": 0} and not loads
    assert summary(second) == summary(first)
    assert second.entries[0].record is first.entries[0].record  # the record is read once per process


def test_scan_without_cache_writes_nothing(tmp_path):
    root = repo(tmp_path)
    scan(root, cache=False)
    assert not cache_root(root).exists()


def test_unwritable_cache_is_only_slower(tmp_path):
    root = repo(tmp_path)
    cache_root(root).parent.mkdir(parents=True, exist_ok=True)
    cache_root(root).write_text("a file where the folder would be")
    assert summary(scan(root)) == summary(scan(root, cache=False))


def test_workers_find_what_one_process_finds(tmp_path, monkeypatch):
    synthetic.write_records(tmp_path, 60, seed=3)
    repo(tmp_path)  # and the broken ones
    serial = scan(tmp_path, cache=False, jobs=1)
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 0)
    parallel = scan(tmp_path, cache=False, jobs=2)
    assert summary(parallel) == summary(serial)
    assert not any(e.loaded for e in parallel.entries)  # records come back pickled, loaded when asked for
    assert [e.record for e in parallel.entries] == [e.record for e in serial.entries]
    clear_memory_cache()
    cached = scan(tmp_path, jobs=2)
    clear_memory_cache()
    assert summary(scan(tmp_path, jobs=2)) == summary(cached) == summary(serial)


def test_a_report_only_scan_keeps_no_record_and_the_next_build_keeps_them(tmp_path, monkeypatch, counted,
                                                                          trusted):
    synthetic.write_records(tmp_path, 40, seed=5)
    repo(tmp_path)
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 0)
    serial = scan(tmp_path, cache=False, jobs=1)
    counted()
    reported = scan(tmp_path, jobs=2, hold=False)  # as `goldenbook validate` scans
    assert summary(reported) == summary(serial)
    folder = next((cache_root(tmp_path) / CACHE_DIR).iterdir())
    assert not list(folder.glob("blob-*")), "no record pickled: validate only reports"
    counted()
    clear_memory_cache()
    assert summary(scan(tmp_path, jobs=2, hold=False)) == summary(serial)
    assert counted()["examined"] == 0  # a second report is answered by the cache
    clear_memory_cache()
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 10**6)  # in this process, to count what it examines
    built = scan(tmp_path, jobs=2)  # a build needs the records: it reads the valid files again, to keep them
    assert summary(built) == summary(serial)
    assert counted()["examined"] == len(serial.entries)
    assert list(folder.glob("blob-*"))
    clear_memory_cache()
    again = scan(tmp_path, jobs=2)
    assert counted() == {"examined": 0, "read": 0}
    assert [e.record for e in again.entries] == [e.record for e in serial.entries]
    assert counted() == {"examined": 0, "read": 0}, "the records come from the cache, not from the files"


def test_the_collection_check_runs_on_the_whole_set(tmp_path, trusted):
    root = repo(tmp_path)
    scan(root)
    (root / "initiatives" / "khac").mkdir()
    (root / "initiatives" / "khac" / "vuon-uom-nong-thon-moi.yml").write_text(VALID, encoding="utf-8")
    result = scan(root)
    assert "duplicate-slug" in {d.code for d in result.diagnostics}
    assert summary(result) == summary(scan(root, cache=False))


def test_fingerprint_is_the_file(tmp_path, trusted):
    root = repo(tmp_path)
    result = scan(root)
    for entry in result.entries:
        raw = (root / entry.source).read_bytes()
        assert entry.fingerprint == hashlib.sha256(entry.source.encode() + b"\0" + raw).hexdigest()
        assert entry.fingerprint == file_fingerprint(entry.source, raw)
    path = root / "initiatives" / "quang-nam" / "vuon-uom-nong-thon-moi.yml"
    before = {e.slug: e.fingerprint for e in result.entries}
    path.write_text(VALID + "# one more comment\n", encoding="utf-8")
    after = {e.slug: e.fingerprint for e in scan(root).entries}
    assert after["vuon-uom-nong-thon-moi"] != before["vuon-uom-nong-thon-moi"]
    assert after["hoi-nong-dan-dien-ban"] == before["hoi-nong-dan-dien-ban"]


def test_entries_made_by_hand_have_a_fingerprint():
    record = RECORD_ADAPTER.validate_python(load_document(COLLECTIVE).data)
    from goldenbook.provinces import load_register

    place = load_register().resolve("Quảng Nam", 2023)
    one = Entry(slug="a", source="initiatives/a.yml", record=record, place=place)
    two = Entry(slug="a", source="initiatives/a.yml", record=record.model_copy(update={"year": 2024}), place=place)
    assert len(one.fingerprint) == 64 and one.fingerprint != two.fingerprint
    assert Entry("a", "initiatives/a.yml", record, place, "given").fingerprint == "given"


def test_validate_command_options(tmp_path):
    root = repo(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", "--root", str(root), *extra],
                              capture_output=True, text=True, env=env, timeout=120)

    runs = [run("--no-cache")]
    assert not cache_root(root).exists()
    runs += [run(), run(), run("--jobs", "2"), run("--jobs", "1", "--no-cache")]
    assert (cache_root(root) / CACHE_DIR).is_dir()
    assert len({(r.returncode, r.stdout, r.stderr) for r in runs}) == 1
    assert runs[0].returncode == 1 and "[wrong-type]" in runs[0].stdout


def test_a_context_kept_across_scans_looks_for_images_again(tmp_path, trusted):
    root = repo(tmp_path)
    ctx = Context(root=root)
    assert not [d for d in scan(root, ctx=ctx).diagnostics if d.code == "image-missing"]
    (root / "images" / "vuon-uom.jpg").unlink()
    assert [d for d in scan(root, ctx=ctx).diagnostics if d.code == "image-missing"]


def test_a_released_record_is_loaded_again_the_same(tmp_path, trusted):
    """Large builds let go of a record once its page is written (``Entry.release``): asked for again, the
    record comes back from its pickled form, equal; the facts the indexes read never needed it."""
    root = repo(tmp_path)
    scan(root)
    clear_memory_cache()
    entry = next(e for e in scan(root).entries if e.slug == "vuon-uom-nong-thon-moi")
    assert not entry.loaded
    assert entry.record_field == "nong-nghiep" and entry.image_sources and not entry.loaded
    first = entry.record
    assert entry.loaded
    entry.release()
    assert not entry.loaded
    again = entry.record
    assert again == first and again is not first
    made = Entry(entry.slug, entry.source, first, entry.place, entry.fingerprint)
    made.release()  # an entry made with its record has nothing to load it from: it keeps it
    assert made.loaded and made.record is first


def _listed_before(folder: Path) -> list[tuple[str, str, tuple | None]]:
    """The listing as it was defined: ``os.walk``-like, links never followed, sorted by path components."""
    found = []
    for top, folders, files in os.walk(folder, followlinks=False):
        for name in folders + files:
            path = f"{top}/{name}"
            info = os.lstat(path)
            if os.path.islink(path):
                found.append((path, "link", None))
            elif os.path.isdir(path):
                if name.lower().endswith((".yml", ".yaml")):
                    found.append((path, "folder", None))
            elif stat.S_ISREG(info.st_mode):
                found.append((path, "file", (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
                                             info.st_ctime_ns)))
            else:
                found.append((path, "special", None))
    found.sort(key=lambda item: item[0].split("/"))
    return found


def test_the_listing_with_and_without_stamps(tmp_path):
    folder = tmp_path / "initiatives"
    for name in ("a/z.yml", "a/b/c.yml", "a-b.yml", "a.yml", "A.yml", "ä.yml", "x.yml/inner.yml", "đ/e.yml",
                 "b/.gitkeep"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("kind: initiative\n", encoding="utf-8")
    (folder / "link-to-file.yml").symlink_to(folder / "a.yml")
    (folder / "link-to-folder").symlink_to(folder / "a")
    (folder / "dangling.yml").symlink_to(folder / "nowhere.yml")
    os.mkfifo(folder / "pipe.yml")
    before = _listed_before(os.fspath(folder))
    assert listing.folder_entries(folder) == before
    # Without stamps, the same entries in the same order; files are stamped when read.
    assert listing.folder_entries(folder, stamps=False) == [(p, what, None) for p, what, _ in before]
    raw, stamp = reading.read_unlisted(os.fspath(folder / "a.yml"), "a.yml")
    assert raw == (folder / "a.yml").read_bytes()
    assert stamp == dict(((p, s) for p, _, s in before))[os.fspath(folder / "a.yml")]


def test_a_file_grown_too_large_after_listing_is_refused_when_read(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"x" * (MAX_BYTES + 10))
    with pytest.raises(reading.Unreadable) as refused:
        reading.read_unlisted(os.fspath(path), "initiatives/big.yml")
    assert refused.value.diagnostic.code == "file-too-large"
    assert refused.value.diagnostic == make("file-too-large", "initiatives/big.yml", 1, 1,
                                                       size=MAX_BYTES + 10, limit=MAX_BYTES)
