"""Page numbers for the contents of a printed page, read from a print of it.

Browsers do not support CSS ``target-counter()``, so a contents list cannot show, as it is printed, the
page each entry starts on. Chromium writes every link target of a printed page (``#ho-so-3``) into the PDF
as a named destination on its page: a first print tells where each entry starts, the numbers are written
into the page's contents, and the page is printed again (the hook repeats until the numbers hold).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

__all__ = ["start_pages", "number_contents"]

#: A contents entry's page number (print_edition.html, council_dossier.html): filled in from the PDF, empty before.
_PAGE = re.compile(r'(<span class="gb-toc-page" data-gb-page="([\w-]+)">)[^<]*(</span>)')


def start_pages(pdf: Path) -> dict[str, int]:
    """Link target (an element's id) → the page it is on, from 1, for every named destination of ``pdf``;
    ValueError when the file cannot be read. (pypdf is imported here: only builds that print need it.)"""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(pdf)
        return {name.lstrip("/"): reader.get_destination_page_number(target) + 1
                for name, target in reader.named_destinations.items()}
    except (PyPdfError, OSError) as error:
        raise ValueError(f"{pdf.name}: {error}") from error


def number_contents(html: str, pages: Mapping[str, int]) -> str:
    """``html`` with each contents entry's page number set to the page its target starts on."""
    return _PAGE.sub(lambda m: f"{m[1]}trang {pages[m[2]]}{m[3]}" if m[2] in pages else m[0], html)
