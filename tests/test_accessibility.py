"""WCAG 2.2 AA as a reader's browser checks it: axe-core on every page type (issue 18).

axe-core (the npm package pinned in tests/package.json, installed by ``make test``
with ``npm ci``; nothing is downloaded while the tests run) is injected by
Playwright into headless Chromium on every page type of the public site and of
the council preview, at a phone's width (390 px) and a desktop's (1366 px).
A serious or critical violation fails the test, naming the rule and the elements.
Other tests here check what axe does not: tap targets of 24 × 24 px, a visible
keyboard focus, and the contrast of the palette itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}

#: One page of each type: (name, path in the site).
PUBLIC_PAGES = [
    ("home", ""),
    ("provinces", "tinh-thanh/"),
    ("province", "tinh-thanh/da-nang/"),
    ("province-historic", "tinh-thanh/truoc-2025/quang-nam/"),
    ("fields", "linh-vuc/"),
    ("field", "linh-vuc/cong-nghe-thong-tin/"),
    ("editions", "an-pham/"),
    ("edition", "an-pham/2025/"),
    ("book", "an-pham/2025/in/"),
    ("initiatives", "sang-kien/"),
    ("initiative", "sang-kien/bo-dieu-khien-den-chieu-sang-thanh-long-tu-dong-theo-chu-ky/"),
    ("collectives", "tap-the/"),
    ("collective", "tap-the/ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang/"),
    ("search", "tra-cuu/"),
    ("search-query", "tra-cuu/?q=da+nang"),
    ("about", "gioi-thieu/"),
    ("nomination", "de-cu/"),
    ("guide", "huong-dan/"),
    ("not-found", "404.html"),
    ("sheets-guide", "huong-dan/bang-tinh/"),
    ("stats", "thong-ke/"),
]
PREVIEW_PAGES = PUBLIC_PAGES[:2] + PUBLIC_PAGES[10:11] + [
    ("dashboard", "hoi-dong/"),
    ("review-sheet", "hoi-dong/phieu/ban-do-so-diem-nguy-co-sat-lo-va-noi-so-tan-cap-thon/"),
    ("stats", "thong-ke/"),
]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        message = "axe-core is not installed: run `npm ci --prefix tests` (make test does)"
        if os.environ.get("GOLDENBOOK_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="vi-VN",
                                  is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page


def axe_violations(page, axe_source: str) -> list[dict]:
    """Serious and critical violations of WCAG 2.0–2.2 A/AA and best practice rules on the page."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary.split('\\n').slice(1, 2).join(''))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"][:6])
                     for v in violations)


CASES = [("public_site", name, path) for name, path in PUBLIC_PAGES] + \
        [("preview_site", name, path) for name, path in PREVIEW_PAGES]


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("build,name,path", CASES, ids=[f"{b.split('_')[0]}-{n}" for b, n, _ in CASES])
def test_page_has_no_serious_axe_violation(request, serve, browser, axe_source, build, name, path, width):
    base = serve(request.getfixturevalue(build))
    context, page = open_page(browser, base + path, WIDTHS[width])
    try:
        violations = axe_violations(page, axe_source)
    finally:
        context.close()
    assert not violations, f"{build} {name} at {width}:\n{describe(violations)}"


#: Controls smaller than 24 × 24 CSS px that are not links inside a line of text (WCAG 2.5.8's exception).
SMALL_TARGETS_JS = """() => Array.from(document.querySelectorAll('a[href], button, input, select, summary, label[for]'))
  .filter(e => {
    const r = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (!r.width || !r.height || style.visibility === 'hidden' || e.closest('[hidden], .md-sidebar, .md-drawer'))
      return false;
    // A link stretched over its card (an absolute ::after) is as large as the card.
    if (getComputedStyle(e, '::after').position === 'absolute') return false;
    if (style.display === 'inline') {
      // In a sentence, or alone on a line at least 24 px tall: WCAG's inline and spacing exceptions.
      let block = e.parentElement;
      while (getComputedStyle(block).display === 'inline') block = block.parentElement;
      if (block.textContent.trim().length > e.textContent.trim().length) return false;
      if (parseFloat(getComputedStyle(block).lineHeight) >= 24) return false;
    }
    return r.width < 24 || r.height < 24;
  })
  .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}" `
            + `${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`)"""


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_controls_are_at_least_24_px(public_site, serve, browser, width):
    base = serve(public_site)
    small = {}
    for name, path in [("home", ""), ("search-page-2", "tra-cuu/?trang=2"), ("province", "tinh-thanh/da-nang/"),
                       ("initiative", PUBLIC_PAGES[10][1]), ("initiatives", "sang-kien/")]:
        context, page = open_page(browser, base + path, WIDTHS[width])
        try:
            if name.startswith("search"):
                page.wait_for_selector(".gb-explore__pager a")
            found = page.evaluate(SMALL_TARGETS_JS)
        finally:
            context.close()
        if found:
            small[name] = found
    assert not small, f"tap targets under 24 × 24 px at {width}: {small}"


