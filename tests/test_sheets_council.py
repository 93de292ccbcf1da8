"""The council's sheet: ``goldenbook export``, scores filled in a spreadsheet, ``goldenbook import-scores``,
and the preview showing them (issue 22)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pytest

from conftest import build_site, make_repo
from goldenbook.vocabulary import REVIEW_STATUSES
from goldenbook.yamlsource import load_document

EPOCH = "1796083200"  # 2026-12-01 00:00 UTC: the build date of these tests
DAY = datetime.fromtimestamp(int(EPOCH), timezone.utc)


def gb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", with_examples=True)


def reviewed(repo: Path) -> dict[str, Path]:
    """slug → file of every example record awaiting the council."""
    found = {}
    for path in sorted((repo / "initiatives").rglob("*.yml")):
        if load_document(path.read_text(encoding="utf-8")).data.get("status") in REVIEW_STATUSES:
            found[path.stem] = path
    return found


def export(repo: Path, name: str = "hoi-dong.xlsx") -> Path:
    target = repo.parent / name
    done = gb("export", str(target), cwd=repo)
    assert done.returncode == 0, done.stderr
    return target


def columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def test_export_has_the_councils_columns_filters_and_validation(repo: Path) -> None:
    path = export(repo)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.title == "Chấm điểm"
    heads = columns(sheet)
    for head in ("Mã hồ sơ", "Tên hồ sơ", "Tỉnh, thành phố", "Lĩnh vực", "Tác giả", "Trạng thái", "Hồ sơ",
                 "Giải thưởng", "Chưa công bố trước", "Báo cáo tóm tắt", "Ảnh chân dung", "Nguồn tham khảo",
                 "Điểm (0–100)", "Kết luận", "Số quyết định", "Ghi chú"):
        assert head in heads, head
    slugs = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(slugs) == sorted(reviewed(repo)) and slugs
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref.startswith("A1:")
    hidden = [letter for letter, dim in sheet.column_dimensions.items() if dim.hidden]
    assert len(hidden) == 1 and sheet[f"{hidden[0]}1"].value == "Mã kiểm tra (không sửa)"
    rules = {rule.type: rule for rule in sheet.data_validations.dataValidation}
    assert (rules["decimal"].formula1, rules["decimal"].formula2) == ("0", "100")
    assert rules["list"].formula1 == '"Được công nhận,Không được chọn,Đang thẩm định"'
    score_letter = openpyxl.utils.get_column_letter(heads["Điểm (0–100)"])
    assert str(rules["decimal"].sqref).startswith(f"{score_letter}2:")
    by_slug = {row[0]: dict(zip(heads, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    some = by_slug[next(iter(by_slug))]
    assert re.fullmatch(r"(Đủ \(\d/\d\)|Thiếu \d/\d: .+)", some["Hồ sơ"])
    assert some["Báo cáo tóm tắt"] == "✓"


def test_export_is_reproducible_and_dated_by_the_build_date(repo: Path) -> None:
    first, second = export(repo, "a.xlsx").read_bytes(), export(repo, "b.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(repo.parent / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count(f"{DAY:%Y-%m-%d}T00:00:00Z") == 2  # created and modified


def fill(path: Path, scores: dict[str, tuple]) -> None:
    """Fill the sheet as a council secretary does, in the spreadsheet program (here: openpyxl)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    heads = columns(sheet)
    for row in sheet.iter_rows(min_row=2):
        slug = row[0].value
        if slug in scores:
            score, verdict, notes = scores[slug]
            row[heads["Điểm (0–100)"] - 1].value = score
            row[heads["Kết luận"] - 1].value = verdict
            row[heads["Ghi chú"] - 1].value = notes
    book.save(path)


