"""Fast builds give the same bytes as slow ones.

Three things make a build fast — page shells (Material's template rendered once
per kind of page), both CPUs, and the page cache kept between builds — and
none may change a byte of the site:

- a site built with shells and workers equals one built with neither;
- after records change, a build that reuses the previous build's cache equals
  a clean build of the same records: every page, index, count, data file and
  search shard that depends on a changed province, field or status follows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_site, make_repo
from goldenbook.build.trees import differences
from goldenbook.cachedir import cache_root
from goldenbook.synthetic import write_records

SITE_URL = "https://example.org/sach-vang/"
HAU_GIANG = "initiatives/hau-giang/xay-dung-nha-dai-doan-ket-cho-ho-ngheo-bang-nguon-luc-xa-hoi-hoa.yml"
COLLECTIVE = "initiatives/hau-giang/ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang.yml"

pytestmark = pytest.mark.slow


def _build(repo: Path, out: Path, *, preview: bool = False, **env: str) -> Path:
    done = build_site(repo, out, preview=preview, strict=True, env={"GOLDENBOOK_SITE_URL": SITE_URL, **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def _clean_build(repo: Path, out: Path, **options) -> Path:
    shutil.rmtree(cache_root(repo), ignore_errors=True)
    return _build(repo, out, **options)


@pytest.fixture(scope="module")
def synthetic_repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("synthetic") / "repo")
    write_records(repo, 300)
    return repo


@pytest.mark.parametrize("preview", [False, True], ids=["public", "preview"])
def test_shells_and_workers_change_no_byte(synthetic_repo, tmp_path, preview):
    """300 records: more detached pages than the workers' threshold, so both CPUs write pages."""
    slow = _clean_build(synthetic_repo, tmp_path / "slow", preview=preview,
                        GOLDENBOOK_SHELLS="0", GOLDENBOOK_JOBS="1")
    fast = _clean_build(synthetic_repo, tmp_path / "fast", preview=preview, GOLDENBOOK_JOBS="2")
    assert len(list(fast.rglob("index.html"))) > 300
    assert not differences(slow, fast)


def _edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_published(repo: Path, field: str) -> Path:
    """A published initiative in ``field`` that no other record names (so it may be removed)."""
    files = sorted((repo / "initiatives").rglob("*.yml"))
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    for path, text in texts.items():
        named = any(path.stem in other for where, other in texts.items() if where != path)
        if "status: published" in text and f"field: {field}\n" in text and not named:
            return path
    raise AssertionError(f"no published record in {field} that no other record names")


def test_a_warm_build_equals_a_clean_build_after_records_change(tmp_path):
    repo = make_repo(tmp_path / "repo", with_examples=True)
    _clean_build(repo, tmp_path / "start")

    steps = []
    # 1. a record moves to another province (Hậu Giang → Bạc Liêu: another current province, Cà Mau)
    #    and another changes field
    moved = _first_published(repo, "nang-luong").relative_to(repo).as_posix()
    steps.append(lambda: (_edit(repo, HAU_GIANG, "province: Hậu Giang", "province: Bạc Liêu"),
                          _edit(repo, moved, "field: nang-luong", "field: moi-truong")))
    # 2. a collective that an initiative names as author is no longer published, and a summary changes
    steps.append(lambda: (_edit(repo, COLLECTIVE, "status: published", "status: nominated"),
                          _edit(repo, HAU_GIANG, "summary: >-\n", "summary: >-\n  (Đã sửa) ")))
    # 3. a record is removed and another is added
    def remove_and_add() -> None:
        source = repo / moved
        text = source.read_text(encoding="utf-8")
        source.unlink()
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        added = text.replace(title, "title: Sáng kiến mới thêm vào để thử dựng lại")
        (source.parent / "sang-kien-moi-them-vao-de-thu-dung-lai.yml").write_text(added, encoding="utf-8")
    steps.append(remove_and_add)

    site = _build(repo, tmp_path / "site")
    for number, step in enumerate(steps, start=1):
        step()
        # the previous build's cache is still there, and its site: unchanged pages are taken from it
        warm = _build(repo, site)
        clean = _clean_build(repo, tmp_path / f"clean-{number}")
        problems = differences(clean, warm)
        assert not problems, f"step {number}: " + "\n".join(problems[:20])
        _build(repo, site)  # with the cache of the clean build: the next step starts warm again

    # The changes did reach the site (the comparison above is not between two stale builds).
    site = tmp_path / "clean-3"
    assert "sang-kien-moi-them-vao-de-thu-dung-lai" in (site / "data/records.json").read_text(encoding="utf-8")
    record = (site / "sang-kien/xay-dung-nha-dai-doan-ket-cho-ho-ngheo-bang-nguon-luc-xa-hoi-hoa/index.html")
    page = record.read_text(encoding="utf-8")
    assert "(Đã sửa)" in page and "Bạc Liêu" in page and "Cà Mau" in page
    assert 'href="../../tap-the/ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang/"' not in page
    assert not (site / "tap-the/ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang").exists()


