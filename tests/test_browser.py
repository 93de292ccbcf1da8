"""A reader on a phone: home page → tile map → province → record (issue 3).

Headless Debian Chromium (through Playwright, no browser download) opens the
built example site at 390 × 844 CSS pixels, the width of a common phone. The
walk is done twice: with the site at the root of a server and under a sub-path
(``/sach-vang/``), which proves every link is relative. Each step asserts what
the reader sees, that nothing scrolls sideways, and that no request to the site
failed; full-page screenshots of the three pages go to ``tests/artifacts/``.

Requests to other hosts are blocked, so the test is offline and deterministic
(Material's web-font stylesheet is the only such request; the pages fall back
to system fonts).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser):
    """A phone-sized page that only talks to the local test server, recording failed requests."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())
    page = context.new_page()
    page.failures = []  # same-site responses with an error status, and page errors
    page.on("response", lambda r: page.failures.append(f"{r.status} {r.url}")
            if r.url.startswith("http://127.0.0.1:") and r.status >= 400 else None)
    page.on("pageerror", lambda error: page.failures.append(f"script error: {error}"))
    yield page
    context.close()


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url}: content is {width} px wide on a {PHONE['width']} px phone"


def screenshot(page, path: Path) -> None:
    """A full-page screenshot with every image loaded (record images are lazy)."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header belongs at the top of the picture
    page.wait_for_function("window.scrollY === 0")
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("prefix", ["", "sach-vang"], ids=["root", "sub-path"])
def test_phone_reader_follows_the_tile_map_to_a_record(public_site, serve, phone, artifacts, prefix):
    from playwright.sync_api import expect

    base = serve(public_site, prefix)
    name = f"phone-{prefix or 'root'}"
    page = phone

    # 1. Home page: what the Golden Book is, its figures, the latest edition, the tile map.
    page.goto(base)
    assert page.url == base
    expect(page.locator("article h1")).to_contain_text("Sách vàng Sáng tạo Việt Nam")
    figures = page.locator("ul.gb-figures--home li")
    expect(figures.first).to_be_visible()
    expect(figures).to_contain_text(["27 hồ sơ", "21 sáng kiến", "6 tập thể tiêu biểu"])
    expect(page.get_by_role("heading", name="Ấn phẩm mới nhất")).to_be_visible()
    expect(page.locator(".gb-snippet--latest a.gb-card__title").first).to_be_visible()
    tilemap = page.locator("svg.gb-tilemap")
    expect(tilemap).to_be_visible()
    box = tilemap.bounding_box()
    assert box["width"] >= 0.85 * PHONE["width"], f"the tile map is only {box['width']} px wide on a phone"
    expect(tilemap.locator("a")).to_have_count(36)  # 34 provinces + Hoàng Sa + Trường Sa
    expect(tilemap.get_by_role("link", name="Quần đảo Hoàng Sa (thuộc thành phố Đà Nẵng)")).to_have_count(1)
    expect(tilemap.get_by_role("link", name="Quần đảo Trường Sa (thuộc tỉnh Khánh Hòa)")).to_have_count(1)
    no_sideways_scroll(page)
    screenshot(page, artifacts / f"{name}-1-home.png")

    # 2. Tap Đà Nẵng (4 records, all from the former Quảng Nam) on the tile map.
    tile = tilemap.get_by_role("link", name="Thành phố Đà Nẵng: 4 hồ sơ")
    tile.scroll_into_view_if_needed()
    expect(tile).to_be_visible()
    tile.click()
    page.wait_for_url(base + "tinh-thanh/da-nang/")
    expect(page.locator("article h1")).to_have_text("Thành phố Đà Nẵng")
    group = page.locator("section#quang-nam")
    expect(group.locator("h2")).to_contain_text("Quảng Nam")
    expect(group.locator("h2")).to_contain_text("4 hồ sơ")
    expect(group.locator("li.gb-card")).to_have_count(4)
    record = group.get_by_role("link", name="Vườn ươm nông thôn mới")
    expect(record).to_be_visible()
    no_sideways_scroll(page)
    screenshot(page, artifacts / f"{name}-2-province.png")

    # 3. Tap a record.
    record.click()
    page.wait_for_url(base + "sang-kien/vuon-uom-nong-thon-moi/")
    expect(page.locator("article h1")).to_have_text("Vườn ươm nông thôn mới")
    expect(page.locator(".gb-title-en")).to_have_text("New-countryside community tree nursery")
    expect(page.locator("dd.gb-place")).to_have_text("Quảng Nam — nay thuộc thành phố Đà Nẵng (từ 01/07/2025)")
    expect(page.locator("dd.gb-place")).to_be_visible()
    expect(page.locator("ul.gb-figures li")).to_have_text(["12.000 người hưởng lợi"])
    expect(page.get_by_role("link", name="Ủy ban MTTQ thị xã Điện Bàn").first).to_be_visible()
    image = page.get_by_role("img", name="Hình minh họa các luống cây giống xanh trong vườn ươm, phía sau là con đường làng")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.bounding_box()["width"] <= PHONE["width"]
    no_sideways_scroll(page)
    screenshot(page, artifacts / f"{name}-3-record.png")

    # No record is a navigation entry, on a phone either: the drawer lists the indexes only.
    drawer_links = page.locator("nav.md-nav--primary a.md-nav__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert drawer_links and not [href for href in drawer_links if "vuon-uom" in (href or "")]

    assert page.failures == [], page.failures


def test_phone_pages_do_not_scroll_sideways(public_site, serve, phone):
    """The other kinds of page, at phone width: indexes with long names and the biggest record."""
    base = serve(public_site)
    for path in ("tinh-thanh/", "tinh-thanh/truoc-2025/quang-nam/", "linh-vuc/", "an-pham/2025/", "sang-kien/",
                 "tap-the/hoi-lien-hiep-phu-nu-tinh-quang-nam/",
                 "sang-kien/phan-mem-quan-ly-ho-so-suc-khoe-nguoi-cao-tuoi-tai-tram-y-te-xa/"):
        phone.goto(base + path)
        no_sideways_scroll(phone)
    assert phone.failures == [], phone.failures


def test_our_lists_are_not_styled_as_prose_lists(public_site, serve, phone):
    """Material's `.md-typeset ul` bullets and indents must not leak into cards, figures and indexes."""
    phone.goto(serve(public_site))
    styles = phone.evaluate("""() => ['ul.gb-figures', 'ul.gb-cards', 'ul.gb-legend'].map(sel => {
        const ul = document.querySelector(sel), li = ul.querySelector('li');
        const u = getComputedStyle(ul), l = getComputedStyle(li);
        return [sel, u.listStyleType, l.listStyleType, u.marginLeft, l.marginLeft, u.paddingLeft];
    })""")
    for selector, ul_style, li_style, ul_margin, li_margin, ul_padding in styles:
        assert "none" in (ul_style, li_style), f"{selector} shows bullets"
        assert (ul_margin, li_margin, ul_padding) == ("0px", "0px", "0px"), f"{selector} is indented"
