"""The nomination form «Đề cử sáng kiến» (content/de-cu.md): an editor without a terminal (issue 7).

Headless Debian Chromium opens the built site under a sub-path (so every URL the
form fetches must be relative), fills the form with mistakes (a province that
ceased for the year, typed without its diacritics, and an empty summary), sees the
Vietnamese errors beside those fields, corrects them, downloads the YAML file and
hands it to the real validator in a fresh repository. Requests to other hosts are
blocked: the form needs no server and no CDN.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from goldenbook.provinces import load_register, name_key
from goldenbook.text import slugify, tone_key
from conftest import make_repo

pytestmark = pytest.mark.browser

TITLE = "Máy sấy nông sản dùng năng lượng mặt trời"
SLUG = "may-say-nong-san-dung-nang-luong-mat-troi"
SUMMARY = ("Máy sấy nông sản dùng năng lượng mặt trời kết hợp bơm nhiệt, chế tạo từ vật liệu sẵn có: "
           "nông dân giảm một nửa chi phí sấy, giữ được màu và hương vị của chè, cà phê, hạt điều; "
           "mô hình \"3 không\" đã được 40 hộ áp dụng.")


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="vi-VN", accept_downloads=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())
    page = context.new_page()
    page.failures = []
    page.on("response", lambda r: page.failures.append(f"{r.status} {r.url}")
            if r.url.startswith("http://127.0.0.1:") and r.status >= 400 else None)
    page.on("pageerror", lambda error: page.failures.append(f"script error: {error}"))
    yield page
    context.close()


def open_form(page, base: str) -> None:
    from playwright.sync_api import expect

    page.goto(base + "de-cu/")
    page.wait_for_function("window.GoldenbookNomination && window.GoldenbookNomination.ready")
    expect(page.locator("#gb-nomination")).to_be_visible()
    expect(page.locator("#gb-form-status")).to_be_hidden()


def error_beside(page, path: str):
    return page.locator(f'.gb-field[data-path="{path}"] .gb-error')


def validate(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", *args], cwd=repo, capture_output=True, text=True,
                          timeout=120)


def test_nomination_with_mistakes_is_corrected_and_validates(public_site, serve, page, artifacts, tmp_path):
    from playwright.sync_api import expect

    base = serve(public_site, "sach-vang")
    open_form(page, base)

    # The field list comes from the published schema, with its Vietnamese labels.
    expect(page.locator("#f-field option")).to_have_count(14)
    page.fill("#f-title", TITLE)
    expect(page.locator("#gb-filename-preview")).to_have_text(f"{SLUG}.yml")
    page.fill("#f-title_en", "Solar dryer with heat pump")
    page.select_option("#f-field", label="Tiết kiệm năng lượng, năng lượng mới")
    page.fill("#f-year", "2026")
    page.fill("#f-province", "Quang Nam")  # mistake 1: no diacritics, and Quảng Nam ceased in 2025
    page.fill("#f-locality", "Xã Điện Phước")
    # mistake 2: the summary is left empty
    authors = page.locator("#gb-authors [data-row]")
    first = authors.nth(0)
    first.locator('[data-name="name"]').fill("Nguyễn Văn An")
    first.locator('[data-name="role"]').fill("Chủ nhiệm")
    first.locator('[data-name="organization"]').fill("Hợp tác xã Nông nghiệp Điện Phước")
    first.locator('[data-name="share"]').fill("70")
    page.click("#gb-add-author")
    second = authors.nth(1)
    second.locator('[data-name="name"]').fill("Trần Thị Bình")
    second.locator('[data-name="share"]').fill("30%")
    page.fill("#f-nominated_by", "Hội Nông dân thành phố Đà Nẵng")
    page.fill("#f-award-name", "Hội thi Sáng tạo kỹ thuật thành phố Đà Nẵng")
    page.fill("#f-award-level", "Giải Nhì")
    page.fill("#f-award-year", "2026")
    page.fill("#f-award-decision", "125/QĐ-UBND")
    source = page.locator("#gb-sources [data-row]").nth(0)
    source.locator('[data-name="title"]').fill("Nông dân Điện Phước chế tạo máy sấy: tiết kiệm #1")
    source.locator('[data-name="url"]').fill("https://example.org/may-say")
    page.fill("#f-contact-phone", "0900 000 000")  # mistake 3: contact without the consent box

    page.click("#gb-check")
    expect(page.locator("#gb-error-summary")).to_be_visible()
    expect(page.locator("#gb-error-summary")).to_contain_text("Hồ sơ còn 3 lỗi")
    province_error = error_beside(page, "province")
    expect(province_error).to_contain_text("Không có tỉnh, thành phố nào tên «Quang Nam»; có phải là: Quảng Nam")
    expect(page.locator("#f-province")).to_have_attribute("aria-invalid", "true")
    expect(error_beside(page, "summary")).to_have_text("Bắt buộc: hãy điền mục này.")
    expect(error_beside(page, "contact.consent")).to_contain_text("đồng ý")
    expect(page.locator("#gb-result")).to_be_hidden()
    page.screenshot(path=str(artifacts / "nomination-1-errors.png"), full_page=True)

    # The suggestion is one click away; for 2026 the validator's rule then points to the successor.
    province_error.get_by_role("button", name="Quảng Nam").click()
    expect(province_error).to_contain_text(
        "Tỉnh Quảng Nam đã sáp nhập vào thành phố Đà Nẵng từ ngày 01/07/2025; với năm 2026, hãy ghi: Đà Nẵng")
    province_error.get_by_role("button", name="Đà Nẵng").click()
    expect(error_beside(page, "province")).to_have_count(0)  # errors follow the corrections once checked
    expect(page.locator("#f-province")).to_have_value("Đà Nẵng")
    expect(page.locator("#f-province")).not_to_have_attribute("aria-invalid", "true")

    page.fill("#f-summary", SUMMARY + "\n\nĐoạn thứ hai.")
    expect(error_beside(page, "summary")).to_have_text("Tóm tắt chỉ gồm một đoạn văn: bỏ dòng trống.")
    page.fill("#f-summary", SUMMARY.replace(", chế tạo", ",\nchế tạo"))  # a line break inside is fine
    expect(page.locator("#gb-summary-count")).to_have_text(f"{len(SUMMARY)}/600 ký tự")
    page.check("#f-contact-consent")
    page.click("#gb-check")
    expect(page.locator(".gb-error")).to_have_count(0)
    expect(page.locator("#gb-error-summary")).to_be_hidden()
    expect(page.locator("#gb-result")).to_be_visible()
    expect(page.locator("#gb-result-path")).to_have_text(f"initiatives/da-nang/{SLUG}.yml")
    page.locator("#gb-result details summary").click()
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.wait_for_function("window.scrollY === 0")
    page.screenshot(path=str(artifacts / "nomination-2-valid.png"), full_page=True)

    with page.expect_download() as event:
        page.click("#gb-download")
    download = event.value
    assert download.suggested_filename == f"{SLUG}.yml"
    saved = tmp_path / "download.yml"
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text == page.locator("#gb-yaml").text_content()
    assert text.startswith("# yaml-language-server: $schema=../../schema/record.schema.json\n")
    assert "province: Đà Nẵng\n" in text and "status: nominated\n" in text and "  - name: Trần Thị Bình\n" in text

    # "Mở trên GitHub": the repository's create-file page, in the province's folder, name and content filled in.
    href = page.locator("#gb-github").get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com",
                                                         "/mttq/sach-vang/new/main/initiatives/da-nang")
    query = parse_qs(parts.query)
    assert query["filename"] == [f"{SLUG}.yml"] and query["value"] == [text]
    assert unquote(href.split("value=")[1]) == text

    # The validator (and the formatter) accept the file as it is.
    repo = make_repo(tmp_path / "repo", {f"da-nang/{SLUG}.yml": text})
    checked = validate(repo, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 hồ sơ hợp lệ" in checked.stderr
    formatted = validate(repo, "fmt", "--check")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    assert page.failures == [], page.failures


def test_form_text_rules_match_the_python_ones(public_site, serve, page):
    """Slugs, province keys and the YAML quoting of the form are those of the validator."""
    open_form(page, serve(public_site))
    samples = [TITLE, "Đoàn kết sáng tạo", "Hòa Bình", "Hoà Bình", "Mô hình \"5 không, 3 sạch\"",
               "Ủy ban MTTQ thị xã Điện Bàn", "Tủ áo «tình thương» – 2024", "Giảm 1,000 tấn CO₂ (30%)",
               "Lò sấy 60°C × 2", "Nhà văn hóa thôn Đông Anh's", "Cầu treo ĐƯỜNG-SẮT … số 1.5", "Phở Hà Nội & bánh mì",
               "Quảng Nam", "Tỉnh Bà Rịa – Vũng Tàu", "thành phố hồ chí minh", "TP. Hồ Chí Minh", "Khánh Hoà",
               "THỪA THIÊN - HUẾ"]
    got = page.evaluate("samples => samples.map(s => [GoldenbookNomination.slugify(s), GoldenbookNomination.nameKey(s),"
                        " GoldenbookNomination.toneKey(s)])", samples)
    assert got == [[slugify(s), name_key(s), tone_key(s)] for s in samples]

    # Every name of every province resolves in the browser as in Python, for a year before and after the reform.
    names = sorted({name for era in (load_register().current, load_register().historic) for p in era
                    for name in p.names})
    for year in (2024, 2026):
        resolved = page.evaluate("""([names, year]) => names.map(n => {
            const r = GoldenbookNomination.register.resolve(n, year);
            return r.error ? null : r.unit.era + ':' + r.unit.slug; })""", [names, year])
        expected = []
        for name in names:
            try:
                place = load_register().resolve(name, year)
            except ValueError:
                expected.append(None)
            else:
                unit = place.historic or place.current
                expected.append(f"{unit.era}:{unit.slug}")
        assert resolved == expected

    # Values that need quotes get them; the Python reader reads every one back unchanged.
    from goldenbook.yamlsource import load_document

    values = ["Giải Nhì", "125/QĐ-UBND", "2024", "0900 000 000", "true", "Giải pháp: tiết kiệm", "a #b", "- gạch",
              "«Tủ áo»", "\"Tủ áo\" của Hội", "50%", "1.5", "~", "https://example.org/a?b=c#d", "@mttq", "Null"]
    quoted = page.evaluate("values => values.map(v => GoldenbookNomination.plainOk(v) ? v : JSON.stringify(v))",
                           values)
    for value, written in zip(values, quoted):
        assert load_document(f"k: {written}\n").data == {"k": value}, written
    assert json.loads(page.evaluate("JSON.stringify(GoldenbookNomination.config.field_order)"))[0] == "kind"
    assert page.failures == [], page.failures
