"""Reproducible builds: the same records give byte-identical sites (issue 4).

A reviewer diffs two previews to see what changed between council sessions;
that only works if nothing else changes. Each variant (public and preview) is
built twice from one repository into two folders — with different Python hash
seeds, so that no output depends on set or dict order of strings — and every
file is compared byte for byte.

Findings, kept here as tests:

* MkDocs stamps the sitemap with the build day (``<lastmod>``, once
  ``site_url`` is set) and the ``sitemap.xml.gz`` header with that day's time:
  two builds on the same day agree, builds on different days did not. The
  build (``goldenbook.build.sitemap.make_reproducible``) drops ``<lastmod>`` and writes the gzip
  header without a time unless ``SOURCE_DATE_EPOCH`` chooses the date. A
  build under a clock set to another day proves it.
* Pages carry no build time, no random ids.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import build_site, make_repo

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/sach-vang/"
#: A day that is certainly not the day the tests run: the clock of the "other day" build.
OTHER_DAY = date(2031, 1, 2)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build(repo: Path, out: Path, *, preview: bool, seed: str, pdf: bool = False) -> Path:
    """Build with a given hash seed; the second build of a repository also reuses its page cache."""
    done = build_site(repo, out, preview=preview, pdf=pdf,
                      env={"PYTHONHASHSEED": seed, "GOLDENBOOK_SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": None})
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("reproducible") / "repo", with_examples=True)


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(set(first) ^ set(second)) + sorted(p for p in set(first) & set(second) if first[p] != second[p])


@pytest.mark.parametrize("preview", [False, True], ids=["public", "preview"])
def test_two_builds_are_byte_identical(repo, tmp_path, preview):
    first = _files(_build(repo, tmp_path / "a", preview=preview, seed="1"))
    second = _files(_build(repo, tmp_path / "b", preview=preview, seed="2"))
    assert len(first) > 100
    assert _differences(first, second) == []
    if preview:
        assert "hoi-dong/index.html" in first  # the council pages are part of the comparison


OTHER_DAY_BUILD = """
import datetime, sys
import mkdocs.utils

class OtherDay(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(%d, %d, %d, 10, 30, tzinfo=tz)

mkdocs.utils.datetime = OtherDay
assert mkdocs.utils.get_build_date() == %r
from mkdocs.__main__ import cli
sys.argv = ["mkdocs"] + sys.argv[1:]
cli()
""" % (OTHER_DAY.year, OTHER_DAY.month, OTHER_DAY.day, OTHER_DAY.isoformat())


def test_the_day_of_the_build_does_not_matter(repo, tmp_path):
    # with the council's dossier PDF where Chromium is here, as the other day's build (GOLDENBOOK_PDF unset)
    today = _files(_build(repo, tmp_path / "today", preview=True, seed="0", pdf=True))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PREVIEW": "1", "GOLDENBOOK_SITE_URL": SITE_URL}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run([sys.executable, "-c", OTHER_DAY_BUILD, "build", "--strict", "--site-dir",
                           str(tmp_path / "other"), "--config-file", str(repo / "mkdocs.yml")],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    other = _files(tmp_path / "other")
    assert _differences(today, other) == []
    for stamp in (OTHER_DAY.isoformat(), OTHER_DAY.strftime("%d/%m/%Y"), OTHER_DAY.strftime("%Y%m%d")):
        assert [path for path, data in other.items() if stamp.encode() in data] == [], stamp


def test_the_sitemap_has_no_build_date(repo, tmp_path):
    site = _build(repo, tmp_path / "site", preview=False, seed="0")
    sitemap = (site / "sitemap.xml").read_bytes()
    assert sitemap.count(b"<loc>") > 50 and SITE_URL.encode() in sitemap
    assert b"<lastmod>" not in sitemap
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert packed[:2] == b"\x1f\x8b" and packed[4:8] == b"\x00\x00\x00\x00"  # gzip header: no time stamp
    assert gzip.decompress(packed) == sitemap


def test_pages_carry_no_build_time_or_random_ids(repo, tmp_path):
    """No date of today in any file, and no id that looks generated (uuid, long hex)."""
    import re

    site = _build(repo, tmp_path / "site", preview=True, seed="0")
    today = date.today()
    stamps = [today.isoformat(), today.strftime("%d/%m/%Y")]
    uuid = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    for path, data in _files(site).items():
        if path.endswith((".png", ".jpg", ".jpeg", ".gz", ".woff2")):
            continue
        for stamp in stamps:
            assert stamp.encode() not in data, (path, stamp)
        if path.endswith(".html"):
            assert not uuid.search(data), path
