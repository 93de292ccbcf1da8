"""Hand-written pages (content/) from a pull request: no symbolic link is followed (issue 17)."""

from __future__ import annotations

import shutil

from conftest import build_site, make_repo


def test_a_link_in_the_pages_folder_stops_the_build(tmp_path):
    """content/ is walked by MkDocs, which follows links: a link could publish a file of the machine that builds
    (here a stand-in for a private key), and two links to their own folder would never end."""
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY\n", encoding="utf-8")
    repo = make_repo(tmp_path / "repo", with_examples=True)
    (repo / "content" / "khoa.txt").symlink_to(secret)
    (repo / "content" / "vong-a").symlink_to(".")
    (repo / "content" / "vong-b").symlink_to(".")
    done = build_site(repo, tmp_path / "site", strict=False)
    assert done.returncode != 0
    assert "content/khoa.txt" in done.stderr and "content/vong-a" in done.stderr and "symlink" in done.stderr
    site = tmp_path / "site"
    assert not site.exists() or not [p for p in site.rglob("*") if p.is_file() and p.read_bytes() == b"PRIVATE KEY\n"]


def test_the_pages_folder_itself_as_a_link_stops_the_build(tmp_path):
    elsewhere = tmp_path / "ngoai-kho"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text("# Trang\n", encoding="utf-8")
    repo = make_repo(tmp_path / "repo", with_examples=True)
    shutil.rmtree(repo / "content")
    (repo / "content").symlink_to(elsewhere)
    done = build_site(repo, tmp_path / "site", strict=False)
    assert done.returncode != 0 and "symlink" in done.stderr and "  content\n" in done.stderr
