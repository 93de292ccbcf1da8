"""Record lists as cards with pictures, and portraits at a portrait's size (issue 18)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PORTRAIT_RECORD = "sang-kien/nhan-giong-dua-sap-bang-nuoi-cay-phoi-quy-mo-hop-tac-xa/"


@pytest.mark.parametrize("width", [390, 1366])
def test_record_lists_show_a_picture_or_a_placeholder_on_every_card(public_site, serve, browser, width):
    base = serve(public_site)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        for path in ["sang-kien/", "tap-the/", "tinh-thanh/da-nang/"]:
            page.goto(base + path)
            cards = page.locator("li.gb-card")
            count = cards.count()
            assert count >= 3, path
            photos = page.locator("li.gb-card img.gb-card__picture")
            placeholders = page.locator("li.gb-card .gb-card__picture--none")
            assert photos.count() + placeholders.count() == count, path
            # Every photo says its size before it loads (no layout shift) and is decorative next to the title.
            sizes = photos.evaluate_all("imgs => imgs.map(i => [i.getAttribute('width'), i.getAttribute('height'),"
                                        " i.getAttribute('alt')])")
            assert all(w and h and alt == "" for w, h, alt in sizes), sizes
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            page.wait_for_function("Array.from(document.querySelectorAll('img.gb-card__picture'))"
                                   ".every(i => i.complete && i.naturalWidth > 0)")
            for index in range(count):  # title, province, the picture inside its card, all on screen
                card = cards.nth(index)
                box, picture = card.bounding_box(), card.locator(".gb-card__picture").bounding_box()
                assert picture["width"] >= 80 and picture["height"] >= 80, (path, picture)
                assert box["x"] <= picture["x"] and picture["x"] + picture["width"] <= box["x"] + box["width"] + 1
                assert card.locator(".gb-card__title").is_visible()
                assert " · " in card.locator(".gb-card__meta").inner_text()
        assert page.locator("img.gb-card__picture").count() >= 1  # the example records do have photos
    finally:
        context.close()


def test_portrait_is_drawn_at_a_portrait_size(public_site, serve, browser):
    base = serve(public_site)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(base + PORTRAIT_RECORD)
        portrait = page.locator("figure.gb-figure--portrait img")
        portrait.scroll_into_view_if_needed()
        box = portrait.bounding_box()
        natural = portrait.evaluate("i => [i.naturalWidth, i.naturalHeight]")
        assert natural[1] > natural[0]
        assert box["width"] <= 360 and box["height"] <= 480, box  # never enlarged past its 360 × 480 source
    finally:
        context.close()
