"""The council's pages in headless Chromium (issue 4): the dashboard and a printed review sheet.

Artifacts kept in ``tests/artifacts/``:

* ``council-dashboard.png`` — the dashboard at desktop width, as a reviewer sees it;
* ``council-dashboard-sorted.png`` — after a click on the «Điểm» column header;
* ``council-sheet.pdf`` — one review sheet printed by Chromium (A4), which must fit on one page;
* ``council-sheet.png`` — the same sheet rendered with print styles, to look at without a PDF viewer.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A typical nomination: an initiative under review with award, council notes and a full set of facts.
SHEET = "lien-ket-san-xuat-lua-giam-phat-thai-theo-canh-dong-lon"


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Pages``); Chromium writes them uncompressed."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


def column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "table.gb-dashboard tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{index}].innerText.trim())")


def test_dashboard_sorts_and_filters(page, preview_site, serve, artifacts):
    base = serve(preview_site)
    page.goto(base + "hoi-dong/")
    page.wait_for_selector("button.gb-sort")
    rows = page.locator("table.gb-dashboard tbody tr")
    total = rows.count()
    assert total > 30
    # Without a click: by status (lifecycle order), then title.
    statuses = page.eval_on_selector_all("table.gb-dashboard tbody tr", "rs => rs.map(r => r.dataset.status)")
    order = ["nominated", "under_review", "recognized", "published", "not_selected", "withdrawn"]
    assert statuses == sorted(statuses, key=order.index)
    page.screenshot(path=str(artifacts / "council-dashboard.png"), full_page=False)

    titles_before = column(page, 0)
    headers = page.locator("table.gb-dashboard thead th")
    score = headers.nth(7)
    assert score.inner_text().strip() == "Điểm"
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "ascending"
    scores = [s for s in column(page, 7) if s != "—"]
    assert scores == sorted(scores, key=int) and len(scores) >= 3
    assert column(page, 7)[-1] == "—"  # records without a score go last
    assert column(page, 0) != titles_before  # the order changed
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "descending"
    scores = [s for s in column(page, 7) if s != "—"]
    assert scores == sorted(scores, key=int, reverse=True)
    page.screenshot(path=str(artifacts / "council-dashboard-sorted.png"), full_page=False)

    # Title column: Vietnamese order (ranks computed at build time).
    headers.nth(0).locator("button").click()
    titles = column(page, 0)
    from goldenbook.text import sort_key
    assert titles == sorted(titles, key=sort_key)

    # Filter by status.
    page.select_option("select[data-gb-filter='status']", "under_review")
    visible = page.eval_on_selector_all("table.gb-dashboard tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.status)")
    assert visible and set(visible) == {"under_review"}
    assert page.inner_text("[data-gb-shown]") == f"Đang hiện {len(visible)}/{total} hồ sơ"
    page.select_option("select[data-gb-filter='status']", "")
    assert page.locator("table.gb-dashboard tbody tr:not([hidden])").count() == total

    # Every row links to its review sheet, which exists.
    link = page.locator(f"tr[data-slug='{SHEET}'] a.gb-sheet-link")
    assert link.get_attribute("href") == f"phieu/{SHEET}/index.html"  # the preview opens from files too


def test_review_sheet_prints_on_one_a4_page(page, preview_site, serve, artifacts):
    base = serve(preview_site)
    page.goto(base + f"hoi-dong/phieu/{SHEET}/")
    text = " ".join(page.text_content("article.gb-sheet").split())
    for expected in ("Phiếu thẩm định hồ sơ", "Đối chiếu tiêu chí tuyển chọn", "Phần chấm của thành viên hội đồng",
                     "Chữ ký", "Nhận xét", "Điểm", "✓"):
        assert expected in text, expected
    pdf = page.pdf(path=str(artifacts / "council-sheet.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1
    # What the printer gets, as an image: print styles, no site chrome.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".gb-preview-banner",
                   ".gb-sheet__links"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), chrome
    page.screenshot(path=str(artifacts / "council-sheet.png"), full_page=True)


def test_record_page_links_to_its_sheet_in_the_preview(page, preview_site, serve):
    base = serve(preview_site)
    page.goto(base + f"sang-kien/{SHEET}/")
    link = page.locator(".gb-council a", has_text="Phiếu thẩm định")
    link.click()
    page.wait_for_selector("article.gb-sheet")
    assert page.url.endswith(f"hoi-dong/phieu/{SHEET}/index.html")
    # The banner leads to the dashboard from every page.
    page.locator(".gb-preview-banner a").click()
    page.wait_for_selector("table.gb-dashboard")
    assert page.url.endswith("hoi-dong/index.html")


def test_dashboard_without_javascript_is_a_sorted_table(browser, preview_site, serve):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(serve(preview_site) + "hoi-dong/")
        statuses = page.eval_on_selector_all("table.gb-dashboard tbody tr", "rs => rs.map(r => r.dataset.status)")
        order = ["nominated", "under_review", "recognized", "published", "not_selected", "withdrawn"]
        assert statuses == sorted(statuses, key=order.index) and len(set(statuses)) == 6
        assert not page.locator("[data-gb-tools]").is_visible()  # the filter needs the script: hidden without it
        assert page.locator("button.gb-sort").count() == 0
        assert page.locator("a.gb-sheet-link").count() == len(statuses)
    finally:
        context.close()
