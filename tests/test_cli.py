"""``goldenbook validate``: what an editor and a pull request see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import tiny_jpeg
from test_validation import COLLECTIVE, VALID

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def repo(tmp_path: Path, record: str) -> Path:
    folder = tmp_path / "initiatives" / "quang-nam"
    folder.mkdir(parents=True)
    (folder / "hoi-nong-dan-dien-ban.yml").write_text(COLLECTIVE, encoding="utf-8")
    (folder / "vuon-uom-nong-thon-moi.yml").write_text(record, encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "vuon-uom.jpg").write_bytes(tiny_jpeg())
    return tmp_path


MISTAKES = (VALID.replace("field: nong-nghiep", "field: nong nghiep")
            .replace("province: Quảng Nam", "province: Quang Nam")
            .replace("    share: 40", "    shares: 40"))


def test_the_example_records_are_valid():
    done = run("validate", cwd=ROOT)
    assert done.returncode == 0, done.stdout
    assert "0 lỗi" in done.stderr


def test_valid_repository_exits_zero(tmp_path):
    done = run("validate", cwd=repo(tmp_path, VALID))
    assert done.returncode == 0, done.stdout
    assert "2 hồ sơ hợp lệ" in done.stderr


def test_several_mistakes_in_text_format(tmp_path):
    done = run("validate", cwd=repo(tmp_path, MISTAKES))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    path = "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml"
    assert f"{path}:3:8: lỗi [not-in-vocabulary] field: Giá trị «nong nghiep» không hợp lệ." in done.stdout
    assert f"{path}:4:11: lỗi [province-unknown] province:" in done.stdout
    assert f"{path}:14:5: lỗi [unknown-field] authors[1].shares:" in done.stdout
    assert any(line.strip().startswith("→ Có phải là «nong-nghiep»") for line in lines)
    assert any(line.strip().startswith("→ Có phải là «Quảng Nam»") for line in lines)
    assert "3 lỗi" in done.stderr


def test_github_annotations(tmp_path):
    done = run("validate", "--format", "github", cwd=repo(tmp_path, MISTAKES))
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 3
    assert annotations[0].startswith(
        "::error file=initiatives/quang-nam/vuon-uom-nong-thon-moi.yml,line=3,col=8,title=not-in-vocabulary field::")
    assert all("%0A→ " in line for line in annotations)  # the fix travels with the message


def test_paths_limit_the_report_but_references_still_resolve(tmp_path):
    root = repo(tmp_path, VALID)
    done = run("validate", "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml", cwd=root)
    assert done.returncode == 0, done.stdout


def test_json_format_is_machine_readable(tmp_path):
    import json
    done = run("validate", "--format", "json", cwd=repo(tmp_path, MISTAKES))
    items = json.loads(done.stdout)
    assert {item["code"] for item in items} == {"not-in-vocabulary", "province-unknown", "unknown-field"}
    assert all(item["line"] >= 1 and item["message"] and item["hint"] for item in items)


def test_missing_path_is_an_error(tmp_path):
    done = run("validate", "khong-co.yml", cwd=repo(tmp_path, VALID))
    assert done.returncode == 1 and "Không tìm thấy" in done.stderr
