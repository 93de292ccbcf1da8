"""The edition's book and the council's dossier as PDF: their print pages printed by headless Chromium.

The page linking a PDF was written before this runs, with a link to it (the
plan knew the build would try). Chromium prints a copy of the print page whose
links are absolute ``https://`` addresses from the site's address or none
(``goldenbook.site.printlinks``): the PDF holds no path of the build machine,
and its dates are the edition's (``reproducible_pdf``), so it is the same
wherever and whenever it is built. If printing fails (no browser, an error,
past ``PDF_TIMEOUT``), the build says so with a warning, which fails a strict
build, and the linking page says the PDF is not available.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from goldenbook.site import pdfpages, urls
from goldenbook.site.printlinks import links_for_print

log = logging.getLogger(__name__)

#: ``GOLDENBOOK_PDF=0`` builds without the book's PDF (the test suite's builds, except one test).
PDF_ENV = "GOLDENBOOK_PDF"
#: The browser that prints the PDF, when it is not ``chromium`` (or chromium-browser, google-chrome) on PATH.
CHROMIUM_ENV = "GOLDENBOOK_CHROMIUM"
#: Seconds the browser may take to print the book before the build gives up on the PDF.
PDF_TIMEOUT = int(os.environ.get("GOLDENBOOK_PDF_TIMEOUT", "180"))
#: What the edition page says where the PDF's link would be, when the build could not make it.
PDF_MISSING = ('<span class="gb-edition-links__pdf gb-muted" data-gb-pdf-missing>Tệp PDF của sách chưa có trong '
               'lần cập nhật này.</span>')
#: The same, on the council's dashboard for its dossier.
COUNCIL_PDF_MISSING = '<span class="gb-muted" data-gb-pdf-missing>Tệp PDF hồ sơ hội đồng chưa có trong lần dựng này.</span>'


def pdf_wanted(preview: bool, serving: bool) -> bool:
    """The book's PDF is made by public builds (not previews, not `serve`) unless ``GOLDENBOOK_PDF=0``.

    Without a browser the build tries all the same, so that it says so (``book_pdf``).
    """
    return not (preview or serving or os.environ.get(PDF_ENV, "1") == "0")


def chromium() -> str | None:
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def numbered_pdf(site: Path, year: int, path: str, site_url: str, printed: str | None = None,
                 linked_from: str | None = None, missing: str | None = None) -> None:
    """Print a page with contents (the edition's book, the council's dossier) as ``book_pdf`` does, then
    again with the page each entry starts on written into its contents, read from the print before
    (browsers cannot number them as they print: ``goldenbook.site.pdfpages``)."""
    page = site / (printed or urls.print_edition(year)) / "index.html"
    for _ in range(3):
        book_pdf(site, year, path, site_url, printed=printed, linked_from=linked_from, missing=missing)
        if not (site / path).is_file():
            return
        html = page.read_text(encoding="utf-8")
        try:
            numbered = pdfpages.number_contents(html, pdfpages.start_pages(site / path))
        except ValueError as error:
            log.warning(f"goldenbook: không đọc được số trang trong {path}; mục lục chỉ đánh số thứ tự "
                        f"(the contents' page numbers could not be read): {error}")
            return
        if numbered == html:
            return
        page.write_text(numbered, encoding="utf-8")


def book_pdf(site: Path, year: int, path: str, site_url: str, printed: str | None = None,
             linked_from: str | None = None, missing: str | None = None) -> None:
    """Print the edition's print page (an-pham/<year>/in/), or the page at ``printed`` linked from the
    page at ``linked_from``, to ``path``; the PDF is dated by ``year``."""
    page = site / (printed or urls.print_edition(year)) / "index.html"
    out = site / path
    browser = chromium()
    problem = None
    started = time.monotonic()
    out.unlink(missing_ok=True)
    if browser is None or not page.is_file():
        problem = "no browser (chromium)" if browser is None else f"{page} is missing"
    else:
        copy = page.with_name(".goldenbook-print.html")  # beside the page: its styles and images load alike
        try:
            copy.write_text(links_for_print(page.read_text(encoding="utf-8"), printed or urls.print_edition(year),
                                            site_url), encoding="utf-8")
            problem = print_to_pdf(browser, copy, out)
        finally:
            copy.unlink(missing_ok=True)
    if problem is None:
        reproducible_pdf(out, year)
        log.info(f"goldenbook: {path} ({out.stat().st_size:,} bytes, {time.monotonic() - started:.1f} s)")
        return
    out.unlink(missing_ok=True)
    log.warning(f"goldenbook: không tạo được tệp PDF {path}; trang liên kết tới nó ghi là chưa có PDF "
                f"(the PDF {path} could not be made; the page linking it says it is not available; "
                f"{PDF_ENV}=0 builds without it on purpose): {problem}")
    edition = site / (linked_from or urls.edition(year)) / "index.html"
    if edition.is_file():
        html = edition.read_text(encoding="utf-8")
        edition.write_text(re.sub(r'<span class="[\w-]+" data-gb-pdf>.*?</span>', missing or PDF_MISSING,
                                  html, flags=re.S), encoding="utf-8")


def print_to_pdf(browser: str, page: Path, out: Path) -> str | None:
    """Chromium prints ``page`` to ``out``; what went wrong, or None. The browser and every process it
    started are killed past ``PDF_TIMEOUT``."""
    with tempfile.TemporaryDirectory(prefix="goldenbook-pdf-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--disable-extensions",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   "--run-all-compositor-stages-before-draw",
                   f"--print-to-pdf={out}", page.resolve().as_uri()]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
        except OSError as error:
            return f"{type(error).__name__}: {error}"
        try:
            _, errors = process.communicate(timeout=PDF_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait()
            return f"no PDF after {PDF_TIMEOUT} s (GOLDENBOOK_PDF_TIMEOUT)"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)  # helpers the browser left behind
    if not out.is_file() or out.stat().st_size == 0 or out.read_bytes()[:5] != b"%PDF-":
        return f"exit {process.returncode}: {(errors or '').strip()[-500:]}"
    return None


def reproducible_pdf(pdf: Path, year: int) -> None:
    """Date the PDF by its edition (2 September, as the feed does), not by the build's clock.

    Chromium writes ``/CreationDate (D:20250102103000+00'00')`` and ``/ModDate``;
    each is replaced by a date of the same length, so the file's offsets stay right.
    """
    data = pdf.read_bytes()

    def date(match: re.Match[bytes]) -> bytes:
        old = match.group(2)
        new = f"D:{year:04d}0902000000".encode()
        new = (new + old[len(new):]) if len(old) > len(new) else new[:len(old)]
        return match.group(1) + new + b")"

    fixed = re.sub(rb"(/(?:CreationDate|ModDate) ?\()(D:[^)]*)\)", date, data)
    if fixed != data:
        pdf.write_bytes(fixed)
