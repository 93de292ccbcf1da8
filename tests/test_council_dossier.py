"""The council's dossier (issue 24): every record under review with its review sheet, after a contents page,
as a print page (hoi-dong/in/) and the PDF headless Chromium prints from it (hoi-dong/ho-so-hoi-dong.pdf).

The PDF is read as a person reads it, through poppler's ``pdftotext`` and ``pdfinfo`` (Debian's
poppler-utils, installed by ``make browser``); the order expected is the dashboard's, read from the built
dashboard page, and the records expected are the example records whose status awaits the council.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_site, chromium_path, make_repo
from test_site import Page
from goldenbook.site import urls
from goldenbook.vocabulary import REVIEW_STATUSES, STATUSES

pytestmark = pytest.mark.site  # every test builds a site and prints its PDF in Chromium


def _need(tool: str | None, what: str) -> None:
    if tool is None:
        if os.environ.get("GOLDENBOOK_REQUIRE_BROWSER"):
            pytest.fail(f"GOLDENBOOK_REQUIRE_BROWSER is set but {what} is not installed")
        pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def dossier_site(tmp_path_factory) -> Path:
    """The example records built as the council preview, with its PDFs (Chromium), as the workflow does."""
    _need(chromium_path(), "chromium")
    _need(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    out = tmp_path_factory.mktemp("dossier") / "site-preview"
    done = build_site(ROOT, out, preview=True, pdf=True)
    assert done.returncode == 0, done.stderr
    return out


def _page(site: Path, url: str) -> Page:
    found = Page(site, url)
    assert found.file.is_file(), f"no page at {url!r}"
    return found


def _pages(pdf: Path) -> list[str]:
    """The PDF's text, page by page, each with its white space folded to single spaces."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def _under_review(site: Path) -> list[str]:
    """Titles of the dashboard's records awaiting the council, in the dashboard's (built) order."""
    rows = _page(site, urls.COUNCIL).main.select("table.gb-dashboard tbody tr")
    return [row.select("td")[0].text for row in rows if row.get("data-status") in REVIEW_STATUSES]


def test_the_dossier_pdf_holds_every_record_under_review_in_dashboard_order(dossier_site, example_entries):
    expected = _under_review(dossier_site)
    waiting = [e for e in example_entries if e.status in REVIEW_STATUSES]
    assert len(expected) == len(waiting) >= 2 and {e.title for e in waiting} == set(expected)
    assert {e.status for e in waiting} == set(REVIEW_STATUSES)  # the examples have both statuses
    pdf = dossier_site / urls.COUNCIL_PDF
    assert pdf.is_file()
    pages = _pages(pdf)
    # the contents page first: its title, then every record under review, numbered, in dashboard order
    contents = pages[0]
    assert "Hồ sơ thẩm định của hội đồng" in contents and "Mục lục" in contents
    places = [contents.find(f"{number}. {title}") for number, title in enumerate(expected, start=1)]
    assert -1 not in places and places == sorted(places), (expected, contents)
    # then one review sheet per record, each starting a page, in the same order
    starts = [index for index, page in enumerate(pages) if "Phiếu thẩm định hồ sơ".upper() in page.upper()[:200]]
    assert len(starts) == len(expected) and starts[0] == 1
    for number, (start, title) in enumerate(zip(starts, expected), start=1):
        # the contents give the page the sheet starts on (read from a first print, then printed again)
        line = contents[places[number - 1]:places[number] if number < len(places) else None]
        assert line.rstrip().endswith(f"trang {start + 1}"), (line, start + 1)
        head = pages[start][:400]
        assert f"HỒ SƠ SỐ {number}" in head.upper() and title in head, (number, title, head)
        assert "Phần chấm của thành viên hội đồng" in " ".join(pages[start:start + 2])


def test_the_dossier_pdf_has_a_vietnamese_title_no_local_path_and_the_same_bytes_twice(dossier_site, tmp_path):
    pdf = dossier_site / urls.COUNCIL_PDF
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
    assert re.search(r"^Title:\s+Hồ sơ thẩm định của hội đồng$", info, re.M), info  # print.html: the document's own name
    assert b"/Lang (vi)" in data
    assert b"file:" not in data and str(dossier_site).encode() not in data and b"/URI" not in data
    # built again in another folder: the same bytes (dated by the records, not the clock; no folder in it)
    again = tmp_path / "elsewhere" / "site"
    done = build_site(ROOT, again, preview=True, pdf=True)
    assert done.returncode == 0, done.stderr
    assert (again / urls.COUNCIL_PDF).read_bytes() == data


