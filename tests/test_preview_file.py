"""The council preview opened from a download (issue 24): unzipped, ``index.html`` double-clicked.

The preview build names every page's file in its links and hands the search index and the
nomination form's data to the pages by ``<script>`` (``goldenbook.site.offline``); the public
build keeps clean URLs. Chromium opens the built preview from ``file://`` and a council member's
way through it is followed by clicking, with every failed request and console error collected.

Artifacts kept in ``tests/artifacts/``: ``preview-file-home.png``, ``preview-file-dashboard.png``,
``preview-file-search.png`` — the preview as it opens from a folder.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from goldenbook.site.offline import DATA_SCRIPT_SUFFIX, READ_ME_NAME, data_script, link_to_files
from goldenbook.site.plan import PAGE_SIZE
from goldenbook.synthetic import write_records
from conftest import ROOT, build_site, make_repo

DELIVER = re.compile(r"goldenbookFiles\.deliver\((.*)\);\n", re.S)


# ---------------------------------------------------------------- links and data, as text

@pytest.mark.parametrize("before, after", [
    ("sang-kien/", "sang-kien/index.html"),
    ("../../tinh-thanh/ha-noi/", "../../tinh-thanh/ha-noi/index.html"),
    ("./", "./index.html"),
    (".", "./index.html"),
    ("..", "../index.html"),
    ("../..", "../../index.html"),
    ("../tra-cuu/?q=ha+noi&amp;tinh=ha-noi", "../tra-cuu/index.html?q=ha+noi&amp;tinh=ha-noi"),
    ("../huong-dan/#ho-so-mau", "../huong-dan/index.html#ho-so-mau"),
    ("../feed.xml", "../feed.xml"),
    ("../assets/search.css", "../assets/search.css"),
    ("#trich-dan", "#trich-dan"),
    ("https://github.com/mttq/sach-vang/", "https://github.com/mttq/sach-vang/"),
    ("mailto:?subject=a/", "mailto:?subject=a/"),
    ("/sach-vang/an-pham/", "/sach-vang/an-pham/"),  # absolute paths: the 404 page at a known address
    ("//example.org/", "//example.org/"),
    ("", ""),
])
def test_links_to_folders_name_their_index_html(before, after):
    page = (f'<a class="x" href="{before}">a</a><link rel="prev" href="{before}">'
            f'<form role="search" action="{before}" method="get"></form>')
    assert link_to_files(page) == (f'<a class="x" href="{after}">a</a><link rel="prev" href="{after}">'
                                   f'<form role="search" action="{after}" method="get"></form>')
    assert link_to_files(link_to_files(page)) == link_to_files(page)  # a preview built again is the same


def test_only_links_change_not_text_nor_other_attributes():
    page = ('<p>Viết href="sang-kien/" trong văn bản</p><img src="../images/a/" alt="x">'
            '<div data-root="../.." data-href="x/"></div><script>var a = \'<a href="x/">\';</script>')
    assert link_to_files(page).replace('<a href="x/index.html">', '<a href="x/">') == page


@pytest.mark.parametrize("data", [
    {"records": ["Nước sạch", "</script><script>alert(1)</script>"], "n": 3},
    ["\u2028\u2029", '"); alert(1); ("', "\\", None, True, 1.5],
    "chỉ một chuỗi",
])
def test_data_scripts_hold_the_data_and_nothing_else(data):
    text = json.dumps(data, ensure_ascii=False)
    script = data_script(text)
    match = DELIVER.fullmatch(script)
    assert match and json.loads(match.group(1)) == data
    assert script.isascii()  # no line separators nor anything else a script reads otherwise than JSON does


def test_data_scripts_refuse_what_is_not_json():
    for text in ('alert(1)', '{"a": 1}; alert(1)', "{'a': 1}"):
        with pytest.raises(ValueError):
            data_script(text)


# ---------------------------------------------------------------- the built preview, as files

class Links(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.found: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def broken_links(site: Path) -> dict[str, list[str]]:
    """Relative links of every page (not the 404 page) that do not name a file of the site."""
    broken: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for link in Links(page.read_text(encoding="utf-8")).found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "/")) or not parts.path:
                continue
            if not (page.parent / unquote(parts.path)).is_file():
                broken.setdefault(link, []).append(page.relative_to(site).as_posix())
    return broken


def test_every_link_of_the_preview_names_a_file(preview_site):
    assert broken_links(preview_site) == {}
    home = (preview_site / "index.html").read_text(encoding="utf-8")
    for section in ("hoi-dong", "tinh-thanh", "linh-vuc", "an-pham", "sang-kien", "tap-the", "tra-cuu"):
        assert f'href="{section}/index.html"' in home, section
    sheet = next((preview_site / "hoi-dong" / "phieu").iterdir()) / "index.html"
    assert 'href="../../index.html"' in sheet.read_text(encoding="utf-8")  # back to the dashboard


def test_every_json_the_pages_read_is_also_a_script(preview_site):
    found = sorted(path for path in preview_site.rglob("*.json") if path.relative_to(preview_site).parts[0] != "data")
    assert {path.relative_to(preview_site).as_posix() for path in found} >= {
        "search/manifest.json", "search/facets.json", "assets/de-cu.json", "schema/record.schema.json"}
    for path in found:
        script = path.with_name(path.name + DATA_SCRIPT_SUFFIX).read_text(encoding="ascii")
        assert json.loads(DELIVER.fullmatch(script).group(1)) == json.loads(path.read_text(encoding="utf-8"))
    # open data is for downloading: not doubled
    assert not list((preview_site / "data").rglob("*" + DATA_SCRIPT_SUFFIX))


def test_the_preview_says_how_to_open_it(preview_site):
    raw = (preview_site / READ_ME_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark: Notepad shows the accents
    assert raw.count(b"\r\n") == raw.count(b"\n") > 10  # CRLF line ends throughout
    text = raw.decode("utf-8-sig")
    for words in ("Giải nén", "bấm đúp vào tệp index.html", "Windows", "macOS", "không cần mạng"):
        assert words in text, words
    home = (preview_site / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="gb-preview-banner"[^>]*>(.*?)</div>', home, re.S).group(1)
    assert "giải nén tệp .zip" in banner and "bấm đúp vào tệp index.html" in banner and READ_ME_NAME in banner
    other = (preview_site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert "bấm đúp" not in other  # the home page says it; the others keep a short banner


def test_the_public_build_keeps_clean_urls(public_site):
    home = (public_site / "index.html").read_text(encoding="utf-8")
    assert 'href="sang-kien/"' in home and "index.html" not in home
    assert not (public_site / READ_ME_NAME).exists()
    assert not list(public_site.rglob("*.json" + DATA_SCRIPT_SUFFIX))
    assert not (public_site / "assets" / "offline.js").exists() and "offline.js" not in home
    assert 'type="application/atom+xml"' in home  # the feed link stays on the public site


@pytest.fixture(scope="module")
def paginated_preview(tmp_path_factory) -> Path:
    """A preview with more initiatives than one list page holds."""
    repo = make_repo(tmp_path_factory.mktemp("paginated") / "repo")
    shutil.copytree(ROOT / "schema", repo / "schema")  # the published schema, linked from du-lieu-mo/
    write_records(repo, PAGE_SIZE + 30)
    out = repo.parent / "site-preview"
    done = build_site(repo, out, preview=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.slow
def test_pagination_of_a_large_preview_names_files(paginated_preview):
    assert broken_links(paginated_preview) == {}
    first = (paginated_preview / "sang-kien" / "index.html").read_text(encoding="utf-8")
    assert 'href="trang/2/index.html"' in first
    second = (paginated_preview / "sang-kien" / "trang" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../index.html"' in second  # back to page 1


# ---------------------------------------------------------------- in Chromium, from file://

@pytest.fixture()
def from_files(browser, preview_site):
    """A page with its problems collected: failed requests, console errors, uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    elsewhere: list[str] = []

    def offline(route):  # no network here: the internet is not part of the preview
        elsewhere.append(route.request.url)
        route.fulfill(status=200, content_type="application/json", body="{}")

    context.route(re.compile(r"^https?://"), offline)
    page = context.new_page()
    problems: list[str] = []

    def failed(request) -> None:
        # a load cut short by the next navigation (the favicon, often) is not a failure if the file is there
        if request.failure == "net::ERR_ABORTED" and request.url.startswith("file://") and \
                Path(unquote(urlsplit(request.url).path)).is_file():
            return
        problems.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", failed)
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.problems = problems
    page.elsewhere = elsewhere
    page.home = (preview_site / "index.html").resolve().as_uri()
    yield page
    context.close()


