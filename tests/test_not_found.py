"""The 404 page as GitHub Pages serves it for a project site (issue 18).

A project site lives under a sub-path (``https://owner.github.io/repo/``) and
the server answers any missing address, at any depth, with the site's
``404.html``. The test builds the example site with that ``site_url``, serves it
the same way from 127.0.0.1 under ``/repo/``, and follows the page in headless
Chromium: Vietnamese words, every asset loaded, the search form and the main
sections leading to real pages.
"""

from __future__ import annotations


import pytest

from conftest import ROOT, build_site, start_server

pytestmark = pytest.mark.browser

PREFIX = "/repo/"


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("project") / "site"
    done = build_site(ROOT, out, env={"GOLDENBOOK_SITE_URL": "https://owner.github.io/repo/"})
    assert done.returncode == 0, done.stderr
    url, server = start_server(out, PREFIX)
    yield url
    server.shutdown()


@pytest.mark.parametrize("missing", ["khong-co/", "sang-kien/khong-co-ho-so/", "a/b/c/d/trang.html"])
@pytest.mark.parametrize("width", [390, 1366])
def test_404_page_served_at_any_depth_under_a_sub_path(browser, project_site, missing, width):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    page = context.new_page()
    local = []
    page.on("request", lambda request: local.append(request.url))
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 and
            not r.url.endswith(missing) else None)
    try:
        response = page.goto(project_site + missing)
        assert response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        expect(page.locator("article h1")).to_have_text("Không tìm thấy trang này")
        assert "Not found" not in page.content()
        assert page.title().startswith("Không tìm thấy trang")
        assert not failures, failures  # stylesheets, scripts and the search manifest all found
        assert all(url.startswith(project_site) for url in local), local

        # Every main section leads to a page of the site.
        sections = page.locator("ul.gb-notfound__sections a")
        expect(sections).to_have_count(8)
        for href in sections.evaluate_all("links => links.map(a => a.href)"):
            assert href.startswith(project_site), href
            assert context.request.get(href).status == 200, href

        # The header's search box leads to the explore page of this site, not to a host named tra-cuu.
        header_form = page.locator("form.gb-search__form")
        assert header_form.evaluate("f => f.action") == project_site + "tra-cuu/"

        # The page's own search form finds a record.
        page.fill("#gb-notfound-q", "Đà Nẵng")
        page.locator("form.gb-notfound__search button[type=submit]").click()
        page.wait_for_url(project_site + "tra-cuu/?q=*")
        expect(page.locator(".gb-explore__title").first).to_be_visible()
    finally:
        context.close()


def test_header_search_suggestions_link_inside_the_site_from_the_404_page(browser, project_site):
    context = browser.new_context(viewport={"width": 1366, "height": 844}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(project_site + "khong-co/trang/")
        page.locator(".gb-search__input").fill("da nang")
        links = page.locator("#gb-search-results a")
        links.first.wait_for()
        hrefs = links.evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(href.startswith(project_site) for href in hrefs), hrefs
    finally:
        context.close()
