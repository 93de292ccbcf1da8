"""Open a spreadsheet that came from a stranger, and yield its rows with their positions.

The zip container of an ``.xlsx`` file is checked with the standard library
before openpyxl opens it: declared sizes (a zip bomb announces gigabytes),
macros (``vbaProject.bin``, ``.xlsm``), links to other workbooks, and the size
of the shared-strings table. The sheet is then read by openpyxl's streaming
parser (read-only mode: one row in memory at a time, values only kept), which
parses XML through defusedxml. openpyxl's read-only sheet hides merged cells,
hidden rows and formulas without a stored value, so rows are read with the
parser it uses itself, which keeps them. CSV files (``.csv``) are read with
the ``csv`` module.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, make

__all__ = ["Sheet", "SheetRow", "WorkbookRefused", "read_sheet", "FORMULA_WITHOUT_VALUE", "LIMITS"]

#: What a list may be: far beyond a real nomination list (hundreds of rows), far below what hurts.
LIMITS = {
    "file_bytes": 50 * 1024 * 1024,
    "uncompressed_bytes": 400 * 1024 * 1024,
    "ratio": 200,  # uncompressed ÷ compressed for one member; ordinary sheets stay below 30
    "members": 2_000,
    "shared_strings_bytes": 100 * 1024 * 1024,
    "rows": 100_000,
    "columns": 200,
    "cell_chars": 32_767,  # Excel's own limit for one cell
}

#: Stands in a row for a formula cell that stores no computed value (saved by a program that does not compute).
FORMULA_WITHOUT_VALUE = object()


class WorkbookRefused(Exception):
    """The file cannot be read as a list; ``diagnostic`` says why and what to do."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class SheetRow:
    """One row as written: its number in the sheet (1-based) and its cell values, column 1 first."""

    number: int
    values: list[Any]


@dataclass
class Sheet:
    name: str
    rows: list[SheetRow]
    hidden_rows: list[int] = field(default_factory=list)
    sheet_names: list[str] = field(default_factory=list)


def _refuse(code: str, name: str, **params: Any) -> WorkbookRefused:
    return WorkbookRefused(make(code, name, 0, 0, **params))


def _check_container(path: Path, name: str) -> None:
    """The zip's own directory, read before any XML is parsed."""
    size = path.stat().st_size
    if size > LIMITS["file_bytes"]:
        raise _refuse("sheet-too-large", name, size=size, limit=LIMITS["file_bytes"])
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _refuse("sheet-unreadable", name, detail=f"không phải tệp .xlsx ({error})") from None
    with archive:
        members = archive.infolist()
        if len(members) > LIMITS["members"]:
            raise _refuse("sheet-zip-bomb", name, detail=f"{len(members)} tệp con (tối đa {LIMITS['members']})")
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > LIMITS["ratio"]:
                raise _refuse("sheet-zip-bomb", name, detail=f"«{member.filename}» nén {ratio:.0f} lần")
            lower = member.filename.lower()
            if posixpath.basename(lower) == "vbaproject.bin" or lower.endswith(".bin") and "vba" in lower:
                raise _refuse("sheet-macros", name)
            if lower.startswith("xl/externallinks/"):
                raise _refuse("sheet-external-links", name)
            if lower == "xl/sharedstrings.xml" and member.file_size > LIMITS["shared_strings_bytes"]:
                raise _refuse("sheet-shared-strings", name, size=member.file_size,
                              limit=LIMITS["shared_strings_bytes"])
        if total > LIMITS["uncompressed_bytes"]:
            raise _refuse("sheet-zip-bomb", name, detail=f"{total} byte khi giải nén "
                                                         f"(tối đa {LIMITS['uncompressed_bytes']})")
        try:
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        except (zipfile.BadZipFile, OSError) as error:
            raise _refuse("sheet-unreadable", name, detail=str(error)) from None
        if b"macroEnabled" in types:
            raise _refuse("sheet-macros", name)


