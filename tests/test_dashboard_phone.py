"""The council dashboard on a phone, and its status filter in the address (issue 18)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_every_column_of_the_dashboard_is_on_a_phone_screen(preview_site, serve, browser):
    base = serve(preview_site)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(base + "hoi-dong/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"] + 1
        rows = page.locator("table.gb-dashboard tbody tr")
        assert rows.count() >= 10
        for index in range(rows.count()):
            row = rows.nth(index)
            row.scroll_into_view_if_needed()
            cells = row.locator("td")
            assert cells.count() == 10
            for column in range(10):
                box = cells.nth(column).bounding_box()
                assert box and box["width"] > 0, (index, column)
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (index, column, box)
            # the columns that were off screen in a 1,319 px table: status, score, completeness, sheet
            for label in ("Trạng thái", "Điểm", "Hồ sơ", "Phiếu"):
                cell = row.locator(f"td[data-label='{label}']")
                assert cell.is_visible()
                shown = cell.evaluate("td => getComputedStyle(td, '::before').content")
                assert shown == f'"{label}"', shown
            assert row.locator("a.gb-sheet-link").is_visible()
        # Sorting stays reachable: the column heads are buttons above the cards.
        sort = page.locator("thead .gb-sort", has_text="Điểm")
        assert sort.is_visible()
        sort.click()
        assert page.locator("thead th").filter(has=page.locator(".gb-sort", has_text="Điểm")) \
            .get_attribute("aria-sort") == "ascending"
    finally:
        context.close()


def test_status_filter_is_kept_in_the_address(preview_site, serve, browser):
    base = serve(preview_site)
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(base + "hoi-dong/")
        select = page.locator("select[data-gb-filter=status]")
        select.select_option("recognized")
        assert page.url.endswith("hoi-dong/?trang-thai=recognized")
        shown = page.locator("table.gb-dashboard tbody tr:not([hidden])")
        count = shown.count()
        assert 0 < count < page.locator("table.gb-dashboard tbody tr").count()
        page.reload()  # the address alone brings the same list back
        assert select.input_value() == "recognized"
        assert shown.count() == count
        assert all(s == "recognized" for s in shown.evaluate_all("rows => rows.map(r => r.dataset.status)"))
        select.select_option("")
        assert page.url.endswith("hoi-dong/")
        page.goto(base + "hoi-dong/?trang-thai=khong-co")  # an unknown value shows everything
        assert select.input_value() == ""
    finally:
        context.close()