@pytest.mark.slow
def test_round_trip_export_score_import_and_the_preview_shows_it(repo: Path, tmp_path: Path) -> None:
    records = reviewed(repo)
    first, second, third = sorted(records)[:3]
    path = export(repo)
    fill(path, {first: (86, "Được công nhận", "Hồ sơ đầy đủ, hiệu quả rõ."), second: (72.5, None, None),
                third: (140, None, None)})
    before = records[first].read_text(encoding="utf-8")
    done = gb("import-scores", str(path), cwd=repo)
    assert done.returncode == 1, "the out-of-range score is reported"
    assert re.search(r"hoi-dong\.xlsx › Chấm điểm › hàng \d+ › «Điểm \(0–100\)»: lỗi \[scores-bad-value\] "
                     r"Điểm 140 nằm ngoài khoảng 0 … 100\.", done.stderr)
    after = records[first].read_text(encoding="utf-8")
    data = load_document(after).data
    assert data["council"]["score"] == 86 and data["council"]["notes"] == "Hồ sơ đầy đủ, hiệu quả rõ."
    assert data["status"] == "recognized"
    old = load_document(before).data
    assert {k: v for k, v in data.items() if k not in ("council", "status")} == \
        {k: v for k, v in old.items() if k not in ("council", "status")}
    kept = [line for line in before.splitlines() if line.startswith("#")]
    assert kept == [line for line in after.splitlines() if line.startswith("#")], "comments stay"
    assert load_document(records[second].read_text(encoding="utf-8")).data["council"]["score"] == 72.5
    assert "council" not in load_document(records[third].read_text(encoding="utf-8")).data or \
        load_document(records[third].read_text(encoding="utf-8")).data["council"].get("score") != 140
    assert gb("validate", cwd=repo).returncode == 0
    again = gb("import-scores", str(path), cwd=repo)
    assert "0 hồ sơ đã ghi" in again.stderr, "importing the same sheet twice changes nothing"

    out = tmp_path / "preview"
    built = build_site(repo, out, preview=True, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert built.returncode == 0, built.stderr
    sheet_page = (out / "hoi-dong" / "phieu" / first / "index.html").read_text(encoding="utf-8")
    assert "<strong>86/100</strong>" in sheet_page and "Hồ sơ đầy đủ, hiệu quả rõ." in sheet_page
    assert "<strong>72,5/100</strong>" in (out / "hoi-dong" / "phieu" / second / "index.html").read_text(encoding="utf-8")
    dashboard = (out / "hoi-dong" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button" href="danh-gia\.xlsx" download[^>]*>Tải bảng chấm điểm \(Excel\)</a>',
                     dashboard)
    assert (out / "hoi-dong" / "danh-gia.xlsx").read_bytes() == export(repo, "now.xlsx").read_bytes(), \
        "the dashboard offers the same sheet as the command, for the same records and day"


def test_a_record_changed_since_export_is_a_conflict(repo: Path) -> None:
    records = reviewed(repo)
    slug = sorted(records)[0]
    path = export(repo)
    fill(path, {slug: (90, None, "Điểm của hội đồng.")})
    changed = records[slug].read_text(encoding="utf-8").replace("\nyear:", "\n# sửa sau khi xuất bảng\nyear:", 1)
    records[slug].write_text(changed, encoding="utf-8")
    done = gb("import-scores", str(path), cwd=repo)
    assert done.returncode == 1
    assert f"[scores-conflict] Hồ sơ «{slug}» đã thay đổi sau khi xuất bảng chấm điểm: không ghi đè." in done.stderr
    assert records[slug].read_text(encoding="utf-8") == changed


def test_scores_of_unknown_records_and_a_sheet_without_its_columns(repo: Path) -> None:
    path = export(repo)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    heads = columns(sheet)
    sheet.cell(row=2, column=1).value = "khong-co-ho-so-nay"
    sheet.cell(row=2, column=heads["Điểm (0–100)"]).value = 50
    book.save(path)
    done = gb("import-scores", str(path), cwd=repo)
    assert done.returncode == 1 and "[scores-unknown-record] Không có hồ sơ «khong-co-ho-so-nay»" in done.stderr
    sheet.delete_cols(heads["Mã kiểm tra (không sửa)"])
    book.save(path)
    done = gb("import-scores", str(path), cwd=repo)
    assert done.returncode == 1 and "thiếu cột «Mã kiểm tra (không sửa)»" in done.stderr


def test_text_that_looks_like_a_formula_stays_text(repo: Path) -> None:
    """A council note starting with = (OWASP "CSV injection") is written as text, never as a formula
    that Excel would run when the council opens the sheet."""
    payload = '=HYPERLINK("https://example.org/x","Bấm vào đây")'
    path = next(path for path in reviewed(repo).values() if "\ncouncil:" not in path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8") + f"council:\n  notes: '{payload}'\n", encoding="utf-8")
    assert gb("validate", cwd=repo).returncode == 0
    sheet = openpyxl.load_workbook(export(repo)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert [cell.data_type for cell in cells if cell.value == payload] == ["s"]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
