"""No request leaves the site unless the reader acts (issue 18).

Every page type of both builds is opened in headless Chromium at a phone's
width; every request the page makes (documents, styles, scripts, fonts, images,
fetches) is listed, and any to another host fails the test. Requests to other
hosts are answered by the test itself (aborted), so the test stays offline.
"""

from __future__ import annotations

import pytest

from test_accessibility import PREVIEW_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser


def requests_of(browser, url: str, origin: str) -> tuple[list[str], list[str]]:
    """(same-site requests, requests to other hosts) the page makes while it loads and settles."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    own, foreign = [], []

    def route(route):
        if route.request.url.startswith(origin):
            own.append(route.request.url)
            route.continue_()
        else:
            foreign.append(f"{route.request.resource_type} {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images load too
        page.wait_for_load_state("networkidle")
        banner = page.locator(".md-banner").count()
    finally:
        context.close()
    return own, foreign, banner


def test_public_pages_ask_no_other_host(public_site, serve, browser):
    base = serve(public_site)
    origin = base.rstrip("/")
    foreign_by_page, banners = {}, []
    for name, path in PUBLIC_PAGES:
        own, foreign, banner = requests_of(browser, base + path, origin)
        assert own, name
        if foreign:
            foreign_by_page[name] = foreign
        if banner:
            banners.append(name)
    assert not foreign_by_page, f"requests to other hosts: {foreign_by_page}"
    assert not banners, f"an (empty) announce bar on the public pages {banners}"


def test_council_preview_pages_ask_no_other_host(preview_site, serve, browser):
    base = serve(preview_site)
    origin = base.rstrip("/")
    for name, path in PREVIEW_PAGES:
        own, foreign, banner = requests_of(browser, base + path, origin)
        assert not foreign, f"{name}: {foreign}"
        assert banner == 1, f"{name}: the preview banner is missing"