def _xlsx_rows(path: Path, name: str, wanted: str | None) -> Sheet:
    import openpyxl
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser  # the parser read-only mode uses

    class _Parser(WorkSheetParser):
        """openpyxl's sheet parser, telling a formula without a stored value from an empty cell."""

        def parse_cell(self, element):  # noqa: ANN001, ANN202 - openpyxl's signature
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = FORMULA_WITHOUT_VALUE
            return cell

    if not openpyxl.DEFUSEDXML:  # pyproject pins defusedxml; a broken install must not parse strangers' XML
        raise RuntimeError("defusedxml is not installed: openpyxl would parse XML without its protections")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False, keep_vba=False)
    except Exception as error:  # noqa: BLE001 - any reason the library gives is the editor's to read
        raise _refuse("sheet-unreadable", name, detail=_reason(error)) from None
    try:
        names = list(book.sheetnames)
        if wanted is None:
            visible = [ws.title for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
            title = (visible or names)[0]
        else:
            matches = [n for n in names if n == wanted] or [n for n in names if n.casefold() == wanted.casefold()]
            if not matches:
                raise _refuse("sheet-not-found", name, sheet=wanted, sheets=", ".join(f"«{n}»" for n in names))
            title = matches[0]
        ws = book[title]
        if not hasattr(ws, "_get_source"):  # a chart sheet
            raise _refuse("sheet-not-found", name, sheet=title, sheets=", ".join(f"«{n}»" for n in names))
        dimensions = (ws.max_row or 0, ws.max_column or 0)
        if dimensions[0] > LIMITS["rows"] or dimensions[1] > LIMITS["columns"]:
            raise _refuse("sheet-too-many", name, rows=dimensions[0], columns=dimensions[1],
                          max_rows=LIMITS["rows"], max_columns=LIMITS["columns"])
        rows: list[SheetRow] = []
        try:
            with ws._get_source() as source:
                parser = _Parser(source, book.shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
                for number, cells in parser.parse():
                    if number > LIMITS["rows"] or len(rows) >= LIMITS["rows"]:
                        raise _refuse("sheet-too-many", name, rows=number, columns=dimensions[1],
                                      max_rows=LIMITS["rows"], max_columns=LIMITS["columns"])
                    values: list[Any] = []
                    for cell in cells:
                        column = cell["column"]
                        if column > LIMITS["columns"]:
                            raise _refuse("sheet-too-many", name, rows=number, columns=column,
                                          max_rows=LIMITS["rows"], max_columns=LIMITS["columns"])
                        if cell["value"] is None:
                            continue
                        values.extend([None] * (column - len(values)))
                        values[column - 1] = cell["value"]
                    if any(value is not None for value in values):
                        rows.append(SheetRow(number, values))
                merged = parser.merged_cells.mergeCell if parser.merged_cells else []
                hidden = sorted(int(key) for key, attrs in parser.row_dimensions.items()
                                if str(attrs.get("hidden", "")).lower() in ("1", "true"))
        except WorkbookRefused:
            raise
        except Exception as error:  # noqa: BLE001 - a sheet that breaks the parser midway: the editor's to read
            raise _refuse("sheet-unreadable", name, detail=_reason(error)) from None
    finally:
        book.close()
    _fill_merged(rows, [cell.ref for cell in merged])
    hidden_set = set(hidden)
    filled = {row.number for row in rows}
    return Sheet(title, [row for row in rows if row.number not in hidden_set],
                 [number for number in hidden if number in filled], names)


def _reason(error: BaseException) -> str:
    """Why openpyxl could not open a workbook, in Vietnamese, without the paths of this machine."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return ("tệp có khai báo DTD hoặc thực thể XML (ENTITY), điều mà Excel không bao giờ ghi: tệp đã bị "
                    f"sửa ngoài Excel ({type(seen).__name__})")
        seen = seen.__cause__ or seen.__context__
    return f"nội dung XML của tệp bị hỏng hoặc không đúng chuẩn ({type(error).__name__})"


def _fill_merged(rows: list[SheetRow], ranges: list[str]) -> None:
    """A merged range shows its first cell's value in every cell it covers; so do the rows read here."""
    from openpyxl.utils.cell import range_boundaries

    if not ranges:
        return
    by_number = {row.number: row for row in rows}
    for ref in ranges:
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        first = by_number.get(low_row)
        if first is None or len(first.values) < low_col:
            continue
        value = first.values[low_col - 1]
        for number in range(low_row, high_row + 1):
            row = by_number.get(number)
            if row is None:
                if number == low_row:
                    continue
                row = by_number[number] = SheetRow(number, [])
                rows.append(row)
            row.values.extend([None] * (high_col - len(row.values)))
            for column in range(low_col, high_col + 1):
                row.values[column - 1] = value
    rows.sort(key=lambda row: row.number)


def _csv_rows(path: Path, name: str) -> Sheet:
    size = path.stat().st_size
    if size > LIMITS["file_bytes"]:
        raise _refuse("sheet-too-large", name, size=size, limit=LIMITS["file_bytes"])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse("sheet-unreadable", name, detail="tệp CSV không phải mã UTF-8") from None
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[SheetRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for values in reader:
            if reader.line_num > LIMITS["rows"] or len(values) > LIMITS["columns"]:
                raise _refuse("sheet-too-many", name, rows=reader.line_num, columns=len(values),
                              max_rows=LIMITS["rows"], max_columns=LIMITS["columns"])
            cells = [value if value.strip() else None for value in values]
            if any(cell is not None for cell in cells):
                rows.append(SheetRow(reader.line_num, cells))
    except csv.Error as error:
        raise _refuse("sheet-unreadable", name, detail=f"CSV: {error}") from None
    stem = path.stem
    return Sheet(stem, rows, [], [stem])


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The rows of one sheet (the first visible one unless ``sheet`` names another), empty rows left out,
    merged cells filled, hidden rows set apart. Raises ``WorkbookRefused`` for a file that is not read."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise _refuse("sheet-macros", name)
    if suffix == ".csv":
        return _csv_rows(path, name)
    if suffix not in (".xlsx", ".xltx"):
        raise _refuse("sheet-unreadable", name, detail=f"đuôi tệp «{path.suffix}» không được hỗ trợ")
    _check_container(path, name)
    return _xlsx_rows(path, name, sheet)


def cell_kind(value: Any) -> str:
    """What a cell holds, for messages."""
    if isinstance(value, datetime):
        return "ngày giờ"
    if isinstance(value, (date, time)):
        return "ngày"
    if isinstance(value, (int, float)):
        return "số"
    return "chữ"
