"""Small faults of wording readers saw (issue 18), checked in the built HTML of both builds."""

from __future__ import annotations

import re

import pytest

RECORD = "sang-kien/nha-phao-chong-lu-cho-ho-dan-vung-ron-lu/"  # an author whose role is «Tác giả»


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") \
        else (site / path).read_text(encoding="utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_no_count_badge_after_a_full_stop_and_units_in_lower_case_mid_sentence(public_site):
    for path in ["tinh-thanh/da-nang/", "tinh-thanh/truoc-2025/quang-nam/", "linh-vuc/nang-luong/", "sang-kien/",
                 "an-pham/2025/", ""]:
        html = read(public_site, path)
        assert not re.search(r'class="gb-count">[^<]*</span>\s*\.', html), path
    lead = text(read(public_site, "tinh-thanh/da-nang/").split('class="gb-lead"', 1)[1].split("</p>", 1)[0])
    assert "trên cơ sở thành phố Đà Nẵng và tỉnh Quảng Nam." in lead
    historic = text(read(public_site, "tinh-thanh/truoc-2025/an-giang/").split('class="gb-lead"', 1)[1]
                    .split("</p>", 1)[0])
    assert "nay thuộc tỉnh An Giang" in historic and "Tỉnh An Giang." not in historic


def test_an_author_whose_role_is_author_is_not_said_twice(public_site, preview_site):
    record = text(read(public_site, RECORD))
    assert "Tác giả" in record and not re.search(r", Tác giả\b|\(Tác giả\)", record)
    book = text(read(public_site, "an-pham/2019/in/"))
    assert "Tác giả:" in book and "(Tác giả)" not in book
    sheet = text(read(preview_site, "hoi-dong/phieu/nha-phao-chong-lu-cho-ho-dan-vung-ron-lu/"))
    assert ", Tác giả" not in sheet


def test_review_sheets_say_decision_once_and_the_dashboard_no_field_names(preview_site):
    sheets = sorted((preview_site / "hoi-dong" / "phieu").glob("*/index.html"))
    assert len(sheets) > 10
    said = 0
    for sheet in sheets:
        words = text(sheet.read_text(encoding="utf-8"))
        assert not re.search(r"quyết định Quyết định", words, re.IGNORECASE), sheet
        said += "Quyết định số" in words
    assert said  # the example records do name their decisions
    dashboard = text(read(preview_site, "hoi-dong/"))
    for english in ("(sources)", "(award)", "(summary)", "(recognition)"):
        assert english not in dashboard


@pytest.mark.parametrize("path", ["", "sang-kien/"])
def test_the_nomination_form_is_linked_from_the_home_page_and_the_initiative_list(public_site, path):
    html = read(public_site, path)
    assert re.search(r'<a class="md-button md-button--primary" href="(\.\./)?de-cu/">Đề cử sáng kiến</a>', html)


def test_nomination_instructions_are_plain_vietnamese(public_site):
    html = read(public_site, "de-cu/")
    intro = text(html.split('<h1', 1)[1].split('class="gb-form-wrap"', 1)[0])
    # GitHub's buttons are named in quotes, with what they mean; no Git words otherwise.
    for button in ("«Commit changes…» (lưu)", "«Propose changes» (đề xuất)", "«Create pull request» (gửi đề xuất)"):
        assert button in intro
    for jargon in ("nominated", "body", "impact", "Add file", "YAML.", "→"):
        assert jargon not in intro, jargon