def test_keyboard_focus_is_always_visible(public_site, serve, browser):
    """Tab through a record page: every element that takes the focus shows an outline."""
    base = serve(public_site)
    context, page = open_page(browser, base + PUBLIC_PAGES[10][1], WIDTHS["desktop"])
    try:
        seen, invisible = [], []
        for _ in range(60):
            page.keyboard.press("Tab")
            state = page.evaluate("""() => { const a = document.activeElement;
                const e = a.closest('.gb-card') || a, s = getComputedStyle(e);  // a card shows its link's focus
                const r = e.getBoundingClientRect();
                return {name: a.tagName + ' ' + (a.getAttribute('href') || a.className || ''),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                        shadow: s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0}; }""")
            if state["name"].startswith("BODY"):
                break
            seen.append(state["name"])
            if not (state["outline"] or state["shadow"]) or not state["visible"]:
                invisible.append(state["name"])
    finally:
        context.close()
    assert len(seen) >= 15, seen
    assert not invisible, f"focused without a visible outline: {invisible}"


def test_palette_contrast_meets_aa(public_site, serve, browser):
    """Header text on the header, and links on the page, at 4.5:1 or more."""
    base = serve(public_site)
    context, page = open_page(browser, base + PUBLIC_PAGES[10][1], WIDTHS["desktop"])
    try:
        colours = page.evaluate("""() => {
            const c = sel => getComputedStyle(document.querySelector(sel));
            return {header_fg: c('.md-header').color, header_bg: c('.md-header').backgroundColor,
                    tabs_fg: c('.md-tabs__link').color, tabs_bg: c('.md-tabs').backgroundColor,
                    link: c('.md-content a[href]').color, page_bg: c('body').backgroundColor}; }""")
    finally:
        context.close()

    def luminance(css: str) -> float:
        values = [float(x) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        linear = [v / 12.92 if v <= 10.31 else ((v / 255 + .055) / 1.055) ** 2.4 for v in values]
        linear = [v / 255 if values[i] <= 10.31 else v for i, v in enumerate(linear)]
        return .2126 * linear[0] + .7152 * linear[1] + .0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + .05) / (low + .05)

    assert ratio(colours["header_fg"], colours["header_bg"]) >= 4.5, colours
    assert ratio(colours["tabs_fg"], colours["tabs_bg"]) >= 4.5, colours
    assert ratio(colours["link"], colours["page_bg"]) >= 4.5, colours


def test_interface_words_and_heading_anchors_are_vietnamese(public_site):
    """Material's English and wrong Vietnamese words are overridden; heading ids keep đ as d."""
    about = (public_site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    home = (public_site / "index.html").read_text(encoding="utf-8")
    for html in (about, home):
        assert 'aria-label="Tabs"' not in html and 'aria-label="Chuyên mục"' in html
        assert "Trở lại mục lục" not in html and "Lên đầu trang" in html
    guide = (public_site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert 'id="dat-ten-tep"' in guide  # «Đặt tên tệp», not "at-ten-tep"
    assert 'id="at-ten-tep"' not in guide
    record = (public_site / "sang-kien" / "lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu"
              / "index.html").read_text(encoding="utf-8")
    assert '<p class="gb-title-en" lang="en">Biomass-gasifier litchi dryer</p>' in record


def test_explore_page_shows_a_result_on_the_first_phone_screen(public_site, serve, browser):
    """On a 390 × 844 phone the intro and the six filters leave room for the first result."""
    base = serve(public_site)
    context, page = open_page(browser, base + "tra-cuu/?q=nuoc", WIDTHS["phone"])
    try:
        first = page.locator(".gb-explore__item").first
        first.wait_for()
        box = first.bounding_box()
        assert box["y"] + 60 <= WIDTHS["phone"]["height"], box  # its title at least, without scrolling
    finally:
        context.close()
