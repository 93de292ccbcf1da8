"""Dossier completeness (goldenbook.dossier): the publication's criteria, record by record.

The criteria come from the publication's rules (QĐ 861/QĐ-MTTW-BTT, 2016): a
prize in a qualifying contest, no publication in an earlier edition, and a
complete dossier — a summary report, a portrait of the author, supporting
documents. What a record can tell of each is documented in the module.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from goldenbook.dossier import CRITERIA, PublishedIndex, check_all, check_entry, is_portrait
from goldenbook.structure.entry import Entry
from goldenbook.structure.record import RECORD_ADAPTER, Image


def initiative(slug: str = "may-say-che", **fields) -> Entry:
    data = {
        "title": "Máy sấy chè năng lượng mặt trời",
        "field": "nang-luong",
        "province": "Thái Nguyên",
        "year": 2026,
        "status": "nominated",
        "summary": "Máy sấy chè dùng năng lượng mặt trời kết hợp bơm nhiệt.",
        "authors": [{"name": "Nguyễn Văn A"}],
        "nominated_by": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
        "award": {"name": "Hội thi Sáng tạo kỹ thuật tỉnh Thái Nguyên", "level": "Giải Nhất", "year": 2025},
        "images": [{"src": "chan-dung-nguyen-van-a.jpg", "alt": "Tác giả Nguyễn Văn A"}],
        "sources": [{"title": "Bài báo", "url": "https://example.org/bai-bao"}],
    }
    data.update(fields)
    data = {key: value for key, value in data.items() if value is not None}
    # The dossier reads the record only: the resolved place is not needed here.
    return Entry(slug=slug, source=f"initiatives/{slug}.yml", record=RECORD_ADAPTER.validate_python(data),
                 place=None)  # type: ignore[arg-type]


def collective(slug: str = "hop-tac-xa-a", **fields) -> Entry:
    data = {
        "kind": "collective",
        "name": "Hợp tác xã Nông nghiệp A",
        "type": "cooperative",
        "province": "Lào Cai",
        "year": 2026,
        "status": "under_review",
        "summary": "Hợp tác xã có nhiều mô hình sản xuất sáng tạo.",
        "recognition": {"title": "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh"},
        "sources": [{"title": "Bài báo", "url": "https://example.org/htx"}],
    }
    data.update(fields)
    data = {key: value for key, value in data.items() if value is not None}
    return Entry(slug=slug, source=f"initiatives/{slug}.yml", record=RECORD_ADAPTER.validate_python(data),
                 place=None)  # type: ignore[arg-type]


# ---------------------------------------------------------------- one record

def test_a_complete_initiative_meets_every_criterion():
    dossier = check_entry(initiative(), [])
    assert dossier.complete
    assert dossier.missing == []
    assert [check.key for check in dossier.checks] == list(CRITERIA)
    assert [check.mark for check in dossier.checks] == ["✓"] * 5
    assert (dossier.met, dossier.applicable) == (5, 5)
    assert dossier["award"].note == "Giải Nhất — Hội thi Sáng tạo kỹ thuật tỉnh Thái Nguyên (2025)"


def test_what_is_missing_is_listed_in_vietnamese_in_checklist_order():
    dossier = check_entry(initiative(award=None, images=[], sources=[]), [])
    assert not dossier.complete
    assert dossier.missing == ["giải thưởng", "ảnh chân dung tác giả", "tài liệu, nguồn tham khảo"]
    assert [check.mark for check in dossier.checks] == ["✗", "✓", "✓", "✗", "✗"]
    assert (dossier.met, dossier.applicable) == (2, 5)


def test_collectives_need_a_recognition_and_sources_but_no_portrait():
    dossier = check_entry(collective(images=[]), [])
    assert dossier.complete
    assert dossier["portrait"].ok is None and dossier["portrait"].mark == "—"
    assert dossier["award"].ok and dossier["award"].note == "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh"
    assert dossier.applicable == 4
    assert check_entry(collective(sources=[]), []).missing == ["tài liệu, nguồn tham khảo"]


# ---------------------------------------------------------------- the portrait convention

@pytest.mark.parametrize(("src", "alt", "expected"), [
    ("chan-dung-nguyen-van-a.jpg", "Tác giả", True),              # file name starts with chan-dung
    ("thai-nguyen/chan-dung-tac-gia.png", "Ảnh", True),           # in a sub-folder
    ("thai-nguyen/Chan-Dung-B.JPG", "Ảnh", True),                 # any case
    ("may-say.jpg", "Chân dung tác giả Nguyễn Văn A", True),      # alt mentions chân dung
    ("may-say.jpg", "ẢNH CHÂN DUNG ông B", True),                 # any case
    ("may-say.jpg", unicodedata.normalize("NFD", "Chân dung"), True),  # NFD input
    ("may-say.jpg", "Chan dung tac gia", True),                   # typed without accents
    ("may-say.jpg", "Máy sấy chè tại xưởng", False),
    ("chan-dung/may-say.jpg", "Máy sấy", False),                  # only the file's own name counts
    ("anh-chan-dung.jpg", "Máy sấy", False),                      # the prefix, not anywhere in the name
])
def test_portrait_convention(src, alt, expected):
    assert is_portrait(Image(src=src, alt=alt)) is expected


def test_an_image_that_is_no_portrait_does_not_satisfy_the_criterion():
    dossier = check_entry(initiative(images=[{"src": "may-say.jpg", "alt": "Máy sấy chè"}]), [])
    assert dossier["portrait"].ok is False
    assert dossier.missing == ["ảnh chân dung tác giả"]


# ---------------------------------------------------------------- not published in an earlier edition

def published(slug: str, edition: int, title: str = "Máy sấy chè năng lượng mặt trời", **fields) -> Entry:
    return initiative(slug, title=title, status="published", year=edition - 1, edition=edition,
                      province="Bắc Giang", **fields)


def test_a_nomination_of_a_work_already_published_is_detected():
    old = published("may-say-che-bac-giang", 2024)
    new = initiative("may-say-che", year=2026)
    dossier = check_entry(new, [old, new])
    check = dossier["first_publication"]
    assert check.ok is False and check.mark == "✗"
    assert check.others == ("may-say-che-bac-giang",)
    assert check.missing == "đã công bố trong Sách vàng 2024"
    assert "«Máy sấy chè năng lượng mặt trời» — Sách vàng 2024" in check.note
    assert not dossier.complete


@pytest.mark.parametrize("spelling", [
    "MÁY SẤY CHÈ NĂNG LƯỢNG MẶT TRỜI",
    unicodedata.normalize("NFD", "Máy sấy chè năng lượng mặt trời"),
    "May say che nang luong mat troi",
    "Máy  sấy chè   năng lượng mặt trời",
])
def test_titles_are_compared_folded(spelling):
    old = published("old", 2021, title=spelling)
    assert check_entry(initiative("new"), [old])["first_publication"].ok is False


def test_tone_mark_placement_does_not_hide_a_duplicate():
    old = published("old", 2021, title="Hoà giải ở cơ sở bằng ứng dụng")
    new = initiative("new", title="Hòa giải ở cơ sở bằng ứng dụng")
    assert check_entry(new, [old])["first_publication"].ok is False


@pytest.mark.parametrize(("year", "edition_of_other", "expected"), [
    (2026, 2024, False),  # published two editions ago
    (2026, 2026, False),  # already in the edition of the nomination year: it cannot enter again
    (2025, 2026, True),   # the other record came later: this one is not a re-publication
])
def test_a_nomination_without_edition_compares_with_its_year(year, edition_of_other, expected):
    old = published("old", edition_of_other)
    new = initiative("new", year=year)
    assert check_entry(new, [old])["first_publication"].ok is expected


def test_a_published_record_compares_with_its_own_edition():
    first = published("first", 2021)
    again = published("again", 2024)
    twin = published("twin", 2021)
    index = PublishedIndex([first, again, twin])
    assert check_entry(again, index)["first_publication"].others == ("first", "twin")
    assert check_entry(first, index)["first_publication"].ok  # same edition is not an earlier one
    assert check_entry(twin, index)["first_publication"].ok


def test_only_published_records_of_the_same_kind_and_other_slugs_count():
    others = [
        initiative("not-selected", status="not_selected", year=2020),
        initiative("withdrawn", status="withdrawn", year=2021),
        collective("same-name", name="Máy sấy chè năng lượng mặt trời", status="published", year=2020,
                   edition=2021),
        published("other-title", 2021, title="Máy sấy chè dùng bơm nhiệt"),
    ]
    new = initiative("new")
    assert check_entry(new, [*others, new])["first_publication"].ok
    # A record is never its own earlier publication.
    itself = published("itself", 2024)
    assert check_entry(itself, [itself])["first_publication"].ok


def test_a_published_collective_without_edition_counts_from_its_year():
    old = collective("htx-a-2021", status="published", year=2021)
    new = collective("htx-a", year=2026)
    check = check_entry(new, [old, new])["first_publication"]
    assert check.ok is False and check.missing == "đã công bố trong Sách vàng 2021"


def test_check_all_checks_every_record_against_the_others():
    old = published("may-say-che-bac-giang", 2024)
    new = initiative("may-say-che", award=None)
    team = collective()
    result = check_all([new, old, team])
    assert list(result) == ["may-say-che", "may-say-che-bac-giang", "hop-tac-xa-a"]
    assert result["may-say-che"].missing == ["giải thưởng", "đã công bố trong Sách vàng 2024"]
    assert result["may-say-che-bac-giang"].complete
    assert result["hop-tac-xa-a"].complete


def test_the_module_is_free_of_the_site_platform():
    code = "import sys, goldenbook.dossier; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
