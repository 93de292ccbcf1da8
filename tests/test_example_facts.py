"""What the example records say about the movement rests on the two source articles (issue 21).

The records are illustrative, but a fact they attribute to the movement, a province or a real
organisation must be what the articles in ``shared/seeds/`` say; whatever is made up says
«minh họa». The sentences each test rests on are quoted here from the articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "initiatives"

#: «Hậu Giang phát động chương trình xây dựng 1.400 căn nhà “Đại đoàn kết”» (a headline, nothing more).
HAU_GIANG_HEADLINE = "Hậu Giang phát động chương trình xây dựng 1.400 căn nhà “Đại đoàn kết”"
#: «https://baolaocai.vn/nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao-post381622.html»
LAO_CAI_ARTICLE = ("https://baolaocai.vn/nhan-rong-cac-dien-hinh-tien-tien-trong-phong-trao-doan-ket-sang-tao"
                   "-post381622.html")
#: The Quảng Nam article: «Sáng 22/8, …» with no year, after «Kế hoạch số 179 ngày 6/9/2022».
QUANG_NAM_TITLE = "Quảng Nam: Lan tỏa tinh thần đoàn kết sáng tạo trong các tầng lớp nhân dân"


def _records() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in RECORDS.rglob("*.yml")}


def _text(record: dict) -> str:
    """Every text a record shows, joined (contact excluded: it is never shown)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "contact":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    return re.sub(r"\s+", " ", " ".join(out))


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return _records()


def _citing(records: dict[str, dict], title: str) -> dict[str, dict]:
    return {slug: record for slug, record in records.items()
            if any(source.get("title") == title for source in record.get("sources") or [])}


def test_the_hau_giang_figure_is_houses_and_both_records_name_the_same_launcher(records):
    citing = _citing(records, HAU_GIANG_HEADLINE)
    assert len(citing) == 2
    for slug, record in citing.items():
        assert (record.get("impact") or {}).get("beneficiaries") != 1400, slug  # 1.400 houses, not people
        # The headline's subject launched it; what the record adds about who organised it is marked.
        assert record["summary"].startswith("Hậu Giang phát động chương trình xây dựng 1.400 căn nhà"), slug
        assert "minh họa" in record["summary"], slug
    for slug, record in records.items():
        assert not re.search(r"1[.,]?400 (người|lượt)", _text(record)), slug


def test_decisions_and_awards_the_articles_do_not_name_are_marked(records):
    for slug in ("ban-van-dong-quy-vi-nguoi-ngheo-tinh-hau-giang", "uy-ban-mttq-thi-xa-dien-ban",
                 "hoi-lien-hiep-phu-nu-tinh-quang-nam", "hop-tac-xa-nong-nghiep-a"):
        assert records[slug]["recognition"]["decision"].endswith("(minh họa)"), slug


def test_a_figure_is_not_cited_by_a_record_older_than_the_article(records):
    # «… vận động tiết kiệm hơn 2,8 tỷ đồng …» is from the 22/8 talk held after the plan of 6/9/2022.
    for slug, record in records.items():
        if "2,8 tỷ" in _text(record):
            assert record["year"] >= 2023, slug


def test_source_dates_are_only_those_the_articles_give(records):
    for slug, record in _citing(records, QUANG_NAM_TITLE).items():
        for source in record["sources"]:
            assert "date" not in source, slug  # the article gives «22/8» and no year


def test_lao_cai_records_link_the_real_article(records):
    lao_cai = {slug: record for slug, record in records.items()
               if any("Lào Cai" in (source.get("publisher") or "") for source in record.get("sources") or [])}
    assert lao_cai
    for slug, record in lao_cai.items():
        assert [source["url"] for source in record["sources"]] == [LAO_CAI_ARTICLE], slug


def test_made_up_records_are_not_placed_in_the_real_lists(records):
    # «Hội Đồng thẩm định tỉnh đã đánh giá công nhận 46/120 sáng kiến …»; «… tặng Bằng khen cho 5 tập thể,
    # 10 cá nhân …»: an illustrative record may name those lists only to say it is not on them.
    for slug, record in records.items():
        text = _text(record)
        for claim in ("46/120", "5 tập thể"):
            if claim in text:
                assert "không thuộc danh sách đó" in text, (slug, claim)


def test_what_the_article_says_of_the_farmers_union_is_not_given_to_the_women_union(records):
    # «Hội Nông dân các cấp … thực hiện phong trào "Đoàn kết sáng tạo" gắn với phong trào của hội …»
    text = _text(records["hoi-lien-hiep-phu-nu-tinh-quang-nam"])
    assert "phong trào thi đua của Hội" not in text and "phong trào của hội" not in text.lower()


def test_dien_ban_is_credited_only_with_what_the_article_says_of_it(records):
    # «Một số Ủy ban MTTQ Việt Nam cấp huyện đã tổ chức tập huấn, hiệp thương phân công trách nhiệm …»:
    # said of some districts, not of Điện Bàn, which the article names for «Vườn ươm nông thôn mới».
    text = _text(records["uy-ban-mttq-thi-xa-dien-ban"])
    assert "tập huấn" not in text and "hiệp thương" not in text
    assert "Vườn ươm nông thôn mới" in text


def test_the_introduction_claims_only_what_the_sources_say():
    page = (ROOT / "content" / "gioi-thieu.md").read_text(encoding="utf-8")
    assert "tất cả các tỉnh" not in page and "hàng chục nghìn" not in page
    assert "46 trong số 120" in page and "11.700" in page


def test_every_page_says_the_records_are_illustrative(public_site):
    for page in ("index.html", "sang-kien/tu-ao-tinh-thuong/index.html", "tinh-thanh/index.html"):
        html = (public_site / page).read_text(encoding="utf-8")
        assert "Ví dụ minh họa" in html, page
