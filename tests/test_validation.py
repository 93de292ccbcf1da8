"""The validator: every mistake an editor can make meets a located, Vietnamese message.

Each test writes a small repository with one broken record and asserts the
exact code, file, line and column the editor is shown, and the fix offered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import tiny_jpeg
from goldenbook.records import scan

VALID = """\
kind: initiative
title: Vườn ươm nông thôn mới
field: nong-nghiep
province: Quảng Nam
locality: Thị xã Điện Bàn
year: 2023
status: published
edition: 2024
summary: >-
  Mô hình vườn ươm cây giống do người dân tự quản.
authors:
  - collective: hoi-nong-dan-dien-ban
  - name: Nguyễn Văn A
    share: 40
nominated_by: Ủy ban MTTQ Việt Nam tỉnh Quảng Nam
sources:
  - title: Bài viết
    url: https://example.org/bai-viet
images:
  - src: vuon-uom.jpg
    alt: Vườn ươm
contact:
  phone: "0900 000 000"
"""

COLLECTIVE = """\
kind: collective
name: Hội Nông dân Điện Bàn
type: association
province: Quảng Nam
year: 2023
status: recognized
summary: Hội nông dân thị xã.
recognition:
  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh
initiatives:
  - vuon-uom-nong-thon-moi
"""


def check(tmp_path: Path, text: str, name: str = "vuon-uom-nong-thon-moi.yml", *, others: dict | None = None,
          images: tuple[str, ...] = ("vuon-uom.jpg",)):
    """Scan a repository holding ``text`` (plus the collective it names); return (scan, diagnostics of ``name``)."""
    records = {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE, f"quang-nam/{name}": text, **(others or {})}
    for path, body in records.items():
        file = tmp_path / "initiatives" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(body, encoding="utf-8")
    for image in images:
        (tmp_path / "images").mkdir(exist_ok=True)
        (tmp_path / "images" / image).write_bytes(tiny_jpeg())
    result = scan(tmp_path)
    return result, [d for d in result.diagnostics if d.file == f"initiatives/quang-nam/{name}"]


def only(diagnostics, code):
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {[d.code for d in diagnostics]}"
    return found[0]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_example_record_is_valid(tmp_path):
    result, diagnostics = check(tmp_path, VALID)
    assert diagnostics == [] and result.ok
    assert {e.slug for e in result.entries} == {"vuon-uom-nong-thon-moi", "hoi-nong-dan-dien-ban"}
    entry = next(e for e in result.entries if e.kind == "initiative")
    assert (entry.historic.name, entry.current.name) == ("Quảng Nam", "Đà Nẵng")


def test_every_problem_is_reported_in_one_run(tmp_path):
    text = VALID.replace("field: nong-nghiep", "field: nong nghiep").replace("year: 2023", 'year: "2023"') \
        .replace("    share: 40", "    shares: 40").replace("https://example.org/bai-viet", "ftp://example.org/x")
    result, diagnostics = check(tmp_path, text)
    assert {"not-in-vocabulary", "wrong-type", "unknown-field", "bad-url"} <= {d.code for d in diagnostics}
    assert not result.ok and result.counts["invalid"] == 1  # the collective naming it is not blamed


def test_vocabulary_near_miss_gets_did_you_mean_and_allowed_values(tmp_path):
    text = VALID.replace("field: nong-nghiep", "field: nong nghiep")
    d = only(check(tmp_path, text)[1], "not-in-vocabulary")
    assert (d.line, d.column, d.path) == (3, 8, "field")
    assert "«nong-nghiep»" in d.hint and "Có phải là" in d.hint
    assert "cong-nghe-thong-tin (Công nghệ thông tin" in d.hint  # the allowed values, with labels


def test_unknown_field_points_at_the_key_and_suggests_the_right_one(tmp_path):
    text = VALID.replace("sources:", "sourcs:")
    d = only(check(tmp_path, text)[1], "unknown-field")
    assert (d.line, d.column, d.path) == (line_of(text, "sourcs:"), 1, "sourcs")
    assert "«sources»" in d.hint


def test_unknown_nested_field(tmp_path):
    text = VALID.replace("    share: 40", "    shares: 40")
    d = only(check(tmp_path, text)[1], "unknown-field")
    assert (d.line, d.column, d.path) == (line_of(text, "shares"), 5, "authors[1].shares")
    assert "«share»" in d.hint


def test_duplicate_keys_are_detected(tmp_path):
    text = VALID + "year: 2024\n"
    d = only(check(tmp_path, text)[1], "duplicate-key")
    assert (d.line, d.column) == (len(text.splitlines()), 1)
    assert "dòng 6" in d.message


def test_missing_required_field(tmp_path):
    text = VALID.replace("nominated_by: Ủy ban MTTQ Việt Nam tỉnh Quảng Nam\n", "")
    d = only(check(tmp_path, text)[1], "missing")
    assert d.path == "nominated_by" and "nominated_by" in d.message


def test_year_written_as_text_gets_a_concrete_fix(tmp_path):
    text = VALID.replace("year: 2023", 'year: "2023"')
    d = only(check(tmp_path, text)[1], "wrong-type")
    assert (d.line, d.column, d.path) == (6, 7, "year")
    assert "2023" in d.hint


def test_file_name_must_be_the_slug(tmp_path):
    d = only(check(tmp_path, VALID, name="vuon-uom.yml")[1], "filename-slug")
    assert d.file == "initiatives/quang-nam/vuon-uom.yml" and (d.line, d.column) == (1, 1)
    assert "vuon-uom-nong-thon-moi.yml" in d.message


def test_same_title_may_add_province_or_year_to_the_file_name(tmp_path):
    other = VALID.replace("Quảng Nam\nlocality", "Hà Nội\nlocality").replace("year: 2023", "year: 2022")
    result, diagnostics = check(tmp_path, VALID, others={"ha-noi/vuon-uom-nong-thon-moi-ha-noi-2022.yml": other})
    assert result.ok, [d.code for d in result.diagnostics]


def test_the_same_slug_twice(tmp_path):
    other = VALID.replace("Quảng Nam\nlocality", "Hà Nội\nlocality")
    result, _ = check(tmp_path, VALID, others={"ha-noi/vuon-uom-nong-thon-moi.yml": other})
    d = only(result.diagnostics, "duplicate-slug")
    assert d.file == "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml"
    assert "initiatives/ha-noi/vuon-uom-nong-thon-moi.yml" in d.message
    assert "vuon-uom-nong-thon-moi-quang-nam.yml" in d.hint


def test_the_same_initiative_under_two_slugs(tmp_path):
    """Same title and province after folding case, diacritics and tone placement."""
    other = VALID.replace("title: Vườn ươm nông thôn mới", "title: VƯỜN ƯƠM NÔNG THÔN MỚI") \
        .replace("province: Quảng Nam", "province: tỉnh Quảng Nam")
    result, _ = check(tmp_path, VALID, others={"quang-nam/vuon-uom-nong-thon-moi-2023.yml": other})
    d = only(result.diagnostics, "duplicate-record")
    assert d.file == "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml" and d.path == "title"
    assert (d.line, d.column) == (2, 8)


def test_reference_to_a_missing_collective(tmp_path):
    text = VALID.replace("collective: hoi-nong-dan-dien-ban", "collective: hoi-nong-dan-dien-bann")
    result, diagnostics = check(tmp_path, text)
    d = only(diagnostics, "unknown-collective")
    assert (d.line, d.column, d.path) == (12, 17, "authors[0].collective")
    assert "«hoi-nong-dan-dien-ban»" in d.hint
    # the collective lists the initiative, which is now invalid: reported too, nothing dropped silently
    assert result.counts["found"] == result.counts["valid"] + result.counts["invalid"]


def test_collective_listing_an_unknown_initiative(tmp_path):
    collective = COLLECTIVE.replace("  - vuon-uom-nong-thon-moi", "  - khong-co-sang-kien-nay")
    result, _ = check(tmp_path, VALID, others={"quang-nam/hoi-nong-dan-dien-ban.yml": collective})
    d = only(result.diagnostics, "unknown-initiative")
    assert d.path == "initiatives[0]" and d.line == line_of(collective, "khong-co")


def test_author_shares_over_100(tmp_path):
    text = VALID.replace("  - name: Nguyễn Văn A\n    share: 40",
                         "  - name: Nguyễn Văn A\n    share: 60\n  - name: Trần Thị B\n    share: 50")
    d = only(check(tmp_path, text)[1], "shares-over-100")
    assert d.path == "authors" and "110%" in d.message


def test_published_without_edition(tmp_path):
    text = VALID.replace("edition: 2024\n", "")
    d = only(check(tmp_path, text)[1], "edition-missing")
    assert (d.line, d.path) == (7, "status")


def test_province_that_ceased_used_for_a_later_year(tmp_path):
    text = VALID.replace("year: 2023", "year: 2026").replace("edition: 2024", "edition: 2026")
    d = only(check(tmp_path, text)[1], "province-ceased")
    assert (d.line, d.column, d.path) == (4, 11, "province")
    assert "Đà Nẵng" in d.message and "01/07/2025" in d.message
    assert "province: Đà Nẵng" in d.hint


def test_province_typed_without_diacritics_is_a_near_miss(tmp_path):
    text = VALID.replace("province: Quảng Nam", "province: Quang Nam")
    d = only(check(tmp_path, text)[1], "province-unknown")
    assert "«Quảng Nam»" in d.hint


@pytest.mark.parametrize("spelling", ["Tỉnh Quảng Nam", "quảng nam", "QUẢNG NAM"])
def test_province_spelling_variants_are_accepted(tmp_path, spelling):
    assert check(tmp_path, VALID.replace("province: Quảng Nam", f"province: {spelling}"))[1] == []


def test_tone_placement_and_nfd_are_the_same_province(tmp_path):
    import unicodedata
    text = unicodedata.normalize("NFD", VALID.replace("province: Quảng Nam", "province: Hoà Bình"))
    result, diagnostics = check(tmp_path, text)
    assert diagnostics == []
    entry = next(e for e in result.entries if e.kind == "initiative")
    assert entry.historic.name == "Hòa Bình" and entry.record.title == "Vườn ươm nông thôn mới"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "example.org/a", "data:text/html,x"])
def test_source_urls_must_be_http(tmp_path, url):
    d = only(check(tmp_path, VALID.replace("https://example.org/bai-viet", url))[1], "bad-url")
    assert d.path == "sources[0].url" and d.line == line_of(VALID, "url:")


@pytest.mark.parametrize("src, code", [
    ("../../etc/passwd.jpg", "image-outside"),
    ("/etc/passwd.jpg", "image-outside"),
    ('"%2e%2e/%2e%2e/secret.jpg"', "image-outside"),
    ("khong-co.jpg", "image-missing"),
    ("vuon-uom.gif", "image-type"),
])
def test_image_paths_stay_in_the_image_folder_and_exist(tmp_path, src, code):
    d = only(check(tmp_path, VALID.replace("src: vuon-uom.jpg", f"src: {src}"))[1], code)
    assert d.path == "images[0].src" and d.line == line_of(VALID, "src:")


def test_year_out_of_range(tmp_path):
    text = VALID.replace("year: 2023", "year: 1999")
    d = only(check(tmp_path, text)[1], "out-of-range")
    assert d.path == "year"


def test_a_stray_file_is_reported_not_dropped(tmp_path):
    (tmp_path / "initiatives" / "quang-nam").mkdir(parents=True)
    (tmp_path / "initiatives" / "quang-nam" / "ghi-chu.yaml").write_text("title: x\n", encoding="utf-8")
    result, _ = check(tmp_path, VALID)
    d = only(result.diagnostics, "not-a-record")
    assert d.severity == "warning" and d.file == "initiatives/quang-nam/ghi-chu.yaml"
    assert "ghi-chu.yml" in d.hint
    assert result.ok and result.counts == {"found": 3, "records": 2, "valid": 2, "invalid": 0,
                                          "not_records": 1, "published": 1}


def test_summary_is_one_short_paragraph(tmp_path):
    text = VALID.replace("summary: >-\n  Mô hình vườn ươm cây giống do người dân tự quản.",
                         "summary: |\n  Đoạn một.\n\n  Đoạn hai.")
    assert only(check(tmp_path, text)[1], "one-paragraph").path == "summary"
    long = VALID.replace("Mô hình vườn ươm cây giống do người dân tự quản.", "chữ " * 200)
    d = only(check(tmp_path, long)[1], "too-long")
    assert d.path == "summary" and "600" in d.message


def test_author_must_be_a_person_or_a_collective(tmp_path):
    text = VALID.replace("  - collective: hoi-nong-dan-dien-ban\n", "  - collective: hoi-nong-dan-dien-ban\n    name: X\n")
    d = only(check(tmp_path, text)[1], "bad-author")
    assert d.path.startswith("authors[0]")


def test_dates_in_either_style(tmp_path):
    text = VALID + "council:\n  date: \"22/08/2024\"\n  score: 87.5\n"
    result, diagnostics = check(tmp_path, text)
    assert diagnostics == []
    text = VALID + "council:\n  date: 31/02/2024\n"
    assert only(check(tmp_path / "b", text)[1], "bad-date").path == "council.date"


def test_yaml_1_1_surprises_stay_text(tmp_path):
    text = VALID.replace("locality: Thị xã Điện Bàn", "locality: no")
    result, diagnostics = check(tmp_path, text)
    assert diagnostics == []
    assert next(e for e in result.entries if e.kind == "initiative").record.locality == "no"
