"""The public site at its real address (issue 24): a project site under a sub-path and a custom domain.

Built with ``GOLDENBOOK_SITE_URL`` as the publish workflow sets it, and read with real parsers: the
sitemap with an XML parser, the feed with ``feedparser``, the pages' heads with an HTML parser. The
404 page is opened in Chromium from a missing address, served the way GitHub Pages serves it.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import ROOT, build_site, start_server

pytestmark = pytest.mark.slow

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: A project site (https://owner.github.io/repo/) and a custom domain at the root.
ADDRESSES = {"project": "https://example.github.io/sach-vang/", "domain": "https://sachvang.example.vn/"}


@pytest.fixture(scope="module", params=sorted(ADDRESSES), ids=str)
def addressed(request, tmp_path_factory) -> tuple[str, Path]:
    """(address, built public site) for each kind of address."""
    address = ADDRESSES[request.param]
    out = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    done = build_site(ROOT, out, env={"GOLDENBOOK_SITE_URL": address.rstrip("/"),  # as configure-pages gives it
                                      "GOLDENBOOK_REQUIRE_SITE_URL": "1"},
                      pdf=request.param == "project")  # as the publish workflow builds: with the book's PDF
    assert done.returncode == 0, done.stderr
    return address, out


def pages(site: Path) -> set[str]:
    """Site-relative addresses of the built pages ("" for the home page)."""
    found = set()
    for path in site.rglob("index.html"):
        folder = path.parent.relative_to(site).as_posix()
        found.add("" if folder == "." else folder + "/")
    return found


def built(site: Path, address: str, url: str) -> Path:
    """The file that answers ``url`` (absolute, under ``address``) on a static host."""
    assert url.startswith(address), f"{url} is not under {address}"
    path = urlsplit(url).path[len(urlsplit(address).path):]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


class Head(HTMLParser):
    """The <link> and <meta> elements of a page, and its JSON-LD."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self._in_ld = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") and values.get("href"):
            self.links.setdefault(values["rel"], values["href"])
        elif tag == "meta" and values.get("property"):
            self.meta[values["property"]] = values.get("content") or ""
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(json.loads(data))
            self._in_ld = False


def test_sitemap_lists_every_public_page_at_the_address(addressed):
    address, site = addressed
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(locations) == len(set(locations)) > 100
    assert all(loc.startswith(address) for loc in locations), locations[:3]
    assert {loc[len(address):] for loc in locations} == pages(site)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    assert not any(loc[len(address):].startswith("hoi-dong/") for loc in locations)  # council pages: preview only


def test_feed_links_are_absolute_and_resolve(addressed, published_entries):
    address, site = addressed
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.link == address
    assert {link.rel: link.href for link in feed.feed.links}["self"] == address + "feed.xml"
    assert len(feed.entries) == len(published_entries)
    for entry in feed.entries:
        assert entry.id.startswith(address) and entry.link == entry.id, entry.id
        assert built(site, address, entry.link).is_file(), entry.link


def test_pages_name_their_absolute_address_and_picture(addressed):
    address, site = addressed
    home = Head((site / "index.html").read_text(encoding="utf-8"))
    assert home.links["canonical"] == address
    records = sorted([*site.glob("sang-kien/*/index.html"), *site.glob("tap-the/*/index.html")])
    records = [path for path in records if path.parent.name != "trang"]
    assert len(records) > 20
    pictured = 0
    for path in records:
        head = Head(path.read_text(encoding="utf-8"))
        own = address + path.parent.relative_to(site).as_posix() + "/"
        assert head.links["canonical"] == own
        assert head.meta["og:url"] == own
        image = head.meta["og:image"]
        assert image.startswith(address) and built(site, address, image).is_file(), image
        pictured += "/_r/" in image or "/images/" in image
        ld = next(item for item in head.jsonld if item.get("url"))
        assert ld["url"] == own
    assert pictured, "no record page shares its own photo"


def test_the_address_reaches_the_nomination_form_and_the_repository_link(tmp_path):
    """repo_url comes from the repository the workflow runs in (GOLDENBOOK_REPO_URL)."""
    out = tmp_path / "site"
    done = build_site(ROOT, out, env={"GOLDENBOOK_SITE_URL": "https://example.github.io/sach-vang",
                                      "GOLDENBOOK_REPO_URL": "https://github.com/mttq-example/sach-vang-that"})
    assert done.returncode == 0, done.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/mttq-example/sach-vang-that"' in home
    assert "github.com/mttq/sach-vang" not in home
    form = json.loads((out / "assets" / "de-cu.json").read_text(encoding="utf-8"))
    assert form["repo"] == "https://github.com/mttq-example/sach-vang-that"


