"""``goldenbook import``: nomination lists in the shapes offices send become valid records (issue 22).

The lists are made here with openpyxl, as offices make them: a title row above
the header, merged cells, hidden rows, formulas (with the values Excel stores
beside them), empty rows, several sheets, NFC and NFD text, Excel dates and
text dates, Vietnamese number separators, several authors in one cell. Every
record written is checked by ``goldenbook validate``.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, make_repo
from goldenbook.yamlsource import load_document

HEADER = ["STT", "Tên sáng kiến", "Tỉnh/thành", "Lĩnh vực", "Tác giả", "Đơn vị", "Năm", "Tóm tắt",
          "Áp dụng từ", "Giá trị làm lợi", "Số người hưởng lợi"]
SUMMARY = "Máy sấy dùng năng lượng mặt trời giúp nông dân giảm chi phí sấy nông sản."
NOMINATOR = "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam"


def gb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def row(number: int, title: str, province: str = "Quảng Nam", **overrides) -> list:
    values = {"field": "Năng lượng mới", "authors": "Nguyễn Văn A (chủ nhiệm, 60%); Trần Thị B (40%)",
              "unit": "HTX Điện Phước", "year": 2025, "summary": SUMMARY, "since": datetime(2024, 3, 15),
              "value": "2,8 tỷ", "people": "1.400", **overrides}
    return [number, title, province, values["field"], values["authors"], values["unit"], values["year"],
            values["summary"], values["since"], values["value"], values["people"]]


def save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def office_list(path: Path) -> Path:
    """A list as a province sends it: a title row, a merged province column, a hidden row, an empty row,
    NFD text, text and Excel dates, a second sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet["A1"] = "DANH SÁCH ĐỀ CỬ SÁNG KIẾN VÀO SÁCH VÀNG SÁNG TẠO VIỆT NAM NĂM 2025"
    sheet.merge_cells("A1:K1")
    sheet.append(HEADER)
    sheet.append(row(1, "Máy sấy nông sản dùng năng lượng mặt trời"))
    sheet.append(row(2, unicodedata.normalize("NFD", "Lò đốt trấu cải tiến tiết kiệm củi"), None,
                     authors=unicodedata.normalize("NFD", "1. Lê Thị Hoà\n2. Phạm Văn Thuỷ (thành viên)"),
                     since="15/03/2024", value="350.000.000 đồng", people=1400))
    sheet.merge_cells("C3:C4")  # one province for two rows, as offices merge it
    sheet.append([None] * 11)  # an empty row
    sheet.append(row(3, "Hàng đã loại, đang ẩn"))
    sheet.row_dimensions[6].hidden = True
    sheet.append(row(4, "Ứng dụng đặt lịch khám bệnh", "TP.HCM", field="chuyển đổi số", year="2025",
                     authors="Võ Minh C, Đặng Thu D", unit="Bệnh viện quận 1", since=2023, value=None, people=None))
    book.create_sheet("Ghi chú")["A1"] = "Danh sách do Ủy ban MTTQ tỉnh lập."
    return save(book, path)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def written_records(repo: Path) -> dict[str, dict]:
    return {p.relative_to(repo).as_posix(): load_document(p.read_text(encoding="utf-8")).data
            for p in sorted((repo / "initiatives").rglob("*.yml"))}


