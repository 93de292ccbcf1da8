"""``goldenbook new`` and ``goldenbook fmt``: starting a record right and fixing mechanical problems (issue 7)."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import tiny_jpeg
from goldenbook.cli.new import fields_of
from goldenbook.structure.record import FIELD_ORDER, NESTED_ORDER
from goldenbook.yamlsource import decode, load_document
from conftest import ROOT, make_repo
from test_validation import COLLECTIVE

OPTIONS = [
    "--title", "Máy sấy nông sản dùng năng lượng mặt trời", "--province", "tỉnh Quảng Nam", "--year", "2024",
    "--field", "nang luong", "--locality", "Xã Điện Phước",
    "--summary", "Máy sấy nông sản dùng năng lượng mặt trời, chế tạo từ vật liệu sẵn có, giúp nông dân giảm "
                 "chi phí sấy và giữ chất lượng sản phẩm: mô hình \"3 không\" #1.",
    "--author", "Nguyễn Văn An; Chủ nhiệm; Hợp tác xã Nông nghiệp Điện Phước; 70",
    "--author", "Trần Thị Bình;;;30",
    "--nominated-by", "Hội Nông dân tỉnh Quảng Nam",
]
PATH = "initiatives/quang-nam/may-say-nong-san-dung-nang-luong-mat-troi.yml"


def gb(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin if stdin is not None else "", timeout=120)


@pytest.fixture()
def repo(tmp_path) -> Path:
    root = make_repo(tmp_path / "repo")
    (root / "schema").mkdir()
    (root / "schema" / "record.schema.json").write_text((ROOT / "schema/record.schema.json").read_text("utf-8"),
                                                        encoding="utf-8")
    return root


def top_keys(text: str) -> list[str]:
    return list(load_document(decode(text.encode("utf-8"))).data)


# ---------------------------------------------------------------- new

def test_new_with_every_option_writes_a_valid_commented_record(repo):
    done = gb("new", "initiative", *OPTIONS, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert f"Đã tạo {PATH}" in done.stdout
    assert "Hồ sơ hợp lệ" in done.stderr
    text = (repo / PATH).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/record.schema.json"
    # every field of the contract is there, in the contract's order: written, or commented out
    present = [m.group(1) for line in lines if (m := re.match(r"^(?:# )?([a-z_]+):", line))]
    assert present == fields_of("initiative")
    assert [k for k in FIELD_ORDER if k in top_keys(text)] == top_keys(text)
    data = load_document(text).data
    assert data["province"] == "Quảng Nam"  # the official name, not "tỉnh Quảng Nam"
    assert data["field"] == "nang-luong" and data["status"] == "nominated" and data["locality"] == "Xã Điện Phước"
    assert data["authors"] == [{"name": "Nguyễn Văn An", "role": "Chủ nhiệm",
                                "organization": "Hợp tác xã Nông nghiệp Điện Phước", "share": 70},
                               {"name": "Trần Thị Bình", "share": 30}]
    assert data["summary"].endswith("mô hình \"3 không\" #1.")
    # each field has a Vietnamese comment; optional ones are commented out
    assert "# Tóm tắt (bắt buộc)" in text and "# title_en: " in text and "# contact:" in text
    assert "RIÊNG TƯ" in text
    assert text.endswith("\n") and not any(line != line.rstrip() for line in lines)
    assert gb("validate", cwd=repo).returncode == 0
    assert gb("fmt", "--check", cwd=repo).returncode == 0  # what `new` writes is what `fmt` keeps


def test_new_without_the_texts_leaves_them_for_the_validator_to_point_at(repo):
    done = gb("new", "initiative", *OPTIONS[:8], cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "Còn 3 mục phải điền" in done.stderr
    check = gb("validate", cwd=repo)
    assert check.returncode == 1
    assert {m for m in re.findall(r"\[too-short\] (\S+):", check.stdout)} == {"summary", "authors[0].name",
                                                                                 "nominated_by"}
    # once the editor fills them in, the file is valid
    path = repo / PATH
    text = path.read_text(encoding="utf-8")
    text = text.replace('summary: ""', "summary: Máy sấy dùng năng lượng mặt trời.")
    text = text.replace('  - name: ""', "  - name: Nguyễn Văn An")
    text = text.replace('nominated_by: ""', "nominated_by: Hội Nông dân tỉnh Quảng Nam")
    path.write_text(text, encoding="utf-8")
    assert gb("validate", cwd=repo).returncode == 0


def test_new_collective(repo):
    done = gb("new", "collective", "--name", "Hợp tác xã Nông nghiệp A", "--type", "hop tac xa", "--province",
              "Lào Cai", "--year", "2026", "--summary", "Hợp tác xã tiêu biểu.", "--recognition",
              "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Lào Cai", cwd=repo)
    assert done.returncode == 0, done.stderr
    path = repo / "initiatives/lao-cai/hop-tac-xa-nong-nghiep-a.yml"
    text = path.read_text(encoding="utf-8")
    present = [m.group(1) for line in text.splitlines() if (m := re.match(r"^(?:# )?([a-z_]+):", line))]
    assert present == fields_of("collective")
    assert load_document(text).data["type"] == "cooperative"
    assert gb("validate", cwd=repo).returncode == 0


def test_new_refuses_to_overwrite(repo):
    assert gb("new", "initiative", *OPTIONS, cwd=repo).returncode == 0
    before = (repo / PATH).read_bytes()
    again = gb("new", "initiative", *OPTIONS, cwd=repo)
    assert again.returncode == 2
    assert "không ghi đè" in again.stderr and "--slug may-say-nong-san-dung-nang-luong-mat-troi-quang-nam" in again.stderr
    assert (repo / PATH).read_bytes() == before
    # a different record with the same title: the suffix the validator allows
    other = gb("new", "initiative", *OPTIONS, "--slug", "may-say-nong-san-dung-nang-luong-mat-troi-quang-nam",
               cwd=repo)
    assert other.returncode == 0, other.stderr
    wrong = gb("new", "initiative", *OPTIONS, "--slug", "ten-khac", cwd=repo)
    assert wrong.returncode == 2 and "không khớp" in wrong.stderr


def test_new_without_a_terminal_lists_the_missing_options(repo):
    done = gb("new", "initiative", "--title", "Vườn ươm", cwd=repo)
    assert done.returncode == 2
    assert "Thiếu --province, --year, --field" in done.stderr and "missing options" in done.stderr
    assert not list((repo / "initiatives").rglob("*.yml"))


def test_new_checks_options_with_the_projects_rules(repo):
    ceased = gb("new", "initiative", *OPTIONS[:2], "--province", "Quảng Nam", "--year", "2026", "--field", "y-te",
                cwd=repo)
    assert ceased.returncode == 2
    assert "đã sáp nhập vào thành phố Đà Nẵng" in ceased.stderr and "hãy ghi: Đà Nẵng" in ceased.stderr
    unknown = gb("new", "initiative", *OPTIONS[:2], "--province", "Quang Nam", "--year", "2024", "--field", "y-te",
                 cwd=repo)
    assert unknown.returncode == 2 and "có phải là: Quảng Nam" in unknown.stderr
    field = gb("new", "initiative", *OPTIONS[:6], "--field", "nong nghiep x", cwd=repo)
    assert field.returncode == 2 and "Có phải là «nong-nghiep»" in field.stderr
    year = gb("new", "initiative", *OPTIONS[:4], "--year", "1999", "--field", "y-te", cwd=repo)
    assert year.returncode == 2 and "ngoài khoảng 2000" in year.stderr
    long = gb("new", "initiative", *OPTIONS[:8], "--summary", "x" * 601, cwd=repo)
    assert long.returncode == 2 and "601 ký tự (tối đa 600)" in long.stderr
    shares = gb("new", "initiative", *OPTIONS[:8], "--author", "A;;;60", "--author", "B;;;50", cwd=repo)
    assert shares.returncode == 2 and "Tổng tỷ lệ đóng góp là 110%" in shares.stderr
    assert not list((repo / "initiatives").rglob("*.yml"))


ANSWERS = [
    "Vườn ươm cây giống",       # title
    "2026",                     # year
    "quang nam",                # province: no diacritics → suggestions
    "1",                        # picks Quảng Nam, which ceased for 2026 → Đà Nẵng offered
    "1",                        # Đà Nẵng
    "Phường Điện Bàn",          # locality
    "nông nghiệp",              # field, by its label
    "Mô hình vườn ươm cây giống do người dân tự quản.",  # summary
    "Nguyễn Văn A; Chủ nhiệm; ; 60",                     # author
    "Trần Thị B",
    "",                         # no more authors
    "Ủy ban MTTQ Việt Nam thành phố Đà Nẵng",            # nominated_by
]


def _check_interactive_result(repo: Path, transcript: str) -> None:
    assert "Có phải là" in transcript or "có phải là" in transcript
    assert "hãy ghi: Đà Nẵng" in transcript
    path = repo / "initiatives/da-nang/vuon-uom-cay-giong.yml"
    data = load_document(path.read_text(encoding="utf-8")).data
    assert data["province"] == "Đà Nẵng" and data["year"] == 2026 and data["field"] == "nong-nghiep"
    assert data["locality"] == "Phường Điện Bàn"
    assert data["authors"] == [{"name": "Nguyễn Văn A", "role": "Chủ nhiệm", "share": 60}, {"name": "Trần Thị B"}]
    assert gb("validate", cwd=repo).returncode == 0


def test_new_asks_on_stdin_when_forced_interactive(repo):
    done = gb("new", "initiative", "--interactive", cwd=repo, stdin="\n".join(ANSWERS) + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tên sáng kiến: " in done.stdout
    _check_interactive_result(repo, done.stdout + done.stderr)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_new_asks_in_a_terminal(repo):
    """With a terminal on stdin (a pseudo-TTY), `new` asks by itself: no flag needed."""
    main, secondary = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "goldenbook.cli", "new", "initiative"], cwd=repo,
                               stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True,
                               env={**os.environ, "TERM": "dumb"})
    os.close(secondary)
    output = b""
    answers = list(ANSWERS)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the process closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
                # answer each prompt as it appears (a prompt ends with ": " and waits for a line)
                while answers and output.rstrip(b" ").endswith(b":") and output.endswith(b": "):
                    os.write(main, answers.pop(0).encode("utf-8") + b"\n")
                    output += b"\n"
            elif process.poll() is not None:
                break
        process.wait(timeout=30)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    transcript = output.decode("utf-8", "replace")
    assert process.returncode == 0, transcript
    assert not answers, transcript
    _check_interactive_result(repo, transcript)


# ---------------------------------------------------------------- fmt

MESSY = """\
# Chú thích đầu tệp: phải giữ nguyên.
# yaml-language-server: $schema=../../schema/record.schema.json
title: Vườn ươm nông thôn mới   
province: Quảng Nam  # tỉnh cũ, nay thuộc Đà Nẵng
kind: initiative
year: 2023
field: nong-nghiep
# Tóm tắt một đoạn
summary: >-
  Mô hình vườn ươm cây giống do người dân tự quản,
  cung cấp cây xanh cho đường nông thôn mới.