def test_publishing_without_an_address_fails_and_a_local_build_says_so_once(tmp_path):
    required = build_site(ROOT, tmp_path / "required", env={"GOLDENBOOK_SITE_URL": "",
                                                            "GOLDENBOOK_REQUIRE_SITE_URL": "1"})
    assert required.returncode != 0
    assert "chưa có địa chỉ của trang" in required.stderr and "GOLDENBOOK_SITE_URL" in required.stderr
    local = build_site(ROOT, tmp_path / "local", env={"GOLDENBOOK_SITE_URL": None,
                                                      "GOLDENBOOK_REQUIRE_SITE_URL": None})
    assert local.returncode == 0, local.stderr  # --strict: an INFO line, not a warning
    told = [line for line in local.stderr.splitlines() if "GOLDENBOOK_SITE_URL" in line]
    assert len(told) == 1 and told[0].startswith("INFO"), told
    assert not ET.fromstring((tmp_path / "local" / "sitemap.xml").read_bytes()).findall(f"{SITEMAP}url")


# ---------------------------------------------------------------- the publish workflow's run summary

def site_summary(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "site_summary.py"), str(site)],
                          capture_output=True, text=True, timeout=60)


def test_run_summary_lists_address_pages_pdfs_and_open_data(addressed):
    address, site = addressed
    done = site_summary(site)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"- Địa chỉ: {address}" in lines
    count = len(pages(site))
    assert f"- Số trang: {count} (sơ đồ trang: {count} địa chỉ)" in lines
    pdfs = sorted(site.glob("an-pham/*/*.pdf"))
    pdf_line = next(line for line in lines if line.startswith("- Sách PDF: "))
    if address == ADDRESSES["project"]:  # built with the PDF, as the workflow builds
        assert pdfs
    assert pdf_line.count("](") == len(pdfs)
    for pdf in pdfs:
        assert f"]({address}{pdf.relative_to(site).as_posix()})" in pdf_line
    rows = [line for line in lines if line.startswith("| [`") or line.startswith("| `")]
    for name in ("data/records.json", "data/records.csv", "feed.xml"):
        assert any(row.startswith(f"| [`{name}`]({address}{name}) | 1 | ") for row in rows), name
    for kind in ("initiative", "collective"):
        files = len(list((site / "data" / kind).glob("*.json")))
        assert any(row.startswith(f"| `data/{kind}/<mã>.json` | {files} | ") for row in rows), kind


def test_run_summary_says_when_the_site_has_no_address(public_site, tmp_path):
    done = site_summary(public_site)  # built without GOLDENBOOK_SITE_URL
    assert done.returncode == 0, done.stderr
    assert "- Địa chỉ: ❌ **chưa có**" in done.stdout and "](" not in done.stdout
    assert "(sơ đồ trang: 0 địa chỉ)" in done.stdout
    missing = site_summary(tmp_path)
    assert missing.returncode == 1 and "index.html" in missing.stderr


# ---------------------------------------------------------------- the 404 page, as GitHub Pages serves it

@pytest.mark.browser
def test_the_404_page_links_work_at_the_address(addressed, browser):
    address, site = addressed
    base, server = start_server(site, urlsplit(address).path)
    context = browser.new_context()
    try:
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        answer = page.goto(base + "khong/co/trang-nay/")
        assert answer.status == 404 and answer.body() == (site / "404.html").read_bytes()
        links = page.eval_on_selector_all("a[href], link[href], script[src], form[action]",
                                          "els => els.map(e => e.href || e.src || e.action)")
        ours = sorted({link.split("#")[0] for link in links if not link.startswith("https://")})  # https: elsewhere
        assert len(ours) > 10
        for link in ours:
            assert link.startswith(base), f"{link} leaves the site's address {base}"
            assert "//" not in urlsplit(link).path, link
            assert context.request.get(link).status == 200, link
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => !!e.sheet)")
        assert stylesheets and all(stylesheets)
        assert [url for url in failed if url.startswith("http://127.0.0.1")] == []
    finally:
        context.close()
        server.shutdown()