def test_office_list_becomes_valid_records(repo: Path, tmp_path: Path) -> None:
    done = gb("import", str(office_list(tmp_path / "danh-sach.xlsx")), "--nominated-by", NOMINATOR, cwd=repo)
    assert done.returncode == 0, done.stderr
    records = written_records(repo)
    assert sorted(records) == [
        "initiatives/da-nang/lo-dot-trau-cai-tien-tiet-kiem-cui.yml",
        "initiatives/da-nang/may-say-nong-san-dung-nang-luong-mat-troi.yml",
        "initiatives/ho-chi-minh/ung-dung-dat-lich-kham-benh.yml",
    ]
    dryer = records["initiatives/da-nang/may-say-nong-san-dung-nang-luong-mat-troi.yml"]
    assert dryer["province"] == "Quảng Nam" and dryer["year"] == 2025 and dryer["field"] == "nang-luong"
    assert dryer["authors"] == [
        {"name": "Nguyễn Văn A", "role": "Chủ nhiệm", "organization": "HTX Điện Phước", "share": 60},
        {"name": "Trần Thị B", "organization": "HTX Điện Phước", "share": 40}]
    assert dryer["impact"] == {"beneficiaries": 1400, "value_vnd": 2_800_000_000}
    assert dryer["applied_since"] == "2024-03-15" and dryer["nominated_by"] == NOMINATOR
    assert dryer["status"] == "nominated"
    stove = records["initiatives/da-nang/lo-dot-trau-cai-tien-tiet-kiem-cui.yml"]
    assert stove["province"] == "Quảng Nam", "the merged province cell fills the rows it covers"
    assert stove["title"] == "Lò đốt trấu cải tiến tiết kiệm củi"
    assert [a["name"] for a in stove["authors"]] == ["Lê Thị Hoà", "Phạm Văn Thuỷ"]  # NFC, spelt as written
    assert stove["authors"][1]["role"] == "Thành viên"
    assert stove["impact"] == {"beneficiaries": 1400, "value_vnd": 350_000_000}
    assert stove["applied_since"] == "2024-03-15"
    app = records["initiatives/ho-chi-minh/ung-dung-dat-lich-kham-benh.yml"]
    assert app["province"] == "Hồ Chí Minh" and app["field"] == "cong-nghe-thong-tin" and app["applied_since"] == 2023
    assert [a["name"] for a in app["authors"]] == ["Võ Minh C", "Đặng Thu D"]
    for path in (repo / "initiatives").rglob("*.yml"):  # NFC on disk, whatever the list held
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
    assert "Hàng đã loại" not in "".join(p.read_text(encoding="utf-8") for p in (repo / "initiatives").rglob("*.yml"))
    assert "[sheet-hidden-rows] Các hàng đang ẩn không được nhập: 6." in done.stderr, "told, not dropped silently"
    checked = gb("validate", cwd=repo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 hồ sơ hợp lệ" in checked.stdout + checked.stderr


def formula_values(path: Path, values: dict[str, str]) -> None:
    """Store a computed value beside each formula, as Excel does when it saves (openpyxl writes formulas only)."""
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(rf'(<c r="{ref}"[^>]*?)(?: t="\w+")?>(<f>.*?</f>)(<v>.*?</v>|<v ?/>)?</c>',
                                  lambda m: f'{m.group(1)} t="str">{m.group(2)}<v>{value}</v></c>', text)
                content = text.encode("utf-8")
            target.writestr(info, content)
    path.write_bytes(out.getvalue())


def test_formulas_give_their_stored_values_and_one_without_is_reported(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(row(1, "Máy sấy nông sản dùng năng lượng mặt trời"))
    sheet.append(row(2, "Lò đốt trấu cải tiến tiết kiệm củi", year=None))
    sheet["G3"] = "=G2"  # the year, copied down by a formula
    sheet.append(row(3, None))
    sheet["B4"] = '=CONCATENATE("Bếp ", "sinh khối")'
    path = save(book, tmp_path / "cong-thuc.xlsx")
    formula_values(path, {"G3": "2025"})
    done = gb("import", str(path), "--nominated-by", NOMINATOR, "--dry-run", cwd=repo)
    assert done.returncode == 1
    assert re.search(r"cong-thuc\.xlsx › Sheet › hàng 4 › «Tên sáng kiến»: lỗi \[sheet-formula-no-value\]", done.stderr)
    assert "Mở tệp bằng Excel hoặc LibreOffice để tính công thức" in done.stderr
    formula_values(path, {"G3": "2025", "B4": "Bếp sinh khối"})
    done = gb("import", str(path), "--nominated-by", NOMINATOR, cwd=repo)
    assert done.returncode == 0, done.stderr
    records = written_records(repo)
    assert records["initiatives/da-nang/lo-dot-trau-cai-tien-tiet-kiem-cui.yml"]["year"] == 2025
    assert records["initiatives/da-nang/bep-sinh-khoi.yml"]["title"] == "Bếp sinh khối"


def test_every_problem_is_located_in_vietnamese_at_once_and_nothing_is_written(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append([*HEADER, "Cột lạ"])
    sheet.append(row(1, "Máy sấy nông sản dùng năng lượng mặt trời"))
    sheet.append(row(2, "Bếp cải tiến", "Quảng Nom", field="Thiên văn", authors="Lê Văn D (150%)",
                     since="32/13/2024", value="nhiều", year=1999, summary=None))
    path = save(book, tmp_path / "LIST.xlsx")
    done = gb("import", str(path), "--nominated-by", NOMINATOR, cwd=repo)
    assert done.returncode == 1
    err = done.stderr
    assert "LIST.xlsx › Sheet1 › hàng 1 › «Cột lạ»: lỗi [sheet-unknown-column]" in err
    assert "tệp --map" in err
    # the unknown column stops the import before rows are read; without it, every cell problem shows at once
    sheet.delete_cols(12)
    save(book, path)
    err = gb("import", str(path), "--nominated-by", NOMINATOR, cwd=repo).stderr
    expected = {
        "«Tỉnh/thành»": "Quảng Nom", "«Lĩnh vực»": "Thiên văn", "«Áp dụng từ»": "32/13/2024",
        "«Giá trị làm lợi»": "nhiều", "«Năm»": "1999", "«Tác giả»": "150", "«Tóm tắt»": "",
    }
    for column, value in expected.items():
        line = next((l for l in err.splitlines() if l.startswith(f"LIST.xlsx › Sheet1 › hàng 3 › {column}: lỗi")), None)
        assert line is not None, (column, err)
        assert value in line
    assert "Có phải là «Quảng Nam»?" in err
    assert "hàng 2 ›" not in err, "the good row has no problem"
    assert "chưa ghi hồ sơ nào" in err
    assert not list((repo / "initiatives").rglob("*.yml")), "nothing is written while the list has problems"


def test_dry_run_writes_nothing_and_shows_the_records(repo: Path, tmp_path: Path) -> None:
    done = gb("import", str(office_list(tmp_path / "a.xlsx")), "--nominated-by", NOMINATOR, "--dry-run", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "# sẽ tạo initiatives/da-nang/may-say-nong-san-dung-nang-luong-mat-troi.yml (hàng 3)" in done.stdout
    assert "title: Máy sấy nông sản dùng năng lượng mặt trời" in done.stdout
    assert not list((repo / "initiatives").rglob("*.yml"))


def test_duplicates_are_reported_and_update_keeps_what_the_list_does_not_hold(repo: Path, tmp_path: Path) -> None:
    path = office_list(tmp_path / "a.xlsx")
    assert gb("import", str(path), "--nominated-by", NOMINATOR, cwd=repo).returncode == 0
    target = repo / "initiatives/da-nang/may-say-nong-san-dung-nang-luong-mat-troi.yml"
    edited = target.read_text(encoding="utf-8").replace(
        "# council:\n", "council:\n  score: 80\n  notes: Giữ nguyên.\n# council:\n", 1)
    target.write_text(edited, encoding="utf-8")
    again = gb("import", str(path), "--nominated-by", NOMINATOR, cwd=repo)
    assert again.returncode == 1
    assert "[sheet-duplicate]" in again.stderr and "không ghi đè" in again.stderr
    assert target.read_text(encoding="utf-8") == edited
    # the same title, province and year under another spelling is the same record
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(row(1, "MÁY SẤY NÔNG SẢN DÙNG NĂNG LƯỢNG MẶT TRỜI!", "quảng nam"))
    book.active.append(row(2, "Máy sấy nông sản dùng năng lượng mặt trời"))
    other = save(book, tmp_path / "b.xlsx")
    done = gb("import", str(other), "--nominated-by", NOMINATOR, cwd=repo)
    assert done.stderr.count("[sheet-duplicate]") == 2 and "[sheet-duplicate-row]" in done.stderr
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(row(1, "Máy sấy nông sản dùng năng lượng mặt trời", summary="Tóm tắt mới của danh sách."))
    updated = gb("import", str(save(book, tmp_path / "c.xlsx")), "--nominated-by", NOMINATOR, "--update", cwd=repo)
    assert updated.returncode == 0, updated.stderr
    data = load_document(target.read_text(encoding="utf-8")).data
    assert data["summary"] == "Tóm tắt mới của danh sách."
    assert data["council"] == {"score": 80, "notes": "Giữ nguyên."}, "fields the list has no column for are kept"
    assert "# Tóm tắt (bắt buộc)" in target.read_text(encoding="utf-8"), "comments are kept"
    assert gb("validate", cwd=repo).returncode == 0


def test_csv_list_with_a_map_file(repo: Path, tmp_path: Path) -> None:
    text = ("Tên đề tài;Nơi;Ngành;Người thực hiện;Năm;Nội dung chính;Ghi chú\n"
            "Máy bóc vỏ lạc;Nghệ An;Cơ khí, tự động hóa;Hồ Văn E (chủ nhiệm);2024;"
            "Máy bóc vỏ lạc cho hộ gia đình, năng suất gấp mười lần bóc tay.;đã kiểm tra\n")
    (tmp_path / "list.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    mapping = tmp_path / "cot.yml"
    mapping.write_text("Tên đề tài: title\nNơi: tỉnh, thành phố\nNgành: field\nNgười thực hiện: authors\n"
                       "Nội dung chính: summary\nGhi chú: bỏ qua\n", encoding="utf-8")
    done = gb("import", str(tmp_path / "list.csv"), "--nominated-by", "Hội Nông dân tỉnh Nghệ An", cwd=repo)
    assert done.returncode == 1 and "[sheet-unknown-column]" in done.stderr
    done = gb("import", str(tmp_path / "list.csv"), "--map", str(mapping), "--nominated-by",
              "Hội Nông dân tỉnh Nghệ An", cwd=repo)
    assert done.returncode == 0, done.stderr
    data = written_records(repo)["initiatives/nghe-an/may-boc-vo-lac.yml"]
    assert data["field"] == "co-khi-tu-dong-hoa" and data["authors"] == [{"name": "Hồ Văn E", "role": "Chủ nhiệm"}]
    assert gb("validate", cwd=repo).returncode == 0


def test_sheet_option_and_missing_columns(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Bìa"
    book.active["A1"] = "Công văn gửi kèm"
    second = book.create_sheet("Đề cử 2025")
    second.append(["Tên sáng kiến", "Tỉnh", "Năm"])
    second.append(["Máy bóc vỏ lạc", "Nghệ An", 2024])
    path = save(book, tmp_path / "nhieu-trang.xlsx")
    first = gb("import", str(path), cwd=repo)
    assert first.returncode == 1 and "[sheet-no-header]" in first.stderr
    missing = gb("import", str(path), "--sheet", "đề cử 2025", cwd=repo)
    assert missing.returncode == 1
    for meaning in ("lĩnh vực", "tác giả", "tóm tắt", "cơ quan đề cử"):
        assert f"thiếu cột «{meaning}»" in missing.stderr
    nowhere = gb("import", str(path), "--sheet", "Không có", cwd=repo)
    assert nowhere.returncode == 1 and "«Bìa», «Đề cử 2025»" in nowhere.stderr


def test_a_year_typed_into_a_date_cell_is_the_year(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(row(1, "Máy sấy nông sản dùng năng lượng mặt trời", since=2025))
    book.active["I2"].number_format = "DD/MM/YYYY"  # Excel shows 17/07/1905: day 2025 of its calendar
    done = gb("import", str(save(book, tmp_path / "nam.xlsx")), "--nominated-by", NOMINATOR, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert written_records(repo)["initiatives/da-nang/may-say-nong-san-dung-nang-luong-mat-troi.yml"][
        "applied_since"] == 2025


SAMPLE = ROOT / "content" / "huong-dan" / "mau-danh-sach-de-cu.xlsx"


def test_the_sample_list_is_what_its_script_writes_and_imports_cleanly(repo: Path, tmp_path: Path) -> None:
    made = tmp_path / "mau.xlsx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_list.py"), str(made)], check=True,
                   capture_output=True, timeout=120)
    assert made.read_bytes() == SAMPLE.read_bytes(), "run scripts/make_sample_list.py after changing it"
    done = gb("import", str(SAMPLE), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert len(written_records(repo)) == 3
    assert gb("validate", cwd=repo).returncode == 0
