"""Search, core side (issue 5): folding, tokens, the index files, privacy, determinism;
and the synthetic record generator the scale benchmark uses.

The browser side (the same queries typed into headless Chromium) is in
``test_search_browser.py``; it compares the browser's answers with
``goldenbook.search.query``, whose semantics are tested here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenbook.catalog import build_catalog
from goldenbook.provinces import load_register
from goldenbook.records import scan
from goldenbook.search import build_index, decode, encode, page_text, search_fold, tokens, words
from goldenbook.search.folding import js_tables, marked_tokens, spelling
from goldenbook.search.index import FOLDER, PageText, documents
from goldenbook.search.query import Searcher, Term, parse
from goldenbook.text import fold, slugify

ROOT = Path(__file__).resolve().parent.parent

#: Text as editors and phones produce it: Vietnamese letters in both tone placements,
#: capitals, NFD, punctuation, digits, and some other scripts and case-folding oddities.
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" \
        "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
EXTRA = " \t\n\u00a0\u2003-–—,.;:!?“”()/0123456789ßẞſﬁİıΣσςÆæØøŁłÞ\u0300\u0301\u0303\u0309\u0323\u034f"
texts = st.text(alphabet=st.sampled_from(VIETNAMESE + TONED + EXTRA), max_size=40) | \
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Co", "Cn")), max_size=20)


@pytest.fixture(scope="module")
def entries():
    result = scan(ROOT)
    assert result.ok
    return result.entries


@pytest.fixture(scope="module")
def public(entries):
    return build_catalog(entries)


@pytest.fixture(scope="module")
def public_files(public):
    return build_index(public, [PageText("gioi-thieu/", "Giới thiệu", "Sách vàng Sáng tạo Việt Nam ra đời năm 2016.")])


# ---------------------------------------------------------------- folding and tokens

@pytest.mark.parametrize("text, expected", [
    ("Hà Nội", ["ha", "noi"]),
    ("Đà Nẵng", ["da", "nang"]),
    ("ĐÀ NẴNG", ["da", "nang"]),
    ("Hòa Bình", ["hoa", "binh"]),  # new-style tone placement
    ("Hoà Bình", ["hoa", "binh"]),  # old-style
    (unicodedata.normalize("NFD", "Hoà Bình"), ["hoa", "binh"]),  # NFD, as some phones type
    ("Bà Rịa–Vũng Tàu", ["ba", "ria", "vung", "tau"]),
    ("“Đoàn kết sáng tạo” 2,8 tỷ", ["doan", "ket", "sang", "tao", "2", "8", "ti"]),  # tỷ/tỉ: one word
    ("04/QĐ-MTTQ-BTT", ["04", "qd", "mttq", "btt"]),
    ("Straße", ["strasse"]),  # case folding, not just lowercasing
])
def test_tokens_fold_accents_d_and_tone_placement(text, expected):
    assert tokens(text) == expected


@settings(max_examples=400, deadline=None)
@given(texts)
def test_search_fold_is_text_fold(text):
    assert search_fold(text) == fold(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_tokens_are_the_words_of_the_folded_text(text):
    # tokens() works piece by piece between spaces, with a cache: same result as folding whole
    assert tokens(text) == [spelling(w) for w in words(fold(text))]
    assert [t for t, _ in marked_tokens(text)] == tokens(text)
    assert tokens(text) == tokens(unicodedata.normalize("NFD", text)) == tokens(unicodedata.normalize("NFC", text))


def test_python_words_are_letters_and_digits_as_in_javascript():
    # folding.py relies on Python's [^\W_] being exactly JavaScript's [\p{L}\p{N}]
    pattern = re.compile(r"[^\W_]")
    odd = [c for c in range(sys.maxunicode + 1)
           if bool(pattern.match(chr(c))) != (unicodedata.category(chr(c))[0] in "LN")]
    assert odd == []


def test_javascript_tables_are_generated_from_python_unicode_data():
    tables = json.loads(js_tables())
    assert tables["casefold"]["ß"] == "ss" and tables["casefold"]["ſ"] == "s"
    assert "\\u{300}-\\u{34e}" in tables["combining"]  # U+034F (grapheme joiner) has class 0: kept, like Python
    assert "\\u{a0}" in tables["spaces"] and "\\u{1c}-\\u{20}" in tables["spaces"]


@pytest.mark.parametrize("text, expected", [
    ("quý quí QUỸ quĩ", ["qui"] * 4),
    ("kỹ thuật kĩ", ["ki", "thuat", "ki"]),
    ("Lý Lí Mỹ Mĩ sỹ sĩ tỷ tỉ hy hi", ["li", "li", "mi", "mi", "si", "si", "ti", "ti", "hi", "hi"]),
    ("tay tai tuy tui quay quyết y tế ý", ["tay", "tai", "tuy", "tui", "quay", "quyet", "y", "te", "y"]),
])
def test_older_i_y_spelling_folds_alike(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Đà Nẵng", [("da", "da:d1"), ("nang", "nang:a3")]),
    ("Hoà hòa HOÀ", [("hoa", "hoa:1")] * 3),  # where the tone mark sits does not count
    ("than đá, da", [("than", ""), ("da", "da:d4"), ("da", "")]),  # no marks typed: no particular form asked
    ("quỹ quĩ", [("qui", "qui:3")] * 2),
    ("Rịa–Vũng", [("ria", "ria:5"), ("vung", "vung:3")]),
])
def test_marked_tokens_keep_the_typed_diacritics(text, expected):
    assert marked_tokens(text) == expected


@pytest.mark.parametrize("query, expected", [
    ("ha noi", [Term("ha", False), Term("noi", True)]),
    ("ha noi ", [Term("ha", False), Term("noi", False)]),
    ("Hà Nộ", [Term("ha", False, "ha:1"), Term("no", True, "no:c5")]),
    (unicodedata.normalize("NFD", "Hà Nội"), [Term("ha", False, "ha:1"), Term("noi", True, "noi:c5")]),
    ("ha ha", [Term("ha", False), Term("ha", True)]),
    ("  ,. ", []),
])
def test_query_words_all_exact_but_the_last_one_being_typed(query, expected):
    assert parse(query) == expected


# ---------------------------------------------------------------- document sets

@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=20_000), max_size=400))
def test_document_sets_round_trip(ids):
    ordered = sorted(ids)
    text = encode(ordered)
    assert decode(text) == ordered
    assert re.fullmatch(r"~?[0-9A-Za-z_-]*", text)  # JSON-safe, no escaping needed


def _reference_encode(ids: list[int]) -> str:
    """The definition of ``encode``: gaps as base-32 varints, or the bitmap when shorter."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
    if not ids:
        return ""
    out, previous = [], -1
    for doc in ids:
        gap = doc - previous - 1
        while gap >= 32:
            out.append(alphabet[32 | (gap & 31)])
            gap >>= 5
        out.append(alphabet[gap])
        previous = doc
    cells = [0] * (ids[-1] // 6 + 1)
    for doc in ids:
        cells[doc // 6] |= 1 << (doc % 6)
    bitmap = "~" + "".join(alphabet[c] for c in cells)
    return bitmap if len(bitmap) < len(out) else "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sets(st.integers(min_value=0, max_value=20_000), max_size=400),
                 st.sets(st.integers(min_value=0, max_value=300), max_size=300)))