status: published
edition: 2024
authors:
  - share: 40
    # vai trò trong nhóm
    role: Chủ nhiệm
    name: Nguyễn Văn A
  - collective: hoi-nong-dan-dien-ban

nominated_by: Ủy ban MTTQ Việt Nam tỉnh Quảng Nam
contact:
  phone: "0900 000 000"   # đã đồng ý
  name: Nguyễn Văn B
sources:
  - url: https://example.org/bai-viet
    title: "Bài viết: vườn ươm"
award: {year: 2023, name: Hội thi}
"""


def write_messy(repo: Path, name: str = "Vuon Uom.yml") -> Path:
    (repo / "initiatives/quang-nam").mkdir(parents=True, exist_ok=True)
    (repo / "initiatives/quang-nam/hoi-nong-dan-dien-ban.yml").write_text(COLLECTIVE, encoding="utf-8")
    path = repo / "initiatives/quang-nam" / name
    messy = unicodedata.normalize("NFD", MESSY).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + messy.encode("utf-8"))
    return path


def test_fmt_check_reports_and_changes_nothing(repo):
    path = write_messy(repo)
    before = path.read_bytes()
    done = gb("fmt", "--check", cwd=repo)
    assert done.returncode == 1
    out = done.stdout
    assert "initiatives/quang-nam/Vuon Uom.yml: cần sửa (would change)" in out
    for expected in ("bỏ BOM", "CRLF/CR thành LF", "chuẩn hóa Unicode NFC", "bỏ khoảng trắng cuối dòng",
                     "sắp xếp lại thứ tự trường (cấp ngoài cùng, authors[1], sources[1], contact)",
                     "đổi tên tệp thành «vuon-uom-nong-thon-moi.yml»"):
        assert expected in out, out
    assert "1 tệp cần sửa" in done.stderr and "goldenbook fmt" in done.stderr and "would change" in done.stderr
    # a flow mapping ({…}) is left as written, with a note rather than a failure
    assert "⚠ các trường trong «award» chưa đúng thứ tự" in out
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["Vuon Uom.yml", "hoi-nong-dan-dien-ban.yml"]


def test_fmt_fixes_keeps_comments_and_the_result_validates(repo):
    path = write_messy(repo)
    original = decode(path.read_bytes())
    done = gb("fmt", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not path.exists()
    fixed = path.with_name("vuon-uom-nong-thon-moi.yml")
    raw = fixed.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert all(line == line.rstrip() for line in text.split("\n"))
    # every comment is still there, beside the same content
    comments = [line.strip() for line in original.split("\n") if "#" in line]
    for comment in comments:
        assert any(comment.rstrip() == line.strip() for line in text.split("\n")), comment
    assert "province: Quảng Nam  # tỉnh cũ, nay thuộc Đà Nẵng" in text
    assert "# Tóm tắt một đoạn\nsummary: >-\n" in text  # a comment above a key moves with it
    assert "  - name: Nguyễn Văn A\n    # vai trò trong nhóm\n    role: Chủ nhiệm\n    share: 40\n" in text
    assert '  phone: "0900 000 000"   # đã đồng ý' in text
    assert text.startswith("# Chú thích đầu tệp: phải giữ nguyên.\n# yaml-language-server:")
    assert "award: {year: 2023, name: Hội thi}" in text  # a flow mapping is left as written
    # keys in the contract's order, at the top and inside the nested mappings
    data = load_document(text).data
    assert list(data) == [k for k in FIELD_ORDER if k in data]
    assert list(data["authors"][0]) == ["name", "role", "share"]
    assert list(data["contact"]) == list(NESTED_ORDER["contact"][:2])
    assert list(data["sources"][0]) == ["title", "url"]
    # the same data as before (only the order and the text form changed)
    assert data == load_document(original.replace("nông thôn mới   ", "nông thôn mới")).data
    check = gb("validate", cwd=repo)
    assert check.returncode == 0, check.stdout
    again = gb("fmt", "--check", cwd=repo)
    assert again.returncode == 0, again.stdout
    assert "0 tệp cần sửa" in again.stderr


def test_fmt_keeps_the_example_records_as_they_are():
    done = gb("fmt", "--check", cwd=ROOT)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""


def test_fmt_touches_only_the_paths_given(repo):
    messy = write_messy(repo)
    other = write_messy(repo, "khac.yml")
    done = gb("fmt", str(other), cwd=repo)
    assert done.returncode == 0, done.stdout
    assert messy.exists() and messy.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not other.exists() and (repo / "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml").is_file()
    # the messy one would now take a name already in use: reported, not overwritten
    clash = gb("fmt", cwd=repo)
    assert clash.returncode == 1
    assert "nhưng tệp đó đã có" in clash.stdout
    assert messy.exists()


def test_fmt_reports_a_file_it_cannot_read(repo):
    bad = repo / "initiatives/quang-nam/hong.yml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("title: [khong dong\nprovince: Quảng Nam\n", encoding="utf-8")
    done = gb("fmt", "--check", cwd=repo)
    assert done.returncode == 1
    assert "không đọc được YAML" in done.stdout and "goldenbook validate" in done.stdout
    assert gb("fmt", cwd=repo).returncode == 1
    assert bad.read_text(encoding="utf-8") == "title: [khong dong\nprovince: Quảng Nam\n"


def test_fmt_reorders_a_list_item_whose_first_key_moves(repo):
    record = COLLECTIVE.replace("recognition:\n  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh\n",
                                "recognition:\n  date: \"22/08/2023\"\n  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh\n"
                                "images:\n  - alt: Ảnh tập thể\n    # ảnh do hội cung cấp\n    src: a.jpg\n")
    (repo / "images" / "a.jpg").write_bytes(tiny_jpeg())
    path = repo / "initiatives/quang-nam/hoi-nong-dan-dien-ban.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(record, encoding="utf-8")
    (repo / "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml").unlink(missing_ok=True)
    done = gb("fmt", cwd=repo)
    assert done.returncode == 0, done.stdout
    text = path.read_text(encoding="utf-8")
    assert "images:\n    # ảnh do hội cung cấp\n  - src: a.jpg\n    alt: Ảnh tập thể\n" in text
    assert "recognition:\n  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh\n  date: \"22/08/2023\"\n" in text
    assert list(load_document(text).data) == [k for k in FIELD_ORDER if k in load_document(text).data]
