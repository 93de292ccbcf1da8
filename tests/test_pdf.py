"""The book's PDF (issue 17): never silently left out, and nothing of the build machine in it.

* A failed PDF (no browser, a browser that fails, one that hangs) is a
  warning that ``--strict`` turns into a failure; without ``--strict`` the
  site is complete and the edition page says the PDF is not available (no
  dead link). ``GOLDENBOOK_PDF=0`` leaves it out on purpose, silently.
* Every link in the PDF is an absolute ``https://`` address — the site's own
  from ``GOLDENBOOK_SITE_URL``, or one a body links to — whatever the body
  writes (relative, ``//host``, ``\\\\server``, ``file:``, ``javascript:``); with
  no site address the site's own links are left out.
* Two builds in different folders give the same PDF, byte for byte, and
  neither holds ``file:`` or the folder it was built in.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build_site, chromium_path, make_repo
from goldenbook.site.printlinks import links_for_print, pdf_href

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/sach-vang/"
PRINT_PAGE = "an-pham/2024/in/"
#: Links a body may write, and what the PDF may keep of each (None: no link) with and without a site address.
HOSTILE_LINKS = {
    "../../../sang-kien/vuon-uom-nong-thon-moi/": (SITE_URL + "sang-kien/vuon-uom-nong-thon-moi/", None),
    "tai-lieu.pdf": (SITE_URL + PRINT_PAGE + "tai-lieu.pdf", None),
    "/etc/passwd": (None, None),  # the host's root, outside the site
    "//may-chu.example/chia-se": (None, None),
    "\\\\may-chu\\chia-se": (None, None),
    "/\\may-chu.example/x": (None, None),
    "file:///etc/passwd": (None, None),
    "FILE:/etc/passwd": (None, None),
    "javascript:alert(1)": (None, None),
    "java\nscript:alert(1)": (None, None),
    "http://example.org/khong-ma-hoa": (None, None),
    "mailto:a@example.org": (None, None),
    "https://user@example.org/": (None, None),
    "https://baochinhphu.vn/bai-viet?a=1&b=2": ("https://baochinhphu.vn/bai-viet?a=1&b=2",) * 2,
    "#muc-1": ("#muc-1",) * 2,
}
BODY_LINKS = ["../../../sang-kien/vuon-uom-nong-thon-moi/", "tai-lieu.pdf", "/etc/passwd",
              "//may-chu.example/chia-se", "<\\\\may-chu\\chia-se>", "file:///etc/passwd", "javascript:alert(1)",
              "https://baochinhphu.vn/bai-viet"]


@pytest.mark.parametrize("href", sorted(HOSTILE_LINKS))
def test_pdf_href(href):
    with_site, without = HOSTILE_LINKS[href]
    assert pdf_href(href, PRINT_PAGE, SITE_URL) == with_site
    assert pdf_href(href, PRINT_PAGE, "") == without
    assert pdf_href(href, PRINT_PAGE, "http://example.org/") == (without if not href.startswith("https") else with_site)


def test_links_for_print_rewrites_every_anchor():
    page = ('<a href="../../../sang-kien/x/" title="a>b">một</a> <a class=x href=\'//e.example/\'>hai</a> '
            '<abbr title="ba">ba</abbr> <A HREF="https://e.org/?a=1&amp;b=2">bốn</A> '
            '<link href="../../../assets/print.css" rel="stylesheet"> <a href="#muc-1">năm</a>')
    out = links_for_print(page, PRINT_PAGE, SITE_URL)
    assert out == ('<a href="https://example.org/sach-vang/sang-kien/x/" title="a>b">một</a> <a class=x>hai</a> '
                   '<abbr title="ba">ba</abbr> <A href="https://e.org/?a=1&amp;b=2">bốn</A> '
                   '<link href="../../../assets/print.css" rel="stylesheet"> <a href="#muc-1">năm</a>')


# ---------------------------------------------------------------- builds

def _repo(folder: Path) -> Path:
    """The example records, one of them linking to every hostile address from its body."""
    repo = make_repo(folder, with_examples=True)
    record = repo / "initiatives" / "ho-chi-minh" / "tram-sac-xe-may-dien-dung-nang-luong-mat-troi-tai-chung-cu.yml"
    text = record.read_text(encoding="utf-8")
    assert "\nedition: 2025\n" in text and "\nbody: |\n" in text  # in the latest edition's book
    links = "".join(f"  - [liên kết {n}]({href})\n" for n, href in enumerate(BODY_LINKS))
    record.write_text(text.replace("\nbody: |\n", "\nbody: |\n" + links + "\n", 1), encoding="utf-8")
    return repo


def _fake_browser(folder: Path, script: str) -> str:
    path = folder / "chromium"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def _latest(site: Path) -> int:
    return max(int(p.name) for p in (site / "an-pham").iterdir() if p.name.isdigit())


def _uris(pdf: bytes) -> list[bytes]:
    return re.findall(rb"/URI\s*\(((?:[^()\\]|\\.)*)\)", pdf)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> list[tuple[Path, Path]]:
    if chromium_path() is None:
        pytest.skip("chromium is not installed")
    built = []
    for name in ("mot", "hai-thu-muc-khac"):
        base = tmp_path_factory.mktemp(name)
        repo = _repo(base / "repo")
        done = build_site(repo, base / "site", pdf=True, env={"GOLDENBOOK_SITE_URL": SITE_URL})
        assert done.returncode == 0, done.stderr[-3000:]
        built.append((base, base / "site"))
    return built


def test_two_folders_give_the_same_pdf(two_builds):
    (first, first_site), (second, second_site) = two_builds
    year = _latest(first_site)
    name = f"an-pham/{year}/sach-vang-{year}.pdf"
    one, other = (first_site / name).read_bytes(), (second_site / name).read_bytes()
    assert one.startswith(b"%PDF-") and one == other
    for data, base in ((one, first), (other, second)):
        assert b"file:" not in data.lower()
        for path in {str(base), os.path.realpath(base), str(Path.home())} - {"/"}:
            assert path.encode() not in data, path
    assert not list(first_site.rglob(".goldenbook-print.html"))  # the copy Chromium printed is gone


def test_the_pdf_links_only_to_https_addresses(two_builds):
    (_, site), _ = two_builds
    year = _latest(site)
    uris = _uris((site / f"an-pham/{year}/sach-vang-{year}.pdf").read_bytes())
    assert uris, "the entries link to their pages"
    for uri in uris:
        assert uri.startswith(b"https://"), uri
    assert b"https://baochinhphu.vn/bai-viet" in uris  # a body's https link is kept
    assert SITE_URL.encode() + b"sang-kien/vuon-uom-nong-thon-moi/" in uris  # a body's relative link
    # no other host (//may-chu…), no path outside the site (/etc/passwd); an escaped backslash is a path inside it
    assert {urlsplit(u.decode()).netloc for u in uris} == {"example.org", "baochinhphu.vn"}
    assert not [u for u in uris if not u.startswith(SITE_URL.encode()) and b"baochinhphu" not in u]
    assert not [u for u in uris if b"passwd" in u or b"javascript" in u or b"\\" in u]


def test_without_a_site_address_the_pdf_has_no_link_of_the_site(tmp_path):
    if chromium_path() is None:
        pytest.skip("chromium is not installed")
    repo = _repo(tmp_path / "repo")
    done = build_site(repo, tmp_path / "site", pdf=True, env={"GOLDENBOOK_SITE_URL": None})
    assert done.returncode == 0, done.stderr[-3000:]
    year = _latest(tmp_path / "site")
    data = (tmp_path / "site" / f"an-pham/{year}/sach-vang-{year}.pdf").read_bytes()
    assert b"file:" not in data.lower() and str(tmp_path).encode() not in data
    assert _uris(data) == [b"https://baochinhphu.vn/bai-viet"] * len(_uris(data)) and _uris(data)


@pytest.mark.parametrize("browser", ["fails", "hangs", "missing"])
def test_a_failed_pdf_fails_a_strict_build_and_the_page_says_so(browser, tmp_path):
    repo = make_repo(tmp_path / "repo", with_examples=True)
    env = {"GOLDENBOOK_PDF_TIMEOUT": "3"}
    if browser == "fails":
        env["GOLDENBOOK_CHROMIUM"] = _fake_browser(tmp_path, "echo 'cannot print' >&2; exit 1")
    elif browser == "hangs":
        env["GOLDENBOOK_CHROMIUM"] = _fake_browser(tmp_path, "sleep 600 & sleep 600")
    else:
        env["GOLDENBOOK_CHROMIUM"] = str(tmp_path / "khong-co-chromium")  # named: PATH is not searched
    strict = build_site(repo, tmp_path / "strict", pdf=True, env=env)
    assert strict.returncode != 0
    assert "không tạo được tệp PDF" in strict.stderr and "strict" in strict.stderr, strict.stderr[-2000:]

    done = build_site(repo, tmp_path / "site", pdf=True, env=env, strict=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" in done.stderr and "không tạo được tệp PDF" in done.stderr
    site = tmp_path / "site"
    assert not list(site.rglob("*.pdf")) and not list(site.rglob(".goldenbook-print.html"))
    year = _latest(site)
    html = (site / f"an-pham/{year}/index.html").read_text(encoding="utf-8")
    assert ".pdf" not in html and "data-gb-pdf>" not in html
    assert "Tệp PDF của sách chưa có" in html
    assert 'href="in/"' in html  # the print page is still there
    if browser == "hangs":  # nothing the fake browser started is left running
        assert not [line for line in os.popen("ps -eo args").read().splitlines() if line == "sleep 600"]


def test_pdf_off_on_purpose_says_nothing(tmp_path):
    repo = make_repo(tmp_path / "repo", with_examples=True)
    done = build_site(repo, tmp_path / "site", pdf=False)
    assert done.returncode == 0 and "PDF" not in done.stderr
    year = _latest(tmp_path / "site")
    html = (tmp_path / "site" / f"an-pham/{year}/index.html").read_text(encoding="utf-8")
    assert "data-gb-pdf" not in html and "chưa có" not in html