def test_the_dashboard_links_the_dossier_and_its_pdf(dossier_site):
    dashboard = _page(dossier_site, urls.COUNCIL)
    [link] = dashboard.main.select("[data-gb-pdf] a")
    assert link.text == "Tải hồ sơ hội đồng (PDF)"
    assert link.get("href") == "ho-so-hoi-dong.pdf" and link.get("download") is not None
    assert dashboard.target(link.get("href")) == urls.COUNCIL_PDF
    [page] = [a for a in dashboard.main.select("a") if a.text == "hồ sơ thẩm định"]
    assert page.get("href") == "in/index.html"  # the preview names files (opened from a download)
    printed = _page(dossier_site, urls.COUNCIL_PRINT)
    assert printed.main.select("h1")[0].text == "Hồ sơ thẩm định của hội đồng"
    sheets = printed.main.select(".gb-council-dossier__entry article.gb-sheet")
    assert [sheet.one("h1").text for sheet in sheets] == _under_review(dossier_site)
    assert not printed.main.select(".gb-sheet__links")  # the single sheet's links stay on the single sheet


def test_the_public_build_has_no_dossier(tmp_path):
    """Even where Chromium prints the book, a public build has no council page, dossier or its PDF."""
    _need(chromium_path(), "chromium")
    done = build_site(ROOT, tmp_path / "site", pdf=True)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert list(site.rglob("*.pdf"))  # the book's PDF: this build did print
    assert not (site / urls.COUNCIL).exists()
    linking = re.compile(r'(?:href|src)="[^"]*(?:ho-so-hoi-dong|hoi-dong/)')  # the editors' guide may name it
    assert not [p for p in site.rglob("*.html") if linking.search(p.read_text(encoding="utf-8"))]
    assert not [p for p in site.rglob("*.xml") if b"hoi-dong/" in p.read_bytes()]  # sitemap, feed


def test_a_failed_dossier_pdf_leaves_the_preview_without_its_link(tmp_path):
    strict = build_site(ROOT, tmp_path / "strict", preview=True, pdf=True, env={"GOLDENBOOK_CHROMIUM": "/bin/false"})
    assert strict.returncode != 0  # a warning: --strict fails, as for the edition's book (tests/test_pdf.py)
    done = build_site(ROOT, tmp_path / "site", preview=True, pdf=True, strict=False,
                      env={"GOLDENBOOK_CHROMIUM": "/bin/false"})
    assert done.returncode == 0, done.stderr
    assert f"không tạo được tệp PDF {urls.COUNCIL_PDF}" in done.stderr
    site = tmp_path / "site"
    assert not list(site.rglob("*.pdf"))
    dashboard = (site / urls.COUNCIL / "index.html").read_text(encoding="utf-8")
    assert "data-gb-pdf>" not in dashboard and ".pdf" not in dashboard
    assert "Tệp PDF hồ sơ hội đồng chưa có" in dashboard  # said, not a dead link
    assert (site / urls.COUNCIL_PRINT / "index.html").is_file()  # the print page stays: a browser prints it
    assert STATUSES["under_review"] in dashboard


def test_a_sheet_longer_than_a_page_moves_the_next_records_page_in_the_contents(tmp_path):
    """The page numbers are read from the print, not counted: a two-page sheet pushes the records after it."""
    _need(chromium_path(), "chromium")
    _need(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    repo = make_repo(tmp_path / "repo", with_examples=True)
    record = repo / "initiatives/gia-lai/dieu-phoi-xe-cap-cuu-lien-xa-qua-tong-dai-va-ban-do-so.yml"
    notes = "".join(f"    Ý kiến thứ {n}: cần bổ sung số liệu về thời gian chuyển viện ở xã vùng xa.\n"
                    for n in range(1, 61))
    record.write_text(record.read_text(encoding="utf-8") + f"council:\n  notes: |\n{notes}", encoding="utf-8")
    done = build_site(repo, tmp_path / "site", preview=True, pdf=True)
    assert done.returncode == 0, done.stderr
    pages = _pages(tmp_path / "site" / urls.COUNCIL_PDF)
    expected = _under_review(tmp_path / "site")
    long = expected.index("Điều phối xe cấp cứu liên xã qua tổng đài và bản đồ số") + 1
    starts = [index + 1 for index, page in enumerate(pages) if "PHIẾU THẨM ĐỊNH HỒ SƠ" in page.upper()[:200]]
    assert len(starts) == len(expected) and starts[long] - starts[long - 1] >= 2  # the long sheet: 2+ pages
    listed = [int(n) for n in re.findall(r"trang (\d+)", pages[0])]
    assert listed == starts