def test_document_sets_are_encoded_as_defined(ids):
    ordered = sorted(ids)
    assert encode(ordered) == _reference_encode(ordered)


def test_dense_sets_become_bitmaps_and_sparse_sets_gap_lists():
    dense = encode(list(range(0, 10_000, 2)))
    sparse = encode([5, 900, 9_999])
    assert dense.startswith("~") and len(dense) <= 10_000 // 6 + 2
    assert not sparse.startswith("~") and len(sparse) < 10


# ---------------------------------------------------------------- the index of the example records

def test_index_files_and_manifest(public, public_files):
    manifest = json.loads(public_files[f"{FOLDER}/manifest.json"])
    assert set(public_files) == {f"{FOLDER}/manifest.json", f"{FOLDER}/facets.json", f"{FOLDER}/words.json"} | \
        {f"{FOLDER}/terms/{n}.json" for n in range(len(manifest["shards"]))} | \
        {f"{FOLDER}/docs/{n}.json" for n in range(-(-manifest["documents"] // manifest["chunk"]))}
    assert manifest["records"] == len(public.entries)
    assert [slug for slug, _ in manifest["labels"]["current"]] == [p.slug for p in load_register().current]
    assert manifest["labels"]["edition"] == sorted(public.by_edition)
    assert manifest["shards"] == sorted(manifest["shards"])
    facets = json.loads(public_files[f"{FOLDER}/facets.json"])
    assert {len(column) for column in facets.values()} == {len(public.entries)}


def test_every_record_is_found_by_its_title_in_first_place_among_records(public, public_files):
    searcher = Searcher(public_files)
    first = searcher.manifest["first_record"]
    for number, entry in enumerate(public.entries):
        found = searcher.search(entry.title)
        assert first + number in found, entry.slug
        # nothing ranks above it except documents with all the title's words in their title too
        rank = found.index(first + number)
        titles = searcher.titles(found[:rank])
        assert all(set(tokens(entry.title)) <= set(tokens(t)) for t in titles), (entry.slug, titles)


def _titles(searcher: Searcher, query: str) -> list[str]:
    return searcher.titles(searcher.search(query))


def test_accent_free_queries_find_the_places(public, public_files):
    searcher = Searcher(public_files)
    ha_noi = _titles(searcher, "ha noi")
    hanoi_records = {e.title for e in public.entries if e.current.slug == "ha-noi"}
    assert hanoi_records and set(ha_noi[:len(hanoi_records)]) == hanoi_records  # its records first
    assert "Thành phố Hà Nội" in ha_noi  # then the province page, whose title has both words
    da_nang = _titles(searcher, "da nang")
    # Quảng Nam's records are in Đà Nẵng now: found by the current name, first
    in_da_nang = {e.title for e in public.entries if e.current.slug == "da-nang"}
    assert set(da_nang[:len(in_da_nang)]) == in_da_nang
    assert "Tủ áo tình thương" in da_nang
    # tone placement and NFD do not matter
    variants = ["hoa binh", "Hòa Bình", "Hoà Bình", unicodedata.normalize("NFD", "Hoà Bình"), "HOÀ BÌNH"]
    results = [searcher.search(v) for v in variants]
    assert all(r == results[0] for r in results)
    assert "Tỉnh Hòa Bình (trước 01/07/2025)" in searcher.titles(results[0])


def test_records_come_before_pages_and_pages_only_when_their_title_matches(public_files):
    files = build_index(build_catalog(scan(ROOT).entries),
                        [PageText("huong-dan/", "Hướng dẫn biên tập", "Điện mặt trời, nước sạch, Quảng Nam.")])
    searcher = Searcher(files)
    first, records = searcher.manifest["first_record"], searcher.manifest["records"]
    for query in ("dien mat troi", "quang nam", "ha noi", "nong nghiep"):
        found = searcher.search(query)
        kinds = [first <= d < first + records for d in found]
        assert kinds == sorted(kinds, reverse=True), query  # records, then pages
        assert "Hướng dẫn biên tập" not in searcher.titles(found), query  # the guide only mentions it
    assert _titles(searcher, "huong dan bien tap") == ["Hướng dẫn biên tập"]


def test_every_query_word_must_match_and_the_last_is_a_prefix(public_files):
    searcher = Searcher(public_files)
    assert _titles(searcher, "tu ao tinh thuong")[0] == "Tủ áo tình thương"
    assert "Tủ áo tình thương" in _titles(searcher, "tu ao tinh th")  # still typing
    finished = searcher.search_all("tu ao tinh th ")  # "th" finished: no such word, so no strict match
    assert finished.note != "" and finished.suggestions
    result = searcher.search_all("tu ao xyzzy")
    assert result.note == "partial" and searcher.titles(result.hits)[0] == "Tủ áo tình thương"


def test_a_prefix_weighs_less_than_a_whole_word(public_files):
    searcher = Searcher(public_files)
    found = searcher.slugs(searcher.search("Dien Ban"))  # «ban» whole beats «bằng», «bàn» is «ban» too
    assert found[:2] == ["uy-ban-mttq-thi-xa-dien-ban", "vuon-uom-nong-thon-moi"]


def test_a_last_letter_after_words_completes_a_phrase(public_files):
    searcher = Searcher(public_files)
    # «c» alone would match every document with a word in c: after «văn» it is the initial of a name
    assert searcher.slugs(searcher.search("le van c")) == ["lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu"]
    assert searcher.slugs(searcher.search("tu ao t"))[0] == "tu-ao-tinh-thuong"  # «áo tình»


def test_typed_diacritics_prefer_documents_written_so(public_files):
    searcher = Searcher(public_files)
    plain, marked = searcher.search("da"), searcher.search("đá")
    assert set(plain) == set(marked)  # the same documents …
    rows = [searcher.row(d) for d in marked]
    assert rows[:2] != [searcher.row(d) for d in plain][:2]  # … in another order
    assert searcher.slugs(marked)[:2] == ["thuyet-minh-di-tich-bang-ma-qr-da-ngon-ngu",  # «đa ngôn ngữ»: đ typed
                                         "lo-say-vai-thieu-dung-khi-hoa-sinh-khoi-tiet-kiem-nhien-lieu"]  # «than đá»


def test_a_query_naming_a_facet_offers_it_and_ranks_its_records_first(public, public_files):
    searcher = Searcher(public_files)
    result = searcher.search_all("quang nam")
    assert result.facets == [["tinh-cu", "quang-nam", "tỉnh Quảng Nam (trước 01/07/2025)", "quang nam"]]
    historic = [e.slug for e in public.entries if e.historic and e.historic.slug == "quang-nam"]
    assert sorted(searcher.slugs(result.hits)[:len(historic)]) == sorted(historic)
    assert searcher.search_all("Đà Nẵng").facets[0][:2] == ["tinh", "da-nang"]
    assert searcher.search_all("nong nghiep").facets[0][:2] == ["linh-vuc", "nong-nghiep"]
    assert searcher.search_all("sach vang 2019").facets[0][:2] == ["an-pham", "2019"]
    found = searcher.slugs(searcher.search("tu ao quang nam"))
    assert found[0] == "tu-ao-tinh-thuong"
    # a name inside a longer query is offered, but the query's words rank: «quản lý» is a field's name
    long = searcher.search_all("phần mềm quản lý hồ sơ sức khỏe người cao tuổi")
    assert long.facets[0][:2] == ["linh-vuc", "quan-ly-hanh-chinh"]
    assert searcher.slugs(long.hits)[0] == "phan-mem-quan-ly-ho-so-suc-khoe-nguoi-cao-tuoi-tai-tram-y-te-xa"


def test_when_nothing_matches_something_is_offered(public_files):
    searcher = Searcher(public_files)
    typo = searcher.search_all("quang nma")
    assert typo.note == "corrected" and typo.shown_query == "quang nam" and typo.suggestions == ["quang nam"]
    assert searcher.slugs(typo.hits)[0] == "hoi-lien-hiep-phu-nu-tinh-quang-nam"
    example = searcher.search_all("nuoc sach ha tinh")  # the explore page's example
    assert example.note == "facets" and example.suggestions == ["nuoc sach"]
    assert searcher.slugs(example.hits)[0] == "cau-treo-dan-sinh-ket-cau-thep-lap-ghep"
    assert searcher.search_all("zzzzqqq").hits == []  # nothing near: the page offers the province and field pages


def test_hand_written_pages_are_searchable_by_title(public_files):
    searcher = Searcher(public_files)
    assert "Giới thiệu" in _titles(searcher, "gioi thieu")
    assert "Giới thiệu" not in _titles(searcher, "ra doi nam 2016")  # body text only: records come first


def test_short_prefixes_cost_at_most_max_span_shards(public_files):
    searcher = Searcher(public_files)
    for query in ("n", "t", "s", "th", "ng"):
        before = len(searcher.fetched)
        searcher.search(query)
        shards = [p for p in searcher.fetched[before:] if "/terms/" in p]
        assert len(shards) <= searcher.manifest["max_span"], query


def test_page_text_drops_markup_and_scripts():
    text = page_text("x/", "X", "<h2>Tiêu đề</h2><p>Đoạn <b>một</b>.</p><script>var a = 'bí mật'</script>")
    assert text.text == "Tiêu đề Đoạn một."


# ---------------------------------------------------------------- privacy

def _all_bytes(files: dict[str, bytes]) -> bytes:
    return b"\n".join(files.values())


def test_public_index_has_no_unpublished_record(entries, public_files):
    hidden = [e for e in entries if not e.public]
    assert hidden
    data = _all_bytes(public_files)
    searcher = Searcher(public_files)
    for entry in hidden:
        assert entry.slug.encode() not in data, entry.slug
    # (an unpublished title may still appear as text: "Một ngày vì phụ nữ nghèo" is also a model
    # named by a published collective; what must not exist is a result for the record)
    rows = [searcher.row(doc) for doc in range(searcher.manifest["documents"])]
    assert not {(e.title, e.slug) for e in hidden} & {(row[2], row[1]) for row in rows}
    assert not {e.title for e in hidden} & {row[2] for row in rows}


def test_preview_index_has_every_record(entries):
    files = build_index(build_catalog(entries, preview=True))
    searcher = Searcher(files)
    assert searcher.manifest["records"] == len(entries)
    for entry in entries:
        assert searcher.search(entry.title), entry.slug


def test_contacts_and_council_notes_are_never_indexed(entries):
    files = build_index(build_catalog(entries, preview=True))
    searcher = Searcher(files)
    data = _all_bytes(files)
    for entry in entries:
        contact, council = entry.record.contact, entry.record.council
        for value in ([contact.phone, contact.email, contact.address, contact.name] if contact else []):
            if value:
                assert value.encode() not in data
        if contact and contact.email:
            found = searcher.search_all(contact.email.split("@")[0] + " ")
            assert not found.hits or found.note in ("corrected", "partial")  # only other words' results
        if council and council.notes:
            assert council.notes.encode() not in data


# ---------------------------------------------------------------- determinism

def test_index_files_are_deterministic(public):
    pages = [PageText("a/", "A", "một hai ba")]
    assert build_index(public, pages) == build_index(public, pages)


def test_index_is_the_same_in_another_process():
    code = ("import hashlib, sys; from pathlib import Path; from goldenbook.records import scan; "
            "from goldenbook.catalog import build_catalog; from goldenbook.search import build_index; "
            "f = build_index(build_catalog(scan(Path(sys.argv[1])).entries)); "
            "print(hashlib.sha256(b''.join(k.encode() + f[k] for k in sorted(f))).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, str(ROOT)], env=env, capture_output=True, text=True,
                              check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_documents_keep_catalogue_order(public):
    docs, first, _ = documents(public, [])
    assert [d.target for d in docs[first:first + len(public.entries)]] == [e.slug for e in public.entries]


# ---------------------------------------------------------------- the built site

@pytest.mark.slow
def test_every_page_has_the_box_and_no_material_search(public_site):
    pages = list(public_site.rglob("index.html"))
    assert len(pages) > 100
    for path in pages[:: max(1, len(pages) // 40)]:
        html = path.read_text(encoding="utf-8")
        assert 'data-gb-search' in html, path
        assert 'assets/search.js' in html
    assert not (public_site / "search" / "search_index.json").exists()
    manifest = json.loads((public_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"] == len(build_catalog(scan(ROOT).entries).entries)


# ---------------------------------------------------------------- the synthetic records

@pytest.fixture(scope="module")
def synthetic_repo(tmp_path_factory):
    from goldenbook.synthetic import write_records

    folder = tmp_path_factory.mktemp("synthetic")
    paths = write_records(folder, 600, seed=0)
    return folder, paths


def test_synthetic_records_are_all_valid(synthetic_repo):
    folder, paths = synthetic_repo
    result = scan(folder)
    assert result.errors == []
    assert result.counts["valid"] == len(paths) == 600
    entries = result.entries
    published = sum(e.public for e in entries) / len(entries)
    assert 0.5 < published < 0.7
    assert {e.status for e in entries} == {"nominated", "under_review", "recognized", "published", "not_selected",
                                           "withdrawn"}
    assert {e.kind for e in entries} == {"initiative", "collective"}
    register = load_register()
    assert {e.historic.key for e in entries if e.historic} == {p.key for p in register.historic}
    assert {e.current.key for e in entries if e.historic is None} == {p.key for p in register.current}
    assert all(e.year > 2025 for e in entries if e.historic is None)  # the era rule
    assert {e.record.field for e in entries if e.kind == "initiative"} == set(
        __import__("goldenbook.vocabulary", fromlist=["FIELDS"]).FIELDS)
    assert any(getattr(a, "collective", None) for e in entries if e.kind == "initiative" for a in e.record.authors)
    assert any(e.record.initiatives for e in entries if e.kind == "collective")
    assert all(e.edition for e in entries if e.status == "published" and e.kind == "initiative")
    words_per_record = [len((e.record.summary + " " + (getattr(e.record, "body", None) or
                                                      getattr(e.record, "achievements", None) or "")).split())
                        for e in entries]
    assert 280 <= sum(words_per_record) / len(words_per_record) <= 420
    assert any(re.search("[àáảãạăâđêôơư]", e.title) for e in entries)


def test_synthetic_file_names_are_the_slugs(synthetic_repo):
    folder, paths = synthetic_repo
    for path in paths:
        assert path.parent.parent == folder / "initiatives"
    result = scan(folder)
    for entry in result.entries:
        assert Path(entry.source).stem.startswith(slugify(entry.title))


def test_synthetic_records_are_deterministic(tmp_path):
    from goldenbook.synthetic import write_records

    first = write_records(tmp_path / "a", 40, seed=3)
    second = write_records(tmp_path / "b", 40, seed=3)
    other = write_records(tmp_path / "c", 40, seed=4)
    read = lambda paths, base: {p.relative_to(base).as_posix(): p.read_bytes() for p in paths}  # noqa: E731
    assert read(first, tmp_path / "a") == read(second, tmp_path / "b")
    assert read(first, tmp_path / "a") != read(other, tmp_path / "c")


def test_synthetic_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "goldenbook.synthetic", str(tmp_path), "25", "--seed", "7"],
                          capture_output=True, text=True, check=True)
    assert "25" in done.stdout
    assert len(list((tmp_path / "initiatives").rglob("*.yml"))) == 25


def test_shipped_folding_tables_match_this_python():
    """The tables shipped for the browser are the ones this Python's Unicode database gives."""
    import unicodedata
    from importlib.resources import files

    from goldenbook.search.folding import TABLES_FILE, compute_js_tables

    stored = json.loads(files("goldenbook.search").joinpath(TABLES_FILE).read_text(encoding="utf-8"))
    if stored["unicode"] != unicodedata.unidata_version:
        pytest.skip(f"tables are for Unicode {stored['unicode']}; this Python has {unicodedata.unidata_version}")
    assert stored["tables"] == compute_js_tables()
