"""A workbook's bytes, the same every time for the same content and day.

openpyxl stamps the document's created/modified times with the clock and
the zip entries with the local time; here both come from ``day`` (the build
date) and one fixed time, so two builds write byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

__all__ = ["workbook_bytes"]

#: One fixed time for every zip entry (the earliest a zip can say).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(book: Any, day: date) -> bytes:
    """``book`` (an openpyxl ``Workbook``) as ``.xlsx`` bytes dated ``day``."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = datetime(day.year, day.month, day.day)
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # not save(): it stamps "now"
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
