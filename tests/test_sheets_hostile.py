"""Hostile workbooks are refused with a clear Vietnamese error before they cost anything (issue 22).

Each case is an ordinary list made by openpyxl and then altered the way an
attacker (or a broken program) would: a zip bomb, macros, a link to another
workbook, a huge shared-strings table, too many rows or columns, an XML entity
bomb, a file that is not a workbook at all.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import make_repo
from goldenbook.sheets import workbook
from goldenbook.sheets.workbook import WorkbookRefused, read_sheet

HEADER = ["Tên sáng kiến", "Tỉnh", "Lĩnh vực", "Tác giả", "Năm", "Tóm tắt"]


def gb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def plain_list() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["Máy bóc vỏ lạc", "Nghệ An", "Cơ khí", "Hồ Văn E", 2024, "Máy bóc vỏ lạc."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def altered(data: bytes, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("hostile") / "repo")


def refused(repo: Path, path: Path, code: str) -> str:
    """Run the import; it must fail with ``code``, write nothing, and say so in Vietnamese."""
    started = time.monotonic()
    done = gb("import", str(path), "--nominated-by", "Hội Nông dân tỉnh Nghệ An", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert f"{path.name}: lỗi [{code}]" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not list((repo / "initiatives").rglob("*.yml"))
    assert time.monotonic() - started < 60
    return done.stderr


def test_the_plain_list_is_accepted(repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    path.write_bytes(plain_list())
    done = gb("import", str(path), "--nominated-by", "Hội Nông dân tỉnh Nghệ An", "--dry-run", cwd=repo)
    assert done.returncode == 0, done.stderr  # so the refusals below are the alterations' doing


def test_zip_bomb(repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + \
        b" " * (300 * 1024 * 1024) + b"</sheetData></worksheet>"
    path.write_bytes(altered(plain_list(), replace={"xl/worksheets/sheet1.xml": sheet}))
    assert path.stat().st_size < 2 * 1024 * 1024
    err = refused(repo, path, "sheet-zip-bomb")
    assert "nén bất thường" in err


def test_macros_in_xlsm_and_in_an_xlsx(repo: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "macro.xlsm"
    xlsm.write_bytes(plain_list())
    assert "Lưu lại dạng «Sổ làm việc Excel (.xlsx)»" in refused(repo, xlsm, "sheet-macros")
    hidden = tmp_path / "macro.xlsx"
    hidden.write_bytes(altered(plain_list(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512}))
    refused(repo, hidden, "sheet-macros")


def test_external_links(repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "lien-ket.xlsx"
    link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
            b'</externalLink>')
    path.write_bytes(altered(plain_list(), add={"xl/externalLinks/externalLink1.xml": link}))
    assert "Ngắt liên kết" in refused(repo, path, "sheet-external-links")


def test_huge_shared_strings(monkeypatch, tmp_path: Path) -> None:
    items = "".join(f"<si><t>Sáng kiến số {number}: {'chữ ' * 40}</t></si>" for number in range(2_000))
    table = (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000" '
             f'uniqueCount="2000">{items}</sst>').encode()
    path = tmp_path / "chuoi.xlsx"
    path.write_bytes(altered(plain_list(), add={"xl/sharedStrings.xml": table}))
    monkeypatch.setitem(workbook.LIMITS, "shared_strings_bytes", 100_000)  # the real limit is 100 MB
    with pytest.raises(WorkbookRefused) as caught:
        read_sheet(path)
    assert caught.value.diagnostic.code == "sheet-shared-strings"
    assert "Bảng chữ dùng chung của tệp quá lớn" in caught.value.diagnostic.message


def test_too_many_rows_or_columns(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.cell(row=150_000, column=1, value="x")
    rows = tmp_path / "nhieu-hang.xlsx"
    book.save(rows)
    assert "150000 hàng" in refused(repo, rows, "sheet-too-many")
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.cell(row=2, column=500, value="x")
    columns = tmp_path / "nhieu-cot.xlsx"
    book.save(columns)
    refused(repo, columns, "sheet-too-many")


def test_xml_entity_bomb(repo: Path, tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>').encode()
    path = tmp_path / "thuc-the.xlsx"
    path.write_bytes(altered(plain_list(), replace={"xl/worksheets/sheet1.xml": sheet}))
    err = refused(repo, path, "sheet-unreadable")
    assert "thực thể XML (ENTITY)" in err and "/tmp" not in err


def test_not_a_workbook(repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "trang-web.xlsx"
    path.write_text("<html><body>Danh sách</body></html>", encoding="utf-8")
    assert "không phải tệp .xlsx" in refused(repo, path, "sheet-unreadable")
    other = tmp_path / "danh-sach.xls"
    other.write_bytes(b"\xd0\xcf\x11\xe0")
    refused(repo, other, "sheet-unreadable")
