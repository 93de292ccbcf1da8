"""The platform-neutral build (goldenbook.build): no site platform in the core, its leaf outputs."""

from __future__ import annotations

import ast
import gzip
from pathlib import Path

import pytest

from goldenbook.build import sitemap
from goldenbook.build.book_pdf import reproducible_pdf
from goldenbook.build.errors import BuildError
from goldenbook.build.previous_site import PreviousSite

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = {"mkdocs", "material", "properdocs"}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_of_the_core_package_imports_a_site_platform():
    offenders = {path.relative_to(ROOT).as_posix(): sorted(_imported(path) & PLATFORMS)
                 for path in (ROOT / "src" / "goldenbook").rglob("*.py") if _imported(path) & PLATFORMS}
    assert offenders == {}
    assert "mkdocs" in _imported(ROOT / "src" / "goldenbook_mkdocs" / "compat.py")  # the check sees imports


def test_the_sitemap_from_probes_lists_every_address_as_a_full_render_would():
    def render(addresses: list[str]) -> str:
        entries = "".join(f"<url><loc>{address}</loc></url>" for address in addresses)
        return f"<urlset><url><loc>https://x.org/</loc></url>{entries}</urlset>"

    addresses = [f"https://x.org/sang-kien/{n}/" for n in range(10)]
    made = sitemap.from_probes(lambda count: render(addresses[:count]), addresses)
    assert made == render(addresses)


def test_the_sitemap_from_probes_gives_up_when_entries_differ_beyond_the_address():
    def render(count: int) -> str:
        return "<urlset>" + "".join(f"<url><loc>https://x.org/{n}/</loc><p>{n % 2}</p></url>"
                                    for n in range(count)) + "</urlset>"

    assert sitemap.from_probes(render, [f"https://x.org/{n}/" for n in range(5)]) is None


def test_a_reproducible_sitemap_has_no_build_day(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "sitemap.xml").write_text("<url><loc>a</loc>\n <lastmod>2026-12-07</lastmod></url>")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"old")
    sitemap.make_reproducible(tmp_path)
    assert (tmp_path / "sitemap.xml").read_text() == "<url><loc>a</loc></url>"
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == b"<url><loc>a</loc></url>" and packed[4:8] == b"\0\0\0\0"  # mtime 0


def test_a_pdf_is_dated_by_its_edition_with_its_offsets_kept(tmp_path):
    pdf = tmp_path / "book.pdf"
    original = b"%PDF-1.4 /CreationDate (D:20261207093000+00'00') /ModDate (D:20261207093001+00'00')"
    pdf.write_bytes(original)
    reproducible_pdf(pdf, 2025)
    dated = pdf.read_bytes()
    assert len(dated) == len(original)
    assert dated.count(b"D:20250902000000+00'00'") == 2


def test_the_previous_site_is_moved_aside_and_deleted(tmp_path):
    site, cached = tmp_path / "site", tmp_path / "cache"
    (site / "sang-kien" / "a").mkdir(parents=True)
    (site / "sang-kien" / "a" / "index.html").write_text("old")
    previous = PreviousSite.move_aside(site, cached, dirty=False)
    assert site.is_dir() and not any(site.iterdir())
    assert (previous.folder / "sang-kien" / "a" / "index.html").read_text() == "old"
    previous.delete_rest()
    previous.wait_deleted()
    assert not previous.trash.exists()


def test_a_dirty_build_keeps_the_previous_site_in_place(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    assert PreviousSite.move_aside(site, tmp_path / "cache", dirty=True).folder is None
    assert (site / "index.html").read_text() == "old"


def test_a_site_folder_that_is_a_link_stops_the_build(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(BuildError, match="liên kết tượng trưng"):
        PreviousSite.move_aside(tmp_path / "site", tmp_path / "cache", dirty=False)