def test_a_page_changed_by_hand_in_the_site_is_not_kept(tmp_path):
    """Pages are taken from the previous site only when they are the very files that build wrote."""
    repo = make_repo(tmp_path / "repo", with_examples=True)
    site = _build(repo, tmp_path / "site")
    page = next((site / "sang-kien").glob("*/index.html"))
    expected = page.read_bytes()
    page.write_bytes(expected.replace(b"</body>", b"<!-- changed by hand --></body>"))
    _build(repo, site)
    assert page.read_bytes() == expected


def test_preview_and_public_builds_share_a_cache_without_mixing(tmp_path):
    """The page cache is shared by both variants: a preview build in between changes nothing public."""
    repo = make_repo(tmp_path / "repo", with_examples=True)
    first = _clean_build(repo, tmp_path / "public-1")
    _build(repo, tmp_path / "preview", preview=True)
    second = _build(repo, tmp_path / "public-2")
    assert not differences(first, second)


def test_record_folders_moved_back_whole_equal_a_clean_build(synthetic_repo, tmp_path):
    """With hundreds of records, the unchanged record pages come back as whole folders (one rename):
    what else those folders held (a changed record, a removed one, the kind pages) must not survive."""
    repo = tmp_path / "repo"
    shutil.copytree(synthetic_repo, repo, ignore=shutil.ignore_patterns(".cache"))
    site = _build(repo, tmp_path / "site")
    pages = sorted((site / "sang-kien").glob("*/index.html"))
    assert len(pages) > 64  # enough for the folder to be moved whole
    edited = _first_published_synthetic(repo)
    _edit(repo, edited.relative_to(repo).as_posix(), "\nsummary: \"", "\nsummary: \"(Đã sửa) ")
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(repo.glob("initiatives/*/*.yml"))}
    removed = next(path for path, text in texts.items() if path != edited and 'status: "published"' in text
                   and 'kind: "initiative"' in text and not any(path.stem in other for other in texts.values()
                                                                   if other is not text))
    removed.unlink()
    warm = _build(repo, site, GOLDENBOOK_SITE_URL=SITE_URL)
    clean = _clean_build(repo, tmp_path / "clean")
    assert not differences(clean, warm)
    assert not (warm / "sang-kien" / removed.stem).exists()
    assert "(Đã sửa)" in (warm / "sang-kien" / edited.stem / "index.html").read_text(encoding="utf-8")


SERVE_SCRIPT = """
import logging
import sys
from pathlib import Path
import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config

repo, site, record = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
hook_log = logging.getLogger("mkdocs.hooks.publication")
hook_log.setLevel(logging.DEBUG)
hook_log.addHandler(logging.StreamHandler())
def build():
    mkdocs_build.build(load_config(str(repo / "mkdocs.yml"), site_dir=site), serve_url="http://127.0.0.1:8000/")
load_config(str(repo / "mkdocs.yml"), site_dir=site).plugins.on_startup(command="serve", dirty=False)
build()
for number in range(2):
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('summary: "', f'summary: "(Sửa lần {number}) ', 1), encoding="utf-8")
    build()
load_config(str(repo / "mkdocs.yml"), site_dir=site).plugins.on_shutdown()  # as `mkdocs serve` ends
"""


def test_serve_rebuilds_write_the_edited_page_first_and_end_as_a_clean_build(synthetic_repo, tmp_path):
    """`mkdocs serve`: an edited record's page is written before the rest of the site is planned, and
    the rebuilt site is the clean build of the edited records."""
    repo = tmp_path / "repo"
    shutil.copytree(synthetic_repo, repo, ignore=shutil.ignore_patterns(".cache"))
    record = _first_published_synthetic(repo)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0", "GOLDENBOOK_SITE_URL": SITE_URL}
    env.pop("GOLDENBOOK_PREVIEW", None)
    script = tmp_path / "serve.py"
    script.write_text(SERVE_SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(repo), str(tmp_path / "served"), str(record)],
                          cwd=repo, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr.count("1 edited records written") == 2, done.stderr[-3000:]
    clean = _clean_build(repo, tmp_path / "clean")
    assert not differences(clean, tmp_path / "served")
    assert "(Sửa lần 1) (Sửa lần 0)" in (clean / "sang-kien" / record.stem / "index.html").read_text(encoding="utf-8")


def _first_published_synthetic(repo: Path) -> Path:
    """A published initiative of the synthetic records (their summaries are one double-quoted line)."""
    for path in sorted(repo.glob("initiatives/*/*.yml")):
        text = path.read_text(encoding="utf-8")
        if 'kind: "initiative"' in text and 'status: "published"' in text and '\nsummary: "' in text:
            return path
    raise AssertionError("no published synthetic initiative")
