"""Pictures of spreadsheets for the editors' guide (content/huong-dan/anh/*.png).

How they are made, honestly: each workbook is read with ``goldenbook.sheets``
(the reader ``goldenbook import`` uses), its cells written into an HTML table
drawn like a spreadsheet (column letters, row numbers, the header row
shaded), and headless Chromium photographs that table. They are not
screenshots of Excel or LibreOffice; they show exactly the cells of the file.

    .venv/bin/python scripts/screenshot_sheets.py

Pictures: the sample nomination list, and the council's sheet exported from
the example records (dated 01/12/2026). Needs Debian's chromium and Playwright
(``make test`` installs both).
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from goldenbook.records import scan
from goldenbook.sheets.council import council_workbook
from goldenbook.sheets.workbook import read_sheet

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "content" / "huong-dan" / "anh"
SAMPLE = ROOT / "content" / "huong-dan" / "mau-danh-sach-de-cu.xlsx"

STYLE = """
body { margin: 0; padding: 12px; background: #fff; font: 13px/1.35 "DejaVu Sans", sans-serif; color: #111; }
table { border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #c8c8c8; padding: 3px 6px; vertical-align: top; overflow: hidden; }
thead th, tbody th { background: #eef0f3; color: #444; font-weight: normal; text-align: center; }
tbody th { width: 28px; }
tr.header td { background: #fff2cc; font-weight: bold; }
td { white-space: pre-wrap; }
"""


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", ".")
    return "" if value is None else str(value)


def sheet_html(path: Path, header_row: int, widths: list[int], columns: int) -> str:
    """The first ``columns`` columns of the file's first sheet as an HTML table, rows as numbered in the sheet."""
    table = read_sheet(path)
    head = "".join(f'<th style="width:{w}px">{get_column_letter(i)}</th>' for i, w in enumerate(widths, 1))
    body = []
    for row in table.rows:
        cells = (row.values + [None] * columns)[:columns]
        kind = ' class="header"' if row.number == header_row else ""
        tds = "".join(f"<td>{html.escape(_text(v))}</td>" for v in cells)
        if row.number < header_row and cells[0] is not None:  # a title row, merged across the sheet
            tds = f'<td colspan="{columns}"><strong>{html.escape(_text(cells[0]))}</strong></td>'
        body.append(f"<tr{kind}><th>{row.number}</th>{tds}</tr>")
    return (f"<!doctype html><meta charset=utf-8><style>{STYLE}</style><table><thead><tr><th></th>{head}</tr>"
            f"</thead><tbody>{''.join(body)}</tbody></table>")


def photograph(page_html: str, target: Path, width: int) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        source = Path(folder) / "sheet.html"
        source.write_text(page_html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 400}, device_scale_factor=1)
        page.goto(source.as_uri())
        page.locator("table").screenshot(path=str(target))
        browser.close()
    print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)


def main() -> int:
    PICTURES.mkdir(parents=True, exist_ok=True)
    widths = [30, 230, 90, 170, 230, 150, 50, 300]
    photograph(sheet_html(SAMPLE, 2, widths, len(widths)), PICTURES / "mau-danh-sach-de-cu.png", 1320)
    with tempfile.TemporaryDirectory() as folder:
        council = Path(folder) / "hoi-dong.xlsx"
        council.write_bytes(council_workbook(scan(ROOT).entries, date(2026, 12, 1)))
        widths = [150, 260, 120, 150, 150, 90, 200, 60, 60, 60, 60, 60, 70, 110, 90, 160]
        photograph(sheet_html(council, 1, widths, len(widths)), PICTURES / "bang-cham-diem.png", 2200)
    return 0


if __name__ == "__main__":
    sys.exit(main())
