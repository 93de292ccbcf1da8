"""Sets of output files (open data, the search index) in the page cache, kept a file at a time."""

from __future__ import annotations

import pytest

from goldenbook.site.cache import CacheDamaged, PageCache

FILES = [("data/a.json", b'{"a":1}\n'), ("data/records.json", [b"[", b"1", b"]"]), ("feed.xml", b"<feed/>")]


def test_files_pass_through_and_are_kept_once_all_have_passed(tmp_path):
    cache = PageCache(tmp_path)
    passed = cache.recording("ab" * 32, iter(FILES))
    assert next(passed) == FILES[0]
    assert cache.get_files("ab" * 32) is None  # not before the last file has passed
    assert list(passed) == FILES[1:]
    assert list(cache.get_files("ab" * 32)) == FILES


def test_a_recording_left_half_way_keeps_nothing(tmp_path):
    cache = PageCache(tmp_path)

    def failing():
        yield FILES[0]
        raise RuntimeError("the records changed")

    with pytest.raises(RuntimeError):
        list(cache.recording("cd" * 32, failing()))
    assert cache.get_files("cd" * 32) is None
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_damaged_set_of_files_says_so(tmp_path):
    cache = PageCache(tmp_path)
    cache.put_files("ef" * 32, dict(FILES))
    stored = next(tmp_path.rglob("*.files"))
    stored.write_bytes(stored.read_bytes()[:-12])
    with pytest.raises(CacheDamaged):
        list(cache.get_files("ef" * 32))


def test_without_a_folder_nothing_is_kept(tmp_path):
    cache = PageCache(None)
    assert list(cache.recording("00" * 32, iter(FILES))) == FILES
    assert cache.get_files("00" * 32) is None


def test_a_pickle_in_place_of_a_set_of_files_is_damaged_and_never_run(tmp_path):
    """The format holds lengths and bytes only: a pickle stream there (as the cache once was) runs nothing."""
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (exec, (f"open({str(marker)!r}, 'w').close()",))

    cache = PageCache(tmp_path / "pages")
    cache.put_files("ab" * 32, dict(FILES))
    stored = next((tmp_path / "pages").rglob("*.files"))
    stored.write_bytes(pickle.dumps(Payload()) + pickle.dumps(None))
    with pytest.raises(CacheDamaged):
        list(cache.get_files("ab" * 32))
    assert not marker.exists()
