"""The public website, read from the built HTML of the example records (issue 3).

The site is built once per session by the ``public_site`` fixture, exactly as a
person builds it (``mkdocs build --strict`` in a subprocess), so every test
below also proves that the strict build of the example records succeeds.

The tests follow the issue item by item: a record page and everything it
shows; collective pages; the province index (34 current pages, 63 historic
ones, the regions, the Vietnamese order, the tile map); field, edition and kind
indexes; the home page; Vietnamese throughout; the navigation; and what must
never be published (unpublished records, contact details).

Expected values come from the example records in ``initiatives/`` (quoted
here so a reader sees what a page must say) and, for whole-site checks, from
reading the records with ``goldenbook.records.scan``.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from goldenbook.provinces import load_register
from goldenbook.site import format as fmt
from goldenbook.text import sort_key
from goldenbook.vocabulary import FIELDS

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- a small DOM over html.parser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = re.compile(r"\s+")


@dataclass(eq=False)
class Node:
    """An element of a parsed page: enough of a DOM to read what a reader sees."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node | str
    parent: "Node | None" = field(default=None, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    @property
    def text(self) -> str:
        """The element's text with white space collapsed, as a reader sees it."""
        return self.text_without()

    def text_without(self, *classes: str) -> str:
        """The text, leaving out elements with any of ``classes``."""
        parts: list[str] = []
        skip = set(classes)

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style") and not (skip & child.classes):
                    walk(child)

        walk(self)
        return _SPACE.sub(" ", "".join(parts)).strip()

    def select(self, selector: str) -> list["Node"]:
        """A small CSS subset: compounds of ``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=value]``,
        joined by spaces (descendant combinator), e.g. ``section.gb-authors a[href]``."""
        steps = [_compound(part) for part in selector.split()]
        found = [self]
        for step in steps:
            seen: dict[int, Node] = {}
            for base in found:
                for node in base.iter():
                    if step(node):
                        seen.setdefault(id(node), node)
            found = list(seen.values())
        return found

    def one(self, selector: str) -> "Node":
        found = self.select(selector)
        assert len(found) == 1, f"expected one {selector!r}, found {len(found)}"
        return found[0]


_COMPOUND = re.compile(r"([a-z0-9]+)|\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:=\"?([^\]\"]*)\"?)?\]")


def _compound(text: str):
    tag, classes, ident, attrs = None, set(), None, []
    position = 0
    for match in _COMPOUND.finditer(text):
        assert match.start() == position, f"unsupported selector {text!r}"
        position = match.end()
        if match.group(1):
            tag = match.group(1)
        elif match.group(2):
            classes.add(match.group(2))
        elif match.group(3):
            ident = match.group(3)
        else:
            attrs.append((match.group(4), match.group(5)))
    assert position == len(text), f"unsupported selector {text!r}"

    def test(node: Node) -> bool:
        return ((tag is None or node.tag == tag) and classes <= node.classes
                and (ident is None or node.get("id") == ident)
                and all(name in node.attrs and (value is None or node.attrs[name] == value)
                        for name, value in attrs))
    return test


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Page:
    """A built page: its site-relative URL, its file and its parsed document."""

    site: Path
    url: str  # "sang-kien/vuon-uom-nong-thon-moi/" ("" for the home page)

    @property
    def file(self) -> Path:
        return self.site / self.url if self.url.endswith(".html") else self.site / self.url / "index.html"

    @cached_property
    def html(self) -> str:
        return self.file.read_text(encoding="utf-8")

    @cached_property
    def doc(self) -> Node:
        return parse(self.html)

    @cached_property
    def main(self) -> Node:
        """The page's content (Material's article), without header, navigation or footer."""
        return self.doc.one("article.md-content__inner")

    def target(self, href: str) -> str:
        """The site-relative URL a relative link on this page leads to."""
        assert not href.startswith(("/", "http:", "https:")), f"{self.url}: link {href!r} is not relative"
        path = href.split("#", 1)[0]
        joined = posixpath.normpath(posixpath.join("/" + self.url, path)).lstrip("/")
        joined = "" if joined == "." else joined
        return joined + "/" if path.endswith("/") and joined else joined

    def links(self, scope: Node | None = None) -> dict[str, str]:
        """Link text → target URL for every relative link in ``scope`` (default: the content)."""
        return {a.text: self.target(a.get("href")) for a in (scope or self.main).select("a[href]")
                if not a.get("href").startswith(("http:", "https:", "#", "mailto:"))}

    def exists(self, target: str) -> bool:
        path = self.site / target
        return (path / "index.html").is_file() if target.endswith("/") or target == "" else path.is_file()


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def site(public_site: Path) -> Path:
    return public_site


@pytest.fixture(scope="module")
def pages(site: Path):
    cache: dict[str, Page] = {}

    def get(url: str) -> Page:
        if url not in cache:
            page = Page(site, url)
            assert page.file.is_file(), f"no page at {url!r}"
            cache[url] = page
        return cache[url]
    return get


@pytest.fixture(scope="module")
def records(example_entries):
    """The example records as the project reads them (every status)."""
    return example_entries


@pytest.fixture(scope="module")
def published(published_entries):
    return published_entries


@pytest.fixture(scope="module")
def register():
    return load_register()


def facts(page: Page) -> dict[str, Node]:
    """The record's fact list: label (dt) → value (dd)."""
    dl = page.main.one("dl.gb-facts")
    items = [n for n in dl.children if isinstance(n, Node)]
    out = {}
    for dt, dd in zip(items[::2], items[1::2]):
        assert (dt.tag, dd.tag) == ("dt", "dd")
        out[dt.text] = dd
    return out


def card_slugs(scope: Node) -> list[str]:
    return [li.get("data-slug") for li in scope.select("li.gb-card")]


def html_files(site: Path, *, with_404: bool = False) -> list[Path]:
    """Every built HTML page (the 404 page, served at any depth, uses absolute links: left out)."""
    return sorted(p for p in site.rglob("*.html") if with_404 or p != site / "404.html")


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


# ---------------------------------------------------------------- formatting (goldenbook.site.format)

@pytest.mark.parametrize("value, text", [
    (0, "0"), (95, "95"), (1200, "1.200"), (12000, "12.000"), (1234567, "1.234.567"), (2.5, "2,5"), (3.0, "3"),
])
def test_number_groups_thousands_with_dots_and_marks_decimals_with_a_comma(value, text):
    assert fmt.number(value) == text


@pytest.mark.parametrize("value, text", [
    (2_800_000_000, "2,8 tỷ đồng"),
    (6_000_000_000, "6 tỷ đồng"),
    (1_000_000_000, "1 tỷ đồng"),
    (12_345_000_000, "12,3 tỷ đồng"),
    (350_000_000, "350 triệu đồng"),
    (1_250_000, "1,3 triệu đồng"),  # rounds half up, like a person would
    (500_000, "500.000 đồng"),
    (0, "0 đồng"),
])
def test_money_is_written_in_ty_and_trieu_dong(value, text):
    assert fmt.money(value) == text


@pytest.mark.parametrize("value, text", [
    (date(2026, 11, 22), "22/11/2026"), (date(2024, 8, 2), "02/08/2024"), (date(2025, 7, 1), "01/07/2025"),
])
def test_day_is_dd_mm_yyyy(value, text):
    assert fmt.day(value) == text


def test_year_or_day():
    assert fmt.year_or_day(2022) == "2022"
    assert fmt.year_or_day(date(2024, 10, 1)) == "01/10/2024"


# ---------------------------------------------------------------- 1. a page for every published record

def test_every_published_record_has_a_page_at_its_slug_and_nothing_else_does(site, published):
    initiatives = {e.slug for e in published if e.kind == "initiative"}
    collectives = {e.slug for e in published if e.kind == "collective"}
    assert len(initiatives) == 21 and len(collectives) == 6  # the example records
    built_initiatives = {p.parent.name for p in (site / "sang-kien").glob("*/index.html")} - {"trang"}
    built_collectives = {p.parent.name for p in (site / "tap-the").glob("*/index.html")} - {"trang"}
    assert built_initiatives == initiatives
    assert built_collectives == collectives


def test_initiative_page_shows_title_summary_and_body(pages):
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    article = page.main.one("article.gb-record")
    assert article.one("h1").text == "Vườn ươm nông thôn mới"
    english = article.one(".gb-title-en")
    assert english.text == "New-countryside community tree nursery"
    assert english.get("lang") == "en"
    assert article.one(".gb-summary").text.startswith(
        "Mô hình vườn ươm cây giống do người dân tự quản, cung cấp cây xanh, cây bóng mát và hoa")
    body = article.one(".gb-body")
    assert [h.text for h in body.select("h2")] == ["Bối cảnh", "Giải pháp", "Kết quả"]
    assert "Ban Công tác Mặt trận vận động hộ dân góp đất" in body.text
    assert page.doc.one("title").text.startswith("Vườn ươm nông thôn mới")


def test_initiative_page_links_its_collective_author(pages):
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    authors = page.main.one("section.gb-authors")
    assert authors.one("h2").text == "Tác giả"
    link = authors.one("a")
    assert link.text == "Ủy ban MTTQ thị xã Điện Bàn"
    assert page.target(link.get("href")) == "tap-the/uy-ban-mttq-thi-xa-dien-ban/"
    assert page.exists("tap-the/uy-ban-mttq-thi-xa-dien-ban/")
    assert "(tập thể)" in authors.text


def test_initiative_page_lists_people_with_role_organisation_and_share(pages):
    page = pages("sang-kien/thuyet-minh-di-tich-bang-ma-qr-da-ngon-ngu/")
    items = [li.text for li in page.main.select("section.gb-authors li")]
    assert items == ["Lê Thị Y, Chủ nhiệm sáng kiến — Đoàn Thanh niên (minh họa) (60%)",
                     "Trương Văn X, Đồng tác giả (40%)"]


def test_province_is_told_as_it_was_and_as_it_is_now(pages):
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    place = facts(page)["Tỉnh, thành phố"]
    assert place.text == "Quảng Nam — nay thuộc thành phố Đà Nẵng (từ 01/07/2025)"
    assert page.links(place) == {"Quảng Nam": "tinh-thanh/truoc-2025/quang-nam/", "Đà Nẵng": "tinh-thanh/da-nang/"}
    assert all(page.exists(target) for target in page.links(place).values())


def test_renamed_province_says_nay_la(pages):
    page = pages("sang-kien/thuyet-minh-di-tich-bang-ma-qr-da-ngon-ngu/")
    place = facts(page)["Tỉnh, thành phố"]
    assert place.text == "Thừa Thiên Huế — nay là thành phố Huế (từ 01/01/2025)"  # Nghị quyết 175/2024/QH15
    assert page.links(place) == {"Thừa Thiên Huế": "tinh-thanh/truoc-2025/thua-thien-hue/",
                                 "Huế": "tinh-thanh/hue/"}


def test_unchanged_province_is_named_once(pages):
    page = pages("sang-kien/cau-treo-dan-sinh-ket-cau-thep-lap-ghep/")  # Hà Tĩnh, 2023
    place = facts(page)["Tỉnh, thành phố"]
    assert place.text == "Hà Tĩnh"
    assert page.links(place) == {"Hà Tĩnh": "tinh-thanh/ha-tinh/"}


def test_a_province_merged_under_its_own_name_is_marked_old(pages):
    # Hồ Chí Minh 2025 (before the merger with Bình Dương and Bà Rịa – Vũng Tàu): not "X — nay thuộc X".
    page = pages("sang-kien/tram-sac-xe-may-dien-dung-nang-luong-mat-troi-tai-chung-cu/")
    place = facts(page)["Tỉnh, thành phố"]
    assert place.text == "Hồ Chí Minh (cũ) — nay thuộc thành phố Hồ Chí Minh (từ 01/07/2025)"
    assert [page.target(a.get("href")) for a in place.select("a")] == \
        ["tinh-thanh/truoc-2025/ho-chi-minh/", "tinh-thanh/ho-chi-minh/"]


def test_award_decision_is_not_doubled(pages):
    page = pages("sang-kien/phan-mem-quan-ly-ho-so-suc-khoe-nguoi-cao-tuoi-tai-tram-y-te-xa/")
    assert facts(page)["Giải thưởng"].text == \
        "Giải Nhì — Hội thi Sáng tạo kỹ thuật thành phố Hà Nội (2018); Quyết định số 01/QĐ-BTC"


def test_initiative_page_facts(pages):
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    shown = facts(page)
    assert shown["Địa phương"].text == "Thị xã Điện Bàn"
    assert shown["Lĩnh vực"].text == "Nông nghiệp, nông thôn"
    assert page.links(shown["Lĩnh vực"]) == {"Nông nghiệp, nông thôn": "linh-vuc/nong-nghiep/"}
    assert shown["Năm công nhận"].text == "2023"
    assert page.links(shown["Ấn phẩm"]) == {"Sách vàng Sáng tạo Việt Nam 2024": "an-pham/2024/"}
    assert shown["Giải thưởng"].text == \
        "Giải Nhì — Hội thi Mô hình hay xây dựng nông thôn mới tỉnh Quảng Nam (2023)"
    assert shown["Phạm vi áp dụng"].text == "Cấp huyện"
    assert shown["Áp dụng từ"].text == "2022"
    assert shown["Đơn vị đề cử"].text == "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam"
    for target in [*page.links(shown["Lĩnh vực"]).values(), *page.links(shown["Ấn phẩm"]).values()]:
        assert page.exists(target)


@pytest.mark.parametrize("slug, figures, scope", [
    ("vuon-uom-nong-thon-moi", ["12.000 người hưởng lợi"], "Cấp huyện"),
    ("tram-sac-xe-may-dien-dung-nang-luong-mat-troi-tai-chung-cu",
     ["1.100 người hưởng lợi", "250 triệu đồng giá trị làm lợi"], "Cấp xã"),
    ("lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu",
     ["150 người hưởng lợi", "1,2 tỷ đồng giá trị làm lợi"], "Cấp huyện"),
    ("nhan-giong-dua-sap-bang-nuoi-cay-phoi-quy-mo-hop-tac-xa",
     ["260 người hưởng lợi", "4,5 tỷ đồng giá trị làm lợi"], "Cấp huyện"),
    ("cau-treo-dan-sinh-ket-cau-thep-lap-ghep", ["3.500 người hưởng lợi", "6 tỷ đồng giá trị làm lợi"], None),
    ("thu-hoi-nhiet-khi-thai-lo-nung-de-say-gom-moc", ["1,8 tỷ đồng giá trị làm lợi"], "Cấp tỉnh"),
    ("phong-thi-nghiem-hoa-hoc-ao-cho-hoc-sinh-trung-hoc-pho-thong", ["15.000 người hưởng lợi"], "Toàn quốc"),
])
def test_impact_is_formatted_the_vietnamese_way(pages, slug, figures, scope):
    page = pages(f"sang-kien/{slug}/")
    impact = page.main.one("section.gb-impact")
    assert impact.one("h2").text == "Hiệu quả"
    assert [li.text for li in impact.select("ul.gb-figures li")] == figures
    if scope:
        assert facts(page)["Phạm vi áp dụng"].text == scope


def test_a_full_date_is_shown_dd_mm_yyyy(pages):
    page = pages("sang-kien/tram-sac-xe-may-dien-dung-nang-luong-mat-troi-tai-chung-cu/")  # applied_since: 2024-10-01
    assert facts(page)["Áp dụng từ"].text == "01/10/2024"


def test_images_have_alt_text_credit_and_are_published(pages, site):
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    figure = page.main.one("section.gb-images figure")
    img = figure.one("img")
    assert img.get("alt") == \
        "Hình minh họa các luống cây giống xanh trong vườn ươm, phía sau là con đường làng"
    # The page shows a resized copy (tests/test_open_data.py checks them) and links the original.
    assert page.target(img.get("src")).startswith("images/_r/")
    target = page.target(figure.one("a.gb-image").get("href"))
    assert target == "images/quang-nam/vuon-uom-nong-thon-moi.jpg"
    with Image.open(site / target) as published, \
            Image.open(ROOT / "images/quang-nam/vuon-uom-nong-thon-moi.jpg") as source:
        assert published.size == source.size  # decoded and written anew (tests/test_hostile_images.py)
    caption = figure.one("figcaption")
    assert caption.text.startswith("Vườn ươm nông thôn mới (hình vẽ minh họa)")
    assert caption.one(".gb-credit").text == "Ảnh: Minh họa"


def test_every_image_on_every_page_has_alt_text_and_exists(site, pages):
    for file in html_files(site):
        page = pages(url_of(site, file))
        for img in page.main.select("img"):
            # A card's thumbnail stands next to the record's title link: decorative, alt="" on purpose.
            decorative = "gb-card__picture" in (img.get("class") or "")
            assert img.get("alt") or (decorative and img.get("alt") == ""), f"{page.url}: image without alt text"
            src = img.get("src")
            if not src.startswith(("http:", "https:", "data:")):
                assert page.exists(page.target(src)), f"{page.url}: missing image {src}"


def test_sources_are_listed_with_publisher_and_date(pages):
    page = pages("sang-kien/lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu/")
    sources = page.main.one("section.gb-sources")
    assert sources.one("h2").text == "Nguồn tham khảo"
    item = [li for li in sources.select("li") if li.one("a").text == "Lò sấy vải tiết kiệm nhiên liệu"][0]
    link = item.one("a")
    assert link.get("href") == "https://example.org/bao-bac-giang/lo-say-vai"
    assert link.text == "Lò sấy vải tiết kiệm nhiên liệu"
    assert item.text.endswith("— Báo Bắc Giang, 05/07/2018")
    assert "noopener" in link.get("rel")
    # A source without a date (the article gives none) shows its publisher alone.
    undated = pages("sang-kien/vuon-uom-nong-thon-moi/").main.one("section.gb-sources").one("li")
    assert undated.text.endswith("— Tạp chí Mặt trận")


def test_related_records_share_the_field_or_the_current_province(pages, published):
    by_slug = {e.slug: e for e in published}
    page = pages("sang-kien/vuon-uom-nong-thon-moi/")
    related = page.main.one("section.gb-related")
    assert related.one("h2").text == "Hồ sơ liên quan"
    slugs = card_slugs(related)
    assert "tu-ao-tinh-thuong" in slugs  # same current province (Đà Nẵng), published
    assert "vuon-uom-nong-thon-moi" not in slugs
    me = by_slug["vuon-uom-nong-thon-moi"]
    for slug in slugs:
        other = by_slug[slug]
        assert other.current == me.current or getattr(other.record, "field", None) == me.record.field
    for a in related.select("a.gb-card__title"):
        assert page.exists(page.target(a.get("href")))


def test_collective_page_lists_models_and_links_its_initiatives(pages):
    page = pages("tap-the/uy-ban-mttq-thi-xa-dien-ban/")
    article = page.main.one("article.gb-record")
    assert article.one("h1").text == "Ủy ban MTTQ thị xã Điện Bàn"
    assert [li.text for li in article.select("section.gb-models li")] == \
        ["Vườn ươm nông thôn mới", "Tuyến đường hoa tự quản (minh họa)"]
    initiatives = article.one("section.gb-initiatives")
    assert initiatives.one("h2").text == "Sáng kiến của tập thể"
    assert page.links(initiatives) == {"Vườn ươm nông thôn mới": "sang-kien/vuon-uom-nong-thon-moi/"}
    shown = facts(page)
    assert shown["Tỉnh, thành phố"].text == "Quảng Nam — nay thuộc thành phố Đà Nẵng (từ 01/07/2025)"
    assert shown["Loại tập thể"].text == "Cơ quan, đơn vị"
    assert shown["Khen thưởng"].text == \
        "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Quảng Nam; Quyết định số 03/QĐ-MTTQ-BTT (minh họa), ngày 20/12/2023"
    assert page.links(shown["Ấn phẩm"]) == {"Sách vàng Sáng tạo Việt Nam 2024": "an-pham/2024/"}
    achievements = article.one("section.gb-body")
    assert achievements.one("h2").text == "Thành tích"
    assert len(achievements.select("li")) == 3


def test_collective_page_links_only_published_initiatives(pages):
    # Hội LHPN Quảng Nam lists tu-ao-tinh-thuong (published) and mot-ngay-vi-phu-nu-ngheo (withdrawn).
    page = pages("tap-the/hoi-lien-hiep-phu-nu-tinh-quang-nam/")
    assert card_slugs(page.main.one("section.gb-initiatives")) == ["tu-ao-tinh-thuong"]
    assert [li.text for li in page.main.select("section.gb-models li")] == \
        ["Một ngày vì phụ nữ nghèo", "Bữa cơm từ thiện", "Tủ áo tình thương"]


def test_unpublished_collective_author_is_named_but_not_linked(pages):
    # The published initiative names hop-tac-xa-dua-sap-h (not selected) as an author.
    page = pages("sang-kien/nhan-giong-dua-sap-bang-nuoi-cay-phoi-quy-mo-hop-tac-xa/")
    authors = page.main.one("section.gb-authors")
    assert not any("hop-tac-xa-dua-sap-h" in (a.get("href") or "") for a in authors.select("a"))
    assert "hop-tac-xa-dua-sap-h" not in page.html


# ---------------------------------------------------------------- 2. provinces

def test_a_historic_record_is_listed_on_its_current_province_under_the_historic_heading(pages):
    page = pages("tinh-thanh/da-nang/")
    assert page.main.one("h1").text == "Thành phố Đà Nẵng"
    quang_nam = page.main.one("section#quang-nam")
    assert quang_nam.one("h2").text.startswith("Quảng Nam — trước 01/07/2025")
    assert "4 hồ sơ" in quang_nam.one("h2").text
    assert card_slugs(quang_nam) == ["hoi-lien-hiep-phu-nu-tinh-quang-nam", "tu-ao-tinh-thuong",
                                     "uy-ban-mttq-thi-xa-dien-ban", "vuon-uom-nong-thon-moi"]
    assert page.links(quang_nam)["Vườn ươm nông thôn mới"] == "sang-kien/vuon-uom-nong-thon-moi/"
    old_da_nang = page.main.one("section#da-nang")
    assert old_da_nang.one(".gb-empty").text.startswith("Chưa có")
    # the lead names both predecessors and links their pages
    lead = page.main.one(".gb-lead")
    assert page.links(lead) == {"thành phố Đà Nẵng": "tinh-thanh/truoc-2025/da-nang/",
                                "tỉnh Quảng Nam": "tinh-thanh/truoc-2025/quang-nam/"}
    assert "trên cơ sở thành phố Đà Nẵng và tỉnh Quảng Nam." in lead.text  # lower case mid-sentence, «và»


def test_a_merged_province_keeps_each_predecessor_apart(pages):
    page = pages("tinh-thanh/lao-cai/")  # Lào Cai (cũ) + Yên Bái
    assert card_slugs(page.main.one("section#lao-cai")) == [
        "hop-tac-xa-nong-nghiep-a", "nhom-ho-lien-ket-nhan-ho-tro-tu-lieu-san-xuat-xoay-vong"]
    assert card_slugs(page.main.one("section#yen-bai")) == ["may-cao-va-thai-vo-que-lien-hoan"]
    assert page.main.one("section#yen-bai h2").text.startswith("Yên Bái")
    page = pages("tinh-thanh/bac-ninh/")
    assert card_slugs(page.main.one("section#bac-giang")) == [
        "lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu"]


def test_all_34_current_province_pages_exist_and_empty_ones_say_so(site, pages, register, published):
    current = list(register.current)
    assert len(current) == 34
    built = {p.parent.name for p in (site / "tinh-thanh").glob("*/index.html")} - {"truoc-2025"}
    assert built == {p.slug for p in current}
    counts = Counter(e.current.slug for e in published)
    empty = 0
    for province in current:
        page = pages(f"tinh-thanh/{province.slug}/")
        assert page.main.one("h1").text == province.full_name
        said_empty = [n.text for n in page.main.select("p.gb-empty") if n.parent is page.main]
        if counts[province.slug]:
            assert not said_empty, province.slug
            assert sorted(card_slugs(page.main)) == sorted(e.slug for e in published
                                                           if e.current.slug == province.slug)
        else:
            empty += 1
            assert len(said_empty) == 1 and said_empty[0].startswith("Chưa có"), province.slug
            assert not card_slugs(page.main)
    assert empty == 34 - len(counts) > 0
    assert pages("tinh-thanh/cao-bang/").main.one("p.gb-empty").text == \
        "Chưa có sáng kiến hay tập thể tiêu biểu nào của tỉnh Cao Bằng được công bố."


def test_all_63_historic_province_pages_exist_and_point_to_their_successor(site, pages, register, published):
    historic = list(register.historic)
    assert len(historic) == 63
    built = {p.parent.name for p in (site / "tinh-thanh" / "truoc-2025").glob("*/index.html")}
    assert built == {p.slug for p in historic}
    for province in historic:
        page = pages(f"tinh-thanh/truoc-2025/{province.slug}/")
        assert page.main.one("h1").text == f"{province.full_name} (trước {province.changed_on:%d/%m/%Y})"
        successor = page.main.one("a.gb-successor")
        assert page.target(successor.get("href")) == f"tinh-thanh/{register.successor(province).slug}/"
        assert page.exists(page.target(successor.get("href")))
        assert sorted(card_slugs(page.main)) == sorted(
            e.slug for e in published if e.historic is not None and e.historic.slug == province.slug)
    quang_nam = pages("tinh-thanh/truoc-2025/quang-nam/").main.one(".gb-lead").text
    assert "Quảng Nam nay thuộc thành phố Đà Nẵng" in quang_nam
    hue = pages("tinh-thanh/truoc-2025/thua-thien-hue/").main.one(".gb-lead").text
    assert "Thừa Thiên Huế nay là thành phố Huế" in hue


def _names_and_counts(page: Page, ul: Node) -> list[tuple[str, str, int]]:
    out = []
    for li in ul.children:
        if isinstance(li, Node) and li.tag == "li":
            a = li.one("a")
            count = li.one(".gb-count").text
            assert re.fullmatch(r"[\d.]+ hồ sơ", count), count
            out.append((a.text, page.target(a.get("href")), int(count.split()[0].replace(".", ""))))
    return out


def test_provinces_index_groups_by_region_with_counts_in_vietnamese_order(pages, register, published):
    page = pages("tinh-thanh/")
    regions = page.main.select("section.gb-region")
    assert [r.one("h2").text for r in regions] == [region.name for region in register.regions]
    assert "Đồng bằng sông Cửu Long" in [r.one("h2").text for r in regions]
    current_counts = Counter(e.current.slug for e in published)
    historic_counts = Counter(e.historic.slug for e in published if e.historic is not None)
    seen_current, seen_historic, python_order_differs = [], [], False
    for region in regions:
        current_ul = [ul for ul in region.select("ul.gb-provinces") if ul.parent is region][0]
        historic_ul = region.one("details ul.gb-provinces")
        for ul, era, counts, seen in ((current_ul, "", current_counts, seen_current),
                                      (historic_ul, "truoc-2025/", historic_counts, seen_historic)):
            rows = _names_and_counts(page, ul)
            names = [name for name, _, _ in rows]
            assert names == sorted(names, key=sort_key), f"{region.one('h2').text}: not in Vietnamese order"
            python_order_differs |= names != sorted(names)
            for name, target, count in rows:
                slug = target.removeprefix("tinh-thanh/" + era).rstrip("/")
                assert target == f"tinh-thanh/{era}{slug}/" and page.exists(target)
                assert count == counts[slug], f"{name}: {count} shown, {counts[slug]} published"
                seen.append(slug)
    assert sorted(seen_current) == sorted(p.slug for p in register.current)
    assert sorted(seen_historic) == sorted(p.slug for p in register.historic)
    assert python_order_differs  # the data exercises Vietnamese order (Đ after D, not after Z)
    rows = {name: count for name, _, count in _names_and_counts(page, regions[-1].select("ul.gb-provinces")[0])}
    assert rows["Cần Thơ"] == 2 and rows["Đồng Tháp"] == 1 and rows["Cà Mau"] == 0


def _tilemap(page: Page) -> Node:
    return page.main.one("svg.gb-tilemap")


@pytest.mark.parametrize("url", ["tinh-thanh/", ""])
def test_tile_map_links_34_provinces_and_the_islands(pages, register, published, url):
    page = pages(url)
    svg = _tilemap(page)
    name = svg.get("aria-label") or svg.one(f"title#{svg.get('aria-labelledby')}").text
    assert "34 tỉnh, thành phố" in name  # the map has an accessible name
    counts = Counter(e.current.slug for e in published)
    tiles = {}
    islands = {}
    for a in svg.select("a"):
        target = page.target(a.get("href"))
        assert page.exists(target), target
        rects = a.select("rect")
        if rects:
            slug = target.removeprefix("tinh-thanh/").rstrip("/")
            tiles[slug] = (int(rects[0].get("data-count")), a.get("aria-label"), a.text)
        else:
            islands[a.text] = target
    assert sorted(tiles) == sorted(p.slug for p in register.current)
    for province in register.current:
        count, label, text = tiles[province.slug]
        assert count == counts[province.slug], province.slug
        assert label == f"{province.full_name}: {count} hồ sơ"
        assert text.endswith(str(count))
    assert tiles["da-nang"][0] == 4 and tiles["cao-bang"][0] == 0
    hoang_sa = [t for name, t in islands.items() if "Hoàng Sa" in name]
    truong_sa = [t for name, t in islands.items() if "Trường Sa" in name]
    assert hoang_sa == ["tinh-thanh/da-nang/"] and truong_sa == ["tinh-thanh/khanh-hoa/"]
    assert len(islands) == 2


def test_tile_map_shades_tiles_by_count(pages):
    svg = _tilemap(pages("tinh-thanh/"))
    fills = {}
    for rect in svg.select("rect"):
        fills.setdefault(int(rect.get("data-count")), set()).add(rect.get("fill"))
    assert all(len(colours) == 1 for colours in fills.values())  # one colour per count
    assert fills[0] != fills[1] != fills[4]


# ---------------------------------------------------------------- 3. fields, editions, kinds

def test_a_page_per_field_with_its_records_and_count(site, pages, published):
    built = {p.parent.name for p in (site / "linh-vuc").glob("*/index.html")}
    assert built == set(FIELDS) and len(built) == 13
    for slug, label in FIELDS.items():
        page = pages(f"linh-vuc/{slug}/")
        assert page.main.one("h1").text == label
        expected = sorted(e.slug for e in published if getattr(e.record, "field", None) == slug)
        assert sorted(card_slugs(page.main)) == expected
        assert f"{len(expected)} sáng kiến" in page.main.one(".gb-lead").text
    assert pages("linh-vuc/nong-nghiep/").main.one("h1").text == "Nông nghiệp, nông thôn"


def test_fields_index_lists_13_fields_in_vietnamese_order_with_counts(pages, published):
    page = pages("linh-vuc/")
    items = page.main.select("ul.gb-index li")
    labels = [li.one("a").text for li in items]
    assert sorted(labels) == sorted(FIELDS.values())
    assert labels == sorted(labels, key=sort_key)
    counts = Counter(getattr(e.record, "field", None) for e in published)
    by_label = {label: slug for slug, label in FIELDS.items()}
    for li in items:
        slug = by_label[li.one("a").text]
        assert page.target(li.one("a").get("href")) == f"linh-vuc/{slug}/"
        assert li.one(".gb-count").text == f"{counts[slug]} sáng kiến"


def test_a_page_per_edition_with_its_records(site, pages, published):
    editions = {e.edition for e in published}
    assert editions == {2019, 2021, 2023, 2024, 2025}
    built = {p.parent.name for p in (site / "an-pham").glob("*/index.html")}
    assert built == {str(year) for year in editions}
    for year in editions:
        page = pages(f"an-pham/{year}/")
        assert page.main.one("h1").text == f"Sách vàng Sáng tạo Việt Nam {year}"
        expected = sorted(e.slug for e in published if e.edition == year)
        assert sorted(card_slugs(page.main)) == expected
        assert page.main.one(".gb-lead").text.startswith(f"{len(expected)} hồ sơ")
    index = pages("an-pham/")
    years = [li.one("a").text for li in index.main.select("ul.gb-index li")]
    assert years == [f"Sách vàng Sáng tạo Việt Nam {y}" for y in sorted(editions, reverse=True)]


@pytest.mark.parametrize("url, kind, title", [
    ("sang-kien/", "initiative", "Sáng kiến"), ("tap-the/", "collective", "Tập thể tiêu biểu")])
def test_kind_lists_show_every_record_of_the_kind_with_a_count(pages, published, url, kind, title):
    page = pages(url)
    expected = [e for e in published if e.kind == kind]
    assert page.main.one("h1").text == title
    assert page.main.one(".gb-lead .gb-count").text == f"{len(expected)} hồ sơ"
    shown = card_slugs(page.main)
    assert sorted(shown) == sorted(e.slug for e in expected)
    titles = [a.text for a in page.main.select("a.gb-card__title")]
    assert titles == sorted(titles, key=sort_key)


# ---------------------------------------------------------------- 4. home page

def test_home_page_shows_figures_latest_edition_and_tile_map(pages, published):
    page = pages("")
    figures = [li.text for li in page.main.select("ul.gb-figures--home li")]
    initiatives = sum(e.kind == "initiative" for e in published)
    assert figures == [
        f"{len(published)} hồ sơ", f"{initiatives} sáng kiến", f"{len(published) - initiatives} tập thể tiêu biểu",
        f"{len({e.current.slug for e in published})} tỉnh, thành phố", "13 lĩnh vực", "5 ấn phẩm"]
    assert figures[0] == "27 hồ sơ"
    latest = page.main.one(".gb-snippet--latest")
    assert page.links(latest)["2025"] == "an-pham/2025/"
    assert sorted(card_slugs(latest)) == sorted(e.slug for e in published if e.edition == 2025)
    for a in latest.select("a.gb-card__title"):
        assert page.exists(page.target(a.get("href")))
    assert _tilemap(page) is not None
    assert "<!-- gb:" not in page.html  # every marker was replaced


# ---------------------------------------------------------------- 5. Vietnamese throughout

def test_every_page_is_in_vietnamese(site, pages):
    for file in html_files(site, with_404=True):
        page = pages(url_of(site, file))
        assert page.doc.one("html").get("lang") == "vi", page.url


_ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
_DAY = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")


def test_dates_in_generated_pages_are_dd_mm_yyyy(site, pages):
    """Every date the site writes (facts, recognitions, sources, leads) reads dd/mm/yyyy.

    Editors' own prose (summary, body, achievements) is theirs and is left out.
    """
    shown = 0
    for folder in ("sang-kien", "tap-the", "tinh-thanh", "linh-vuc", "an-pham"):
        for file in (site / folder).rglob("index.html"):
            text = pages(url_of(site, file)).main.text_without("gb-body", "gb-summary", "gb-impact")
            assert not _ISO_DATE.search(text), f"{file}: ISO date shown to readers"
            for found in _DAY.findall(text):
                assert re.fullmatch(r"\d\d/\d\d/\d{4}", found), f"{file}: {found} is not dd/mm/yyyy"
                shown += 1
    assert shown > 0


# ---------------------------------------------------------------- 6. navigation

def test_no_record_page_is_in_the_navigation(site, pages, records):
    record_urls = {f"{'sang-kien' if e.kind == 'initiative' else 'tap-the'}/{e.slug}/" for e in records}
    for file in html_files(site):
        page = pages(url_of(site, file))
        nav_links = []
        for nav in page.doc.select("nav.md-tabs") + page.doc.select("nav.md-nav--primary"):
            nav_links += [page.target(a.get("href")) for a in nav.select("a[href]")
                          if not a.get("href").startswith(("http", "#"))]
        assert nav_links, f"{page.url}: no navigation found"
        assert not record_urls & set(nav_links), f"{page.url}: a record is in the navigation"
        assert len(set(nav_links)) < 20, f"{page.url}: navigation has {len(set(nav_links))} links"
    nav = pages("").doc.one("nav.md-nav--primary")
    targets = {page_url for page_url in pages("").links(nav).values()}
    assert {"tinh-thanh/", "linh-vuc/", "an-pham/", "sang-kien/", "tap-the/"} <= targets


# ---------------------------------------------------------------- privacy: nothing unpublished, no contact

def test_nothing_unpublished_appears_anywhere(site, records):
    hidden = [e for e in records if e.status != "published"]
    assert {e.status for e in hidden} == {"nominated", "under_review", "recognized", "not_selected", "withdrawn"}
    files = [p for p in site.rglob("*") if p.is_file()]
    # the search index (manifest, term shards, document shards) and the sitemap are scanned too
    assert site / "search" / "manifest.json" in files and site / "sitemap.xml" in files
    assert any(p.parent == site / "search" / "docs" for p in files)
    contents = {p: p.read_bytes() for p in files}
    for entry in hidden:
        needle = entry.slug.encode()
        leaked = [p.relative_to(site).as_posix() for p, data in contents.items() if needle in data]
        assert not leaked, f"unpublished {entry.slug} ({entry.status}) appears in {leaked}"
    # nor the images only unpublished records show
    published_images = {i.src for e in records if e.status == "published" for i in e.record.images}
    for entry in hidden:
        for image in entry.record.images:
            if image.src not in published_images:
                assert not (site / "images" / image.src).exists(), image.src


def test_no_contact_detail_appears_anywhere(site, records):
    values = set()
    for entry in records:
        contact = getattr(entry.record, "contact", None)
        if contact:
            values |= {v for v in (contact.phone, contact.email, contact.address) if v}
    assert {"0900 000 001", "lienhe@example.org", "Số 1 đường Ví Dụ, phường Minh Họa"} <= values
    needles = {v.encode("utf-8") for v in values}
    # Material's search index stores text JSON-escaped: check the escaped forms too.
    needles |= {v.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00") for v in values}
    for path in (p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"contact detail {needle!r} in {path.relative_to(site)}"
