"""A sense of place on every page (issue 18): breadcrumbs, the section's tab, no one-link sidebar.

Checked in headless Chromium on a desktop (1366 px), where the tabs and the
sidebar show, and the breadcrumbs' schema.org BreadcrumbList read from the
microdata the way a search engine reads it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
RECORD = "sang-kien/lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu/"

#: page → (breadcrumb names, the tab that is current)
PAGES = {
    RECORD: (["Trang chủ", "Tỉnh, thành", "Bắc Ninh", "Lò sấy vải thiều dùng khí hóa sinh khối tiết kiệm nhiên liệu"],
             "Sáng kiến"),
    "tap-the/ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang/":
        (["Trang chủ", "Tỉnh, thành", "Cần Thơ", "Ban Vận động Quỹ Vì người nghèo tỉnh Hậu Giang"], "Tập thể"),
    "tinh-thanh/da-nang/": (["Trang chủ", "Tỉnh, thành", "Đà Nẵng"], "Tỉnh, thành"),
    "tinh-thanh/truoc-2025/quang-nam/": (["Trang chủ", "Tỉnh, thành", "Đà Nẵng", "Quảng Nam (trước 01/07/2025)"],
                                         "Tỉnh, thành"),
    "linh-vuc/nang-luong/": (["Trang chủ", "Lĩnh vực", "Tiết kiệm năng lượng, năng lượng mới"], "Lĩnh vực"),
    "an-pham/2025/": (["Trang chủ", "Ấn phẩm", "Sách vàng 2025"], "Ấn phẩm"),
}

BREADCRUMB_LIST_JS = """() => {
  const list = document.querySelector('[itemtype="https://schema.org/BreadcrumbList"]');
  if (!list) return null;
  return Array.from(list.querySelectorAll(':scope > [itemprop=itemListElement]')).map(li => ({
    type: li.getAttribute('itemtype'),
    name: li.querySelector('[itemprop=name]').textContent.trim(),
    position: li.querySelector('meta[itemprop=position]').content,
    item: li.querySelector('a[itemprop=item]') ? li.querySelector('a[itemprop=item]').href : null}));
}"""


@pytest.mark.parametrize("path", PAGES)
def test_breadcrumbs_and_current_tab(public_site, serve, browser, path):
    from playwright.sync_api import expect

    names, tab = PAGES[path]
    base = serve(public_site)
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(base + path)
        trail = page.get_by_role("navigation", name="Vị trí trang")
        expect(trail).to_be_visible()
        items = page.evaluate(BREADCRUMB_LIST_JS)
        assert [i["name"] for i in items] == names
        assert [i["position"] for i in items] == [str(n) for n in range(1, len(names) + 1)]
        assert all(i["type"] == "https://schema.org/ListItem" for i in items)
        assert items[0]["item"] == base and items[-1]["item"] is None
        for item in items[1:-1]:  # every step leads to a page of the site
            assert context.request.get(item["item"]).status == 200, item
        expect(trail.locator("[aria-current=page]")).to_have_text(names[-1])
        current = page.locator(".md-tabs__item--active .md-tabs__link")
        expect(current).to_have_count(1)
        expect(current).to_have_text(tab)
    finally:
        context.close()


def test_no_sidebar_listing_only_the_page_itself(public_site, serve, browser):
    base = serve(public_site)
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        for path in ["", "tinh-thanh/", "sang-kien/", "an-pham/", RECORD]:
            page.goto(base + path)
            assert not page.locator(".md-sidebar--primary").is_visible(), path
        page.goto(base + "gioi-thieu/")  # a section of three pages keeps its navigation
        sidebar = page.locator(".md-sidebar--primary")
        assert sidebar.is_visible()
        assert sidebar.locator("a.md-nav__link:visible").count() >= 3
    finally:
        context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = phone.new_page()
    try:  # the same element is the phone's menu: it still opens on pages without a desktop sidebar
        page.goto(base + "tinh-thanh/")
        page.locator("label.md-header__button[for=__drawer]").click()
        drawer = page.locator(".md-sidebar--primary")
        drawer.get_by_role("link", name="Sáng kiến", exact=True).wait_for(state="visible")
    finally:
        phone.close()
