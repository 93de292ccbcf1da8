"""The printed book as a reader holds it (issue 18): one typeface, one entry per page, a clean title.

Reads the PDF the build makes (headless Chromium) with poppler-utils' ``pdffonts``,
``pdfinfo`` and ``pdftotext`` (Debian package poppler-utils).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, build_site

pytestmark = pytest.mark.browser

YEAR = 2025


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    missing = [tool for tool in ("pdffonts", "pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("GOLDENBOOK_REQUIRE_BROWSER"):
            pytest.fail(f"{missing} not installed (apt-get install poppler-utils)")
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")
    out = tmp_path_factory.mktemp("book") / "site"
    done = build_site(ROOT, out, pdf=True)
    assert done.returncode == 0, done.stderr
    pdf = out / "an-pham" / str(YEAR) / f"sach-vang-{YEAR}.pdf"
    if not pdf.exists():
        pytest.skip(f"no PDF was made: {done.stderr[-500:]}")
    return pdf


def run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_every_glyph_of_the_book_comes_from_one_font_family(book):
    rows = run("pdffonts", str(book)).splitlines()[2:]
    names = {row.split()[0] for row in rows}
    families = {re.sub(r"^[A-Z]{6}\+", "", name).split("-")[0] for name in names}
    assert families == {"BeVietnamPro"}, rows


def test_the_pdf_title_is_the_books_name(book):
    info = run("pdfinfo", str(book))
    title = re.search(r"^Title:\s*(.*)$", info, re.MULTILINE).group(1)
    assert title == f"Sách vàng Sáng tạo Việt Nam {YEAR}"


def test_one_entry_per_page_and_no_near_empty_page(book):
    pages = int(re.search(r"^Pages:\s*(\d+)", run("pdfinfo", str(book)), re.MULTILINE).group(1))
    texts = [run("pdftotext", "-f", str(n), "-l", str(n), "-layout", str(book), "-") for n in range(1, pages + 1)]
    lines = [[line for line in text.splitlines() if line.strip()] for text in texts]
    for number, page in enumerate(lines[1:], start=2):
        assert len(page) >= 8, f"page {number} holds only {len(page)} lines: {page}"
    # Entries start with their number; they follow each other one page each, nothing spills over.
    starts = [int(page[0].split()[0]) for page in lines if page and re.fullmatch(r"\d+", page[0].split()[0])]
    assert starts == list(range(1, len(starts) + 1)) and len(starts) >= 5
    first = lines.index(next(p for p in lines if p and p[0].split()[0] == "1"))
    # then the edition's statistics, from the page after the last entry to the end
    statistics = [n for n, text in enumerate(texts) if f"Ấn phẩm {YEAR} qua số liệu" in text]
    assert statistics == [first + len(starts)] and pages - statistics[0] <= 2, (pages, statistics)


def test_the_contents_give_the_page_each_entry_starts_on(book):
    """Each contents line ends with «trang N», and entry N of the book is on that page of the PDF."""
    pages = int(re.search(r"^Pages:\s*(\d+)", run("pdfinfo", str(book)), re.MULTILINE).group(1))
    texts = [run("pdftotext", "-f", str(n), "-l", str(n), str(book), "-") for n in range(1, pages + 1)]
    contents = "\n".join(text for text in texts if "Mục lục" in text or "Theo tỉnh" in text)
    numbered = [int(n) for n in re.findall(r"trang (\d+)", contents)]
    assert numbered, contents[:2000]
    html = (book.parent / "in" / "index.html").read_text(encoding="utf-8")
    starts = {int(n): int(p) for n, p in re.findall(r'data-gb-page="muc-(\d+)">trang (\d+)<', html)}
    entries = len(set(re.findall(r'id="muc-(\d+)"', html)))
    assert len(starts) == entries > 0  # every entry, under both orders of the contents
    titles = dict(re.findall(r'<a href="#muc-(\d+)">([^<]+)</a>', html))
    for number, page in starts.items():
        first_words = " ".join(titles[str(number)].split()[:3])
        assert first_words in " ".join(texts[page - 1].split()), (number, page, first_words)
