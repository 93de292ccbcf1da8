"""Open data, feeds, discovery, citation, images and the print edition (issue 8).

Read from built sites, the way a reuser, a search engine or a printer meets them:

* ``site`` — the example records built as the public site (``public_site``,
  no site address, no PDF);
* ``url_site`` — the example records plus a hostile record (a title that tries
  to close the JSON-LD ``<script>``) and a phone photo carrying EXIF GPS,
  built with ``GOLDENBOOK_SITE_URL`` set (absolute links, Open Graph, share
  links) and with the book's PDF (the only build of the suite that makes one;
  it needs Chromium).

Every output is parsed with the standard library (json, csv, xml.etree,
html.parser) and checked against the records as ``goldenbook.records.scan``
reads them: the data hold exactly the published records, the site's counts,
no private data.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest
import yaml
from PIL import Image

from conftest import ROOT, build_site, chromium_path, make_repo
from goldenbook import vocabulary
from goldenbook.export import CSV_COLUMNS, LICENSE
from goldenbook.site import images as site_images
from goldenbook.site import seo
from goldenbook.text import slugify, sort_key
from test_site import Node, Page, parse

SITE_URL = "https://example.org/sach-vang/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: A record whose title tries to leave every context it is printed in.
HOSTILE_TITLE = 'Sáng kiến </script><script>alert("ld")</script> & <b>đậm</b> "ngoặc"'
GPS_MARKER = b"GPS-SECRET-CAMERA-OWNER"


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def site(public_site: Path) -> Path:
    return public_site


@pytest.fixture(scope="module")
def entries(example_entries):
    return example_entries


@pytest.fixture(scope="module")
def published(published_entries):
    return published_entries


def _phone_photo() -> bytes:
    """A 1600 × 1200 JPEG as a phone writes it: EXIF with GPS, maker, owner; turned a quarter (orientation 6)."""
    image = Image.new("RGB", (1600, 1200), (30, 120, 200))
    for x in range(0, 1600, 100):
        image.paste((250, 200, 40), (x, 0, x + 50, 300))  # stripes at the top: shows which way is up
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x013B] = GPS_MARKER.decode()  # Artist: the owner's name
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 7.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes(), comment=GPS_MARKER)
    return out.getvalue()


def _hostile_record() -> tuple[str, str]:
    data = {
        "kind": "initiative", "title": HOSTILE_TITLE, "field": "y-te", "province": "Hà Nội", "year": 2025,
        "status": "published", "edition": 2025,
        "summary": 'Tóm tắt có </script> và "ngoặc kép" & <i>thẻ</i>.',
        "authors": [{"name": "Nguyễn </script> A"}, {"name": "Trần Thị B"}, {"name": "Lê Văn C"},
                    {"name": "Phạm Thị D"}],
        "nominated_by": "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
        "images": [{"src": "test/anh-dien-thoai.jpg", "alt": "Ảnh chụp </script> bằng điện thoại"}],
        "contact": {"phone": "0999 888 777", "email": "lien-he-bi-mat@example.org"},
    }
    return f"ha-noi/{slugify(HOSTILE_TITLE)}.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def url_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("open-data")
    path, text = _hostile_record()
    repo = make_repo(base / "repo", {path: text}, images={"test/anh-dien-thoai.jpg": _phone_photo()},
                     with_examples=True)
    done = build_site(repo, base / "site", pdf=True, env={"GOLDENBOOK_SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stderr[-3000:]
    site = base / "site"
    site.joinpath(".build-log").write_text(done.stderr, encoding="utf-8")
    return site


def page(site: Path, url: str) -> Page:
    found = Page(site, url)
    assert found.file.is_file(), f"no page at {url!r}"
    return found


def record_pages(site: Path) -> list[str]:
    return sorted(f"{p.parent.parent.name}/{p.parent.name}/" for folder in ("sang-kien", "tap-the")
                  for p in (site / folder).glob("*/index.html") if p.parent.name != "trang")


def json_ld(doc: Node) -> list[dict]:
    blocks = [n for n in doc.iter() if n.tag == "script" and n.get("type") == "application/ld+json"]
    return [json.loads("".join(c for c in b.children if isinstance(c, str))) for b in blocks]


def meta(doc: Node, key: str) -> list[str]:
    return [n.get("content") for n in doc.iter() if n.tag == "meta" and key in (n.get("property"), n.get("name"))]


# ---------------------------------------------------------------- records.json, per-record JSON, CSV

def test_records_json_holds_exactly_the_published_records(site, published):
    data = json.loads((site / "data/records.json").read_text(encoding="utf-8"))
    records = data["records"]
    assert data["license"] == LICENSE
    assert data["count"] == len(records) == len(published)
    assert sorted(r["slug"] for r in records) == sorted(e.slug for e in published)
    in_order = sorted(published, key=lambda e: (sort_key(e.title), e.slug))
    assert [r["slug"] for r in records] == [e.slug for e in in_order]
    # The same number of record pages on the site.
    assert len(record_pages(site)) == len(records)
    by_slug = {e.slug: e for e in published}
    for item in records:
        entry = by_slug[item["slug"]]
        assert item["url"] == f"{'sang-kien' if entry.kind == 'initiative' else 'tap-the'}/{entry.slug}/"
        assert (site / item["url"] / "index.html").is_file()
        assert item["title"] == entry.title and item["status"] == "published"
        assert item["year"] == entry.year and item["edition"] == entry.edition
        assert item["province_current"]["name"] == entry.current.name
        assert item["province_current"]["slug"] == entry.current.slug
        assert (item["province_historic"] or {}).get("slug") == (entry.historic.slug if entry.historic else None)
        assert item["province_as_written"] == entry.record.province
        assert item["summary"] == entry.record.summary
        assert "contact" not in item and "council" not in item
        if entry.kind == "initiative":
            assert item["field"] == entry.record.field and item["field_label"] == vocabulary.FIELDS[entry.record.field]
            assert [a["name"] for a in item["authors"] if "collective" not in a] == \
                [a.name for a in entry.record.authors if getattr(a, "collective", None) is None]
        else:
            assert item["type_label"] == vocabulary.COLLECTIVE_TYPES[entry.record.type]
        for image in item["images"]:
            assert (site / image["src"]).is_file(), image["src"]


def test_records_json_counts_are_the_sites_counts(site, published):
    stats = json.loads((site / "data/records.json").read_text(encoding="utf-8"))["stats"]
    home = page(site, "")
    shown = [int(li.one("strong").text.replace(".", "")) for li in home.main.select("ul.gb-figures--home li")]
    assert shown == [stats[k] for k in ("records", "initiatives", "collectives", "provinces", "fields", "editions")]
    assert stats["records"] == len(published)
    assert stats["initiatives"] == sum(e.kind == "initiative" for e in published)
    assert stats["editions"] == len({e.edition for e in published})
    # Each edition page counts what the data say it holds.
    for year in {e.edition for e in published}:
        count = page(site, f"an-pham/{year}/").main.one("p.gb-lead .gb-count").text
        assert count == f"{sum(e.edition == year for e in published)} hồ sơ"


def test_one_json_file_per_record(site, published):
    records = {r["slug"]: r for r in json.loads((site / "data/records.json").read_text(encoding="utf-8"))["records"]}
    files = sorted(p.relative_to(site / "data").as_posix() for p in (site / "data").glob("*/*.json"))
    assert files == sorted(f"{e.kind}/{e.slug}.json" for e in published)
    for entry in published:
        item = json.loads((site / f"data/{entry.kind}/{entry.slug}.json").read_text(encoding="utf-8"))
        assert item == {"license": LICENSE, **records[entry.slug]}


def test_csv_opens_in_excel_with_vietnamese_text(site, published):
    raw = (site / "data/records.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    assert raw.count(b"\xef\xbb\xbf") == 1
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text  # Windows line ends, as Excel writes them
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(published)
    data = {r["slug"]: r for r in json.loads((site / "data/records.json").read_text(encoding="utf-8"))["records"]}
    for row in rows:
        item = data[row["slug"]]
        # Vietnamese text, commas, quotes and line breaks come back exactly.
        assert row["title"] == item["title"] and row["summary"] == item["summary"]
        assert row["province_current"] == item["province_current"]["name"]
        assert row["year"] == str(item["year"]) and row["url"] == item["url"]
    titles = {row["title"] for row in rows}
    assert "Vườn ươm nông thôn mới" in titles
    # Decoded as Excel's legacy code page would, without the BOM, it would be mojibake: the BOM matters.
    assert "Vườn" not in raw[3:].decode("cp1252", errors="replace")


def test_no_private_data_in_any_data_file(site, entries):
    """Contact details of every example record (published or not) appear in no data file, feed or print page.

    The contact's phone, e-mail and address; not the name, which is often an author's (public) name too.
    """
    secrets = set()
    for entry in entries:
        contact = getattr(entry.record, "contact", None)
        if contact is not None:
            secrets |= {v for k, v in contact.model_dump().items() if k != "name" and isinstance(v, str) and len(v) > 4}
        council = getattr(entry.record, "council", None)
        if council is not None and council.notes:
            secrets.add(council.notes)
    assert secrets, "the example records carry contact details to look for"
    files = [*(site / "data").rglob("*"), site / "feed.xml", site / "sitemap.xml",
             *(site / "an-pham").glob("*/in/index.html")]
    for file in (f for f in files if f.is_file()):
        text = file.read_text(encoding="utf-8")
        for secret in secrets:
            assert secret not in text, (file, secret)
    unpublished = [e.slug for e in entries if e.status != "published"]
    everything = "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file())
    assert unpublished and not [slug for slug in unpublished if f"/{slug}/" in everything or f'"{slug}"' in everything]


# ---------------------------------------------------------------- Atom feed, sitemap

def test_atom_feed_lists_published_records_newest_edition_first(site, url_site, published):
    for folder, base in ((site, ""), (url_site, SITE_URL)):
        feed = ET.fromstring((folder / "feed.xml").read_bytes())
        assert feed.tag == f"{ATOM}feed"
        entries = feed.findall(f"{ATOM}entry")
        editions = [int(e.findtext(f"{ATOM}updated")[:4]) for e in entries]
        assert editions == sorted(editions, reverse=True)
        assert all(e.findtext(f"{ATOM}updated")[4:] == "-09-02T00:00:00Z" for e in entries)
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        hrefs = [e.find(f"{ATOM}link").get("href") for e in entries]
        assert all(h.startswith(base) for h in hrefs)
        for href in hrefs:
            assert (folder / href[len(base):] / "index.html").is_file(), href
        if folder is site:
            assert len(entries) == sum(e.edition is not None for e in published)
            titles = [e.findtext(f"{ATOM}title") for e in entries]
            assert sorted(titles) == sorted(e.title for e in published if e.edition is not None)
            assert feed.findtext(f"{ATOM}updated") == f"{max(editions)}-09-02T00:00:00Z"
        else:
            self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
            assert self_link == [SITE_URL + "feed.xml"]
    # Every page tells feed readers where the feed is.
    home = page(url_site, "")
    alternates = [n for n in home.doc.iter() if n.tag == "link" and n.get("type") == "application/atom+xml"]
    assert [a.get("href") for a in alternates] == ["feed.xml"]


def test_sitemap_lists_every_public_page_and_no_preview_page(url_site, entries):
    sitemap = ET.fromstring((url_site / "sitemap.xml").read_bytes())
    locs = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    pages = {SITE_URL + (p.parent.relative_to(url_site).as_posix() + "/" if p.parent != url_site else "")
             for p in url_site.rglob("index.html")}
    pages = {p.replace(SITE_URL + "./", SITE_URL) for p in pages}
    assert pages - locs == set()
    assert all(loc.startswith(SITE_URL) for loc in locs)
    assert SITE_URL + "du-lieu-mo/" in locs and SITE_URL + "an-pham/2024/in/" in locs
    assert not [loc for loc in locs if "/hoi-dong/" in loc]
    for entry in (e for e in entries if e.status != "published"):
        assert not [loc for loc in locs if loc.endswith(f"/{entry.slug}/")], entry.slug


# ---------------------------------------------------------------- JSON-LD, Open Graph, canonical

def test_every_record_page_has_schema_org_json_ld(site, published):
    by_slug = {e.slug: e for e in published}
    for url in record_pages(site):
        doc = page(site, url).doc
        blocks = json_ld(doc)
        assert len(blocks) == 1, url
        data = blocks[0]
        entry = by_slug[url.split("/")[1]]
        assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
        assert data["name"] == entry.title and data["description"] == entry.record.summary
        assert data["dateCreated"] == str(entry.year)
        authors = data["author"]
        assert authors and all(a["@type"] in ("Person", "Organization") and a["name"] for a in authors)
        if entry.kind == "initiative":
            people = [a.name for a in entry.record.authors if getattr(a, "collective", None) is None]
            assert [a["name"] for a in authors if a["@type"] == "Person"] == people
        place = data["locationCreated"]
        assert place["@type"] == "Place"
        names = {area["name"] for area in place["containedInPlace"]} | {area["alternateName"] for area in
                                                                          place["containedInPlace"]}
        assert entry.current.full_name in names and entry.current.name in names
        if entry.historic is not None:
            assert entry.historic.full_name in names
        assert place["address"]["addressRegion"] == entry.current.name
        if entry.edition is not None:
            assert data["isPartOf"]["name"] == f"Sách vàng Sáng tạo Việt Nam {entry.edition}"
            assert "Book" in data["isPartOf"]["@type"]
        assert "url" not in data  # no site address in this build: no absolute URL to give
        if entry.record.images:
            target = page(site, url).target(data["image"])
            assert (site / target).is_file()


def test_a_hostile_title_cannot_leave_the_json_ld_script(url_site):
    url = f"sang-kien/{slugify(HOSTILE_TITLE)}/"
    html = (url_site / url / "index.html").read_text(encoding="utf-8")
    head = re.sub(r"<title>.*?</title>", "", html[:html.index("</head>")], flags=re.S)  # the theme's <title>
    # The head's own output (Open Graph, Twitter card, JSON-LD, description) opened no script.
    assert "<script>alert" not in head and 'content="Tóm tắt có </script>' not in head
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = html[start:html.index("</script>", start)]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)  # the whole block, up to the first </script>, is the JSON
    assert data["name"] == HOSTILE_TITLE
    assert data["author"][0]["name"] == "Nguyễn </script> A"
    assert data["url"] == SITE_URL + url and data["image"].startswith(SITE_URL + "images/_r/")
    doc = parse(html)
    assert json_ld(doc) == [data]
    # Meta attributes are escaped: the parser reads the title back whole.
    assert meta(doc, "og:title") == [HOSTILE_TITLE] and meta(doc, "twitter:title") == [HOSTILE_TITLE]
    assert meta(doc, "og:image:alt") == ["Ảnh chụp </script> bằng điện thoại"]
    summary = 'Tóm tắt có </script> và "ngoặc kép" & <i>thẻ</i>.'
    assert meta(doc, "description") == meta(doc, "og:description") == [summary]


def test_seo_script_json_is_inert_and_round_trips():
    hostile = {"a": "</script><script>x()</script>", "b": "<!-- & -->", "c": "\u2028\u2029", "d": "Việt"}
    text = seo.script_json(hostile)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == hostile


def test_open_graph_twitter_card_and_canonical(url_site):
    for url in record_pages(url_site):
        doc = page(url_site, url).doc
        canonical = [n.get("href") for n in doc.iter() if n.tag == "link" and n.get("rel") == "canonical"]
        assert canonical == [SITE_URL + url], url  # Material's, once
        assert meta(doc, "og:url") == canonical
        assert meta(doc, "og:type") == ["article"] and meta(doc, "og:locale") == ["vi_VN"]
        assert len(meta(doc, "og:title")) == 1 and meta(doc, "og:description")
        [image] = meta(doc, "og:image")
        assert image.startswith(SITE_URL)
        file = url_site / image[len(SITE_URL):]
        assert file.is_file(), image
        with Image.open(file) as picture:
            assert [picture.width, picture.height] == [int(meta(doc, "og:image:width")[0]),
                                                       int(meta(doc, "og:image:height")[0])]
        has_photo = bool(page(url_site, url).main.select("section.gb-images img"))
        assert ("/images/_r/" in image) == has_photo, url
        if not has_photo:
            assert image == SITE_URL + "assets/card.png"
        assert meta(doc, "twitter:card") == ["summary_large_image"]


# ---------------------------------------------------------------- cite and share

def test_cite_block_in_vietnamese_style(site, url_site):
    block = page(site, "sang-kien/vuon-uom-nong-thon-moi/").main.one("section.gb-cite")
    assert block.one("h2").text == "Trích dẫn"
    assert block.one("p.gb-cite__text").text == (
        "Ủy ban MTTQ thị xã Điện Bàn (2024). “Vườn ươm nông thôn mới”. Trong: Sách vàng Sáng tạo Việt Nam 2024. "
        "Hà Nội: NXB Khoa học và Kỹ thuật.")
    assert block.one("button[data-gb-copy]").get("hidden") is not None  # shown by share.js when it can copy
    # With the site's address: the citation ends with the page's address.
    hostile = page(url_site, f"sang-kien/{slugify(HOSTILE_TITLE)}/").main.one("p.gb-cite__text").text
    assert hostile == (f"Nguyễn </script> A, Trần Thị B, Lê Văn C và cộng sự (2025). “{HOSTILE_TITLE}”. "
                       f"Trong: Sách vàng Sáng tạo Việt Nam 2025. Hà Nội: NXB Khoa học và Kỹ thuật. "
                       f"{SITE_URL}sang-kien/{slugify(HOSTILE_TITLE)}/")
    collective = page(url_site, "tap-the/uy-ban-mttq-thi-xa-dien-ban/").main.one("p.gb-cite__text").text
    assert collective.startswith("Ủy ban Trung ương MTTQ Việt Nam (")


def test_share_links_need_no_third_party_script(site, url_site):
    url = "sang-kien/vuon-uom-nong-thon-moi/"
    shared = page(url_site, url)
    block = shared.main.one("section.gb-share")
    assert block.get("hidden") is None
    links = {a.get("data-network"): a.get("href") for a in block.select("a[href]")}
    assert set(links) == {"facebook", "x", "email"}
    assert parse_qs(urlsplit(links["facebook"]).query)["u"] == [SITE_URL + url]
    assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    query = parse_qs(urlsplit(links["x"]).query)
    assert query["url"] == [SITE_URL + url] and query["text"] == ["Vườn ươm nông thôn mới"]
    assert links["email"].startswith("mailto:?subject=")
    assert block.one("button[data-gb-native-share]").get("hidden") is not None  # Web Share API: script only
    scripts = [n.get("src") for n in shared.doc.iter() if n.tag == "script" and n.get("src")]
    assert scripts and all(not s.startswith(("http:", "https:", "//")) for s in scripts)
    assert "assets/share.js" in " ".join(scripts)
    # Without the site's address the links wait for the page's own (share.js), hidden until then.
    local = page(site, url).main.one("section.gb-share")
    assert local.get("hidden") is not None and local.get("data-gb-pending") is not None
    assert all("%7Burl%7D" in a.get("href") for a in local.select("a[href]"))


# ---------------------------------------------------------------- images

def _srcset(img: Node) -> list[tuple[str, int]]:
    out = []
    for candidate in img.get("srcset").split(","):
        href, width = candidate.split()
        out.append((href, int(width.rstrip("w"))))
    return out


def test_record_photos_are_responsive_lazy_and_metadata_free(site, published):
    seen = 0
    for entry in (e for e in published if e.record.images):
        shown = page(site, f"{'sang-kien' if entry.kind == 'initiative' else 'tap-the'}/{entry.slug}/")
        figures = shown.main.select("section.gb-images figure")
        assert len(figures) == len(entry.record.images)
        for figure, image in zip(figures, entry.record.images):
            link = figure.one("a.gb-image")
            assert shown.target(link.get("href")) == f"images/{image.src}"
            source = ROOT / "images" / image.src
            # Even a photo without metadata is decoded and written anew (tests/test_hostile_images.py).
            with Image.open(source) as before, Image.open(site / "images" / image.src) as after:
                assert before.size == after.size and not after.getexif() and "icc_profile" not in after.info
            img = link.one("img")
            assert img.get("loading") == "lazy" and img.get("decoding") == "async" and img.get("sizes")
            with Image.open(source) as original:
                widths = site_images.variant_widths(original.width)
                ratio = original.height / original.width
            candidates = _srcset(img)
            assert [w for _, w in candidates] == widths  # never wider than the original
            for href, width in candidates:
                file = site / shown.target(href)
                assert file.is_file() and shown.target(href).startswith("images/_r/")
                data = file.read_bytes()
                with Image.open(file) as variant:
                    assert variant.width == width and abs(variant.height - round(width * ratio)) <= 1
                    assert not variant.getexif() and "exif" not in variant.info and "comment" not in variant.info
                assert b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data
            with Image.open(site / shown.target(img.get("src"))) as fallback:
                assert [int(img.get("width")), int(img.get("height"))] == [fallback.width, fallback.height]
            seen += 1
    assert seen >= 5


def test_a_phone_photo_loses_its_gps_but_stays_upright(url_site):
    photo = _phone_photo()
    assert GPS_MARKER in photo
    published = (url_site / "images/test/anh-dien-thoai.jpg").read_bytes()
    assert GPS_MARKER not in published and b"PhoneMaker" not in published
    with Image.open(io.BytesIO(published)) as image:
        assert not image.getexif() and b"Exif" not in published  # turned upright, so no orientation is needed
        assert image.size == (1200, 1600)
    shown = page(url_site, f"sang-kien/{slugify(HOSTILE_TITLE)}/")
    img = shown.main.one("section.gb-images img")
    for href, width in _srcset(img):
        data = (url_site / shown.target(href)).read_bytes()
        assert GPS_MARKER not in data and b"Exif" not in data and b"PhoneMaker" not in data
        with Image.open(io.BytesIO(data)) as variant:
            assert variant.height > variant.width  # turned upright (1200 × 1600)
            assert variant.width == width and not variant.getexif()
            # Orientation 6: the camera's top edge (the stripes) is on the right once upright.
            assert variant.getpixel((2, variant.height // 2))[2] > 150
            right = [variant.getpixel((variant.width - 3, y))[2] for y in range(0, variant.height, 4)]
            assert min(right) < 100 and max(right) > 150
    assert [w for _, w in _srcset(img)] == [480, 960, 1200]


def test_image_variants_are_cached_by_content(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(_phone_photo())
    shutil.copy(folder / "a.jpg", folder / "b.jpg")  # the same photo twice
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an image")
    cache = tmp_path / "cache"
    first = site_images.prepare_all(folder, ["a.jpg", "b.jpg", "broken.jpg"], cache)
    assert first["a.jpg"].variants == first["b.jpg"].variants  # one set of files for both
    assert first["broken.jpg"].variants == () and first["broken.jpg"].problem.code == "image-unreadable"
    assert first["broken.jpg"].original is None  # nothing to publish: the build stops at the record
    stamps = {p: p.stat().st_mtime_ns for p in cache.rglob("*.jpg")}
    again = site_images.prepare_all(folder, ["a.jpg", "b.jpg", "broken.jpg"], cache)
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.jpg")} == stamps  # nothing redone
    assert site_images.variant_widths(360) == [360]
    assert site_images.variant_widths(1200) == [480, 960, 1200]
    assert site_images.variant_widths(4000) == [480, 960, 1440]
    assert site_images.variant_widths(960) == [480, 960]


# ---------------------------------------------------------------- the print edition

def _book_order(published, year):
    """Initiatives by field (the vocabulary's order), then collectives; each group by Vietnamese title."""
    entries = sorted((e for e in published if e.edition == year), key=lambda e: (sort_key(e.title), e.slug))
    fields = list(vocabulary.FIELDS)
    initiatives = sorted((e for e in entries if e.kind == "initiative"), key=lambda e: fields.index(e.record.field))
    return initiatives + [e for e in entries if e.kind == "collective"]


def test_print_edition_is_laid_out_as_the_book(site, published):
    years = sorted({e.edition for e in published})
    assert years
    for year in years:
        book = page(site, f"an-pham/{year}/in/")
        expected = _book_order(published, year)
        cover = book.main.one("section.gb-book__cover")
        assert cover.one("h1").text == f"Sách vàng Sáng tạo Việt Nam {year}"
        assert cover.one("p.gb-book__publisher").text == f"Nhà xuất bản Khoa học và Kỹ thuật · Hà Nội, {year}"
        assert cover.one("p.gb-book__editor").text == "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
        # Entries: every one of the edition, once, numbered 1…N in book order.
        articles = book.main.select("article.gb-book__entry")
        assert [a.get("data-slug") for a in articles] == [e.slug for e in expected]
        assert [a.get("data-number") for a in articles] == [str(n) for n in range(1, len(expected) + 1)]
        assert [a.get("id") for a in articles] == [f"muc-{n}" for n in range(1, len(expected) + 1)]
        for article, entry in zip(articles, expected):
            assert article.one("h2.gb-book__entry-title").text == entry.title
            assert entry.current.name in article.one("p.gb-book__place").text
            if entry.historic is not None:
                assert entry.historic.name in article.one("p.gb-book__place").text
            assert article.one("p.gb-book__summary").text == entry.record.summary
            if entry.kind == "initiative":
                for author in entry.record.authors:
                    if getattr(author, "collective", None) is None:
                        assert author.name in article.one("p.gb-book__authors").text
            if entry.record.images:
                assert article.one("figure.gb-book__photo img").get("alt") == entry.record.images[0].alt
                assert article.one("figure.gb-book__photo img").get("loading") is None  # eager: all of it prints
        # Contents, twice: by field and by province, every entry once in each, with its number.
        for part in ("field", "province"):
            toc = book.main.one(f"section.gb-book__toc-part[data-toc={part}]")
            items = [(li.get("value"), li.one("a").get("href"), li.one("a").text) for li in toc.select("li")]
            assert sorted(items, key=lambda i: int(i[0])) == [
                (str(n), f"#muc-{n}", e.title) for n, e in enumerate(expected, start=1)]
        by_field = book.main.one("section.gb-book__toc-part[data-toc=field]")
        assert [li.get("value") for li in by_field.select("li")] == [str(n) for n in range(1, len(expected) + 1)]
        by_province = book.main.one("section.gb-book__toc-part[data-toc=province]")
        headings = [h.text for h in by_province.select("h4")]
        assert headings == sorted({e.current.full_name for e in expected},
                                  key=lambda name: sort_key(next(e.current.name for e in expected
                                                                 if e.current.full_name == name)))
        # The edition page leads to its print edition.
        edition = page(site, f"an-pham/{year}/")
        assert "an-pham/%d/in/" % year in edition.links().values()
        assert not edition.main.select("span.gb-edition-links__pdf")  # no PDF in this build


def test_print_stylesheet_makes_an_a4_book_and_only_print_pages_link_it(site):
    css = (site / "assets/print.css").read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", css)
    assert "size: A4" in flat and "counter(page)" in flat and "@bottom-center" in flat
    assert re.search(r"\.gb-book__entry \{[^}]*break-before: page", flat)
    assert re.search(r"\.md-header[^{]*\{ display: none !important; \}", flat)
    year = max(int(p.name) for p in (site / "an-pham").iterdir() if p.name.isdigit())
    for url, linked in ((f"an-pham/{year}/in/", True), (f"an-pham/{year}/", False), ("", False),
                        ("sang-kien/vuon-uom-nong-thon-moi/", False)):
        sheets = [n.get("href") for n in page(site, url).doc.iter() if n.tag == "link" and n.get("rel") == "stylesheet"]
        assert any(s.endswith("assets/print.css") for s in sheets) == linked, url


# ---------------------------------------------------------------- the open data page

def test_open_data_page_explains_every_field(site):
    data_page = page(site, "du-lieu-mo/")
    text = data_page.main.text
    records = json.loads((site / "data/records.json").read_text(encoding="utf-8"))
    keys = {"count", "stats", "license"} | {k for r in records["records"] for k in r} | set(records["stats"])
    codes = {n.text for n in data_page.main.select("code")}
    assert keys - codes == set(), "fields of records.json the page does not explain"
    assert set(CSV_COLUMNS) - codes == set(), "CSV columns the page does not explain"
    for target in ("data/records.json", "data/records.csv", "feed.xml", "schema/record.schema.json"):
        assert target in data_page.links().values() and data_page.exists(target)
    assert "CC BY 4.0" in text and "tạm thời" in text and "UTF-8 có BOM" in text
    # In the navigation under «Giới thiệu».
    nav = [a for a in data_page.doc.select("nav.md-nav a.md-nav__link")
           if data_page.target(a.get("href")) == "du-lieu-mo/"]
    assert nav
    shown = [int(li.one("strong").text.replace(".", "")) for li in data_page.main.select("ul.gb-figures li")]
    assert shown[0] == records["count"]


# ---------------------------------------------------------------- the book's PDF (the suite's only PDF build)

def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_the_build_makes_the_latest_editions_pdf(url_site):
    if chromium_path() is None:
        pytest.skip("chromium is not installed: the build makes no PDF (and must still succeed)")
    years = sorted(int(p.name) for p in (url_site / "an-pham").iterdir() if p.name.isdigit())
    latest = years[-1]
    pdf = url_site / f"an-pham/{latest}/sach-vang-{latest}.pdf"
    assert pdf.is_file(), (url_site / ".build-log").read_text(encoding="utf-8")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    entries = len(page(url_site, f"an-pham/{latest}/in/").main.select("article.gb-book__entry"))
    assert _pdf_pages(data) >= entries + 2  # cover, contents, one page or more per entry
    assert f"D:{latest}0902000000".encode() in data  # dated by the edition, not the build's clock
    assert b"file://" not in data  # no link to the build machine's files
    assert f"/URI ({SITE_URL}sang-kien/".encode() in data  # entries link their pages by the public address
    edition = page(url_site, f"an-pham/{latest}/")
    [link] = edition.main.select("span.gb-edition-links__pdf a")
    assert edition.target(link.get("href")) == f"an-pham/{latest}/sach-vang-{latest}.pdf"
    for year in years[:-1]:  # one PDF: the latest edition's
        assert not list((url_site / f"an-pham/{year}").glob("*.pdf"))
        assert not page(url_site, f"an-pham/{year}/").main.select("span.gb-edition-links__pdf")


# A failed PDF (a warning that --strict turns into a failure, and the edition page says so): tests/test_pdf.py


# ---------------------------------------------------------------- in the browser

def _context(browser, base: str, **options):
    context = browser.new_context(locale="vi-VN", **options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return context


@pytest.mark.browser
def test_the_print_page_prints_as_an_a4_book(public_site, serve, browser, artifacts):
    """Chromium's own "Print to PDF" of the print page: cover, contents, one page or more per entry."""
    base = serve(public_site)
    year = max(int(p.name) for p in (public_site / "an-pham").iterdir() if p.name.isdigit())
    context = _context(browser, base, viewport={"width": 1000, "height": 1200})
    page = context.new_page()
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base + f"an-pham/{year}/in/", wait_until="load")
    page.wait_for_function("Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)")
    entries = page.locator("article.gb-book__entry").count()
    assert entries == len(Page(public_site, f"an-pham/{year}/in/").main.select("article.gb-book__entry")) > 0
    page.screenshot(path=str(artifacts / "print-edition-screen.png"))
    pdf = page.pdf(format="A4")
    (artifacts / f"print-edition-{year}.pdf").write_bytes(pdf)
    assert _pdf_pages(pdf) >= entries + 2
    # In print, the site's chrome is gone and each entry starts a page.
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-footer", ".md-sidebar--primary", ".gb-book__tools"):
        assert page.locator(chrome).first.is_hidden(), chrome
    breaks = page.eval_on_selector_all("article.gb-book__entry", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page"] * entries
    assert not failures, failures
    context.close()


@pytest.mark.browser
def test_cite_and_share_on_a_phone(public_site, serve, browser, artifacts):
    """Without the site's address in the build, share.js completes the citation and the share links."""
    base = serve(public_site)
    url = "sang-kien/vuon-uom-nong-thon-moi/"
    context = _context(browser, base, viewport={"width": 390, "height": 844}, device_scale_factor=1,
                       is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + url, wait_until="load")
    cite = page.locator("[data-gb-cite-text]")
    page.wait_for_function("document.querySelector('[data-gb-url]').textContent.trim().length > 0")
    assert cite.inner_text().endswith(base + url)
    share = page.locator("section.gb-share")
    assert share.is_visible()
    facebook = share.locator("a[data-network=facebook]").get_attribute("href")
    assert parse_qs(urlsplit(facebook).query)["u"] == [base + url]
    copy = page.locator("button[data-gb-copy]")
    assert copy.is_visible()
    copy.click()
    page.wait_for_function("document.querySelector('.gb-cite__status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Ủy ban MTTQ thị xã Điện Bàn (2024). “Vườn ươm nông thôn mới”.") and copied.endswith(url)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 391
    page.locator("section.gb-cite").scroll_into_view_if_needed()
    page.locator("section.gb-cite").screenshot(path=str(artifacts / "record-cite-share-phone.png"))
    assert not errors, errors
    context.close()


def _page_weight_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("page_weight", ROOT / "scripts/page_weight.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
def test_a_record_page_is_light_on_a_phone(public_site, serve, browser, artifacts):
    """What a 390 px phone downloads for a record page with its photo (scripts/page_weight.py)."""
    weight = _page_weight_module()
    base = serve(public_site)
    url = "sang-kien/vuon-uom-nong-thon-moi/"
    results = [weight.measure(browser, base, url, dpr) for dpr in (1, 3)]
    (artifacts / "page-weight.txt").write_text(weight.report(results, url) + "\n", encoding="utf-8")
    one, three = results
    images = [u for u in three.whole_page if u.endswith(".jpg")]
    assert images and all("/images/_r/" in u for u in images)  # a resized copy, never the original
    # the record's photo and the related records' card thumbnails, each the narrowest copy at DPR 1
    assert {u.rsplit("-", 1)[-1] for u in one.whole_page if u.endswith(".jpg")} == {"480.jpg"}
    assert weight.Weight.total(three.whole_page) < 200_000


# ---------------------------------------------------------------- written a file at a time

def test_open_data_made_file_by_file_is_the_whole_documents(example_entries):
    """The open data is made one record at a time (100,000 records never stand in memory at once);
    what comes out is exactly the documents made from every record together."""
    from goldenbook import export
    from goldenbook.catalog import build_catalog
    from goldenbook.site import urls
    from goldenbook.site.plan import data_files

    for preview in (False, True):
        catalog = build_catalog(example_entries, preview=preview)
        made = {path: content if isinstance(content, bytes) else b"".join(content)
                for path, content in data_files(catalog, SITE_URL)}
        items = [export.record_data(entry, catalog, urls.record(entry)) for entry in catalog.entries]
        assert made.pop("data/records.json") == export.records_json(items, catalog)
        assert made.pop("data/records.csv") == export.records_csv(items)
        assert made.pop("feed.xml").startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed')
        assert json.loads(made.pop("data/stats.json"))["records"] == len(catalog.entries)  # tests/test_stats.py
        assert made.pop("data/stats.csv").startswith(b"chart,key,label,count,total\n")
        assert made == {f"data/{item['kind']}/{item['slug']}.json": export.record_json(item) for item in items}
        whole = json.loads(export.records_json(items, catalog))
        assert whole["count"] == len(items) == len(whole["records"]) > 0