def opened_file(page, path: str) -> None:
    """The page shown is the built file ``path`` (not a folder listing)."""
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0].endswith(path), page.url
    assert page.locator("header.md-header").count() == 1, page.url


@pytest.mark.browser
@pytest.mark.slow
def test_a_council_member_uses_the_preview_from_a_folder(from_files, preview_site, artifacts):
    page = from_files
    page.goto(page.home)
    opened_file(page, "/index.html")
    assert "bấm đúp vào tệp index.html" in page.inner_text(".gb-preview-banner")
    page.screenshot(path=str(artifacts / "preview-file-home.png"))

    # every section of the tabs, by clicking
    tabs = page.eval_on_selector_all(".md-tabs__link", "links => links.map(a => a.textContent.trim())")
    assert len(tabs) >= 7
    for label in tabs:
        page.goto(page.home)
        page.locator(".md-tabs__link", has_text=label).first.click()
        opened_file(page, "index.html")
        assert page.locator("h1").count() >= 1, label

    # a record from the list of initiatives, and its breadcrumb-like way back to the list
    page.goto(page.home)
    page.locator(".md-tabs__link", has_text="Sáng kiến").click()
    opened_file(page, "/sang-kien/index.html")
    page.locator(".gb-card a").first.click()
    opened_file(page, "/index.html")
    assert page.locator("article.gb-record").count() == 1
    # what cannot work from a file says so (no public address to share)
    assert "chưa có địa chỉ công khai" in page.inner_text(".gb-share")
    assert "file://" not in page.inner_text(".gb-cite")

    # the dashboard, filtered; a record's review sheet
    page.locator(".gb-preview-banner a", has_text="Bảng theo dõi hồ sơ").click()
    opened_file(page, "/hoi-dong/index.html")
    page.wait_for_selector("button.gb-sort")
    total = page.locator("table.gb-dashboard tbody tr").count()
    page.select_option("select[data-gb-filter='status']", "under_review")
    shown = page.eval_on_selector_all("table.gb-dashboard tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.status)")
    assert shown and set(shown) == {"under_review"} and len(shown) < total
    page.screenshot(path=str(artifacts / "preview-file-dashboard.png"))
    page.locator("table.gb-dashboard tbody tr:not([hidden]) a.gb-sheet-link").first.click()
    opened_file(page, "/index.html")
    assert "/hoi-dong/phieu/" in page.url and page.locator(".gb-sheet").count() == 1

    # search from the header box, then the explore page
    page.goto(page.home)
    box = page.locator(".gb-search__input")
    if not box.is_visible():
        page.locator(".gb-search__toggle").click()
    box.fill("nuoc sach")
    page.wait_for_selector(".gb-search__hit")
    hits = page.eval_on_selector_all(".gb-search__hit", "links => links.map(a => a.href)")
    assert hits and all(hit.startswith("file://") and hit.endswith("/index.html") for hit in hits), hits
    page.locator(".gb-search__hit[href*='/sang-kien/'], .gb-search__hit[href*='/tap-the/']").first.click()
    opened_file(page, "/index.html")
    assert page.locator("article.gb-record").count() == 1

    page.goto(page.home)
    page.locator(".md-tabs__link", has_text="Tra cứu").click()
    opened_file(page, "/tra-cuu/index.html")
    page.wait_for_selector(".gb-explore--ready")
    page.fill(".gb-explore [name=q]", "nuoc sach")
    page.wait_for_function("location.search.includes('q=nuoc') && document.querySelector('.gb-explore__item')")
    found = int(re.match(r"(\d+) hồ sơ", page.inner_text(".gb-explore__status")).group(1))
    assert 0 < found < len(list((preview_site / "data").glob("*/*.json")))  # the query narrowed the records
    page.select_option("select[name=loai]", index=1)
    page.wait_for_timeout(300)
    assert "hồ sơ" in page.inner_text(".gb-explore__status")
    page.screenshot(path=str(artifacts / "preview-file-search.png"))
    page.locator(".gb-explore__item a").first.click()
    opened_file(page, "/index.html")
    assert page.locator("article.gb-record").count() == 1

    # the nomination form reads its schema and province data from files too
    page.goto(page.home)
    page.goto(page.url.replace("/index.html", "/de-cu/index.html"))
    page.wait_for_selector("#gb-nomination:not([hidden])")

    assert page.problems == []
    assert {urlsplit(url).hostname for url in page.elsewhere} <= {"api.github.com"}  # Material's repository facts


@pytest.mark.browser
def test_missing_data_says_so_in_vietnamese(browser, preview_site, tmp_path):
    """A folder unzipped in part (no data scripts): search says it could not load, it does not stay blank."""
    site = tmp_path / "site"
    shutil.copytree(preview_site, site)
    for script in (site / "search").rglob("*" + DATA_SCRIPT_SUFFIX):
        script.unlink()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "tra-cuu" / "index.html").as_uri())
        page.wait_for_function("document.querySelector('.gb-explore__status').textContent.trim() !== ''")
        assert "Không tải được dữ liệu tra cứu" in page.inner_text(".gb-explore__status")
    finally:
        context.close()
