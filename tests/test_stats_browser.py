"""The statistics as a reader's browser shows them: headless Chromium at 390 px and 1366 px (issue 23).

Every chart's text must show at 12 px or more on screen (its computed font size times the SVG's scale),
nothing may widen the page, every control is at least 24 × 24 px, and axe-core finds no serious violation,
with every data table opened.
"""

from __future__ import annotations

import pytest

from test_accessibility import (SMALL_TARGETS_JS, WIDTHS, axe_source, axe_violations, describe,  # noqa: F401 (a fixture)
                                open_page)

PAGES = [("public_site", "thong-ke/"), ("preview_site", "thong-ke/"), ("public_site", "tinh-thanh/da-nang/"),
         ("public_site", "linh-vuc/nang-luong/")]

#: Each SVG text's size on screen: its computed font size scaled by its SVG's transformation to the screen.
LABEL_SIZES_JS = """() => Array.from(document.querySelectorAll('svg.gb-chart-svg text')).map(t => {
    const m = t.ownerSVGElement.getScreenCTM();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
            shown: t.getBoundingClientRect().width > 0};
})"""
OVERFLOW_JS = """() => ({page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
    wide: Array.from(document.querySelectorAll('.gb-chart svg, .gb-chart figure, .gb-chart details'))
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map(e => e.outerHTML.slice(0, 80))})"""


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("build,path", PAGES, ids=[f"{b.split('_')[0]}-{p.strip('/')}" for b, p in PAGES])
def test_charts_are_legible_fit_the_screen_and_pass_axe(request, serve, browser, axe_source, build, path, width):
    base = serve(request.getfixturevalue(build))
    context, page = open_page(browser, base + path, WIDTHS[width])
    try:
        page.evaluate("() => document.querySelectorAll('details.gb-chart__data').forEach(d => d.open = true)")
        labels = page.evaluate(LABEL_SIZES_JS)
        assert labels and all(label["shown"] for label in labels)
        small = [(label["text"], round(label["size"], 2)) for label in labels if label["size"] < 12]
        assert not small, f"chart labels under 12 px at {width}: {small[:10]}"
        overflow = page.evaluate(OVERFLOW_JS)
        assert overflow["page"] <= overflow["view"] and not overflow["wide"], overflow
        assert not page.evaluate(SMALL_TARGETS_JS)  # every link and disclosure at least 24 × 24 px
        violations = axe_violations(page, axe_source)
    finally:
        context.close()
    assert not violations, f"{build} {path} at {width}:\n{describe(violations)}"


def test_a_tile_leads_to_its_province(public_site, serve, browser):
    """The map's tiles are links a keyboard reaches, each named with its count."""
    context, page = open_page(browser, serve(public_site) + "thong-ke/", WIDTHS["desktop"])
    try:
        tile = page.locator('#tinh-thanh svg a[aria-label^="Thành phố Đà Nẵng"]')
        assert tile.get_attribute("aria-label").endswith("hồ sơ")
        tile.focus()
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith("Thành phố Đà Nẵng")
        tile.click()
        page.wait_for_load_state()
        assert page.url.endswith("/tinh-thanh/da-nang/")
    finally:
        context.close()
